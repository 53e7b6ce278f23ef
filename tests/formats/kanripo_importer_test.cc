#include "formats/kanripo_importer.h"

#include <gtest/gtest.h>

#include "formats/format_detect.h"
#include "test_util.h"

namespace fangzhi::formats {
namespace {

using model::BlockKind;
using testing::TempDir;
using testing::WriteFile;

model::Node Parse(const std::string& body, Status* status = nullptr) {
  model::Node n;
  Status s = ParseKanripoJuan("t.txt", body, "master", nullptr, &n);
  if (status != nullptr) *status = s;
  else EXPECT_TRUE(s.ok()) << s.ToString();
  return n;
}

std::string Texts(const model::Node& n, BlockKind kind) {
  std::string s;
  for (const auto& b : n.blocks) {
    if (b.kind == kind) s += b.text + "|";
  }
  return s;
}

TEST(KanripoJuan, HeaderIsNotTextAndPagesBecomeAnchors) {
  const auto n = Parse(
      "# -*- mode: mandoku-view; -*-\n#+TITLE: 華陽國志\n#+PROPERTY: JUAN 1\n"
      "<pb:KR2i0003_SBCK_001-1a>¶\n華陽國志卷苐一¶\n");
  EXPECT_EQ(n.label, "1");
  ASSERT_GE(n.blocks.size(), 2u);
  EXPECT_EQ(n.blocks[0].kind, BlockKind::kPage);
  EXPECT_EQ(n.blocks[0].attrs.at("ref"), "KR2i0003_SBCK_001-1a");
  EXPECT_EQ(n.blocks[0].attrs.at("edition"), "SBCK");
  EXPECT_EQ(n.blocks[0].attrs.at("juan"), "001");
  EXPECT_EQ(n.blocks[0].attrs.at("page"), "1a");
  EXPECT_EQ(Texts(n, BlockKind::kText), "華陽國志卷苐一|");
}

TEST(KanripoJuan, LineEndsBecomeNewlinesAndParagraphsFollowThePrint) {
  // Full lines are 6 cells wide; a short line ends a paragraph; an indented
  // line starts one.
  const auto n = Parse(
      "一二三四五六¶\n七八九十甲乙¶\n丙丁¶\n戊己庚辛壬癸¶\n子丑寅卯辰巳¶\n　　午未¶\n申酉戌亥天地¶\n");
  std::vector<std::string> paras;
  for (const auto& b : n.blocks) {
    if (b.kind != BlockKind::kText) continue;
    if (static_cast<size_t>(b.para) > paras.size()) paras.resize(static_cast<size_t>(b.para));
    paras[static_cast<size_t>(b.para) - 1] += b.text;
  }
  ASSERT_EQ(paras.size(), 4u);
  EXPECT_EQ(paras[0], "一二三四五六\n七八九十甲乙\n丙丁");
  EXPECT_EQ(paras[1], "戊己庚辛壬癸\n子丑寅卯辰巳");
  EXPECT_EQ(paras[2], "　　午未");
  EXPECT_EQ(paras[3], "申酉戌亥天地");
}

TEST(KanripoJuan, NotesAreNoteBlocksInPlace) {
  const auto n = Parse("蜀山氏(爾雅蜀者獨/也言不連)禹貢¶\n");
  ASSERT_EQ(n.blocks.size(), 3u);
  EXPECT_EQ(n.blocks[0].text, "蜀山氏");
  EXPECT_EQ(n.blocks[1].kind, BlockKind::kNote);
  EXPECT_EQ(n.blocks[1].text, "爾雅蜀者獨/也言不連");
  EXPECT_EQ(n.blocks[2].text, "禹貢");
  EXPECT_EQ(n.blocks[0].para, n.blocks[2].para);
}

TEST(KanripoJuan, NoteAcrossLineEndKeepsTheLineEnd) {
  const auto n = Parse("舊稱(公知開府¶\n之薛出油)此皆¶\n");
  EXPECT_EQ(Texts(n, BlockKind::kNote), "公知開府\n之薛出油|");
}

TEST(KanripoJuan, EntitiesAndIdeographicDescriptionsAreKeptVerbatim) {
  const auto n = Parse("生子啓&KR0561;&KR0561;啼孫[桌-日+(ㄇ@(人/人))]字¶\n");
  EXPECT_EQ(Texts(n, BlockKind::kText), "生子啓&KR0561;&KR0561;啼孫[桌-日+(ㄇ@(人/人))]字|");
  EXPECT_EQ(Texts(n, BlockKind::kNote), "");
}

TEST(KanripoJuan, CommentLinesAreRemarksNotText) {
  const auto n = Parse("甲乙¶\n# page missing\n丙丁¶\n");
  EXPECT_EQ(Texts(n, BlockKind::kRemark), "# page missing|");
  EXPECT_EQ(Texts(n, BlockKind::kText).find('#'), std::string::npos);
}

TEST(KanripoJuan, UnclosedNoteIsAnErrorNamingTheLine) {
  Status s;
  Parse("甲乙¶\n丙丁(戊己¶\n庚辛¶\n", &s);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_NE(s.message().find("t.txt"), std::string::npos);
  EXPECT_NE(s.message().find("第 2 行"), std::string::npos) << s.message();
}

// A '(' left open mid-file is not closed by a later note's ')': that would
// turn the lines between into a note.
TEST(KanripoJuan, UnclosedNoteBeforeAnotherNoteIsStillReported) {
  Status s;
  Parse("甲乙(未閉合注¶\n丙丁¶\n戊己(臣/)庚辛¶\n", &s);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("第 1 行"), std::string::npos) << s.message();
}

// Parentheses inside a note (KR4h0168) are the note's text and nest.
TEST(KanripoJuan, ParenthesesInsideANoteNest) {
  const auto n = Parse("甲(注一(品言)注二)乙¶\n");
  EXPECT_EQ(Texts(n, BlockKind::kNote), "注一(品言)注二|");
  EXPECT_EQ(Texts(n, BlockKind::kText).find("注二"), std::string::npos) << Texts(n, BlockKind::kText);
}

TEST(KanripoFolder, NotAKanripoTextIsRefused) {
  TempDir dir;
  WriteFile(dir / "notes.txt", "hello");
  model::Document doc;
  Status s = ImportKanripoFolder(dir.path(), &doc);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("不是 Kanripo 文本目录"), std::string::npos) << s.message();
  s = ImportAny(dir.path(), &doc);
  EXPECT_FALSE(s.ok());
}

TEST(KanripoFolder, StrayFileInAnEditionIsNamed) {
  TempDir dir;
  const auto root = dir / "KR9z0001";
  WriteFile(root / "master" / "KR9z0001_001.txt", "#+TITLE: 試\n甲乙¶\n");
  WriteFile(root / "master" / "draft.doc", "x");
  model::Document doc;
  Status s = ImportKanripoFolder(root, &doc);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("draft.doc"), std::string::npos) << s.message();
}

TEST(KanripoFolder, FlatLayoutIsOneMasterEdition) {
  TempDir dir;
  const auto root = dir / "KR9z0002";
  WriteFile(root / "KR9z0002_000.txt", "#+TITLE: 試志\n#+PROPERTY: ID KR9z0002\n<pb:KR9z0002_WYG_000-1a>¶\n　　　　宋　某甲　撰¶\n");
  WriteFile(root / "KR9z0002_001.txt", "#+TITLE: 試志\n#+PROPERTY: ID KR9z0002\n甲乙丙¶\n");
  model::Document doc;
  Status s = ImportKanripoFolder(root, &doc);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(doc.editions.size(), 1u);
  EXPECT_EQ(doc.editions[0].id, "master");
  EXPECT_EQ(doc.editions[0].nodes.size(), 2u);
  EXPECT_EQ(doc.work.title, "試志");
  EXPECT_EQ(doc.work.dynasty, "宋");
  ASSERT_EQ(doc.work.compilers.size(), 1u);
  EXPECT_EQ(doc.work.compilers[0], "某甲");
  EXPECT_EQ(doc.work.kind, "地情资料");
}

// The byline after the juan title on one line, as KR2i0016, KR2k0109,
// KR2k0127 and KR4h0109 print it.
TEST(KanripoFolder, BylineAfterTheJuanTitle) {
  TempDir dir;
  const auto root = dir / "KR9z0004";
  WriteFile(root / "KR9z0004_001.txt",
            "#+TITLE: 試記\n#+PROPERTY: ID KR9z0004\n　試記卷上　　　　　　宋　張唐英　撰¶\n甲乙丙¶\n");
  model::Document doc;
  ASSERT_TRUE(ImportKanripoFolder(root, &doc).ok());
  EXPECT_EQ(doc.work.dynasty, "宋");
  ASSERT_EQ(doc.work.compilers.size(), 1u);
  EXPECT_EQ(doc.work.compilers[0], "張唐英");
  // A line of text that merely ends in 撰 is no byline.
  WriteFile(root / "KR9z0004_001.txt", "#+TITLE: 試記\n#+PROPERTY: ID KR9z0004\n　其書　多人　所　撰¶\n");
  model::Document other;
  ASSERT_TRUE(ImportKanripoFolder(root, &other).ok());
  EXPECT_EQ(other.work.dynasty, "");
  EXPECT_TRUE(other.work.compilers.empty());
}

TEST(KanripoFolder, FileNamingAnotherWorkIsRefused) {
  TempDir dir;
  const auto root = dir / "KR9z0003";
  WriteFile(root / "master" / "KR9z0003_001.txt", "#+PROPERTY: ID KR9z0099\n甲乙¶\n");
  model::Document doc;
  Status s = ImportKanripoFolder(root, &doc);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("KR9z0099"), std::string::npos);
}

TEST(KanripoFolder, IdInOtherCaseInAHeaderIsTheSameText) {
  TempDir dir;
  const auto root = dir / "KR9z0005";
  WriteFile(root / "KR9z0005_0001.txt", "#+PROPERTY: ID KR9Z0005\n甲乙¶\n");
  model::Document doc;
  Status s = ImportKanripoFolder(root, &doc);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(doc.editions.at(0).nodes.at(0).key, "0001");
}

TEST(KanripoFolder, MalformedUtf8NamesFileAndByte) {
  TempDir dir;
  const auto root = dir / "KR9z0004";
  WriteFile(root / "master" / "KR9z0004_001.txt", std::string("甲乙¶\n丙\xE4\xB8") + "丁¶\n");
  model::Document doc;
  Status s = ImportKanripoFolder(root, &doc);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("KR9z0004_001.txt"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("第 13 字节"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("第 2 行"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace fangzhi::formats
