// The security of `fangzhi serve` as a table: every route the server
// registers (server/routes.h, checked against the source) tried as every
// role and as nobody, expecting allow or deny; then the attacks one by one:
// guessed manuscript ids of another county, POSTs without a CSRF token,
// session fixation, rewriting the audit log, password guessing, a disabled
// user's live session, and the messages bad input gets.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "accounts/account_store.h"
#include "formats/manuscript_markdown.h"
#include "server/escape.h"
#include "server/routes.h"
#include "server/server.h"
#include "server/test_server.h"
#include "store/library.h"
#include "test_util.h"
#include "workflow/workflow_store.h"

namespace fangzhi {
namespace {

namespace fs = std::filesystem;
using accounts::Role;
using server::RouteSpec;
using testing::SessionCookie;

constexpr const char* kPassword = "secret-password-1";

struct Principal {
  std::string label;  // "nobody", "admin", …
  std::string user;   // login name ("" for nobody)
  unsigned who = server::kWhoNobody;
  bool other_county = false;  // a compiler of 510105
  std::string cookie = "";    // "fz_session=…"
  std::string csrf = "";
};

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

class SecurityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    data_ = dir_->path() / "data";
    const fs::path sample = testing::SourceDir() / "examples" / "shili-county-yearbook-2025.md";
    model::Document doc;
    ASSERT_TRUE(formats::ImportManuscriptMarkdown(sample, &doc).ok());
    work_ = doc.work.id;
    {
      std::unique_ptr<store::Library> lib;
      ASSERT_TRUE(store::Library::Open(data_, &lib).ok());
      ASSERT_TRUE(lib->Import({&doc}, false).ok());
    }
    ASSERT_TRUE(accounts::AccountStore::Open(data_, &accounts_).ok());
    ASSERT_TRUE(testing::AddOffices(accounts_.get(), {{"51", "四川省地方志工作办公室"},
                                                      {"510104", "锦江区地方志办公室"},
                                                      {"510105", "青羊区地方志办公室"}})
                    .ok());
    Status s = testing::AddUsers(accounts_.get(),
                                 {{"admin", Role::kAdmin, "51"},
                                  {"reviewer", Role::kReviewer, "51"},
                                  {"compiler", Role::kCompiler, "510104"},
                                  {"compiler2", Role::kCompiler, "510105"},
                                  {"digitizer", Role::kDigitizer, "51"},
                                  {"reader", Role::kReader, "51"},
                                  {"victim", Role::kReader, "51"},
                                  {"temp", Role::kCompiler, "510104"}},
                                 kPassword, "cli", "cli");
    ASSERT_TRUE(s.ok()) << s.ToString();
    // One manuscript of 510104 with two versions.
    std::unique_ptr<workflow::WorkflowStore> wf;
    ASSERT_TRUE(workflow::WorkflowStore::Open(data_, &wf).ok());
    accounts::User compiler;
    ASSERT_TRUE(accounts_->FindUser("compiler", &compiler).ok());
    const std::string bytes = testing::ReadFile(sample);
    ASSERT_TRUE(wf->CreateManuscript(compiler, "cli", "示例县年鉴（2025）", 2025, "年鉴", "v1.md", bytes, &manuscript_).ok());
    int64_t n = 0;
    ASSERT_TRUE(wf->AddVersion(compiler, "cli", manuscript_, "v2.md", bytes, &n).ok());

    s = testing::TestServer::Start(testing::LoopbackOptions(data_), &server_);
    ASSERT_TRUE(s.ok()) << s.ToString();

    principals_ = {{"nobody", "", server::kWhoNobody},
                   {"admin", "admin", server::kWhoAdmin},
                   {"reviewer", "reviewer", server::kWhoReviewer},
                   {"compiler", "compiler", server::kWhoCompiler},
                   {"compiler-other-county", "compiler2", server::kWhoCompiler, true},
                   {"digitizer", "digitizer", server::kWhoDigitizer},
                   {"reader", "reader", server::kWhoReader}};
    for (Principal& p : principals_) {
      if (p.user.empty()) continue;
      ASSERT_TRUE(Login(p.user, kPassword, &p.cookie, &p.csrf)) << p.user;
    }
  }

  static void TearDownTestSuite() {
    server_.reset();
    accounts_.reset();
    delete dir_;
  }

  static httplib::Client Client() { return server_->Client(); }

  // The login form's double-submit token and its cookie.
  static void LoginToken(std::string* cookie, std::string* token) { server_->LoginFormToken(cookie, token); }

  static httplib::Result PostLogin(const std::string& name, const std::string& password,
                                   const std::string& extra_cookie = "") {
    return server_->PostLogin(name, password, extra_cookie);
  }

  static bool Login(const std::string& name, const std::string& password, std::string* cookie, std::string* csrf) {
    auto r = PostLogin(name, password);
    if (!r || r->status != 303) return false;
    *cookie = SessionCookie(*r);
    auto me = Client().Get("/api/v1/me", {{"Cookie", *cookie}});
    if (!me || me->status != 200) return false;
    *csrf = nlohmann_free_csrf(me->body);
    return !csrf->empty();
  }

  // The csrf_token field of /api/v1/me (no JSON library needed for one field).
  static std::string nlohmann_free_csrf(const std::string& body) {
    std::smatch m;
    if (!std::regex_search(body, m, std::regex(R"re("csrf_token":"([0-9a-f]{64})")re"))) return "";
    return m[1];
  }

  static std::string Example(const RouteSpec& r) {
    std::string p = Replace(r.example, "{manuscript}", std::to_string(manuscript_));
    p = Replace(p, "{version}", "1");
    return Replace(p, "{work}", work_);
  }

  // One request as `p`: GET, or POST with the row's form and p's CSRF token.
  static httplib::Result Request(const RouteSpec& r, const Principal& p, const std::string& path) {
    httplib::Headers h;
    if (!p.cookie.empty()) h.emplace("Cookie", p.cookie);
    if (std::string(r.method) == "GET") return Client().Get(path.c_str(), h);
    std::string body = r.form;
    if (std::string(r.pattern) == "/login") {
      std::string cookie, token;
      LoginToken(&cookie, &token);
      h.erase("Cookie");
      h.emplace("Cookie", cookie + (p.cookie.empty() ? "" : "; " + p.cookie));
      body += "&csrf=" + token;
    } else if (!p.csrf.empty()) {
      body += std::string(body.empty() ? "" : "&") + "csrf=" + p.csrf;
    }
    return Client().Post(path.c_str(), h, body, "application/x-www-form-urlencoded");
  }

  // Denied: 401/403, a redirect to the login page, or — for a manuscript
  // outside the user's office — 404, the same as for an id that does not exist.
  static bool Denied(const httplib::Response& r, bool office_scoped) {
    if (r.status == 401 || r.status == 403) return true;
    if (r.status == 303 && r.get_header_value("Location").starts_with("/login")) return true;
    return office_scoped && r.status == 404;
  }

  static int64_t AuditCount() {
    store::Statement st;
    EXPECT_TRUE(accounts_->database_for_testing()->Prepare("SELECT count(*) FROM audit_log", &st).ok());
    bool row = false;
    EXPECT_TRUE(st.Step(&row).ok());
    return st.Int(0);
  }

  // Every audit row up to `max_id`, as one string.
  static std::string AuditDump(int64_t max_id) {
    store::Statement st;
    EXPECT_TRUE(accounts_->database_for_testing()
                    ->Prepare("SELECT id, at, actor, action, address, manuscript_id, version, detail FROM audit_log"
                              " WHERE id <= ? ORDER BY id",
                              &st)
                    .ok());
    st.Bind(1, max_id);
    std::string out;
    for (;;) {
      bool row = false;
      EXPECT_TRUE(st.Step(&row).ok());
      if (!row) break;
      for (int c = 0; c < 8; ++c) out += st.Text(c) + "|";
      out += "\n";
    }
    return out;
  }

  static inline testing::TempDir* dir_ = nullptr;
  static inline fs::path data_;
  static inline std::string work_;
  static inline int64_t manuscript_ = 0;
  static inline std::unique_ptr<accounts::AccountStore> accounts_;
  static inline std::unique_ptr<testing::TestServer> server_;
  static inline std::vector<Principal> principals_;
};

// Text written into pages without the template's escaping (KWIC cells) is
// escaped by TextHtml; only a well-formed entity becomes markup.
TEST(TextHtml, EscapesEverythingButEntities) {
  EXPECT_EQ(server::TextHtml("<b onclick=\"x\">&KR0561;&amp;&KR;&KRx1;</b>"),
            "&lt;b onclick=&quot;x&quot;&gt;<span class=\"gaiji\" data-entity=\"KR0561\" title=\"缺字 KR0561："
            "Unicode 未收的字（Kanripo 编码）\">〓</span>&amp;amp;&amp;KR;&amp;KRx1;&lt;/b&gt;");
  EXPECT_EQ(server::TextHtml("巴郡"), "巴郡");
}

TEST_F(SecurityTest, RouteTableCoversEveryRegisteredRoute) {
  // Every srv->Get/Post(…) (or any X.Get/X->Post with a literal path) in
  // src/: a route without a row in routes.cc fails here.
  const std::regex reg(R"re((?:->|\.)(Get|Post|Put|Delete|Patch|Options)\(\s*(?:R"\((/[^"]*)\)"|"(/[^"]*)"))re");
  std::set<std::pair<std::string, std::string>> registered;
  for (const auto& e : fs::recursive_directory_iterator(testing::SourceDir() / "src")) {
    if (e.path().extension() != ".cc") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    for (std::sregex_iterator it(text.begin(), text.end(), reg), end; it != end; ++it) {
      std::string method = (*it)[1];
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      registered.insert({method, (*it)[2].matched ? (*it)[2].str() : (*it)[3].str()});
    }
  }
  ASSERT_GT(registered.size(), 20u);
  std::set<std::pair<std::string, std::string>> listed;
  for (const RouteSpec& r : server::AllRoutes()) {
    EXPECT_TRUE(listed.insert({r.method, r.pattern}).second) << "duplicate row " << r.method << " " << r.pattern;
    EXPECT_TRUE(std::regex_match(Example(r).substr(0, Example(r).find('?')), std::regex(r.pattern)))
        << "example " << r.example << " does not match " << r.pattern;
  }
  for (const auto& reg_route : registered) {
    EXPECT_TRUE(listed.count(reg_route)) << "route " << reg_route.first << " " << reg_route.second
                                         << " is registered but has no row in src/server/routes.cc";
  }
  for (const auto& row : listed) {
    EXPECT_TRUE(registered.count(row)) << "row " << row.first << " " << row.second << " matches no registered route";
  }
}

TEST_F(SecurityTest, EveryRouteAsEveryRole) {
  size_t tried = 0;
  for (const RouteSpec& r : server::AllRoutes()) {
    for (Principal& p : principals_) {
      const bool allowed = (r.who & p.who) != 0 && !(r.office_scoped && p.other_county);
      const std::string path = Example(r);
      auto res = Request(r, p, path);
      ASSERT_TRUE(res) << r.method << " " << path;
      ++tried;
      SCOPED_TRACE(std::string(r.method) + " " + path + " as " + p.label + " → " + std::to_string(res->status));
      EXPECT_LT(res->status, 500) << res->body.substr(0, 300);
      EXPECT_NE(res->status, 405) << "method refused before routing";
      EXPECT_EQ(Denied(*res, r.office_scoped), !allowed) << res->body.substr(0, 300);
      const bool public_route = (r.who & server::kWhoNobody) != 0;
      if (!public_route) {
        // Per-user answers are never cached, here or by a proxy.
        EXPECT_EQ(res->get_header_value("Cache-Control"), "private, no-store");
        EXPECT_EQ(res->get_header_value_count("Cache-Control"), 1u);
        EXPECT_FALSE(res->has_header("X-Cache"));
      }
      if (std::string(r.pattern) == "/logout" && allowed) {
        // It worked: the session is gone. Sign in again for the next rows.
        EXPECT_EQ(Client().Get("/api/v1/me", {{"Cookie", p.cookie}})->status, 401);
        ASSERT_TRUE(Login(p.user, kPassword, &p.cookie, &p.csrf));
      }
    }
  }
  EXPECT_EQ(tried, server::AllRoutes().size() * principals_.size());
}

TEST_F(SecurityTest, CompilerCannotReachAnotherCountyByGuessingIds) {
  const Principal& other = principals_[4];
  ASSERT_EQ(other.user, "compiler2");
  for (int64_t id = 0; id <= manuscript_ + 5; ++id) {
    const std::string m = "/manuscripts/" + std::to_string(id);
    for (const std::string& path : {m, m + "/versions/1/file", m + "/versions/2/file", "/api/v1" + m}) {
      auto r = Client().Get(path.c_str(), {{"Cookie", other.cookie}});
      ASSERT_TRUE(r);
      EXPECT_EQ(r->status, 404) << path;
      EXPECT_EQ(r->body.find("示例县年鉴"), std::string::npos) << path;
    }
    httplib::Headers h = {{"Cookie", other.cookie}};
    auto up = Client().Post((m + "/versions").c_str(), h, "csrf=" + other.csrf, "application/x-www-form-urlencoded");
    ASSERT_TRUE(up);
    EXPECT_EQ(up->status, 404) << m;
    auto st = Client().Post((m + "/status").c_str(), h, "csrf=" + other.csrf + "&from=submitted&to=returned",
                            "application/x-www-form-urlencoded");
    ASSERT_TRUE(st);
    EXPECT_EQ(st->status, 403) << m;  // not a reviewer at all
  }
  auto list = Client().Get("/api/v1/manuscripts", {{"Cookie", other.cookie}});
  ASSERT_TRUE(list);
  EXPECT_EQ(list->body, R"({"manuscripts":[]})");
  auto dash = Client().Get("/dashboard", {{"Cookie", other.cookie}});
  ASSERT_TRUE(dash);
  EXPECT_EQ(dash->body.find("示例县年鉴"), std::string::npos);
  // And the own county's compiler does see it.
  auto own = Client().Get(("/manuscripts/" + std::to_string(manuscript_)).c_str(), {{"Cookie", principals_[3].cookie}});
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200);
  EXPECT_NE(own->body.find("示例县年鉴"), std::string::npos);
}

TEST_F(SecurityTest, PostsWithoutTheRightCsrfTokenAreRefused) {
  const int64_t before = AuditCount();
  for (const RouteSpec& r : server::AllRoutes()) {
    if (std::string(r.method) != "POST" || std::string(r.pattern) == "/oai") continue;
    for (const Principal& p : principals_) {
      // Only those the route lets through its role and office checks: the
      // others are refused before CSRF matters (tested above).
      if ((r.who & p.who) == 0 || (r.office_scoped && p.other_county)) continue;
      if (p.cookie.empty() && std::string(r.pattern) != "/login") continue;
      const std::string path = Example(r);
      // The token of another user's session is as good as none.
      const std::string others = p.label == "admin" ? principals_[2].csrf : principals_[1].csrf;
      for (const std::string& token : {std::string(), std::string("0"), others, std::string(64, 'a')}) {
        httplib::Headers h;
        if (!p.cookie.empty()) h.emplace("Cookie", p.cookie);
        std::string body = r.form;
        if (!token.empty()) body += "&csrf=" + token;
        auto res = Client().Post(path.c_str(), h, body, "application/x-www-form-urlencoded");
        ASSERT_TRUE(res);
        EXPECT_EQ(res->status, 403) << r.pattern << " as " << p.label << " token " << token;
      }
    }
  }
  // Nothing happened: a refused POST leaves no trace but its refusal.
  EXPECT_EQ(AuditCount(), before);
  // The header works as well as the field (for scripts).
  const Principal& reviewer = principals_[2];
  auto ok = Client().Post(("/manuscripts/" + std::to_string(manuscript_) + "/status").c_str(),
                          {{"Cookie", reviewer.cookie}, {"X-CSRF-Token", reviewer.csrf}}, "from=approved&to=returned",
                          "application/x-www-form-urlencoded");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 400);  // through CSRF; refused as a step (it is not approved)
}

TEST_F(SecurityTest, SessionIdChangesAtLogin) {
  // An attacker plants a session id in the victim's browser before login.
  const std::string planted = "fz_session=" + std::string(64, 'b');
  auto r = PostLogin("reader", kPassword, planted);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303);
  const std::string issued = SessionCookie(*r);
  ASSERT_FALSE(issued.empty());
  EXPECT_NE(issued, planted);
  auto me = Client().Get("/api/v1/me", {{"Cookie", planted}});
  EXPECT_EQ(me->status, 401);
  // A live session presented at login is ended, not kept.
  std::string first_cookie, first_csrf;
  ASSERT_TRUE(Login("reader", kPassword, &first_cookie, &first_csrf));
  auto again = PostLogin("reader", kPassword, first_cookie);
  ASSERT_EQ(again->status, 303);
  const std::string second_cookie = SessionCookie(*again);
  EXPECT_NE(second_cookie, first_cookie);
  EXPECT_EQ(Client().Get("/api/v1/me", {{"Cookie", first_cookie}})->status, 401);
  EXPECT_EQ(Client().Get("/api/v1/me", {{"Cookie", second_cookie}})->status, 200);
  // The cookie's flags.
  const std::string set = r->get_header_value("Set-Cookie");
  EXPECT_NE(set.find("HttpOnly"), std::string::npos) << set;
  EXPECT_NE(set.find("SameSite=Strict"), std::string::npos) << set;
  EXPECT_NE(set.find("Path=/"), std::string::npos) << set;
  EXPECT_EQ(set.find("Secure"), std::string::npos) << "plain http on loopback: " << set;
  // Logout ends the session on the server, not just in the browser.
  auto out = Client().Post("/logout", {{"Cookie", second_cookie}}, "csrf=" + nlohmann_free_csrf(
      Client().Get("/api/v1/me", {{"Cookie", second_cookie}})->body), "application/x-www-form-urlencoded");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 303);
  EXPECT_EQ(Client().Get("/api/v1/me", {{"Cookie", second_cookie}})->status, 401);
}

TEST_F(SecurityTest, CookiesAreSecureUnlessLoopback) {
  std::string cookie, token;
  LoginToken(&cookie, &token);
  httplib::Params form = {{"csrf", token}, {"name", "reader"}, {"password", kPassword}};
  auto r = Client().Post("/login", {{"Cookie", cookie}, {"Host", "fangzhi.example.org"}}, form);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303);
  EXPECT_NE(r->get_header_value("Set-Cookie").find("; Secure"), std::string::npos) << r->get_header_value("Set-Cookie");
}

TEST_F(SecurityTest, AuditLogCannotBeChangedThroughAnyRoute) {
  const int64_t count = AuditCount();
  ASSERT_GT(count, 10);
  const std::string before = AuditDump(count);
  const Principal& admin = principals_[1];
  // Every method on every route, and a few guesses, as the administrator.
  std::vector<std::string> paths = {"/audit", "/audit/1", "/api/v1/audit", "/api/v1/audit/1"};
  for (const RouteSpec& r : server::AllRoutes()) {
    if (std::string(r.pattern) != "/logout") paths.push_back(Example(r));
  }
  for (const std::string& path : paths) {
    for (const char* method : {"PUT", "DELETE", "PATCH"}) {
      httplib::Request req;
      req.method = method;
      req.path = path;
      req.headers = {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}};
      req.body = "id=1&actor=forged";
      req.set_header("Content-Type", "application/x-www-form-urlencoded");
      auto res = Client().send(req);
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 405) << method << " " << path;
    }
    auto post = Client().Post(path.c_str(), {{"Cookie", admin.cookie}}, "csrf=" + admin.csrf + "&id=1&actor=forged",
                              "application/x-www-form-urlencoded");
    ASSERT_TRUE(post);
  }
  auto page = Client().Get("/audit", {{"Cookie", admin.cookie}});
  ASSERT_EQ(page->status, 200);
  EXPECT_EQ(page->body.find("method=\"post\""), std::string::npos) << "the audit page offers no POST form";
  EXPECT_EQ(AuditDump(count), before);
  EXPECT_GE(AuditCount(), count);
}

TEST_F(SecurityTest, PasswordGuessingIsThrottled) {
  for (int i = 0; i < accounts::kMaxFailuresPerAccount; ++i) {
    auto r = PostLogin("victim", "guess-" + std::to_string(i));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400);
    EXPECT_NE(r->body.find("用户名或密码不正确"), std::string::npos);
  }
  auto r = PostLogin("victim", kPassword);  // even the right one, now
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 429);
  EXPECT_NE(r->body.find("过多"), std::string::npos);
  EXPECT_TRUE(SessionCookie(*r).empty());
}

TEST_F(SecurityTest, DisabledUsersSessionDies) {
  std::string cookie, csrf;
  ASSERT_TRUE(Login("temp", kPassword, &cookie, &csrf));
  EXPECT_EQ(Client().Get("/dashboard", {{"Cookie", cookie}})->status, 200);
  ASSERT_TRUE(accounts_->DisableUser("temp", "cli", "cli").ok());
  auto r = Client().Get("/dashboard", {{"Cookie", cookie}});
  EXPECT_EQ(r->status, 303);
  EXPECT_TRUE(r->get_header_value("Location").starts_with("/login"));
  EXPECT_EQ(Client().Get("/api/v1/me", {{"Cookie", cookie}})->status, 401);
  auto again = PostLogin("temp", kPassword);
  EXPECT_EQ(again->status, 400);
  EXPECT_NE(again->body.find("已停用"), std::string::npos);
}

TEST_F(SecurityTest, BadLoginInputsGetClearMessages) {
  struct Case {
    const char* name;
    const char* password;
    const char* message;
  } cases[] = {
      {"no-such-user", "whatever-pass", "用户名或密码不正确"},
      {"reader", "wrong-password", "用户名或密码不正确"},
      {"", kPassword, "请输入用户名"},
      {"reader", "", "请输入密码"},
  };
  for (const Case& c : cases) {
    auto r = PostLogin(c.name, c.password);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << c.name;
    EXPECT_NE(r->body.find(c.message), std::string::npos) << c.name << ": " << r->body.substr(0, 500);
    EXPECT_TRUE(SessionCookie(*r).empty());
  }
  // A login form without its token.
  auto r = Client().Post("/login", "name=reader&password=x", "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 403);
  // Open redirects are not followed: next= must be a local path.
  std::string cookie, token;
  LoginToken(&cookie, &token);
  httplib::Params form = {{"csrf", token}, {"name", "reviewer"}, {"password", kPassword}, {"next", "//evil.example/"}};
  auto ok = Client().Post("/login", {{"Cookie", cookie}}, form);
  ASSERT_EQ(ok->status, 303);
  EXPECT_EQ(ok->get_header_value("Location"), "/dashboard");
}

TEST_F(SecurityTest, UploadThroughTheFormAndRefuseBadFiles) {
  const Principal& compiler = principals_[3];
  httplib::MultipartFormDataItems bad = {
      {"csrf", compiler.csrf, "", ""},
      {"title", "锦江区年鉴（2024）", "", ""},
      {"year", "2024", "", ""},
      {"kind", "年鉴", "", ""},
      {"file", "# 概况\n\xff\xfe\n", "坏稿.md", "text/markdown"},
  };
  auto r = Client().Post("/manuscripts", {{"Cookie", compiler.cookie}}, bad);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("坏稿.md"), std::string::npos) << r->body.substr(0, 2000);
  EXPECT_NE(r->body.find("UTF-8"), std::string::npos);
  httplib::MultipartFormDataItems good = bad;
  good[4] = {"file", testing::ReadFile(testing::SourceDir() / "examples" / "shili-county-yearbook-2025.md"), "好稿.md",
             "text/markdown"};
  r = Client().Post("/manuscripts", {{"Cookie", compiler.cookie}}, good);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303) << r->body.substr(0, 2000);
  const std::string where = r->get_header_value("Location");
  auto page = Client().Get(where.c_str(), {{"Cookie", compiler.cookie}});
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("好稿.md"), std::string::npos);
  EXPECT_NE(page->body.find("已提交"), std::string::npos);
  // The reviewer sees it among the province's manuscripts.
  auto dash = Client().Get("/dashboard", {{"Cookie", principals_[2].cookie}});
  EXPECT_NE(dash->body.find("锦江区年鉴（2024）"), std::string::npos);
}

}  // namespace
}  // namespace fangzhi
