// `fangzhi review` as users run it: outputs, exit codes, and every kind of
// bad input through the real binary (exit 2, a message naming the file,
// line or field, nothing written).
#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "check/docx_builder.h"
#include "test_util.h"

namespace fangzhi::review {
namespace {

using fangzhi::testing::CommandResult;
using fangzhi::testing::ReadFile;
using fangzhi::testing::RunShell;
using fangzhi::testing::SourceDir;
using fangzhi::testing::TempDir;
using fangzhi::testing::WriteFile;

CommandResult Review(const TempDir& dir, const std::string& args) {
  return fangzhi::testing::Fangzhi(dir / "data", "review " + args);
}

std::string Q(const std::filesystem::path& p) { return "'" + p.string() + "'"; }
std::string Example() { return Q(SourceDir() / "examples/shili-county-yearbook-2025.md"); }

const char* kFront = "---\ntitle: 测试县年鉴（2025）\nkind: 年鉴\nid: t\nperiod: 2024\n---\n\n";

TEST(ReviewCli, OutlineOfTheSampleYearbook) {
  TempDir dir;
  auto r = Review(dir, "outline " + Example());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("框架 yearbook"), std::string::npos) << r.out;
  r = Review(dir, "outline " + Example() + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["format"], "fangzhi-check");
  EXPECT_EQ(j["files"][0]["work"], "shili-2025");
  for (const auto& f : j["files"][0]["findings"]) {
    EXPECT_EQ(f["category"], "structure");
    EXPECT_EQ(f["severity"], "info") << f.dump();
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "data"));  // reviewing a file never creates a library
}

TEST(ReviewCli, OutlineFindingsWithLines) {
  TempDir dir;
  WriteFile(dir / "bad.md", std::string(kFront) + "# 概况\n\n## 县情\n\n### 位置\n\n测试县位于盆地西缘。\n\n# 大事记\n\n## 1月\n\n1月7日　会议召开。\n\n# 附录\n\n## 表\n\n### 指标\n\n数据。\n");
  auto r = Review(dir, "outline " + Q(dir / "bad.md"));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find((dir / "bad.md").string() + ":16:3 OUT-ORDER"), std::string::npos) << r.out;
  r = Review(dir, "outline " + Q(dir / "bad.md") + " --framework gazetteer --json");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  bool missing_overview = false;
  for (const auto& f : j["files"][0]["findings"]) missing_overview = missing_overview || (f["rule"] == "OUT-MISSING" && f["excerpt"] == "概述");
  EXPECT_TRUE(missing_overview) << r.out;
}

TEST(ReviewCli, RecheckAndDiff) {
  TempDir dir;
  WriteFile(dir / "v1.md", std::string(kFront) + "# 大事记\n\n## 1月\n\n1月7日　会议召开。\n\n# 概况\n\n## 县情\n\n### 位置\n\n我县位于盆地西缘。今年人口增加。\n\n# 附录\n\n## 表\n\n### 指标\n\n数据。\n");
  WriteFile(dir / "v2.md", std::string(kFront) + "# 大事记\n\n## 1月\n\n1月7日　会议召开。\n\n# 概况\n\n## 县情\n\n### 位置\n\n据记载，我县位于盆地西缘。2024年人口增加。\n\n# 附录\n\n## 表\n\n### 指标\n\n数据。\n");
  auto r = Review(dir, "recheck " + Q(dir / "v1.md") + " " + Q(dir / "v2.md") + " --json");
  EXPECT_EQ(r.exit_code, 1) << r.err;  // 我县 is still there
  const auto j = nlohmann::ordered_json::parse(r.out);  // ordered: the key order is part of the format
  ASSERT_EQ(j.size(), 4u) << r.out;
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"fixed", "still_present", "moved", "new"}));
  bool fixed = false, still = false;
  for (const auto& f : j["fixed"]) fixed = fixed || f["excerpt"] == "今年";
  for (const auto& f : j["still_present"]) still = still || (f["excerpt"] == "我县" && f["line"] == 20);
  EXPECT_TRUE(fixed) << r.out;
  EXPECT_TRUE(still) << r.out;
  EXPECT_TRUE(j["new"].empty()) << r.out;
  r = Review(dir, "recheck " + Q(dir / "v1.md") + " " + Q(dir / "v2.md") + " --diff");
  EXPECT_NE(r.out.find("已改正 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[修改] t/2/1/1 位置"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("+ 据记载，"), std::string::npos) << r.out;
  // The same version twice: nothing fixed, nothing new.
  r = Review(dir, "recheck " + Q(dir / "v2.md") + " " + Q(dir / "v2.md") + " --json");
  const auto same = nlohmann::json::parse(r.out);
  EXPECT_TRUE(same["fixed"].empty());
  EXPECT_TRUE(same["new"].empty());
}

TEST(ReviewCli, WorkInTheLibrary) {
  TempDir dir;
  auto r = RunShell(std::string(FANGZHI_BINARY) + " --data " + Q(dir / "data") + " import " + Example());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Review(dir, "outline shili-2025 --json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["files"][0]["work"], "shili-2025");
  r = Review(dir, "recheck shili-2025@v1 " + Example() + " --json");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j["fixed"].empty()) << r.out;
  EXPECT_TRUE(j["new"].empty()) << r.out;
  r = Review(dir, "outline shili-2025@v9");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("v9"), std::string::npos) << r.err;
}

TEST(ReviewCli, WordAndPlainTextManuscripts) {
  TempDir dir;
  using check::testing::DocxMembers;
  using check::testing::DocxParts;
  using check::testing::Para;
  DocxParts p;
  p.body = Para("大事记", "Heading1") + Para("1月", "Heading2") + Para("1月7日　会议召开。") + Para("政治", "Heading1") +
           Para("县委全会", "Heading3") + Para("全会召开。") + Para("附录", "Heading1") + Para("表", "Heading2") + Para("数据。");
  ASSERT_TRUE(check::testing::WriteZip(dir / "a.docx", DocxMembers(p)));
  auto r = Review(dir, "outline " + Q(dir / "a.docx") + " --json");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  std::set<std::string> rules;
  const auto report = nlohmann::json::parse(r.out);
  for (const auto& f : report["files"][0]["findings"]) rules.insert(f["rule"].get<std::string>());
  EXPECT_EQ(rules, (std::set<std::string>{"OUT-MISSING", "OUT-LEVEL"})) << r.out;  // no 概况; 条目 under a 类目
  // Plain text has no outline: only the missing parts, not an "untitled" whole.
  WriteFile(dir / "a.txt", "测试县位于盆地西缘。\n\n今年人口增加。\n");
  r = Review(dir, "outline " + Q(dir / "a.txt") + " --json");
  rules.clear();
  const auto report2 = nlohmann::json::parse(r.out);
  for (const auto& f : report2["files"][0]["findings"]) rules.insert(f["rule"].get<std::string>());
  EXPECT_EQ(rules, (std::set<std::string>{"OUT-MISSING"})) << r.out;
  r = Review(dir, "sample " + Q(dir / "a.txt") + " --seed 1 --chars 5 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["passages"].size(), 1u) << r.out;
}

TEST(ReviewCli, SampleIsReproducible) {
  TempDir dir;
  auto a = Review(dir, "sample " + Example() + " --chars 2000 --seed 99 --json");
  auto b = Review(dir, "sample " + Example() + " --chars 2000 --seed 99 --json");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  const auto j = nlohmann::json::parse(a.out);
  EXPECT_EQ(j["seed"], "99");
  EXPECT_GT(j["passages"].size(), 3u);
  auto t = Review(dir, "sample " + Example() + " --chars 2000 --seed 99");
  EXPECT_NE(t.out.find("种子 99"), std::string::npos) << t.out;
}

TEST(ReviewCli, ErrorRateReports) {
  TempDir dir;
  auto s = Review(dir, "sample " + Example() + " --chars 2000 --seed 5 --json");
  ASSERT_EQ(s.exit_code, 0);
  const auto sample = nlohmann::json::parse(s.out);
  nlohmann::json marks = {{"chars", sample["sample_chars"]},
                          {"title", "示例县年鉴（2025）"},
                          {"marks", {{{"type", "typo"}, {"path", "shili-2025/4/1/1"}, {"para", 1}, {"excerpt", "帐"}, {"correction", "账"}, {"page", 12}}}},
                          {"sample", sample}};
  WriteFile(dir / "marks.json", marks.dump());
  auto r = Review(dir, "error-rate " + Q(dir / "marks.json") + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["errors"], "1");
  EXPECT_EQ(j["verdict"], "不合格");  // 1 error in ~2000 characters
  r = Review(dir, "error-rate " + Q(dir / "marks.json") + " --format html -o " + Q(dir / "r.html"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = ReadFile(dir / "r.html");
  EXPECT_NE(html.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(html.find("不合格"), std::string::npos);
  EXPECT_NE(html.find("帐"), std::string::npos);
  EXPECT_NE(html.find("抽查样本"), std::string::npos);
  EXPECT_NE(html.find(sample["passages"][0]["path"].get<std::string>()), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  r = Review(dir, "error-rate " + Q(dir / "marks.json") + " --format pdf -o " + Q(dir / "r.pdf"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string pdf = ReadFile(dir / "r.pdf");
  EXPECT_TRUE(pdf.starts_with("%PDF-")) << pdf.substr(0, 20);
  EXPECT_GT(pdf.size(), 2000u);
}

TEST(ReviewCli, ErrorRateTextNamesPlacesWithoutAParagraphPlainly) {
  TempDir dir;
  const nlohmann::json marks = {
      {"chars", 10000},
      {"marks",
       {{{"type", "typo"}, {"path", "a/3"}, {"excerpt", "帐"}},  // no paragraph given
        {{"type", "typo"}, {"path", "a/4"}, {"para", 2}, {"excerpt", "布署"}}}}};
  WriteFile(dir / "marks.json", marks.dump());
  auto r = Review(dir, "error-rate " + Q(dir / "marks.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("#p0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  a/3\t"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  a/4#p2\t"), std::string::npos) << r.out;
  r = Review(dir, "error-rate " + Q(dir / "marks.json") + " --format html -o " + Q(dir / "r.html"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = ReadFile(dir / "r.html");
  EXPECT_EQ(html.find("#p0"), std::string::npos);
  EXPECT_NE(html.find("<td>a/3</td>"), std::string::npos);
  EXPECT_NE(html.find("<td>a/4#p2</td>"), std::string::npos);
}

TEST(ReviewCli, BadInputsExitTwo) {
  TempDir dir;
  WriteFile(dir / "f.yaml", "id: mine\nlevels: [类目, 分目]\nparts:\n  - name: 大事记\n  - required: true\n");
  WriteFile(dir / "bad-type.json", R"({"chars": 1000, "marks": [{"type": "spelling", "path": "w/1", "para": 1, "excerpt": "x"}]})");
  WriteFile(dir / "bad-field.json", R"({"chars": 1000, "marks": [{"type": "typo", "path": "w/1", "para": "一", "excerpt": "x"}]})");
  WriteFile(dir / "broken.json", "{\"chars\": 1000,\n \"marks\": [\n");
  struct Case {
    std::string args;
    std::string says;
  } cases[] = {
      {"outline " + Q(dir / "missing.md"), "missing.md"},
      {"outline " + Example() + " --framework almanac", "yearbook"},
      {"outline " + Example() + " --framework " + Q(dir / "f.yaml"), "f.yaml 第 5 行"},
      {"outline " + Example() + " --framework " + Q(dir / "nope.yaml"), "nope.yaml"},
      {"outline", "用法"},
      {"recheck " + Example(), "用法"},
      {"sample " + Example(), "--seed"},
      {"sample " + Example() + " --seed x1", "--seed"},
      {"sample " + Example() + " --seed 1 --chars 0", "--chars"},
      {"error-rate " + Q(dir / "missing.json"), "missing.json"},
      {"error-rate " + Q(dir / "bad-type.json"), "marks[0].type"},
      {"error-rate " + Q(dir / "bad-field.json"), "marks[0].para"},
      {"error-rate " + Q(dir / "broken.json"), "broken.json 第 3 行"},
      {"error-rate " + Q(dir / "bad-type.json") + " --format pdf", "-o"},
      {"error-rate " + Q(dir / "bad-type.json") + " --format docx", "docx"},
      {"frobnicate", "outline"},
  };
  for (const auto& c : cases) {
    const auto r = Review(dir, c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args << "\n" << r.out << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << c.args << " → " << r.err;
    EXPECT_TRUE(r.out.empty()) << c.args;
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "out.pdf"));
  // A PDF that cannot be made leaves nothing behind.
  const auto r = Review(dir, "error-rate " + Q(dir / "bad-type.json") + " --format pdf -o " + Q(dir / "out.pdf"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir / "out.pdf"));
}

}  // namespace
}  // namespace fangzhi::review
