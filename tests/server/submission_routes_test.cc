// The upload form of 征集 (server/submission_routes.cc) over HTTP: who may
// use it, CSRF, a good bag ingested, a bad one listing its problems, and a
// compiler held to its own region. The library must not change on refusal.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <thread>

#include "accounts/account_store.h"
#include "server/test_server.h"
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
    ASSERT_TRUE(testing::AddOffices(accounts_.get(), {{"51", "四川省地方志工作办公室"},
                                                      {"510104", "锦江区地方志办公室"},
                                                      {"510700", "绵阳市地方志办公室"}})
                    .ok());
    Status s = testing::AddUsers(accounts_.get(),
                                 {{"compiler", Role::kCompiler, "510104"},
                                  {"mianyang", Role::kCompiler, "510700"},
                                  {"reviewer", Role::kReviewer, "51"},
                                  {"reader", Role::kReader, "51"}},
                                 kPassword, "cli", "cli");
    ASSERT_TRUE(s.ok()) << s.ToString();
    s = testing::TestServer::Start(testing::LoopbackOptions(data_, 2), &server_);
    ASSERT_TRUE(s.ok()) << s.ToString();
    ASSERT_TRUE(submission::testing::WriteBag(dir_->path() / "good.zip", BagSpec()));
    BagSpec bad;
    bad.bad_checksum = {{"data/shili.md", "x"}};
    bad.info[2].second = "99";
    ASSERT_TRUE(submission::testing::WriteBag(dir_->path() / "bad.zip", bad));
  }

  static void TearDownTestSuite() {
    server_.reset();
    accounts_.reset();
    delete dir_;
  }

  static httplib::Client Client() { return server_->Client(); }

  // Signs in through the login form; the session cookie and its CSRF token.
  static void Login(const std::string& name, std::string* cookie, std::string* csrf) {
    auto r = server_->PostLogin(name, kPassword);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 303) << r->body.substr(0, 300);
    *cookie = testing::SessionCookie(*r);
    ASSERT_FALSE(cookie->empty());
    // The upload form carries the session's token.
    auto page = Client().Get("/submissions/new", {{"Cookie", *cookie}});
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200) << page->body.substr(0, 300);
    *csrf = testing::FormCsrf(page->body);
    ASSERT_FALSE(csrf->empty());
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
  static inline std::unique_ptr<testing::TestServer> server_;
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
  auto login = server_->PostLogin("reader", kPassword);
  ASSERT_TRUE(login);
  const std::string reader_cookie = testing::SessionCookie(*login);
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
