// HTTP tests of the review screens (src/server/review_pages.cc): who may see
// and do what, CSRF, the answers' content, and one review cycle through the
// forms — outline returned with a comment, v2 rechecked, a spot-check with
// a manual mark and an accepted automatic finding, the quality report as
// HTML and PDF, approval. A server in this process on a loopback port; the
// manuscripts are the sample yearbook of examples/ with errors put in.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "accounts/account_store.h"
#include "server/test_server.h"
#include "test_util.h"
#include "workflow/workflow_store.h"

namespace fangzhi {
namespace {

namespace fs = std::filesystem;
using accounts::Role;
using workflow::ManuscriptStatus;

void ReplaceOnce(std::string* s, const std::string& from, const std::string& to) {
  const size_t at = s->find(from);
  ASSERT_NE(at, std::string::npos) << from;
  s->replace(at, from.size(), to);
}

std::string Example() { return testing::ReadFile(testing::SourceDir() / "examples" / "shili-county-yearbook-2025.md"); }

// v1: no 附录 (a required part of a yearbook), a first-person 我县 (in 粮食生产), the typo
// 布署 and the typo 再接再励.
std::string Version1() {
  std::string t = Example();
  const size_t appendix = t.find("\n# 附录\n");
  const size_t notes = t.find("\n[^gdp]:");
  EXPECT_NE(appendix, std::string::npos);
  EXPECT_NE(notes, std::string::npos);
  t = t.substr(0, appendix) + "\n" + t.substr(notes);
  // The table note was referenced from the 附录 only: an unreferenced note is refused.
  const size_t tab = t.find("\n[^tab]:");
  EXPECT_NE(tab, std::string::npos);
  t.erase(tab, t.find('\n', tab + 1) == std::string::npos ? std::string::npos : t.find('\n', tab + 1) - tab);
  ReplaceOnce(&t, "2024年，示例县粮食播种面积", "2024年，我县粮食播种面积");
  ReplaceOnce(&t, "农业生产保持稳定。", "农业生产保持稳定。县委对全年农业工作作出布署。全县干部群众再接再励。");
  return t;
}

// v2: 附录 back, 我县 and 布署 fixed, 再接再励 still there.
std::string Version2() {
  std::string t = Example();
  ReplaceOnce(&t, "农业生产保持稳定。", "农业生产保持稳定。县委对全年农业工作作出部署。全县干部群众再接再励。");
  return t;
}

class ReviewPagesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    const fs::path data = dir_->path() / "data";
    std::unique_ptr<accounts::AccountStore> acc;
    ASSERT_TRUE(accounts::AccountStore::Open(data, &acc).ok());
    ASSERT_TRUE(testing::AddOffices(acc.get(), {{"51", "四川省地方志工作办公室"},
                                                {"5101", "成都市地方志办公室"},
                                                {"510104", "成都市锦江区地方志办公室"},
                                                {"510105", "成都市青羊区地方志办公室"}})
                    .ok());
    const std::string pw = "correct-horse-9";
    const std::initializer_list<testing::TestUser> users = {
        {"shen", Role::kReviewer, "51"}, {"bian", Role::kCompiler, "510104"}, {"other", Role::kCompiler, "510105"},
        {"reader", Role::kReader, "51"}, {"admin", Role::kAdmin, "51"},       {"digi", Role::kDigitizer, "51"}};
    Status s = testing::AddUsers(acc.get(), users, pw, "test", "127.0.0.1");
    ASSERT_TRUE(s.ok()) << s.ToString();
    for (const testing::TestUser& u : users) {
      s = testing::SignIn(acc.get(), u.name, pw, &(*who_)[u.name]);
      ASSERT_TRUE(s.ok()) << s.ToString();
    }
    accounts::User compiler;
    ASSERT_TRUE(acc->FindUser("bian", &compiler).ok());
    acc.reset();
    std::unique_ptr<workflow::WorkflowStore> wf;
    ASSERT_TRUE(workflow::WorkflowStore::Open(data, &wf).ok());
    s = wf->CreateManuscript(compiler, "127.0.0.1", "示例县年鉴（2025）", 2025, "年鉴", "shili-v1.md", Version1(),
                                    &id_);
    ASSERT_TRUE(s.ok()) << s.ToString();
    wf.reset();

    s = testing::TestServer::Start(testing::LoopbackOptions(data), &server_);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  static void TearDownTestSuite() {
    server_.reset();
    delete dir_;
  }

  static fs::path Data() { return dir_->path() / "data"; }
  static std::string Ms(const std::string& rest) { return "/manuscripts/" + std::to_string(id_) + rest; }

  static httplib::Result Get(const std::string& path, const std::string& user = "") {
    httplib::Headers h;
    if (!user.empty()) h.emplace("Cookie", who_->at(user).cookie);
    return server_->Client(60).Get(path.c_str(), h);
  }

  // A form POST as `user`; `with_csrf` adds the session's token.
  static httplib::Result Post(const std::string& path, const std::string& user, httplib::Params form,
                              bool with_csrf = true) {
    httplib::Headers h;
    if (!user.empty()) {
      h.emplace("Cookie", who_->at(user).cookie);
      if (with_csrf) form.emplace("csrf", who_->at(user).csrf);
    }
    return server_->Client(60).Post(path.c_str(), h, form);
  }

  static workflow::Manuscript Manuscript() {
    std::unique_ptr<workflow::WorkflowStore> wf;
    EXPECT_TRUE(workflow::WorkflowStore::Open(Data(), &wf).ok());
    accounts::User admin;
    admin.name = "test";
    admin.role = Role::kAdmin;
    workflow::Manuscript m;
    EXPECT_TRUE(wf->GetManuscript(admin, id_, &m).ok());
    return m;
  }

  static void UploadV2() {
    std::unique_ptr<accounts::AccountStore> acc;
    ASSERT_TRUE(accounts::AccountStore::Open(Data(), &acc).ok());
    accounts::User compiler;
    ASSERT_TRUE(acc->FindUser("bian", &compiler).ok());
    std::unique_ptr<workflow::WorkflowStore> wf;
    ASSERT_TRUE(workflow::WorkflowStore::Open(Data(), &wf).ok());
    int64_t n = 0;
    Status s = wf->AddVersion(compiler, "127.0.0.1", id_, "shili-v2.md", Version2(), &n);
    ASSERT_TRUE(s.ok()) << s.ToString();
    ASSERT_EQ(n, 2);
  }

  static testing::TempDir* dir_;
  static std::unique_ptr<testing::TestServer> server_;
  static int64_t id_;
  static std::map<std::string, testing::TestSession>* who_;
};

testing::TempDir* ReviewPagesTest::dir_ = nullptr;
std::unique_ptr<testing::TestServer> ReviewPagesTest::server_;
int64_t ReviewPagesTest::id_ = 0;
std::map<std::string, testing::TestSession>* ReviewPagesTest::who_ = new std::map<std::string, testing::TestSession>();

TEST_F(ReviewPagesTest, ScreensAreForStaffOnlyAndCompilersOwnOfficeOnly) {
  for (const char* screen : {"/versions/1/outline", "/versions/1/recheck", "/versions/1/spot-check"}) {
    auto r = Get(Ms(screen));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 303) << screen;
    EXPECT_EQ(r->get_header_value("Location").rfind("/login?next=", 0), 0u) << screen;
    for (const char* user : {"reader", "digi"}) {
      r = Get(Ms(screen), user);
      ASSERT_TRUE(r);
      EXPECT_EQ(r->status, 403) << screen << " " << user;
    }
    r = Get(Ms(screen), "other");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404) << screen;
    EXPECT_EQ(r->body.find("示例县年鉴"), std::string::npos) << "another office's title leaked";
    for (const char* user : {"shen", "bian", "admin"}) {
      r = Get(Ms(screen), user);
      ASSERT_TRUE(r);
      EXPECT_EQ(r->status, 200) << screen << " " << user;
      EXPECT_NE(r->get_header_value("Cache-Control").find("no-store"), std::string::npos);
    }
  }
  auto r = Get(Ms("/versions/9/outline"), "shen");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  r = Get("/manuscripts/99999999999999999999/versions/1/outline", "shen");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
}

TEST_F(ReviewPagesTest, OutlineShowsMissingPartAndCheckCountsReadOnlyForCompiler) {
  auto r = Get(Ms("/versions/1/outline"), "shen");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("OUT-MISSING"), std::string::npos);
  EXPECT_NE(r->body.find("附录"), std::string::npos);
  EXPECT_NE(r->body.find("示例县经济社会发展综述"), std::string::npos);  // a node of the tree
  EXPECT_NE(r->body.find("检查发现"), std::string::npos);              // per-node count of check findings
  EXPECT_NE(r->body.find("添加意见"), std::string::npos);
  EXPECT_NE(r->body.find("name=\"to\" value=\"returned\""), std::string::npos);
  EXPECT_NE(r->body.find("name=\"to\" value=\"outline_reviewed\""), std::string::npos);

  r = Get(Ms("/versions/1/outline"), "bian");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("OUT-MISSING"), std::string::npos);
  EXPECT_NE(r->body.find("只读"), std::string::npos);
  EXPECT_EQ(r->body.find("添加意见"), std::string::npos);
  EXPECT_EQ(r->body.find("name=\"to\""), std::string::npos);
}

TEST_F(ReviewPagesTest, PostsNeedReviewerAndCsrf) {
  const std::string node = "shili-2025/1/1/1";
  httplib::Params form{{"node", node}, {"body", "请核实"}};
  auto r = Post(Ms("/versions/1/comments"), "", form);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 303);  // to the login page
  r = Post(Ms("/versions/1/comments"), "shen", form, false);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  r = Post(Ms("/versions/1/comments"), "bian", form);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  r = Post(Ms("/versions/1/decision"), "shen", {{"from", "submitted"}, {"to", "returned"}, {"back", "outline"}},
           false);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  r = Post(Ms("/versions/1/spot-check/sample"), "bian", {{"seed", "1"}, {"chars", "100"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  // Nothing of that changed anything.
  EXPECT_EQ(Manuscript().status, ManuscriptStatus::kSubmitted);
  r = Get(Ms("/versions/1/outline"), "shen");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body.find("请核实"), std::string::npos);
}

// The whole cycle, in order (one test: each step needs the one before).
TEST_F(ReviewPagesTest, ReviewCycle) {
  // --- 篇目审查: a comment on the 综述 entry, anchored on its text.
  const std::string node = "shili-2025/1/1/1";
  auto r = Post(Ms("/versions/1/comments"), "shen", {{"node", node}, {"anchor", "不在正文里的话"}, {"body", "x"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("不在节点"), std::string::npos);
  r = Post(Ms("/versions/1/comments"), "shen", {{"node", "shili-2025/77"}, {"body", "x"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  r = Post(Ms("/versions/1/comments"), "shen",
           {{"node", node}, {"anchor", "地区生产总值216.48亿元"}, {"body", "请注明数据出处；全书不用第一人称"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303) << r->body;
  EXPECT_NE(r->get_header_value("Location").find("/versions/1/outline?done=comment#n-1-1-1"), std::string::npos);
  r = Post(Ms("/versions/1/comments"), "shen", {{"node", node}, {"body", "<img src=x onerror=alert(1)>"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303);
  r = Get(Ms("/versions/1/outline"), "bian");  // the compiler reads them
  ASSERT_TRUE(r);
  EXPECT_NE(r->body.find("请注明数据出处；全书不用第一人称"), std::string::npos);
  EXPECT_EQ(r->body.find("<img src=x"), std::string::npos);
  EXPECT_NE(r->body.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);

  // --- return the outline: a message is required.
  r = Post(Ms("/versions/1/decision"), "shen", {{"from", "submitted"}, {"to", "returned"}, {"back", "outline"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  r = Post(Ms("/versions/1/decision"), "shen",
           {{"from", "submitted"}, {"to", "approved"}, {"back", "outline"}, {"note", "x"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);  // not a step of the outline screen
  r = Post(Ms("/versions/1/decision"), "shen",
           {{"from", "submitted"}, {"to", "returned"}, {"back", "outline"}, {"note", "缺附录，请补齐后重报"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303) << r->body;
  workflow::Manuscript m = Manuscript();
  EXPECT_EQ(m.status, ManuscriptStatus::kReturned);
  EXPECT_GT(m.open_findings, 0);

  // --- v2, and the recheck.
  UploadV2();
  EXPECT_EQ(Manuscript().status, ManuscriptStatus::kResubmitted);
  r = Get(Ms("/versions/2/recheck"), "shen");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  auto count = [&](const std::string& id) {
    std::smatch mt;
    const std::regex re("id=\"" + id + "\">(\\d+)<");
    EXPECT_TRUE(std::regex_search(r->body, mt, re)) << id;
    return mt.empty() ? -1 : std::stoi(mt[1]);
  };
  EXPECT_GE(count("fixed-count"), 3);  // OUT-MISSING 附录, 我县, 布署
  EXPECT_GE(count("still-count"), 1);  // 再接再励
  const size_t fixed = r->body.find("id=\"fixed\""), still = r->body.find("id=\"still\"");
  ASSERT_NE(fixed, std::string::npos);
  ASSERT_NE(still, std::string::npos);
  const std::string fixed_part = r->body.substr(fixed, still - fixed);
  EXPECT_NE(fixed_part.find("OUT-MISSING"), std::string::npos);
  EXPECT_NE(fixed_part.find("我县"), std::string::npos);
  EXPECT_NE(fixed_part.find("布署"), std::string::npos);
  EXPECT_NE(r->body.substr(still).find("再接再励"), std::string::npos);
  EXPECT_NE(r->body.find("请注明数据出处；全书不用第一人称"), std::string::npos);  // carried comment
  EXPECT_NE(r->body.find("<del>布</del>"), std::string::npos);            // the diff by node
  EXPECT_NE(r->body.find("<ins>部</ins>"), std::string::npos);
  r = Get(Ms("/versions/2/recheck?from=abc"), "shen");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  r = Get(Ms("/versions/1/recheck"), "shen");
  ASSERT_TRUE(r);
  EXPECT_NE(r->body.find("没有可复核的上一稿"), std::string::npos);

  // Decisions only on the latest version.
  r = Post(Ms("/versions/1/decision"), "shen", {{"from", "resubmitted"}, {"to", "under_review"}, {"back", "recheck"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409);
  r = Post(Ms("/versions/2/decision"), "shen", {{"from", "resubmitted"}, {"to", "under_review"}, {"back", "recheck"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303) << r->body;
  EXPECT_EQ(Manuscript().status, ManuscriptStatus::kUnderReview);

  // --- 质量抽查.
  r = Get(Ms("/versions/2/spot-check/report.html"), "shen");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409);  // no sample yet
  r = Post(Ms("/versions/2/decision"), "shen", {{"from", "under_review"}, {"to", "approved"}, {"back", "spot-check"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409);  // not before a spot-check
  // Nor through the manuscript page's generic status route, which offers no approve button.
  r = Post(Ms("/status"), "shen", {{"from", "under_review"}, {"to", "approved"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409);
  EXPECT_NE(r->body.find("/spot-check"), std::string::npos);
  EXPECT_EQ(Manuscript().status, workflow::ManuscriptStatus::kUnderReview);
  r = Get(Ms(""), "shen");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body.find("value=\"approved\""), std::string::npos);
  r = Post(Ms("/versions/2/spot-check/sample"), "shen", {{"seed", "-1"}, {"chars", "100000"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  r = Post(Ms("/versions/2/spot-check/sample"), "shen", {{"seed", "20251126"}, {"chars", "100000"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303) << r->body;
  r = Get(Ms("/versions/2/spot-check"), "shen");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("<code id=\"sample-seed-shown\">20251126</code>"), std::string::npos);
  EXPECT_NE(r->body.find("全书抽查"), std::string::npos);  // the book is smaller than 100,000
  EXPECT_NE(r->body.find("<strong id=\"verdict\" class=\"verdict\">合格</strong>"), std::string::npos);

  // The accept form of the 再接再励 finding, as the page offers it.
  std::smatch accept;
  ASSERT_TRUE(std::regex_search(
      r->body, accept,
      std::regex("name=\"rule\" value=\"TYPO-IDIOM\"><input type=\"hidden\" name=\"path\" value=\"([^\"]+)\">"
                 "<input type=\"hidden\" name=\"para\" value=\"(\\d+)\"><input type=\"hidden\" name=\"start\" "
                 "value=\"(\\d+)\"><input type=\"hidden\" name=\"end\" value=\"(\\d+)\">")));
  const std::string path = accept[1], para = accept[2], start = accept[3], end = accept[4];
  // A manual mark: the excerpt must be in the chosen passage.
  r = Post(Ms("/versions/2/spot-check/marks"), "shen",
           {{"passage", path + "#p" + para}, {"excerpt", "没有这句话"}, {"type", "typo"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  r = Post(Ms("/versions/2/spot-check/marks"), "shen",
           {{"passage", path + "#p" + para}, {"excerpt", "农业生产"}, {"type", "no-such-type"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  r = Post(Ms("/versions/2/spot-check/marks"), "shen",
           {{"passage", path + "#p" + para}, {"excerpt", "农业生产保持稳定。"}, {"type", "punctuation"},
            {"correction", "农业生产保持稳定，"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303) << r->body;
  r = Post(Ms("/versions/2/spot-check/accept"), "shen",
           {{"rule", "TYPO-IDIOM"}, {"path", path}, {"para", para}, {"start", start}, {"end", end}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303) << r->body;
  r = Post(Ms("/versions/2/spot-check/accept"), "shen",
           {{"rule", "TYPO-IDIOM"}, {"path", path}, {"para", para}, {"start", start}, {"end", end}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409);  // not twice
  r = Get(Ms("/versions/2/spot-check"), "shen");
  ASSERT_TRUE(r);
  EXPECT_NE(r->body.find("已计入差错"), std::string::npos);
  EXPECT_NE(r->body.find("<strong id=\"error-total\" data-centi=\"110\">1.1</strong>"), std::string::npos);
  EXPECT_NE(r->body.find("<mark class=\"err\">再接再励</mark>"), std::string::npos);
  std::smatch rate;
  ASSERT_TRUE(std::regex_search(r->body, rate, std::regex("id=\"error-rate\">([0-9.]+)<")));
  EXPECT_GT(std::stod(rate[1]), 0.5);
  EXPECT_LT(std::stod(rate[1]), 1.0);
  // The dashboard's figures.
  m = Manuscript();
  ASSERT_TRUE(m.error_rate.has_value());
  EXPECT_NEAR(*m.error_rate, std::stod(rate[1]), 0.006);
  EXPECT_EQ(m.verdict, "合格");

  // Deleting a mark, and putting it back.
  r = Post(Ms("/versions/2/spot-check/marks/delete"), "shen", {{"index", "5"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  r = Post(Ms("/versions/2/spot-check/marks/delete"), "shen", {{"index", "1"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303);
  r = Get(Ms("/versions/2/spot-check"), "shen");
  EXPECT_NE(r->body.find("data-centi=\"10\">0.1<"), std::string::npos);
  r = Post(Ms("/versions/2/spot-check/accept"), "shen",
           {{"rule", "TYPO-IDIOM"}, {"path", path}, {"para", para}, {"start", start}, {"end", end}});
  ASSERT_EQ(r->status, 303);
  // No redraw once there are marks.
  r = Post(Ms("/versions/2/spot-check/sample"), "shen", {{"seed", "1"}, {"chars", "100000"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409);

  // --- the quality report, read by the compiler too.
  r = Get(Ms("/versions/2/spot-check/report.html"), "bian");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("质量抽查报告"), std::string::npos);
  EXPECT_NE(r->body.find("再接再励"), std::string::npos);
  EXPECT_NE(r->body.find("合格"), std::string::npos);
  EXPECT_NE(r->body.find("20251126"), std::string::npos);
  r = Get(Ms("/versions/2/spot-check/report.pdf"), "shen");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(r->body.rfind("%PDF-", 0), 0u);
  EXPECT_NE(r->get_header_value("Content-Disposition").find("attachment"), std::string::npos);

  // --- approve; afterwards nothing changes any more.
  r = Post(Ms("/versions/2/decision"), "shen",
           {{"from", "under_review"}, {"to", "approved"}, {"back", "spot-check"}, {"note", "编校质量合格"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 303) << r->body;
  EXPECT_EQ(Manuscript().status, ManuscriptStatus::kApproved);
  r = Post(Ms("/versions/2/spot-check/marks/delete"), "shen", {{"index", "0"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409);
  r = Get(Ms("/versions/2/spot-check"), "shen");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body.find("计入差错</button>"), std::string::npos);  // no forms left
  EXPECT_NE(r->body.find("已通过"), std::string::npos);
}

// ---------------------------------------------------------------------------
// A second data dir: uploads through the forms (counts of open findings on
// the dashboard), reviewers limited to their region, and stored files that
// no longer match their SHA-256.
class ReviewScopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.path() / "data";
    std::unique_ptr<accounts::AccountStore> acc;
    ASSERT_TRUE(accounts::AccountStore::Open(data_, &acc).ok());
    ASSERT_TRUE(testing::AddOffices(acc.get(), {{"51", "四川省地方志工作办公室"},
                                                {"5101", "成都市地方志办公室"},
                                                {"510104", "成都市锦江区地方志办公室"},
                                                {"110101", "北京市东城区地方志办公室"}})
                    .ok());
    const std::string pw = "correct-horse-9";
    const std::initializer_list<testing::TestUser> users = {{"shen", Role::kReviewer, "51"},
                                                            {"cheng", Role::kReviewer, "5101"},
                                                            {"bian", Role::kCompiler, "510104"},
                                                            {"dong", Role::kCompiler, "110101"},
                                                            {"admin", Role::kAdmin, "51"}};
    Status s = testing::AddUsers(acc.get(), users, pw, "test", "127.0.0.1");
    ASSERT_TRUE(s.ok()) << s.ToString();
    for (const testing::TestUser& u : users) {
      s = testing::SignIn(acc.get(), u.name, pw, &who_[u.name]);
      ASSERT_TRUE(s.ok()) << s.ToString();
    }
    acc.reset();
    s = testing::TestServer::Start(testing::LoopbackOptions(data_), &server_);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  httplib::Result Get(const std::string& path, const std::string& user) {
    return server_->Client(60).Get(path.c_str(), {{"Cookie", who_.at(user).cookie}});
  }

  // Uploads `bytes` through the web form as `user`: a new manuscript when
  // `id` is 0, else a new version of it. The manuscript's id.
  int64_t Upload(const std::string& user, const std::string& title, const std::string& bytes, int64_t id = 0) {
    httplib::MultipartFormDataItems form = {{"csrf", who_.at(user).csrf, "", ""},
                                            {"file", bytes, "稿件.md", "text/markdown"}};
    if (id == 0) {
      form.push_back({"title", title, "", ""});
      form.push_back({"year", "2025", "", ""});
      form.push_back({"kind", "年鉴", "", ""});
    }
    const std::string path = id == 0 ? "/manuscripts" : "/manuscripts/" + std::to_string(id) + "/versions";
    auto r = server_->Client(60).Post(path.c_str(), {{"Cookie", who_.at(user).cookie}}, form);
    EXPECT_TRUE(r);
    if (!r) return 0;
    EXPECT_EQ(r->status, 303) << r->body.substr(0, 2000);
    std::smatch m;
    const std::string where = r->get_header_value("Location");
    EXPECT_TRUE(std::regex_search(where, m, std::regex("^/manuscripts/(\\d+)\\?"))) << where;
    return m.empty() ? 0 : std::stoll(m[1]);
  }

  // The dashboard API's row of manuscript `id` as `user` sees it (null when absent).
  nlohmann::json ApiRow(const std::string& user, int64_t id) {
    auto r = Get("/api/v1/manuscripts", user);
    EXPECT_TRUE(r);
    if (!r) return nullptr;
    EXPECT_EQ(r->status, 200);
    const nlohmann::json all = nlohmann::json::parse(r->body);
    for (const auto& m : all["manuscripts"]) {
      if (m["id"] == id) return m;
    }
    return nullptr;
  }

  // What the command line finds in a stored version: `fangzhi check` plus
  // `fangzhi review outline` (the review screens list both).
  int64_t CliFindings(int64_t id, int64_t n) {
    const fs::path file = data_ / "manuscripts" / std::to_string(id) / ("v" + std::to_string(n) + ".md");
    auto check = testing::Fangzhi(data_, "check '" + file.string() + "' --kind yearbook --format json");
    EXPECT_LE(check.exit_code, 1) << check.err;
    auto outline = testing::Fangzhi(data_, "review outline 'ms:" + std::to_string(id) + "@v" + std::to_string(n) + "' --json");
    EXPECT_LE(outline.exit_code, 1) << outline.err;
    int64_t total = 0;
    for (const std::string* out : {&check.out, &outline.out}) {
      const auto j = nlohmann::json::parse(*out, nullptr, false);
      EXPECT_FALSE(j.is_discarded()) << *out;
      if (j.is_discarded()) return -1;
      total += static_cast<int64_t>(CountFindings(j));
    }
    return total;
  }

  // Every "findings" array in a check report (one per file).
  static size_t CountFindings(const nlohmann::json& j) {
    size_t n = 0;
    if (j.is_object()) {
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.key() == "findings" && it->is_array()) {
          n += it->size();
        } else {
          n += CountFindings(*it);
        }
      }
    } else if (j.is_array()) {
      for (const auto& e : j) n += CountFindings(e);
    }
    return n;
  }

  testing::TempDir dir_;
  fs::path data_;
  std::unique_ptr<testing::TestServer> server_;
  std::map<std::string, testing::TestSession> who_;
};

TEST_F(ReviewScopeTest, EachUploadShowsItsOwnOpenFindingsAtOnce) {
  const int64_t id = Upload("bian", "示例县年鉴（2025）", Version1());
  ASSERT_GT(id, 0);
  nlohmann::json row = ApiRow("shen", id);
  ASSERT_FALSE(row.is_null());
  ASSERT_TRUE(row["open_findings"].is_number()) << row.dump();  // not "—" before anyone reviewed it
  const int64_t v1 = CliFindings(id, 1);
  EXPECT_EQ(row["open_findings"].get<int64_t>(), v1);
  // v2 fixes three of v1's findings: the dashboard shows v2's count right after the upload.
  ASSERT_EQ(Upload("bian", "", Version2(), id), id);
  row = ApiRow("shen", id);
  EXPECT_EQ(row["latest_version"], 2);
  const int64_t v2 = CliFindings(id, 2);
  EXPECT_LT(v2, v1);
  EXPECT_EQ(row["open_findings"].get<int64_t>(), v2);
  EXPECT_TRUE(row["error_rate"].is_null());
  // The dashboard page shows the same figure.
  auto dash = Get("/dashboard", "shen");
  ASSERT_TRUE(dash);
  EXPECT_NE(dash->body.find("<td class=\"num\">" + std::to_string(v2) + "</td>"), std::string::npos);
}

TEST_F(ReviewScopeTest, TheProvincesReviewerSeesOnlyTheProvince) {
  const int64_t sichuan = Upload("bian", "示例县年鉴（2025）", Example());
  const int64_t beijing = Upload("dong", "东城区年鉴（2025）", Example());
  ASSERT_GT(sichuan, 0);
  ASSERT_GT(beijing, 0);
  EXPECT_FALSE(ApiRow("shen", sichuan).is_null());
  EXPECT_TRUE(ApiRow("shen", beijing).is_null());
  EXPECT_FALSE(ApiRow("admin", beijing).is_null());
  for (const char* path : {"", "/versions/1/outline", "/versions/1/recheck", "/versions/1/spot-check",
                          "/versions/1/file"}) {
    auto r = Get("/manuscripts/" + std::to_string(beijing) + path, "shen");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_EQ(r->body.find("东城区年鉴"), std::string::npos) << path;
    r = Get("/manuscripts/" + std::to_string(sichuan) + path, "shen");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << path;
  }
  auto r = Get("/api/v1/manuscripts/" + std::to_string(beijing), "shen");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  // Nor can it act on it.
  httplib::Params form = {{"csrf", who_.at("shen").csrf}, {"from", "submitted"}, {"to", "returned"},
                          {"back", "outline"}, {"note", "x"}};
  r = server_->Client(60).Post(("/manuscripts/" + std::to_string(beijing) + "/versions/1/decision").c_str(),
                               {{"Cookie", who_.at("shen").cookie}}, form);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  auto dash = Get("/dashboard", "shen");
  ASSERT_TRUE(dash);
  EXPECT_NE(dash->body.find("示例县年鉴（2025）"), std::string::npos);
  EXPECT_EQ(dash->body.find("东城区年鉴"), std::string::npos);
  EXPECT_NE(dash->body.find("全省稿件统计"), std::string::npos);
  // A city's reviewer: its city's manuscripts, and a heading that says so.
  dash = Get("/dashboard", "cheng");
  ASSERT_TRUE(dash);
  EXPECT_NE(dash->body.find("本市（四川省成都市）稿件统计"), std::string::npos);
  EXPECT_NE(dash->body.find("示例县年鉴（2025）"), std::string::npos);
  EXPECT_EQ(dash->body.find("东城区年鉴"), std::string::npos);
  dash = Get("/dashboard", "admin");
  ASSERT_TRUE(dash);
  EXPECT_NE(dash->body.find("全部稿件统计"), std::string::npos);
  EXPECT_NE(dash->body.find("东城区年鉴"), std::string::npos);
}

TEST_F(ReviewScopeTest, AChangedFileStopsTheReviewOnTheWebAndTheCommandLine) {
  const int64_t id = Upload("bian", "示例县年鉴（2025）", Example());
  ASSERT_GT(id, 0);
  const std::string screen = "/manuscripts/" + std::to_string(id) + "/versions/1/outline";
  auto r = Get(screen, "shen");  // read once, so the parsed version is cached
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const std::string ref = "'ms:" + std::to_string(id) + "@v1'";
  auto cli = testing::Fangzhi(data_, "review outline " + ref);
  EXPECT_EQ(cli.exit_code, 0) << cli.err;

  const fs::path file = data_ / "manuscripts" / std::to_string(id) / "v1.md";
  std::ofstream(file, std::ios::app) << "\n附加的一行。\n";
  const std::string names = "稿件 " + std::to_string(id) + " 第 1 版";
  for (const char* path : {"/outline", "/spot-check"}) {  // (v1 has no recheck: nothing is loaded there)
    r = Get("/manuscripts/" + std::to_string(id) + "/versions/1" + path, "shen");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 500) << path;
    EXPECT_NE(r->body.find(names), std::string::npos) << path << r->body.substr(0, 3000);
    EXPECT_NE(r->body.find("SHA-256 不符"), std::string::npos) << path;
    EXPECT_EQ(r->body.find(data_.string()), std::string::npos) << "server path leaked";
  }
  r = Get("/manuscripts/" + std::to_string(id) + "/versions/1/file", "shen");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  cli = testing::Fangzhi(data_, "review outline " + ref);
  EXPECT_EQ(cli.exit_code, 1) << cli.out;
  EXPECT_NE(cli.err.find(names), std::string::npos) << cli.err;
  EXPECT_NE(cli.err.find("SHA-256 不符"), std::string::npos) << cli.err;
  EXPECT_EQ(cli.out.find("未发现问题"), std::string::npos) << cli.out;
  cli = testing::Fangzhi(data_, "review recheck " + ref + " " + ref);
  EXPECT_EQ(cli.exit_code, 1) << cli.out;
}

}  // namespace
}  // namespace fangzhi
