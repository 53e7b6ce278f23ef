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
#include <bitset>
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

// The last "YYYY年" (four ASCII digits, 1000–2999) in v[from, to), or 0.
int LastYearBefore(std::string_view v, size_t from, size_t to) {
  int year = 0;
  size_t pos = from;
  while ((pos = v.find("年", pos)) != std::string_view::npos && pos < to) {
    if (pos >= from + 4 && (pos < from + 5 || !IsAsciiDigit(v[pos - 5]))) {
      const std::string_view y = v.substr(pos - 4, 4);
      if (std::all_of(y.begin(), y.end(), IsAsciiDigit) && (y[0] == '1' || y[0] == '2')) {
        std::from_chars(y.data(), y.data() + 4, year);
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

// Finds every occurrence of a list of words in one pass over the text: a
// word can only start at a character whose first two bytes begin some word,
// and a 64K-bit filter on those two bytes skips almost every character
// (running string_view::find once per word was most of these checks' cost
// on the benchmark's 31.6 MiB).
class WordFinder {
 public:
  explicit WordFinder(const std::vector<std::string>& words) : words_(words) {
    for (size_t w = 0; w < words_.size(); ++w) {
      if (words_[w].empty()) continue;
      filter_[Key(words_[w], 0)] = true;
      by_key_.emplace_back(Key(words_[w], 0), w);
    }
    std::sort(by_key_.begin(), by_key_.end());
  }
  // fn(byte offset, word index) for every occurrence, in text order.
  template <typename Fn>
  void FindAll(std::string_view v, Fn&& fn) const {
    if (by_key_.empty()) return;
    size_t i = 0;
    while (i < v.size()) {
      const unsigned char b = static_cast<unsigned char>(v[i]);
      const size_t len = b < 0x80 ? 1 : b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
      const uint16_t k = Key(v, i);
      if (filter_[k]) {
        auto it = std::lower_bound(by_key_.begin(), by_key_.end(), std::pair<uint16_t, size_t>(k, 0));
        for (; it != by_key_.end() && it->first == k; ++it) {
          if (v.substr(i).starts_with(words_[it->second])) fn(i, it->second);
        }
      }
      i += len;
    }
  }

 private:
  static uint16_t Key(std::string_view v, size_t i) {
    const uint16_t hi = static_cast<unsigned char>(v[i]);
    const uint16_t lo = i + 1 < v.size() ? static_cast<unsigned char>(v[i + 1]) : 0;
    return static_cast<uint16_t>((hi << 8) | lo);
  }
  const std::vector<std::string>& words_;
  std::bitset<65536> filter_;
  std::vector<std::pair<uint16_t, size_t>> by_key_;
};

bool IsNumeralHan(char32_t c) {
  return std::u32string_view(U"一二三四五六七八九十两百千万零〇").find(c) != std::u32string_view::npos;
}

// A numeric coinage opens with 两/二…十: “三资” “五水共治” “两不愁三保障”.
// Words opening with 一 are mostly ordinary words (一站式, 一体化).
bool OpensCoinage(char32_t c) { return c != U'一' && IsNumeralHan(c); }

}  // namespace

void CheckHistoricalNames(const Rule& rule, FindingSink* sink) {
  std::vector<DatedName> names;
  for (const auto& spec : ParamList(rule, "names", {})) {
    DatedName d;
    if (ParseDatedName(spec, &d)) names.push_back(std::move(d));
  }
  std::vector<std::string> name_words;
  for (const auto& d : names) name_words.push_back(d.name);
  const WordFinder finder(name_words);
  const DocContext& ctx = sink->ctx();
  for (size_t n = 0; n < ctx.nodes.size(); ++n) {
    const NodeInfo& node = ctx.nodes[n];
    if (!RuleAppliesToNode(rule, node)) continue;
    for (size_t s = 1; s < node.text.segments.size(); ++s) {
      const Segment& seg = node.text.segments[s];
      if (seg.title || !SegmentInScope(rule, seg)) continue;
      const std::string_view v = node.text.View(seg);
      std::vector<std::pair<size_t, size_t>> reported;
      finder.FindAll(v, [&](size_t at, size_t which) {
        const DatedName& d = names[which];
        // "（今县市场监督管理局）", "2019年并入县市场监督管理局": the writer
        // already speaks of the later name as later.
        const size_t back = at >= 18 ? at - 18 : 0;
        const std::string_view lead = v.substr(back, at - back);
        for (std::string_view w : {"今", "现", "改为", "改称", "更名", "并入", "组建", "挂牌", "成立"}) {
          if (lead.find(w) != std::string_view::npos) return;
        }
        const int year = LastYearBefore(v, SentenceStart(v, at), at);
        if (year == 0) return;
        const bool in_use = std::any_of(d.ranges.begin(), d.ranges.end(),
                                        [&](auto& r) { return year >= r.first && year <= r.second; });
        if (in_use) return;
        const bool overlaps = std::any_of(reported.begin(), reported.end(),
                                          [&](auto& r) { return at < r.second && r.first < at + d.name.size(); });
        if (overlaps) return;
        reported.emplace_back(at, at + d.name.size());
        sink->AddBytes(rule, n, s, seg.byte_begin + at, seg.byte_begin + at + d.name.size(),
                       "句中写的是 " + std::to_string(year) + " 年的事，那时还没有“" + d.name + "”这个名称：" + rule.message);
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
  const WordFinder finder(words);
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
      finder.FindAll(v, [&](size_t pos, size_t w) {
        uses.push_back({pos, pos + words[w].size(), pos + words[w].size(), words[w]});
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
                       "“" + u.term + "”在书中第一次出现，" + rule.message);
      }
    }
  }
}

void CheckMinorNames(const Rule& rule, FindingSink* sink) {
  const auto descriptors = ParamList(rule, "descriptors", {"未成年人", "小学生", "中学生", "初中生", "高中生", "学生", "儿童",
                                                           "男童", "女童", "男孩", "女孩", "少年", "幼儿", "学童", "婴儿"});
  const std::string surnames_param =
      ParamList(rule, "surnames", {"张王李赵刘陈杨黄吴徐孙朱胡郭罗郑梁谢唐许韩冯邓曹彭曾肖董袁潘蒋蔡杜魏吕丁沈姚卢姜崔谭陆汪范廖贾韦邹熊邱尹薛闫段侯郝龚邵覃戴莫汤柯"})
          .front();
  std::u32string surnames;
  for (size_t i = 0; i < surnames_param.size();) surnames.push_back(text::NextCodePoint(surnames_param, i));
  const int max_age = ParamInt(rule, "max_age", 17);
  const WordFinder descriptor_finder(descriptors);
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
      // 学生王小明, 12岁的李华: the name right after the word.
      descriptor_finder.FindAll(v, [&](size_t at, size_t d) {
        const size_t pos = at + descriptors[d].size();
        size_t end = 0;
        if (name_at(v, pos, &end)) report(pos, end);
      });
      // 王子豪（16岁）, 16岁的王子豪.
      size_t pos = 0;
      while ((pos = v.find("岁", pos)) != std::string_view::npos) {
        const size_t sui = pos;
        pos += 3;
        size_t d = sui;
        while (d > 0 && IsAsciiDigit(v[d - 1]) && sui - d < 2) --d;
        if (d == sui || (d > 0 && IsAsciiDigit(v[d - 1]))) continue;
        int age = 0;
        std::from_chars(v.data() + d, v.data() + sui, age);
        if (age > max_age) continue;
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
      }
    }
  }
}

}  // namespace fangzhi::check
