#include "search/searcher.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <mutex>
#include <set>
#include <unordered_map>

#include "model/region.h"
#include "model/region_table.h"
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
  std::string region_prefix;   // region_code without trailing "00" pairs
  std::u32string region_name_f;  // the code's full GB/T 2260 name, folded
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
  // The candidates come from the shortest list at hand: the rarest
  // character's, or a listed pair's when that is shorter (then the pair's
  // two characters need no check).
  PostingsReader list = seg.Postings(ids[rarest]);
  uint32_t anchored = 1;  // characters the list itself guarantees, from `rarest`
  for (uint32_t k = 0; k + 1 < m; ++k) {
    if (!seg.PairListed(ids[k], ids[k + 1])) continue;
    const PostingsReader pair = seg.PairPostings(ids[k], ids[k + 1]);
    if (pair.size() == 0) return out;  // the pair never occurs here
    if (pair.size() < list.size()) {
      list = pair;
      rarest = k;
      anchored = 2;
    }
  }
  // The offsets still to check, from the candidate's start.
  std::vector<uint32_t> check;
  for (uint32_t k = 0; k < m; ++k) {
    if (k < rarest || k >= rarest + anchored) check.push_back(k);
  }
  if (check.empty()) out.reserve(list.size());
  std::vector<uint32_t> cand;
  for (const auto& [start, end] : ranges) {
    if (end - start < m) continue;
    cand.clear();
    list.Decode(start + rarest, end - (m - 1 - rarest), &cand);
    if (check.empty()) {
      for (uint32_t p : cand) out.push_back({p - rarest, m});
      continue;
    }
    constexpr size_t kAhead = 16;  // candidates fetched ahead: enough to cover a memory latency
    for (size_t c = 0; c < cand.size() && c < kAhead; ++c) seg.PrefetchCode(cand[c] - rarest + check[0]);
    for (size_t c = 0; c < cand.size(); ++c) {
      if (c + kAhead < cand.size()) seg.PrefetchCode(cand[c + kAhead] - rarest + check[0]);
      const uint32_t s = cand[c] - rarest;
      bool all = true;
      for (uint32_t k : check) {
        if (seg.CodeAt(s + k) != ids[k]) {
          all = false;
          break;
        }
      }
      if (all) out.push_back({s, m});
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

// Adds entry `i` to the scope; adjacent entries make one range.
void AddToScope(uint32_t i, const EntryView& e, SegmentScope* sc) {
  sc->entries.push_back(i);
  if (!sc->ranges.empty() && sc->ranges.back().second == e.start_pos) {
    sc->ranges.back().second = e.end_pos;
  } else {
    sc->ranges.emplace_back(e.start_pos, e.end_pos);
  }
}

// What a search needs of a segment beyond the file itself, worked out once
// per segment (and again when works in it die) rather than per query: the
// segment's ~4,000 entries would otherwise cost a work lookup, a string
// hash and string comparisons each, on every query.
struct SegmentInfo {
  static constexpr uint32_t kUnknownWork = UINT32_MAX;
  std::weak_ptr<const Segment> seg;  // expired: the index let this segment go
  size_t dead_seen = 0;              // dead works when this was made (only grows)
  std::vector<uint32_t> work_of;     // per entry: index into Impl::work_list, or kUnknownWork
  std::vector<uint64_t> order_of;    // per entry: key of the global hit order
  SegmentScope base_scope, all_scope;  // no filters: base editions, every edition
};

// One facet's values (sorted, so that an index order is the value order)
// and the value of each work.
struct FacetGroups {
  std::vector<std::string> values, labels;
  std::vector<uint32_t> of_work;  // per work index
};

}  // namespace

struct Searcher::Impl {
  store::Library* lib = nullptr;
  const Index* index = nullptr;
  std::vector<std::string> work_ids;  // sorted; a work's index is its place here
  std::vector<WorkMeta> work_list;    // parallel to work_ids
  std::map<std::string, uint32_t, std::less<>> work_index;  // std::less<>: found by string_view
  std::map<std::string, FacetGroups> facet_groups;        // work, dynasty, kind, region

  mutable std::mutex mu;  // guards infos
  mutable std::unordered_map<const Segment*, std::shared_ptr<const SegmentInfo>> infos;

  uint32_t WorkIndex(std::string_view id) const {
    auto it = work_index.find(id);
    return it == work_index.end() ? SegmentInfo::kUnknownWork : it->second;
  }
  std::shared_ptr<const SegmentInfo> InfoFor(const IndexedSegment& is) const;
};

std::shared_ptr<const SegmentInfo> Searcher::Impl::InfoFor(const IndexedSegment& is) const {
  const Segment* seg = is.segment.get();
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = infos.find(seg);
    if (it != infos.end() && it->second->seg.lock().get() == seg && it->second->dead_seen == is.dead.size()) {
      return it->second;
    }
  }
  auto info = std::make_shared<SegmentInfo>();
  info->seg = is.segment;
  info->dead_seen = is.dead.size();
  info->base_scope.seg = info->all_scope.seg = seg;
  const uint32_t n = seg->num_entries();
  info->work_of.resize(n);
  info->order_of.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    const EntryView e = seg->entry(i);
    const uint32_t w = WorkIndex(e.work);
    info->work_of[i] = w;
    // Base editions first, then by work id, then by edition.
    info->order_of[i] = (uint64_t{e.base ? 0u : 1u} << 63) | (uint64_t{w & 0x7fffffffu} << 32) | e.edition_ord;
    if (w == SegmentInfo::kUnknownWork || (!is.dead.empty() && is.dead.count(std::string(e.work)))) continue;
    if (e.base) AddToScope(i, e, &info->base_scope);
    AddToScope(i, e, &info->all_scope);
  }
  std::lock_guard<std::mutex> lock(mu);
  infos[seg] = info;
  return info;
}

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

Status Searcher::Open(store::Library* lib, const Index* index, std::unique_ptr<Searcher>* out) {
  auto impl = std::make_unique<Impl>();
  impl->lib = lib;
  impl->index = index;
  std::vector<store::WorkSummary> works;
  FZ_RETURN_IF_ERROR(lib->ListWorks(&works));
  std::sort(works.begin(), works.end(),
            [](const store::WorkSummary& a, const store::WorkSummary& b) { return a.work.id < b.work.id; });
  for (const auto& w : works) {
    WorkMeta m;
    m.title = w.work.title;
    m.kind = w.work.kind;
    m.region_code = w.work.region_code;
    m.region_prefix = model::RegionCodePrefix(m.region_code);
    m.region_name_f = text::FoldForSearch(model::RegionFullName(m.region_code));
    m.dynasty = w.work.dynasty;
    m.place = w.work.place_name;
    m.title_f = text::FoldForSearch(m.title);
    m.kind_f = text::FoldForSearch(m.kind);
    m.dynasty_f = text::FoldForSearch(m.dynasty);
    m.place_f = text::FoldForSearch(m.place);
    if (!impl->work_index.emplace(w.work.id, static_cast<uint32_t>(impl->work_ids.size())).second) continue;
    impl->work_ids.push_back(w.work.id);
    impl->work_list.push_back(std::move(m));
  }
  // Each facet's (value, label) of every work, as dense indices.
  auto group = [&](const std::string& facet, auto value_and_label) {
    std::map<std::string, std::string> labels;
    std::vector<std::string> of_work;
    for (uint32_t w = 0; w < impl->work_list.size(); ++w) {
      auto [value, label] = value_and_label(w);
      labels.emplace(value, label);
      of_work.push_back(value);
    }
    FacetGroups& g = impl->facet_groups[facet];
    std::map<std::string, uint32_t> at;
    for (const auto& [value, label] : labels) {
      at[value] = static_cast<uint32_t>(g.values.size());
      g.values.push_back(value);
      g.labels.push_back(label);
    }
    for (const std::string& v : of_work) g.of_work.push_back(at[v]);
  };
  const auto& wl = impl->work_list;
  group("work", [&](uint32_t w) { return std::pair(impl->work_ids[w], wl[w].title); });
  group("dynasty", [&](uint32_t w) {
    return wl[w].dynasty.empty() ? std::pair<std::string, std::string>("—", "未详") : std::pair(wl[w].dynasty, wl[w].dynasty);
  });
  group("kind", [&](uint32_t w) { return std::pair(wl[w].kind, wl[w].kind); });
  group("region", [&](uint32_t w) {
    const std::string code = wl[w].region_code.substr(0, 2);
    return code.empty() ? std::pair<std::string, std::string>("—", "未详") : std::pair(code, model::ProvinceName(code));
  });
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
  auto work_ok = [&](uint32_t w) {
    if (w == SegmentInfo::kUnknownWork) return false;
    const WorkMeta& m = impl_->work_list[w];
    const std::string& id = impl_->work_ids[w];
    return Matches(fl.work, [&](const std::string& v) { return v == id || text::FoldForSearch(v) == m.title_f; }) &&
           Matches(fl.kind, [&](const std::string& v) { return text::FoldForSearch(v) == m.kind_f; }) &&
           Matches(fl.dynasty, [&](const std::string& v) { return text::FoldForSearch(v) == m.dynasty_f; }) &&
           Matches(fl.region, [&](const std::string& v) {
             // A code: 51, 5101 and 510100 all mean what they contain.
             if (!v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
               return !m.region_code.empty() && m.region_prefix.starts_with(model::RegionCodePrefix(v));
             }
             // A name: the place the work names, or the full name of its
             // code (四川省成都市金堂县 answers 成都, 成都市, 金堂县, 四川).
             const std::u32string fv = text::FoldForSearch(v);
             return !fv.empty() &&
                    (m.place_f.find(fv) != std::u32string::npos || m.region_name_f.find(fv) != std::u32string::npos);
           });
  };
  const bool all_editions = std::any_of(fl.edition.begin(), fl.edition.end(),
                                        [](const std::string& v) { return v == "all" || v == "*" || v == "全部"; });
  auto edition_ok = [&](const EntryView& e) {
    if (all_editions) return true;
    if (fl.edition.empty()) return e.base;  // default scope: each work's base text once
    return std::any_of(fl.edition.begin(), fl.edition.end(), [&](const std::string& v) { return v == e.edition; });
  };

  // Without filters every query has the same scope, made once per segment.
  const bool unfiltered = fl.work.empty() && fl.kind.empty() && fl.dynasty.empty() && fl.region.empty() &&
                          (fl.edition.empty() || all_editions);
  const auto& segments = impl_->index->segments();
  std::vector<std::shared_ptr<const SegmentInfo>> infos;  // keeps what scopes point into alive
  std::vector<SegmentScope> filtered;
  filtered.reserve(segments.size());  // scopes point into it
  std::vector<const SegmentScope*> scopes;
  std::vector<const SegmentInfo*> scope_info;
  // The editions the library holds, to tell a mistyped edition:ID from one
  // that merely has no hit.
  const bool check_editions = !fl.edition.empty() && !all_editions;
  std::set<std::string_view> editions_seen;  // views into the mapped segments
  for (const IndexedSegment& is : segments) {
    infos.push_back(impl_->InfoFor(is));
    const SegmentInfo& info = *infos.back();
    const SegmentScope* sc = nullptr;
    if (unfiltered) {
      sc = all_editions ? &info.all_scope : &info.base_scope;
    } else {
      SegmentScope& f = filtered.emplace_back();
      f.seg = is.segment.get();
      for (uint32_t i = 0; i < f.seg->num_entries(); ++i) {
        const EntryView e = f.seg->entry(i);
        const bool dead = !is.dead.empty() && is.dead.count(std::string(e.work));
        if (check_editions && !dead) editions_seen.insert(e.edition);
        if (dead || !edition_ok(e) || !work_ok(info.work_of[i])) continue;
        AddToScope(i, e, &f);
      }
      sc = &f;
    }
    if (sc->entries.empty()) continue;
    scopes.push_back(sc);
    scope_info.push_back(&info);
  }
  for (const std::string& v : fl.edition) {
    if (!check_editions || editions_seen.count(v)) continue;
    std::string known;
    size_t listed = 0;
    for (std::string_view id : editions_seen) {
      if (listed++ == 12) {
        known += "……";
        break;
      }
      known += (known.empty() ? "" : "、") + std::string(id);
    }
    return Status::InvalidInput("筛选条件 edition:" + v + " 中的版本 “" + v + "” 库中没有" +
                                (known.empty() ? "（库中还没有任何版本）" : "（库中的版本有：" + known + "）") +
                                "；检索全部版本请用 edition:all");
  }

  // Evaluate per segment; count per entry.
  // A one-character query over a whole scope of a segment (every base
  // edition, or every edition, nothing filtered or removed) is answered from
  // the posting list's skip table and the per-character node counts; its
  // hits are decoded only for the page shown.
  const bool one_char = query.root.kind == QueryNode::Kind::kTerm && folded.at(&query.root).size() == 1 &&
                        unfiltered && opt.sort == KwicSort::kPosition;
  struct EntryHits {
    uint64_t order;  // SegmentInfo::order_of
    size_t scope;    // index into scopes
    uint32_t entry;
    size_t begin, end;  // into that segment's spans; or [0, count) when `id` is set
    uint32_t id = 0;    // the character's id, when hits are decoded on demand
  };
  std::vector<Spans> spans(scopes.size());
  std::vector<EntryHits> entry_hits;
  SearchResult r;
  r.query = DescribeQuery(query);
  // A frequent character is tallied for thousands of entries: by work
  // index, not by name. Editions are keyed by views into the memory-mapped
  // segments, which outlive the search, and only when asked for.
  const bool edition_facet = std::find(opt.facets.begin(), opt.facets.end(), "edition") != opt.facets.end();
  std::vector<uint64_t> per_work(impl_->work_list.size());
  std::unordered_map<std::string_view, uint64_t> per_edition;
  auto tally = [&](size_t s, uint32_t entry, uint64_t n) {
    per_work[scope_info[s]->work_of[entry]] += n;
    if (edition_facet) per_edition[scopes[s]->seg->entry(entry).edition] += n;
  };
  for (size_t s = 0; s < scopes.size(); ++s) {
    const SegmentScope& scope = *scopes[s];
    const Segment& seg = *scope.seg;
    const uint32_t whole_end = all_editions ? static_cast<uint32_t>(seg.header().num_units) : seg.base_end();
    if (one_char && scope.ranges.size() == 1 && scope.ranges[0].first == 0 && scope.ranges[0].second == whole_end) {
      const uint32_t id = seg.IdOf(folded.at(&query.root)[0]);
      if (id == 0) continue;
      const PostingsReader list = seg.Postings(id);
      r.total_occurrences += all_editions ? list.size() : list.Rank(whole_end);
      r.total_nodes += all_editions ? seg.NodesAll(id) : seg.NodesBase(id);
      std::vector<uint32_t> bounds, ranks;
      bounds.reserve(2 * scope.entries.size());
      for (uint32_t e : scope.entries) {
        bounds.push_back(seg.entry(e).start_pos);
        bounds.push_back(seg.entry(e).end_pos);
      }
      list.Ranks(bounds, &ranks);
      for (size_t k = 0; k < scope.entries.size(); ++k) {
        const uint32_t n = ranks[2 * k + 1] - ranks[2 * k];
        if (n == 0) continue;
        const uint32_t e = scope.entries[k];
        entry_hits.push_back({scope_info[s]->order_of[e], s, e, 0, n, id});
        tally(s, e, n);
      }
      continue;
    }
    Evaluator ev(scope, folded);
    spans[s] = ev.Eval(query.root);
    const Spans& sp = spans[s];
    r.total_occurrences += sp.size();
    r.total_nodes += CountNodes(seg, sp);
    if (sp.empty()) continue;
    for (uint32_t e : scope.entries) {
      const EntryView ev2 = seg.entry(e);
      const auto b = std::lower_bound(sp.begin(), sp.end(), Span{ev2.start_pos, 0});
      const auto en = std::lower_bound(b, sp.end(), Span{ev2.end_pos, 0});
      if (b == en) continue;
      entry_hits.push_back({scope_info[s]->order_of[e], s, e, static_cast<size_t>(b - sp.begin()),
                            static_cast<size_t>(en - sp.begin())});
      tally(s, e, static_cast<uint64_t>(en - b));
    }
  }

  // Facets: occurrences per work, and per dynasty, region, kind of the work.
  // Commonest first, ties by value; only the values kept become strings.
  for (const std::string& f : opt.facets) {
    std::vector<FacetValue> vals;
    size_t distinct = 0;
    if (f == "edition") {
      std::map<std::string_view, uint64_t> agg(per_edition.begin(), per_edition.end());
      for (const auto& [ed, n] : agg) vals.push_back({std::string(ed), std::string(ed), n});
      std::stable_sort(vals.begin(), vals.end(),
                       [](const FacetValue& a, const FacetValue& b) { return a.occurrences > b.occurrences; });
      distinct = vals.size();
      if (opt.facet_limit != 0 && vals.size() > opt.facet_limit) vals.resize(opt.facet_limit);
    } else {
      const FacetGroups& g = impl_->facet_groups.at(f);
      std::vector<uint64_t> sum(g.values.size());
      for (size_t w = 0; w < per_work.size(); ++w) sum[g.of_work[w]] += per_work[w];
      std::vector<std::pair<uint64_t, uint32_t>> nonzero;  // (occurrences, value index)
      for (uint32_t v = 0; v < sum.size(); ++v) {
        if (sum[v] != 0) nonzero.emplace_back(sum[v], v);
      }
      distinct = nonzero.size();
      const size_t keep = opt.facet_limit == 0 ? nonzero.size() : std::min(opt.facet_limit, nonzero.size());
      std::partial_sort(nonzero.begin(), nonzero.begin() + static_cast<long>(keep), nonzero.end(),
                        [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
      for (size_t k = 0; k < keep; ++k) vals.push_back({g.values[nonzero[k].second], g.labels[nonzero[k].second], nonzero[k].first});
    }
    r.facet_distinct[f] = distinct;
    r.facets[f] = std::move(vals);
  }

  // The page: hits in a stable global order — base editions first, then by
  // work id, edition, position — or sorted by the context beside the hit.
  std::sort(entry_hits.begin(), entry_hits.end(),
            [](const EntryHits& a, const EntryHits& b) { return a.order < b.order; });
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
      const size_t s_idx = eh.scope;
      const Segment& seg = *scopes[s_idx]->seg;
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
      const size_t s_idx = eh.scope;
      const Segment& seg = *scopes[s_idx]->seg;
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
    h.base_edition = ev.base;
    const uint32_t w = impl_->WorkIndex(h.work);
    const std::string& title = w == SegmentInfo::kUnknownWork ? h.work : impl_->work_list[w].title;
    FZ_RETURN_IF_ERROR(kwic.Render(*ph.seg, node, ph.span.pos - nr.start_pos, ph.span.len, title, &h));
    r.hits.push_back(std::move(h));
  }
  r.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  *out = std::move(r);
  return Status::Ok();
}

}  // namespace fangzhi::search
