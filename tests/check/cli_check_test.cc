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

// The rules of one run's JSON report, each with its excerpt, message and suggestion.
std::vector<nlohmann::json> Findings(const CommandResult& r, const std::string& rule) {
  std::vector<nlohmann::json> out;
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  if (j.is_discarded()) return out;
  for (const auto& f : j["files"][0]["findings"]) {
    if (f["rule"] == rule) out.push_back(f);
  }
  return out;
}

// A yearbook in Word with a title paragraph and the given entry paragraphs.
void WriteYearbookDocx(const std::filesystem::path& path, const std::string& title,
                       const std::vector<std::string>& paragraphs) {
  testing::DocxParts p;
  p.body = testing::Para(title, "Title") + testing::Para("经济", "Heading1") + testing::Para("工业", "Heading2") +
           testing::Para("工业生产", "Heading3");
  for (const auto& para : paragraphs) p.body += testing::Para(para);
  ASSERT_TRUE(testing::WriteZip(path, testing::DocxMembers(p)));
}

// Word and plain-text manuscripts cannot carry front matter: the period
// comes from --period, the office config or the title (issue 5 review).
TEST(CheckCli, PeriodForWordAndTextManuscripts) {
  TempDir dir;
  const std::string docx = "'" + (dir / "稿.docx").string() + "' --format json";
  WriteYearbookDocx(dir / "稿.docx", "年鉴稿", {"2025年3月，示例县召开全县经济工作会议。"});
  // Nothing says the period: NJ-PERIOD, telling a Word user what to do.
  auto r = Check(dir, docx);
  auto period = Findings(r, "NJ-PERIOD");
  ASSERT_EQ(period.size(), 1u) << r.out << r.err;
  const std::string how = period[0]["suggestion"];
  EXPECT_NE(period[0]["message"].get<std::string>().find("Word 稿件没有前置元数据"), std::string::npos) << period[0]["message"];
  EXPECT_NE(how.find("--period"), std::string::npos) << how;
  EXPECT_NE(how.find("办公室配置"), std::string::npos) << how;
  EXPECT_EQ(how.find("前置元数据"), std::string::npos) << how;
  EXPECT_TRUE(Findings(r, "NJ-YEAR-OUT").empty()) << r.out;
  // --period: the date is after it.
  r = Check(dir, docx + " --period 2024");
  EXPECT_TRUE(Findings(r, "NJ-PERIOD").empty()) << r.out;
  auto out = Findings(r, "NJ-YEAR-OUT");
  ASSERT_EQ(out.size(), 1u) << r.out << r.err;
  EXPECT_EQ(out[0]["excerpt"], "2025年3月");
  // The office config, TOML or YAML.
  WriteFile(dir / "office.toml", "period = 2024\nplace = \"示例县\"\n");
  WriteFile(dir / "office.yaml", "period: \"2024\"\n");
  for (const char* config : {"office.toml", "office.yaml"}) {
    r = Check(dir, docx + " --config '" + (dir / config).string() + "'");
    EXPECT_EQ(Findings(r, "NJ-YEAR-OUT").size(), 1u) << config << r.out << r.err;
    EXPECT_TRUE(Findings(r, "NJ-PERIOD").empty()) << config << r.out;
  }
  // --period wins over the config.
  r = Check(dir, docx + " --period 2025 --config '" + (dir / "office.toml").string() + "'");
  EXPECT_TRUE(Findings(r, "NJ-YEAR-OUT").empty()) << r.out;
  // The title of a yearbook with its year: 年鉴（2025） records 2024.
  WriteYearbookDocx(dir / "titled.docx", "示例县年鉴（2025）", {"2025年3月，示例县召开全县经济工作会议。"});
  r = Check(dir, "'" + (dir / "titled.docx").string() + "' --format json");
  EXPECT_EQ(Findings(r, "NJ-YEAR-OUT").size(), 1u) << r.out << r.err;
  EXPECT_TRUE(Findings(r, "NJ-PERIOD").empty()) << r.out;
  // A plain-text manuscript takes its title from the file name.
  WriteFile(dir / "示例县年鉴2025.txt", "2025年，全县将新建中小学3所。\n");
  r = Check(dir, "'" + (dir / "示例县年鉴2025.txt").string() + "' --format json");
  out = Findings(r, "NJ-YEAR-OUT");
  ASSERT_EQ(out.size(), 1u) << r.out << r.err;
  EXPECT_EQ(out[0]["excerpt"], "2025年");
  WriteFile(dir / "稿.txt", "2025年，全县将新建中小学3所。\n");
  r = Check(dir, "'" + (dir / "稿.txt").string() + "' --kind yearbook --format json");
  period = Findings(r, "NJ-PERIOD");
  ASSERT_EQ(period.size(), 1u) << r.out << r.err;
  EXPECT_NE(period[0]["message"].get<std::string>().find("纯文本稿件"), std::string::npos) << r.out;
  EXPECT_NE(period[0]["suggestion"].get<std::string>().find("--period 2024"), std::string::npos) << r.out;
  // In Markdown the front matter says it, above the config; --period above both.
  WriteFile(dir / "稿.md", "---\ntitle: 示例县年鉴\nkind: 年鉴\nperiod: 2024\n---\n\n# 经济\n\n## 工业\n\n### 工业生产\n\n"
                           "2025年3月，示例县召开全县经济工作会议。\n");
  WriteFile(dir / "later.toml", "period = 2025\n");
  r = Check(dir, "'" + (dir / "稿.md").string() + "' --format json --config '" + (dir / "later.toml").string() + "'");
  EXPECT_EQ(Findings(r, "NJ-YEAR-OUT").size(), 1u) << r.out << r.err;
  r = Check(dir, "'" + (dir / "稿.md").string() + "' --format json --period 2025");
  EXPECT_TRUE(Findings(r, "NJ-YEAR-OUT").empty()) << r.out;
  // Bad values: exit 2 with the reason.
  r = Check(dir, docx + " --period 明年");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--period"), std::string::npos) << r.err;
  WriteFile(dir / "bad.yaml", "kind: yearbook\nperiod: 明年\n");
  r = Check(dir, docx + " --config '" + (dir / "bad.yaml").string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.yaml 第 2 行"), std::string::npos) << r.err;
}

TEST(CheckCli, PlaceForFigureConsistencyInWord) {
  TempDir dir;
  WriteYearbookDocx(dir / "稿.docx", "年鉴稿",
                    {"2024年，青峰县实现地区生产总值216.48亿元。", "2024年，青峰县实现地区生产总值218.6亿元。"});
  const std::string docx = "'" + (dir / "稿.docx").string() + "' --format json --period 2024";
  auto r = Check(dir, docx);
  EXPECT_TRUE(Findings(r, "CONS-FIGURE").empty()) << r.out << r.err;  // whose figures? unknown
  r = Check(dir, docx + " --place 青峰县");
  auto f = Findings(r, "CONS-FIGURE");
  ASSERT_EQ(f.size(), 1u) << r.out << r.err;
  EXPECT_EQ(f[0]["excerpt"], "218.6亿元");
  // The earlier figure's node has a title: it is named in brackets; never "（）".
  EXPECT_NE(f[0]["message"].get<std::string>().find("（工业生产）为 216.48亿元"), std::string::npos) << f[0]["message"];
  WriteFile(dir / "office.yaml", "place: 青峰县\n");
  r = Check(dir, docx + " --config '" + (dir / "office.yaml").string() + "'");
  EXPECT_EQ(Findings(r, "CONS-FIGURE").size(), 1u) << r.out << r.err;
}

// Markdown with inline HTML is checked, but not inside the tags.
TEST(CheckCli, InlineHtmlParagraphsAreChecked) {
  TempDir dir;
  WriteFile(dir / "稿.md", "---\ntitle: 示例县年鉴\nkind: 年鉴\nperiod: 2024\n---\n\n# 教育\n\n## 基础教育\n\n### 学校\n\n"
                           "今年我县有学校<sup>1</sup>。\n");
  const auto r = Check(dir, "'" + (dir / "稿.md").string() + "'");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("稿.md:13:1 STY-RELTIME-YEAR"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("稿.md:13:3 STY-1P-LOCAL"), std::string::npos) << r.out;
}

// Byte, line and column of a bad byte all count from 1.
TEST(CheckCli, InvalidUtf8IsReportedOneBased) {
  TempDir dir;
  WriteFile(dir / "bad.md", std::string("abc\xFF\n"));
  const auto r = Check(dir, "'" + (dir / "bad.md").string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("第 4 字节（第 1 行第 4 列）"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

}  // namespace
}  // namespace fangzhi::check
