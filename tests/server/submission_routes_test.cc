// The upload form of 征集 (server/submission_routes.cc) over HTTP: who may
// use it, CSRF, a good bag ingested, a bad one listing its problems, and a
// compiler held to its own region. The library must not change on refusal.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <regex>
#include <thread>

#include "accounts/account_store.h"
#include "server/server.h"
#include "store/library.h"
#include "submission/bag_builder.h"
#include "submission/submission.h"
#include "test_util.h"

namespace fangzhi {
namespace {

namespace fs = std::filesystem;
using accounts::Role;
using submission::testing::BagSpec;

constexpr const char* kPassword = "secret-password-1";

class SubmissionRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    data_ = dir_->path() / "data";
    ASSERT_TRUE(accounts::AccountStore::Open(data_, &accounts_).ok());
    ASSERT_TRUE(accounts_->AddOffice("51", "四川省地方志工作办公室").ok());
    ASSERT_TRUE(accounts_->AddOffice("510104", "锦江区地方志办公室").ok());
    ASSERT_TRUE(accounts_->AddOffice("510700", "绵阳市地方志办公室").ok());
    for (auto [name, role, office] : {std::tuple{"compiler", Role::kCompiler, "510104"},
                                      std::tuple{"mianyang", Role::kCompiler, "510700"},
                                      std::tuple{"reviewer", Role::kReviewer, "51"},
                                      std::tuple{"reader", Role::kReader, "51"}}) {
      ASSERT_TRUE(accounts_->AddUser(name, role, office, kPassword, "cli", "cli").ok()) << name;
    }
    server::ServerOptions opt;
    opt.data_dir = data_;
    opt.web_dir = testing::SourceDir() / "web";
    opt.port = 0;
    opt.threads = 2;
    Status s = server::Server::Open(opt, &server_);
    ASSERT_TRUE(s.ok()) << s.ToString();
    thread_ = new std::thread([] { server_->Run(); });
    ASSERT_TRUE(submission::testing::WriteBag(dir_->path() / "good.zip", BagSpec()));
    BagSpec bad;
    bad.bad_checksum = {{"data/shili.md", "x"}};
    bad.info[2].second = "99";
    ASSERT_TRUE(submission::testing::WriteBag(dir_->path() / "bad.zip", bad));
  }

  static void TearDownTestSuite() {
    if (server_) server_->Stop();
    if (thread_) {
      thread_->join();
      delete thread_;
    }
    server_.reset();
    accounts_.reset();
    delete dir_;
  }

  static httplib::Client Client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(30);
    return c;
  }

  // Signs in through the login form; the session cookie and its CSRF token.
  static void Login(const std::string& name, std::string* cookie, std::string* csrf) {
    auto form = Client().Get("/login");
    ASSERT_TRUE(form);
    const std::string set = form->get_header_value("Set-Cookie");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(form->body, m, std::regex(R"re(name="csrf" value="([0-9a-f]{64})")re")));
    auto r = Client().Post("/login", {{"Cookie", set.substr(0, set.find(';'))}},
                           httplib::Params{{"csrf", m[1]}, {"name", name}, {"password", kPassword}});
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 303) << r->body.substr(0, 300);
    for (size_t i = 0; i < r->get_header_value_count("Set-Cookie"); ++i) {
      const std::string c = r->get_header_value("Set-Cookie", i);
      if (c.starts_with("fz_session=")) *cookie = c.substr(0, c.find(';'));
    }
    ASSERT_FALSE(cookie->empty());
    // The upload form carries the session's token.
    auto page = Client().Get("/submissions/new", {{"Cookie", *cookie}});
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200) << page->body.substr(0, 300);
    ASSERT_TRUE(std::regex_search(page->body, m, std::regex(R"re(name="csrf" value="([0-9a-f]{64})")re")));
    *csrf = m[1];
  }

  static httplib::Result Upload(const std::string& cookie, const std::string& csrf, const fs::path& zip) {
    httplib::MultipartFormDataItems items;
    if (!csrf.empty()) items.push_back({"csrf", csrf, "", ""});
    items.push_back({"bag", testing::ReadFile(zip), zip.filename().string(), "application/zip"});
    httplib::Headers h;
    if (!cookie.empty()) h.emplace("Cookie", cookie);
    return Client().Post("/submissions", h, items);
  }

  static size_t WorkCount() {
    std::unique_ptr<store::Library> lib;
    EXPECT_TRUE(store::Library::Open(data_, &lib).ok());
    std::vector<store::WorkSummary> works;
    EXPECT_TRUE(lib->ListWorks(&works).ok());
    return works.size();
  }

  static inline testing::TempDir* dir_ = nullptr;
  static inline fs::path data_;
  static inline std::unique_ptr<accounts::AccountStore> accounts_;
  static inline std::unique_ptr<server::Server> server_;
  static inline std::thread* thread_ = nullptr;
};

TEST_F(SubmissionRoutesTest, RefusedWithoutLoginRoleOrCsrf) {
  const size_t before = WorkCount();
  auto r = Client().Get("/submissions/new");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303);
  EXPECT_TRUE(r->get_header_value("Location").starts_with("/login"));
  r = Upload("", "", dir_->path() / "good.zip");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303);
  EXPECT_TRUE(r->get_header_value("Location").starts_with("/login"));

  std::string cookie, csrf;
  Login("compiler", &cookie, &csrf);
  r = Upload(cookie, "", dir_->path() / "good.zip");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403) << r->body.substr(0, 300);
  r = Upload(cookie, std::string(64, 'a'), dir_->path() / "good.zip");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);

  // A reader may not submit at all (the form itself is refused).
  auto form = Client().Get("/login");
  ASSERT_TRUE(form);
  std::string reader_cookie;
  {
    const std::string set = form->get_header_value("Set-Cookie");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(form->body, m, std::regex(R"re(name="csrf" value="([0-9a-f]{64})")re")));
    auto login = Client().Post("/login", {{"Cookie", set.substr(0, set.find(';'))}},
                               httplib::Params{{"csrf", m[1]}, {"name", "reader"}, {"password", kPassword}});
    ASSERT_TRUE(login);
    for (size_t i = 0; i < login->get_header_value_count("Set-Cookie"); ++i) {
      const std::string c = login->get_header_value("Set-Cookie", i);
      if (c.starts_with("fz_session=")) reader_cookie = c.substr(0, c.find(';'));
    }
  }
  r = Client().Get("/submissions/new", {{"Cookie", reader_cookie}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(WorkCount(), before);
  EXPECT_FALSE(fs::exists(data_ / "submission-staging"));
}

TEST_F(SubmissionRoutesTest, BadBagListsEveryProblemAndOtherRegionIsRefused) {
  const size_t before = WorkCount();
  std::string cookie, csrf;
  Login("compiler", &cookie, &csrf);
  auto r = Upload(cookie, csrf, dir_->path() / "bad.zip");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("checksum-mismatch"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("bad-region-code"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("未入库"), std::string::npos);
  EXPECT_EQ(r->get_header_value("Cache-Control"), "private, no-store");

  std::string other_cookie, other_csrf;
  Login("mianyang", &other_cookie, &other_csrf);
  r = Upload(other_cookie, other_csrf, dir_->path() / "good.zip");  // the bag is 510104
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  EXPECT_NE(r->body.find("region-not-yours"), std::string::npos) << r->body;
  EXPECT_EQ(WorkCount(), before);
  EXPECT_FALSE(fs::exists(data_ / "submission-staging"));
}

TEST_F(SubmissionRoutesTest, GoodBagIsIngestedWithTheUserAsSubmitter) {
  std::string cookie, csrf;
  Login("compiler", &cookie, &csrf);
  const size_t before = WorkCount();
  auto r = Upload(cookie, csrf, dir_->path() / "good.zip");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_NE(r->body.find("href=\"/works/shili-zhi-2026\""), std::string::npos) << r->body;
  EXPECT_NE(r->body.find(submission::testing::Sha(testing::ReadFile(dir_->path() / "good.zip"))), std::string::npos);
  EXPECT_EQ(WorkCount(), before + 1);
  std::vector<submission::SubmissionRecord> records;
  ASSERT_TRUE(submission::ListSubmissions(data_, &records).ok());
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].submitter, "compiler");
  EXPECT_EQ(records[0].bag_name, "good.zip");
  EXPECT_FALSE(fs::exists(data_ / "submission-staging"));
  // The work page follows once the server notices the change (it rechecks every 2 s).
  int status = 0;
  for (int i = 0; i < 50 && status != 200; ++i) {
    auto page = Client().Get("/works/shili-zhi-2026");
    ASSERT_TRUE(page);
    status = page->status;
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(status, 200);

  // The same bag again is refused, as a reviewer too.
  std::string rc, rcsrf;
  Login("reviewer", &rc, &rcsrf);
  r = Upload(rc, rcsrf, dir_->path() / "good.zip");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409) << r->body.substr(0, 500);
  EXPECT_EQ(WorkCount(), before + 1);
}

}  // namespace
}  // namespace fangzhi
