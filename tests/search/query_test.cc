#include "search/query.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "text/utf8.h"

namespace fangzhi::search {
namespace {

using Kind = QueryNode::Kind;

Query MustParse(const std::string& s) {
  Query q;
  const Status st = ParseQuery(s, &q);
  EXPECT_TRUE(st.ok()) << s << " → " << st.ToString();
  return q;
}

std::string Canon(const std::string& s) { return DescribeQuery(MustParse(s)); }

// The error message for `s`, which must fail with InvalidInput.
std::string ErrorOf(const std::string& s) {
  Query q;
  const Status st = ParseQuery(s, &q);
  EXPECT_FALSE(st.ok()) << s << " parsed as: " << DescribeQuery(q);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput) << s;
  return st.message();
}

#define EXPECT_ERROR(query, fragment) \
  EXPECT_NE(ErrorOf(query).find(fragment), std::string::npos) << (query) << " → " << ErrorOf(query)

// Same kinds, texts, distances and shape; offsets ignored.
bool SameTree(const QueryNode& a, const QueryNode& b) {
  if (a.kind != b.kind || a.text != b.text || a.distance != b.distance) return false;
  if (a.children.size() != b.children.size()) return false;
  for (size_t i = 0; i < a.children.size(); ++i) {
    if (!SameTree(a.children[i], b.children[i])) return false;
  }
  return true;
}

// --- terms ------------------------------------------------------------------

TEST(QueryParse, PlainTermIsKeptExactlyAsTyped) {
  Query q = MustParse("巴");
  EXPECT_EQ(q.root.kind, Kind::kTerm);
  EXPECT_EQ(q.root.text, "巴");
  EXPECT_EQ(q.root.offset, 0u);
  EXPECT_TRUE(q.root.children.empty());
  EXPECT_TRUE(q.filters.empty());

  EXPECT_EQ(MustParse("華陽國志").root.text, "華陽國志");
  EXPECT_EQ(MustParse("  成都府。 ").root.text, "成都府。");  // punctuation kept, spaces are not
  EXPECT_EQ(MustParse("巴-蜀").root.text, "巴-蜀");           // '-' inside a word is a character
  EXPECT_EQ(MustParse("NEARBY").root.text, "NEARBY");
  EXPECT_EQ(MustParse("near").root.text, "near");      // NEAR/k in any case, bare only NEAR
  EXPECT_EQ(Canon("巴 near/5 蜀"), "巴 NEAR/5 蜀");
  EXPECT_EQ(MustParse("OR").root.text, "OR");          // no word operators
}

TEST(QueryParse, FullWidthParenthesesAndColonAreTermCharacters) {
  Query q = MustParse("知縣（正七品）");
  EXPECT_EQ(q.root.kind, Kind::kTerm);
  EXPECT_EQ(q.root.text, "知縣（正七品）");
  q = MustParse("（明） 知府");
  ASSERT_EQ(q.root.kind, Kind::kAnd);
  EXPECT_EQ(q.root.children[0].text, "（明）");
  q = MustParse("dynasty：明");  // a full-width colon does not make a filter
  EXPECT_EQ(q.root.kind, Kind::kTerm);
  EXPECT_EQ(q.root.text, "dynasty：明");
  EXPECT_TRUE(q.filters.empty());
  EXPECT_EQ(MustParse("物產：茶").root.text, "物產：茶");
}

// --- AND, OR, precedence -----------------------------------------------------

TEST(QueryParse, WhitespaceMeansAnd) {
  for (const std::string s : {"巴 蜀", "巴　蜀", "巴\t蜀", " 巴 \n 蜀 ", "巴\u3000\u3000蜀"}) {
    Query q = MustParse(s);
    ASSERT_EQ(q.root.kind, Kind::kAnd) << s;
    ASSERT_EQ(q.root.children.size(), 2u) << s;
    EXPECT_EQ(q.root.children[0].text, "巴") << s;
    EXPECT_EQ(q.root.children[1].text, "蜀") << s;
  }
  Query q = MustParse("巴　蜀");
  EXPECT_EQ(q.root.children[1].offset, 2u);  // code points, not bytes
  EXPECT_EQ(Canon("巴　蜀   漢中"), "巴 蜀 漢中");
}

TEST(QueryParse, BarMeansOrInBothWidths) {
  for (const std::string s : {"巴 | 蜀", "巴|蜀", "巴｜蜀", "巴 ｜ 蜀"}) {
    Query q = MustParse(s);
    ASSERT_EQ(q.root.kind, Kind::kOr) << s;
    ASSERT_EQ(q.root.children.size(), 2u) << s;
    EXPECT_EQ(q.root.children[0].text, "巴") << s;
    EXPECT_EQ(q.root.children[1].text, "蜀") << s;
    EXPECT_EQ(DescribeQuery(q), "巴 | 蜀") << s;
  }
}

TEST(QueryParse, AndBindsTighterThanOr) {
  Query q = MustParse("知府 同知 | 知縣");
  ASSERT_EQ(q.root.kind, Kind::kOr);
  ASSERT_EQ(q.root.children.size(), 2u);
  EXPECT_EQ(q.root.children[0].kind, Kind::kAnd);
  EXPECT_EQ(q.root.children[1].text, "知縣");
  EXPECT_TRUE(SameTree(q.root, MustParse("(知府 同知) | 知縣").root));

  q = MustParse("知縣 | 知府 同知");
  ASSERT_EQ(q.root.kind, Kind::kOr);
  EXPECT_EQ(q.root.children[0].text, "知縣");
  EXPECT_EQ(q.root.children[1].kind, Kind::kAnd);
  EXPECT_EQ(DescribeQuery(q), "知縣 | 知府 同知");

  EXPECT_FALSE(SameTree(MustParse("甲 乙 | 丙").root, MustParse("甲 (乙 | 丙)").root));
  EXPECT_EQ(Canon("甲 (乙 | 丙)"), "甲 (乙 | 丙)");
}

TEST(QueryParse, GroupsAreSimplified) {
  Query q = MustParse("巴 (蜀 | 漢) 郡");
  ASSERT_EQ(q.root.kind, Kind::kAnd);
  ASSERT_EQ(q.root.children.size(), 3u);
  EXPECT_EQ(q.root.children[1].kind, Kind::kOr);

  q = MustParse("((巴))");
  EXPECT_EQ(q.root.kind, Kind::kTerm);
  EXPECT_EQ(q.root.text, "巴");
  EXPECT_EQ(q.root.offset, 2u);

  q = MustParse("巴 (蜀 (漢 郡))");  // nested ANDs flatten
  ASSERT_EQ(q.root.kind, Kind::kAnd);
  ASSERT_EQ(q.root.children.size(), 4u);
  for (const QueryNode& c : q.root.children) EXPECT_EQ(c.kind, Kind::kTerm);

  q = MustParse("(巴 | 蜀) | (漢 | 郡)");  // nested ORs flatten
  ASSERT_EQ(q.root.kind, Kind::kOr);
  EXPECT_EQ(q.root.children.size(), 4u);

  q = MustParse("巴(蜀|漢)");  // operators need no spaces around them
  ASSERT_EQ(q.root.kind, Kind::kAnd);
  EXPECT_EQ(q.root.children[0].text, "巴");
  EXPECT_EQ(q.root.children[1].kind, Kind::kOr);
}

// --- NOT ---------------------------------------------------------------------

TEST(QueryParse, MinusExcludes) {
  Query q = MustParse("巴 -蜀");
  ASSERT_EQ(q.root.kind, Kind::kAnd);
  ASSERT_EQ(q.root.children.size(), 2u);
  const QueryNode& n = q.root.children[1];
  EXPECT_EQ(n.kind, Kind::kNot);
  EXPECT_EQ(n.offset, 2u);
  ASSERT_EQ(n.children.size(), 1u);
  EXPECT_EQ(n.children[0].text, "蜀");
  EXPECT_EQ(n.children[0].offset, 3u);

  EXPECT_TRUE(SameTree(MustParse("巴 －蜀").root, q.root));  // full-width minus
  EXPECT_EQ(Canon("巴 －蜀"), "巴 -蜀");
  EXPECT_EQ(Canon("-蜀 巴"), "-蜀 巴");  // position does not matter

  q = MustParse("鹽井 -\"自貢 鹽場\"");
  ASSERT_EQ(q.root.children[1].kind, Kind::kNot);
  EXPECT_EQ(q.root.children[1].children[0].text, "自貢鹽場");

  q = MustParse("巴 -(蜀 | 漢)");
  ASSERT_EQ(q.root.children[1].kind, Kind::kNot);
  EXPECT_EQ(q.root.children[1].children[0].kind, Kind::kOr);
  EXPECT_EQ(DescribeQuery(q), "巴 -(蜀 | 漢)");

  EXPECT_EQ(Canon("巴 (-蜀)"), "巴 -蜀");        // a group of one NOT is just the NOT
  EXPECT_EQ(Canon("巴 (-蜀 -漢)"), "巴 -蜀 -漢");  // and ANDs flatten around it
}

TEST(QueryParse, QueryNeedsATermWithoutMinus) {
  EXPECT_ERROR("-蜀", "查询至少需要一个不带 - 的词");
  EXPECT_ERROR("-蜀", "第 1 个字符处的 -蜀");
  EXPECT_ERROR("-巴 -蜀", "查询至少需要一个不带 - 的词");
  EXPECT_ERROR("-(巴 蜀)", "查询至少需要一个不带 - 的词");
  // Each side of | must be able to stand alone.
  EXPECT_ERROR("巴 | -蜀", "查询第 5 个字符处：| 的每一边都至少需要一个不带 - 的词（-蜀");
  EXPECT_ERROR("(-巴 -蜀) | 漢", "| 的每一边都至少需要一个不带 - 的词");
  EXPECT_ERROR("漢 (巴 | -蜀)", "| 的每一边");
  // What follows '-' needs a positive term too.
  EXPECT_ERROR("巴 -(-蜀)", "查询第 3 个字符处：- 后面的括号里至少需要一个不带 - 的词");
  // but a positive term anywhere in the AND is enough
  EXPECT_EQ(Canon("-蜀 -漢 巴"), "-蜀 -漢 巴");
  EXPECT_EQ(Canon("巴 | 蜀 -漢"), "巴 | 蜀 -漢");
}

TEST(QueryParse, LoneMinusIsAnError) {
  EXPECT_ERROR("-", "查询第 1 个字符处的 - 后面缺少要排除的词");
  EXPECT_ERROR("巴 -", "查询第 3 个字符处的 - 后面缺少要排除的词");
  EXPECT_ERROR("巴 - 蜀", "查询第 3 个字符处的 - 后面缺少要排除的词");
  EXPECT_ERROR("巴 －　蜀", "查询第 3 个字符处的 - 后面缺少要排除的词");
  EXPECT_ERROR("巴 -| 蜀", "- 后面缺少要排除的词");
  EXPECT_ERROR("(巴 -)", "查询第 4 个字符处的 - 后面缺少要排除的词");
  EXPECT_ERROR("巴 --蜀", "查询第 3 个字符处有两个 - 连用");
}

// --- phrases ----------------------------------------------------------------

TEST(QueryParse, PhraseIsOneTermWithoutWhitespace) {
  Query q = MustParse("\"巴 蜀\"");
  EXPECT_EQ(q.root.kind, Kind::kTerm);
  EXPECT_EQ(q.root.text, "巴蜀");
  EXPECT_EQ(q.root.offset, 0u);

  EXPECT_EQ(MustParse("“成都 府　志”").root.text, "成都府志");  // Chinese quotes, U+3000 inside
  EXPECT_EQ(MustParse("\"巴\"").root.text, "巴");
  // Syntax inside quotes is text.
  EXPECT_EQ(MustParse("\"巴|蜀 (郡) -漢\"").root.text, "巴|蜀(郡)-漢");
  EXPECT_EQ(MustParse("\"NEAR/3\"").root.text, "NEAR/3");
  q = MustParse("\"dynasty:明\"");
  EXPECT_EQ(q.root.text, "dynasty:明");
  EXPECT_TRUE(q.filters.empty());
  // The other kind of quote mark inside a phrase is a character.
  EXPECT_EQ(MustParse("\"曰“蜀”\"").root.text, "曰“蜀”");
  EXPECT_EQ(MustParse("“曰\"蜀\"”").root.text, "曰\"蜀\"");

  q = MustParse("巴\"蜀 郡\"漢");  // a phrase ends the word before it: three terms
  ASSERT_EQ(q.root.kind, Kind::kAnd);
  ASSERT_EQ(q.root.children.size(), 3u);
  EXPECT_EQ(q.root.children[1].text, "蜀郡");
  EXPECT_EQ(q.root.children[1].offset, 1u);
  EXPECT_EQ(q.root.children[2].offset, 6u);
}

TEST(QueryParse, UnbalancedQuotesNameTheOffset) {
  EXPECT_EQ(ErrorOf("\"巴蜀"), "查询第 1 个字符处的引号没有闭合");
  EXPECT_EQ(ErrorOf("華陽國志 “巴 蜀"), "查询第 6 个字符处的引号没有闭合");
  EXPECT_EQ(ErrorOf("\"巴蜀”"), "查询第 1 个字符处的引号没有闭合");  // " closes only with "
  EXPECT_EQ(ErrorOf("“巴蜀\" 郡"), "查询第 1 个字符处的引号没有闭合");  // “ closes only with ”
  EXPECT_EQ(ErrorOf("巴”蜀"), "查询第 2 个字符处的右引号 ” 前面没有对应的左引号");
  EXPECT_EQ(ErrorOf("巴 \"\""), "查询第 3 个字符处的引号里没有内容");
  EXPECT_EQ(ErrorOf("“　”"), "查询第 1 个字符处的引号里没有内容");
  EXPECT_EQ(ErrorOf("\"巴\" \"蜀"), "查询第 5 个字符处的引号没有闭合");
}

// --- NEAR --------------------------------------------------------------------

TEST(QueryParse, NearJoinsTwoTermsOrPhrases) {
  Query q = MustParse("鹽井 NEAR/5 竈戶");
  ASSERT_EQ(q.root.kind, Kind::kNear);
  EXPECT_EQ(q.root.distance, 5);
  ASSERT_EQ(q.root.children.size(), 2u);
  EXPECT_EQ(q.root.children[0].text, "鹽井");
  EXPECT_EQ(q.root.children[1].text, "竈戶");
  EXPECT_EQ(q.root.children[1].offset, 10u);
  EXPECT_EQ(DescribeQuery(q), "鹽井 NEAR/5 竈戶");

  q = MustParse("\"成都 府\" NEAR/10 “知 府”");
  ASSERT_EQ(q.root.kind, Kind::kNear);
  EXPECT_EQ(q.root.children[0].text, "成都府");
  EXPECT_EQ(q.root.children[1].text, "知府");

  EXPECT_EQ(MustParse("巴 NEAR/1 蜀").root.distance, 1);
  EXPECT_EQ(MustParse("巴 NEAR/1000 蜀").root.distance, 1000);
  EXPECT_EQ(MustParse("巴 NEAR/007 蜀").root.distance, 7);
  EXPECT_EQ(Canon("巴 NEAR/007 蜀"), "巴 NEAR/7 蜀");
}

TEST(QueryParse, NearBindsTighterThanAndAndOr) {
  Query q = MustParse("甲 乙 NEAR/3 丙 | 丁");
  ASSERT_EQ(q.root.kind, Kind::kOr);
  const QueryNode& left = q.root.children[0];
  ASSERT_EQ(left.kind, Kind::kAnd);
  EXPECT_EQ(left.children[0].text, "甲");
  ASSERT_EQ(left.children[1].kind, Kind::kNear);
  EXPECT_EQ(left.children[1].children[0].text, "乙");
  EXPECT_EQ(left.children[1].children[1].text, "丙");
  EXPECT_EQ(q.root.children[1].text, "丁");

  q = MustParse("巴 -(蜀 NEAR/2 郡)");
  ASSERT_EQ(q.root.children[1].kind, Kind::kNot);
  EXPECT_EQ(q.root.children[1].children[0].kind, Kind::kNear);
  EXPECT_EQ(DescribeQuery(q), "巴 -(蜀 NEAR/2 郡)");
}

TEST(QueryParse, NearErrors) {
  EXPECT_ERROR("巴 NEAR 蜀", "查询第 3 个字符处的 NEAR：NEAR 要写成 NEAR/k");
  EXPECT_ERROR("巴 NEAR/ 蜀", "NEAR 要写成 NEAR/k");
  EXPECT_ERROR("巴 NEAR/x 蜀", "NEAR 要写成 NEAR/k");
  EXPECT_ERROR("巴 NEAR/5x 蜀", "NEAR 要写成 NEAR/k");
  EXPECT_ERROR("巴 NEAR/５ 蜀", "NEAR 要写成 NEAR/k");  // full-width digit
  EXPECT_ERROR("巴 NEAR/-1 蜀", "NEAR 要写成 NEAR/k");
  EXPECT_ERROR("巴 NEAR/99999 蜀", "NEAR 要写成 NEAR/k");
  EXPECT_ERROR("巴 NEAR/0 蜀", "查询第 3 个字符处的 NEAR/0：NEAR 的距离必须在 1 到 1000 之间");
  EXPECT_ERROR("巴 NEAR/1001 蜀", "NEAR 的距离必须在 1 到 1000 之间");
  // Operands.
  EXPECT_ERROR("NEAR/3 蜀", "查询第 1 个字符处的 NEAR/3 左边缺少词");
  EXPECT_ERROR("巴 | NEAR/3 蜀", "查询第 5 个字符处的 NEAR/3 左边缺少词");
  EXPECT_ERROR("巴 NEAR/3", "查询第 3 个字符处的 NEAR/3 右边缺少词");
  EXPECT_ERROR("巴 NEAR/3 | 蜀", "NEAR/3 右边缺少词");
  EXPECT_ERROR("(巴 NEAR/3)", "NEAR/3 右边缺少词");
  EXPECT_ERROR("(巴 | 蜀) NEAR/3 郡", "查询第 9 个字符处的 NEAR/3 左边必须是一个词或引号短语，不能是括号");
  EXPECT_ERROR("巴 NEAR/3 (蜀 | 郡)", "NEAR/3 右边必须是一个词或引号短语");
  EXPECT_ERROR("巴 NEAR/3 -蜀", "NEAR/3 右边必须是一个词或引号短语");
  EXPECT_ERROR("巴 NEAR/3 dynasty:明", "NEAR/3 右边必须是一个词或引号短语");
  EXPECT_ERROR("漢 -巴 NEAR/3 蜀", "查询第 6 个字符处的 NEAR/3 左边不能是带 - 的词；要排除两词相邻出现，请写成 -(");
  // Chains are refused, not silently grouped.
  EXPECT_ERROR("甲 NEAR/3 乙 NEAR/3 丙", "查询第 12 个字符处：NEAR 不能连用");
}

// --- parentheses -------------------------------------------------------------

TEST(QueryParse, UnbalancedParenthesesNameTheOffset) {
  EXPECT_EQ(ErrorOf("(巴 蜀"), "查询第 1 个字符处的左括号没有闭合");
  EXPECT_EQ(ErrorOf("巴 ((蜀) 郡"), "查询第 3 个字符处的左括号没有闭合");
  EXPECT_EQ(ErrorOf("巴 蜀)"), "查询第 4 个字符处的右括号没有对应的左括号");
  EXPECT_EQ(ErrorOf(")"), "查询第 1 个字符处的右括号没有对应的左括号");
  EXPECT_EQ(ErrorOf("(巴)) 蜀"), "查询第 4 个字符处的右括号没有对应的左括号");
  EXPECT_EQ(ErrorOf("巴 | )"), "查询第 5 个字符处的右括号没有对应的左括号");
  EXPECT_EQ(ErrorOf("巴 ()"), "查询第 3 个字符处的括号里没有内容");
  EXPECT_EQ(ErrorOf("巴 ( 　)"), "查询第 3 个字符处的括号里没有内容");
}

TEST(QueryParse, MissingOperandsOfBar) {
  EXPECT_ERROR("|", "查询第 1 个字符处的 | 前面缺少词");
  EXPECT_ERROR("| 巴", "查询第 1 个字符处的 | 前面缺少词");
  EXPECT_ERROR("巴 |", "查询第 3 个字符处的 | 后面缺少词");
  EXPECT_ERROR("巴 || 蜀", "查询第 3 个字符处的 | 后面缺少词");
  EXPECT_ERROR("巴 | ｜ 蜀", "查询第 3 个字符处的 | 后面缺少词");
  EXPECT_ERROR("(| 巴)", "查询第 2 个字符处的 | 前面缺少词");
  EXPECT_ERROR("(巴 |)", "查询第 4 个字符处的 | 后面缺少词");
}

// --- filters ---------------------------------------------------------------

TEST(QueryParse, FiltersOfEveryField) {
  Query q = MustParse("鹽井 work:KR2i0003 kind:志书 region:510100 dynasty:清 edition:SBCK");
  EXPECT_EQ(q.root.kind, Kind::kTerm);
  EXPECT_EQ(q.root.text, "鹽井");
  EXPECT_EQ(q.filters.work, std::vector<std::string>{"KR2i0003"});
  EXPECT_EQ(q.filters.kind, std::vector<std::string>{"志书"});
  EXPECT_EQ(q.filters.region, std::vector<std::string>{"510100"});
  EXPECT_EQ(q.filters.dynasty, std::vector<std::string>{"清"});
  EXPECT_EQ(q.filters.edition, std::vector<std::string>{"SBCK"});
  EXPECT_EQ(DescribeQuery(q), "鹽井 work:KR2i0003 kind:志书 region:510100 dynasty:清 edition:SBCK");
}

TEST(QueryParse, FilterValuesOfOneFieldAccumulate) {
  Query q = MustParse("dynasty:明 知府 dynasty:清 dynasty:明");
  EXPECT_EQ(q.filters.dynasty, (std::vector<std::string>{"明", "清"}));  // in order, no duplicates
  EXPECT_EQ(q.root.text, "知府");
  EXPECT_EQ(DescribeQuery(q), "知府 dynasty:明 dynasty:清");
  // Field names are ASCII and case-insensitive; values are kept as typed.
  q = MustParse("茶 Dynasty:明 REGION:Sichuan");
  EXPECT_EQ(q.filters.dynasty, std::vector<std::string>{"明"});
  EXPECT_EQ(q.filters.region, std::vector<std::string>{"Sichuan"});
  // A value may hold colons and '-' and full-width parentheses.
  q = MustParse("茶 work:a:b-c（一）");
  EXPECT_EQ(q.filters.work, std::vector<std::string>{"a:b-c（一）"});
}

TEST(QueryParse, FiltersApplyWhereverTheyAppear) {
  Query q = MustParse("巴 dynasty:明 | 蜀");
  ASSERT_EQ(q.root.kind, Kind::kOr);
  EXPECT_EQ(q.root.children.size(), 2u);
  EXPECT_EQ(q.filters.dynasty, std::vector<std::string>{"明"});
  EXPECT_EQ(DescribeQuery(q), "巴 | 蜀 dynasty:明");
  EXPECT_EQ(Canon("dynasty:明 巴"), "巴 dynasty:明");
}

TEST(QueryParse, QuotedFilterValues) {
  Query q = MustParse("茶 work:\"華陽 國志\" region:“四川 成都”");
  EXPECT_EQ(q.filters.work, std::vector<std::string>{"華陽 國志"});  // inner space kept
  EXPECT_EQ(q.filters.region, std::vector<std::string>{"四川 成都"});
  EXPECT_EQ(DescribeQuery(q), "茶 work:\"華陽 國志\" region:\"四川 成都\"");
  EXPECT_EQ(MustParse("茶 work:\" 華陽國志　\"").filters.work, std::vector<std::string>{"華陽國志"});
  EXPECT_EQ(MustParse("茶 work:\"a|b\"").filters.work, std::vector<std::string>{"a|b"});
  EXPECT_ERROR("茶 work:\"華陽", "查询第 8 个字符处的引号没有闭合");
}

TEST(QueryParse, FilterErrors) {
  EXPECT_EQ(ErrorOf("巴 foo:bar"),
            "查询第 3 个字符处：未知的筛选条件 foo（可用：work, kind, region, dynasty, edition）");
  EXPECT_ERROR("巴 Foo:bar", "未知的筛选条件 Foo（");
  EXPECT_ERROR("巴 work:", "查询第 3 个字符处的筛选条件 work: 没有值");
  EXPECT_ERROR("巴 work: 華陽國志", "查询第 3 个字符处的筛选条件 work: 没有值");
  EXPECT_ERROR("巴 work:\"\"", "筛选条件 work:\"\" 没有值");
  EXPECT_ERROR("巴 work:“　”", "没有值");
  EXPECT_ERROR("巴 (蜀 dynasty:明)", "查询第 6 个字符处的筛选条件 dynasty:明 不能放在括号里");
  EXPECT_ERROR("巴 -dynasty:明", "查询第 3 个字符处的 - 不能用在筛选条件前面");
  EXPECT_EQ(ErrorOf("dynasty:明"), "查询只有筛选条件，至少需要一个检索词");
  EXPECT_ERROR("巴 | dynasty:明", "查询第 3 个字符处的 | 后面缺少词（筛选条件不算）");
  EXPECT_ERROR("dynasty:明 | 巴", "查询第 11 个字符处的 | 前面缺少词（筛选条件不算）");
  // "明|清" is neither one value nor two: a bar right after a value is refused.
  EXPECT_ERROR("巴 dynasty:明|清", "查询第 3 个字符处的筛选条件 dynasty:明 后面紧跟着 |：同一筛选条件的多个值请分开写");
  EXPECT_ERROR("巴 work:\"甲\"｜乙", "筛选条件 work:\"甲\" 后面紧跟着 |");
  // With a space the bar is an ordinary OR and the filter still applies to all.
  Query q = MustParse("巴 dynasty:明 | 清");
  EXPECT_EQ(q.root.kind, Kind::kOr);
  EXPECT_EQ(q.filters.dynasty, std::vector<std::string>{"明"});
}

// --- empty and malformed input ---------------------------------------------

TEST(QueryParse, EmptyQuery) {
  EXPECT_EQ(ErrorOf(""), "查询为空");
  EXPECT_EQ(ErrorOf("   "), "查询为空");
  EXPECT_EQ(ErrorOf("\u3000\t\n\u3000"), "查询为空");
}

TEST(QueryParse, MalformedUtf8NamesTheByteOffset) {
  EXPECT_EQ(ErrorOf("巴\xff蜀"), "查询第 3 字节处（第 2 个字符）不是有效的 UTF-8 编码");
  EXPECT_EQ(ErrorOf("\xe5\xb7"), "查询第 0 字节处（第 1 个字符）不是有效的 UTF-8 编码");
  EXPECT_EQ(ErrorOf("巴 \"蜀\xed\xa0\x80\""), "查询第 8 字节处（第 5 个字符）不是有效的 UTF-8 编码");
}

TEST(QueryParse, OutputIsUntouchedOnError) {
  Query q = MustParse("巴 dynasty:明");
  EXPECT_FALSE(ParseQuery("(蜀", &q).ok());
  EXPECT_EQ(q.root.text, "巴");
  EXPECT_EQ(q.filters.dynasty, std::vector<std::string>{"明"});
}

// --- size and depth --------------------------------------------------------

TEST(QueryParse, TenThousandCharacterQueryIsFast) {
  std::string one_term;
  for (int i = 0; i < 10000; ++i) one_term += (i % 2) ? "蜀" : "巴";
  std::string many;  // 10,000 characters of groups, NOTs and ORs
  while (text::CountCodePoints(many) < 10000) many += "(巴 -蜀)|郡 ";

  const auto start = std::chrono::steady_clock::now();
  Query q = MustParse(one_term);
  Query m = MustParse(many);
  const auto elapsed = std::chrono::steady_clock::now() - start;

  EXPECT_EQ(q.root.kind, Kind::kTerm);
  EXPECT_EQ(q.root.text.size(), 30000u);
  EXPECT_EQ(q.root.text, one_term);
  ASSERT_EQ(m.root.kind, Kind::kOr);
  EXPECT_GT(m.root.children.size(), 500u);
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 1000);
}

TEST(QueryParse, NestingIsCapped) {
  std::string ok = std::string(kMaxQueryDepth, '(') + "巴" + std::string(kMaxQueryDepth, ')');
  Query q = MustParse(ok + " 蜀");
  ASSERT_EQ(q.root.kind, Kind::kAnd);
  EXPECT_EQ(q.root.children[0].text, "巴");
  EXPECT_EQ(q.root.children[0].offset, static_cast<size_t>(kMaxQueryDepth));

  const std::string deep = std::string(kMaxQueryDepth + 1, '(') + "巴" + std::string(kMaxQueryDepth + 1, ')');
  EXPECT_EQ(ErrorOf(deep), "查询第 65 个字符处的括号嵌套超过 64 层");

  const auto start = std::chrono::steady_clock::now();
  EXPECT_ERROR(std::string(10000, '('), "括号嵌套超过 64 层");
  EXPECT_ERROR("巴 " + std::string(5000, '-'), "两个 - 连用");
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start)
                .count(),
            1000);
}

// --- DescribeQuery -----------------------------------------------------------

TEST(QueryDescribe, CanonicalForms) {
  EXPECT_EQ(Canon("  巴   蜀  "), "巴 蜀");
  EXPECT_EQ(Canon("巴｜蜀"), "巴 | 蜀");
  EXPECT_EQ(Canon("(巴 蜀) | 漢"), "巴 蜀 | 漢");
  EXPECT_EQ(Canon("(巴 | 蜀) 漢"), "(巴 | 蜀) 漢");
  EXPECT_EQ(Canon("“巴 蜀”"), "巴蜀");  // a phrase is just its term
  EXPECT_EQ(Canon("\"巴|蜀\""), "\"巴|蜀\"");
  EXPECT_EQ(Canon("\"-巴\" 蜀"), "\"-巴\" 蜀");
  EXPECT_EQ(Canon("\"－巴\" 蜀"), "\"－巴\" 蜀");
  EXPECT_EQ(Canon("\"NEAR\""), "\"NEAR\"");
  EXPECT_EQ(Canon("\"NEAR/3\""), "\"NEAR/3\"");
  EXPECT_EQ(Canon("\"work:甲\""), "\"work:甲\"");
  EXPECT_EQ(Canon("\"foo:甲\""), "\"foo:甲\"");
  EXPECT_EQ(Canon("“曰\"蜀\"”"), "“曰\"蜀\"”");
  EXPECT_EQ(Canon("巴 -\"蜀|漢\""), "巴 -\"蜀|漢\"");
  EXPECT_EQ(Canon("巴 -(蜀 漢)"), "巴 -(蜀 漢)");
  EXPECT_EQ(Canon("巴 NEAR/3 \"(郡)\""), "巴 NEAR/3 \"(郡)\"");
  EXPECT_EQ(Canon("edition:WYG 茶 dynasty:清 work:X"), "茶 work:X dynasty:清 edition:WYG");
}

TEST(QueryDescribe, RoundTrips) {
  const std::vector<std::string> queries = {
      "巴",
      "華陽國志",
      "成都府 知府",
      "巴 | 蜀 | 漢中",
      "知府 同知 | 知縣 典史",
      "(巴 | 蜀) (郡 | 國)",
      "鹽井 -自貢",
      "茶 -(蒙山 | 名山) 貢",
      "\"巴 蜀\" NEAR/5 郡",
      "甲 乙 NEAR/3 丙 | 丁 -戊",
      "巴 -(蜀 NEAR/2 郡)",
      "“曰\"蜀\"” \"曰“蜀”\"",
      "\"-巴\" \"NEAR/3\" \"dynasty:明\" \"(郡)\" \"巴｜蜀\"",
      "知縣（正七品） dynasty：明",
      "茶 dynasty:明 dynasty:清 region:\"四川 成都\" work:KR2i0003 kind:志书 edition:\"a|b\"",
      "巴 work:“曰\"蜀\"”",
      "((((巴 | 蜀) 郡) | 國) -漢)",
  };
  for (const std::string& s : queries) {
    const Query q = MustParse(s);
    const std::string d = DescribeQuery(q);
    Query again;
    const Status st = ParseQuery(d, &again);
    ASSERT_TRUE(st.ok()) << s << " → " << d << " → " << st.ToString();
    EXPECT_TRUE(SameTree(q.root, again.root)) << s << " → " << d << " → " << DescribeQuery(again);
    EXPECT_EQ(q.filters, again.filters) << s << " → " << d;
    EXPECT_EQ(DescribeQuery(again), d) << s;  // canonical form is a fixed point
  }
}

// Random strings over the query alphabet: every input either parses to a
// tree that keeps the documented invariants and round-trips, or fails with
// InvalidInput and a message that starts with "查询".
void CheckInvariants(const QueryNode& n, bool under_and, int* depth_budget) {
  ASSERT_GT(--*depth_budget, 0);
  switch (n.kind) {
    case Kind::kTerm:
      EXPECT_FALSE(n.text.empty());
      EXPECT_TRUE(n.children.empty());
      break;
    case Kind::kNear:
      ASSERT_EQ(n.children.size(), 2u);
      EXPECT_EQ(n.children[0].kind, Kind::kTerm);
      EXPECT_EQ(n.children[1].kind, Kind::kTerm);
      EXPECT_GE(n.distance, 1);
      EXPECT_LE(n.distance, kMaxNearDistance);
      break;
    case Kind::kNot:
      EXPECT_TRUE(under_and);
      ASSERT_EQ(n.children.size(), 1u);
      EXPECT_NE(n.children[0].kind, Kind::kNot);
      break;
    case Kind::kAnd:
    case Kind::kOr:
      EXPECT_GE(n.children.size(), 2u);
      for (const QueryNode& c : n.children) EXPECT_NE(c.kind, n.kind);
      break;
  }
  for (const QueryNode& c : n.children) CheckInvariants(c, n.kind == Kind::kAnd, depth_budget);
  ++*depth_budget;
}

TEST(QueryParse, RandomQueriesParseOrFailCleanly) {
  const std::vector<std::string> pieces = {"巴", "蜀", "郡", " ", "　", "|", "｜", "(", ")", "-", "－",
                                           "\"", "“", "”", "NEAR/3", " NEAR/2 ", "dynasty:明", "work:",
                                           "（", "：", "foo:x", "NEAR"};
  std::mt19937 rng(20261126);
  int parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    const int n = 1 + static_cast<int>(rng() % 12);
    for (int j = 0; j < n; ++j) s += pieces[rng() % pieces.size()];
    Query q;
    const Status st = ParseQuery(s, &q);
    if (!st.ok()) {
      EXPECT_EQ(st.code(), Status::Code::kInvalidInput) << s;
      EXPECT_EQ(st.message().rfind("查询", 0), 0u) << s << " → " << st.message();
      continue;
    }
    ++parsed;
    int budget = 200;
    CheckInvariants(q.root, false, &budget);
    const std::string d = DescribeQuery(q);
    Query again;
    ASSERT_TRUE(ParseQuery(d, &again).ok()) << s << " → " << d;
    EXPECT_TRUE(SameTree(q.root, again.root)) << s << " → " << d;
    EXPECT_EQ(q.filters, again.filters) << s << " → " << d;
  }
  EXPECT_GT(parsed, 1000);  // the generator does reach valid queries
}

}  // namespace
}  // namespace fangzhi::search
