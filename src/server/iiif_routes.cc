// IIIF: the Image API 3.0 over the page images in DATA/images/ and a
// Presentation API 3.0 manifest per work and edition (src/iiif/). Public,
// like the reading view; every answer carries Access-Control-Allow-Origin: *
// so that other IIIF viewers (Mirador, Universal Viewer) can use them.
#include <cstdlib>

#include "iiif/image_service.h"
#include "iiif/manifest.h"
#include "iiif/page_index.h"
#include "model/citation.h"
#include "server/app.h"
#include "server/http_util.h"

namespace fangzhi::server {
namespace {

constexpr const char* kImageInfoType = "application/ld+json;profile=\"http://iiif.io/api/image/3/context.json\"";
constexpr const char* kManifestType =
    "application/ld+json;profile=\"http://iiif.io/api/presentation/3/context.json\"";

// 501 for what the Image API allows but this server does not do.
int IiifStatus(const Status& s) {
  return s.code() == Status::Code::kUnsupported ? 501 : HttpStatusFor(s);
}

void SendIiifError(httplib::Response& res, const Status& s) {
  res.set_header("Access-Control-Allow-Origin", "*");
  SendJsonError(res, IiifStatus(s), s.message());
}

uint64_t CacheBudget() {
  // FANGZHI_IIIF_CACHE_MB: the tile cache's size on disk (default 512 MiB).
  if (const char* v = std::getenv("FANGZHI_IIIF_CACHE_MB"); v != nullptr && *v != '\0') {
    char* end = nullptr;
    const unsigned long long mb = std::strtoull(v, &end, 10);
    if (end != nullptr && *end == '\0' && mb > 0) return mb << 20;
  }
  return 512ull << 20;
}

void Info(Context* ctx, iiif::ImageService* svc, const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  std::string body;
  const std::string url = iiif::ImageServiceUrl(BaseUrl(req, ctx->options.host, ctx->options.port), id);
  Status s = svc->Info(id, url, &body);
  if (!s.ok()) return SendIiifError(res, s);
  res.set_header("Access-Control-Allow-Origin", "*");
  res.set_header("Cache-Control", "public, max-age=3600");
  // JSON-LD when asked for, plain JSON otherwise (Image API 3.0 §5.1).
  const bool ld = req.get_header_value("Accept").find("application/ld+json") != std::string::npos;
  res.set_content(body, ld ? kImageInfoType : kJsonType);
}

void Image(iiif::ImageService* svc, const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  iiif::ImageRequest r;
  Status s = iiif::ParseImageRequest(req.matches[2].str(), req.matches[3].str(), req.matches[4].str(),
                                     req.matches[5].str(), &r);
  iiif::ImageService::Rendered out;
  if (s.ok()) s = svc->Render(id, r, &out);
  if (!s.ok()) return SendIiifError(res, s);
  res.set_header("Access-Control-Allow-Origin", "*");
  res.set_header("Cache-Control", "public, max-age=86400");
  res.set_header("X-IIIF-Cache", out.from_cache ? "hit" : "miss");
  // The canonical form, as the Image API's Link header names it.
  res.set_header("Link", "<http://iiif.io/api/image/3/level1.json>;rel=\"profile\"");
  res.set_content(std::move(out.bytes), out.media_type);
}

void BaseRedirect(const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  Status s = iiif::ValidateIdentifier(id);
  if (!s.ok()) return SendIiifError(res, s);
  res.set_header("Access-Control-Allow-Origin", "*");
  // Not set_redirect: it would decode the %2F the identifier needs.
  res.status = 303;
  res.set_header("Location", "/iiif/3/" + iiif::EncodeIdentifier(id) + "/info.json");
}

void Manifest(Context* ctx, iiif::ImageService* svc, const httplib::Request& req, httplib::Response& res) {
  const std::string work_id = req.matches[1];
  const std::string requested = req.matches.size() > 2 ? req.matches[2].str() : std::string();
  if (!model::IsValidWorkId(work_id)) {
    return SendIiifError(res, Status::NotFound("“" + work_id.substr(0, 100) + "” 不是合法的作品编号"));
  }
  // Only the plain-JSON answer is cached: the cache key has no Accept.
  const bool ld = req.get_header_value("Accept").find("application/ld+json") != std::string::npos;
  std::string key;
  if (!ld && AnswerFromCache(ctx, req, res, &key)) {
    res.set_header("Access-Control-Allow-Origin", "*");
    return;
  }
  BackendPool::Lease b;
  store::WorkSummary w;
  Status s = ctx->pool->Acquire(&b);
  if (s.ok()) s = b->lib->GetWork(work_id, &w);
  if (!s.ok()) return SendIiifError(res, s);
  const store::EditionSummary* ed = nullptr;
  for (const auto& e : w.editions) {
    if (requested.empty() ? e.base : e.id == requested) ed = &e;
  }
  if (ed == nullptr && requested.empty() && !w.editions.empty()) ed = &w.editions.front();
  if (ed == nullptr) {
    return SendIiifError(res, Status::NotFound("作品 " + work_id + " 没有版本 " + requested.substr(0, 100)));
  }
  iiif::ManifestInput in;
  in.base_url = BaseUrl(req, ctx->options.host, ctx->options.port);
  in.work = w.work;
  in.edition_id = ed->id;
  in.edition_label = ed->label;
  s = iiif::CollectEditionPages(b->lib.get(), work_id, ed->id,
                                [svc](const std::string& id, int* width, int* height) {
                                  return svc->Dimensions(id, width, height).ok();
                                },
                                &in.pages);
  if (!s.ok()) return SendIiifError(res, s);
  if (in.pages.empty()) {
    return SendIiifError(res, Status::NotFound("作品 " + work_id + "（" + ed->id +
                                               "）没有存放在本馆的页面图像，无法生成 IIIF 清单"));
  }
  const std::string body = DumpJson(iiif::BuildManifest(in), 1);
  res.set_header("Access-Control-Allow-Origin", "*");
  const char* type = ld ? kManifestType : kJsonType;
  if (!ld) ctx->cache->Put(key, {body, type});
  res.set_content(body, type);
}

}  // namespace

void RegisterIiif(httplib::Server* srv, Context* ctx) {
  iiif::ImageService::Options o;
  o.data_dir = ctx->options.data_dir;
  o.cache_bytes = CacheBudget();
  auto svc = std::make_shared<iiif::ImageService>(o);
  ctx->iiif = svc.get();
  // OpenSeadragon from npm, served by us (no CDN); absent until `npm ci` in
  // web/, when the reading view shows the text alone.
  const std::filesystem::path osd = ctx->web_dir / "node_modules" / "openseadragon" / "build" / "openseadragon";
  std::error_code ec;
  if (std::filesystem::is_directory(osd, ec)) srv->set_mount_point("/static/vendor/openseadragon", osd.string());

  srv->Get(R"(/iiif/3/manifest/([^/]+)(?:/([^/]+))?)",
           [ctx, svc](const httplib::Request& req, httplib::Response& res) { Manifest(ctx, svc.get(), req, res); });
  srv->Get(R"(/iiif/3/(.+)/info\.json)",
           [ctx, svc](const httplib::Request& req, httplib::Response& res) { Info(ctx, svc.get(), req, res); });
  srv->Get(R"(/iiif/3/(.+)/([^/]+)/([^/]+)/([^/]+)/([^/]+))",
           [svc](const httplib::Request& req, httplib::Response& res) { Image(svc.get(), req, res); });
  srv->Get(R"(/iiif/3/([^/]+/[^/]+))",
           [](const httplib::Request& req, httplib::Response& res) { BaseRedirect(req, res); });
}

}  // namespace fangzhi::server
