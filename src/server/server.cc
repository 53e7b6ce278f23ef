#include "server/server.h"

#include <httplib.h>

#include <cstdlib>
#include <iostream>
#include <thread>

#include "accounts/account_store.h"
#include "server/app.h"
#include "server/backend.h"
#include "server/http_util.h"
#include "server/routes.h"
#include "server/templates.h"
#include "workflow/workflow_store.h"

namespace fangzhi::server {

size_t DefaultThreads() {
  // One thread per open connection (cpp-httplib's model), so more threads
  // than cores: a browser opens several keep-alive connections, and a
  // connection waiting for its next request holds its thread.
  const size_t cores = std::max(1u, std::thread::hardware_concurrency());
  return std::max<size_t>(16, cores * 8);
}

struct Server::Impl {
  Context ctx;
  std::unique_ptr<BackendPool> pool;
  Templates templates;
  std::unique_ptr<ResponseCache> cache;
  std::unique_ptr<accounts::AccountStore> accounts;
  std::unique_ptr<workflow::WorkflowStore> workflow;
  httplib::Server http;
  int port = 0;
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { Stop(); }

namespace {

std::filesystem::path ResolveWebDir(const std::filesystem::path& given) {
  if (!given.empty()) return given;
  if (const char* env = std::getenv("FANGZHI_WEB"); env != nullptr && *env != '\0') return env;
  return FANGZHI_WEB_DIR;
}

bool IsApi(const std::string& path) { return path.starts_with("/api/"); }

}  // namespace

std::string CacheKey(const Context& ctx, const httplib::Request& req) {
  return req.get_header_value("Host") + "\n" + req.target + "\n" + std::to_string(ctx.pool->latest_change());
}

bool AnswerFromCache(Context* ctx, const httplib::Request& req, httplib::Response& res, std::string* key) {
  ctx->pool->NoticeChanges();
  *key = CacheKey(*ctx, req);
  ResponseCache::Entry cached;
  if (ctx->cache->Get(*key, &cached)) {
    res.set_header("X-Cache", "hit");
    res.set_content(std::move(cached.body), cached.content_type);
    return true;
  }
  res.set_header("X-Cache", "miss");
  return false;
}

Status Server::Open(const ServerOptions& options, std::unique_ptr<Server>* out) {
  auto impl = std::make_unique<Impl>();
  impl->ctx.options = options;
  impl->ctx.web_dir = ResolveWebDir(options.web_dir);
  FZ_RETURN_IF_ERROR(impl->templates.Load(impl->ctx.web_dir / "templates"));
  impl->pool = std::make_unique<BackendPool>(options.data_dir);
  FZ_RETURN_IF_ERROR(impl->pool->Prime());
  impl->ctx.pool = impl->pool.get();
  impl->ctx.templates = &impl->templates;
  impl->cache = std::make_unique<ResponseCache>(options.cache_bytes);
  impl->ctx.cache = impl->cache.get();
  FZ_RETURN_IF_ERROR(accounts::AccountStore::Open(options.data_dir, &impl->accounts));
  FZ_RETURN_IF_ERROR(workflow::WorkflowStore::Open(options.data_dir, &impl->workflow));
  impl->ctx.accounts = impl->accounts.get();
  impl->ctx.workflow = impl->workflow.get();
  Context* ctx = &impl->ctx;
  httplib::Server& http = impl->http;

  // Tuning as measured in engines.md: without TCP_NODELAY small responses
  // wait for the delayed ACK (≈300 req/s); the default of 5 requests per
  // keep-alive connection makes clients reconnect all the time.
  http.set_tcp_nodelay(true);
  http.set_keep_alive_max_count(100000);
  http.set_keep_alive_timeout(5);
  http.set_read_timeout(10);
  http.set_write_timeout(30);
  // The largest body is a manuscript upload (the handler checks the file itself).
  http.set_payload_max_length(options.max_upload_bytes + 64 * 1024);
  const size_t threads = options.threads > 0 ? options.threads : DefaultThreads();
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };

  const std::filesystem::path static_dir = ctx->web_dir / "static";
  if (!http.set_mount_point("/static", static_dir.string())) {
    return Status::IoError("找不到静态文件目录 " + static_dir.string());
  }
  // ECharts from npm, served by us (no CDN). Absent until `npm ci` in web/:
  // the search page then shows its counts as bars without the charts.
  const std::filesystem::path echarts = ctx->web_dir / "node_modules" / "echarts" / "dist";
  std::error_code ec;
  if (std::filesystem::is_directory(echarts, ec)) http.set_mount_point("/static/vendor/echarts", echarts.string());
  http.set_file_request_handler([](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "public, max-age=3600");
  });

  http.set_pre_routing_handler([ctx](const httplib::Request& req, httplib::Response& res) {
    // POST only where routes.cc lists a POST route (forms, uploads, /oai).
    if (req.method != "GET" && req.method != "HEAD" && !(req.method == "POST" && AcceptsPost(req.path))) {
      res.set_header("Allow", AcceptsPost(req.path) ? "GET, HEAD, POST" : "GET, HEAD");
      if (IsApi(req.path)) {
        SendJsonError(res, 405, "只支持 GET 请求");
      } else {
        SendErrorPage(ctx, req, res, 405, "只支持 GET 请求");
      }
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  RegisterAccountPages(&http, ctx);  // before the API's /api catch-all
  RegisterReviewPages(&http, ctx);
  RegisterSubmissions(&http, ctx);
  RegisterExports(&http, ctx);
  RegisterApi(&http, ctx);
  RegisterOai(&http, ctx);
  RegisterIiif(&http, ctx);
  RegisterProofreading(&http, ctx);
  RegisterPages(&http, ctx);

  // Routes that matched nothing, and errors cpp-httplib answers itself
  // (414, 400 …), get a body in the caller's language: JSON under /api.
  http.set_error_handler(httplib::Server::HandlerWithResponse([ctx](const httplib::Request& req,
                                                                      httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const std::string message = res.status == 404   ? "没有这个页面：" + req.path.substr(0, 200)
                                : res.status == 414 ? "请求地址过长"
                                                    : "请求无法处理";
    if (IsApi(req.path) || req.path.empty()) {
      SendJsonError(res, res.status, message);
    } else {
      const int status = res.status;
      SendErrorPage(ctx, req, res, status, message);
    }
    return httplib::Server::HandlerResponse::Handled;
  }));
  http.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "未知异常";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::cerr << "错误：处理 " << req.path << " 时出现内部错误：" << what << "\n";
    SendJsonError(res, 500, "内部错误");
  });
  if (options.log_requests) {
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::cerr << req.method << " " << req.path << " " << res.status << "\n";
    });
  }

  const int port = options.port == 0 ? http.bind_to_any_port(options.host)
                                     : (http.bind_to_port(options.host, options.port) ? options.port : -1);
  if (port < 0) {
    return Status::IoError("无法在 " + options.host + ":" + std::to_string(options.port) +
                           " 上监听（端口被占用，或地址不是本机的）");
  }
  impl->port = port;
  out->reset(new Server(std::move(impl)));
  return Status::Ok();
}

int Server::port() const { return impl_->port; }
const std::string& Server::host() const { return impl_->ctx.options.host; }

Status Server::Run() {
  if (!impl_->http.listen_after_bind()) {
    if (!impl_->http.is_running() && impl_->port > 0) return Status::Ok();  // stopped
    return Status::IoError("HTTP 监听失败");
  }
  return Status::Ok();
}

void Server::Stop() {
  if (impl_ && impl_->http.is_running()) impl_->http.stop();
}

}  // namespace fangzhi::server
