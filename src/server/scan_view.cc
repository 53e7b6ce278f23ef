#include "server/scan_view.h"

#include <nlohmann/json.hpp>

#include "iiif/image_service.h"
#include "iiif/page_index.h"
#include "server/catalog.h"
#include "server/escape.h"

namespace fangzhi::server {

void PrepareScanView(Context* ctx, const model::Node& node, const std::string& work_id,
                     const std::string& node_path, const std::string& edition_param, bool proofread,
                     ReadingOptions* ro, ctemplate::TemplateDictionary* d) {
  if (ctx->iiif == nullptr) return;
  iiif::ImageService* svc = ctx->iiif;
  std::vector<iiif::PageImage> pages;
  iiif::CollectNodePages(node, node_path,
                         [svc](const std::string& id, int* w, int* h) { return svc->Dimensions(id, w, h).ok(); },
                         &pages);
  if (pages.empty()) return;
  nlohmann::json list = nlohmann::json::array();
  for (size_t i = 0; i < pages.size(); ++i) {
    const iiif::PageImage& p = pages[i];
    ro->scan_pages[p.seq] = static_cast<int>(i);
    list.push_back({{"info", "/iiif/3/" + iiif::EncodeIdentifier(p.identifier) + "/info.json"},
                    {"label", p.label},
                    {"width", p.width},
                    {"height", p.height},
                    {"vertical", !p.lines.empty() && p.lines.front().vertical}});
  }
  if (proofread) {
    ro->proofread_href = "/proofread/" + NodeHref(work_id, node_path, "").substr(7) + "?ed=" +
                         UrlEncode(edition_param.empty() ? ro->edition : edition_param);
  }
  ctemplate::TemplateDictionary* s = d->AddSectionDictionary("SCAN");
  s->SetValue("SCAN_JSON", JsonForScript(list.dump()));
  s->SetIntValue("SCAN_COUNT", static_cast<long>(pages.size()));
  s->SetValue("MANIFEST_HREF", "/iiif/3/manifest/" + iiif::EncodeIdentifier(work_id) + "/" +
                                   iiif::EncodeIdentifier(ro->edition));
  d->ShowSection("WITH_SCAN");
  d->AddSectionDictionary("SCRIPT")->SetValue("SRC", "/static/vendor/openseadragon/openseadragon.min.js");
  d->AddSectionDictionary("SCRIPT")->SetValue("SRC", "/static/scanview.js");
}

}  // namespace fangzhi::server
