// `fangzhi serve` inside a test process, on an ephemeral loopback port, and
// the ways in: users made in the account store, sessions opened there or
// through the login form, and the CSRF tokens that go with them. Shared by
// the HTTP tests of server/, iiif/ and proofread/.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <initializer_list>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <utility>

#include "accounts/account_store.h"
#include "server/server.h"
#include "test_util.h"

namespace fangzhi::testing {

// A server over `data` with the source tree's web/, on any free port.
inline server::ServerOptions LoopbackOptions(const std::filesystem::path& data, int threads = 4) {
  server::ServerOptions opt;
  opt.data_dir = data;
  opt.web_dir = SourceDir() / "web";
  opt.port = 0;
  opt.threads = threads;
  return opt;
}

// A running server; destroying it stops the server and joins its loop.
class TestServer {
 public:
  // Opens the server and runs its loop on a thread. The socket listens once
  // Open returns, so requests wait in the backlog until the loop starts.
  static Status Start(const server::ServerOptions& opt, std::unique_ptr<TestServer>* out) {
    std::unique_ptr<TestServer> s(new TestServer);
    FZ_RETURN_IF_ERROR(server::Server::Open(opt, &s->server_));
    s->thread_ = std::thread([srv = s->server_.get()] { srv->Run(); });
    *out = std::move(s);
    return Status::Ok();
  }

  ~TestServer() {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  int port() const { return server_->port(); }
  std::string Base() const { return "http://127.0.0.1:" + std::to_string(port()); }

  httplib::Client Client(int read_timeout_seconds = 30) const {
    httplib::Client c("127.0.0.1", port());
    c.set_read_timeout(read_timeout_seconds);
    return c;
  }

  // The login form's double-submit cookie ("name=value") and its token.
  void LoginFormToken(std::string* cookie, std::string* token) const {
    auto r = Client().Get("/login");
    ASSERT_TRUE(r);
    const std::string set = r->get_header_value("Set-Cookie");
    *cookie = set.substr(0, set.find(';'));
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r->body, m, std::regex(R"re(name="csrf" value="([0-9a-f]{64})")re")));
    *token = m[1];
  }

  // Posts the login form as a browser would; `extra_cookie` is sent too.
  httplib::Result PostLogin(const std::string& name, const std::string& password,
                            const std::string& extra_cookie = "") const {
    std::string cookie, token;
    LoginFormToken(&cookie, &token);
    httplib::Headers h = {{"Cookie", cookie + (extra_cookie.empty() ? "" : "; " + extra_cookie)}};
    httplib::Params form = {{"csrf", token}, {"name", name}, {"password", password}};
    return Client().Post("/login", h, form);
  }

 private:
  TestServer() = default;

  std::unique_ptr<server::Server> server_;
  std::thread thread_;
};

// "fz_session=…" from a response's Set-Cookie headers, "" when none.
inline std::string SessionCookie(const httplib::Response& r) {
  for (size_t i = 0; i < r.get_header_value_count("Set-Cookie"); ++i) {
    const std::string c = r.get_header_value("Set-Cookie", i);
    if (c.starts_with("fz_session=")) return c.substr(0, c.find(';'));
  }
  return "";
}

// The token of the first form in `html` that carries one, "" when none.
inline std::string FormCsrf(const std::string& html) {
  std::smatch m;
  if (!std::regex_search(html, m, std::regex(R"re(name="csrf" value="([0-9a-f]{64})")re"))) return "";
  return m[1];
}

struct TestOffice {
  const char* region_code;
  const char* name;
};

inline Status AddOffices(accounts::AccountStore* acc, std::initializer_list<TestOffice> offices) {
  for (const TestOffice& o : offices) FZ_RETURN_IF_ERROR(acc->AddOffice(o.region_code, o.name));
  return Status::Ok();
}

struct TestUser {
  const char* name;
  accounts::Role role;
  const char* office;
};

// Adds each user with `password`; `actor` and `address` go to the audit log.
inline Status AddUsers(accounts::AccountStore* acc, std::initializer_list<TestUser> users, const std::string& password,
                       const std::string& actor, const std::string& address) {
  for (const TestUser& u : users) FZ_RETURN_IF_ERROR(acc->AddUser(u.name, u.role, u.office, password, actor, address));
  return Status::Ok();
}

// A session opened in the account store, as the login form would open it.
struct TestSession {
  std::string cookie;  // "fz_session=…"
  std::string csrf;
};

inline Status SignIn(accounts::AccountStore* acc, const std::string& name, const std::string& password,
                     TestSession* out) {
  accounts::LoginResult r;
  FZ_RETURN_IF_ERROR(acc->Login(name, password, "127.0.0.1", "", &r));
  out->cookie = "fz_session=" + r.session_id;
  out->csrf = r.session.csrf_token;
  return Status::Ok();
}

}  // namespace fangzhi::testing
