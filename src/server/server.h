// 四川数字方志馆 on the web: server-rendered pages, the JSON API under
// /api/v1 and OAI-PMH at /oai, over one data dir. Built on cpp-httplib;
// every page and route is described in docs/api.md.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "base/status.h"

namespace fangzhi::server {

struct ServerOptions {
  std::filesystem::path data_dir = "./fangzhi-data";
  // Templates (web/templates) and static files (web/static, and ECharts from
  // web/node_modules). Empty: $FANGZHI_WEB, else the source tree's web/.
  std::filesystem::path web_dir;
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests), see Server::port()
  // Worker threads. cpp-httplib keeps one thread per open connection, so this
  // also bounds the keep-alive connections served at once. 0: sized to the
  // machine (see DefaultThreads()).
  size_t threads = 0;
  bool log_requests = false;  // one line per request on stderr
  // Memory for finished search answers (page and API); 0 turns the cache off.
  size_t cache_bytes = 64u << 20;
  // OAI-PMH: records per ListIdentifiers/ListRecords answer before a
  // resumption token, and the contact Identify must give (an address with a
  // dot in its domain, as the schema demands).
  size_t oai_page_size = 100;
  std::string admin_email = "admin@fangzhi.invalid";
  // The Secure flag of session cookies (see server/auth.h): kAuto leaves it
  // off only for plain-http requests from and to loopback.
  enum class CookieSecure { kAuto, kOn, kOff };
  CookieSecure cookie_secure = CookieSecure::kAuto;
  // Largest request body (manuscript uploads); other routes read no body.
  size_t max_upload_bytes = 20u << 20;
};

size_t DefaultThreads();

class Server {
 public:
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Opens the library and its index (bringing the index up to date, as
  // `fangzhi search` does), loads the templates and binds the socket.
  static Status Open(const ServerOptions& options, std::unique_ptr<Server>* out);

  int port() const;                 // the bound port
  const std::string& host() const;  // as given
  // Serves until Stop(); returns an error if the listener fails.
  Status Run();
  // Safe from any thread; Run() returns soon after.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace fangzhi::server
