// 复核: findings of v1 carried to v2 by their text. Edits before a finding,
// a section inserted above it (every path shifts), a sentence moved to
// another node: none of these may turn a finding into fixed + new.
#include "review/recheck.h"

#include <nlohmann/json.hpp>

#include "check/rule_pack.h"
#include "review/comments.h"
#include "review/review_test_util.h"
#include "review/version_diff.h"

namespace fangzhi::review {
namespace {

using fangzhi::testing::TempDir;
using testing::Dump;
using testing::Manuscript;

class RecheckTest : public ::testing::Test {
 protected:
  // Compiling the rules takes a second: once for the suite.
  static void SetUpTestSuite() {
    check::RuleSet rules;
    ASSERT_TRUE(check::LoadBuiltinRules(&rules).ok());
    ASSERT_TRUE(check::Checker::Create(std::move(rules), &checker_).ok());
  }
  static void TearDownTestSuite() { checker_.reset(); }
  void SetUp() override { ASSERT_TRUE(BuiltinFramework("yearbook", &fw_).ok()); }

  RecheckResult Run(const std::string& v1, const std::string& v2) {
    old_doc_ = Manuscript(dir_, "v1.md", v1);
    new_doc_ = Manuscript(dir_, "v2.md", v2);
    std::vector<check::Finding> a, b;
    EXPECT_TRUE(CheckVersion(old_doc_, "", "", checker_.get(), fw_, &a).ok());
    EXPECT_TRUE(CheckVersion(new_doc_, "", "", checker_.get(), fw_, &b).ok());
    RecheckResult r;
    EXPECT_TRUE(Recheck(old_doc_, a, new_doc_, b, &r).ok());
    return r;
  }

  static std::string Show(const RecheckResult& r) {
    std::string out = "fixed:\n" + Dump(r.fixed) + "still:\n";
    for (const auto& m : r.still_present) out += Dump({m.after});
    out += "moved:\n";
    for (const auto& m : r.moved) out += Dump({m.before}) + "  → " + Dump({m.after});
    return out + "new:\n" + Dump(r.added);
  }

  static size_t Count(const std::vector<check::Finding>& fs, const std::string& rule, const std::string& excerpt) {
    return std::count_if(fs.begin(), fs.end(), [&](const auto& f) { return f.rule == rule && f.excerpt == excerpt; });
  }
  static size_t Count(const std::vector<MatchedFinding>& ms, const std::string& rule, const std::string& excerpt) {
    return std::count_if(ms.begin(), ms.end(), [&](const auto& m) { return m.after.rule == rule && m.after.excerpt == excerpt; });
  }

  TempDir dir_;
  static inline std::unique_ptr<check::Checker> checker_;
  Framework fw_;
  model::Document old_doc_, new_doc_;
};

const std::string kV1 =
    "# 大事记\n\n## 1月\n\n1月7日　县政协第十一届委员会第四次会议在县会议中心召开。\n\n"
    "# 概况\n\n## 县情概况\n\n### 位置面积\n\n测试县地处川西。我县面积1842平方千米，辖9个乡镇。\n\n"
    "### 人口民族\n\n今年全县常住人口36.82万人，城镇化率48.6%。\n\n"
    "### 综合经济\n\n全县地区生产总值216.48亿元，比上年增长5.9%。目前全县有规模以上工业企业86户。\n\n"
    "# 附录\n\n## 统计资料\n\n### 主要指标\n\n地区生产总值216.48亿元。\n";

TEST_F(RecheckTest, SameTextIsAllStillPresent) {
  const RecheckResult r = Run(kV1, kV1);
  EXPECT_TRUE(r.fixed.empty()) << Show(r);
  EXPECT_TRUE(r.moved.empty()) << Show(r);
  EXPECT_TRUE(r.added.empty()) << Show(r);
  EXPECT_EQ(Count(r.still_present, "STY-1P-LOCAL", "我县"), 1u) << Show(r);
  EXPECT_EQ(Count(r.still_present, "STY-RELTIME-YEAR", "今年"), 1u) << Show(r);
}

TEST_F(RecheckTest, FixedStillMovedNew) {
  // v2: a 特载 inserted at the top (every path shifts by one), text added
  // before 我县 in its paragraph, 今年 corrected, the 目前 sentence moved from
  // 综合经济 to 人口民族, and a new 我们.
  const std::string v2 =
      "# 特载\n\n## 专文\n\n### 发展综述\n\n2024年，测试县经济平稳运行。\n\n"
      "# 大事记\n\n## 1月\n\n1月7日　县政协第十一届委员会第四次会议在县会议中心召开。\n\n"
      "# 概况\n\n## 县情概况\n\n### 位置面积\n\n测试县地处四川盆地西缘，东邻示例市，境内多山。我县面积1842平方千米，辖9个乡镇。\n\n"
      "### 人口民族\n\n2024年末全县常住人口36.82万人，城镇化率48.6%。目前全县有规模以上工业企业86户。\n\n"
      "### 综合经济\n\n全县地区生产总值216.48亿元，比上年增长5.9%。我们统计的口径与上年相同。\n\n"
      "# 附录\n\n## 统计资料\n\n### 主要指标\n\n地区生产总值216.48亿元。\n";
  const RecheckResult r = Run(kV1, v2);
  EXPECT_EQ(Count(r.fixed, "STY-RELTIME-YEAR", "今年"), 1u) << Show(r);
  ASSERT_EQ(Count(r.still_present, "STY-1P-LOCAL", "我县"), 1u) << Show(r);
  for (const auto& m : r.still_present) {
    if (m.after.rule != "STY-1P-LOCAL") continue;
    EXPECT_EQ(m.before.path, "test-2025/2/1/1");
    EXPECT_EQ(m.after.path, "test-2025/3/1/1");  // the path shifted; the finding is the same
    EXPECT_NE(m.before.start, m.after.start);     // and so did the offset
  }
  ASSERT_EQ(Count(r.moved, "STY-RELTIME-NOW", "目前"), 1u) << Show(r);
  for (const auto& m : r.moved) {
    EXPECT_EQ(m.before.path, "test-2025/2/1/3");
    EXPECT_EQ(m.after.path, "test-2025/3/1/2");
  }
  EXPECT_EQ(Count(r.added, "STY-1P-WE", "我们"), 1u) << Show(r);
  EXPECT_EQ(Count(r.fixed, "STY-1P-LOCAL", "我县"), 0u) << Show(r);
  EXPECT_EQ(Count(r.added, "STY-1P-LOCAL", "我县"), 0u) << Show(r);

  // The JSON has exactly the four lists, each of check findings.
  const auto j = nlohmann::json::parse(RecheckJson(r));
  ASSERT_EQ(j.size(), 4u);
  for (const char* k : {"fixed", "still_present", "moved", "new"}) ASSERT_TRUE(j.at(k).is_array()) << k;
  EXPECT_EQ(j["new"].size(), r.added.size());
  bool saw = false;
  for (const auto& f : j["moved"]) {
    saw = saw || (f["rule"] == "STY-RELTIME-NOW" && f["path"] == "test-2025/3/1/2" && f["category"] == "time");
  }
  EXPECT_TRUE(saw) << j.dump(1);
}

TEST_F(RecheckTest, RepeatedWordsPairOneToOne) {
  const std::string v1 = "# 大事记\n\n## 1月\n\n1月7日　会议召开。\n\n# 概况\n\n## 县情\n\n### 位置\n\n我县东部多山，我县西部多水，我县中部为平坝。\n\n# 附录\n\n## 表\n\n### 指标\n\n数据。\n";
  const std::string v2 = "# 大事记\n\n## 1月\n\n1月7日　会议召开。\n\n# 概况\n\n## 县情\n\n### 位置\n\n我县东部多山，测试县西部多水，我县中部为平坝。\n\n# 附录\n\n## 表\n\n### 指标\n\n数据。\n";
  const RecheckResult r = Run(v1, v2);
  EXPECT_EQ(Count(r.still_present, "STY-1P-LOCAL", "我县"), 2u) << Show(r);
  ASSERT_EQ(Count(r.fixed, "STY-1P-LOCAL", "我县"), 1u) << Show(r);
  for (const auto& f : r.fixed) {
    if (f.rule == "STY-1P-LOCAL") {
      EXPECT_EQ(f.start, 10u);  // the middle one: after "位置\n我县东部多山，"
    }
  }
  EXPECT_TRUE(r.added.empty()) << Show(r);
}

TEST_F(RecheckTest, MovedWithinANodeToAnotherParagraph) {
  const std::string head = "# 大事记\n\n## 1月\n\n1月7日　会议召开。\n\n# 概况\n\n## 县情\n\n### 工业\n\n";
  const std::string tail = "# 附录\n\n## 表\n\n### 指标\n\n数据。\n";
  // Same paragraph, rewritten around the word: still present. Another
  // paragraph with none of its old words around it: moved.
  RecheckResult r = Run(head + "全县工业平稳。目前有企业86户。\n\n园区在建。\n\n" + tail,
                        head + "全县工业平稳。\n\n园区在建，目前已完成主体工程。\n\n" + tail);
  EXPECT_EQ(Count(r.moved, "STY-RELTIME-NOW", "目前"), 1u) << Show(r);
  r = Run(head + "全县工业平稳。目前有企业86户。\n\n园区在建。\n\n" + tail,
          head + "全县工业平稳增长，目前共计企业86户。\n\n园区在建。\n\n" + tail);
  EXPECT_EQ(Count(r.still_present, "STY-RELTIME-NOW", "目前"), 1u) << Show(r);
}

TEST_F(RecheckTest, OutlineFindingsAreCarriedToo) {
  const std::string v1 = "# 概况\n\n## 县情\n\n### 位置\n\n测试县地处川西。\n\n# 附录\n\n## 表\n\n### 指标\n\n数据。\n";
  const std::string v2 = "# 大事记\n\n## 1月\n\n1月7日　会议召开。\n\n" + v1;
  const RecheckResult r = Run(v1, v2);
  bool fixed = false;
  for (const auto& f : r.fixed) fixed = fixed || (f.rule == "OUT-MISSING" && f.excerpt == "大事记");
  EXPECT_TRUE(fixed) << Show(r);
}

TEST_F(RecheckTest, CommentsFollowTheirNode) {
  const std::string v2 =
      "# 特载\n\n## 专文\n\n### 发展综述\n\n2024年，测试县经济平稳运行。\n\n"
      "# 大事记\n\n## 1月\n\n1月7日　县政协第十一届委员会第四次会议在县会议中心召开。\n\n"
      "# 概况\n\n## 县情概况\n\n### 面积与位置\n\n测试县地处川西。我县面积1842平方千米，辖9个乡镇。\n\n"
      "### 综合经济\n\n全县地区生产总值216.48亿元，比上年增长5.9%。\n\n"
      "# 附录\n\n## 统计资料\n\n### 主要指标\n\n地区生产总值216.48亿元。城镇化率48.6%。\n";
  old_doc_ = Manuscript(dir_, "v1.md", kV1);
  new_doc_ = Manuscript(dir_, "v2.md", v2);
  const std::vector<ReviewComment> comments = {
      {"c1", "test-2025/2/1/1", "位置面积", "", "面积请注明数据来源"},          // renamed heading, same text
      {"c2", "test-2025/2/1/3", "综合经济", "", "增速请核对"},                  // path shifts
      {"c3", "test-2025/2/1/2", "人口民族", "城镇化率48.6%", "城镇化率口径？"},  // node removed, text moved
      {"c4", "test-2025/2/1/2", "人口民族", "", "人口请用年末数"},              // node removed: its parent
      {"c5", "test-2025/9", "不存在", "", "?"},
  };
  const auto out = CarryComments(old_doc_, new_doc_, comments);
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0].placement, CommentPlacement::kSameNode);
  EXPECT_EQ(out[0].new_path, "test-2025/3/1/1");
  EXPECT_EQ(out[0].new_title, "面积与位置");
  EXPECT_EQ(out[1].new_path, "test-2025/3/1/2");
  EXPECT_EQ(out[2].placement, CommentPlacement::kFollowedText);
  EXPECT_EQ(out[2].new_path, "test-2025/4/1/1");
  EXPECT_TRUE(out[2].anchor_found);
  EXPECT_EQ(out[3].placement, CommentPlacement::kParent);
  EXPECT_EQ(out[3].new_path, "test-2025/3/1");
  EXPECT_EQ(out[4].placement, CommentPlacement::kLost);
  EXPECT_TRUE(out[4].new_path.empty());
}

TEST_F(RecheckTest, DiffByNode) {
  const std::string v2 =
      "# 大事记\n\n## 1月\n\n1月7日　县政协第十一届委员会第四次会议在县会议中心召开。\n\n"
      "# 概况\n\n## 县情概况\n\n### 位置面积\n\n测试县地处川西。测试县面积1842平方千米，辖9个乡镇。\n\n"
      "### 综合经济\n\n全县地区生产总值216.48亿元，比上年增长5.9%。目前全县有规模以上工业企业86户。\n\n"
      "### 气候\n\n年平均气温16.5摄氏度。\n\n"
      "# 附录\n\n## 统计资料\n\n### 主要指标\n\n地区生产总值216.48亿元。\n";
  old_doc_ = Manuscript(dir_, "v1.md", kV1);
  new_doc_ = Manuscript(dir_, "v2.md", v2);
  const auto d = DiffVersions(old_doc_, new_doc_);
  std::map<std::string, const NodeDiff*> by_title;
  for (const auto& x : d) by_title[x.new_title.empty() ? x.old_title : x.new_title] = &x;
  ASSERT_TRUE(by_title.count("位置面积"));
  EXPECT_EQ(by_title["位置面积"]->change, NodeChange::kChanged);
  EXPECT_EQ(by_title["位置面积"]->removed_chars, 1u);  // 我 → 测试
  EXPECT_EQ(by_title["位置面积"]->added_chars, 2u);
  std::string old_text, new_text;
  for (const auto& p : by_title["位置面积"]->pieces) {
    if (p.op != DiffPiece::Op::kAdded) old_text += p.text;
    if (p.op != DiffPiece::Op::kRemoved) new_text += p.text;
  }
  EXPECT_EQ(old_text, "位置面积\n测试县地处川西。我县面积1842平方千米，辖9个乡镇。");
  EXPECT_EQ(new_text, "位置面积\n测试县地处川西。测试县面积1842平方千米，辖9个乡镇。");
  EXPECT_EQ(by_title["人口民族"]->change, NodeChange::kRemoved);
  EXPECT_EQ(by_title["气候"]->change, NodeChange::kAdded);
  EXPECT_EQ(by_title["综合经济"]->change, NodeChange::kUnchanged);
  EXPECT_EQ(by_title["综合经济"]->old_path, "test-2025/2/1/3");
  EXPECT_EQ(by_title["综合经济"]->new_path, "test-2025/2/1/2");
  // The removed node stands where it stood: right after 位置面积.
  for (size_t i = 0; i + 1 < d.size(); ++i) {
    if (d[i].new_title == "位置面积") {
      EXPECT_EQ(d[i + 1].old_title, "人口民族");
    }
  }
}

}  // namespace
}  // namespace fangzhi::review
