// 大事记: entries in date order (DSJ-ORDER: 日不清附月末，月不清附年末) and
// each with its elements (ZS-DSJ-ELEM: 时间、地点……; 年不清不记).
#include <optional>
#include <tuple>

#include "check/structural_checks.h"
#include "text/utf8.h"

namespace fangzhi::check {

namespace {

struct Entry {
  size_t node;
  size_t segment;
  size_t byte_begin;  // node-text bytes of the whole entry
  size_t byte_end;
  size_t date_end;    // bytes: end of the date at its head (== byte_begin when none)
  bool dated = false;
  int year = 0, month = 0, day2 = 0;  // day ×2, with 上旬 21, 中旬 41, 下旬 63, unknown 64
  bool relative = false;              // 同日、是月……: takes what it lacks from the entry before
};

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// Reads a number of up to `max` ASCII digits at s[i].
std::optional<int> Number(const std::u32string& s, size_t& i, size_t max) {
  size_t j = i;
  int v = 0;
  while (j < s.size() && j - i < max && IsDigit(s[j])) v = v * 10 + static_cast<int>(s[j++] - U'0');
  if (j == i || (j < s.size() && IsDigit(s[j]))) return std::nullopt;
  i = j;
  return v;
}

bool StartsWith(const std::u32string& s, size_t i, std::u32string_view w) {
  return s.compare(i, w.size(), w) == 0;
}

// Parses the date at the head of `t`; returns code points consumed (0 = none).
size_t ParseDate(const std::u32string& t, Entry* e) {
  size_t i = 0;
  while (i < t.size() && (t[i] == U' ' || t[i] == U'\u3000')) ++i;
  for (std::u32string_view w : {U"同日", U"是日", U"当日"}) {
    if (StartsWith(t, i, w)) {
      e->relative = true, e->day2 = -1;
      return i + w.size();
    }
  }
  for (std::u32string_view w : {U"同月", U"是月", U"本月", U"月内"}) {
    if (StartsWith(t, i, w)) {
      e->relative = true, e->day2 = 64;
      return i + w.size();
    }
  }
  for (std::u32string_view w : {U"是年", U"同年", U"本年", U"年内"}) {
    if (StartsWith(t, i, w)) {
      e->relative = true, e->month = 13, e->day2 = 64;
      return i + w.size();
    }
  }
  size_t j = i;
  if (auto y = Number(t, j, 4); y && j - i == 4 && j < t.size() && t[j] == U'年') {
    e->year = *y;
    i = ++j;
  }
  j = i;
  if (auto m = Number(t, j, 2); m && j < t.size() && t[j] == U'月' && *m >= 1 && *m <= 12) {
    e->month = *m;
    i = ++j;
    e->day2 = 64;
    if (StartsWith(t, i, U"上旬")) {
      e->day2 = 21, i += 2;
    } else if (StartsWith(t, i, U"中旬")) {
      e->day2 = 41, i += 2;
    } else if (StartsWith(t, i, U"下旬")) {
      e->day2 = 63, i += 2;
    }
  } else if (e->year != 0) {
    e->month = 13, e->day2 = 64;
    return i;
  }
  j = i;
  if (auto d = Number(t, j, 2); d && j < t.size() && t[j] == U'日' && *d >= 1 && *d <= 31) {
    e->day2 = *d * 2;
    i = ++j;
  }
  return (e->month != 0 || e->day2 != 0) ? i : 0;
}

int MonthOfTitle(const std::string& title) {
  std::u32string t;
  size_t k = 0;
  while (k < title.size()) t.push_back(text::NextCodePoint(title, k));
  size_t i = 0;
  if (auto y = Number(t, i, 4); y && i < t.size() && t[i] == U'年') ++i;
  if (i == t.size()) return 0;
  size_t j = i;
  if (auto m = Number(t, j, 2); m && j < t.size() && t[j] == U'月' && *m >= 1 && *m <= 12) return *m;
  return 0;
}

int YearOfTitles(const std::vector<std::string>& titles) {
  for (auto it = titles.rbegin(); it != titles.rend(); ++it) {
    std::u32string t;
    size_t k = 0;
    while (k < it->size()) t.push_back(text::NextCodePoint(*it, k));
    size_t i = 0;
    if (auto y = Number(t, i, 4); y && i < t.size() && t[i] == U'年') return *y;
  }
  return 0;
}

std::vector<Entry> CollectEntries(const Rule& rule, const DocContext& ctx) {
  const auto sections = ParamList(rule, "sections", {"大事记"});
  std::vector<Entry> out;
  for (size_t n = 0; n < ctx.nodes.size(); ++n) {
    const NodeInfo& node = ctx.nodes[n];
    bool in = false;
    for (const auto& t : node.lineage_titles) {
      for (const auto& s : sections) in = in || t.find(s) != std::string::npos;
    }
    if (!in || !RuleAppliesToNode(rule, node)) continue;
    const int heading_month = MonthOfTitle(node.node->title);
    const int heading_year = YearOfTitles(node.lineage_titles);
    for (size_t s = 1; s < node.text.segments.size(); ++s) {
      const Segment& seg = node.text.segments[s];
      if (seg.block_kind != "text" || !seg.checkable || seg.byte_end == seg.byte_begin) continue;
      Entry e;
      e.node = n, e.segment = s, e.byte_begin = seg.byte_begin, e.byte_end = seg.byte_end;
      const std::string_view v = node.text.View(seg);
      std::u32string head;
      size_t k = 0;
      while (k < v.size() && head.size() < 24) head.push_back(text::NextCodePoint(v, k));
      const size_t used = ParseDate(head, &e);
      e.dated = used > 0;
      if (e.dated) {
        std::string prefix;
        for (size_t c = 0; c < used; ++c) text::AppendUtf8(prefix, head[c]);
        e.date_end = seg.byte_begin + prefix.size();
        if (e.month == 0 && !e.relative) e.month = heading_month;
        if (e.year == 0 && !e.relative) e.year = heading_year;
      } else {
        e.date_end = seg.byte_begin;
      }
      out.push_back(e);
    }
  }
  return out;
}

}  // namespace

void CheckChronicleOrder(const Rule& rule, FindingSink* sink) {
  const DocContext& ctx = sink->ctx();
  std::vector<Entry> entries = CollectEntries(rule, ctx);
  std::optional<Entry> prev;
  int year = ctx.period_last_year;
  for (Entry& e : entries) {
    if (!e.dated) continue;
    if (e.relative && prev) {
      if (e.day2 == -1) {
        e.year = prev->year, e.month = prev->month, e.day2 = prev->day2;
      } else if (e.month == 13) {
        e.year = prev->year;
      } else {
        e.year = prev->year, e.month = prev->month;
      }
    }
    if (e.year == 0) e.year = prev ? prev->year : year;
    if (e.month == 0) e.month = prev ? prev->month : 13;
    if (e.relative && !prev) continue;
    if (prev && std::tie(e.year, e.month, e.day2) < std::tie(prev->year, prev->month, prev->day2)) {
      const std::string& t = ctx.nodes[prev->node].text.text;
      std::string prev_date = t.substr(prev->byte_begin, prev->date_end - prev->byte_begin);
      std::string why = "大事记应按年月日先后排列（日不清的附于月末，月不清的附于年末），这一条排在“" + prev_date + "”那条之后";
      sink->AddBytes(rule, e.node, e.segment, e.byte_begin, e.date_end, why);
      continue;  // keep comparing with the last entry in order
    }
    prev = e;
  }
}

void CheckChronicleElements(const Rule& rule, FindingSink* sink) {
  const DocContext& ctx = sink->ctx();
  const auto place_words = ParamList(rule, "place_words",
                                     {"在", "于", "赴", "到", "至", "县", "市", "镇", "乡", "村", "区", "省", "州",
                                      "街道", "社区", "中心", "园区", "国"});
  const int min_chars = ParamInt(rule, "min_chars", 12);
  std::vector<Entry> entries = CollectEntries(rule, ctx);
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    const std::string& t = ctx.nodes[e.node].text.text;
    const std::string body = t.substr(e.date_end, e.byte_end - e.date_end);
    if (!e.dated) {
      // The chronicle's opening words (无题小序) need no date.
      if (i == 0 && text::CountCodePoints(body) > 40) continue;
      const size_t end = std::min(e.byte_end, ctx.nodes[e.node].text.ByteAt(ctx.nodes[e.node].text.CodePointAt(e.byte_begin) + 12));
      sink->AddBytes(rule, e.node, e.segment, e.byte_begin, end,
                     "大事记条目缺少时间：每条以年月日开头（日不清附月末，月不清附年末，年不清不记）");
      continue;
    }
    if (static_cast<int>(text::CountCodePoints(body)) < min_chars) {
      sink->AddBytes(rule, e.node, e.segment, e.byte_begin, e.byte_end,
                     "大事记条目记述过简：时间、地点、人物（单位）、事件、结果应齐备");
      continue;
    }
    bool place = false;
    for (const auto& w : place_words) place = place || body.find(w) != std::string::npos;
    if (!place) {
      sink->AddBytes(rule, e.node, e.segment, e.byte_begin, e.byte_end,
                     "大事记条目看不出地点：时间、地点、人物（单位）、事件、结果应齐备");
    }
  }
}

}  // namespace fangzhi::check
