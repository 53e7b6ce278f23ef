#include "model/region_table.h"

#include <gtest/gtest.h>

namespace fangzhi::model {
namespace {

TEST(RegionTable, CountyCityAndProvinceCodesGetTheirFullNames) {
  Region r;
  ASSERT_TRUE(FindRegion("510104", &r));
  EXPECT_EQ(r.name, "锦江区");
  EXPECT_EQ(r.full_name, "四川省成都市锦江区");
  EXPECT_TRUE(r.current);
  EXPECT_EQ(r.first_revision, 200212);
  ASSERT_TRUE(FindRegion("5101", &r));
  EXPECT_EQ(r.code, "510100");
  EXPECT_EQ(r.full_name, "四川省成都市");
  ASSERT_TRUE(FindRegion("51", &r));
  EXPECT_EQ(r.full_name, "四川省");
  // A municipality's districts sit under a "市辖区" row that is no place.
  ASSERT_TRUE(FindRegion("110101", &r));
  EXPECT_EQ(r.full_name, "北京市东城区");
  // So do the county-level cities a province governs directly.
  ASSERT_TRUE(FindRegion("429004", &r));
  EXPECT_EQ(r.full_name, "湖北省仙桃市");
}

TEST(RegionTable, RetiredAndNewCodesAreKnownAndSaySo) {
  Region r;
  // 双流县 became 双流区 (510116) in 2016: a county gazetteer of 2010 still carries 510122.
  ASSERT_TRUE(FindRegion("510122", &r));
  EXPECT_EQ(r.full_name, "四川省成都市双流县");
  EXPECT_FALSE(r.current);
  EXPECT_EQ(r.last_revision, 201509);
  EXPECT_NE(DescribeRegion("510122").find("现已不用"), std::string::npos) << DescribeRegion("510122");
  // 新津区 (2020) is in no dated revision, only in today's table.
  ASSERT_TRUE(FindRegion("510118", &r));
  EXPECT_EQ(r.name, "新津区");
  EXPECT_TRUE(r.current);
  EXPECT_EQ(r.first_revision, 0);
  EXPECT_EQ(DescribeRegion("510118"), "510118 四川省成都市新津区");
  // Same code, new name: 桥东区 → 襄都区.
  ASSERT_TRUE(FindRegion("130502", &r));
  EXPECT_EQ(r.name, "襄都区");
  ASSERT_EQ(r.former_names.size(), 1u);
  EXPECT_EQ(r.former_names[0], "桥东区");
}

TEST(RegionTable, UnknownAndMalformedCodesAreNotFound) {
  Region r;
  EXPECT_FALSE(FindRegion("510199", &r));  // no such county in 成都
  EXPECT_FALSE(FindRegion("5199", &r));
  EXPECT_FALSE(FindRegion("99", &r));
  EXPECT_FALSE(FindRegion("5101041", &r));
  EXPECT_FALSE(FindRegion("51010a", &r));
  EXPECT_FALSE(FindRegion("", &r));
  // The NBS numbers development zones like counties; GB/T 2260 does not.
  EXPECT_FALSE(FindRegion("130171", &r));
  EXPECT_EQ(DescribeRegion("510199"), "510199");
  EXPECT_EQ(RegionFullName("510199"), "四川省");  // the province at least
  EXPECT_EQ(RegionFullName("999999"), "");
  EXPECT_EQ(RegionFullName("510104"), "四川省成都市锦江区");
  EXPECT_NE(RegionTableCoverage().find("2002-12"), std::string::npos) << RegionTableCoverage();
}

}  // namespace
}  // namespace fangzhi::model
