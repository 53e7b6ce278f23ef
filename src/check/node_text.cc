#include "check/node_text.h"

#include <algorithm>
#include <cstdlib>

#include "text/utf8.h"

namespace fangzhi::check {

namespace {
constexpr std::string_view kOpen = "【";
constexpr std::string_view kClose = "】";
constexpr size_t kMaxEntryTitleChars = 40;

bool CarriesText(model::BlockKind k) {
  return k != model::BlockKind::kPage && k != model::BlockKind::kRemark;
}

// The "html_spans" attribute ("7:5,13:6": code point offset and length of
// each inline tag) as byte ranges of `text`, shifted by `base`.
std::vector<std::pair<size_t, size_t>> TagSpans(const model::Block& block, size_t base) {
  std::vector<std::pair<size_t, size_t>> out;
  auto it = block.attrs.find("html_spans");
  if (it == block.attrs.end()) return out;
  const std::string_view t = block.text;
  std::string_view spec = it->second;
  size_t cp = 0, byte = 0;
  auto advance_to = [&](size_t target) {
    while (cp < target && byte < t.size()) {
      ++byte;
      while (byte < t.size() && (static_cast<unsigned char>(t[byte]) & 0xC0) == 0x80) ++byte;
      ++cp;
    }
  };
  while (!spec.empty()) {
    const size_t comma = spec.find(',');
    const std::string_view part = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    const size_t colon = part.find(':');
    if (colon == std::string_view::npos) continue;
    const size_t offset = std::strtoul(std::string(part.substr(0, colon)).c_str(), nullptr, 10);
    const size_t length = std::strtoul(std::string(part.substr(colon + 1)).c_str(), nullptr, 10);
    if (offset < cp) cp = byte = 0;  // out of order: start again
    advance_to(offset);
    const size_t b = byte;
    advance_to(offset + length);
    out.emplace_back(base + b, base + byte);
  }
  return out;
}
}  // namespace

bool CheckableBlock(const model::Block& block) {
  if (block.attrs.count("code")) return false;
  return !block.attrs.count("html") || block.attrs.count("html_spans");
}

bool FindEntryTitle(const model::Block& block, size_t* begin, size_t* end) {
  if (block.kind != model::BlockKind::kText) return false;
  if (!CheckableBlock(block)) return false;
  const std::string& t = block.text;
  if (!std::string_view(t).starts_with(kOpen)) return false;
  const size_t close = t.find(kClose, kOpen.size());
  if (close == std::string::npos || close == kOpen.size()) return false;
  auto attr = block.attrs.find("entry_title");
  if (attr == block.attrs.end()) {
    // Recognised here only when it looks like an entry: a short title with
    // the text after it, on one line.
    const std::string_view title = std::string_view(t).substr(kOpen.size(), close - kOpen.size());
    if (text::CountCodePoints(title) > kMaxEntryTitleChars) return false;
    if (title.find('\n') != std::string_view::npos) return false;
    if (close + kClose.size() >= t.size()) return false;
  }
  *begin = kOpen.size();
  *end = close;
  return true;
}

NodeText BuildNodeText(const model::Node& node) {
  NodeText nt;
  size_t total = node.title.size() + 1;
  for (const auto& b : node.blocks) total += b.text.size() + 1;
  nt.text.reserve(total);
  size_t cp = 0;
  auto add = [&](const std::string& s, Segment seg) {
    seg.byte_begin = nt.text.size();
    seg.cp_begin = cp;
    nt.text += s;
    cp += text::CountCodePoints(s);
    seg.byte_end = nt.text.size();
    seg.cp_end = cp;
    nt.segments.push_back(std::move(seg));
  };
  Segment title;
  title.title = true;
  title.block_kind = "title";
  add(node.title, title);
  for (size_t i = 0; i < node.blocks.size(); ++i) {
    const model::Block& b = node.blocks[i];
    if (!CarriesText(b.kind)) continue;
    nt.text += '\n';
    ++cp;
    Segment seg;
    seg.block = i;
    seg.para = b.para;
    seg.block_kind = model::BlockKindName(b.kind);
    seg.checkable = CheckableBlock(b);
    seg.unchecked = TagSpans(b, nt.text.size());
    seg.list_item = b.attrs.count("list") > 0;
    size_t tb = 0, te = 0;
    if (FindEntryTitle(b, &tb, &te)) {
      seg.entry_title_begin = nt.text.size() + tb;
      seg.entry_title_end = nt.text.size() + te;
    }
    add(b.text, seg);
  }
  return nt;
}

size_t NodeText::SegmentAt(size_t byte) const {
  auto it = std::upper_bound(segments.begin(), segments.end(), byte,
                             [](size_t b, const Segment& s) { return b < s.byte_begin; });
  return it == segments.begin() ? 0 : static_cast<size_t>(it - segments.begin()) - 1;
}

size_t NodeText::CodePointAt(size_t byte) const {
  const Segment& s = segments[SegmentAt(byte)];
  size_t cp = s.cp_begin;
  for (size_t i = s.byte_begin; i < byte && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++cp;
  }
  return cp;
}

size_t NodeText::ByteAt(size_t cp) const {
  auto it = std::upper_bound(segments.begin(), segments.end(), cp,
                             [](size_t c, const Segment& s) { return c < s.cp_begin; });
  const Segment& s = it == segments.begin() ? segments.front() : *(it - 1);
  size_t b = s.byte_begin, c = s.cp_begin;
  while (c < cp && b < text.size()) {
    ++b;
    while (b < text.size() && (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80) ++b;
    ++c;
  }
  return b;
}

}  // namespace fangzhi::check
