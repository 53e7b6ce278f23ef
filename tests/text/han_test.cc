#include "text/han.h"

#include <gtest/gtest.h>

namespace fangzhi::text {
namespace {

TEST(Han, CountsEveryBlock) {
  EXPECT_TRUE(IsHan(U'巴'));
  EXPECT_TRUE(IsHan(U'\u3400'));      // Ext A
  EXPECT_TRUE(IsHan(U'\U000251B3'));  // Ext B 𥆳
  EXPECT_TRUE(IsHan(U'\U0002B740'));  // Ext D
  EXPECT_TRUE(IsHan(U'\U00030000'));  // Ext G
  EXPECT_TRUE(IsHan(U'\U00031350'));  // Ext H
  EXPECT_TRUE(IsHan(U'\uF900'));      // compatibility
  EXPECT_FALSE(IsHan(U'。'));
  EXPECT_FALSE(IsHan(U'\u3000'));
  EXPECT_FALSE(IsHan(U'a'));
  EXPECT_EQ(CountHan("巴，蜀𥆳 a1"), 3u);
}

TEST(Han, KanripoEntities) {
  const std::string s = "子啓&KR0561;&KR0561;啼&KR;&KR12x;";
  EXPECT_EQ(KanripoEntityLength(s, s.find('&')), 8u);
  EXPECT_EQ(CountKanripoEntities(s), 2u);
}

}  // namespace
}  // namespace fangzhi::text
