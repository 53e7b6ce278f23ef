#include "server/catalog.h"

#include "model/region.h"
#include "model/region_table.h"
#include "server/escape.h"

namespace fangzhi::server {

const store::EditionSummary* BaseEdition(const store::WorkSummary& w) {
  for (const auto& e : w.editions) {
    if (e.base) return &e;
  }
  return w.editions.empty() ? nullptr : &w.editions.front();
}

std::string ProvinceOf(const std::string& code) {
  return code.size() >= 2 ? model::ProvinceName(code.substr(0, 2)) : std::string();
}

std::string RegionLabel(const std::string& code) {
  if (code.empty()) return "";
  std::string name = model::RegionFullName(code);
  if (name.empty()) return code;
  return code.size() > 2 ? name + " " + code : name;
}

std::string WorkHref(const std::string& work) { return "/works/" + UrlEncode(work); }

std::string HitHighlightQuery(const search::Hit& h) {
  std::string q = "hl=" + UrlEncode(h.match) + "&hp=" + std::to_string(h.paragraph);
  if (h.block >= 0) q += "&hb=" + std::to_string(h.block) + "&hu=" + std::to_string(h.block_unit);
  return q;
}

std::string NodeHref(const std::string& work, const std::string& path, const std::string& edition,
                     const std::string& query) {
  std::string out = WorkHref(work);
  size_t start = 0;
  while (start <= path.size() && !path.empty()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    out += "/" + UrlEncode(std::string_view(path).substr(start, slash - start));
    start = slash + 1;
  }
  std::string q;
  if (!edition.empty()) q = "ed=" + UrlEncode(edition);
  if (!query.empty()) q += (q.empty() ? "" : "&") + query;
  if (!q.empty()) out += "?" + q;
  return out;
}

nlohmann::ordered_json WorkJson(const store::WorkSummary& s) {
  const model::Work& w = s.work;
  nlohmann::ordered_json editions = nlohmann::ordered_json::array();
  for (const store::EditionSummary& e : s.editions) {
    editions.push_back({{"id", e.id}, {"label", e.label}, {"base", e.base}, {"han_count", e.han_count}});
  }
  nlohmann::ordered_json j;
  j["id"] = w.id;
  j["title"] = w.title;
  j["kind"] = w.kind;
  j["region_code"] = w.region_code;
  j["region_name"] = model::RegionFullName(w.region_code);
  j["place_name"] = w.place_name;
  j["dynasty"] = w.dynasty;
  j["period"] = w.period;
  j["year"] = w.year;
  j["compilers"] = w.compilers;
  j["source"] = w.source;
  j["licence"] = w.licence;
  j["editions"] = std::move(editions);
  j["han_count"] = s.han_count;
  j["imported_at"] = s.imported_at;
  return j;
}

nlohmann::ordered_json NodeSummaryJson(const store::NodeSummary& n) {
  nlohmann::ordered_json j;
  j["path"] = n.path;
  j["key"] = n.key;
  j["level"] = n.level;
  j["title"] = n.title;
  j["label"] = n.label;
  j["depth"] = n.depth;
  j["han_count"] = n.han_count;
  return j;
}

bool IsKanripo(const model::Work& w) { return w.source.find("Kanripo") != std::string::npos; }

}  // namespace fangzhi::server
