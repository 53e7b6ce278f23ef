// The checks that need context rather than a pattern: first use across the
// whole book (STY-LATIN, STY-NEWWORD), the year earlier in the sentence
// (STY-HISTNAME), a minor's name next to an age or school word (K-MINOR),
// a 条目 without a time (NJ-6ELEM), a second matter in one entry (NJ-UNIT),
// a table title with time and place after the subject (TAB-TITLE), and
// their params' validation.
#include <gtest/gtest.h>

#include "check/checker.h"
#include "check/rule_pack.h"
#include "check_test_util.h"

namespace fangzhi::check {
namespace {

using testing::MakeDoc;
using testing::MarkdownDoc;
using testing::OfRule;

std::vector<Finding> CheckDoc(const model::Document& d, const std::string& rule) {
  RuleSet rules;
  Status s = LoadBuiltinRules(&rules);
  EXPECT_TRUE(s.ok()) << s.message();
  std::unique_ptr<Checker> c;
  s = Checker::Create(std::move(rules), &c);
  EXPECT_TRUE(s.ok()) << s.message();
  std::vector<Finding> out;
  s = c->Check(d, {.kind = "yearbook", .edition = ""}, &out);
  EXPECT_TRUE(s.ok()) << s.message();
  return OfRule(out, rule);
}

std::vector<Finding> RunMarkdown(const std::string& body, const std::string& rule) {
  model::Document d;
  Status s = MarkdownDoc("yearbook", body, &d);
  EXPECT_TRUE(s.ok()) << s.message();
  return CheckDoc(d, rule);
}

TEST(ContextChecks, GlossIsRequiredOnlyAtTheFirstUseInTheBook) {
  // First use glossed in one entry, later use bare in another: nothing.
  auto f = RunMarkdown(
      "# 自然环境\n\n## 生物\n\n### 植物\n\n2024年，云峰乡发现珙桐（Davidia involucrata）群落1处。\n\n"
      "### 保护\n\n2024年，白鹤乡新发现珙桐12株。\n",
      "STY-LATIN");
  EXPECT_TRUE(f.empty());
  // First use bare: reported once, at the first use only.
  f = RunMarkdown(
      "# 自然环境\n\n## 生物\n\n### 植物\n\n2024年，云峰乡发现珙桐群落1处。\n\n"
      "### 保护\n\n2024年，白鹤乡新发现珙桐（Davidia involucrata）12株，珙桐长势良好。\n",
      "STY-LATIN");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].excerpt, "珙桐");
  EXPECT_EQ(f[0].path, "example/1/1/1");
  // The longer name wins where both are listed: 南方红豆杉, not 红豆杉 inside it.
  f = CheckDoc(MakeDoc("yearbook", "示例条目", {"2024年，林区发现南方红豆杉36株。"}), "STY-LATIN");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].excerpt, "南方红豆杉");
}

TEST(ContextChecks, NumericCoinagesNeedAGloss) {
  auto f = CheckDoc(MakeDoc("yearbook", "示例条目", {"全县推行“三资”管理。“三资”清理覆盖全部村。"}), "STY-NEWWORD");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].excerpt, "“三资”");
  EXPECT_EQ(f[0].seg_start, 4u);
  // Glossed with 即; words that open with 一 and well-known ones are left alone.
  EXPECT_TRUE(CheckDoc(MakeDoc("yearbook", "示例条目", {"全县推行“三资”，即资金、资产、资源管理。"}), "STY-NEWWORD").empty());
  EXPECT_TRUE(CheckDoc(MakeDoc("yearbook", "示例条目", {"开通“一站式”窗口，落实“八项规定”。"}), "STY-NEWWORD").empty());
}

TEST(ContextChecks, HistoricalNamesFollowTheYearOfTheSentence) {
  auto f = CheckDoc(MakeDoc("yearbook", "示例条目",
                       {"1990年，县市场监督管理局查处案件41起。2024年，县市场监督管理局查处案件86起。"}),
               "STY-HISTNAME");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].excerpt, "市场监督管理局");
  EXPECT_EQ(f[0].seg_start, 7u);
  EXPECT_NE(f[0].message.find("1990"), std::string::npos);
  // A closed range: the 革命委员会 of 1967–1980.
  f = CheckDoc(MakeDoc("yearbook", "示例条目", {"1975年，县革命委员会召开会议。1985年，县革命委员会召开会议。"}), "STY-HISTNAME");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0].message.find("1985"), std::string::npos);
  // A sentence without a year says nothing about the name.
  EXPECT_TRUE(CheckDoc(MakeDoc("yearbook", "示例条目", {"县应急管理局组织演练12次。"}), "STY-HISTNAME").empty());
}

TEST(ContextChecks, MinorsNamesNextToAgeOrSchoolWords) {
  auto f = CheckDoc(MakeDoc("yearbook", "示例条目", {"7月，小学生王小明（10岁）在河边落水。同月，14岁的刘洋获省赛奖项。"}),
               "K-MINOR");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].excerpt, "王小明");
  EXPECT_EQ(f[1].excerpt, "刘洋");
  // 张某, adults, and words that are not names.
  EXPECT_TRUE(CheckDoc(MakeDoc("yearbook", "示例条目", {"学生张某（12岁）落水获救；县委书记李明（52岁）到场。学生资助3600万元。"}),
                  "K-MINOR")
                  .empty());
}

TEST(ContextChecks, EntriesWithoutATime) {
  // An entry node: the finding is on its title.
  auto f = RunMarkdown("# 社会\n\n## 民政\n\n### 敬老院改扩建\n\n云峰乡敬老院新增床位60张。\n", "NJ-6ELEM");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].excerpt, "敬老院改扩建");
  EXPECT_EQ(f[0].para, 0);
  // 概况 entries and entries with 全年/6月 are fine; 大事记 is checked elsewhere.
  EXPECT_TRUE(RunMarkdown("# 社会\n\n## 民政\n\n### 民政概况\n\n全县有敬老院18所。\n\n### 救助\n\n全年救助困难群众860人。\n",
                          "NJ-6ELEM")
                  .empty());
  // 【】 paragraphs are entries of their own.
  f = CheckDoc(MakeDoc("yearbook", "综合", {"【甲】6月，建成一座桥。", "【乙】建成一座闸。"}), "NJ-6ELEM");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].excerpt, "乙");
}

TEST(ContextChecks, SecondMatterInOneEntry) {
  auto f = CheckDoc(MakeDoc("yearbook", "示例条目", {"6月，污水处理站建成。另外，镇政府组织植树。此外，新建公厕2座。"}), "NJ-UNIT");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].excerpt, "另外");
  EXPECT_EQ(f[1].excerpt, "此外");
}

TEST(ContextChecks, TableTitles) {
  const std::string table = "\n\n| 乡镇 | 产量（吨） |\n|--|--:|\n| 石门镇 | 12600 |\n";
  auto f = RunMarkdown("# 附录\n\n## 统计\n\n### 粮食\n\n各乡镇粮食产量2024年统计" + table, "TAB-TITLE");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].excerpt, "2024年");
  EXPECT_TRUE(RunMarkdown("# 附录\n\n## 统计\n\n### 粮食\n\n2024年示例县各乡镇粮食产量" + table, "TAB-TITLE").empty());
  // A sentence before a table is not its title.
  EXPECT_TRUE(RunMarkdown("# 附录\n\n## 统计\n\n### 粮食\n\n各乡镇粮食产量见下表，数据截至2024年末。" + table, "TAB-TITLE")
                  .empty());
}

TEST(ContextChecks, BadParamsNameTheRuleAndLine) {
  RuleSet rules;
  Status s = ParseRulePack("bad.yaml",
                           "pack: 测试\nrules:\n  - id: X-HIST\n    category: terminology\n    severity: warning\n"
                           "    message: m\n    source: s\n    check: historical_names\n    params:\n"
                           "      names: [应急管理局|二〇一八]\n"
                           "    examples: {fire: [a], no_fire: [b]}\n",
                           &rules);
  if (s.ok()) {
    std::unique_ptr<Checker> c;
    s = Checker::Create(std::move(rules), &c);
  }
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("X-HIST"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("第 10 行"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("应急管理局|二〇一八"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace fangzhi::check
