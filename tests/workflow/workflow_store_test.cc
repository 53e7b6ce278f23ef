// Manuscripts, versions, the status machine, comments and review results,
// with who may do what; files checked on disk.
#include "workflow/workflow_store.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "accounts/account_store.h"
#include "formats/docx_exporter.h"
#include "formats/manuscript_markdown.h"
#include "test_util.h"

namespace fangzhi::workflow {
namespace {

namespace fs = std::filesystem;
using accounts::Role;
using accounts::User;
using testing::ReadFile;
using testing::TempDir;
using S = ManuscriptStatus;

User MakeUser(const char* name, Role role, const char* office) {
  User u;
  u.id = 1;
  u.name = name;
  u.role = role;
  u.office = office;
  return u;
}

class WorkflowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.path() / "data";
    std::unique_ptr<accounts::AccountStore> acc;
    ASSERT_TRUE(accounts::AccountStore::Open(data_, &acc).ok());
    ASSERT_TRUE(acc->AddOffice("51", "四川省地方志工作办公室").ok());
    ASSERT_TRUE(acc->AddOffice("510104", "锦江区地方志办公室").ok());
    ASSERT_TRUE(acc->AddOffice("510105", "青羊区地方志办公室").ok());
    ASSERT_TRUE(WorkflowStore::Open(data_, &wf_).ok());
    sample_ = ReadFile(testing::SourceDir() / "examples" / "shili-county-yearbook-2025.md");
    ASSERT_GT(sample_.size(), 1000u);
  }

  int64_t Create(const std::string& title = "示例县年鉴（2025）") {
    int64_t id = 0;
    Status s = wf_->CreateManuscript(compiler_, "10.1.1.1", title, 2025, "年鉴", "初稿.md", sample_, &id);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return id;
  }

  int64_t Count(const char* sql) {
    store::Statement st;
    EXPECT_TRUE(wf_->database_for_testing()->Prepare(sql, &st).ok());
    bool row = false;
    EXPECT_TRUE(st.Step(&row).ok());
    return row ? st.Int(0) : -1;
  }

  TempDir dir_;
  fs::path data_;
  std::unique_ptr<WorkflowStore> wf_;
  std::string sample_;
  User compiler_ = MakeUser("jinjiang", Role::kCompiler, "510104");
  User other_ = MakeUser("qingyang", Role::kCompiler, "510105");
  User reviewer_ = MakeUser("province", Role::kReviewer, "51");
  User admin_ = MakeUser("admin", Role::kAdmin, "51");
  User digitizer_ = MakeUser("scan", Role::kDigitizer, "51");
  User reader_ = MakeUser("reader", Role::kReader, "51");
};

TEST(StatusMachine, OnlyTheTableIsAllowed) {
  // Every pair, every role: allowed exactly when the header's table says so.
  int allowed = 0;
  for (Role r : accounts::AllRoles()) {
    for (S from : AllStatuses()) {
      for (S to : AllStatuses()) {
        const bool ok = CheckTransition(r, from, to).ok();
        const auto steps = AllowedTransitions(r, from);
        EXPECT_EQ(ok, std::find(steps.begin(), steps.end(), to) != steps.end());
        if (ok) {
          EXPECT_EQ(r, Role::kReviewer);
          ++allowed;
        }
      }
    }
  }
  EXPECT_EQ(allowed, 9);
  EXPECT_TRUE(CheckTransition(Role::kReviewer, S::kUnderReview, S::kApproved).ok());
  EXPECT_FALSE(CheckTransition(Role::kReviewer, S::kSubmitted, S::kApproved).ok());
  EXPECT_FALSE(CheckTransition(Role::kReviewer, S::kApproved, S::kReturned).ok());
  EXPECT_FALSE(CheckTransition(Role::kAdmin, S::kUnderReview, S::kApproved).ok());
  Status s = CheckTransition(Role::kCompiler, S::kReturned, S::kResubmitted);
  EXPECT_NE(s.message().find("上传新的版本"), std::string::npos) << s.message();
  S after{};
  ASSERT_TRUE(UploadAllowed(S::kReturned, &after).ok());
  EXPECT_EQ(after, S::kResubmitted);
  EXPECT_FALSE(UploadAllowed(S::kUnderReview, &after).ok());
  EXPECT_FALSE(UploadAllowed(S::kApproved, &after).ok());
  S parsed{};
  EXPECT_FALSE(ParseStatus("done", &parsed).ok());
}

TEST_F(WorkflowTest, UploadStoresTheBytesWithTheirHash) {
  const int64_t id = Create();
  Manuscript m;
  ASSERT_TRUE(wf_->GetManuscript(compiler_, id, &m).ok());
  EXPECT_EQ(m.status, S::kSubmitted);
  EXPECT_EQ(m.latest_version, 1);
  EXPECT_EQ(m.office_name, "锦江区地方志办公室");
  const fs::path file = data_ / "manuscripts" / std::to_string(id) / "v1.md";
  ASSERT_TRUE(fs::exists(file));
  EXPECT_EQ(ReadFile(file), sample_);  // byte for byte
  Version v;
  ASSERT_TRUE(wf_->GetVersion(compiler_, id, 1, &v).ok());
  EXPECT_EQ(v.sha256, accounts::Sha256Hex(sample_));
  EXPECT_EQ(v.file_name, "初稿.md");
  EXPECT_GT(v.nodes, 10);
  std::string bytes;
  ASSERT_TRUE(wf_->ReadVersionFile(reviewer_, id, 1, &bytes).ok());
  EXPECT_EQ(bytes, sample_);
  model::Document doc;
  ASSERT_TRUE(wf_->LoadVersionDocument(reviewer_, id, 1, &doc).ok());
  EXPECT_EQ(doc.work.title, "示例县年鉴（2025）");
  // A tampered file is detected.
  testing::WriteFile(file, sample_ + "x");
  EXPECT_EQ(wf_->ReadVersionFile(reviewer_, id, 1, &bytes).code(), Status::Code::kCorruption);
  // … and so is it when the version is parsed for review: nothing is read
  // from a file that is no longer what was uploaded.
  model::Document tampered;
  Status bad = wf_->LoadVersionDocument(reviewer_, id, 1, &tampered);
  EXPECT_EQ(bad.code(), Status::Code::kCorruption);
  EXPECT_NE(bad.message().find("稿件 " + std::to_string(id) + " 第 1 版"), std::string::npos) << bad.message();
  EXPECT_NE(bad.message().find("SHA-256"), std::string::npos) << bad.message();
  EXPECT_EQ(bad.message().find(data_.string()), std::string::npos) << "absolute path leaked: " << bad.message();
  EXPECT_TRUE(tampered.editions.empty());
  testing::WriteFile(file, sample_);  // put back: read and parsed again
  ASSERT_TRUE(wf_->LoadVersionDocument(reviewer_, id, 1, &tampered).ok());
  EXPECT_EQ(tampered.work.id, doc.work.id);  // parsed under the stored file's name, as before
  // The same office, title and year again is refused, naming the existing id.
  int64_t again = 0;
  Status s = wf_->CreateManuscript(compiler_, "10.1.1.1", "示例县年鉴（2025）", 2025, "年鉴", "a.md", sample_, &again);
  EXPECT_EQ(s.code(), Status::Code::kAlreadyExists);
  EXPECT_NE(s.message().find(std::to_string(id)), std::string::npos);
}

TEST_F(WorkflowTest, DocxUploadsAreParsedToo) {
  model::Document doc;
  ASSERT_TRUE(formats::ImportManuscriptMarkdown(testing::SourceDir() / "examples" / "shili-county-yearbook-2025.md", &doc)
                  .ok());
  std::string docx;
  ASSERT_TRUE(formats::ExportDocxFromModel(doc, {}, &docx).ok());
  int64_t id = 0;
  Status s = wf_->CreateManuscript(compiler_, "10.1.1.1", "示例县年鉴（2025）", 2025, "年鉴", "稿.DOCX", docx, &id);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(ReadFile(data_ / "manuscripts" / std::to_string(id) / "v1.docx"), docx);
}

TEST_F(WorkflowTest, BadFilesAreRefusedAndLeaveNothingBehind) {
  int64_t id = 0;
  struct Case {
    const char* name;
    std::string bytes;
    const char* expect;
  } cases[] = {
      {"稿.txt", "# 标题\n正文", ".docx"},
      {"稿.pdf", "%PDF-1.4", ".docx"},
      {"稿.md", "", "空"},
      {"稿.md", "# 概况\n\xff\xfe 坏字节\n", "UTF-8"},
      {"稿.md", "只有正文，没有任何标题。\n", "前置元数据"},
      {"稿.docx", "PK\x03\x04 not really a zip", "稿.docx"},
  };
  for (const Case& c : cases) {
    Status s = wf_->CreateManuscript(compiler_, "10.1.1.1", "示例县年鉴（2025）", 2025, "年鉴", c.name, c.bytes, &id);
    EXPECT_EQ(s.code(), Status::Code::kInvalidInput) << c.name << " " << s.ToString();
    EXPECT_NE(s.message().find(c.expect), std::string::npos) << c.name << ": " << s.message();
    EXPECT_EQ(s.message().find(".incoming"), std::string::npos) << "scratch path leaked: " << s.message();
  }
  EXPECT_EQ(wf_->CreateManuscript(compiler_, "a", "", 2025, "年鉴", "a.md", sample_, &id).code(),
            Status::Code::kInvalidInput);
  EXPECT_EQ(wf_->CreateManuscript(compiler_, "a", "书", 1800, "年鉴", "a.md", sample_, &id).code(),
            Status::Code::kInvalidInput);
  EXPECT_EQ(wf_->CreateManuscript(compiler_, "a", "书", 2025, "小说", "a.md", sample_, &id).code(),
            Status::Code::kInvalidInput);
  EXPECT_EQ(Count("SELECT count(*) FROM workflow_manuscripts"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM workflow_versions"), 0);
  size_t files = 0;
  if (fs::exists(data_ / "manuscripts")) {
    for (const auto& e : fs::recursive_directory_iterator(data_ / "manuscripts")) files += e.is_regular_file();
  }
  EXPECT_EQ(files, 0u);
}

TEST_F(WorkflowTest, OnlyCompilersOfTheOfficeUploadAndOthersCannotEvenSee) {
  const int64_t id = Create();
  int64_t n = 0;
  for (const User* u : {&reviewer_, &admin_, &digitizer_, &reader_}) {
    int64_t x = 0;
    EXPECT_FALSE(wf_->CreateManuscript(*u, "a", "另一部", 2025, "年鉴", "a.md", sample_, &x).ok()) << u->name;
    EXPECT_FALSE(wf_->AddVersion(*u, "a", id, "a.md", sample_, &n).ok()) << u->name;
  }
  // Another county: as if the manuscript did not exist, for every call.
  Manuscript m;
  Version v;
  std::string bytes;
  std::vector<Manuscript> list;
  EXPECT_EQ(wf_->GetManuscript(other_, id, &m).code(), Status::Code::kNotFound);
  EXPECT_EQ(wf_->GetManuscript(other_, id + 1, &m).code(), Status::Code::kNotFound);
  // The same words for "not yours" and "no such id": nothing to tell them apart.
  const std::string mine = wf_->GetManuscript(other_, id, &m).message();
  const std::string none = wf_->GetManuscript(other_, id + 1, &m).message();
  EXPECT_EQ(mine.substr(mine.find(' ', 20)), none.substr(none.find(' ', 20)));
  EXPECT_EQ(wf_->GetVersion(other_, id, 1, &v).code(), Status::Code::kNotFound);
  EXPECT_EQ(wf_->ReadVersionFile(other_, id, 1, &bytes).code(), Status::Code::kNotFound);
  EXPECT_EQ(wf_->AddVersion(other_, "a", id, "a.md", sample_, &n).code(), Status::Code::kNotFound);
  ASSERT_TRUE(wf_->ListManuscripts(other_, &list).ok());
  EXPECT_TRUE(list.empty());
  ASSERT_TRUE(wf_->ListManuscripts(digitizer_, &list).ok());
  EXPECT_TRUE(list.empty());
  EXPECT_EQ(wf_->GetManuscript(reader_, id, &m).code(), Status::Code::kNotFound);
  ASSERT_TRUE(wf_->ListManuscripts(reviewer_, &list).ok());
  EXPECT_EQ(list.size(), 1u);
  ASSERT_TRUE(wf_->ListManuscripts(compiler_, &list).ok());
  EXPECT_EQ(list.size(), 1u);
}

TEST_F(WorkflowTest, TheWholeCycleIsRecordedAndAudited) {
  const int64_t id = Create();
  int64_t n = 0;
  // Another upload before review starts keeps the status.
  ASSERT_TRUE(wf_->AddVersion(compiler_, "10.1.1.1", id, "二稿.md", sample_, &n).ok());
  EXPECT_EQ(n, 2);
  // Compilers take no review step; reviewers only the table's.
  EXPECT_FALSE(wf_->Transition(compiler_, "a", id, S::kSubmitted, S::kOutlineReviewed, "").ok());
  EXPECT_FALSE(wf_->Transition(admin_, "a", id, S::kSubmitted, S::kOutlineReviewed, "").ok());
  EXPECT_FALSE(wf_->Transition(reviewer_, "a", id, S::kSubmitted, S::kApproved, "").ok());
  // A stale page (expected status no longer current) is refused.
  Status s = wf_->Transition(reviewer_, "a", id, S::kUnderReview, S::kApproved, "");
  EXPECT_NE(s.message().find("刷新"), std::string::npos) << s.message();
  ASSERT_TRUE(wf_->Transition(reviewer_, "10.2.2.2", id, S::kSubmitted, S::kReturned, "篇目缺大事记").ok());
  // Returned: no status POST gets it back; an upload does.
  EXPECT_FALSE(wf_->Transition(compiler_, "a", id, S::kReturned, S::kResubmitted, "").ok());
  ASSERT_TRUE(wf_->AddVersion(compiler_, "10.1.1.1", id, "三稿.md", sample_, &n).ok());
  EXPECT_EQ(n, 3);
  Manuscript m;
  ASSERT_TRUE(wf_->GetManuscript(reviewer_, id, &m).ok());
  EXPECT_EQ(m.status, S::kResubmitted);
  ASSERT_TRUE(wf_->Transition(reviewer_, "10.2.2.2", id, S::kResubmitted, S::kUnderReview, "").ok());
  EXPECT_FALSE(wf_->AddVersion(compiler_, "10.1.1.1", id, "四稿.md", sample_, &n).ok());  // locked under review
  ASSERT_TRUE(wf_->Transition(reviewer_, "10.2.2.2", id, S::kUnderReview, S::kApproved, "合格").ok());
  EXPECT_FALSE(wf_->Transition(reviewer_, "a", id, S::kApproved, S::kReturned, "").ok());

  std::vector<StatusChange> h;
  ASSERT_TRUE(wf_->StatusHistory(compiler_, id, &h).ok());
  ASSERT_EQ(h.size(), 5u);
  EXPECT_EQ(h[0].to, "submitted");
  EXPECT_EQ(h[1].to, "returned");
  EXPECT_EQ(h[1].note, "篇目缺大事记");
  EXPECT_EQ(h[2].to, "resubmitted");
  EXPECT_EQ(h[2].version, 3);
  EXPECT_EQ(h[4].to, "approved");
  EXPECT_EQ(h[4].actor, "province");
  std::vector<Version> vs;
  ASSERT_TRUE(wf_->ListVersions(reviewer_, id, &vs).ok());
  ASSERT_EQ(vs.size(), 3u);
  for (int i = 1; i <= 3; ++i) EXPECT_TRUE(fs::exists(data_ / "manuscripts" / std::to_string(id) / ("v" + std::to_string(i) + ".md")));

  std::vector<accounts::AuditEntry> audit;
  ASSERT_TRUE(wf_->AuditOf(reviewer_, id, &audit).ok());
  std::vector<std::string> actions;
  for (auto it = audit.rbegin(); it != audit.rend(); ++it) actions.push_back(it->action);
  const std::vector<std::string> expected = {
      "manuscript_create", "version_upload", "version_upload", "status:submitted->returned",
      "status:returned->resubmitted", "version_upload", "status:resubmitted->under_review",
      "status:under_review->approved"};
  EXPECT_EQ(actions, expected);
  EXPECT_EQ(audit.front().address, "10.2.2.2");
  EXPECT_EQ(audit.front().actor, "province");
  EXPECT_EQ(audit.front().version, 3);
  EXPECT_EQ(wf_->AuditOf(other_, id, &audit).code(), Status::Code::kNotFound);

  // Versions and history cannot be rewritten, even in SQL.
  store::Database* db = wf_->database_for_testing();
  EXPECT_FALSE(db->Exec("UPDATE workflow_versions SET sha256 = 'x'").ok());
  EXPECT_FALSE(db->Exec("DELETE FROM workflow_versions").ok());
  EXPECT_FALSE(db->Exec("INSERT OR REPLACE INTO workflow_versions SELECT manuscript_id, number, 'f', ext, 'x', 1, 1, 'u', 0"
                        " FROM workflow_versions")
                   .ok());
  EXPECT_FALSE(db->Exec("UPDATE workflow_status_history SET actor = 'x'").ok());
  EXPECT_FALSE(db->Exec("DELETE FROM workflow_status_history").ok());
  EXPECT_FALSE(db->Exec("DELETE FROM audit_log").ok());
  EXPECT_EQ(Count("SELECT count(*) FROM workflow_versions WHERE sha256 = 'x'"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM workflow_status_history"), 5);
}

TEST_F(WorkflowTest, CommentsResultsAndTheDashboardFigures) {
  const int64_t id = Create();
  Comment c;
  c.manuscript_id = id;
  c.version = 1;
  c.node_path = "1/1";
  c.anchor_text = "示例县经济社会发展综述";
  c.body = "标题宜加年份";
  int64_t cid = 0;
  EXPECT_FALSE(wf_->AddComment(compiler_, "a", c, &cid).ok());
  ASSERT_TRUE(wf_->AddComment(reviewer_, "a", c, &cid).ok());
  c.version = 9;
  EXPECT_EQ(wf_->AddComment(reviewer_, "a", c, &cid).code(), Status::Code::kNotFound);
  std::vector<Comment> list;
  ASSERT_TRUE(wf_->ListComments(compiler_, id, 1, &list).ok());
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].anchor_text, "示例县经济社会发展综述");
  EXPECT_EQ(list[0].author, "province");
  EXPECT_EQ(wf_->ListComments(other_, id, 1, &list).code(), Status::Code::kNotFound);

  std::string json;
  EXPECT_EQ(wf_->GetVersionJson(reviewer_, id, 1, "marks", &json).code(), Status::Code::kNotFound);
  EXPECT_FALSE(wf_->PutVersionJson(reviewer_, "a", id, 1, "marks", "{not json").ok());
  EXPECT_FALSE(wf_->PutVersionJson(reviewer_, "a", id, 1, "Marks!", "{}").ok());
  EXPECT_FALSE(wf_->PutVersionJson(compiler_, "a", id, 1, "marks", "{}").ok());
  ASSERT_TRUE(wf_->PutVersionJson(reviewer_, "a", id, 1, "marks", R"({"marks":[1]})").ok());
  ASSERT_TRUE(wf_->PutVersionJson(reviewer_, "a", id, 1, "marks", R"({"marks":[1,2]})").ok());
  ASSERT_TRUE(wf_->GetVersionJson(compiler_, id, 1, "marks", &json).ok());
  EXPECT_EQ(json, R"({"marks":[1,2]})");

  Manuscript m;
  ASSERT_TRUE(wf_->GetManuscript(reviewer_, id, &m).ok());
  EXPECT_GE(m.open_findings, 0);  // counted at upload
  EXPECT_FALSE(m.error_rate.has_value());
  VersionSummary sum;
  sum.open_findings = 7;
  sum.error_rate = 0.75;
  sum.verdict = "合格";
  EXPECT_FALSE(wf_->SetVersionSummary(compiler_, "a", id, 1, sum).ok());
  ASSERT_TRUE(wf_->SetVersionSummary(reviewer_, "a", id, 1, sum).ok());
  std::vector<Manuscript> all;
  ASSERT_TRUE(wf_->ListManuscripts(reviewer_, &all).ok());
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].open_findings, 7);
  ASSERT_TRUE(all[0].error_rate.has_value());
  EXPECT_DOUBLE_EQ(*all[0].error_rate, 0.75);
  EXPECT_EQ(all[0].verdict, "合格");
}

TEST_F(WorkflowTest, EveryUploadStoresItsOwnCountOfOpenFindings) {
  // v2 adds two wrong words (再接再励, 布署) to v1; v3 is v1 again.
  std::string worse = sample_;
  const std::string para = "农业生产保持稳定。";
  const size_t at = worse.find(para);
  ASSERT_NE(at, std::string::npos);
  worse.insert(at + para.size(), "全县干部群众再接再励，县委作出布署。");
  const int64_t id = Create();
  Manuscript m;
  ASSERT_TRUE(wf_->GetManuscript(reviewer_, id, &m).ok());
  const int64_t v1 = m.open_findings;
  EXPECT_GE(v1, 0) << "a new manuscript has its count at once";
  int64_t n = 0;
  ASSERT_TRUE(wf_->AddVersion(compiler_, "10.1.1.1", id, "二稿.md", worse, &n).ok());
  ASSERT_TRUE(wf_->GetManuscript(reviewer_, id, &m).ok());
  EXPECT_EQ(m.latest_version, 2);
  EXPECT_GE(m.open_findings, v1 + 2) << "v2's count, not v1's";
  const int64_t v2 = m.open_findings;
  // A reviewer's figures for v2 (error rate) stay with v2 …
  VersionSummary sum;
  sum.open_findings = v2;
  sum.error_rate = 2.5;
  sum.verdict = "不合格";
  ASSERT_TRUE(wf_->Transition(reviewer_, "a", id, S::kSubmitted, S::kReturned, "差错过多").ok());
  ASSERT_TRUE(wf_->SetVersionSummary(reviewer_, "a", id, 2, sum).ok());
  // … and v3 starts afresh: its own count, no error rate yet.
  ASSERT_TRUE(wf_->AddVersion(compiler_, "10.1.1.1", id, "三稿.md", sample_, &n).ok());
  std::vector<Manuscript> all;
  ASSERT_TRUE(wf_->ListManuscripts(reviewer_, &all).ok());
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].latest_version, 3);
  EXPECT_EQ(all[0].open_findings, v1);
  EXPECT_FALSE(all[0].error_rate.has_value());
  EXPECT_EQ(all[0].verdict, "");
  EXPECT_EQ(Count("SELECT count(*) FROM workflow_version_summary"), 3);
}

TEST_F(WorkflowTest, ReviewersSeeOnlyTheOfficesOfTheirRegion) {
  std::unique_ptr<accounts::AccountStore> acc;
  ASSERT_TRUE(accounts::AccountStore::Open(data_, &acc).ok());
  ASSERT_TRUE(acc->AddOffice("110101", "东城区地方志办公室").ok());
  ASSERT_TRUE(acc->AddOffice("5101", "成都市地方志办公室").ok());
  ASSERT_TRUE(acc->AddOffice("510704", "游仙区地方志办公室").ok());
  const User beijing = MakeUser("dongcheng", Role::kCompiler, "110101");
  const User mianyang = MakeUser("youxian", Role::kCompiler, "510704");
  const User city = MakeUser("chengdu", Role::kReviewer, "5101");
  // Six-digit forms of the same offices read the same (trailing 00 pairs dropped).
  const User city6 = MakeUser("chengdu6", Role::kReviewer, "510100");
  const User province6 = MakeUser("sichuan6", Role::kReviewer, "510000");
  const int64_t jinjiang = Create();
  int64_t dongcheng = 0, youxian = 0;
  ASSERT_TRUE(wf_->CreateManuscript(beijing, "a", "东城区年鉴（2025）", 2025, "年鉴", "a.md", sample_, &dongcheng).ok());
  ASSERT_TRUE(wf_->CreateManuscript(mianyang, "a", "游仙区年鉴（2025）", 2025, "年鉴", "a.md", sample_, &youxian).ok());

  auto ids = [&](const User& u) {
    std::vector<Manuscript> list;
    EXPECT_TRUE(wf_->ListManuscripts(u, &list).ok());
    std::vector<int64_t> out;
    for (const Manuscript& m : list) out.push_back(m.id);
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(ids(reviewer_), (std::vector<int64_t>{jinjiang, youxian}));
  EXPECT_EQ(ids(province6), (std::vector<int64_t>{jinjiang, youxian}));
  EXPECT_EQ(ids(city), (std::vector<int64_t>{jinjiang}));
  EXPECT_EQ(ids(city6), (std::vector<int64_t>{jinjiang}));
  EXPECT_EQ(ids(admin_), (std::vector<int64_t>{jinjiang, dongcheng, youxian}));

  // Outside the region: every read and every step answers as for a missing id.
  Manuscript m;
  Version v;
  std::string bytes;
  model::Document doc;
  std::vector<Comment> comments;
  EXPECT_EQ(wf_->GetManuscript(reviewer_, dongcheng, &m).code(), Status::Code::kNotFound);
  EXPECT_EQ(wf_->GetVersion(reviewer_, dongcheng, 1, &v).code(), Status::Code::kNotFound);
  EXPECT_EQ(wf_->ReadVersionFile(reviewer_, dongcheng, 1, &bytes).code(), Status::Code::kNotFound);
  EXPECT_EQ(wf_->LoadVersionDocument(reviewer_, dongcheng, 1, &doc).code(), Status::Code::kNotFound);
  EXPECT_EQ(wf_->ListComments(reviewer_, dongcheng, 1, &comments).code(), Status::Code::kNotFound);
  EXPECT_EQ(wf_->Transition(reviewer_, "a", dongcheng, S::kSubmitted, S::kReturned, "x").code(),
            Status::Code::kNotFound);
  Comment c;
  c.manuscript_id = dongcheng;
  c.version = 1;
  c.node_path = "1";
  c.body = "x";
  int64_t cid = 0;
  EXPECT_EQ(wf_->AddComment(reviewer_, "a", c, &cid).code(), Status::Code::kNotFound);
  EXPECT_EQ(wf_->PutVersionJson(reviewer_, "a", dongcheng, 1, "marks", "{}").code(), Status::Code::kNotFound);
  EXPECT_EQ(wf_->SetVersionSummary(reviewer_, "a", dongcheng, 1, VersionSummary{}).code(), Status::Code::kNotFound);
  EXPECT_EQ(wf_->GetManuscript(city, youxian, &m).code(), Status::Code::kNotFound);
  EXPECT_EQ(wf_->Transition(city, "a", youxian, S::kSubmitted, S::kReturned, "x").code(), Status::Code::kNotFound);
  // Inside: seen and acted on.
  ASSERT_TRUE(wf_->GetManuscript(city, jinjiang, &m).ok());
  EXPECT_TRUE(wf_->Transition(city, "a", jinjiang, S::kSubmitted, S::kReturned, "x").ok());
  EXPECT_TRUE(wf_->Transition(reviewer_, "a", youxian, S::kSubmitted, S::kReturned, "x").ok());
  EXPECT_TRUE(wf_->GetManuscript(admin_, dongcheng, &m).ok());
  EXPECT_TRUE(CanSeeOffice(reviewer_, "510104"));
  EXPECT_TRUE(CanSeeOffice(reviewer_, "5101"));
  EXPECT_FALSE(CanSeeOffice(reviewer_, "110101"));
  EXPECT_FALSE(CanSeeOffice(reviewer_, "61"));
  EXPECT_FALSE(CanSeeOffice(city, "51"));  // the city does not see the province's own manuscripts
  User gone = reviewer_;
  gone.disabled = true;
  EXPECT_FALSE(CanSeeOffice(gone, "510104"));
}

}  // namespace
}  // namespace fangzhi::workflow
