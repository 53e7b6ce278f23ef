#include "check/document_context.h"

#include <algorithm>

#include "text/han.h"
#include "text/utf8.h"

namespace fangzhi::check {

namespace {

// Characters that end a name when reading backwards from “（以下简称”.
bool EndsName(char32_t c) {
  if (c == U'\n' || c == U' ' || c == U'\t' || c == U'\u3000') return true;
  static constexpr std::u32string_view kStops = U"，。、；：！？“”‘’《》（）()【】,.;:";
  return kStops.find(c) != std::u32string_view::npos;
}

// Finds “（以下简称“X”）” / “（简称“X”）” in `t` and records X → the name before it.
void CollectAbbreviations(const NodeText& nt, size_t node, DocContext* ctx) {
  static constexpr std::string_view kMarks[] = {"（以下简称“", "（下称“", "（简称“", "(以下简称“", "（以下简称\""};
  const std::string& t = nt.text;
  for (std::string_view mark : kMarks) {
    size_t pos = 0;
    while ((pos = t.find(mark, pos)) != std::string::npos) {
      const size_t name_begin = pos + mark.size();
      size_t close = t.find("”", name_begin);
      const size_t close_ascii = t.find('"', name_begin);
      if (close_ascii != std::string::npos && (close == std::string::npos || close_ascii < close)) close = close_ascii;
      if (close == std::string::npos || close == name_begin || close - name_begin > 60) {
        pos = name_begin;
        continue;
      }
      const std::string abbr = t.substr(name_begin, close - name_begin);
      // The full name: the characters before the bracket up to punctuation.
      std::u32string back;
      size_t i = pos;
      while (i > 0 && back.size() < 40) {
        size_t j = i - 1;
        while (j > 0 && (static_cast<unsigned char>(t[j]) & 0xC0) == 0x80) --j;
        size_t k = j;
        const char32_t c = text::NextCodePoint(t, k);
        if (EndsName(c)) break;
        back.push_back(c);
        i = j;
      }
      std::reverse(back.begin(), back.end());
      std::string full;
      for (char32_t c : back) text::AppendUtf8(full, c);
      ctx->abbreviation_defs.push_back(Abbreviation{abbr, full, node, pos});
      pos = close;
    }
  }
}

// The place a title names before 年鉴 or 志 when it is a county, city or
// district (示例县年鉴（2025） → 示例县); "" otherwise. A province before
// it is dropped: the text says 示例县, not 四川省示例县.
std::string PlaceFromTitle(std::string_view title) {
  size_t end = title.find("年鉴");
  if (end == std::string_view::npos) end = title.find("志");
  if (end == std::string_view::npos || end == 0) return "";
  std::string_view p = title.substr(0, end);
  for (std::string_view province : {"自治区", "省"}) {
    const size_t at = p.rfind(province);
    if (at != std::string_view::npos) p = p.substr(at + province.size());
  }
  for (std::string_view suffix : {"县", "市", "区", "旗", "州", "盟"}) {
    if (p.size() > suffix.size() && p.ends_with(suffix)) return std::string(p);
  }
  return "";
}

void ResolvePeriodAndPlace(const model::Work& work, const std::string& kind, const CheckOptions& opt, DocContext* ctx) {
  struct Source {
    const std::string& value;
    const char* name;
  };
  for (const Source& src : {Source{opt.period, "option"}, Source{work.period, "metadata"},
                            Source{opt.default_period, "config"}}) {
    if (ParsePeriod(src.value, &ctx->period_first_year, &ctx->period_last_year)) {
      ctx->period_source = src.name;
      break;
    }
  }
  if (ctx->period_source.empty() && kind == "yearbook") {
    // The yearbook of year N records year N−1 (《示例县年鉴（2025）》 is
    // about 2024): the convention of 地方综合年鉴, documented in checks.md.
    if (const int year = YearbookTitleYear(work.title); year != 0) {
      ctx->period_first_year = ctx->period_last_year = year - 1;
      ctx->period_source = "title";
    }
  }
  for (const std::string* p : {&opt.place, &work.place_name, &opt.default_place}) {
    if (!p->empty()) {
      ctx->place = *p;
      break;
    }
  }
  if (ctx->place.empty()) ctx->place = PlaceFromTitle(work.title);
}

void Walk(const std::vector<model::Node>& nodes, const std::string& work, const std::string& prefix, int depth,
          int parent, DocContext* ctx) {
  for (const model::Node& n : nodes) {
    NodeInfo info;
    info.node = &n;
    info.path = prefix.empty() ? n.key : prefix + "/" + n.key;
    info.citation = work + "/" + info.path;
    info.depth = depth;
    info.parent = parent;
    info.text = BuildNodeText(n);
    info.entry_level = n.level == "条目";
    if (parent >= 0) info.lineage_titles = ctx->nodes[static_cast<size_t>(parent)].lineage_titles;
    info.lineage_titles.push_back(n.title);
    info.chapter = info.lineage_titles.front();
    const int self = static_cast<int>(ctx->nodes.size());
    ctx->nodes.push_back(std::move(info));
    CollectAbbreviations(ctx->nodes.back().text, static_cast<size_t>(self), ctx);
    Walk(n.children, work, ctx->nodes[static_cast<size_t>(self)].path, depth + 1, self, ctx);
  }
}

}  // namespace

void BuildDocContext(const model::Document& doc, const model::Edition& edition, const std::string& kind,
                     DocContext* out, const CheckOptions* options) {
  out->doc = &doc;
  out->edition = &edition;
  out->kind = kind;
  out->nodes.clear();
  out->abbreviations.clear();
  out->abbreviation_defs.clear();
  out->word_rules.clear();
  out->word_hits.clear();
  // Node texts refer to nothing outside themselves, but lineage copies do:
  // reserve so that the vector never reallocates while walking.
  size_t count = 0;
  model::ForEachNode(edition.nodes, [&](const model::Node&, const std::string&, int) { ++count; });
  out->nodes.reserve(count);
  Walk(edition.nodes, doc.work.id, "", 0, -1, out);
  std::sort(out->abbreviation_defs.begin(), out->abbreviation_defs.end(), [](const Abbreviation& a, const Abbreviation& b) {
    return a.node != b.node ? a.node < b.node : a.byte < b.byte;
  });
  for (const Abbreviation& a : out->abbreviation_defs) out->abbreviations.emplace(a.abbr, a);
  out->period_first_year = out->period_last_year = 0;
  out->period_source.clear();
  out->place.clear();
  const CheckOptions none;
  const CheckOptions& opt = options != nullptr ? *options : none;
  out->input_format = opt.input_format;
  ResolvePeriodAndPlace(doc.work, kind, opt, out);
}

const std::vector<WordHit>& DocContext::WordHits(const Rule& rule, size_t node) const {
  static const std::vector<WordHit> kNone;
  for (size_t l = 0; l < word_rules.size(); ++l) {
    if (word_rules[l] == &rule) return node < word_hits[l].size() ? word_hits[l][node] : kNone;
  }
  return kNone;
}

bool RuleAppliesToKind(const Rule& rule, const std::string& kind) {
  return rule.kinds.empty() || rule.kinds.count(kind) > 0;
}

bool SegmentInScope(const Rule& rule, const Segment& s) {
  if (!s.checkable) return false;
  if (s.title) return (rule.scope & kScopeTitle) != 0;
  if (!(rule.scope & kScopeBody)) return false;
  return rule.blocks.empty() || rule.blocks.count(s.block_kind) > 0;
}

bool RuleAppliesToNode(const Rule& rule, const NodeInfo& node) {
  auto any = [&](const std::vector<std::string>& words) {
    for (const std::string& title : node.lineage_titles) {
      for (const std::string& w : words) {
        if (title.find(w) != std::string::npos) return true;
      }
    }
    return false;
  };
  if (!rule.within.empty() && !any(rule.within)) return false;
  if (!rule.outside.empty() && any(rule.outside)) return false;
  return true;
}

void FindingSink::AddBytes(const Rule& rule, size_t node, size_t seg, size_t byte_begin, size_t byte_end,
                           std::string message, std::string suggestion) {
  const NodeInfo& n = ctx_.nodes[node];
  const Segment& s = n.text.segments[seg];
  for (const auto& [ub, ue] : s.unchecked) {
    if (ub < std::max(byte_end, byte_begin + 1) && byte_begin < ue) return;  // touches an HTML tag
  }
  Finding f;
  f.rule = rule.id;
  f.category = rule.category;
  f.severity = rule.severity;
  f.path = n.citation;
  f.start = n.text.CodePointAt(byte_begin);
  f.end = f.start + text::CountCodePoints(std::string_view(n.text.text).substr(byte_begin, byte_end - byte_begin));
  f.excerpt = n.text.text.substr(byte_begin, byte_end - byte_begin);
  f.message = message.empty() ? rule.message : std::move(message);
  f.suggestion = suggestion.empty() ? rule.suggestion : std::move(suggestion);
  f.para = s.para;
  f.node = node;
  f.segment = seg;
  f.seg_start = f.start - s.cp_begin;
  f.seg_end = f.end - s.cp_begin;
  f.chapter = n.chapter;
  f.node_title = n.node->title;
  out_->push_back(std::move(f));
}

bool FindingSink::Reported(size_t node, Category c, size_t byte_begin, size_t byte_end) const {
  const NodeText& nt = ctx_.nodes[node].text;
  const size_t cb = nt.CodePointAt(byte_begin), ce = nt.CodePointAt(byte_end);
  for (const Finding& f : *out_) {
    if (f.node == node && f.category == c && f.start < ce && cb < f.end) return true;
  }
  return false;
}

void FindingSink::AddTitle(const Rule& rule, size_t node, std::string message, std::string suggestion) {
  const Segment& s = ctx_.nodes[node].text.segments[0];
  AddBytes(rule, node, 0, s.byte_begin, s.byte_end, std::move(message), std::move(suggestion));
}

void FindingSink::AddBook(const Rule& rule, std::string excerpt, std::string message, std::string suggestion) {
  Finding f;
  f.rule = rule.id;
  f.category = rule.category;
  f.severity = rule.severity;
  f.path = ctx_.doc->work.id;
  f.excerpt = std::move(excerpt);
  f.message = message.empty() ? rule.message : std::move(message);
  f.suggestion = suggestion.empty() ? rule.suggestion : std::move(suggestion);
  f.para = -1;
  out_->push_back(std::move(f));
}

}  // namespace fangzhi::check
