#include "check/source_map.h"

#include <algorithm>
#include <functional>

#include "check/node_text.h"
#include "text/utf8.h"

namespace fangzhi::check {

namespace {

constexpr size_t kNone = static_cast<size_t>(-1);

bool IsMarkup(char32_t c) {
  static constexpr std::u32string_view kMarks = U"*_`[]()!#|\\<>&~^";
  return kMarks.find(c) != std::u32string_view::npos;
}

// Aligns `seg` (decoded) with `src` from byte `from`; returns where it ended.
size_t Align(const std::string& src, const std::u32string& seg, size_t from, std::vector<size_t>* out) {
  out->assign(seg.size(), kNone);
  // An anchor: the first few characters of the segment without markup.
  size_t start = 0;
  while (start < seg.size() && (IsMarkup(seg[start]) || seg[start] == U' ' || seg[start] == U'\n')) ++start;
  if (start == seg.size()) return from;
  std::string anchor;
  for (size_t k = start; k < seg.size() && k < start + 8; ++k) {
    if (IsMarkup(seg[k]) || seg[k] == U'\n' || seg[k] == U'\t') break;
    text::AppendUtf8(anchor, seg[k]);
  }
  size_t j = src.find(anchor, from);
  if (j == std::string::npos) return from;
  size_t i = start;
  while (i < seg.size() && j < src.size()) {
    size_t next = j;
    const char32_t c = text::NextCodePoint(src, next);
    if (c == seg[i]) {
      (*out)[i++] = j;
      j = next;
    } else if (c < 0x80) {
      j = next;  // markup, indentation, line ends the model does not keep
    } else if (seg[i] < 0x80) {
      (*out)[i++] = j;  // a cell tab or break of the model with no counterpart here
    } else {
      // Out of step (an entity, a character reference): find the next few characters again nearby.
      std::string probe;
      for (size_t k = i; k < seg.size() && k < i + 4 && seg[k] >= 0x80; ++k) text::AppendUtf8(probe, seg[k]);
      const size_t again = probe.empty() ? std::string::npos : src.find(probe, j);
      if (again == std::string::npos || again - j > 400) break;
      j = again;
    }
  }
  return j;
}

}  // namespace

SourceMap::SourceMap(std::string source, const model::Edition& edition) : source_(std::move(source)) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < source_.size(); ++i) {
    if (source_[i] == '\n') line_starts_.push_back(i + 1);
  }
  size_t cursor = 0;
  std::function<void(const std::vector<model::Node>&)> walk = [&](const std::vector<model::Node>& nodes) {
    for (const model::Node& n : nodes) {
      const NodeText nt = BuildNodeText(n);
      std::vector<std::vector<size_t>> per_seg;
      for (const Segment& s : nt.segments) {
        std::u32string seg;
        const std::string_view v = nt.View(s);
        size_t k = 0;
        while (k < v.size()) seg.push_back(text::NextCodePoint(v, k));
        std::vector<size_t> offs;
        if (s.block_kind == "footnote") {
          Align(source_, seg, 0, &offs);
        } else {
          cursor = Align(source_, seg, cursor, &offs);
        }
        // Unaligned characters take the position of the last aligned one.
        size_t last = kNone;
        for (size_t& o : offs) {
          if (o == kNone) {
            o = last;
          } else {
            last = o;
          }
        }
        per_seg.push_back(std::move(offs));
      }
      offsets_.push_back(std::move(per_seg));
      walk(n.children);
    }
  };
  walk(edition.nodes);
}

size_t SourceMap::LineOf(size_t byte) const {
  return static_cast<size_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), byte) - line_starts_.begin());
}

bool SourceMap::Locate(const Finding& f, size_t* line, size_t* column) const {
  if (f.node >= offsets_.size()) return false;
  const auto& segs = offsets_[f.node];
  if (f.segment >= segs.size()) return false;
  const auto& offs = segs[f.segment];
  size_t byte = kNone;
  if (f.seg_start < offs.size()) {
    byte = offs[f.seg_start];
  } else if (!offs.empty()) {
    byte = offs.back();
  }
  if (byte == kNone) return false;
  *line = LineOf(byte);
  const size_t ls = line_starts_[*line - 1];
  *column = text::CountCodePoints(std::string_view(source_).substr(ls, byte - ls)) + 1;
  return true;
}

}  // namespace fangzhi::check
