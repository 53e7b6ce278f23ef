#include "search/brute_force.h"

#include <algorithm>
#include <functional>

#include "search/search_text.h"

namespace fangzhi::search {

Status BruteForceCorpus::Load(store::Library* lib, bool base_only) {
  nodes_.clear();
  std::vector<store::WorkSummary> works;
  FZ_RETURN_IF_ERROR(lib->ListWorks(&works));
  for (const auto& w : works) {
    FZ_RETURN_IF_ERROR(lib->ScanNodes(w.work.id, [&](const store::StoredNode& sn) {
      if (base_only && !sn.base) return Status::Ok();
      Node n;
      n.work = sn.work_id;
      AppendNodeSearchText(sn.node, &n.units);
      nodes_.push_back(std::move(n));
      return Status::Ok();
    }));
  }
  return Status::Ok();
}

BruteForceCount BruteForceCorpus::Count(const std::u32string& q, size_t kwic_lines, size_t window) const {
  BruteForceCount c;
  if (q.empty()) return c;
  const std::boyer_moore_horspool_searcher searcher(q.begin(), q.end());
  for (const Node& n : nodes_) {
    uint64_t here = 0;
    auto it = n.units.begin();
    while (true) {
      auto found = std::search(it, n.units.end(), searcher);
      if (found == n.units.end()) break;
      ++here;
      if (c.kwic.size() < kwic_lines) {
        const size_t at = static_cast<size_t>(found - n.units.begin());
        const size_t from = at >= window ? at - window : 0;
        c.kwic.push_back(n.units.substr(from, at - from + q.size() + window));
      }
      it = found + 1;  // overlapping occurrences count
    }
    if (here == 0) continue;
    c.occurrences += here;
    ++c.nodes;
    c.per_work[n.work] += here;
  }
  return c;
}

uint64_t BruteForceCorpus::units() const {
  uint64_t n = 0;
  for (const Node& node : nodes_) n += node.units.size();
  return n;
}

}  // namespace fangzhi::search
