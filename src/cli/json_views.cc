#include "cli/json_views.h"

#include "model/region_table.h"

namespace fangzhi::cli {

nlohmann::json WorkJson(const store::WorkSummary& s) {
  const model::Work& w = s.work;
  nlohmann::json editions = nlohmann::json::array();
  for (const store::EditionSummary& e : s.editions) {
    editions.push_back({{"id", e.id}, {"label", e.label}, {"base", e.base}, {"han_count", e.han_count}});
  }
  return {{"id", w.id},
          {"title", w.title},
          {"kind", w.kind},
          {"region_code", w.region_code},
          {"region_name", model::RegionFullName(w.region_code)},
          {"place_name", w.place_name},
          {"dynasty", w.dynasty},
          {"period", w.period},
          {"year", w.year},
          {"compilers", w.compilers},
          {"source", w.source},
          {"licence", w.licence},
          {"editions", std::move(editions)},
          {"han_count", s.han_count},
          {"imported_at", s.imported_at}};
}

nlohmann::json NodeSummaryJson(const store::NodeSummary& n) {
  return {{"path", n.path},   {"key", n.key},     {"level", n.level},         {"title", n.title},
          {"label", n.label}, {"depth", n.depth}, {"han_count", n.han_count}};
}

nlohmann::json BlockJson(const model::Block& b) {
  nlohmann::json j{{"kind", model::BlockKindName(b.kind)}, {"para", b.para}, {"text", b.text}};
  if (!b.attrs.empty()) j["attrs"] = b.attrs;
  return j;
}

}  // namespace fangzhi::cli
