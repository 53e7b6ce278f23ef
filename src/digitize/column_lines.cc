#include "digitize/column_lines.h"

#include <leptonica/allheaders.h>

#include <algorithm>

namespace fangzhi::digitize {
namespace {

struct Run {
  int start = 0, end = 0;  // [start, end)
  int size() const { return end - start; }
};

// Inked runs of a profile; values up to `threshold` count as white.
std::vector<Run> InkRuns(const std::vector<int>& ink, int threshold) {
  std::vector<Run> runs;
  int start = -1;
  for (int i = 0; i <= static_cast<int>(ink.size()); ++i) {
    const bool on = i < static_cast<int>(ink.size()) && ink[static_cast<size_t>(i)] > threshold;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      runs.push_back({start, i});
      start = -1;
    }
  }
  return runs;
}

int Peak(const std::vector<int>& v) { return v.empty() ? 0 : *std::max_element(v.begin(), v.end()); }

}  // namespace

void PixFree::operator()(Pix* p) const {
  if (p) pixDestroy(&p);
}

std::vector<ColumnLine> CutColumns(Pix* page) {
  std::vector<ColumnLine> out;
  PixHandle gray(pixConvertTo8(page, 0));
  if (!gray) return out;
  Pix* bin_raw = nullptr;
  if (pixOtsuAdaptiveThreshold(gray.get(), 2000, 2000, 0, 0, 0.0f, nullptr, &bin_raw) != 0 || !bin_raw) return out;
  PixHandle bin(bin_raw);
  const int w = static_cast<int>(pixGetWidth(bin.get())), h = static_cast<int>(pixGetHeight(bin.get()));
  const l_uint32* data = pixGetData(bin.get());
  const int wpl = pixGetWpl(bin.get());
  auto ink_at = [&](int x, int y) { return GET_DATA_BIT(data + static_cast<ptrdiff_t>(y) * wpl, x) != 0; };

  std::vector<int> cols(static_cast<size_t>(w), 0);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) cols[static_cast<size_t>(x)] += ink_at(x, y) ? 1 : 0;
  }
  std::vector<Run> columns = InkRuns(cols, Peak(cols) / 50);
  if (columns.empty()) return out;
  // Characters such as 川 leave white inside a column: runs closer than a
  // third of the typical column width belong together; slivers are noise.
  std::vector<int> widths;
  for (const Run& r : columns) widths.push_back(r.size());
  std::nth_element(widths.begin(), widths.begin() + static_cast<ptrdiff_t>(widths.size() / 2), widths.end());
  const int typical = std::max(8, widths[widths.size() / 2]);
  std::vector<Run> merged;
  for (const Run& r : columns) {
    if (!merged.empty() && r.start - merged.back().end < typical / 3) {
      merged.back().end = r.end;
    } else {
      merged.push_back(r);
    }
  }
  std::erase_if(merged, [&](const Run& r) { return r.size() < typical / 4; });
  // Right to left.
  std::reverse(merged.begin(), merged.end());

  for (const Run& col : merged) {
    const int cw = col.size();
    std::vector<int> rows(static_cast<size_t>(h), 0);
    for (int y = 0; y < h; ++y) {
      for (int x = col.start; x < col.end; ++x) rows[static_cast<size_t>(y)] += ink_at(x, y) ? 1 : 0;
    }
    const std::vector<Run> strokes = InkRuns(rows, std::max(1, Peak(rows) / 50));
    if (strokes.empty()) continue;
    // Cells: strokes are merged while the cell stays about square (a
    // character is as tall as its column is wide); 三 and 二 stay whole.
    std::vector<Run> cells;
    for (const Run& s : strokes) {
      if (!cells.empty() && s.end - cells.back().start <= cw + cw / 6) {
        cells.back().end = s.end;
      } else {
        cells.push_back(s);
      }
    }
    std::erase_if(cells, [&](const Run& c) { return c.size() < std::max(3, cw / 10); });
    if (cells.empty()) continue;
    ColumnLine line;
    line.column = Box{col.start, cells.front().start, cw, cells.back().end - cells.front().start};
    const int pad = std::max(4, cw / 4), gap = std::max(4, cw / 5);
    int cell_h = 0;
    for (const Run& c : cells) cell_h = std::max(cell_h, c.size());
    line.cell_width = cw;
    const int img_w = pad * 2 + static_cast<int>(cells.size()) * (cw + gap);
    const int img_h = pad * 2 + std::max(cell_h, cw);
    line.image.reset(pixCreate(img_w, img_h, 8));
    if (!line.image) continue;
    pixSetAllArbitrary(line.image.get(), 255);
    int x = pad;
    for (const Run& c : cells) {
      // Centred vertically in the line, as characters sit on a line.
      const int dy = pad + (img_h - 2 * pad - c.size()) / 2;
      pixRasterop(line.image.get(), x, dy, cw, c.size(), PIX_SRC, gray.get(), col.start, c.start);
      line.cells.push_back(Box{col.start, c.start, cw, c.size()});
      line.cell_x.push_back(x);
      x += cw + gap;
    }
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace fangzhi::digitize
