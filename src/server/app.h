// The application behind the HTTP server: what every route handler shares,
// and the functions that register each family of routes. Internal to
// src/server; the public face is server.h.
#pragma once

#include <httplib.h>

#include <string>

#include "search/searcher.h"
#include "server/backend.h"
#include "server/response_cache.h"
#include "server/server.h"
#include "server/templates.h"

namespace fangzhi::accounts {
class AccountStore;
}
namespace fangzhi::workflow {
class WorkflowStore;
}
namespace fangzhi::iiif {
class ImageService;
}

namespace fangzhi::server {

struct Context {
  ServerOptions options;
  BackendPool* pool = nullptr;
  Templates* templates = nullptr;
  ResponseCache* cache = nullptr;
  std::filesystem::path web_dir;
  // Users, sessions and manuscripts (server/auth.h, account_pages.cc).
  accounts::AccountStore* accounts = nullptr;
  workflow::WorkflowStore* workflow = nullptr;
  // Page images over IIIF (iiif_routes.cc); the reading view asks it which scans it can show.
  iiif::ImageService* iiif = nullptr;
};

// The search parameters of the page, the API and the exports: q, sort,
// offset, limit (default `default_limit`, at most 1000), window, facets.
// `*q` is set even on error (cleared when it is unusable), for the form.
Status ParseSearchParams(const httplib::Request& req, std::string* q, search::SearchOptions* o,
                         size_t default_limit);

// The response-cache key of a request: Host, target, the library's state.
std::string CacheKey(const Context& ctx, const httplib::Request& req);

// Answers from the response cache when it can (true), else marks the
// response a miss; `*key` is where the finished answer should be Put.
bool AnswerFromCache(Context* ctx, const httplib::Request& req, httplib::Response& res, std::string* key);

// The HTML error page (pages.cc), for routes outside /api and /oai.
void SendErrorPage(Context* ctx, const httplib::Request& req, httplib::Response& res, int status,
                   const std::string& message);

// HTML pages: home, browse, work, reading view, comparison, search (pages.cc).
void RegisterPages(httplib::Server* srv, Context* ctx);
// Search results as CSV and XLSX, a work as txt, json or TEI (export.cc).
void RegisterExports(httplib::Server* srv, Context* ctx);
// /api/v1/… (api.cc).
void RegisterApi(httplib::Server* srv, Context* ctx);
// /oai (oai.cc).
void RegisterOai(httplib::Server* srv, Context* ctx);
// /iiif/3/… Image API and manifests (iiif_routes.cc); sets ctx->iiif.
void RegisterIiif(httplib::Server* srv, Context* ctx);
// /proofread/… correcting OCR lines (proofread_routes.cc).
void RegisterProofreading(httplib::Server* srv, Context* ctx);
// Login, logout, dashboard, manuscripts and their uploads (account_pages.cc);
// registered before the API so /api/v1/me and /api/v1/manuscripts precede
// its catch-all.
void RegisterAccountPages(httplib::Server* srv, Context* ctx);
// The review screens of a manuscript version: outline review, recheck,
// spot-check and the quality report (review_pages.cc).
void RegisterReviewPages(httplib::Server* srv, Context* ctx);
// /submissions: uploading a BagIt bag (征集) (submission_routes.cc).
void RegisterSubmissions(httplib::Server* srv, Context* ctx);

}  // namespace fangzhi::server
