#include "check/lexical_matcher.h"

#include <hs/hs.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>

#include "check/compiled_database_cache.h"
#include "check/enclosures.h"
#include "text/utf8.h"

namespace fangzhi::check {

namespace {

// How far back a `before`/`not_before` context may reach (UTF-16 units).
constexpr int32_t kBeforeWindow = 64;

constexpr unsigned kBaseFlags = HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_MULTILINE;

// A literal as a Hyperscan regex: ASCII punctuation escaped, everything
// else (Han, letters, digits) as is.
std::string EscapeLiteral(const std::string& lit) {
  std::string out;
  for (char ch : lit) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else if (c < 0x80 && !std::isalnum(c)) {
      out += '\\';
      out += ch;
    } else {
      out += ch;
    }
  }
  return out;
}

struct PatternEntry {
  size_t rule = 0;         // index into Impl::rules
  bool exception = false;  // an exception pattern of that rule
  long width = -1;         // bytes, when every match has the same length; else -1 (start found later)
  std::string literal;     // for literals: the literal (to find its replacement)
  hs_database_t* som = nullptr;  // variable width: the pattern alone, with SOM_LEFTMOST
  // A structural check's word: its list and index (list < 0: a rule's pattern).
  long word_list = -1;
  size_t word = 0;
};

constexpr size_t kUnknown = static_cast<size_t>(-1);

struct Hit {
  unsigned id;
  size_t from;  // kUnknown until found for a variable-width pattern
  size_t to;
  size_t seg = 0;
};

std::unique_ptr<icu::RegexPattern> CompileIcu(const Rule& r, const std::string& key, const std::string& body,
                                              bool anchor_end, Status* error) {
  if (body.empty()) return nullptr;
  const std::string full = anchor_end ? "(?:" + body + ")\\z" : "(?:" + body + ")";
  UErrorCode status = U_ZERO_ERROR;
  UParseError pe;
  std::unique_ptr<icu::RegexPattern> p(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(full), 0, pe, status));
  if (U_FAILURE(status)) {
    auto it = r.key_lines.find(key);
    const int line = it == r.key_lines.end() ? r.line : it->second;
    *error = Status::InvalidInput(r.file + " 第 " + std::to_string(line) + " 行（规则 " + r.id + "）：" + key +
                                  " 的正则表达式有误（" + u_errorName(status) + "，第 " +
                                  std::to_string(pe.offset) + " 个字符附近）：" + body);
    return nullptr;
  }
  return p;
}

// UTF-16 index of byte offset `byte` in `s`.
int32_t Utf16Index(std::string_view s, size_t byte) {
  int32_t units = 0;
  size_t i = 0;
  while (i < byte && i < s.size()) {
    const char32_t c = text::NextCodePoint(s, i);
    units += c > 0xFFFF ? 2 : 1;
  }
  return units;
}

// Moves byte offset `b` forward (or back) by `n` code points within `s`.
size_t AdvanceCodePoints(std::string_view s, size_t b, int n) {
  for (int k = 0; k < n && b < s.size(); ++k) {
    ++b;
    while (b < s.size() && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) ++b;
  }
  return b;
}
size_t RetreatCodePoints(std::string_view s, size_t b, int n) {
  for (int k = 0; k < n && b > 0; ++k) {
    --b;
    while (b > 0 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) --b;
  }
  return b;
}

// The book defines it, or an abbreviation containing it ("医保局" within "县医保局").
bool DefinedInBook(const DocContext& ctx, std::string_view excerpt) {
  for (const auto& [abbr, def] : ctx.abbreviations) {
    if (abbr.find(excerpt) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

struct LexicalMatcher::Impl {
  struct RuleRuntime {
    const Rule* rule = nullptr;
    std::unique_ptr<icu::RegexPattern> before, not_before, after, not_after;
    // One matcher per pattern, reset onto each segment: creating one per
    // candidate was a tenth of the run on text with many candidates.
    std::unique_ptr<icu::RegexMatcher> before_m, not_before_m, after_m, not_after_m;
    bool in_quotation = false, in_book_title = false, in_parenthesis = false;
  };

  hs_database_t* db = nullptr;
  hs_scratch_t* scratch = nullptr;
  std::vector<PatternEntry> entries;
  std::vector<RuleRuntime> rules;
  // Reused between nodes.
  std::vector<Hit> hits;
  std::vector<size_t> pending;                      // hits still without a start
  std::vector<std::pair<size_t, size_t>> starts;    // (end, start) from a SOM rescan
  std::vector<std::vector<WordHit>>* word_hits = nullptr;

  // Gives every hit of a variable-width pattern its start: the segment that
  // holds its end is scanned again with that pattern alone (SOM_LEFTMOST),
  // once per pattern and segment, and the hit takes the leftmost start of a
  // match ending where it ends. A match that began in an earlier segment
  // finds none and is dropped, as matches across segments always were.
  void FindStarts(const NodeText& nt) {
    pending.clear();
    for (size_t i = 0; i < hits.size(); ++i) {
      Hit& h = hits[i];
      if (h.from != kUnknown) continue;
      if (h.to == 0) {
        h.from = h.to;  // empty: dropped
        continue;
      }
      h.seg = nt.SegmentAt(h.to - 1);
      pending.push_back(i);
    }
    std::sort(pending.begin(), pending.end(), [&](size_t a, size_t b) {
      return hits[a].id != hits[b].id ? hits[a].id < hits[b].id : hits[a].seg < hits[b].seg;
    });
    size_t i = 0;
    while (i < pending.size()) {
      const Hit& first = hits[pending[i]];
      size_t j = i;
      while (j < pending.size() && hits[pending[j]].id == first.id && hits[pending[j]].seg == first.seg) ++j;
      const Segment& s = nt.segments[first.seg];
      starts.clear();
      hs_scan(
          entries[first.id].som, nt.text.data() + s.byte_begin, static_cast<unsigned>(s.byte_end - s.byte_begin), 0,
          scratch,
          [](unsigned, unsigned long long from, unsigned long long to, unsigned, void* c) -> int {
            static_cast<std::vector<std::pair<size_t, size_t>>*>(c)->emplace_back(static_cast<size_t>(to),
                                                                                  static_cast<size_t>(from));
            return 0;
          },
          &starts);
      std::sort(starts.begin(), starts.end());  // by end, then the leftmost start first
      for (size_t k = i; k < j; ++k) {
        Hit& h = hits[pending[k]];
        const size_t end = h.to - s.byte_begin;
        auto it = std::lower_bound(starts.begin(), starts.end(), std::make_pair(end, size_t{0}));
        h.from = it != starts.end() && it->first == end ? s.byte_begin + it->second : h.to;
      }
      i = j;
    }
  }

  ~Impl() {
    if (scratch) hs_free_scratch(scratch);
    for (PatternEntry& e : entries) {
      if (e.som) hs_free_database(e.som);
    }
    if (db) hs_free_database(db);
  }
};

namespace {

// Compiles inputs[0] into impl.db and inputs[1 + k] into the SOM database
// of entry som_entries[k]; a pattern Hyperscan refuses is an error naming
// its rule, file and line.
Status CompileDatabases(LexicalMatcher::Impl& impl, const std::vector<DatabaseInput>& inputs,
                        const std::vector<size_t>& som_entries, const std::vector<WordList>& word_lists,
                        const std::vector<int>& lines) {
  const DatabaseInput& big = inputs[0];
  std::vector<const char*> ptrs;
  for (const std::string& e : big.expressions) ptrs.push_back(e.c_str());
  hs_compile_error_t* err = nullptr;
  if (hs_compile_multi(ptrs.data(), big.flags.data(), big.ids.data(), static_cast<unsigned>(ptrs.size()), HS_MODE_BLOCK,
                       nullptr, &impl.db, &err) != HS_SUCCESS) {
    std::string where = "规则包";
    if (err && err->expression >= 0) {
      const auto i = static_cast<size_t>(err->expression);
      const PatternEntry& e = impl.entries[i];
      if (e.word_list >= 0) {
        const Rule& r = *word_lists[static_cast<size_t>(e.word_list)].rule;
        where = r.Where() + "的参数词语 “" + word_lists[static_cast<size_t>(e.word_list)].words[e.word] + "”";
      } else {
        const Rule& r = *impl.rules[e.rule].rule;
        where = r.file + " 第 " + std::to_string(lines[i]) + " 行（规则 " + r.id + "）的 “" + big.expressions[i] + "”";
      }
    }
    const std::string msg = err ? err->message : "?";
    hs_free_compile_error(err);
    return Status::InvalidInput(where + " 无法编译（Hyperscan：" + msg + "）");
  }
  for (size_t k = 0; k < som_entries.size(); ++k) {
    const size_t i = som_entries[k];
    PatternEntry& e = impl.entries[i];
    // Compiled already as part of the big database, so it cannot fail
    // here except for SOM's own limits, reported like any other error.
    const Rule& r = *impl.rules[e.rule].rule;
    const DatabaseInput& one = inputs[1 + k];
    if (hs_compile(one.expressions[0].c_str(), one.flags[0], HS_MODE_BLOCK, nullptr, &e.som, &err) != HS_SUCCESS) {
      const std::string msg = err ? err->message : "?";
      hs_free_compile_error(err);
      return Status::InvalidInput(r.file + " 第 " + std::to_string(lines[i]) + " 行（规则 " + r.id + "）的 “" +
                                  big.expressions[i] + "” 无法编译（Hyperscan：" + msg + "）");
    }
  }
  return Status::Ok();
}

}  // namespace

LexicalMatcher::LexicalMatcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LexicalMatcher::~LexicalMatcher() = default;

size_t LexicalMatcher::pattern_count() const { return impl_->entries.size(); }

Status LexicalMatcher::Compile(const RuleSet& set, const std::vector<WordList>& word_lists,
                               const std::filesystem::path& cache_dir, std::unique_ptr<LexicalMatcher>* out) {
  auto impl = std::make_unique<Impl>();
  std::vector<std::string> exprs;
  std::vector<unsigned> flags;
  std::vector<int> lines;  // for messages
  auto add = [&](size_t rule_index, const Rule& r, const std::string& expr, bool exception, const std::string& literal,
                 int line) -> Status {
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_expression_info(expr.c_str(), kBaseFlags, &info, &err) != HS_SUCCESS) {
      const std::string msg = err ? err->message : "?";
      hs_free_compile_error(err);
      return Status::InvalidInput(r.file + " 第 " + std::to_string(line) + " 行（规则 " + r.id + "）：" +
                                  (literal.empty() ? "正则表达式" : "词语") + " “" +
                                  (literal.empty() ? expr : literal) + "” 无法编译（Hyperscan：" + msg + "）");
    }
    PatternEntry e;
    e.rule = rule_index;
    e.exception = exception;
    e.literal = literal;
    e.width = info->min_width == info->max_width ? static_cast<long>(info->min_width) : -1;
    std::free(info);
    exprs.push_back(expr);
    flags.push_back(kBaseFlags);
    lines.push_back(line);
    impl->entries.push_back(std::move(e));
    return Status::Ok();
  };

  for (const Rule& r : set.rules) {
    if (!r.enabled || !r.lexical()) continue;
    const size_t ri = impl->rules.size();
    Impl::RuleRuntime rt;
    rt.rule = &r;
    Status s;
    rt.before = CompileIcu(r, "before", r.before, true, &s);
    FZ_RETURN_IF_ERROR(s);
    rt.not_before = CompileIcu(r, "not_before", r.not_before, true, &s);
    FZ_RETURN_IF_ERROR(s);
    rt.after = CompileIcu(r, "after", r.after, false, &s);
    FZ_RETURN_IF_ERROR(s);
    rt.not_after = CompileIcu(r, "not_after", r.not_after, false, &s);
    FZ_RETURN_IF_ERROR(s);
    for (const auto& in : r.inside) {
      if (in == "quotation") rt.in_quotation = true;
      if (in == "book_title") rt.in_book_title = true;
      if (in == "parenthesis") rt.in_parenthesis = true;
    }
    impl->rules.push_back(std::move(rt));
    auto line_of = [&](const std::string& key) {
      auto it = r.key_lines.find(key);
      return it == r.key_lines.end() ? r.line : it->second;
    };
    for (const auto& lit : r.literals) FZ_RETURN_IF_ERROR(add(ri, r, EscapeLiteral(lit), false, lit, line_of("literals")));
    for (size_t i = 0; i < r.patterns.size(); ++i) {
      const int line = i < r.pattern_lines.size() ? r.pattern_lines[i] : line_of("patterns");
      FZ_RETURN_IF_ERROR(add(ri, r, r.patterns[i], false, "", line));
    }
    for (const auto& w : r.exception_words) {
      FZ_RETURN_IF_ERROR(add(ri, r, EscapeLiteral(w), true, w, line_of("exceptions.words")));
    }
    for (size_t i = 0; i < r.exception_patterns.size(); ++i) {
      const int line = i < r.exception_pattern_lines.size() ? r.exception_pattern_lines[i]
                                                             : line_of("exceptions.patterns");
      FZ_RETURN_IF_ERROR(add(ri, r, r.exception_patterns[i], true, "", line));
    }
  }
  for (size_t l = 0; l < word_lists.size(); ++l) {
    const std::vector<std::string>& words = word_lists[l].words;
    for (size_t w = 0; w < words.size(); ++w) {
      if (words[w].empty()) continue;
      PatternEntry e;
      e.word_list = static_cast<long>(l);
      e.word = w;
      e.width = static_cast<long>(words[w].size());
      exprs.push_back(EscapeLiteral(words[w]));
      flags.push_back(kBaseFlags);
      lines.push_back(0);
      impl->entries.push_back(std::move(e));
    }
  }
  if (!exprs.empty()) {
    // The big database, then each variable-width pattern alone with start of match.
    std::vector<DatabaseInput> inputs(1);
    inputs[0].expressions = exprs;
    inputs[0].flags = flags;
    std::vector<size_t> som_entries;
    for (size_t i = 0; i < exprs.size(); ++i) {
      inputs[0].ids.push_back(static_cast<unsigned>(i));
      if (impl->entries[i].width >= 0) continue;
      som_entries.push_back(i);
      inputs.push_back({{exprs[i]}, {kBaseFlags | HS_FLAG_SOM_LEFTMOST}, {0}});
    }
    const CompiledDatabaseCache cache(cache_dir);
    const std::string key = CompiledDatabaseCache::Key(inputs);
    std::vector<hs_database_t*> loaded;
    if (cache.Load(key, &loaded) && loaded.size() == inputs.size()) {
      impl->db = loaded[0];
      for (size_t k = 0; k < som_entries.size(); ++k) impl->entries[som_entries[k]].som = loaded[k + 1];
    } else {
      for (hs_database_t* db : loaded) hs_free_database(db);
      FZ_RETURN_IF_ERROR(CompileDatabases(*impl, inputs, som_entries, word_lists, lines));
      std::vector<const hs_database_t*> dbs{impl->db};
      for (size_t i : som_entries) dbs.push_back(impl->entries[i].som);
      cache.Store(key, dbs);
    }
    if (hs_alloc_scratch(impl->db, &impl->scratch) != HS_SUCCESS) {
      return Status::IoError("Hyperscan 无法分配工作区（内存不足？）");
    }
    for (size_t i : som_entries) {
      if (hs_alloc_scratch(impl->entries[i].som, &impl->scratch) != HS_SUCCESS) {
        return Status::IoError("Hyperscan 无法分配工作区（内存不足？）");
      }
    }
  }
  out->reset(new LexicalMatcher(std::move(impl)));
  return Status::Ok();
}

void LexicalMatcher::Run(const DocContext& ctx, size_t node_index, FindingSink* sink,
                         std::vector<std::vector<WordHit>>* word_hits) {
  Impl& im = *impl_;
  if (im.db == nullptr) return;
  const NodeInfo& node = ctx.nodes[node_index];
  const NodeText& nt = node.text;
  if (nt.text.empty()) return;
  im.hits.clear();
  im.word_hits = word_hits;
  hs_scan(
      im.db, nt.text.data(), static_cast<unsigned>(nt.text.size()), 0, im.scratch,
      [](unsigned id, unsigned long long, unsigned long long to, unsigned, void* c) -> int {
        auto* m = static_cast<Impl*>(c);
        const PatternEntry& e = m->entries[id];
        const size_t end = static_cast<size_t>(to);
        if (e.word_list >= 0) {
          const auto l = static_cast<size_t>(e.word_list);
          if (m->word_hits && l < m->word_hits->size()) {
            (*m->word_hits)[l].push_back({end - static_cast<size_t>(e.width), e.word});
          }
          return 0;
        }
        m->hits.push_back({id, e.width >= 0 ? end - static_cast<size_t>(e.width) : kUnknown, end});
        return 0;
      },
      &im);
  im.word_hits = nullptr;
  if (word_hits) {
    // Hyperscan reports by end; the checks read words by start.
    for (auto& v : *word_hits) {
      std::sort(v.begin(), v.end(), [](const WordHit& a, const WordHit& b) {
        return a.byte != b.byte ? a.byte < b.byte : a.word < b.word;
      });
    }
  }
  if (im.hits.empty()) return;
  im.FindStarts(nt);
  auto& hits = im.hits;
  std::sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
    const size_t ra = im.entries[a.id].rule, rb = im.entries[b.id].rule;
    if (ra != rb) return ra < rb;
    if (a.from != b.from) return a.from < b.from;
    return a.to > b.to;  // longest first at the same start
  });

  // Per-segment caches, filled on demand.
  std::map<size_t, std::vector<EnclosedSpan>> enclosures;
  std::map<size_t, icu::UnicodeString> utf16;

  auto enclosed = [&](size_t seg, size_t b, size_t e, const Impl::RuleRuntime& rt) {
    if (!rt.in_quotation && !rt.in_book_title && !rt.in_parenthesis) return false;
    const Segment& s = nt.segments[seg];
    auto it = enclosures.find(seg);
    if (it == enclosures.end()) it = enclosures.emplace(seg, FindEnclosures(nt.View(s))).first;
    for (const EnclosedSpan& sp : it->second) {
      const size_t sb = s.byte_begin + sp.begin, se = s.byte_begin + sp.end;
      if (sb <= b && e <= se) {
        if ((sp.kind == Enclosure::kQuotation && rt.in_quotation) ||
            (sp.kind == Enclosure::kBookTitle && rt.in_book_title) ||
            (sp.kind == Enclosure::kParenthesis && rt.in_parenthesis)) {
          return true;
        }
      }
    }
    return false;
  };

  auto context_ok = [&](size_t seg, size_t b, size_t e, Impl::RuleRuntime& rt) {
    if (!rt.before && !rt.not_before && !rt.after && !rt.not_after) return true;
    const Segment& s = nt.segments[seg];
    const std::string_view view = nt.View(s);
    auto it = utf16.find(seg);
    if (it == utf16.end()) it = utf16.emplace(seg, icu::UnicodeString::fromUTF8(view)).first;
    const icu::UnicodeString& u = it->second;
    const int32_t b16 = Utf16Index(view, b - s.byte_begin);
    const int32_t e16 = b16 + Utf16Index(view.substr(b - s.byte_begin), e - b);
    // find() (without a start index) searches only inside the region. The
    // pattern ends in \z, but find() still tries every start in the region,
    // so the region is the last kBeforeWindow UTF-16 units only: a paragraph
    // with a candidate every few characters (要…, 必须…) was quadratic.
    // Transparent bounds let lookbehind see past the window, which is how a
    // pack says "at the start of the paragraph": (?<![\s\S]).
    auto matcher = [&](const icu::RegexPattern* p, std::unique_ptr<icu::RegexMatcher>& m) -> icu::RegexMatcher* {
      UErrorCode st = U_ZERO_ERROR;
      if (!m) {
        m.reset(p->matcher(st));
        if (U_FAILURE(st)) {
          m.reset();
          return nullptr;
        }
      }
      m->reset(u);
      return m.get();
    };
    auto test_before = [&](const icu::RegexPattern* p, std::unique_ptr<icu::RegexMatcher>& cached) {
      UErrorCode st = U_ZERO_ERROR;
      icu::RegexMatcher* m = matcher(p, cached);
      if (m == nullptr) return false;
      m->region(std::max<int32_t>(0, b16 - kBeforeWindow), b16, st);
      m->useTransparentBounds(true);
      return U_SUCCESS(st) && m->find();
    };
    auto test_after = [&](const icu::RegexPattern* p, std::unique_ptr<icu::RegexMatcher>& cached) {
      UErrorCode st = U_ZERO_ERROR;
      icu::RegexMatcher* m = matcher(p, cached);
      if (m == nullptr) return false;
      m->region(e16, u.length(), st);
      return U_SUCCESS(st) && m->lookingAt(st) && U_SUCCESS(st);
    };
    // The exclusions first: they are mostly one character class and turn
    // away most candidates ("第三条") before a longer `before` runs.
    if (rt.not_before && test_before(rt.not_before.get(), rt.not_before_m)) return false;
    if (rt.not_after && test_after(rt.not_after.get(), rt.not_after_m)) return false;
    if (rt.before && !test_before(rt.before.get(), rt.before_m)) return false;
    if (rt.after && !test_after(rt.after.get(), rt.after_m)) return false;
    return true;
  };

  size_t i = 0;
  while (i < hits.size()) {
    const size_t ri = im.entries[hits[i].id].rule;
    size_t j = i;
    while (j < hits.size() && im.entries[hits[j].id].rule == ri) ++j;
    Impl::RuleRuntime& rt = im.rules[ri];
    const Rule& rule = *rt.rule;
    if (!RuleAppliesToKind(rule, ctx.kind) || !RuleAppliesToNode(rule, node)) {
      i = j;
      continue;
    }
    // Exceptions of this rule, as byte spans.
    std::vector<std::pair<size_t, size_t>> excepted;
    for (size_t k = i; k < j; ++k) {
      if (im.entries[hits[k].id].exception) excepted.emplace_back(hits[k].from, hits[k].to);
    }
    size_t last_seg = 0, last_begin = 0, last_end = 0;
    bool have_last = false;
    std::string last_suggestion;
    auto flush = [&] {
      if (have_last) sink->AddBytes(rule, node_index, last_seg, last_begin, last_end, {}, last_suggestion);
      have_last = false;
    };
    for (size_t k = i; k < j; ++k) {
      const Hit& h = hits[k];
      const PatternEntry& pe = im.entries[h.id];
      if (pe.exception) continue;
      const size_t seg_index = nt.SegmentAt(h.from);
      const Segment& s = nt.segments[seg_index];
      if (h.to > s.byte_end || h.to <= h.from) continue;  // across a segment boundary
      if (!s.checkable) continue;
      if (s.list_item && !rule.list_items) continue;
      if (!s.title && !rule.blocks.empty() && !rule.blocks.count(s.block_kind)) continue;
      const bool in_entry_title = s.entry() && h.from >= s.entry_title_begin && h.to <= s.entry_title_end;
      const bool title_region = s.title || in_entry_title;
      bool applies;
      if (title_region) {
        const bool is_entry = in_entry_title || (s.title && node.entry_level);
        applies = (rule.scope & kScopeTitle) || ((rule.scope & kScopeEntryTitle) && is_entry);
      } else {
        applies = (rule.scope & kScopeBody) != 0;
      }
      if (!applies) continue;
      const std::string_view text = nt.text;
      size_t b = AdvanceCodePoints(text, h.from, rule.trim_left);
      size_t e = RetreatCodePoints(text, h.to, rule.trim_right);
      if (e <= b) continue;
      if (!context_ok(seg_index, b, e, rt)) continue;
      if (enclosed(seg_index, b, e, rt)) continue;
      bool skip = false;
      for (const auto& [xb, xe] : excepted) {
        if (xb < e && b < xe) {
          skip = true;
          break;
        }
      }
      if (skip) continue;
      if (rule.unless_defined && DefinedInBook(ctx, text.substr(b, e - b))) continue;
      std::string suggestion;
      if (!pe.literal.empty()) {
        auto rep = rule.replacements.find(pe.literal);
        if (rep != rule.replacements.end()) {
          suggestion = rep->second.empty() ? "删去" + Quoted(pe.literal) : "改为" + Quoted(rep->second);
        }
      }
      if (have_last && seg_index == last_seg && b < last_end) {
        last_end = std::max(last_end, e);  // overlapping matches of one rule are one finding
        continue;
      }
      flush();
      have_last = true;
      last_seg = seg_index;
      last_begin = b;
      last_end = e;
      last_suggestion = suggestion;
    }
    flush();
    i = j;
  }
}

}  // namespace fangzhi::check
