// 条目 titles (NJ-T-*): a yearbook entry's title, whether it is a heading of
// level 条目 or the 【…】 at the head of an entry paragraph, is one short
// noun phrase without punctuation.
#include <functional>

#include "check/structural_checks.h"
#include "text/utf8.h"

namespace fangzhi::check {

namespace {

// Calls fn(node, segment, title byte begin, title byte end) for every entry
// title of the book the rule looks at.
void ForEachEntryTitle(const Rule& rule, const DocContext& ctx,
                       const std::function<void(size_t, size_t, size_t, size_t)>& fn) {
  for (size_t n = 0; n < ctx.nodes.size(); ++n) {
    const NodeInfo& node = ctx.nodes[n];
    if (!RuleAppliesToNode(rule, node)) continue;
    const auto& segs = node.text.segments;
    if (node.entry_level && segs[0].byte_end > segs[0].byte_begin) fn(n, 0, segs[0].byte_begin, segs[0].byte_end);
    for (size_t s = 1; s < segs.size(); ++s) {
      if (segs[s].entry()) fn(n, s, segs[s].entry_title_begin, segs[s].entry_title_end);
    }
  }
}

bool IsSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000' || c == U'\n'; }

}  // namespace

void CheckTitleLength(const Rule& rule, FindingSink* sink) {
  const int max_chars = ParamInt(rule, "max_chars", 16);
  const DocContext& ctx = sink->ctx();
  ForEachEntryTitle(rule, ctx, [&](size_t n, size_t s, size_t b, size_t e) {
    const std::string_view title = std::string_view(ctx.nodes[n].text.text).substr(b, e - b);
    size_t count = 0, i = 0;
    while (i < title.size()) {
      if (!IsSpace(text::NextCodePoint(title, i))) ++count;
    }
    if (count > static_cast<size_t>(max_chars)) {
      sink->AddBytes(rule, n, s, b, e,
                     "条目标题 " + std::to_string(count) + " 字，超过 " + std::to_string(max_chars) + " 字：" + rule.message);
    }
  });
}

void CheckTitlePunctuation(const Rule& rule, FindingSink* sink) {
  const auto marks_list = ParamList(rule, "marks", {"，。；：、！？…,;:!?"});
  std::u32string marks;
  for (const auto& m : marks_list) {
    size_t i = 0;
    while (i < m.size()) marks.push_back(text::NextCodePoint(m, i));
  }
  const DocContext& ctx = sink->ctx();
  ForEachEntryTitle(rule, ctx, [&](size_t n, size_t s, size_t b, size_t e) {
    const std::string& t = ctx.nodes[n].text.text;
    size_t i = b;
    while (i < e) {
      const size_t at = i;
      const char32_t c = text::NextCodePoint(t, i);
      if (marks.find(c) != std::u32string::npos) sink->AddBytes(rule, n, s, at, i);
    }
  });
}

}  // namespace fangzhi::check
