#include "text/utf8.h"

#include <gtest/gtest.h>

namespace fangzhi::text {
namespace {

TEST(Utf8, AcceptsHanAndNonBmp) {
  EXPECT_EQ(FindInvalidUtf8("華陽國志𥆳督"), kValid);
  EXPECT_EQ(FindInvalidUtf8(""), kValid);
}

TEST(Utf8, ReportsOffsetOfFirstBadByte) {
  const std::string s = std::string("巴蜀") + "\xE5\xB7" + "x";  // truncated 3-byte sequence
  EXPECT_EQ(FindInvalidUtf8(s), 6u);
  EXPECT_EQ(FindInvalidUtf8("ab\xFF"), 2u);
  EXPECT_EQ(FindInvalidUtf8("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("a\xED\xA0\x80"), 1u);     // UTF-16 surrogate encoded in UTF-8
}

TEST(Utf8, DecodesAndEncodesRoundTrip) {
  const std::string s = "巴𥆳a";
  size_t i = 0;
  std::string back;
  while (i < s.size()) AppendUtf8(back, NextCodePoint(s, i));
  EXPECT_EQ(back, s);
  i = 3;
  EXPECT_EQ(NextCodePoint(s, i), U'\U000251B3');
  EXPECT_EQ(CountCodePoints(s), 3u);
}

TEST(Utf8, PositionCountsLinesAndCodePoints) {
  const std::string s = "一二\n三四五";
  const TextPosition p = PositionOf(s, s.find("五"));
  EXPECT_EQ(p.line, 2u);
  EXPECT_EQ(p.column, 3u);
}

}  // namespace
}  // namespace fangzhi::text
