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

ColumnPage CutColumns(Pix* page) {
  ColumnPage out;
  out.gray.reset(pixConvertTo8(page, 0));
  if (!out.gray) return out;
  Pix* bin_raw = nullptr;
  if (pixOtsuAdaptiveThreshold(out.gray.get(), 2000, 2000, 0, 0, 0.0f, nullptr, &bin_raw) != 0 || !bin_raw) return out;
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

  std::vector<int> sizes;
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
    for (const Run& c : cells) {
      // The character's own ink across the column: a slightly skewed page
      // makes the column wider than any character in it, and each
      // character sits at a different place in it. Cut tight, every one is
      // centred alike when laid out.
      int left = cw, right = 0;
      for (int y = c.start; y < c.end; ++y) {
        for (int x = col.start; x < col.end; ++x) {
          if (!ink_at(x, y)) continue;
          left = std::min(left, x - col.start);
          right = std::max(right, x - col.start + 1);
        }
      }
      if (right <= left) {
        left = 0;
        right = cw;
      }
      line.cells.push_back(Box{col.start + left, c.start, right - left, c.size()});
      sizes.push_back(std::max(right - left, c.size()));
    }
    out.columns.push_back(std::move(line));
  }
  if (sizes.empty()) {
    out.columns.clear();
    return out;
  }
  std::nth_element(sizes.begin(), sizes.begin() + static_cast<ptrdiff_t>(sizes.size() / 2), sizes.end());
  out.char_size = std::max(1, sizes[sizes.size() / 2]);
  return out;
}

LaidOutLine LayOutColumn(const ColumnPage& page, const ColumnLine& column, const LineLayout& layout) {
  LaidOutLine out;
  const int slot = page.char_size;
  const int margin = static_cast<int>(slot * layout.margin), gap = static_cast<int>(slot * layout.gap);
  const int n = static_cast<int>(column.cells.size());
  PixHandle line(pixCreate(margin * 2 + n * (slot + gap), margin * 2 + slot, 8));
  if (!line) return out;
  pixSetAllArbitrary(line.get(), 255);
  std::vector<int> slot_x;
  int x = margin;
  for (const Box& c : column.cells) {
    // Centred in its slot at its own size; a rare character larger than a
    // slot is clipped to it rather than shifting its neighbours.
    const int cw = std::min(c.w, slot), ch = std::min(c.h, slot);
    pixRasterop(line.get(), x + (slot - cw) / 2, margin + (slot - ch) / 2, cw, ch, PIX_SRC, page.gray.get(),
                c.x + (c.w - cw) / 2, c.y + (c.h - ch) / 2);
    slot_x.push_back(x);
    x += slot + gap;
  }
  const float s = static_cast<float>(layout.char_px / slot);
  out.image.reset(pixScale(line.get(), s, s));
  if (!out.image) return out;
  for (int sx : slot_x) out.slot_x.push_back(static_cast<int>(static_cast<float>(sx) * s));
  out.slot_width = std::max(1, static_cast<int>(static_cast<float>(slot) * s));
  return out;
}

}  // namespace fangzhi::digitize
