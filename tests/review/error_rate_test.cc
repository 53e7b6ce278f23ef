// 差错率: the regulation's weights, the repeat caps, exact verdicts at the
// 1/10000 and 5/10000 boundaries, and findings accepted as marks.
#include "review/error_rate.h"

#include <nlohmann/json.hpp>

#include "review/review_test_util.h"

namespace fangzhi::review {
namespace {

ErrorWeights Weights() {
  ErrorWeights w;
  const Status s = BuiltinErrorWeights(&w);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return w;
}

ErrorMark M(const std::string& type, const std::string& excerpt = "x", int page = 0) {
  ErrorMark m;
  m.type = type;
  m.path = "w/1";
  m.para = 1;
  m.excerpt = excerpt;
  m.page = page;
  return m;
}

ErrorRate Rate(size_t chars, std::vector<ErrorMark> marks) {
  Marks m;
  m.chars = chars;
  m.marks = std::move(marks);
  ErrorRate r;
  const Status s = ComputeErrorRate(m, Weights(), &r);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return r;
}

TEST(ErrorWeights, TheRegulationsValues) {
  const ErrorWeights w = Weights();
  EXPECT_EQ(w.version, 1);
  EXPECT_EQ(w.Find("typo")->weight, 100);
  EXPECT_EQ(w.Find("typo")->repeat.per_page, 100);
  EXPECT_EQ(w.Find("typo")->repeat.max_total, 400);
  EXPECT_EQ(w.Find("knowledge")->weight, 200);
  EXPECT_EQ(w.Find("logic")->weight, 200);
  EXPECT_EQ(w.Find("grammar")->weight, 200);
  EXPECT_EQ(w.Find("simplified_traditional")->weight, 50);
  EXPECT_EQ(w.Find("simplified_traditional")->repeat.max_total, 150);
  EXPECT_EQ(w.Find("omission_over_5")->weight, 400);
  EXPECT_EQ(w.Find("cover")->weight, 200);
  for (const auto& t : w.types) EXPECT_FALSE(t.clause.empty()) << t.id;
  EXPECT_EQ(w.category_types.at("typo"), "typo");
  EXPECT_EQ(FormatCenti(150), "1.5");
  EXPECT_EQ(FormatCenti(10), "0.1");
  EXPECT_EQ(FormatCenti(400), "4");
  EXPECT_EQ(FormatCenti(5), "0.05");
}

TEST(ErrorRate, WeightsAddUp) {
  // The textbook case: 10万字, 6 错字 (all different), 2 知识性, 1 语法性 → 12 errors, 1.2/10000, 不合格.
  std::vector<ErrorMark> marks;
  for (int i = 0; i < 6; ++i) marks.push_back(M("typo", "错" + std::to_string(i)));
  marks.push_back(M("knowledge"));
  marks.push_back(M("knowledge", "y"));
  marks.push_back(M("grammar"));
  const ErrorRate r = Rate(100000, marks);
  EXPECT_EQ(r.errors, 1200);
  EXPECT_EQ(r.per_10000, "1.20");
  EXPECT_EQ(r.verdict, "不合格");
  EXPECT_FALSE(r.pass);
  ASSERT_EQ(r.totals.size(), 3u);
  EXPECT_EQ(r.totals[0].type, "typo");
  EXPECT_EQ(r.totals[0].marks, 6u);
}

TEST(ErrorRate, RepeatCapPerPageAndPerBook) {
  // The same wrong character: twice on page 3 counts once; on six pages, at most 4.
  std::vector<ErrorMark> marks = {M("typo", "帐", 3), M("typo", "帐", 3), M("typo", "帐", 4), M("typo", "帐", 5),
                                  M("typo", "帐", 6), M("typo", "帐", 7), M("typo", "帐", 8), M("typo", "另", 8)};
  ErrorRate r = Rate(100000, marks);
  EXPECT_EQ(r.errors, 500);  // 帐 capped at 4, 另 1
  EXPECT_EQ(r.marks[0].counted, 100);
  EXPECT_EQ(r.marks[1].counted, 0);   // same page
  EXPECT_EQ(r.marks[4].counted, 100);  // 4th page: the 4th error
  EXPECT_EQ(r.marks[5].counted, 0);    // 5th page: over the book's cap
  EXPECT_EQ(r.marks[6].counted, 0);
  EXPECT_EQ(r.marks[7].counted, 100);
  // Without page numbers every mark stands on its own page.
  r = Rate(100000, {M("typo", "帐"), M("typo", "帐")});
  EXPECT_EQ(r.errors, 200);
  // 简繁混用: 0.5 each, the same one over 3 places counts 1.5.
  r = Rate(100000, {M("simplified_traditional", "後"), M("simplified_traditional", "後"), M("simplified_traditional", "後"),
                    M("simplified_traditional", "後"), M("simplified_traditional", "後"), M("simplified_traditional", "裏")});
  EXPECT_EQ(r.errors, 200);
  // Punctuation, 0.1 each, ten of them: exactly 1.
  std::vector<ErrorMark> p(10, M("punctuation", "，"));
  r = Rate(10000, p);
  EXPECT_EQ(r.errors, 100);
  EXPECT_TRUE(r.pass);  // exactly 1/10000
}

TEST(ErrorRate, VerdictBoundariesAreExact) {
  // Exactly 1/10000 is 合格; one hundredth of an error more is not.
  ErrorRate r = Rate(30000, {M("typo", "a"), M("typo", "b"), M("typo", "c")});
  EXPECT_EQ(r.per_10000, "1.00");
  EXPECT_EQ(r.verdict, "合格");
  EXPECT_TRUE(r.pass);
  r = Rate(29999, {M("typo", "a"), M("typo", "b"), M("typo", "c")});
  EXPECT_EQ(r.verdict, "不合格");  // 1.00003/10000: rounds to "1.00" for display, yet fails
  EXPECT_EQ(r.per_10000, "1.00");
  // 0.3 errors in 3000 characters = 1/10000 exactly (0.1 + 0.1 + 0.1 in floating point is 0.30000000000000004).
  r = Rate(3000, {M("punctuation", "a"), M("punctuation", "b"), M("punctuation", "c")});
  EXPECT_EQ(r.verdict, "合格");
  // 5/10000 exactly: the middle band; a little more: the last band.
  std::vector<ErrorMark> five;
  for (int i = 0; i < 5; ++i) five.push_back(M("typo", std::string(1, static_cast<char>('a' + i))));
  r = Rate(10000, five);
  EXPECT_EQ(r.per_10000, "5.00");
  EXPECT_EQ(r.verdict, "不合格");
  EXPECT_EQ(r.band, 1);
  r = Rate(9999, five);
  EXPECT_EQ(r.band, 2);
  EXPECT_EQ(r.verdict, "不合格（超过万分之五）");
  // No errors at all.
  r = Rate(100000, {});
  EXPECT_EQ(r.per_10000, "0.00");
  EXPECT_TRUE(r.pass);
}

TEST(ErrorRate, UnknownTypeAndZeroChars) {
  Marks m;
  m.chars = 1000;
  m.marks = {M("typo"), M("spelling")};
  ErrorRate r;
  Status s = ComputeErrorRate(m, Weights(), &r);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_NE(s.message().find("marks[1].type"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("spelling"), std::string::npos) << s.message();
  m.chars = 0;
  m.marks.clear();
  EXPECT_EQ(ComputeErrorRate(m, Weights(), &r).code(), Status::Code::kInvalidInput);
}

TEST(Marks, ParseNamesTheField) {
  Marks m;
  Status s = ParseMarks(R"({"chars": 1000, "marks": [{"type": "typo", "path": "w/1", "para": 2, "excerpt": "帐", "page": 3}]})", "m.json", &m);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(m.marks[0].page, 3);
  EXPECT_EQ(m.marks[0].para, 2);
  struct Case {
    const char* json;
    const char* names;
  } cases[] = {
      {R"({"marks": []})", "chars"},
      {R"({"chars": -5, "marks": []})", "chars"},
      {R"({"chars": "10万", "marks": []})", "chars"},
      {R"({"chars": 1000})", "marks"},
      {R"({"chars": 1000, "marks": {}})", "marks"},
      {R"({"chars": 1000, "marks": [{"path": "w/1", "excerpt": "x"}]})", "marks[0].type"},
      {R"({"chars": 1000, "marks": [{"type": "typo", "path": "w/1", "excerpt": "x"}, {"type": 3, "path": "w/1", "excerpt": "x"}]})", "marks[1].type"},
      {R"({"chars": 1000, "marks": [{"type": "typo", "path": "w/1", "excerpt": "x", "page": 0}]})", "marks[0].page"},
      {R"({"chars": 1000, "marks": [{"type": "typo", "path": "w/1", "excerpt": "x", "pgae": 2}]})", "marks[0].pgae"},
      {R"({"chars": 1000, "marks": [)", "第 1 行"},
  };
  for (const auto& c : cases) {
    s = ParseMarks(c.json, "m.json", &m);
    EXPECT_EQ(s.code(), Status::Code::kInvalidInput) << c.json;
    EXPECT_NE(s.message().find(c.names), std::string::npos) << c.json << " → " << s.message();
    EXPECT_TRUE(s.message().starts_with("m.json")) << s.message();
  }
}

TEST(Marks, FromFindings) {
  check::Finding typo, style, book;
  typo.rule = "TYPO-X";
  typo.category = check::Category::kTypo;
  typo.path = "w/3/1";
  typo.para = 2;
  typo.excerpt = "帐号";
  typo.suggestion = "账号";
  style = typo;
  style.category = check::Category::kStyle;
  book = typo;
  book.para = -1;
  const auto marks = MarksFromFindings({typo, style, book}, Weights());
  ASSERT_EQ(marks.size(), 1u);
  EXPECT_EQ(marks[0].type, "typo");
  EXPECT_EQ(marks[0].excerpt, "帐号");
  EXPECT_EQ(marks[0].correction, "账号");
  EXPECT_EQ(marks[0].rule, "TYPO-X");
  Marks m;
  m.chars = 10000;
  m.marks = marks;
  Marks back;
  ASSERT_TRUE(ParseMarks(MarksJson(m), "m.json", &back).ok());
  EXPECT_EQ(back.marks.size(), 1u);
  EXPECT_EQ(back.marks[0].correction, "账号");
}

TEST(ErrorWeights, FileErrorsNameTheLine) {
  ErrorWeights w;
  Status s = ParseErrorWeights("id: w\nversion: 2\ntypes:\n  - id: typo\n    weight: 0.125\nverdicts:\n  - verdict: 合格\n", "w.yaml", &w);
  EXPECT_NE(s.message().find("w.yaml 第 5 行"), std::string::npos) << s.message();
  s = ParseErrorWeights("id: w\ntypes:\n  - id: typo\n    weight: 1\nverdicts:\n  - verdict: 合格\n", "w.yaml", &w);
  EXPECT_NE(s.message().find("version"), std::string::npos) << s.message();
  s = ParseErrorWeights("id: w\nversion: 1\ntypes:\n  - id: typo\n    weight: 1\ncategory_types:\n  typo: tpyo\nverdicts:\n  - verdict: 合格\n", "w.yaml", &w);
  EXPECT_NE(s.message().find("w.yaml 第 7 行"), std::string::npos) << s.message();
  s = ParseErrorWeights("id: w\nversion: 1\ntypes:\n  - id: typo\n    weight: 1\nverdicts:\n  - max_per_10000: 1\n    verdict: 合格\n", "w.yaml", &w);
  EXPECT_NE(s.message().find("最后一档"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace fangzhi::review
