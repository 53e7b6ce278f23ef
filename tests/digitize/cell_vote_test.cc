// Choosing a cut column's characters from several readings, and telling 日
// from 曰 by proportion (digitize/cell_vote.h).
#include "digitize/cell_vote.h"

#include <gtest/gtest.h>

namespace fangzhi::digitize {
namespace {

TEST(VoteCells, MajorityWinsPerCell) {
  const std::vector<std::vector<CellCandidate>> readings = {
      {{"華", 0.99}, {"陽", 0.60}, {"國", 0.90}},
      {{"華", 0.98}, {"揚", 0.95}, {"國", 0.91}},
      {{"華", 0.97}, {"陽", 0.70}, {"固", 0.99}},
  };
  const std::vector<CellChoice> c = VoteCells(readings);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].text, "華");
  EXPECT_EQ(c[1].text, "陽");  // two votes beat one more confident vote
  EXPECT_EQ(c[2].text, "國");
  // Confidence: the winners' summed confidence over all readings, so
  // disagreement lowers it.
  EXPECT_NEAR(c[0].conf, (0.99 + 0.98 + 0.97) / 3, 1e-9);
  EXPECT_NEAR(c[1].conf, (0.60 + 0.70) / 3, 1e-9);
  EXPECT_LT(c[1].conf, c[0].conf);
}

TEST(VoteCells, TiesGoToConfidenceThenToTheFirstReading) {
  const std::vector<CellChoice> by_conf = VoteCells({{{"曰", 0.40}}, {{"日", 0.80}}});
  ASSERT_EQ(by_conf.size(), 1u);
  EXPECT_EQ(by_conf[0].text, "日");
  const std::vector<CellChoice> by_order = VoteCells({{{"苐", 0.50}}, {{"弟", 0.50}}});
  EXPECT_EQ(by_order[0].text, "苐");
  EXPECT_TRUE(VoteCells({}).empty());
}

TEST(ByProportion, TallIsRiSquareOrWideIsYue) {
  EXPECT_EQ(ByProportion("曰", Box{0, 0, 47, 63}), "日");  // Noto Serif CJK TC 日 at 72 px
  EXPECT_EQ(ByProportion("日", Box{0, 0, 55, 61}), "曰");  // its 曰
  EXPECT_EQ(ByProportion("日", Box{0, 0, 70, 50}), "曰");  // woodblock 曰, wider than tall
  EXPECT_EQ(ByProportion("日", Box{0, 0, 40, 60}), "日");
  // Other characters and empty boxes are left alone.
  EXPECT_EQ(ByProportion("目", Box{0, 0, 70, 50}), "目");
  EXPECT_EQ(ByProportion("日", Box{0, 0, 0, 0}), "日");
}

}  // namespace
}  // namespace fangzhi::digitize
