// `fangzhi check` as users run it: exit codes, the three text reports, DOCX
// out, a work in the library, and every kind of bad input (exit 2, a clear
// message, nothing written).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "docx_builder.h"
#include "test_util.h"

namespace fangzhi::check {
namespace {

using fangzhi::testing::CommandResult;
using fangzhi::testing::ReadFile;
using fangzhi::testing::RunShell;
using fangzhi::testing::SourceDir;
using fangzhi::testing::TempDir;
using fangzhi::testing::WriteFile;

CommandResult Check(const TempDir& dir, const std::string& args) {
  return fangzhi::testing::Fangzhi(dir / "data", "check " + args);
}

std::string Sample() { return "'" + (SourceDir() / "examples/shili-county-yearbook-2025.md").string() + "'"; }

const char* kBad =
    "---\ntitle: 测试年鉴\nkind: 年鉴\nperiod: 2024\nregion: 示例县\n---\n\n# 大事记\n\n## 3月\n\n"
    "3月28日　锂电材料产业园一期工程在白岩镇开工。\n\n3月5日　我县与示例市供销社签订合作协议。\n\n"
    "# 概况\n\n## 县情\n\n### 奋力打造<一流>营商环境\n\n今年，我县粮食总产量约21.56万吨左右。\n";

TEST(CheckCli, ExitCodesAndTextLines) {
  TempDir dir;
  auto r = Check(dir, Sample());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  WriteFile(dir / "bad.md", kBad);
  r = Check(dir, "'" + (dir / "bad.md").string() + "'");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find((dir / "bad.md").string() + ":14:6 STY-1P-LOCAL "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(":22:1 STY-RELTIME-YEAR "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(":14:1 DSJ-ORDER "), std::string::npos) << r.out;
  // The office decides what fails.
  WriteFile(dir / "office.toml", "fail_on = \"error\"\n");
  r = Check(dir, "'" + (dir / "bad.md").string() + "' --config '" + (dir / "office.toml").string() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  // Several files in one run; a plain-text manuscript.
  WriteFile(dir / "entry.txt", "【奋力打造一流营商环境】2024年，示例县新增市场主体4862户。\n");
  r = Check(dir, Sample() + " '" + (dir / "entry.txt").string() + "'");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("entry.txt:1:2 NJ-T-SLOGAN"), std::string::npos) << r.out;
}

TEST(CheckCli, JsonAndHtmlReports) {
  TempDir dir;
  WriteFile(dir / "bad.md", kBad);
  auto r = Check(dir, "'" + (dir / "bad.md").string() + "' --format json");
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["format"], "fangzhi-check");
  EXPECT_GT(j["rules"].get<int>(), 60);
  const auto& f = j["files"][0]["findings"];
  ASSERT_FALSE(f.empty());
  bool found = false;
  for (const auto& x : f) {
    if (x["rule"] == "STY-1P-LOCAL" && x["path"] == "bad/1/1" && x["start"] == 33 && x["end"] == 35) found = true;
  }
  EXPECT_TRUE(found) << r.out;
  r = Check(dir, "'" + (dir / "bad.md").string() + "' --format html -o '" + (dir / "report.html").string() + "'");
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const std::string html = ReadFile(dir / "report.html");
  EXPECT_NE(html.find("奋力打造&lt;一流&gt;营商环境"), std::string::npos);
  EXPECT_EQ(html.find("<一流>"), std::string::npos);
  EXPECT_NE(html.find("<h3>大事记（"), std::string::npos);
  EXPECT_NE(html.find("NJ-T-SLOGAN"), std::string::npos);
}

TEST(CheckCli, DocxOutAndAWorkInTheLibrary) {
  TempDir dir;
  WriteFile(dir / "bad.md", kBad);
  auto r = Check(dir, "'" + (dir / "bad.md").string() + "' --format docx -o '" + (dir / "bad.docx").string() + "'");
  ASSERT_EQ(r.exit_code, 1) << r.err;
  // Checked again as Word, the same findings come back, now located by paragraph.
  r = Check(dir, "'" + (dir / "bad.docx").string() + "'");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("bad.docx:5:6 STY-1P-LOCAL"), std::string::npos) << r.out;
  r = Check(dir, "'" + (dir / "bad.docx").string() + "' --format docx -o '" + (dir / "again.docx").string() + "'");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "again.docx"));
  // Writing over the manuscript itself is refused, and the file is left as it was.
  const std::string before = ReadFile(dir / "bad.docx");
  r = Check(dir, "'" + (dir / "bad.docx").string() + "' --format docx -o '" + (dir / "." / "bad.docx").string() + "'");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("覆盖原稿"), std::string::npos) << r.err;
  EXPECT_EQ(ReadFile(dir / "bad.docx"), before);
  // A Word manuscript goes into the library like a Markdown one.
  r = RunShell(std::string(FANGZHI_BINARY) + " --data '" + (dir / "data").string() + "' import '" +
               (dir / "bad.docx").string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunShell(std::string(FANGZHI_BINARY) + " --data '" + (dir / "data").string() + "' works --json");
  const auto works = nlohmann::json::parse(r.out)["works"];
  ASSERT_EQ(works.size(), 1u) << r.out;
  EXPECT_EQ(works[0]["id"], "bad");
  EXPECT_EQ(works[0]["kind"], "年鉴");

  r = RunShell(std::string(FANGZHI_BINARY) + " --data '" + (dir / "data").string() + "' import " + Sample());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Check(dir, "shili-2025");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("shili-2025/2/6#p1:1:48 DSJ-1EVENT"), std::string::npos) << r.out;
}

// Each bad input: exit 2, a message naming the problem, no output file.
TEST(CheckCli, BadInputExitsTwoAndWritesNothing) {
  TempDir dir;
  using testing::DocxMembers;
  using testing::DocxParts;
  DocxParts ok;
  ok.body = testing::Para("正文");
  ASSERT_TRUE(testing::WriteZip(dir / "good.docx", DocxMembers(ok)));
  const std::string good = ReadFile(dir / "good.docx");
  WriteFile(dir / "truncated.docx", good.substr(0, good.size() - 40));
  DocxParts bomb = ok;
  bomb.extra_members = {{"word/media/big.bin", std::string(24u << 20, '\0')}};
  ASSERT_TRUE(testing::WriteZip(dir / "bomb.docx", DocxMembers(bomb)));
  WriteFile(dir / "rules/broken.yaml",
            "pack: 坏\nrules:\n  - id: BAD-ONE\n    category: style\n    severity: warning\n    message: 坏\n    source: 测试\n"
            "    patterns: ['(未闭合']\n    examples: {fire: [未闭合], no_fire: [好]}\n");
  WriteFile(dir / "office.yaml", "disable:\n  - STY-1P-LOCAL\n  - NO-SUCH-RULE\n");
  WriteFile(dir / "notes.rtf", "{\\rtf1}");
  struct Case {
    std::string args, expect;
  };
  const std::vector<Case> cases = {
      {"'" + (dir / "truncated.docx").string() + "'", "truncated.docx：文件不完整或已损坏"},
      {"'" + (dir / "bomb.docx").string() + "'", "压缩炸弹"},
      {Sample() + " --rules '" + (dir / "rules").string() + "'", "第 8 行（规则 BAD-ONE）"},
      {Sample() + " --config '" + (dir / "office.yaml").string() + "'", "office.yaml 第 3 行：未知的规则 “NO-SUCH-RULE”"},
      {"'" + (dir / "missing.md").string() + "'", "missing.md：文件不存在"},
      {"'" + (dir / "notes.rtf").string() + "'", "无法识别的格式“.rtf”"},
      {Sample() + " --kind almanac", "--kind 只能是"},
      {Sample() + " --format pdf", "不支持的报告格式"},
  };
  for (const Case& k : cases) {
    const auto out = dir / "out.report";
    const auto r = Check(dir, k.args + " -o '" + out.string() + "'");
    EXPECT_EQ(r.exit_code, 2) << k.args << "\n" << r.out << r.err;
    EXPECT_NE(r.err.find("错误："), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(k.expect), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(out)) << k.args;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
  // Nothing was created for a library that was never asked for.
  EXPECT_FALSE(std::filesystem::exists(dir / "data"));
}

// Macros and external links are not bad input: they are ignored, the
// check runs and the commented document is written (links never fetched).
TEST(CheckCli, MacrosAndExternalLinksAreIgnored) {
  TempDir dir;
  testing::DocxParts p;
  p.body = testing::Para("农业", "Heading1") + testing::Para("种植业", "Heading2") + testing::Para("粮食生产", "Heading3") +
           "<w:p><w:hyperlink r:id=\"rIdExt\"><w:r><w:t>我县统计公报</w:t></w:r></w:hyperlink></w:p>";
  p.main_type = "application/vnd.ms-word.document.macroEnabled.main+xml";
  p.extra_rels =
      "<Relationship Id=\"rIdVba\" Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\" Target=\"vbaProject.bin\"/>"
      "<Relationship Id=\"rIdExt\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" "
      "Target=\"http://127.0.0.1:9/x\" TargetMode=\"External\"/>";
  p.extra_members = {{"word/vbaProject.bin", "Sub AutoOpen() Shell \"calc\" End Sub"}};
  ASSERT_TRUE(testing::WriteZip(dir / "macro.docx", testing::DocxMembers(p)));
  const auto r = Check(dir, "'" + (dir / "macro.docx").string() + "' --format docx -o '" + (dir / "out.docx").string() + "'");
  EXPECT_EQ(r.exit_code, 1) << r.err;  // 我县
  EXPECT_TRUE(r.err.empty()) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "out.docx"));
}

TEST(CheckCli, ListsTheRules) {
  TempDir dir;
  const auto r = Check(dir, "--list-rules");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  size_t lines = 0;
  for (char c : r.out) lines += c == '\n';
  EXPECT_GE(lines, 60u);
  EXPECT_NE(r.out.find("NJ-T-LEN\tstructure\twarning\t启用"), std::string::npos);
  EXPECT_NE(r.out.find("STY-SYMBOL\tstyle\tinfo\t停用"), std::string::npos);
}

}  // namespace
}  // namespace fangzhi::check
