#include "search/searcher.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <set>
#include <unordered_map>

#include "model/region.h"
#include "search/kwic.h"
#include "search/query.h"
#include "text/fold.h"

namespace fangzhi::search {
namespace {

struct Span {
  uint32_t pos;
  uint32_t len;
  bool operator<(const Span& o) const { return pos != o.pos ? pos < o.pos : len < o.len; }
  bool operator==(const Span& o) const = default;
};
using Spans = std::vector<Span>;
using Ranges = std::vector<std::pair<uint32_t, uint32_t>>;  // [start, end), sorted, disjoint

struct WorkMeta {
  std::string title, kind, region_code, dynasty, place;
  std::u32string title_f, kind_f, dynasty_f, place_f;
};

// The entries a query may touch in one segment.
struct SegmentScope {
  const Segment* seg = nullptr;
  std::vector<uint32_t> entries;  // allowed entry indices
  Ranges ranges;
};

// Node index of every span, spans sorted by position: one pass with a cursor.
std::vector<uint32_t> NodesOf(const Segment& seg, const Spans& spans) {
  std::vector<uint32_t> out;
  out.reserve(spans.size());
  if (spans.empty()) return out;
  uint32_t n = seg.NodeAt(spans.front().pos);
  const uint32_t last = seg.num_nodes() - 1;
  for (const Span& s : spans) {
    while (n < last && seg.node(n + 1).start_pos <= s.pos) ++n;
    out.push_back(n);
  }
  return out;
}

// Distinct nodes among spans sorted by position, without materialising
// the node of every span (the commonest characters have millions).
uint64_t CountNodes(const Segment& seg, const Spans& spans) {
  if (spans.empty()) return 0;
  uint32_t n = seg.NodeAt(spans.front().pos);
  uint32_t next_start = n + 1 < seg.num_nodes() ? seg.node(n + 1).start_pos : UINT32_MAX;
  uint64_t count = 1;
  for (const Span& s : spans) {
    if (s.pos < next_start) continue;
    n = seg.NodeAt(s.pos);
    next_start = n + 1 < seg.num_nodes() ? seg.node(n + 1).start_pos : UINT32_MAX;
    ++count;
  }
  return count;
}

std::vector<uint32_t> DistinctSorted(std::vector<uint32_t> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

Spans Union(std::vector<Spans> parts) {
  Spans out;
  for (auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Exact occurrences of `q` (folded units) inside the ranges.
Spans TermSpans(const Segment& seg, const std::u32string& q, const Ranges& ranges) {
  Spans out;
  const uint32_t m = static_cast<uint32_t>(q.size());
  std::vector<uint32_t> ids(m);
  uint32_t rarest = 0;
  for (uint32_t k = 0; k < m; ++k) {
    ids[k] = seg.IdOf(q[k]);
    if (ids[k] == 0) return out;  // a character the segment never has
    if (seg.Count(ids[k]) < seg.Count(ids[rarest])) rarest = k;
  }
  const PostingsReader list = seg.Postings(ids[rarest]);
  if (m == 1) out.reserve(list.size());
  std::vector<uint32_t> cand;
  for (const auto& [start, end] : ranges) {
    if (end - start < m) continue;
    cand.clear();
    list.Decode(start + rarest, end - (m - 1 - rarest), &cand);
    if (m == 1) {
      for (uint32_t p : cand) out.push_back({p, 1});
      continue;
    }
    for (uint32_t p : cand) {
      const uint32_t s = p - rarest;
      uint32_t k = 0;
      while (k < m && seg.CodeAt(s + k) == ids[k]) ++k;
      if (k == m) out.push_back({s, m});
    }
  }
  return out;
}

class Evaluator {
 public:
  Evaluator(const SegmentScope& scope, const std::unordered_map<const QueryNode*, std::u32string>& folded)
      : seg_(*scope.seg), scope_(scope), folded_(folded) {}

  Spans Eval(const QueryNode& n) {
    switch (n.kind) {
      case QueryNode::Kind::kTerm:
        return TermSpans(seg_, folded_.at(&n), scope_.ranges);
      case QueryNode::Kind::kOr: {
        std::vector<Spans> parts;
        for (const auto& c : n.children) parts.push_back(Eval(c));
        return Union(std::move(parts));
      }
      case QueryNode::Kind::kAnd:
        return And(n);
      case QueryNode::Kind::kNear:
        return Near(n);
      case QueryNode::Kind::kNot:
        return {};  // only meaningful inside AND, handled there
    }
    return {};
  }

 private:
  // Nodes holding every positive part and no negative part; the hits are
  // the positive parts' occurrences in those nodes.
  Spans And(const QueryNode& n) {
    std::vector<Spans> positive;
    std::vector<uint32_t> keep;
    bool first = true;
    std::vector<uint32_t> drop;
    for (const auto& c : n.children) {
      if (c.kind == QueryNode::Kind::kNot) {
        for (const auto& g : c.children) {
          const Spans s = Eval(g);
          const auto nodes = NodesOf(seg_, s);
          drop.insert(drop.end(), nodes.begin(), nodes.end());
        }
        continue;
      }
      Spans s = Eval(c);
      auto nodes = DistinctSorted(NodesOf(seg_, s));
      if (first) {
        keep = std::move(nodes);
        first = false;
      } else {
        std::vector<uint32_t> both;
        std::set_intersection(keep.begin(), keep.end(), nodes.begin(), nodes.end(), std::back_inserter(both));
        keep = std::move(both);
      }
      positive.push_back(std::move(s));
    }
    drop = DistinctSorted(std::move(drop));
    std::vector<uint32_t> result;
    std::set_difference(keep.begin(), keep.end(), drop.begin(), drop.end(), std::back_inserter(result));
    Spans all = Union(std::move(positive));
    const auto nodes = NodesOf(seg_, all);
    Spans out;
    for (size_t i = 0; i < all.size(); ++i) {
      if (std::binary_search(result.begin(), result.end(), nodes[i])) out.push_back(all[i]);
    }
    return out;
  }

  // Each occurrence of the left operand with an occurrence of the right one
  // no more than `distance` characters away (either side, same node); the
  // hit spans both.
  Spans Near(const QueryNode& n) {
    const Spans a = Eval(n.children.at(0));
    const Spans b = Eval(n.children.at(1));
    const auto na = NodesOf(seg_, a);
    const auto nb = NodesOf(seg_, b);
    const uint32_t d = static_cast<uint32_t>(n.distance);
    Spans out;
    size_t lo = 0;
    for (size_t i = 0; i < a.size(); ++i) {
      const Span& x = a[i];
      while (lo < b.size() && (nb[lo] < na[i] || (nb[lo] == na[i] && b[lo].pos + b[lo].len + d < x.pos))) ++lo;
      // The first partner in the window; an occurrence is not its own
      // partner (巴 NEAR/3 巴 wants two of them).
      for (size_t j = lo; j < b.size() && nb[j] == na[i] && b[j].pos <= x.pos + x.len + d; ++j) {
        if (b[j] == x) continue;
        const uint32_t start = std::min(x.pos, b[j].pos);
        const uint32_t end = std::max(x.pos + x.len, b[j].pos + b[j].len);
        out.push_back({start, end - start});
        break;
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  const Segment& seg_;
  const SegmentScope& scope_;
  const std::unordered_map<const QueryNode*, std::u32string>& folded_;
};

void CollectTerms(const QueryNode& n, std::vector<const QueryNode*>* out) {
  if (n.kind == QueryNode::Kind::kTerm) out->push_back(&n);
  for (const auto& c : n.children) CollectTerms(c, out);
}

bool Matches(const std::vector<std::string>& values, const std::function<bool(const std::string&)>& pred) {
  if (values.empty()) return true;
  return std::any_of(values.begin(), values.end(), pred);
}

}  // namespace

struct Searcher::Impl {
  store::Library* lib = nullptr;
  const Index* index = nullptr;
  std::map<std::string, WorkMeta, std::less<>> works;  // std::less<>: found by string_view
};

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

Status Searcher::Open(store::Library* lib, const Index* index, std::unique_ptr<Searcher>* out) {
  auto impl = std::make_unique<Impl>();
  impl->lib = lib;
  impl->index = index;
  std::vector<store::WorkSummary> works;
  FZ_RETURN_IF_ERROR(lib->ListWorks(&works));
  for (const auto& w : works) {
    WorkMeta m;
    m.title = w.work.title;
    m.kind = w.work.kind;
    m.region_code = w.work.region_code;
    m.dynasty = w.work.dynasty;
    m.place = w.work.place_name;
    m.title_f = text::FoldForSearch(m.title);
    m.kind_f = text::FoldForSearch(m.kind);
    m.dynasty_f = text::FoldForSearch(m.dynasty);
    m.place_f = text::FoldForSearch(m.place);
    impl->works.emplace(w.work.id, std::move(m));
  }
  out->reset(new Searcher(std::move(impl)));
  return Status::Ok();
}

Status Searcher::Search(std::string_view query_text, const SearchOptions& opt, SearchResult* out) const {
  const auto t0 = std::chrono::steady_clock::now();
  Query query;
  FZ_RETURN_IF_ERROR(ParseQuery(query_text, &query));
  for (const std::string& f : opt.facets) {
    if (f != "work" && f != "dynasty" && f != "region" && f != "kind" && f != "edition") {
      return Status::InvalidInput("未知的分面 “" + f + "”（可用：work, dynasty, region, kind, edition）");
    }
  }
  if (opt.limit > 1000) return Status::InvalidInput("每页最多 1000 条（--limit）");
  if (opt.window > 200) return Status::InvalidInput("上下文最多 200 字（--window）");

  // Fold every term once.
  std::vector<const QueryNode*> terms;
  CollectTerms(query.root, &terms);
  std::unordered_map<const QueryNode*, std::u32string> folded;
  for (const QueryNode* t : terms) {
    std::u32string f = text::FoldForSearch(t->text);
    if (f.empty()) {
      return Status::InvalidInput("查询词 “" + t->text + "” 只有标点或空白，无法检索（检索时忽略标点）");
    }
    folded.emplace(t, std::move(f));
  }

  // Which works and editions the filters allow.
  const Filters& fl = query.filters;
  auto work_ok = [&](std::string_view id) {
    auto it = impl_->works.find(id);
    if (it == impl_->works.end()) return false;
    const WorkMeta& m = it->second;
    return Matches(fl.work, [&](const std::string& v) { return v == id || text::FoldForSearch(v) == m.title_f; }) &&
           Matches(fl.kind, [&](const std::string& v) { return text::FoldForSearch(v) == m.kind_f; }) &&
           Matches(fl.dynasty, [&](const std::string& v) { return text::FoldForSearch(v) == m.dynasty_f; }) &&
           Matches(fl.region, [&](const std::string& v) {
             if (!v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
               return m.region_code.starts_with(v);
             }
             const std::u32string fv = text::FoldForSearch(v);
             const std::u32string prov = text::FoldForSearch(model::ProvinceName(m.region_code.substr(0, 2)));
             return (!fv.empty() && m.place_f.find(fv) != std::u32string::npos) ||
                    (!fv.empty() && prov.find(fv) != std::u32string::npos);
           });
  };
  const bool all_editions = std::any_of(fl.edition.begin(), fl.edition.end(),
                                        [](const std::string& v) { return v == "all" || v == "*" || v == "全部"; });
  auto edition_ok = [&](const EntryView& e) {
    if (all_editions) return true;
    if (fl.edition.empty()) return e.base;  // default scope: each work's base text once
    return std::any_of(fl.edition.begin(), fl.edition.end(), [&](const std::string& v) { return v == e.edition; });
  };

  std::vector<SegmentScope> scopes;
  for (const IndexedSegment& is : impl_->index->segments()) {
    SegmentScope sc;
    sc.seg = is.segment.get();
    for (uint32_t i = 0; i < sc.seg->num_entries(); ++i) {
      const EntryView e = sc.seg->entry(i);
      if ((!is.dead.empty() && is.dead.count(std::string(e.work))) || !edition_ok(e) || !work_ok(e.work)) continue;
      sc.entries.push_back(i);
      if (!sc.ranges.empty() && sc.ranges.back().second == e.start_pos) {
        sc.ranges.back().second = e.end_pos;  // adjacent entries: one range
      } else {
        sc.ranges.emplace_back(e.start_pos, e.end_pos);
      }
    }
    if (!sc.entries.empty()) scopes.push_back(std::move(sc));
  }

  // Evaluate per segment; count per entry.
  // A one-character query over a whole scope of a segment (every base
  // edition, or every edition, nothing filtered or removed) is answered from
  // the posting list's skip table and the per-character node counts; its
  // hits are decoded only for the page shown.
  const bool one_char = query.root.kind == QueryNode::Kind::kTerm && folded.at(&query.root).size() == 1 &&
                        fl.work.empty() && fl.kind.empty() && fl.region.empty() && fl.dynasty.empty() &&
                        (fl.edition.empty() || all_editions) && opt.sort == KwicSort::kPosition;
  struct EntryHits {
    const SegmentScope* scope;
    uint32_t entry;
    size_t begin, end;  // into that segment's spans; or [0, count) when `id` is set
    uint32_t id = 0;    // the character's id, when hits are decoded on demand
  };
  std::vector<Spans> spans(scopes.size());
  std::vector<EntryHits> entry_hits;
  SearchResult r;
  r.query = DescribeQuery(query);
  // Keyed by views into the memory-mapped segments, which outlive the
  // search: a frequent character is tallied for thousands of entries, and a
  // string allocation and tree walk per entry cost more than the counting.
  std::unordered_map<std::string_view, uint64_t> per_work, per_edition;
  auto tally = [&](const EntryView& e, uint64_t n) {
    per_work[e.work] += n;
    per_edition[e.edition] += n;
  };
  for (size_t s = 0; s < scopes.size(); ++s) {
    const Segment& seg = *scopes[s].seg;
    const uint32_t whole_end = all_editions ? static_cast<uint32_t>(seg.header().num_units) : seg.base_end();
    if (one_char && scopes[s].ranges.size() == 1 && scopes[s].ranges[0].first == 0 &&
        scopes[s].ranges[0].second == whole_end) {
      const uint32_t id = seg.IdOf(folded.at(&query.root)[0]);
      if (id == 0) continue;
      const PostingsReader list = seg.Postings(id);
      r.total_occurrences += all_editions ? list.size() : list.Rank(whole_end);
      r.total_nodes += all_editions ? seg.NodesAll(id) : seg.NodesBase(id);
      std::vector<uint32_t> bounds, ranks;
      for (uint32_t e : scopes[s].entries) {
        bounds.push_back(seg.entry(e).start_pos);
        bounds.push_back(seg.entry(e).end_pos);
      }
      list.Ranks(bounds, &ranks);
      for (size_t k = 0; k < scopes[s].entries.size(); ++k) {
        const uint32_t n = ranks[2 * k + 1] - ranks[2 * k];
        if (n == 0) continue;
        entry_hits.push_back({&scopes[s], scopes[s].entries[k], 0, n, id});
        tally(seg.entry(scopes[s].entries[k]), n);
      }
      continue;
    }
    Evaluator ev(scopes[s], folded);
    spans[s] = ev.Eval(query.root);
    const Spans& sp = spans[s];
    r.total_occurrences += sp.size();
    r.total_nodes += CountNodes(seg, sp);
    for (uint32_t e : scopes[s].entries) {
      const EntryView ev2 = seg.entry(e);
      const auto b = std::lower_bound(sp.begin(), sp.end(), Span{ev2.start_pos, 0});
      const auto en = std::lower_bound(b, sp.end(), Span{ev2.end_pos, 0});
      if (b == en) continue;
      entry_hits.push_back({&scopes[s], e, static_cast<size_t>(b - sp.begin()), static_cast<size_t>(en - sp.begin())});
      tally(ev2, static_cast<uint64_t>(en - b));
    }
  }

  // Facets: occurrences per work, and per dynasty, region, kind of the work.
  for (const std::string& f : opt.facets) {
    std::map<std::string, std::pair<std::string, uint64_t>> agg;
    if (f == "edition") {
      for (const auto& [ed, n] : per_edition) agg[std::string(ed)] = {std::string(ed), n};
    }
    for (const auto& [work, n] : per_work) {
      const WorkMeta& m = impl_->works.find(work)->second;  // work_ok let only known works in
      if (f == "work") agg[std::string(work)] = {m.title, n};
      if (f == "dynasty") {
        auto& a = agg[m.dynasty.empty() ? "—" : m.dynasty];
        a.first = m.dynasty.empty() ? "未详" : m.dynasty;
        a.second += n;
      }
      if (f == "kind") {
        auto& a = agg[m.kind];
        a.first = m.kind;
        a.second += n;
      }
      if (f == "region") {
        const std::string code = m.region_code.substr(0, 2);
        auto& a = agg[code.empty() ? "—" : code];
        a.first = code.empty() ? "未详" : model::ProvinceName(code);
        a.second += n;
      }
    }
    std::vector<FacetValue> vals;
    for (const auto& [v, ln] : agg) vals.push_back({v, ln.first, ln.second});
    std::stable_sort(vals.begin(), vals.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.occurrences > b.occurrences; });
    r.facet_distinct[f] = vals.size();
    if (opt.facet_limit != 0 && vals.size() > opt.facet_limit) vals.resize(opt.facet_limit);
    r.facets[f] = std::move(vals);
  }

  // The page: hits in a stable global order — base editions first, then by
  // work id, edition, position — or sorted by the context beside the hit.
  std::sort(entry_hits.begin(), entry_hits.end(), [](const EntryHits& a, const EntryHits& b) {
    const EntryView x = a.scope->seg->entry(a.entry), y = b.scope->seg->entry(b.entry);
    if (x.base != y.base) return x.base;
    if (x.work != y.work) return x.work < y.work;
    return x.edition_ord < y.edition_ord;
  });
  struct PageHit {
    const Segment* seg;
    Span span;
  };
  std::vector<PageHit> page;
  const size_t want_end = opt.offset + opt.limit;
  if (opt.sort == KwicSort::kPosition) {
    size_t seen = 0;
    for (const EntryHits& eh : entry_hits) {
      const size_t n = eh.end - eh.begin;
      if (seen + n <= opt.offset) {
        seen += n;
        continue;
      }
      const size_t s_idx = static_cast<size_t>(eh.scope - scopes.data());
      const Segment& seg = *eh.scope->seg;
      std::vector<uint32_t> decoded;
      if (eh.id != 0) {
        const EntryView ev = seg.entry(eh.entry);
        seg.Postings(eh.id).Decode(ev.start_pos, ev.end_pos, &decoded);
      }
      for (size_t i = eh.begin; i < eh.end && seen < want_end; ++i, ++seen) {
        if (seen < opt.offset) continue;
        page.push_back({&seg, eh.id != 0 ? Span{decoded[i], 1} : spans[s_idx][i]});
      }
      if (seen >= want_end) break;
    }
  } else {
    // Every hit gets a key of up to 12 folded characters beside it; ties
    // keep the position order.
    constexpr uint32_t kKey = 12;
    struct Keyed {
      std::u32string key;
      size_t order;
      PageHit hit;
    };
    std::vector<Keyed> all;
    all.reserve(r.total_occurrences);
    for (const EntryHits& eh : entry_hits) {
      const size_t s_idx = static_cast<size_t>(eh.scope - scopes.data());
      const Segment& seg = *eh.scope->seg;
      for (size_t i = eh.begin; i < eh.end; ++i) {
        const Span sp = spans[s_idx][i];
        Keyed k{{}, all.size(), {&seg, sp}};
        if (opt.sort == KwicSort::kRight) {
          for (uint32_t p = sp.pos + sp.len; k.key.size() < kKey && p < seg.header().num_units; ++p) {
            const uint32_t id = seg.CodeAt(p);
            if (id == 0) break;
            k.key.push_back(seg.CodePoint(id));
          }
        } else {
          for (uint32_t p = sp.pos; k.key.size() < kKey && p > 0; --p) {
            const uint32_t id = seg.CodeAt(p - 1);
            if (id == 0) break;
            k.key.push_back(seg.CodePoint(id));
          }
        }
        all.push_back(std::move(k));
      }
    }
    const size_t upto = std::min(want_end, all.size());
    // Equal keys of full length are compared further, character by
    // character, up to the end of the node.
    const bool right_side = opt.sort == KwicSort::kRight;
    auto context_at = [&](const PageHit& h, uint32_t k) -> char32_t {
      const Segment& seg = *h.seg;
      uint64_t p;
      if (right_side) {
        p = uint64_t{h.span.pos} + h.span.len + k;
        if (p >= seg.header().num_units) return 0;
      } else {
        if (k + 1 > h.span.pos) return 0;
        p = h.span.pos - k - 1;
      }
      const uint32_t id = seg.CodeAt(p);
      return id == 0 ? 0 : seg.CodePoint(id);
    };
    std::partial_sort(all.begin(), all.begin() + static_cast<long>(upto), all.end(), [&](const Keyed& a, const Keyed& b) {
      if (a.key != b.key) return a.key < b.key;
      if (a.key.size() == kKey) {
        for (uint32_t k = kKey;; ++k) {
          const char32_t x = context_at(a.hit, k), y = context_at(b.hit, k);
          if (x != y) return x < y;
          if (x == 0) break;
        }
      }
      return a.order < b.order;
    });
    for (size_t i = opt.offset; i < upto; ++i) page.push_back(all[i].hit);
  }

  // KWIC lines from the stored text.
  KwicRenderer kwic(impl_->lib, opt.window);
  for (const PageHit& ph : page) {
    const uint32_t node = ph.seg->NodeAt(ph.span.pos);
    const NodeRecord& nr = ph.seg->node(node);
    const EntryView ev = ph.seg->entry(nr.entry);
    Hit h;
    h.work = std::string(ev.work);
    h.edition = std::string(ev.edition);
    auto it = impl_->works.find(h.work);
    const std::string title = it == impl_->works.end() ? h.work : it->second.title;
    FZ_RETURN_IF_ERROR(kwic.Render(*ph.seg, node, ph.span.pos - nr.start_pos, ph.span.len, title, &h));
    r.hits.push_back(std::move(h));
  }
  r.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  *out = std::move(r);
  return Status::Ok();
}

}  // namespace fangzhi::search
