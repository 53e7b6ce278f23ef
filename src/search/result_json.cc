#include "search/result_json.h"

namespace fangzhi::search {

nlohmann::ordered_json SearchResultJson(const SearchResult& r) {
  using J = nlohmann::ordered_json;
  J facets = J::object(), labels = J::object();
  for (const auto& [name, values] : r.facets) {
    J counts = J::object(), names = J::object();
    for (const FacetValue& v : values) {
      counts[v.value] = v.occurrences;  // insertion order: most occurrences first
      names[v.value] = v.label;
    }
    facets[name] = std::move(counts);
    labels[name] = std::move(names);
  }
  J hits = J::array();
  for (const Hit& h : r.hits) {
    hits.push_back(J{{"work", h.work},
                     {"edition", h.edition},
                     {"path", h.path},
                     {"citation", h.citation},
                     {"left", h.left},
                     {"match", h.match},
                     {"right", h.right},
                     {"node_path", h.node_path},
                     {"paragraph", h.paragraph},
                     {"page", h.page},
                     {"line", h.line}});
  }
  return J{{"query", r.query},
           {"total_occurrences", r.total_occurrences},
           {"total_nodes", r.total_nodes},
           {"facets", std::move(facets)},
           {"facet_labels", std::move(labels)},
           {"hits", std::move(hits)},
           {"took_ms", r.took_ms}};
}

}  // namespace fangzhi::search
