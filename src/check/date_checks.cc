// Dates in the text: a yearbook writing about the years after its 断限
// (NJ-YEAR-OUT), and dates the calendar does not have (N-DATE).
//
// Both read Arabic-numeral dates only: GB/T 15835 writes 公历 dates in
// Arabic numerals, while 二月三十日 in Chinese numerals is usually a 农历
// date, where a month can have 30 days.
#include <algorithm>
#include <array>

#include "check/structural_checks.h"
#include "text/utf8.h"

namespace fangzhi::check {

namespace {

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// The number written in ASCII digits ending right before byte `end` of `v`,
// at most `max` digits and not preceded by another digit or a decimal point;
// sets *begin. -1 when there is none.
int NumberBefore(std::string_view v, size_t end, size_t max, size_t* begin) {
  size_t b = end;
  while (b > 0 && end - b < max && IsAsciiDigit(v[b - 1])) --b;
  if (b == end) return -1;
  if (b > 0 && (IsAsciiDigit(v[b - 1]) || v[b - 1] == '.')) return -1;
  *begin = b;
  return std::stoi(std::string(v.substr(b, end - b)));
}

// The number in 1–2 ASCII digits starting at byte `at`, not followed by a
// third digit or a decimal point; sets *end. -1 when there is none.
int NumberAfter(std::string_view v, size_t at, size_t* end) {
  size_t e = at;
  while (e < v.size() && e - at < 2 && IsAsciiDigit(v[e])) ++e;
  if (e == at || (e < v.size() && (IsAsciiDigit(v[e]) || v[e] == '.'))) return -1;
  *end = e;
  return std::stoi(std::string(v.substr(at, e - at)));
}

constexpr std::array<std::string_view, 11> kClauseBreaks = {"，", "。", "；", "！", "？", "：", "\n", ",", ";", "!", "?"};
constexpr std::array<std::string_view, 6> kSentenceBreaks = {"。", "；", "！", "？", "\n", ";"};

template <size_t N>
size_t NextBreak(std::string_view v, size_t from, const std::array<std::string_view, N>& breaks) {
  size_t end = v.size();
  for (std::string_view b : breaks) end = std::min(end, v.find(b, from));
  return end;
}

template <size_t N>
size_t PrevBreak(std::string_view v, size_t before, const std::array<std::string_view, N>& breaks) {
  size_t begin = 0;
  for (std::string_view b : breaks) {
    const size_t at = v.rfind(b, before == 0 ? 0 : before - 1);
    if (at != std::string_view::npos && at < before) begin = std::max(begin, at + b.size());
  }
  return begin;
}

bool ContainsAny(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (s.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// The book's own front and back matter talks about the book: when it was
// edited and published, which is after the 断限 by nature.
bool AboutTheBook(const DocContext& ctx, const NodeInfo& node) {
  // The untitled text before the first heading is the 编辑说明 — unless
  // there is no heading at all (a plain-text manuscript is all one node).
  if (node.depth == 0 && node.node->title.empty() && ctx.nodes.size() > 1) return true;
  for (const std::string& t : node.lineage_titles) {
    if (t == "序" || ContainsAny(t, {"编辑说明", "编纂说明", "凡例", "编后记", "后记", "前言", "序言"})) return true;
  }
  return false;
}

// Words that make "2025年…" a plan or a forecast rather than a fact. Each
// is the whole word only when none of its `not_before` characters precede
// it and none of its `not_after` words follow it (主要、要求、计划生育 …).
struct PlanWord {
  std::string_view word;
  std::u32string_view not_before;
  std::string_view not_after;  // words separated by |
};
constexpr PlanWord kPlanWords[] = {
    {"预计", U"比超原于", ""},
    {"计划", U"", "生育|单列|经济"},
    {"力争", U"", ""},
    {"将", U"大上中少武主名", "军|领|士|官"},
    {"拟", U"模虚", ""},
    {"要", U"主重需纲摘概必只提紧首政简扼", "求|点|素|闻|件|害|道|职|地|员|塞"},
};

// The first plan word in v[from, to), or npos; sets *word.
size_t FindPlanWord(std::string_view v, size_t from, size_t to, std::string_view* word) {
  size_t best = std::string_view::npos;
  for (const PlanWord& p : kPlanWords) {
    size_t at = from;
    while ((at = v.find(p.word, at)) != std::string_view::npos && at + p.word.size() <= to) {
      bool whole = true;
      if (at > 0) {
        size_t prev = at - 1;
        while (prev > 0 && (static_cast<unsigned char>(v[prev]) & 0xC0) == 0x80) --prev;
        size_t k = prev;
        const char32_t c = text::NextCodePoint(v, k);
        whole = p.not_before.find(c) == std::u32string_view::npos;
      }
      for (std::string_view rest = p.not_after; whole && !rest.empty();) {
        const size_t bar = rest.find('|');
        const std::string_view after = rest.substr(0, bar);
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
        whole = v.substr(at + p.word.size()).substr(0, after.size()) != after;
      }
      if (whole) {
        if (at < best) {
          best = at;
          *word = p.word;
        }
        break;
      }
      at += p.word.size();
    }
  }
  return best;
}

// Inside a 《…》 opened earlier in the segment and not yet closed: the title
// of a plan (《示例县2025年工作计划》) is a name, not a plan.
bool InBookTitle(std::string_view v, size_t at) {
  const size_t open = v.rfind("《", at);
  if (open == std::string_view::npos) return false;
  const size_t close = v.find("》", open);
  return close == std::string_view::npos || close > at;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

void CheckOutOfPeriod(const Rule& rule, FindingSink* sink) {
  const DocContext& ctx = sink->ctx();
  if (ctx.period_last_year == 0) return;
  const std::string period = std::to_string(ctx.period_first_year) +
                             (ctx.period_first_year == ctx.period_last_year ? "" : "—" + std::to_string(ctx.period_last_year));
  for (size_t n = 0; n < ctx.nodes.size(); ++n) {
    const NodeInfo& node = ctx.nodes[n];
    if (!RuleAppliesToNode(rule, node) || AboutTheBook(ctx, node)) continue;
    for (size_t s = 1; s < node.text.segments.size(); ++s) {
      const Segment& seg = node.text.segments[s];
      if (!SegmentInScope(rule, seg)) continue;
      const std::string_view v = node.text.View(seg);
      size_t pos = 0;
      while ((pos = v.find("年", pos)) != std::string_view::npos) {
        const size_t year_end = pos;
        pos += 3;
        size_t year_begin = 0;
        if (year_end < 4) continue;
        const int year = NumberBefore(v, year_end, 4, &year_begin);
        if (year < 0 || year_end - year_begin != 4 || year <= ctx.period_last_year) continue;
        size_t month_end = 0;
        if (NumberAfter(v, pos, &month_end) > 0 && v.substr(month_end, 3) == "月") {
          // "2025年3月": a date after the period, unless the sentence is
          // about the book itself (2025年5月出版).
          const size_t sb = PrevBreak(v, year_begin, kSentenceBreaks), se = NextBreak(v, pos, kSentenceBreaks);
          if (ContainsAny(v.substr(sb, se - sb), {"出版", "印刷", "付印", "付梓", "定稿", "截稿", "审定", "终审", "编竣"})) {
            continue;
          }
          size_t end = month_end + 3;
          size_t day_end = 0;
          if (NumberAfter(v, end, &day_end) > 0 && v.substr(day_end, 3) == "日") end = day_end + 3;
          sink->AddBytes(rule, n, s, seg.byte_begin + year_begin, seg.byte_begin + end,
                         "年鉴记述 " + period + " 年的事，此处日期已在断限之后：" + rule.message);
          continue;
        }
        // A bare "2025年": out of period when its clause says what will or
        // should happen then (2025年，全县将…；2025年计划…；拟在2025年…).
        // A range's end (2021—2025年), 2020年代 and a plan's title are not.
        if (v.substr(pos).starts_with("代")) continue;
        const std::string_view before = v.substr(0, year_begin);
        if (before.ends_with("—") || before.ends_with("－") || before.ends_with("～") || before.ends_with("-") ||
            before.ends_with("~")) {
          continue;
        }
        if (InBookTitle(v, year_begin)) continue;
        size_t from = pos;
        if (v.substr(from).starts_with("，")) from += 3;  // "2025年，全县将…": the year heads the next clause
        else if (v.substr(from).starts_with(",")) from += 1;
        const size_t to = NextBreak(v, from, kClauseBreaks);
        std::string_view word;
        const size_t clause_begin = PrevBreak(v, year_begin, kClauseBreaks);
        if (FindPlanWord(v, from, to, &word) == std::string_view::npos &&
            FindPlanWord(v, clause_begin, year_begin, &word) == std::string_view::npos) {
          continue;
        }
        // "力争于2025年…", "预计到2025年…": NJ-YEAR-FORECAST has said so already.
        if (sink->Reported(n, rule.category, seg.byte_begin + clause_begin, seg.byte_begin + to)) continue;
        sink->AddBytes(rule, n, s, seg.byte_begin + year_begin, seg.byte_begin + year_end + 3,
                       "年鉴记述 " + period + " 年的事，此处写的是断限之后 " + std::to_string(year) + " 年的打算（“" +
                           std::string(word) + "”）：" + rule.message);
      }
    }
  }
}

void CheckCalendarDates(const Rule& rule, FindingSink* sink) {
  const DocContext& ctx = sink->ctx();
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (size_t n = 0; n < ctx.nodes.size(); ++n) {
    const NodeInfo& node = ctx.nodes[n];
    if (!RuleAppliesToNode(rule, node)) continue;
    for (size_t s = 0; s < node.text.segments.size(); ++s) {
      const Segment& seg = node.text.segments[s];
      if (!SegmentInScope(rule, seg)) continue;
      const std::string_view v = node.text.View(seg);
      size_t pos = 0;
      while ((pos = v.find("月", pos)) != std::string_view::npos) {
        const size_t month_end = pos;
        pos += 3;
        size_t month_begin = 0, day_end = 0;
        const int month = NumberBefore(v, month_end, 2, &month_begin);
        if (month < 0) continue;
        const int day = NumberAfter(v, pos, &day_end);
        if (day < 0 || v.substr(day_end, 3) != "日") continue;
        // A lunar date (农历二月三十) may have a 30th where 公历 has none.
        const size_t sb = PrevBreak(v, month_begin, kSentenceBreaks);
        if (ContainsAny(v.substr(sb, month_begin - sb), {"农历", "夏历", "阴历", "旧历", "正月"})) continue;
        size_t begin = month_begin, year_begin = 0;
        int year = -1;
        if (month_begin >= 7 && v.substr(month_begin - 3, 3) == "年") {
          year = NumberBefore(v, month_begin - 3, 4, &year_begin);
          if (year >= 0 && month_begin - 3 - year_begin == 4) {
            begin = year_begin;
          } else {
            year = -1;
          }
        }
        std::string why;
        const std::string m = std::to_string(month);
        if (month < 1 || month > 12) {
          why = "一年只有 12 个月，没有" + m + "月";
        } else if (day < 1) {
          why = "日从 1 日数起，没有 0 日";
        } else if (day > kDays[month - 1]) {
          why = month == 2 ? "2月平年 28 天、闰年 29 天" : m + "月只有 " + std::to_string(kDays[month - 1]) + " 天";
        } else if (month == 2 && day == 29 && year > 0 && !IsLeap(year)) {
          why = std::to_string(year) + "年不是闰年，2月只有 28 天";
        }
        if (why.empty()) continue;
        sink->AddBytes(rule, n, s, seg.byte_begin + begin, seg.byte_begin + day_end + 3,
                       why + "：" + rule.message);
      }
    }
  }
}

}  // namespace fangzhi::check
