#include "model/citation.h"

#include <gtest/gtest.h>

#include "model/region.h"

namespace fangzhi::model {
namespace {

TEST(Citation, ParsesWorkPathAndParagraph) {
  CitationPath c;
  ASSERT_TRUE(ParseCitationPath("KR2i0003/001#p12", &c));
  EXPECT_EQ(c.work, "KR2i0003");
  EXPECT_EQ(c.node_path, "001");
  EXPECT_EQ(c.paragraph, 12);
  EXPECT_EQ(FormatCitationPath(c), "KR2i0003/001#p12");
  ASSERT_TRUE(ParseCitationPath("示例县年鉴2025/3/2/4", &c));
  EXPECT_EQ(c.work, "示例县年鉴2025");
  EXPECT_EQ(c.node_path, "3/2/4");
  EXPECT_EQ(c.paragraph, 0);
}

TEST(Citation, RefusesPathsThatClimbOrAreEmpty) {
  CitationPath c;
  EXPECT_FALSE(ParseCitationPath("", &c));
  EXPECT_FALSE(ParseCitationPath("KR2i0003/../x", &c));
  EXPECT_FALSE(ParseCitationPath("KR2i0003//001", &c));
  EXPECT_FALSE(ParseCitationPath("../etc", &c));
  EXPECT_FALSE(ParseCitationPath("KR2i0003/001#q1", &c));
  EXPECT_FALSE(ParseCitationPath("KR2i0003/001#p0", &c));
  EXPECT_FALSE(ParseCitationPath("a b", &c));
}

TEST(Region, CodesAndTitles) {
  EXPECT_TRUE(IsWellFormedRegionCode("51"));
  EXPECT_TRUE(IsWellFormedRegionCode("510104"));
  EXPECT_FALSE(IsWellFormedRegionCode("5101041"));
  EXPECT_FALSE(IsWellFormedRegionCode("99"));
  EXPECT_FALSE(IsWellFormedRegionCode("5a"));
  EXPECT_EQ(ProvinceName("51"), "四川省");
  EXPECT_EQ(ProvinceCodeInTitle("四川通志"), "51");
  EXPECT_EQ(ProvinceCodeInTitle("陝西通志"), "61");
  EXPECT_EQ(ProvinceCodeInTitle("水經注"), "");
}

}  // namespace
}  // namespace fangzhi::model
