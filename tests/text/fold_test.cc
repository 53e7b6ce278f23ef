#include "text/fold.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"
#include "text/han.h"
#include "text/utf8.h"

namespace fangzhi::text {
namespace {

using fangzhi::testing::ReadFile;
using fangzhi::testing::SourceDir;

std::u32string Fold(std::string_view s) { return FoldForSearch(s); }

struct TableLine {
  char32_t from, to;
  std::string source;
};

std::vector<TableLine> ReadTable() {
  std::vector<TableLine> lines;
  std::istringstream in(ReadFile(SourceDir() / "data" / "fold-table.tsv"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    TableLine t;
    char from[16], to[16], source[16];
    if (std::sscanf(line.c_str(), "U+%15[0-9A-F]\tU+%15[0-9A-F]\t%15s", from, to, source) != 3) {
      ADD_FAILURE() << "bad line: " << line;
      continue;
    }
    t.from = static_cast<char32_t>(std::stoul(from, nullptr, 16));
    t.to = static_cast<char32_t>(std::stoul(to, nullptr, 16));
    t.source = source;
    lines.push_back(t);
  }
  return lines;
}

TEST(Fold, SimplifiedQueryFindsTraditionalText) {
  EXPECT_EQ(Fold("華陽國志"), Fold("华阳国志"));
  EXPECT_EQ(Fold("四川通志"), Fold("四川通誌"));  // 誌 -> 志 from OpenCC
  EXPECT_EQ(FoldChar(U'東'), U'东');
}

TEST(Fold, CorpusReadmeVariantPairs) {
  // Witness characters the Kanripo masters normalized (corpus README).
  EXPECT_EQ(FoldChar(U'\U000251B3'), FoldChar(U'督'));  // 𥆳
  EXPECT_EQ(FoldChar(U'\U000248E5'), FoldChar(U'玄'));  // 𤣥
  EXPECT_EQ(FoldChar(U'\U00029031'), FoldChar(U'雙'));  // 𩀱
  EXPECT_EQ(FoldChar(U'\U000235F3'), FoldChar(U'樹'));  // 𣗳
  EXPECT_EQ(FoldChar(U'\U0002693A'), FoldChar(U'致'));  // 𦤺
  EXPECT_EQ(Fold("\U000251B3軍"), Fold("督军"));
}

TEST(Fold, VariantsOpenCCAloneMisses) {
  EXPECT_EQ(FoldChar(U'苐'), FoldChar(U'第'));
  EXPECT_EQ(FoldChar(U'廵'), FoldChar(U'巡'));
  EXPECT_EQ(FoldChar(U'寜'), FoldChar(U'寧'));
  EXPECT_EQ(FoldChar(U'寧'), FoldChar(U'宁'));
  // The folded form is the standard (simplified) one, not the rare variant.
  EXPECT_EQ(FoldChar(U'苐'), U'第');
  EXPECT_EQ(FoldChar(U'寜'), U'宁');
  EXPECT_EQ(Fold("華陽國志卷苐一"), Fold("华阳国志卷第一"));
}

TEST(Fold, JapaneseNewFormsTheMastersUse) {
  // OpenCC jp2t: the bashu masters write 懐, 曽, 巻, 毎 hundreds of times.
  EXPECT_EQ(Fold("懐曽巻毎増歩"), Fold("怀曾卷每增步"));
  EXPECT_EQ(Fold("懐"), Fold("懷"));
  // jp2t pairs that are two characters in Chinese stay apart.
  EXPECT_NE(FoldChar(U'予'), FoldChar(U'豫'));
  EXPECT_NE(FoldChar(U'連'), FoldChar(U'聯'));
  EXPECT_NE(FoldChar(U'芸'), FoldChar(U'藝'));
  EXPECT_NE(FoldChar(U'欠'), FoldChar(U'缺'));
}

TEST(Fold, CompatibilityIdeographsFoldToUnified) {
  EXPECT_EQ(FoldChar(U'\uFA32'), FoldChar(U'免'));  // 免 (compatibility)
  EXPECT_EQ(FoldChar(U'\uF9DC'), FoldChar(U'隆'));
}

TEST(Fold, UnrelatedCharactersStayApart) {
  const std::u32string common = U"之也縣巴蜀日曰己已巳大太人入歷厲沈沉一二";
  for (size_t i = 0; i < common.size(); ++i) {
    for (size_t j = i + 1; j < common.size(); ++j) {
      EXPECT_NE(FoldChar(common[i]), FoldChar(common[j]))
          << "U+" << std::hex << static_cast<uint32_t>(common[i]) << " U+" << static_cast<uint32_t>(common[j]);
    }
  }
}

TEST(Fold, OpenCCMergesWhatSimplificationMerged) {
  // t2s takes 後 (after) to 后 (empress): in simplified Chinese they are one
  // character, so 皇后 and 以後 fold alike. Likewise 乾 (乾坤) with 干, and
  // 鬥 with 斗. Expected over-folding, documented in docs/search-folding.md.
  EXPECT_EQ(FoldChar(U'後'), U'后');
  EXPECT_EQ(FoldChar(U'后'), U'后');
  EXPECT_EQ(FoldChar(U'乾'), U'干');
  EXPECT_EQ(FoldChar(U'鬥'), U'斗');
}

TEST(Fold, FullWidthAndCase) {
  EXPECT_EQ(Fold("２０２４"), Fold("2024"));
  EXPECT_EQ(Fold("２０２４"), U"2024");
  EXPECT_EQ(Fold("ＧＤＰ"), Fold("gdp"));
  EXPECT_EQ(Fold("GDP"), U"gdp");
  EXPECT_EQ(Fold("ｇｄｐ"), U"gdp");
  EXPECT_EQ(Fold("ＧＤＰ"), U"gdp");
  EXPECT_EQ(FoldChar(U'\u3000'), U' ');
}

TEST(Fold, PunctuationAndSpaceAreNotSearchUnits) {
  EXPECT_EQ(Fold("，。、；：？！「」『』（）《》〈〉…—·"), U"");
  EXPECT_EQ(Fold(" \t\r\n\u3000\u00A0/¶,.;:!?()[]'\"-"), U"");
  EXPECT_EQ(Fold("巴，蜀。\n　　漢/中¶"), Fold("巴蜀汉中"));
  EXPECT_EQ(Fold("(爾雅蜀者獨也言不/與他處相連屬也)"), Fold("尔雅蜀者独也言不与他处相连属也"));
  EXPECT_FALSE(IsSearchable(U'\u200B'));  // zero-width space (Cf)
  EXPECT_FALSE(IsSearchable(U'\uFE00'));  // variation selector: a glyph choice
  EXPECT_FALSE(IsSearchable(U'\U000E0100'));
  EXPECT_FALSE(IsSearchable(U'\uFFFE'));  // noncharacter
}

TEST(Fold, LettersNumbersSymbolsAndHanAreSearchUnits) {
  for (char32_t cp : std::u32string(U"a0〇℃㎡+=$□○Ⅻ①\u0301")) {
    EXPECT_TRUE(IsSearchable(FoldChar(cp))) << std::hex << static_cast<uint32_t>(cp);
  }
  EXPECT_TRUE(IsSearchable(U'\U0002EBF0'));  // Ext I: Han, though newer than ICU 72
  EXPECT_TRUE(IsSearchable(U'\U000F0561'));  // an entity unit
  EXPECT_EQ(Fold("攝氏３０℃，一〇二㎡"), U"摄氏30℃一〇二㎡");
}

TEST(Fold, KanripoEntityIsOneUnit) {
  EXPECT_EQ(Fold("&KR0561;"), std::u32string(1, U'\U000F0561'));
  EXPECT_EQ(Fold("子啓&KR0561;啼"), Fold("子启") + U'\U000F0561' + Fold("啼"));
  EXPECT_EQ(Fold("&KR9999;"), std::u32string(1, U'\U000F9999'));
  EXPECT_EQ(Fold("&KR0;"), std::u32string(1, U'\U000F0000'));
  // Too large for a unit (0x65534 >= 0xFFFE): the literal text stays, letters
  // and digits only.
  EXPECT_EQ(Fold("&KR65534;"), U"kr65534");
  EXPECT_EQ(Fold("&KR;&KR12x;"), U"krkr12x");
}

TEST(Fold, ByteOffsetsOfUnits) {
  // bytes: a@0 𥆳@1(4) ，@5(3) 督@8(3) &KR1;@11(5) Ｘ@16(3) ' '@19 東@20
  const std::string s = "a\U000251B3，督&KR1;Ｘ 東";
  std::u32string units;
  std::vector<uint32_t> begins;
  AppendSearchUnits(s, &units, &begins);
  EXPECT_EQ(units, std::u32string({U'a', FoldChar(U'督'), FoldChar(U'督'), kEntityUnitBase + 1, U'x', U'东'}));
  EXPECT_EQ(begins, std::vector<uint32_t>({0, 1, 8, 11, 16, 20}));
  // Appending continues both vectors; offsets are relative to each call's string.
  AppendSearchUnits("蜀", &units, &begins);
  EXPECT_EQ(units.back(), U'蜀');
  EXPECT_EQ(begins.back(), 0u);
  EXPECT_EQ(units.size(), begins.size());
}

TEST(Fold, EmbeddedTableMatchesTsv) {
  const std::vector<TableLine> table = ReadTable();
  ASSERT_GT(table.size(), 5000u);
  for (const TableLine& t : table) {
    EXPECT_EQ(FoldChar(t.from), t.to) << t.source << " U+" << std::hex << static_cast<uint32_t>(t.from);
    EXPECT_NE(t.from, t.to);
    EXPECT_EQ(IsHan(t.from), IsHan(t.to)) << "crosses Han/non-Han at U+" << std::hex << static_cast<uint32_t>(t.from);
    static const std::set<std::string> kSources = {"opencc", "unihan", "jp", "witness", "width", "case", "composed"};
    EXPECT_TRUE(kSources.count(t.source)) << t.source;
  }
}

TEST(Fold, IdempotentEverywhere) {
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    const char32_t f = FoldChar(cp);
    ASSERT_EQ(FoldChar(f), f) << "U+" << std::hex << static_cast<uint32_t>(cp);
    if (f != cp) {
      ASSERT_EQ(IsHan(cp), IsHan(f)) << "U+" << std::hex << static_cast<uint32_t>(cp);
    }
  }
}

TEST(Fold, RegeneratingGivesTheCommittedTable) {
#ifndef FANGZHI_BUILD_FOLD_TABLE
  GTEST_SKIP() << "build_fold_table is not part of this build (add_subdirectory(tools) at top level)";
#else
  fangzhi::testing::TempDir dir;
  const auto out = dir / "fold-table.tsv";
  const auto r = fangzhi::testing::RunShell(std::string("'") + FANGZHI_BUILD_FOLD_TABLE + "' --corpus '" +
                                            (fangzhi::testing::BashuDir()).string() + "' -o '" + out.string() +
                                            "' -q");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string regenerated = ReadFile(out);
  const std::string committed = ReadFile(SourceDir() / "data" / "fold-table.tsv");
  ASSERT_FALSE(regenerated.empty());
  EXPECT_TRUE(regenerated == committed)
      << "data/fold-table.tsv is stale or the generator is not deterministic; regenerate it (docs/search-folding.md)";
#endif
}

}  // namespace
}  // namespace fangzhi::text
