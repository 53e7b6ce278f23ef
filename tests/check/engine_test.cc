// The check engine: offsets, exceptions, entry titles in every format, the
// office config, broken packs, the clean sample, reports and source lines.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "check/checker.h"
#include "check/enclosures.h"
#include "check/office_config.h"
#include "check/report.h"
#include "check/rule_pack.h"
#include "check/source_map.h"
#include "check_test_util.h"
#include "formats/plain_text_importer.h"

namespace fangzhi::check {
namespace {

using fangzhi::testing::TempDir;
using fangzhi::testing::WriteFile;
using testing::MakeDoc;
using testing::MarkdownDoc;
using testing::OfRule;

std::unique_ptr<Checker> Builtin(RuleSet* keep = nullptr) {
  RuleSet rules;
  Status s = LoadBuiltinRules(&rules);
  EXPECT_TRUE(s.ok()) << s.message();
  if (keep) *keep = rules;
  std::unique_ptr<Checker> c;
  s = Checker::Create(std::move(rules), &c);
  EXPECT_TRUE(s.ok()) << s.message();
  return c;
}

std::vector<Finding> RunCheck(Checker* c, const model::Document& d, const std::string& kind = "yearbook") {
  std::vector<Finding> out;
  Status s = c->Check(d, {.kind = kind, .edition = ""}, &out);
  EXPECT_TRUE(s.ok()) << s.message();
  return out;
}

TEST(CheckEngine, OffsetsAreCodePointsIntoTheNodeText) {
  auto c = Builtin();
  // node text = "标题" "\n" "甲乙" "\n" "丙我县丁" : 我县 starts at 2+1+2+1+1 = 7.
  const auto f = OfRule(RunCheck(c.get(), MakeDoc("yearbook", "标题", {"甲乙", "丙我县丁"})), "STY-1P-LOCAL");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].start, 7u);
  EXPECT_EQ(f[0].end, 9u);
  EXPECT_EQ(f[0].excerpt, "我县");
  EXPECT_EQ(f[0].path, "example/1/1/1");
  EXPECT_EQ(f[0].para, 2);
  EXPECT_EQ(f[0].seg_start, 1u);
  EXPECT_EQ(f[0].category, Category::kPerson);
}

TEST(CheckEngine, ExceptionsAndNearMissesDoNotFire) {
  auto c = Builtin();
  struct Case {
    const char* text;
    const char* rule;
    size_t expected;
  };
  const Case cases[] = {
      {"县人大常委会检查《全国人民代表大会常务委员会关于加强我国水污染防治的决定》的执行情况。", "STY-1P-COUNTRY", 0},
      {"县人大常委会检查《中华人民共和国义务教育法》在示例县的实施情况，我国义务教育普及。", "STY-1P-COUNTRY", 1},
      {"县长说：“目前最要紧的是抢修道路。”", "STY-RELTIME-NOW", 0},
      {"目前，县城道路已全部修复。", "STY-RELTIME-NOW", 1},
      {"调查数据经显著性检验，差异有统计学意义。", "STY-MODIFIER", 0},
      {"全县空气质量显著改善。", "STY-MODIFIER", 1},
      {"改革成效主要体现在审批时间缩短。", "STY-RELTIME-NOW", 0},
      {"该厂于1998年底停产，城区防洪标准提高到50年一遇。", "N-YEAR-FROM", 0},
      {"全年节约1000余万元。", "N-DUP", 0},
      {"出版《柳坪镇志》《青溪镇志》。", "P-SERIES", 0},
  };
  for (const Case& k : cases) {
    EXPECT_EQ(OfRule(RunCheck(c.get(), MakeDoc("yearbook", "示例条目", {k.text})), k.rule).size(), k.expected)
        << k.rule << "：" << k.text;
  }
}

TEST(CheckEngine, EntryTitleRecognisedInPlainTextAndMarkdown) {
  auto c = Builtin();
  TempDir dir;
  const std::string entry = "【奋力打造一流营商环境，推动民营经济发展】2024年，示例县新增市场主体4862户。";
  WriteFile(dir / "entry.txt", entry + "\n");
  model::Document txt;
  ASSERT_TRUE(formats::ImportPlainText(dir / "entry.txt", &txt).ok());
  const auto from_txt = RunCheck(c.get(), txt);
  EXPECT_EQ(OfRule(from_txt, "NJ-T-SLOGAN").size(), 3u);  // 奋力, 打造, 一流
  ASSERT_EQ(OfRule(from_txt, "NJ-T-PUNCT").size(), 1u);
  EXPECT_EQ(OfRule(from_txt, "NJ-T-LEN").size(), 1u);
  EXPECT_EQ(OfRule(from_txt, "NJ-T-LEN")[0].excerpt, "奋力打造一流营商环境，推动民营经济发展");

  model::Document md;
  ASSERT_TRUE(MarkdownDoc("yearbook", "# 经济\n\n## 市场监管\n\n" + entry + "\n", &md).ok());
  const auto from_md = RunCheck(c.get(), md);
  EXPECT_EQ(OfRule(from_md, "NJ-T-SLOGAN").size(), 3u);
  EXPECT_EQ(OfRule(from_md, "NJ-T-PUNCT").size(), 1u);
  // The body after the title is body text, not a title.
  EXPECT_TRUE(OfRule(RunCheck(c.get(), MakeDoc("yearbook", "示例条目", {"【市场主体登记】2024年，示例县奋力推进改革。"})),
                     "NJ-T-SLOGAN")
                  .empty());
}

TEST(CheckEngine, TitleRulesAreForYearbooksOnly) {
  auto c = Builtin();
  const auto d = MakeDoc("yearbook", "奋力打造一流营商环境推动民营经济高质量发展", {"示例县位于四川盆地。"});
  EXPECT_TRUE(OfRule(RunCheck(c.get(), d, "gazetteer"), "NJ-T-LEN").empty());
  EXPECT_FALSE(OfRule(RunCheck(c.get(), d, "yearbook"), "NJ-T-LEN").empty());
}

TEST(CheckEngine, TheSampleYearbookIsNearlyClean) {
  auto c = Builtin();
  model::Document d;
  ASSERT_TRUE(formats::ImportManuscriptMarkdown(fangzhi::testing::SourceDir() / "examples/shili-county-yearbook-2025.md", &d).ok());
  const auto all = RunCheck(c.get(), d);
  size_t serious = 0;
  std::string listed;
  for (const auto& f : all) {
    if (f.severity >= Severity::kWarning) ++serious;
    listed += f.rule + "“" + f.excerpt + "” ";
  }
  EXPECT_EQ(serious, 0u) << listed;
  EXPECT_LE(all.size(), 3u) << listed;
}

// ---- Office config ----

struct Configured {
  std::unique_ptr<Checker> checker;
  OfficeSettings settings;
  Status status;
};

Configured WithConfig(const std::string& name, const std::string& text) {
  Configured out;
  RuleSet rules;
  out.status = LoadBuiltinRules(&rules);
  if (out.status.ok()) out.status = ApplyOfficeConfigText(name, text, &rules, &out.settings);
  if (out.status.ok()) out.status = Checker::Create(std::move(rules), &out.checker);
  return out;
}

TEST(OfficeConfig, DisablesRulesChangesSeveritiesAndThresholds) {
  const std::string title17 = "示例县农村生活污水治理工作推进会议";  // 17 characters
  const auto doc = MakeDoc("yearbook", title17, {"我县新建公园3个，人气爆款。"});
  for (const auto& [name, text] : std::vector<std::pair<std::string, std::string>>{
           {"office.yaml",
            "fail_on: error\ndisable: [STY-1P-LOCAL]\nseverity:\n  STY-NEWS: error\nparams:\n  NJ-T-LEN: {max_chars: 18}\n"
            "words:\n  STY-NEWS: [爆款]\n"},
           {"office.toml",
            "fail_on = \"error\"\ndisable = [\"STY-1P-LOCAL\"]\n[severity]\nSTY-NEWS = \"error\"\n[params.NJ-T-LEN]\n"
            "max_chars = 18\n[words]\nSTY-NEWS = [\"爆款\"]\n"}}) {
    Configured c = WithConfig(name, text);
    ASSERT_TRUE(c.status.ok()) << name << "：" << c.status.message();
    EXPECT_EQ(c.settings.fail_on, Severity::kError) << name;
    const auto all = RunCheck(c.checker.get(), doc);
    EXPECT_TRUE(OfRule(all, "STY-1P-LOCAL").empty()) << name;
    EXPECT_TRUE(OfRule(all, "NJ-T-LEN").empty()) << name;
    const auto news = OfRule(all, "STY-NEWS");
    ASSERT_EQ(news.size(), 1u) << name;
    EXPECT_EQ(news[0].excerpt, "爆款");
    EXPECT_EQ(news[0].severity, Severity::kError);
  }
  // The same title fails a 15-character office.
  Configured strict = WithConfig("office.yaml", "params:\n  NJ-T-LEN:\n    max_chars: 15\n");
  ASSERT_TRUE(strict.status.ok()) << strict.status.message();
  EXPECT_EQ(OfRule(RunCheck(strict.checker.get(), doc), "NJ-T-LEN").size(), 1u);
}

TEST(OfficeConfig, ReplacementsAndExceptionsExtendWordLists) {
  Configured c = WithConfig("office.yaml",
                            "replacements:\n  TYPO-WORD:\n    示例县政府: 示例县人民政府\nexceptions:\n  STY-MODIFIER: [显著提升]\n");
  ASSERT_TRUE(c.status.ok()) << c.status.message();
  const auto all = RunCheck(c.checker.get(), MakeDoc("yearbook", "示例条目", {"示例县政府召开会议，服务水平显著提升。"}));
  const auto typo = OfRule(all, "TYPO-WORD");
  ASSERT_EQ(typo.size(), 1u);
  EXPECT_EQ(typo[0].suggestion, "改为“示例县人民政府”");
  EXPECT_TRUE(OfRule(all, "STY-MODIFIER").empty());
}

TEST(OfficeConfig, TheShippedExampleApplies) {
  RuleSet rules;
  ASSERT_TRUE(LoadBuiltinRules(&rules).ok());
  OfficeSettings settings;
  Status s = ApplyOfficeConfig(fangzhi::testing::SourceDir() / "rules/office.example.toml", &rules, &settings);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_FALSE(rules.Find("NJ-ROUTINE")->enabled);
  EXPECT_TRUE(rules.Find("STY-SYMBOL")->enabled);
  EXPECT_EQ(rules.Find("NJ-T-LEN")->params.at("max_chars"), std::vector<std::string>{"18"});
  std::unique_ptr<Checker> c;
  EXPECT_TRUE(Checker::Create(std::move(rules), &c).ok());
}

TEST(OfficeConfig, UnknownRulesAndBadValuesAreErrorsWithTheLine) {
  struct Case {
    std::string name, text, expect;
  };
  const std::vector<Case> cases = {
      {"office.yaml", "fail_on: warning\ndisable:\n  - STY-NOSUCH\n", "office.yaml 第 3 行：未知的规则 “STY-NOSUCH”"},
      {"office.toml", "\n[severity]\nSTY-NOSUCH = \"info\"\n", "office.toml 第 3 行：未知的规则 “STY-NOSUCH”"},
      {"office.yaml", "params:\n  STY-NEWS: {max_chars: 3}\n", "规则 STY-NEWS 是词语规则"},
      {"office.yaml", "params:\n  NJ-T-LEN: {max_len: 3}\n", "没有参数 “max_len”"},
      {"office.yaml", "colour: blue\n", "未知的键 “colour”"},
      {"office.yaml", "fail_on: fatal\n", "fail_on 只能是"},
      {"office.toml", "fail_on = \n", "office.toml 第 1 行：TOML 写法有误"},
      {"office.ini", "x=1\n", "配置文件须为 .toml 或 .yaml"},
  };
  for (const Case& k : cases) {
    Configured c = WithConfig(k.name, k.text);
    ASSERT_FALSE(c.status.ok()) << k.text;
    EXPECT_NE(c.status.message().find(k.expect), std::string::npos) << c.status.message();
  }
  // A threshold out of range is caught when the checker is built.
  Configured bad = WithConfig("office.yaml", "params:\n  NJ-T-LEN: {max_chars: 2}\n");
  ASSERT_FALSE(bad.status.ok());
  EXPECT_NE(bad.status.message().find("office.yaml 第 2 行（规则 NJ-T-LEN）：参数 max_chars"), std::string::npos)
      << bad.status.message();
}

// ---- Broken packs ----

Status LoadPack(const std::string& yaml) {
  RuleSet rs;
  Status s = ParseRulePack("rules/test.yaml", yaml, &rs);
  if (!s.ok()) return s;
  std::unique_ptr<Checker> c;
  return Checker::Create(std::move(rs), &c);
}

const char* kPackHead =
    "pack: 测试\nrules:\n"
    "  - id: T-ONE\n"
    "    category: style\n"
    "    severity: warning\n"
    "    message: 测试\n"
    "    source: 测试\n";
const char* kPackExamples = "    examples:\n      fire: [甲]\n      no_fire: [乙]\n";

// Hyperscan gives a variable-width pattern only its end; the matcher finds
// the start by scanning that segment again with the pattern alone. The start
// must be the leftmost one, per segment, and a match across a segment
// boundary is never reported.
TEST(CheckEngine, VariableWidthMatchesGetTheirLeftmostStart) {
  RuleSet rs;
  Status s = ParseRulePack("rules/test.yaml",
                           std::string(kPackHead) + "    patterns: ['约[0-9]+(?:多|余)', '乙\\s+丙', '丁+戊']\n" +
                               kPackExamples,
                           &rs);
  ASSERT_TRUE(s.ok()) << s.message();
  std::unique_ptr<Checker> c;
  s = Checker::Create(std::move(rs), &c);
  ASSERT_TRUE(s.ok()) << s.message();
  // node text = "标题\n甲约12多乙约3余乙\n丙约100多丁丁丁戊": "乙\n丙" crosses segments.
  const auto f = RunCheck(c.get(), MakeDoc("yearbook", "标题", {"甲约12多乙约3余乙", "丙约100多丁丁丁戊"}));
  std::vector<std::string> excerpts;
  for (const auto& x : f) excerpts.push_back(x.excerpt + "@" + std::to_string(x.start));
  EXPECT_EQ(excerpts, (std::vector<std::string>{"约12多@4", "约3余@9", "约100多@15", "丁丁丁戊@20"}));
}

TEST(RulePack, BrokenPatternNamesTheRuleAndTheLine) {
  Status s = LoadPack(std::string(kPackHead) + "    patterns:\n      - '甲'\n      - '[0-9'\n" + kPackExamples);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("rules/test.yaml 第 10 行（规则 T-ONE）"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("[0-9"), std::string::npos) << s.message();
  // The bounded negated class engines.md warns about.
  s = LoadPack(std::string(kPackHead) + "    patterns: ['[^》]{0,40}》']\n" + kPackExamples);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("第 8 行（规则 T-ONE）"), std::string::npos) << s.message();
  // A broken context regex.
  s = LoadPack(std::string(kPackHead) + "    literals: [甲]\n    not_before: '(乙'\n" + kPackExamples);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("第 9 行（规则 T-ONE）：not_before"), std::string::npos) << s.message();
}

TEST(RulePack, ShapeErrorsAreReported) {
  struct Case {
    std::string yaml, expect;
  };
  const std::vector<Case> cases = {
      {std::string(kPackHead) + "    literals: [甲]\n", "缺少 examples.fire"},
      {std::string(kPackHead) + "    literals: [甲]\n    colour: red\n" + kPackExamples, "第 9 行（规则 T-ONE）：未知的键 “colour”"},
      {std::string(kPackHead) + kPackExamples, "既没有 literals"},
      {std::string(kPackHead) + "    check: no_such_check\n" + kPackExamples, "未知的结构检查 “no_such_check”"},
      {std::string(kPackHead) + "    literals: [甲]\n" + kPackExamples + std::string(kPackHead).substr(std::string(kPackHead).find("  - id:")) +
           "    literals: [甲]\n" + kPackExamples,
       "规则编号 T-ONE 重复"},
      {"pack: x\nrules:\n  - id: t-lower\n", "只能由大写字母"},
      {"pack: [\n", "YAML 写法有误"},
  };
  for (const Case& k : cases) {
    Status s = LoadPack(k.yaml);
    ASSERT_FALSE(s.ok()) << k.yaml;
    EXPECT_NE(s.message().find(k.expect), std::string::npos) << s.message();
  }
}

// ---- Reports and locations ----

TEST(Reports, JsonCarriesTheDocumentedFieldsAndHtmlEscapes) {
  FileReport r;
  r.file = "示例.md";
  r.work_id = "example";
  r.title = "示例<年鉴>";
  r.kind = "yearbook";
  Finding f;
  f.rule = "STY-1P-LOCAL";
  f.category = Category::kPerson;
  f.severity = Severity::kWarning;
  f.path = "example/1/1/1";
  f.start = 7;
  f.end = 9;
  f.excerpt = "<script>alert(1)</script>";
  f.message = "不用“我县” & 自称";
  f.suggestion = "写\"示例县\"";
  f.chapter = "政治";
  f.line = 12;
  f.column = 3;
  r.findings.push_back(f);
  const auto j = nlohmann::json::parse(RenderJson({r}, {}));
  EXPECT_EQ(j["format"], "fangzhi-check");
  const auto& jf = j["files"][0]["findings"][0];
  for (const char* k : {"rule", "category", "severity", "path", "start", "end", "excerpt", "message", "suggestion"}) {
    EXPECT_TRUE(jf.contains(k)) << k;
  }
  EXPECT_EQ(jf["start"], 7);
  EXPECT_EQ(jf["category"], "person");
  EXPECT_TRUE(j["failed"].get<bool>());
  const std::string html = RenderHtml({r}, {});
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("示例&lt;年鉴&gt;"), std::string::npos);
  EXPECT_NE(html.find("&amp; 自称"), std::string::npos);
  EXPECT_NE(html.find("&quot;示例县&quot;"), std::string::npos);
  EXPECT_NE(html.find("政治（1 处）"), std::string::npos);
  EXPECT_EQ(RenderText({r}), "示例.md:12:3 STY-1P-LOCAL 不用“我县” & 自称：“<script>alert(1)</script>”（建议：写\"示例县\"）\n");
}

TEST(Reports, SourceLinesFollowMarkdownMarkup) {
  TempDir dir;
  const std::string md =
      "---\ntitle: 示例\nkind: 年鉴\nperiod: 2024\n---\n\n# 政治\n\n## 政府工作\n\n### 政务服务\n\n"
      "2024年，县政府**积极**推进改革，\n**目前**已完成。\n\n| 指标 | 说明 |\n|--|--|\n| 甲 | 我县数据 |\n";
  WriteFile(dir / "m.md", md);
  model::Document d;
  ASSERT_TRUE(formats::ImportManuscriptMarkdown(dir / "m.md", &d).ok());
  auto c = Builtin();
  auto all = RunCheck(c.get(), d);
  SourceMap map(md, *d.BaseEdition());
  const auto now = OfRule(all, "STY-RELTIME-NOW");
  ASSERT_EQ(now.size(), 1u);
  size_t line = 0, col = 0;
  ASSERT_TRUE(map.Locate(now[0], &line, &col));
  EXPECT_EQ(line, 14u);
  EXPECT_EQ(col, 3u);  // after "**"
  const auto we = OfRule(all, "STY-1P-LOCAL");
  ASSERT_EQ(we.size(), 1u);
  ASSERT_TRUE(map.Locate(we[0], &line, &col));
  EXPECT_EQ(line, 18u);
  EXPECT_EQ(col, 7u);
}

TEST(Enclosures, NestedAndUnclosedMarks) {
  const std::string t = "他说：“读《示例县志》（1986年版）”，又说“";
  const auto spans = FindEnclosures(t);
  ASSERT_EQ(spans.size(), 4u);
  const auto unpaired = FindUnpairedMarks(t);
  ASSERT_EQ(unpaired.size(), 1u);
  EXPECT_TRUE(unpaired[0].opening);
  EXPECT_EQ(t.substr(unpaired[0].begin, unpaired[0].end - unpaired[0].begin), "“");
  EXPECT_EQ(FindUnpairedMarks("多了一个》").size(), 1u);
}

// Inline HTML in a Markdown paragraph: the prose around the tags is
// checked at its own offsets; the tags themselves are not.
TEST(CheckEngine, InlineHtmlMasksOnlyTheTags) {
  auto c = Builtin();
  model::Document d;
  ASSERT_TRUE(MarkdownDoc("yearbook", "# 教育\n\n## 基础教育\n\n### 学校\n\n今年我县有学校<sup>1</sup>。", &d).ok());
  const auto all = RunCheck(c.get(), d);
  // node text = "学校" "\n" "今年我县有学校<sup>1</sup>。": 今年 at 3, 我县 at 5.
  const auto year = OfRule(all, "STY-RELTIME-YEAR");
  ASSERT_EQ(year.size(), 1u);
  EXPECT_EQ(year[0].start, 3u);
  EXPECT_EQ(year[0].end, 5u);
  EXPECT_EQ(year[0].excerpt, "今年");
  const auto we = OfRule(all, "STY-1P-LOCAL");
  ASSERT_EQ(we.size(), 1u);
  EXPECT_EQ(we[0].start, 5u);
  EXPECT_EQ(we[0].end, 7u);
  EXPECT_EQ(we[0].excerpt, "我县");
  // Words inside a tag are markup, not text.
  ASSERT_TRUE(MarkdownDoc("yearbook", "# 教育\n\n## 基础教育\n\n### 学校\n\n全县有学校<span title=\"我县\">12</span>所。", &d).ok());
  EXPECT_TRUE(OfRule(RunCheck(c.get(), d), "STY-1P-LOCAL").empty());
  // A raw HTML block stays unchecked as a whole.
  ASSERT_TRUE(MarkdownDoc("yearbook", "# 教育\n\n## 基础教育\n\n### 学校\n\n<div>\n今年我县有学校。\n</div>", &d).ok());
  EXPECT_TRUE(OfRule(RunCheck(c.get(), d), "STY-1P-LOCAL").empty());
}

TEST(CheckEngine, QuotesAreNotDoubled) {
  EXPECT_EQ(Quoted("三资"), "“三资”");
  EXPECT_EQ(Quoted("“三资”"), "“三资”");
  EXPECT_EQ(Quoted("“甲”和“乙”"), "““甲”和“乙””");
  EXPECT_EQ(Quoted(""), "“”");
  auto c = Builtin();
  const auto wenge = OfRule(RunCheck(c.get(), MakeDoc("yearbook", "示例条目", {"文革期间，县志编纂工作中断。"})), "STY-WENGE");
  ASSERT_EQ(wenge.size(), 1u);
  EXPECT_EQ(wenge[0].suggestion, "改为“文化大革命”");
  const auto word = OfRule(RunCheck(c.get(), MakeDoc("yearbook", "示例条目", {"全县推行“万企兴万村”行动。"})), "STY-NEWWORD");
  ASSERT_EQ(word.size(), 1u);
  EXPECT_EQ(word[0].message.find("““"), std::string::npos) << word[0].message;
  FileReport rep;
  rep.file = "稿.md";
  rep.findings = word;
  const std::string text = RenderText({rep});
  EXPECT_NE(text.find("：“万企兴万村”"), std::string::npos) << text;
  EXPECT_EQ(text.find("““"), std::string::npos) << text;
}

TEST(CheckEngine, FigureMessageNamesAnUntitledNodeWithoutEmptyBrackets) {
  auto c = Builtin();
  model::Document d;
  ASSERT_TRUE(MarkdownDoc("yearbook",
                          "2024年，示例县实现地区生产总值216.48亿元。\n\n# 概况\n\n## 县情概况\n\n### 综合经济\n\n"
                          "2024年，示例县实现地区生产总值218.6亿元。",
                          &d)
                  .ok());
  const auto f = OfRule(RunCheck(c.get(), d), "CONS-FIGURE");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].message.find("（）"), std::string::npos) << f[0].message;
  EXPECT_NE(f[0].message.find("为 216.48亿元"), std::string::npos) << f[0].message;
}

TEST(CheckEngine, PeriodFromOptionsMetadataConfigAndTitle) {
  int first = 0, last = 0;
  EXPECT_TRUE(ParsePeriod("1986-2005", &first, &last));
  EXPECT_EQ(first, 1986);
  EXPECT_EQ(last, 2005);
  EXPECT_FALSE(ParsePeriod("明年", &first, &last));
  EXPECT_EQ(YearbookTitleYear("示例县年鉴（2025）"), 2025);
  EXPECT_EQ(YearbookTitleYear("示例县年鉴2025"), 2025);
  EXPECT_EQ(YearbookTitleYear("示例县年鉴(2025)"), 2025);
  EXPECT_EQ(YearbookTitleYear("示例县年鉴（２０２５）"), 2025);
  EXPECT_EQ(YearbookTitleYear("示例县年鉴"), 0);
  EXPECT_EQ(YearbookTitleYear("示例县年鉴（2025）编写说明"), 0);
  EXPECT_EQ(YearbookTitleYear("示例县年鉴（20251）"), 0);

  auto c = Builtin();
  model::Document d = MakeDoc("yearbook", "示例条目", {"2025年3月，示例县召开全县经济工作会议。"});
  auto out_of_period = [&](const CheckOptions& opt) {
    std::vector<Finding> all;
    EXPECT_TRUE(c->Check(d, opt, &all).ok());
    return OfRule(all, "NJ-YEAR-OUT").size();
  };
  EXPECT_EQ(out_of_period({.kind = "yearbook"}), 1u);  // metadata: 2024
  EXPECT_EQ(out_of_period({.kind = "yearbook", .period = "2025"}), 0u);
  EXPECT_EQ(out_of_period({.kind = "yearbook", .default_period = "2025"}), 1u);  // the metadata wins
  d.work.period.clear();
  EXPECT_EQ(out_of_period({.kind = "yearbook", .default_period = "2025"}), 0u);
  EXPECT_EQ(out_of_period({.kind = "yearbook"}), 1u);  // 示例县年鉴（2025） → 2024
  d.work.title = "示例县年鉴（2026）";
  EXPECT_EQ(out_of_period({.kind = "yearbook"}), 0u);
  d.work.title = "示例县年鉴";
  EXPECT_EQ(out_of_period({.kind = "yearbook"}), 0u);
  std::vector<Finding> all;
  ASSERT_TRUE(c->Check(d, {.kind = "yearbook", .input_format = "markdown"}, &all).ok());
  const auto missing = OfRule(all, "NJ-PERIOD");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_NE(missing[0].suggestion.find("前置元数据"), std::string::npos) << missing[0].suggestion;
}

}  // namespace
}  // namespace fangzhi::check
