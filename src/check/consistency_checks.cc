// One name, one figure across the book (NJ-STAT, STY-CONSIST, STY-ABBR):
// the same indicator with different values, an abbreviation used before the
// book defines it or defined two ways, two names for one unit.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>

#include "check/structural_checks.h"
#include "text/han.h"
#include "text/utf8.h"

namespace fangzhi::check {

namespace {

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

bool IsClauseBreak(char32_t c) {
  static constexpr std::u32string_view kBreaks = U"，。；：！？、\n\t,;:!?";
  return kBreaks.find(c) != std::u32string_view::npos;
}

std::u32string Decode(std::string_view s) {
  std::u32string out;
  size_t i = 0;
  while (i < s.size()) out.push_back(text::NextCodePoint(s, i));
  return out;
}

// The code point ending right before byte `b` of `s` (0 at the start).
char32_t PrevCodePoint(std::string_view s, size_t b, size_t* start = nullptr) {
  if (b == 0) return 0;
  size_t i = b - 1;
  while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  if (start) *start = i;
  size_t k = i;
  return text::NextCodePoint(s, k);
}

std::string Encode(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) text::AppendUtf8(out, c);
  return out;
}

struct Figure {
  std::string number;  // "216.48"
  std::string unit;    // "亿元"
  size_t node = 0, segment = 0, byte_begin = 0, byte_end = 0;
};

// Reads "为|达|达到|是|共" then a number and its unit at t[i].
std::optional<std::pair<std::u32string, std::u32string>> ReadValue(const std::u32string& t, size_t& i) {
  for (std::u32string_view w : {U"达到", U"为", U"达", U"是", U"共", U"有"}) {
    if (t.compare(i, w.size(), w) == 0) {
      i += w.size();
      break;
    }
  }
  const size_t b = i;
  while (i < t.size() && IsDigit(t[i])) ++i;
  if (i == b) return std::nullopt;
  if (i + 1 < t.size() && t[i] == U'.' && IsDigit(t[i + 1])) {
    ++i;
    while (i < t.size() && IsDigit(t[i])) ++i;
  }
  const std::u32string number = t.substr(b, i - b);
  static constexpr std::u32string_view kUnitChars = U"万亿千百元人吨公顷户个米平方立次%‰台辆头只所家名株亩度瓦时张件";
  const size_t u = i;
  while (i < t.size() && i - u < 4 && kUnitChars.find(t[i]) != std::u32string_view::npos) ++i;
  return std::make_pair(number, t.substr(u, i - u));
}

// The "千米|公里" pairs as words: pair p's two names are words 2p and 2p+1.
std::vector<std::string> UnitPairWords(const Rule& rule) {
  std::vector<std::string> words;
  for (const std::string& pair : ParamList(rule, "pairs", {"千米|公里", "千克|公斤"})) {
    const size_t bar = pair.find('|');
    words.push_back(bar == std::string::npos ? std::string() : pair.substr(0, bar));
    words.push_back(bar == std::string::npos ? std::string() : pair.substr(bar + 1));
  }
  return words;
}

}  // namespace

std::vector<std::string> FigureConsistencyWords(const Rule& rule) { return ParamList(rule, "indicators", {}); }
std::vector<std::string> UnitNameMixWords(const Rule& rule) { return UnitPairWords(rule); }

void CheckFigureConsistency(const Rule& rule, FindingSink* sink) {
  const DocContext& ctx = sink->ctx();
  const auto indicators = ParamList(rule, "indicators", {});
  std::vector<std::u32string> scope;
  const std::string& place = ctx.place;
  if (!place.empty()) {
    const std::u32string p = Decode(place);
    scope.push_back(p);
    // 全县 for 示例县; but 成都 gives no 全都, which is an ordinary word.
    if (std::u32string_view(U"县市区旗州盟镇乡").find(p.back()) != std::u32string_view::npos) {
      scope.push_back(std::u32string(U"全") + p.back());
    }
  } else {
    scope = {U"全县", U"全市", U"全区"};
  }
  std::map<std::string, Figure> first;
  auto record = [&](const std::string& indicator, Figure f) {
    auto it = first.find(indicator);
    if (it == first.end()) {
      first.emplace(indicator, std::move(f));
      return;
    }
    const Figure& a = it->second;
    if (a.unit != f.unit) return;  // different units cannot be compared safely
    if (std::strtod(a.number.c_str(), nullptr) == std::strtod(f.number.c_str(), nullptr)) return;
    sink->AddBytes(rule, f.node, f.segment, f.byte_begin, f.byte_end,
                   "“" + indicator + "”全书数字不一：此处为 " + f.number + f.unit + "，" + ctx.nodes[a.node].citation +
                       (ctx.nodes[a.node].node->title.empty() ? " " : "（" + ctx.nodes[a.node].node->title + "）") + "为 " +
                       a.number + a.unit +
                       "；" + rule.message);
  };
  for (size_t n = 0; n < ctx.nodes.size(); ++n) {
    const NodeInfo& node = ctx.nodes[n];
    if (!RuleAppliesToNode(rule, node)) continue;
    for (size_t s = 1; s < node.text.segments.size(); ++s) {
      const Segment& seg = node.text.segments[s];
      if (!seg.checkable) continue;
      const std::string_view v = node.text.View(seg);
      if (seg.block_kind == "table") {
        // Rows "指标\t单位\t数值…": the first number after the unit.
        size_t row_begin = 0;
        int unit_col = -1;
        bool first_row = true;
        while (row_begin < v.size()) {
          size_t row_end = v.find('\n', row_begin);
          if (row_end == std::string_view::npos) row_end = v.size();
          std::vector<std::pair<size_t, size_t>> cells;
          size_t c = row_begin;
          while (c <= row_end) {
            size_t tab = v.find('\t', c);
            if (tab == std::string_view::npos || tab > row_end) tab = row_end;
            cells.emplace_back(c, tab);
            c = tab + 1;
          }
          auto cell = [&](size_t k) { return std::string(v.substr(cells[k].first, cells[k].second - cells[k].first)); };
          if (first_row) {
            for (size_t k = 0; k < cells.size(); ++k) {
              if (cell(k).find("单位") != std::string::npos) unit_col = static_cast<int>(k);
            }
            first_row = false;
          } else if (unit_col > 0 && cells.size() > static_cast<size_t>(unit_col) + 1) {
            std::string name = cell(0);
            if (name.starts_with("年末")) name = name.substr(6);
            if (std::find(indicators.begin(), indicators.end(), name) != indicators.end()) {
              const size_t k = static_cast<size_t>(unit_col) + 1;
              const std::u32string value = Decode(cell(k));
              size_t i = 0;
              auto val = ReadValue(value, i);
              if (val && i == value.size() && val->second.empty()) {
                record(name, Figure{Encode(val->first), cell(static_cast<size_t>(unit_col)), n, s,
                                    seg.byte_begin + cells[k].first, seg.byte_begin + cells[k].second});
              }
            }
          }
          row_begin = row_end + 1;
        }
        continue;
      }
      if (seg.block_kind != "text") continue;
      // Each indicator's occurrences, not overlapping one another.
      std::vector<size_t> next(indicators.size(), 0);
      ForEachWordInSegment(ctx.WordHits(rule, n), seg, [&](const WordHit& hit) {
        const std::string& ind = indicators[hit.word];
        const size_t at = hit.byte - seg.byte_begin;
        if (at < next[hit.word]) return;
        const size_t pos = at + ind.size();
        next[hit.word] = pos;
        // The clause before the indicator must name the whole book's area
        // and no other year; 人均/年均 figures are other indicators.
        size_t cb = at;
        while (cb > 0) {
          size_t prev = 0;
          const char32_t c = PrevCodePoint(v, cb, &prev);
          if (IsClauseBreak(c)) break;
          cb = prev;
        }
        const std::u32string clause = Decode(v.substr(cb, at - cb));
        if (clause.ends_with(U"人均") || clause.ends_with(U"年均") || clause.ends_with(U"户均") ||
            clause.ends_with(U"日均")) {
          return;
        }
        bool scoped = false;
        for (const auto& sw : scope) scoped = scoped || clause.find(sw) != std::u32string::npos;
        if (!scoped) return;
        size_t sb = at;
        while (sb > 0) {
          size_t prev = 0;
          const char32_t c = PrevCodePoint(v, sb, &prev);
          if (c == U'。' || c == U'\n') break;
          sb = prev;
        }
        bool other_year = false;
        const std::string_view sentence = v.substr(sb, at - sb);
        for (size_t k = 0; k + 7 <= sentence.size(); ++k) {
          if (std::isdigit(static_cast<unsigned char>(sentence[k])) && (k == 0 || !std::isdigit(static_cast<unsigned char>(sentence[k - 1]))) &&
              k + 4 < sentence.size() && std::isdigit(static_cast<unsigned char>(sentence[k + 1])) &&
              std::isdigit(static_cast<unsigned char>(sentence[k + 2])) && std::isdigit(static_cast<unsigned char>(sentence[k + 3])) &&
              sentence.substr(k + 4, 3) == "年") {
            const int y = std::stoi(std::string(sentence.substr(k, 4)));
            other_year = other_year || (ctx.period_last_year != 0 && y != ctx.period_last_year);
          }
        }
        if (other_year || clause.find(U"上年") != std::u32string::npos) return;
        // The value: decode a short window after the indicator.
        const std::string_view tail = v.substr(pos, std::min<size_t>(v.size() - pos, 64));
        const std::u32string t = Decode(tail);
        size_t i = 0;
        auto val = ReadValue(t, i);
        if (!val) return;
        const size_t vb = seg.byte_begin + pos;
        const size_t ve = vb + Encode(t.substr(0, i)).size();
        record(ind, Figure{Encode(val->first), Encode(val->second), n, s, vb, ve});
      });
    }
  }
}

void CheckAbbreviationBeforeDefinition(const Rule& rule, FindingSink* sink) {
  const DocContext& ctx = sink->ctx();
  for (const auto& [abbr, def] : ctx.abbreviations) {
    bool reported = false;
    for (size_t n = 0; n <= def.node && !reported; ++n) {
      const NodeInfo& node = ctx.nodes[n];
      if (!RuleAppliesToNode(rule, node)) continue;
      const std::string& t = node.text.text;
      size_t pos = t.find(abbr);
      // “中共示例县委员会” is a name of its own, not a use of “中共示例县委”.
      while (pos != std::string::npos && std::string_view(t).substr(pos + abbr.size()).starts_with("员会")) {
        pos = t.find(abbr, pos + abbr.size());
      }
      if (pos == std::string::npos || (n == def.node && pos >= def.byte)) continue;
      // Part of the full name itself (县政府 in 示例县人民政府) is not a use.
      if (!def.full.empty()) {
        const size_t fb = t.rfind(def.full, pos);
        if (fb != std::string::npos && fb + def.full.size() >= pos + abbr.size()) continue;
      }
      const size_t seg = node.text.SegmentAt(pos);
      sink->AddBytes(rule, n, seg, pos, pos + abbr.size(),
                     "简称“" + abbr + "”在全称出现之前就用了：“" + def.full + "（以下简称“" + abbr + "”）”在 " +
                         ctx.nodes[def.node].citation + "（" + ctx.nodes[def.node].node->title + "）才出现；" + rule.message);
      reported = true;
    }
  }
}

void CheckAbbreviationConflicts(const Rule& rule, FindingSink* sink) {
  const DocContext& ctx = sink->ctx();
  auto same_name = [](const std::string& a, const std::string& b) {
    return a.ends_with(b) || b.ends_with(a);
  };
  const auto& defs = ctx.abbreviation_defs;
  for (size_t i = 0; i < defs.size(); ++i) {
    if (defs[i].full.empty() || !RuleAppliesToNode(rule, ctx.nodes[defs[i].node])) continue;
    for (size_t j = 0; j < i; ++j) {
      if (defs[j].full.empty()) continue;
      std::string why;
      if (defs[i].abbr == defs[j].abbr && !same_name(defs[i].full, defs[j].full)) {
        why = "简称“" + defs[i].abbr + "”指两个不同的机构：此处为“" + defs[i].full + "”，前文为“" + defs[j].full + "”";
      } else if (defs[i].abbr != defs[j].abbr && defs[i].full == defs[j].full) {
        why = "“" + defs[i].full + "”有两个简称：此处为“" + defs[i].abbr + "”，前文为“" + defs[j].abbr + "”";
      }
      if (why.empty()) continue;
      const NodeText& nt = ctx.nodes[defs[i].node].text;
      const size_t seg = nt.SegmentAt(defs[i].byte);
      size_t end = nt.text.find("）", defs[i].byte);
      end = end == std::string::npos ? nt.segments[seg].byte_end : std::min(end + 3, nt.segments[seg].byte_end);
      sink->AddBytes(rule, defs[i].node, seg, defs[i].byte, end, why + "；" + rule.message);
      break;
    }
  }
}

void CheckUnitNameMix(const Rule& rule, FindingSink* sink) {
  const DocContext& ctx = sink->ctx();
  const std::vector<std::string> words = UnitPairWords(rule);
  auto numeric = [](char32_t c) {
    static constexpr std::u32string_view kNum = U"0123456789一二三四五六七八九十百千万亿余多两";
    return kNum.find(c) != std::u32string_view::npos;
  };
  struct Use {
    size_t node, seg, begin, end;
  };
  // uses[2p + a]: name a of pair p right after a number.
  std::vector<std::vector<Use>> uses(words.size());
  for (size_t n = 0; n < ctx.nodes.size(); ++n) {
    const NodeInfo& node = ctx.nodes[n];
    if (!RuleAppliesToNode(rule, node)) continue;
    const std::vector<WordHit>& hits = ctx.WordHits(rule, n);
    if (hits.empty()) continue;
    for (size_t s = 1; s < node.text.segments.size(); ++s) {
      const Segment& seg = node.text.segments[s];
      if (!seg.checkable) continue;
      const std::string_view t = node.text.View(seg);
      std::vector<size_t> next(words.size(), 0);  // occurrences of one name do not overlap
      ForEachWordInSegment(hits, seg, [&](const WordHit& hit) {
        const size_t pos = hit.byte - seg.byte_begin;
        if (pos < next[hit.word]) return;
        next[hit.word] = pos + words[hit.word].size();
        if (pos > 0 && numeric(PrevCodePoint(t, pos))) {
          uses[hit.word].push_back({n, s, hit.byte, hit.byte + words[hit.word].size()});
        }
      });
    }
  }
  for (size_t p = 0; p + 1 < words.size(); p += 2) {
    if (words[p].empty() || words[p + 1].empty()) continue;
    const std::vector<Use>* pair[2] = {&uses[p], &uses[p + 1]};
    if (pair[0]->empty() || pair[1]->empty()) continue;
    const int minority = pair[1]->size() <= pair[0]->size() ? 1 : 0;
    const std::string& major = words[p + static_cast<size_t>(1 - minority)];
    for (const Use& u : *pair[minority]) {
      sink->AddBytes(rule, u.node, u.seg, u.begin, u.end,
                     "全书计量单位名称不统一：此处用“" + words[p + static_cast<size_t>(minority)] + "”，全书多用“" + major +
                         "”（" + std::to_string(pair[1 - minority]->size()) + " 处）",
                     "改为“" + major + "”");
    }
  }
}

}  // namespace fangzhi::check
