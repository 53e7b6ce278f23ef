#include "server/server.h"

#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
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
  // One thread per open connection (cpp-httplib's model), so far more
  // threads than cores: a browser opens up to six keep-alive connections,
  // and a connection waiting for its next request holds its thread until
  // the keep-alive timeout. With 16 threads, 16 idle sockets stalled the
  // whole site for the length of that timeout. An idle thread costs only
  // its stack.
  const size_t cores = std::max(1u, std::thread::hardware_concurrency());
  return std::max<size_t>(64, cores * 16);
}

namespace {

// cpp-httplib is a compiled library on Debian, so its listen backlog of 5
// (CPPHTTPLIB_LISTEN_BACKLOG, fixed when the .so was built) cannot be
// changed by a macro of ours. Linux lets listen() be called again on a
// listening socket to change the backlog; the socket is a protected member.
class HttpServer : public httplib::Server {
 public:
  bool WidenBacklog() { return ::listen(svr_sock_, SOMAXCONN) == 0; }
};

// cpp-httplib's default sets SO_REUSEPORT, with which a second server binds
// the same port without error and the kernel splits the connections between
// the two. SO_REUSEADDR alone still allows a restart while old connections
// sit in TIME_WAIT, and makes a port in use fail to bind.
void ReuseAddressOnly(int sock) {
  const int yes = 1;
  setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

// Why binding host:port fails, found by trying it again ourselves:
// cpp-httplib only reports that it failed.
std::string BindFailureReason(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* list = nullptr;
  const int gai = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &list);
  if (gai != 0) return std::string("无法解析主机名（") + gai_strerror(gai) + "）";
  int err = 0;
  for (addrinfo* ai = list; ai != nullptr; ai = ai->ai_next) {
    const int sock = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (sock < 0) {
      err = errno;
      continue;
    }
    ReuseAddressOnly(sock);
    const bool bound = ::bind(sock, ai->ai_addr, ai->ai_addrlen) == 0;
    if (!bound) err = errno;
    close(sock);
    if (bound) {
      err = 0;
      break;
    }
  }
  freeaddrinfo(list);
  switch (err) {
    case EADDRINUSE: return "端口已被占用（address in use）：请换一个端口（--port），或先停止占用它的程序";
    case EADDRNOTAVAIL: return "这个地址不属于本机（address not available）";
    case EACCES: return "没有权限使用这个端口（permission denied；1024 以下的端口需要特权）";
    case 0: return "绑定失败，原因不明（再试一次时已可绑定）";
    default: return std::string("绑定失败（") + std::strerror(err) + "）";
  }
}

}  // namespace

struct Server::Impl {
  Context ctx;
  std::unique_ptr<BackendPool> pool;
  Templates templates;
  std::unique_ptr<ResponseCache> cache;
  std::unique_ptr<accounts::AccountStore> accounts;
  std::unique_ptr<workflow::WorkflowStore> workflow;
  HttpServer http;
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
  HttpServer& http = impl->http;

  // Tuning as measured in engines.md: without TCP_NODELAY small responses
  // wait for the delayed ACK (≈300 req/s); the default of 5 requests per
  // keep-alive connection makes clients reconnect all the time. An idle
  // keep-alive connection holds a pool thread, so it is let go after 2 s: a
  // browser that wants it again opens a new one in well under a millisecond.
  http.set_tcp_nodelay(true);
  http.set_socket_options(ReuseAddressOnly);
  http.set_keep_alive_max_count(100000);
  http.set_keep_alive_timeout(2);
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
  // cpp-httplib rejects a request line over 8 KiB before parsing it, so a
  // 414 comes with no path at all: it gets the HTML page, because such
  // addresses come from a browser (a long search pasted into the address
  // bar); API clients have the status. Other unparsed requests get JSON.
  http.set_error_handler(httplib::Server::HandlerWithResponse([ctx](const httplib::Request& req,
                                                                      httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const std::string message = res.status == 404 ? "没有这个页面：" + req.path.substr(0, 200)
                                : res.status == 414
                                    ? "请求地址过长（超过 8 KiB）。检索词最多 2,000 字节（约 600 个汉字），请缩短后再检索。"
                                    : "请求无法处理";
    if (IsApi(req.path) || (req.path.empty() && res.status != 414)) {
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
    const std::string where = (options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host) +
                              ":" + std::to_string(options.port);
    return Status::IoError("无法在 " + where + " 上监听（cannot listen on " + where +
                           "）：" + BindFailureReason(options.host, options.port));
  }
  // Connections beyond the pool wait in the backlog instead of being refused.
  if (!http.WidenBacklog()) {
    std::cerr << "警告：无法调大 " << options.host << ":" << port << " 的监听队列：" << std::strerror(errno) << "\n";
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
