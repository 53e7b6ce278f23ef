#include "search/result_json.h"

namespace fangzhi::search {

nlohmann::ordered_json SearchResultJson(const SearchResult& r) {
  using J = nlohmann::ordered_json;
  J facets = J::object(), labels = J::object(), distinct = J::object();
  for (const auto& [name, values] : r.facets) {
    // Built as a list and handed over whole: ordered_json's operator[] looks
    // a key up by a linear scan, which made two thousand works quadratic.
    std::vector<std::pair<std::string, J>> counts, names;
    counts.reserve(values.size());
    names.reserve(values.size());
    for (const FacetValue& v : values) {  // facet values are distinct; order: most occurrences first
      counts.emplace_back(v.value, v.occurrences);
      names.emplace_back(v.value, v.label);
    }
    facets[name] = J::object_t(counts.begin(), counts.end());
    labels[name] = J::object_t(names.begin(), names.end());
    const auto d = r.facet_distinct.find(name);
    distinct[name] = d == r.facet_distinct.end() ? values.size() : d->second;
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
                     {"line", h.line},
                     {"block", h.block},
                     {"block_unit", h.block_unit}});
  }
  return J{{"query", r.query},
           {"total_occurrences", r.total_occurrences},
           {"total_nodes", r.total_nodes},
           {"facets", std::move(facets)},
           {"facet_labels", std::move(labels)},
           {"facet_distinct", std::move(distinct)},
           {"hits", std::move(hits)},
           {"took_ms", r.took_ms}};
}

}  // namespace fangzhi::search
