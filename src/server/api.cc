// The JSON API under /api/v1 (docs/api.md). Every list is paged with
// offset/limit and says its total; every error is
// {"error": {"status": N, "message": "…"}} with the same HTTP status.
#include "model/citation.h"
#include "search/result_json.h"
#include "server/app.h"
#include "server/catalog.h"
#include "server/http_util.h"

namespace fangzhi::server {
namespace {

using Json = nlohmann::ordered_json;

constexpr size_t kWorksDefault = 50, kWorksMax = 1000;
constexpr size_t kNodesDefault = 200, kNodesMax = 5000;
constexpr size_t kBlocksDefault = 2000, kBlocksMax = 20000;

Json Page(size_t total, size_t offset, size_t limit) {
  Json j;
  j["total"] = total;
  j["offset"] = offset;
  j["limit"] = limit;
  return j;
}

void Index(const httplib::Request&, httplib::Response& res) {
  Json j;
  j["name"] = "四川数字方志馆 API";
  j["version"] = "v1";
  j["documentation"] = "docs/api.md";
  j["endpoints"] = {
      "GET /api/v1/works?offset=&limit=&kind=&region=&dynasty=",
      "GET /api/v1/works/{id}",
      "GET /api/v1/works/{id}/nodes?edition=&offset=&limit=",
      "GET /api/v1/works/{id}/nodes/{path}?edition=&para=&offset=&limit=",
      "GET /api/v1/works/{id}/export?format=txt|json|tei&edition=",
      "GET /api/v1/search?q=&limit=&offset=&sort=pos|left|right&window=&facets=&facet_limit=",
      "GET /oai?verb=Identify (OAI-PMH 2.0)",
  };
  SendJson(res, 200, j);
}

void Works(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  size_t offset = 0, limit = 0;
  Status s = SizeParam(req, "offset", 0, 100000000, &offset);
  if (s.ok()) s = SizeParam(req, "limit", kWorksDefault, kWorksMax, &limit);
  if (!s.ok()) return SendJsonError(res, s);
  const std::string kind = Param(req, "kind"), region = Param(req, "region"), dynasty = Param(req, "dynasty");
  BackendPool::Lease b;
  s = ctx->pool->Acquire(&b);
  if (!s.ok()) return SendJsonError(res, s);
  const std::vector<store::WorkSummary>& works = b->works;
  std::vector<const store::WorkSummary*> match;
  uint64_t han = 0;
  for (const auto& w : works) {
    if (!kind.empty() && w.work.kind != kind) continue;
    if (!dynasty.empty() && w.work.dynasty != dynasty) continue;
    if (!region.empty() && !w.work.region_code.starts_with(region)) continue;
    match.push_back(&w);
    han += w.han_count;
  }
  Json j = Page(match.size(), offset, limit);
  j["total_han_count"] = han;
  Json arr = Json::array();
  for (size_t i = offset; i < match.size() && i < offset + limit; ++i) arr.push_back(WorkJson(*match[i]));
  j["works"] = std::move(arr);
  SendJson(res, 200, j);
}

Status LoadWork(Context* ctx, const std::string& id, BackendPool::Lease* b, store::WorkSummary* w) {
  if (!model::IsValidWorkId(id)) return Status::NotFound("“" + id + "” 不是合法的作品编号");
  FZ_RETURN_IF_ERROR(ctx->pool->Acquire(b));
  return (*b)->lib->GetWork(id, w);
}

// ?edition= resolved against the work (empty: the base edition).
Status EditionOf(const store::WorkSummary& w, const std::string& requested, std::string* out) {
  if (requested.empty()) {
    const store::EditionSummary* e = BaseEdition(w);
    if (e == nullptr) return Status::NotFound("作品 " + w.work.id + " 没有任何版本");
    *out = e->id;
    return Status::Ok();
  }
  for (const auto& e : w.editions) {
    if (e.id == requested) {
      *out = e.id;
      return Status::Ok();
    }
  }
  return Status::NotFound("作品 " + w.work.id + " 没有版本 “" + requested.substr(0, 60) + "”");
}

void Work(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  BackendPool::Lease b;
  store::WorkSummary w;
  Status s = LoadWork(ctx, req.matches[1], &b, &w);
  if (!s.ok()) return SendJsonError(res, s);
  SendJson(res, 200, WorkJson(w));
}

void Nodes(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  size_t offset = 0, limit = 0;
  Status s = SizeParam(req, "offset", 0, 100000000, &offset);
  if (s.ok()) s = SizeParam(req, "limit", kNodesDefault, kNodesMax, &limit);
  if (!s.ok()) return SendJsonError(res, s);
  BackendPool::Lease b;
  store::WorkSummary w;
  s = LoadWork(ctx, req.matches[1], &b, &w);
  std::string ed;
  if (s.ok()) s = EditionOf(w, Param(req, "edition"), &ed);
  std::vector<store::NodeSummary> nodes;
  if (s.ok()) s = b->lib->ListNodes(w.work.id, ed, &nodes);
  if (!s.ok()) return SendJsonError(res, s);
  Json j;
  j["work"] = w.work.id;
  j["edition"] = ed;
  j.update(Page(nodes.size(), offset, limit));
  Json arr = Json::array();
  for (size_t i = offset; i < nodes.size() && i < offset + limit; ++i) arr.push_back(NodeSummaryJson(nodes[i]));
  j["nodes"] = std::move(arr);
  SendJson(res, 200, j);
}

void Node(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  const std::string rest = req.matches[2];
  model::CitationPath cite;
  if (!model::IsValidWorkId(id)) return SendJsonError(res, 404, "“" + id + "” 不是合法的作品编号");
  if (!model::ParseCitationPath(id + "/" + rest, &cite) || cite.node_path.empty() || cite.paragraph != 0) {
    return SendJsonError(res, 400, "“" + rest.substr(0, 200) + "” 不是合法的节点路径（不可含空段、. 或 ..）");
  }
  size_t offset = 0, limit = 0, para = 0;
  Status s = SizeParam(req, "offset", 0, 100000000, &offset);
  if (s.ok()) s = SizeParam(req, "limit", kBlocksDefault, kBlocksMax, &limit);
  if (s.ok()) s = SizeParam(req, "para", 0, 100000000, &para);
  if (!s.ok()) return SendJsonError(res, s);
  BackendPool::Lease b;
  store::WorkSummary w;
  s = LoadWork(ctx, id, &b, &w);
  std::string ed;
  if (s.ok()) s = EditionOf(w, Param(req, "edition"), &ed);
  model::Node node;
  if (s.ok()) s = b->lib->LoadNode(id, ed, cite.node_path, &node);
  if (!s.ok()) return SendJsonError(res, s);
  std::vector<const model::Block*> blocks;
  for (const auto& blk : node.blocks) {
    if (para == 0 || blk.para == static_cast<int>(para)) blocks.push_back(&blk);
  }
  if (para > 0 && blocks.empty()) {
    return SendJsonError(res, 404, id + "/" + cite.node_path + " 没有第 " + std::to_string(para) + " 段");
  }
  Json j;
  j["work"] = id;
  j["edition"] = ed;
  j["path"] = cite.node_path;
  j["level"] = node.level;
  j["title"] = node.title;
  j["label"] = node.label;
  j.update(Page(blocks.size(), offset, limit));
  Json arr = Json::array();
  for (size_t i = offset; i < blocks.size() && i < offset + limit; ++i) {
    const model::Block& blk = *blocks[i];
    Json bj;
    bj["kind"] = model::BlockKindName(blk.kind);
    bj["para"] = blk.para;
    bj["text"] = blk.text;
    if (!blk.attrs.empty()) bj["attrs"] = blk.attrs;
    arr.push_back(std::move(bj));
  }
  j["blocks"] = std::move(arr);
  Json children = Json::array();
  for (const auto& c : node.children) {
    children.push_back({{"key", c.key}, {"path", cite.node_path + "/" + c.key}, {"level", c.level},
                        {"title", c.title}, {"label", c.label}});
  }
  j["children"] = std::move(children);
  SendJson(res, 200, j);
}

void Search(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  std::string key;
  if (AnswerFromCache(ctx, req, res, &key)) return;
  std::string q;
  search::SearchOptions opt;
  Status s = ParseSearchParams(req, &q, &opt, 20);
  if (s.ok() && q.empty()) s = Status::InvalidInput("缺少查询参数 q");
  if (!s.ok()) return SendJsonError(res, s);
  BackendPool::Lease b;
  search::SearchResult r;
  s = ctx->pool->Acquire(&b);
  if (s.ok()) s = b->searcher->Search(q, opt, &r);
  if (!s.ok()) return SendJsonError(res, s);
  SendJson(res, 200, search::SearchResultJson(r));
  ctx->cache->Put(key, {res.body, kJsonType});
}

}  // namespace

void RegisterApi(httplib::Server* srv, Context* ctx) {
  using Req = const httplib::Request&;
  using Res = httplib::Response&;
  srv->Get("/api/v1", [](Req req, Res res) { Index(req, res); });
  srv->Get("/api/v1/", [](Req req, Res res) { Index(req, res); });
  srv->Get("/api/v1/works", [ctx](Req req, Res res) { Works(ctx, req, res); });
  srv->Get(R"(/api/v1/works/([^/]+))", [ctx](Req req, Res res) { Work(ctx, req, res); });
  srv->Get(R"(/api/v1/works/([^/]+)/nodes)", [ctx](Req req, Res res) { Nodes(ctx, req, res); });
  srv->Get(R"(/api/v1/works/([^/]+)/nodes/(.+))", [ctx](Req req, Res res) { Node(ctx, req, res); });
  srv->Get("/api/v1/search", [ctx](Req req, Res res) { Search(ctx, req, res); });
  // Last: anything else under /api is a JSON 404, never the HTML page.
  srv->Get(R"(/api/.*)", [](Req req, Res res) {
    SendJsonError(res, 404, "没有这个接口：" + req.path.substr(0, 200) + "（见 /api/v1）");
  });
}

}  // namespace fangzhi::server
