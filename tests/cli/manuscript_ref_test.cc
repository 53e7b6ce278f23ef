// `ms:<id>@v<n>`: manuscript versions of the data dir as inputs of the
// review commands (src/cli/manuscript_ref.h).
#include "cli/manuscript_ref.h"

#include <gtest/gtest.h>

#include "accounts/account_store.h"
#include "test_util.h"
#include "workflow/workflow_store.h"

namespace fangzhi::cli {
namespace {

TEST(ManuscriptRefTest, Parses) {
  ManuscriptRef r;
  ASSERT_TRUE(ParseManuscriptRef("ms:3@v2", &r).ok());
  EXPECT_EQ(r.manuscript, 3);
  EXPECT_EQ(r.version, 2);
  ASSERT_TRUE(ParseManuscriptRef("ms:12", &r).ok());
  EXPECT_EQ(r.manuscript, 12);
  EXPECT_EQ(r.version, 0);
  ASSERT_TRUE(ParseManuscriptRef("ms:12@3", &r).ok());
  EXPECT_EQ(r.version, 3);
  EXPECT_TRUE(IsManuscriptRef("ms:x"));
  EXPECT_FALSE(IsManuscriptRef("shili-v1.md"));
  for (const char* bad : {"ms:", "ms:0", "ms:-1", "ms:3@", "ms:3@v", "ms:3@v0", "ms:3@w2", "ms:3x", "ms:3@v2x",
                          "ms:99999999999999999999", "v1.md"}) {
    Status s = ParseManuscriptRef(bad, &r);
    EXPECT_EQ(s.code(), Status::Code::kInvalidInput) << bad;
    EXPECT_NE(s.message().find("ms:<稿件编号>@v<版本号>"), std::string::npos) << bad;
  }
}

TEST(ManuscriptRefTest, LoadsStoredVersions) {
  testing::TempDir dir;
  const auto data = dir.path() / "data";
  model::Document doc;
  // No data dir: NotFound, and nothing is created.
  Status s = LoadManuscriptRef(data, "ms:1@v1", &doc, nullptr, nullptr);
  EXPECT_EQ(s.code(), Status::Code::kNotFound) << s.ToString();
  EXPECT_FALSE(std::filesystem::exists(data / "fangzhi.db"));

  std::unique_ptr<accounts::AccountStore> acc;
  ASSERT_TRUE(accounts::AccountStore::Open(data, &acc).ok());
  ASSERT_TRUE(acc->AddOffice("510104", "成都市锦江区地方志办公室").ok());
  accounts::User compiler;
  ASSERT_TRUE(acc->AddUser("bian", accounts::Role::kCompiler, "510104", "password-1234", "test", "t", &compiler).ok());
  std::unique_ptr<workflow::WorkflowStore> wf;
  ASSERT_TRUE(workflow::WorkflowStore::Open(data, &wf).ok());
  const std::string v1 = "---\ntitle: 甲县年鉴（2025）\nkind: 年鉴\nid: jia-2025\n---\n\n# 大事记\n\n1月1日　甲事。\n";
  const std::string v2 = "---\ntitle: 甲县年鉴（2025）\nkind: 年鉴\nid: jia-2025\n---\n\n# 大事记\n\n1月1日　乙事。\n\n# 附录\n\n附。\n";
  int64_t id = 0, n = 0;
  ASSERT_TRUE(wf->CreateManuscript(compiler, "t", "甲县年鉴（2025）", 2025, "年鉴", "v1.md", v1, &id).ok());
  // Another version while nobody has started on it: the status stays "submitted".
  ASSERT_TRUE(wf->AddVersion(compiler, "t", id, "v2.md", v2, &n).ok());
  ASSERT_EQ(n, 2);
  wf.reset();

  std::string kind, display;
  const std::string ref = "ms:" + std::to_string(id);
  s = LoadManuscriptRef(data, ref + "@v1", &doc, &kind, &display);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(kind, "yearbook");
  EXPECT_NE(display.find("《甲县年鉴（2025）》v1"), std::string::npos);
  ASSERT_EQ(doc.editions.size(), 1u);
  ASSERT_NE(doc.BaseEdition(), nullptr);
  EXPECT_EQ(doc.editions[0].nodes.size(), 1u);  // 大事记 only
  s = LoadManuscriptRef(data, ref, &doc, nullptr, &display);  // latest
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(doc.editions[0].nodes.size(), 2u);
  EXPECT_NE(display.find("@v2"), std::string::npos);

  s = LoadManuscriptRef(data, ref + "@v3", &doc, nullptr, nullptr);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_NE(s.message().find("没有 v3"), std::string::npos) << s.message();
  s = LoadManuscriptRef(data, "ms:" + std::to_string(id + 1), &doc, nullptr, nullptr);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);

  // The review commands take the references wherever they take files: v2
  // adds the missing 附录, which the recheck reports as fixed.
  const auto r = testing::Fangzhi(data, "review recheck " + ref + "@v1 " + ref + "@v2 --json");
  ASSERT_NE(r.out.find("\"fixed\""), std::string::npos) << r.out << r.err;
  const size_t fixed = r.out.find("\"fixed\"");
  const size_t still = r.out.find("\"still_present\"");
  ASSERT_NE(still, std::string::npos);
  EXPECT_NE(r.out.substr(fixed, still - fixed).find("附录"), std::string::npos) << r.out;
  const auto bad = testing::Fangzhi(data, "review outline " + ref + "@v9");
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_NE(bad.err.find("没有 v9"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace fangzhi::cli
