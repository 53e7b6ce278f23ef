#include <pthread.h>
#include <signal.h>

#include <charconv>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "server/server.h"

namespace fangzhi::cli {
namespace {

Status ParseNumber(const CommandLine& cl, const char* flag, size_t min, size_t max, size_t* out) {
  if (!cl.values.count(flag)) return Status::Ok();
  const std::string v = cl.Value(flag);
  size_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < min || n > max) {
    return Status::InvalidInput(std::string(flag) + " 应为 " + std::to_string(min) + " 到 " + std::to_string(max) +
                                " 之间的整数，而不是 “" + v + "”");
  }
  *out = n;
  return Status::Ok();
}

}  // namespace

int RunServe(const CommandLine& cl) {
  if (!cl.args.empty()) return Fail(Status::InvalidInput("serve 不接受参数：“" + cl.args.front() + "”"));
  server::ServerOptions opt;
  opt.data_dir = cl.data_dir;
  opt.host = cl.Value("--host", "127.0.0.1");
  if (opt.host.empty()) return Fail(Status::InvalidInput("--host 不能为空"));
  size_t port = 8080, threads = 0, cache_mb = opt.cache_bytes >> 20;
  Status s = ParseNumber(cl, "--port", 0, 65535, &port);
  if (s.ok()) s = ParseNumber(cl, "--threads", 1, 1024, &threads);
  if (s.ok()) s = ParseNumber(cl, "--cache-mb", 0, 65536, &cache_mb);
  if (!s.ok()) return Fail(s);
  opt.cache_bytes = cache_mb << 20;
  opt.port = static_cast<int>(port);
  opt.threads = threads;
  opt.web_dir = cl.Value("--web");
  opt.log_requests = cl.Has("--log");
  if (cl.values.count("--cookie-secure")) {
    const std::string v = cl.Value("--cookie-secure");
    if (v == "on") {
      opt.cookie_secure = server::ServerOptions::CookieSecure::kOn;
    } else if (v == "off") {
      opt.cookie_secure = server::ServerOptions::CookieSecure::kOff;
    } else if (v != "auto") {
      return Fail(Status::InvalidInput("--cookie-secure 只能是 on、off 或 auto，而不是 “" + v + "”"));
    }
  }
  if (const char* email = std::getenv("FANGZHI_ADMIN_EMAIL"); email != nullptr && *email != '\0') {
    opt.admin_email = email;
  }

  // SIGINT/SIGTERM are taken by one thread with sigwait() and turned into a
  // clean Stop(): the listener closes, requests in flight finish.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::unique_ptr<server::Server> srv;
  s = server::Server::Open(opt, &srv);
  if (!s.ok()) return Fail(s);
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    srv->Stop();
  });
  std::cout << "四川数字方志馆已启动：http://" << (opt.host.find(':') != std::string::npos ? "[" + opt.host + "]" : opt.host)
            << ":" << srv->port() << "/　（Ctrl-C 停止；数据目录 " << cl.data_dir << "）" << std::endl;
  s = srv->Run();
  // Wakes the waiter when the listener ended on its own.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!s.ok()) return Fail(s);
  std::cout << "已停止。" << std::endl;
  return kExitOk;
}

}  // namespace fangzhi::cli
