#include "review/text_anchor.h"

#include <algorithm>

#include "text/utf8.h"

namespace fangzhi::review {

std::u32string ToU32(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) out.push_back(text::NextCodePoint(utf8, i));
  return out;
}

std::string ToUtf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t c : s) text::AppendUtf8(out, c);
  return out;
}

bool AnchorAt(const check::NodeText& nt, size_t start, size_t end, TextAnchor* out) {
  if (end < start) return false;
  const size_t total = text::CountCodePoints(nt.text);
  if (end > total) return false;
  const size_t seg_index = nt.SegmentAt(nt.ByteAt(start));
  const check::Segment& seg = nt.segments[seg_index];
  const std::u32string s = ToU32(nt.View(seg));
  const size_t a = start - std::min(start, seg.cp_begin);
  const size_t b = std::min(s.size(), end - std::min(end, seg.cp_begin));
  out->segment = seg_index;
  out->para = seg.para;
  out->text = ToU32(std::string_view(nt.text).substr(nt.ByteAt(start), nt.ByteAt(end) - nt.ByteAt(start)));
  const size_t from = a > kAnchorContext ? a - kAnchorContext : 0;
  out->before = s.substr(from, a - from);
  out->after = b < s.size() ? s.substr(b, kAnchorContext) : std::u32string();
  return true;
}

size_t SharedContext(const TextAnchor& a, const TextAnchor& b) {
  size_t n = 0;
  while (n < a.before.size() && n < b.before.size() && a.before[a.before.size() - 1 - n] == b.before[b.before.size() - 1 - n]) {
    ++n;
  }
  size_t m = 0;
  while (m < a.after.size() && m < b.after.size() && a.after[m] == b.after[m]) ++m;
  return n + m;
}

size_t AvailableContext(const TextAnchor& a, const TextAnchor& b) {
  return std::min(a.before.size(), b.before.size()) + std::min(a.after.size(), b.after.size());
}

}  // namespace fangzhi::review
