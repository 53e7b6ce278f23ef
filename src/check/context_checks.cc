// Checks that read a word's surroundings, not only its letters:
//   historical_names  a present-day organ or post named under a year when it
//                     did not exist (STY-HISTNAME: 机构职务用当时名称);
//   first_use_gloss   a species or a coined term whose first use in the book
//                     carries no gloss (STY-LATIN, STY-NEWWORD);
//   minor_names       a minor's full name (新华社禁用词: 未成年人写“张某”).
// A pattern cannot do these: the year sits anywhere earlier in the sentence,
// "first use" is a property of the whole book, and a name is only a minor's
// when a word about age or school stands next to it.
#include <algorithm>
#include <charconv>
#include <set>

#include "check/enclosures.h"
#include "check/structural_checks.h"
#include "text/han.h"
#include "text/utf8.h"

namespace fangzhi::check {

namespace {

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Byte offset where the sentence holding `pos` starts: just past the last
// 。！？；or line break before it.
size_t SentenceStart(std::string_view v, size_t pos) {
  size_t best = 0;
  for (std::string_view mark : {"。", "！", "？", "；", "\n"}) {
    const size_t at = v.rfind(mark, pos == 0 ? 0 : pos - 1);
    if (at != std::string_view::npos && at < pos) best = std::max(best, at + mark.size());
  }
  return best;
}

// Byte offset where the sentence holding `pos` ends: at the next 。！？；
// or line break, or the end of v.
size_t SentenceEnd(std::string_view v, size_t pos) {
  size_t best = v.size();
  for (std::string_view mark : {"。", "！", "？", "；", "\n"}) {
    const size_t at = v.find(mark, pos);
    if (at != std::string_view::npos) best = std::min(best, at);
  }
  return best;
}

// The last (or with `first`, the first) "YYYY年" (four ASCII digits,
// 1000–2999) in v[from, to), or 0.
int LastYearBefore(std::string_view v, size_t from, size_t to, bool first = false) {
  int year = 0;
  size_t pos = from;
  while ((pos = v.find("年", pos)) != std::string_view::npos && pos < to) {
    if (pos >= from + 4 && (pos < from + 5 || !IsAsciiDigit(v[pos - 5]))) {
      const std::string_view y = v.substr(pos - 4, 4);
      if (std::all_of(y.begin(), y.end(), IsAsciiDigit) && (y[0] == '1' || y[0] == '2')) {
        std::from_chars(y.data(), y.data() + 4, year);
        if (first) return year;
      }
    }
    pos += 3;
  }
  return year;
}

// "名称|1983-" "县长|-1967,1981-": the name and the years it was in use.
struct DatedName {
  std::string name;
  std::vector<std::pair<int, int>> ranges;
};

bool ParseDatedName(const std::string& spec, DatedName* out) {
  const size_t bar = spec.find('|');
  if (bar == std::string::npos || bar == 0) return false;
  out->name = spec.substr(0, bar);
  std::string_view rest = std::string_view(spec).substr(bar + 1);
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string_view r = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const size_t dash = r.find('-');
    if (dash == std::string_view::npos) return false;
    int lo = 0, hi = 9999;
    const std::string_view a = r.substr(0, dash), b = r.substr(dash + 1);
    if (!a.empty() && std::from_chars(a.data(), a.data() + a.size(), lo).ptr != a.data() + a.size()) return false;
    if (!b.empty() && std::from_chars(b.data(), b.data() + b.size(), hi).ptr != b.data() + b.size()) return false;
    if (lo > hi) return false;
    out->ranges.emplace_back(lo, hi);
  }
  return !out->ranges.empty();
}

}  // namespace

Status ValidateHistoricalNames(const Rule& rule) {
  const auto* names = Param(rule, "names");
  if (!names || names->empty()) return ParamError(rule, "names", "必须列出“名称|起年-止年”，如“应急管理局|2018-”");
  for (const auto& spec : *names) {
    DatedName d;
    if (!ParseDatedName(spec, &d)) {
      return ParamError(rule, "names", "的一项“" + spec + "”写法不对，应为“名称|起年-止年”，几段用逗号隔开，如“县长|-1967,1981-”");
    }
  }
  return Status::Ok();
}

Status ValidateGloss(const Rule& rule) {
  const auto gloss = ParamList(rule, "gloss", {"any"});
  if (gloss.size() != 1 || (gloss[0] != "any" && gloss[0] != "latin")) {
    return ParamError(rule, "gloss", "只能是 any（括注或“即……”）或 latin（括注拉丁学名）");
  }
  const auto q = ParamList(rule, "quoted_numeric", {"false"});
  if (q.size() != 1 || (q[0] != "true" && q[0] != "false")) return ParamError(rule, "quoted_numeric", "只能是 true 或 false");
  return Status::Ok();
}

Status ValidateMinorNames(const Rule& rule) { return ValidateIntParam(rule, "max_age", 1, 17); }

namespace {

bool StartsWithAny(std::string_view v, std::initializer_list<std::string_view> words) {
  for (auto w : words) {
    if (v.starts_with(w)) return true;
  }
  return false;
}

// The word at v[begin, end) is explained right there: "（…）", "，即…",
// "（即…）"; for latin, a parenthesis holding a Latin name.
bool Glossed(std::string_view v, size_t end, bool latin) {
  std::string_view after = v.substr(end);
  if (after.starts_with("”")) after.remove_prefix(3);
  if (!latin && StartsWithAny(after, {"，即", "，指", "，是指", "（", "("})) return true;
  if (!StartsWithAny(after, {"（", "("})) return false;
  const size_t close = std::min(after.find("）"), after.find(')'));
  const std::string_view inside = after.substr(0, close == std::string_view::npos ? std::min<size_t>(after.size(), 120) : close);
  int letters = 0;
  for (char c : inside) {
    letters = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ? letters + 1 : 0;
    if (letters >= 3) return true;
  }
  return false;
}

bool IsNumeralHan(char32_t c) {
  return std::u32string_view(U"一二三四五六七八九十两百千万零〇").find(c) != std::u32string_view::npos;
}

// A numeric coinage opens with 两/二…十: “三资” “五水共治” “两不愁三保障”.
// Words opening with 一 are mostly ordinary words (一站式, 一体化).
bool OpensCoinage(char32_t c) { return c != U'一' && IsNumeralHan(c); }

// Every "名称|年份" of the rule, in order; one that does not parse (the
// validator refuses those) keeps its place with an empty name.
std::vector<DatedName> DatedNames(const Rule& rule) {
  std::vector<DatedName> names;
  for (const auto& spec : ParamList(rule, "names", {})) {
    DatedName d;
    if (!ParseDatedName(spec, &d)) d = DatedName{};
    names.push_back(std::move(d));
  }
  return names;
}

std::vector<std::string> MinorDescriptors(const Rule& rule) {
  return ParamList(rule, "descriptors", {"未成年人", "小学生", "中学生", "初中生", "高中生", "学生", "儿童", "男童", "女童",
                                         "男孩", "女孩", "少年", "幼儿", "学童", "婴儿"});
}

}  // namespace

std::vector<std::string> HistoricalNamesWords(const Rule& rule) {
  std::vector<std::string> words;
  for (const DatedName& d : DatedNames(rule)) words.push_back(d.name);
  return words;
}

std::vector<std::string> FirstUseGlossWords(const Rule& rule) { return ParamList(rule, "words", {}); }

// The descriptors, then 岁 (for “王子豪（16岁）”, “16岁的王子豪”).
std::vector<std::string> MinorNamesWords(const Rule& rule) {
  std::vector<std::string> words = MinorDescriptors(rule);
  words.push_back("岁");
  return words;
}

void CheckHistoricalNames(const Rule& rule, FindingSink* sink) {
  const std::vector<DatedName> names = DatedNames(rule);
  const DocContext& ctx = sink->ctx();
  for (size_t n = 0; n < ctx.nodes.size(); ++n) {
    const NodeInfo& node = ctx.nodes[n];
    if (!RuleAppliesToNode(rule, node)) continue;
    for (size_t s = 1; s < node.text.segments.size(); ++s) {
      const Segment& seg = node.text.segments[s];
      if (seg.title || !SegmentInScope(rule, seg)) continue;
      const std::string_view v = node.text.View(seg);
      std::vector<std::pair<size_t, size_t>> reported;
      ForEachWordInSegment(ctx.WordHits(rule, n), seg, [&](const WordHit& hit) {
        const size_t at = hit.byte - seg.byte_begin;
        const DatedName& d = names[hit.word];
        // "（今县市场监督管理局）", "2019年并入县市场监督管理局": the writer
        // already speaks of the later name as later.
        const size_t back = at >= 18 ? at - 18 : 0;
        const std::string_view lead = v.substr(back, at - back);
        // "县自然资源局（原县国土资源局）": the earlier name as earlier.
        for (std::string_view w : {"今", "现", "改为", "改称", "更名", "并入", "组建", "挂牌", "成立", "原", "前身", "撤销"}) {
          if (lead.find(w) != std::string_view::npos) return;
        }
        // The year of the sentence: the last one before the name. A name
        // no longer in use ("国土资源局|1998-2019") also takes a year after
        // it in the sentence ("县扶贫开发局2024年完成……"), and in a
        // yearbook, whose sentences without a year are about its own year,
        // the year of the book.
        int year = LastYearBefore(v, SentenceStart(v, at), at);
        bool book_year = false;
        const bool retired = std::all_of(d.ranges.begin(), d.ranges.end(), [](auto& r) { return r.second < 9999; });
        if (year == 0 && retired) {
          const size_t after = at + d.name.size();
          year = LastYearBefore(v, after, SentenceEnd(v, after), /*first=*/true);
          if (year == 0 && ctx.kind == "yearbook" && ctx.period_last_year != 0) {
            year = ctx.period_last_year;
            book_year = true;
          }
        }
        if (year == 0) return;
        const bool in_use = std::any_of(d.ranges.begin(), d.ranges.end(),
                                        [&](auto& r) { return year >= r.first && year <= r.second; });
        if (in_use) return;
        const bool before_all = std::all_of(d.ranges.begin(), d.ranges.end(), [&](auto& r) { return year < r.first; });
        const bool overlaps = std::any_of(reported.begin(), reported.end(),
                                          [&](auto& r) { return at < r.second && r.first < at + d.name.size(); });
        if (overlaps) return;
        reported.emplace_back(at, at + d.name.size());
        const std::string when = book_year ? "本年鉴记述的是 " + std::to_string(year) + " 年的事"
                                           : "句中写的是 " + std::to_string(year) + " 年的事";
        sink->AddBytes(rule, n, s, seg.byte_begin + at, seg.byte_begin + at + d.name.size(),
                       when + (before_all ? "，那时还没有“" : "，那时已不用“") + d.name + "”这个名称：" + rule.message);
      });
    }
  }
}

void CheckFirstUseGloss(const Rule& rule, FindingSink* sink) {
  const bool latin = ParamList(rule, "gloss", {"any"}).front() == "latin";
  const bool quoted_numeric = ParamList(rule, "quoted_numeric", {"false"}).front() == "true";
  const auto words = ParamList(rule, "words", {});
  const auto known_list = ParamList(rule, "known", {});
  const std::set<std::string> known(known_list.begin(), known_list.end());
  std::set<std::string> seen;
  const DocContext& ctx = sink->ctx();
  for (size_t n = 0; n < ctx.nodes.size(); ++n) {
    const NodeInfo& node = ctx.nodes[n];
    const bool applies = RuleAppliesToNode(rule, node);
    for (size_t s = 1; s < node.text.segments.size(); ++s) {
      const Segment& seg = node.text.segments[s];
      if (seg.title || !SegmentInScope(rule, seg)) continue;
      const std::string_view v = node.text.View(seg);
      struct Use {
        size_t begin, end;  // the excerpt (the word, or the quotation with its marks)
        size_t word_end;    // where a gloss would start
        std::string term;
      };
      std::vector<Use> uses;
      ForEachWordInSegment(ctx.WordHits(rule, n), seg, [&](const WordHit& hit) {
        const size_t pos = hit.byte - seg.byte_begin;
        uses.push_back({pos, pos + words[hit.word].size(), pos + words[hit.word].size(), words[hit.word]});
      });
      if (quoted_numeric) {
        // “三资” “两不愁三保障”: a quoted short coinage that opens with a numeral
        // (two or more; see OpensCoinage).
        size_t pos = 0;
        while ((pos = v.find("“", pos)) != std::string_view::npos) {
          const size_t open = pos;
          pos += 3;
          const size_t close = v.find("”", pos);
          if (close == std::string_view::npos) break;
          const std::string_view inner = v.substr(pos, close - pos);
          size_t i = 0, chars = 0, numerals = 0;
          bool han = true;
          char32_t first = 0;
          while (i < inner.size()) {
            const char32_t c = text::NextCodePoint(inner, i);
            if (chars == 0) first = c;
            ++chars;
            han = han && text::IsHan(c);
            numerals += IsNumeralHan(c);
          }
          if (han && chars >= 2 && chars <= 8 && OpensCoinage(first) && numerals < chars && !known.count(std::string(inner))) {
            uses.push_back({open, close + 3, close + 3, std::string(inner)});
          }
        }
      }
      // Longest first at each place, so that 南方红豆杉 hides 红豆杉.
      std::sort(uses.begin(), uses.end(), [](const Use& a, const Use& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
      });
      size_t covered = 0;
      for (const Use& u : uses) {
        if (u.begin < covered) continue;
        covered = u.end;
        if (!seen.insert(u.term).second) continue;  // only the first use counts
        if (!applies) continue;
        if (Glossed(v, u.word_end, latin)) continue;
        sink->AddBytes(rule, n, s, seg.byte_begin + u.begin, seg.byte_begin + u.end,
                       Quoted(u.term) + "在书中第一次出现，" + rule.message);
      }
    }
  }
}

void CheckMinorNames(const Rule& rule, FindingSink* sink) {
  const auto descriptors = MinorDescriptors(rule);
  const std::string surnames_param =
      ParamList(rule, "surnames", {"张王李赵刘陈杨黄吴徐孙朱胡郭罗郑梁谢唐许韩冯邓曹彭曾肖董袁潘蒋蔡杜魏吕丁沈姚卢姜崔谭陆汪范廖贾韦邹熊邱尹薛闫段侯郝龚邵覃戴莫汤柯"})
          .front();
  std::u32string surnames;
  for (size_t i = 0; i < surnames_param.size();) surnames.push_back(text::NextCodePoint(surnames_param, i));
  const int max_age = ParamInt(rule, "max_age", 17);
  // A name ends before these: 学生王明在…, 王明等, 王明（12岁）.
  const std::u32string stops = U"在因被等于和与获的是从到把将为向对同参落不也都以经还已曾个人们会家某×";
  auto is_surname = [&](char32_t c) { return surnames.find(c) != std::u32string::npos; };
  // The name starting at byte `at` of v: surname + one or two Han, not 某.
  auto name_at = [&](std::string_view v, size_t at, size_t* end) {
    size_t i = at;
    if (i >= v.size() || !is_surname(text::NextCodePoint(v, i))) return false;
    size_t given = 0;
    while (given < 2 && i < v.size()) {
      size_t j = i;
      const char32_t c = text::NextCodePoint(v, j);
      if (!text::IsHan(c) || c == U'某' || stops.find(c) != std::u32string::npos) break;
      i = j;
      ++given;
    }
    if (given == 0) return false;
    if (i < v.size()) {  // "张某某", "王某" were stopped above; "李X" is not a Han name
      size_t j = i;
      if (text::NextCodePoint(v, j) == U'某') return false;
    }
    *end = i;
    return true;
  };
  const DocContext& ctx = sink->ctx();
  for (size_t n = 0; n < ctx.nodes.size(); ++n) {
    const NodeInfo& node = ctx.nodes[n];
    if (!RuleAppliesToNode(rule, node)) continue;
    for (size_t s = 1; s < node.text.segments.size(); ++s) {
      const Segment& seg = node.text.segments[s];
      if (seg.title || !SegmentInScope(rule, seg)) continue;
      const std::string_view v = node.text.View(seg);
      std::set<size_t> reported;
      auto report = [&](size_t b, size_t e) {
        if (!reported.insert(b).second) return;
        sink->AddBytes(rule, n, s, seg.byte_begin + b, seg.byte_begin + e);
      };
      const std::vector<WordHit>& hits = ctx.WordHits(rule, n);
      // 学生王小明, 12岁的李华: the name right after the word.
      ForEachWordInSegment(hits, seg, [&](const WordHit& hit) {
        if (hit.word >= descriptors.size()) return;
        const size_t pos = hit.byte - seg.byte_begin + descriptors[hit.word].size();
        size_t end = 0;
        if (name_at(v, pos, &end)) report(pos, end);
      });
      // 王子豪（16岁）, 16岁的王子豪.
      ForEachWordInSegment(hits, seg, [&](const WordHit& hit) {
        if (hit.word != descriptors.size()) return;
        const size_t sui = hit.byte - seg.byte_begin;
        size_t d = sui;
        while (d > 0 && IsAsciiDigit(v[d - 1]) && sui - d < 2) --d;
        if (d == sui || (d > 0 && IsAsciiDigit(v[d - 1]))) return;
        int age = 0;
        std::from_chars(v.data() + d, v.data() + sui, age);
        if (age > max_age) return;
        size_t end = 0;
        if (d >= 3 && (v.substr(d - 3, 3) == "（" || v.substr(d - 3, 3) == "，")) {
          // Back over the name: two or three Han before the mark.
          const size_t mark = d - 3;
          for (size_t len : {9u, 6u}) {
            if (mark >= len && name_at(v, mark - len, &end) && end == mark) {
              report(mark - len, mark);
              break;
            }
          }
        }
        size_t after = sui + 3;
        if (v.substr(after, 3) == "的") after += 3;
        if (name_at(v, after, &end)) report(after, end);
      });
    }
  }
}

}  // namespace fangzhi::check
