// What a yearbook 条目 and a table must hold as a unit:
//   entry_elements  a 条目 says when (NJ-6ELEM: 时间、地点、事件、人物、原因、结果;
//                   time is the element a machine can find reliably);
//   entry_units     one 条目, one matter (NJ-UNIT): "另外，……" opens another;
//   table_titles    a table's title puts time and place first and the thing
//                   counted last (TAB-TITLE: 表题不得主客颠倒).
// An entry is a node of level 条目 or a 【条目标题】正文 paragraph.
#include <algorithm>

#include "check/structural_checks.h"
#include "text/han.h"
#include "text/utf8.h"

namespace fangzhi::check {

namespace {

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

bool ContainsAny(std::string_view v, const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return v.find(w) != std::string_view::npos; });
}

// "2024年", "3月", "15日": a digit right before 年/月/日/时; or a listed word.
bool MentionsTime(std::string_view v, const std::vector<std::string>& words) {
  for (std::string_view unit : {"年", "月", "日"}) {
    size_t pos = 0;
    while ((pos = v.find(unit, pos)) != std::string_view::npos) {
      if (pos > 0 && IsAsciiDigit(v[pos - 1])) return true;
      // 三月, 十二月, 二〇二四年
      if (pos >= 3) {
        size_t i = pos - 3;
        const char32_t c = text::NextCodePoint(v, i);
        if (std::u32string_view(U"一二三四五六七八九十〇零").find(c) != std::u32string_view::npos) return true;
      }
      pos += unit.size();
    }
  }
  return ContainsAny(v, words);
}

const std::vector<std::string>& DefaultTimeWords() {
  static const std::vector<std::string> kWords = {
      "年初", "年末", "年底", "年内", "年中", "全年", "是年", "当年", "同年", "次年", "上半年", "下半年", "年度",
      "季度", "上旬", "中旬", "下旬", "春季", "夏季", "秋季", "冬季", "春节", "汛期", "期间", "月初", "月底", "月末"};
  return kWords;
}

bool IsTitleExempt(std::string_view title, const std::vector<std::string>& exempt) { return ContainsAny(title, exempt); }

}  // namespace

void CheckEntryElements(const Rule& rule, FindingSink* sink) {
  const auto time_words = ParamList(rule, "time_words", DefaultTimeWords());
  const auto exempt = ParamList(rule, "exempt_titles", {"概况", "概述", "综述", "简介", "基本情况", "简况"});
  const DocContext& ctx = sink->ctx();
  for (size_t n = 0; n < ctx.nodes.size(); ++n) {
    const NodeInfo& node = ctx.nodes[n];
    if (!RuleAppliesToNode(rule, node)) continue;
    const auto& segs = node.text.segments;
    // 【标题】正文 paragraphs are entries of their own.
    bool has_entry_paragraphs = false;
    for (size_t s = 1; s < segs.size(); ++s) {
      if (!segs[s].entry() || !segs[s].checkable) continue;
      has_entry_paragraphs = true;
      const std::string_view title =
          std::string_view(node.text.text).substr(segs[s].entry_title_begin, segs[s].entry_title_end - segs[s].entry_title_begin);
      if (IsTitleExempt(title, exempt)) continue;
      if (MentionsTime(node.text.View(segs[s]), time_words)) continue;
      sink->AddBytes(rule, n, s, segs[s].entry_title_begin, segs[s].entry_title_end,
                     "条目中找不到时间（年、月、日或“全年”“年末”等）：" + rule.message);
    }
    if (!node.entry_level || has_entry_paragraphs || node.node->title.empty()) continue;
    if (IsTitleExempt(node.node->title, exempt)) continue;
    bool body = false;
    for (size_t s = 1; s < segs.size(); ++s) body = body || segs[s].byte_end > segs[s].byte_begin;
    if (!body || MentionsTime(node.text.text, time_words)) continue;
    sink->AddTitle(rule, n, "条目中找不到时间（年、月、日或“全年”“年末”等）：" + rule.message);
  }
}

void CheckEntryUnits(const Rule& rule, FindingSink* sink) {
  const auto markers = ParamList(rule, "markers", {"另外，", "此外，", "另悉，", "另据", "另讯"});
  const DocContext& ctx = sink->ctx();
  for (size_t n = 0; n < ctx.nodes.size(); ++n) {
    const NodeInfo& node = ctx.nodes[n];
    if (!RuleAppliesToNode(rule, node)) continue;
    for (size_t s = 1; s < node.text.segments.size(); ++s) {
      const Segment& seg = node.text.segments[s];
      if (!seg.checkable || seg.block_kind != "text" || seg.list_item) continue;
      if (!node.entry_level && !seg.entry()) continue;
      const std::string_view v = node.text.View(seg);
      for (const auto& m : markers) {
        size_t pos = 0;
        while ((pos = v.find(m, pos)) != std::string_view::npos) {
          const size_t at = pos;
          pos += m.size();
          // Only where a sentence starts: after 。！？ (not at the head of the
          // entry, which has nothing before it to be "another" matter to).
          const std::string_view before = v.substr(0, at);
          if (!(before.ends_with("。") || before.ends_with("！") || before.ends_with("？"))) continue;
          size_t end = at + m.size();
          if (std::string_view(m).ends_with("，")) end -= 3;
          sink->AddBytes(rule, n, s, seg.byte_begin + at, seg.byte_begin + end);
        }
      }
    }
  }
}

void CheckTableTitles(const Rule& rule, FindingSink* sink) {
  const DocContext& ctx = sink->ctx();
  const std::string& place = ctx.place;
  for (size_t n = 0; n < ctx.nodes.size(); ++n) {
    const NodeInfo& node = ctx.nodes[n];
    if (!RuleAppliesToNode(rule, node)) continue;
    const auto& segs = node.text.segments;
    for (size_t s = 1; s < segs.size(); ++s) {
      const Segment& seg = segs[s];
      if (!seg.checkable || seg.block_kind != "text") continue;
      std::string_view v = node.text.View(seg);
      // A table's title: the short paragraph right before a table, or a
      // paragraph that starts with 表N / 附表N.
      const bool before_table = s + 1 < segs.size() && segs[s + 1].block_kind == "table";
      size_t skip = 0;
      for (std::string_view prefix : {"附表", "表"}) {
        if (v.starts_with(prefix)) {
          size_t i = prefix.size();
          while (i < v.size() && (IsAsciiDigit(v[i]) || v[i] == '-' || v[i] == '.')) ++i;
          if (i > prefix.size()) skip = i;
          break;
        }
      }
      if (!before_table && skip == 0) continue;
      if (text::CountCodePoints(v) > 50 || v.find("。") != std::string_view::npos) continue;
      while (skip < v.size() && (v[skip] == ' ' || v.substr(skip, 3) == "　" || v.substr(skip, 3) == "：")) {
        skip += v[skip] == ' ' ? 1 : 3;
      }
      const std::string_view title = v.substr(skip);
      // Leading qualifiers: years, the book's place, 全县/各乡镇 and the like.
      size_t i = 0;
      for (bool moved = true; moved && i < title.size();) {
        moved = false;
        size_t j = i;
        while (j < title.size() && (IsAsciiDigit(title[j]) || title[j] == '-' || title.substr(j, 3) == "—" ||
                                    title.substr(j, 3) == "~" || title.substr(j, 3) == "～")) {
          j += IsAsciiDigit(title[j]) || title[j] == '-' ? 1 : 3;
        }
        if (j > i && title.substr(j, 3) == "年") {
          i = j + 3;
          if (title.substr(i, 3) == "度") i += 3;
          moved = true;
          continue;
        }
        for (std::string_view q : {std::string_view(place), std::string_view("全县"), std::string_view("全市"),
                                   std::string_view("全区"), std::string_view("各乡镇"), std::string_view("各乡（镇）"),
                                   std::string_view("各镇"), std::string_view("各乡")}) {
          if (!q.empty() && title.substr(i).starts_with(q)) {
            i += q.size();
            moved = true;
            break;
          }
        }
      }
      // A year (or the place) after the thing counted, outside a closing
      // parenthesis: 粮食产量2024年统计表.
      size_t paren = title.rfind("（");
      if (paren == std::string_view::npos || title.find("）", paren) == std::string_view::npos) paren = title.size();
      size_t k = i;
      while (k < paren) {
        if (IsAsciiDigit(title[k])) {
          size_t j = k;
          while (j < paren && IsAsciiDigit(title[j])) ++j;
          if (j - k == 4 && title.substr(j, 3) == "年" && k > i) {
            sink->AddBytes(rule, n, s, seg.byte_begin + skip + k, seg.byte_begin + skip + j + 3,
                           "表题中的时间写在了所记事物之后：" + rule.message);
            break;
          }
          k = j;
          continue;
        }
        if (!place.empty() && k > i && title.substr(k).starts_with(place)) {
          sink->AddBytes(rule, n, s, seg.byte_begin + skip + k, seg.byte_begin + skip + k + place.size(),
                         "表题中的地名写在了所记事物之后：" + rule.message);
          break;
        }
        ++k;
      }
    }
  }
}

}  // namespace fangzhi::check
