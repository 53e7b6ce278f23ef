// ALTO writing and reading without OCR: a hand-made page goes through the
// writer, the ALTO 4.3 schema (xmllint, offline) and back through the importer.
#include <gtest/gtest.h>

#include <regex>

#include "digitize/alto_writer.h"
#include "digitize/ocr_accuracy.h"
#include "digitize/ocr_engine.h"
#include "digitize/alto_schema.h"  // tests/digitize: xmllint against ALTO 4.3
#include "formats/alto_importer.h"
#include "formats/page_images.h"
#include "test_util.h"

namespace fangzhi::digitize {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

OcrGlyph G(const std::string& t, int x, int y, double conf) { return OcrGlyph{t, false, Box{x, y, 40, 40}, conf}; }

// Two columns read right to left: 巴志 at the right, 昔在 left of it.
OcrPage VerticalPage() {
  OcrPage p;
  p.image_file = "p1.png";
  p.width = 400;
  p.height = 300;
  p.layout = Layout::kVertical;
  p.lang = "chi_tra_vert";
  OcrBlock b;
  b.box = Box{100, 50, 250, 100};
  OcrLine right;
  right.box = Box{300, 50, 50, 100};
  right.glyphs = {G("巴", 300, 50, 0.96), G("志", 300, 100, 0.42)};
  OcrLine left;
  left.box = Box{200, 50, 50, 100};
  left.glyphs = {G("昔", 200, 50, 1.0), G("在", 200, 100, 0.05)};
  b.lines = {right, left};
  p.blocks = {b};
  return p;
}

TEST(AltoWriter, VerticalPageValidatesAgainstAlto43) {
  TempDir dir;
  const OcrPage page = VerticalPage();
  ASSERT_TRUE(WritePageOutputs(page, dir.path(), "p1").ok());
  const std::string xml = ReadFile(dir / "p1.alto.xml");
  // One String per character, with confidence; ttb on the vertical lines.
  EXPECT_NE(xml.find("CONTENT=\"巴\""), std::string::npos);
  EXPECT_NE(xml.find("WC=\"0.42\""), std::string::npos);
  EXPECT_NE(xml.find("<TextLine ID=\"TL1\" HPOS=\"300\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("BASEDIRECTION=\"ttb\""), std::string::npos);
  // Explicit reading order: the right column first.
  const size_t r1 = xml.find("REF=\"TL1\""), r2 = xml.find("REF=\"TL2\"");
  ASSERT_NE(r1, std::string::npos);
  ASSERT_NE(r2, std::string::npos);
  EXPECT_LT(r1, r2);
  EXPECT_EQ(ReadFile(dir / "p1.txt"), "巴志\n昔在\n");
  std::string err;
  EXPECT_TRUE(ValidateAlto(dir / "p1.alto.xml", &err)) << err;
  EXPECT_TRUE(PageOutputsComplete(dir.path(), "p1"));
}

TEST(AltoWriter, SchemaCheckCatchesAnInvalidFile) {
  // The validation above must be able to fail: BASEDIRECTION is not allowed
  // on String, and "up" is no InlineDirType.
  TempDir dir;
  std::string xml = AltoXml(VerticalPage());
  xml = std::regex_replace(xml, std::regex("BASEDIRECTION=\"ttb\""), "BASEDIRECTION=\"up\"");
  WriteFile(dir / "bad.alto.xml", xml);
  std::string err;
  EXPECT_FALSE(ValidateAlto(dir / "bad.alto.xml", &err));
  EXPECT_NE(err.find("BASEDIRECTION"), std::string::npos) << err;
}

TEST(AltoWriter, TruncatedOutputIsNotComplete) {
  TempDir dir;
  WriteFile(dir / "p1.alto.xml", AltoXml(VerticalPage()).substr(0, 300));
  WriteFile(dir / "p1.txt", "x");
  EXPECT_FALSE(PageOutputsComplete(dir.path(), "p1"));
}

TEST(AltoImporter, StoreConvention) {
  TempDir dir;
  const std::filesystem::path folder = dir / "书";
  ASSERT_TRUE(WritePageOutputs(VerticalPage(), folder, "p1").ok());
  WriteFile(folder / "p1.png", "not really a png: the importer copies, it does not decode");
  WriteFile(folder / "fangzhi.yaml", "id: huayang-ocr\ntitle: 華陽國志（OCR）\nkind: 志书\ndynasty: 晉\n");
  model::Document doc;
  std::vector<formats::PageImage> images;
  ASSERT_TRUE(formats::ImportAltoFolder(folder, &doc, &images).ok());
  EXPECT_EQ(doc.work.id, "huayang-ocr");
  EXPECT_EQ(doc.work.title, "華陽國志（OCR）");
  const model::Edition* e = doc.BaseEdition();
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->nodes.size(), 1u);
  const auto& blocks = e->nodes[0].blocks;
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks[0].kind, model::BlockKind::kPage);
  EXPECT_EQ(blocks[0].attrs.at("page"), "1");
  EXPECT_EQ(blocks[0].attrs.at("image"), "images/huayang-ocr/p1.png");
  EXPECT_EQ(blocks[0].attrs.at("width"), "400");
  EXPECT_EQ(blocks[0].attrs.at("height"), "300");
  EXPECT_EQ(blocks[0].attrs.at("alto"), "p1.alto.xml");
  EXPECT_EQ(blocks[1].text, "巴志");
  EXPECT_EQ(blocks[1].attrs.at("line"), "TL1");
  EXPECT_EQ(blocks[1].attrs.at("box"), "300,50,50,100");
  EXPECT_EQ(blocks[1].attrs.at("conf"), "94");
  EXPECT_EQ(blocks[1].attrs.at("dir"), "ttb");
  EXPECT_EQ(blocks[2].text, "昔在");
  EXPECT_EQ(blocks[2].attrs.at("conf"), "90");
  EXPECT_EQ(blocks[1].para, 1);
  EXPECT_EQ(blocks[2].para, 1);
  ASSERT_EQ(images.size(), 1u);
  EXPECT_EQ(images[0].file_name, "p1.png");
}

TEST(AltoImporter, ReadingOrderElementOverridesDocumentOrder) {
  TempDir dir;
  std::string xml = AltoXml(VerticalPage());
  // Make the reading order say TL2 first.
  xml = std::regex_replace(xml, std::regex("REF=\"TL1\""), "REF=\"TMP\"");
  xml = std::regex_replace(xml, std::regex("REF=\"TL2\""), "REF=\"TL1\"");
  xml = std::regex_replace(xml, std::regex("REF=\"TMP\""), "REF=\"TL2\"");
  WriteFile(dir / "a" / "p1.alto.xml", xml);
  WriteFile(dir / "a" / "p1.png", "x");
  model::Document doc;
  ASSERT_TRUE(formats::ImportAltoFolder(dir / "a", &doc, nullptr).ok());
  EXPECT_EQ(doc.editions[0].nodes[0].blocks[1].text, "昔在");
}

TEST(AltoImporter, HorizontalLinesHaveNoDirAndLatinWordsKeepSpaces) {
  TempDir dir;
  OcrPage p = VerticalPage();
  p.layout = Layout::kHorizontal;
  p.blocks[0].lines[0].glyphs = {G("GDP", 0, 0, 0.9), G("增长", 50, 0, 0.9)};
  OcrGlyph w = G("2024", 90, 0, 0.7);
  w.space_before = true;
  p.blocks[0].lines[0].glyphs.insert(p.blocks[0].lines[0].glyphs.begin() + 1, w);
  ASSERT_TRUE(WritePageOutputs(p, dir / "h", "p1").ok());
  WriteFile(dir / "h" / "p1.png", "x");
  std::string err;
  EXPECT_TRUE(ValidateAlto(dir / "h" / "p1.alto.xml", &err)) << err;
  model::Document doc;
  ASSERT_TRUE(formats::ImportAltoFolder(dir / "h", &doc, nullptr).ok());
  const model::Block& b = doc.editions[0].nodes[0].blocks[1];
  EXPECT_EQ(b.text, "GDP 2024增长");
  EXPECT_EQ(b.attrs.count("dir"), 0u);
  EXPECT_EQ(b.attrs.at("conf").size(), 10u);  // one digit per code point, the space included
}

TEST(AltoImporter, MalformedXmlNamesFileAndLine) {
  TempDir dir;
  WriteFile(dir / "a" / "p1.alto.xml", "<?xml version=\"1.0\"?>\n<alto>\n<Layout>\n<Page ID=\"P1\">\n</Layout>\n</alto>\n");
  model::Document doc;
  const Status s = formats::ImportAltoFolder(dir / "a", &doc, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("p1.alto.xml"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("第 5 行"), std::string::npos) << s.message();
}

TEST(AltoImporter, MissingImageIsNamed) {
  TempDir dir;
  ASSERT_TRUE(WritePageOutputs(VerticalPage(), dir / "a", "p1").ok());
  model::Document doc;
  const Status s = formats::ImportAltoFolder(dir / "a", &doc, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("p1.png"), std::string::npos) << s.message();
}

TEST(AltoImporter, PagesInNaturalOrder) {
  TempDir dir;
  for (int i : {10, 2, 1}) {
    OcrPage p = VerticalPage();
    p.image_file = "p" + std::to_string(i) + ".png";
    ASSERT_TRUE(WritePageOutputs(p, dir / "a", "p" + std::to_string(i)).ok());
    WriteFile(dir / "a" / p.image_file, "x");
  }
  model::Document doc;
  ASSERT_TRUE(formats::ImportAltoFolder(dir / "a", &doc, nullptr).ok());
  std::vector<std::string> order;
  for (const auto& b : doc.editions[0].nodes[0].blocks) {
    if (b.kind == model::BlockKind::kPage) order.push_back(b.attrs.at("alto") + "#" + b.attrs.at("page"));
  }
  EXPECT_EQ(order, (std::vector<std::string>{"p1.alto.xml#1", "p2.alto.xml#2", "p10.alto.xml#3"}));
}

TEST(PageImageStaging, NothingLeftBehindWithoutCommit) {
  TempDir data;
  WriteFile(data / "img.png", "png");
  {
    std::unique_ptr<formats::PageImageStaging> st;
    ASSERT_TRUE(formats::PageImageStaging::Begin(data.path(), &st).ok());
    ASSERT_TRUE(st->Add("w1", {{data / "img.png", "img.png"}}).ok());
    EXPECT_FALSE(st->Add("w2", {{data / "img.png", "../evil.png"}}).ok());
  }
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(data.path())) names.push_back(e.path().filename());
  EXPECT_EQ(names, std::vector<std::string>{"img.png"});
}

TEST(PageImageStaging, CommitAndReplace) {
  TempDir data;
  WriteFile(data / "a.png", "first");
  WriteFile(data / "b.png", "second");
  std::unique_ptr<formats::PageImageStaging> st;
  ASSERT_TRUE(formats::PageImageStaging::Begin(data.path(), &st).ok());
  ASSERT_TRUE(st->Add("w1", {{data / "a.png", "p.png"}}).ok());
  ASSERT_TRUE(st->Commit(false).ok());
  EXPECT_EQ(ReadFile(data / "images" / "w1" / "p.png"), "first");
  ASSERT_TRUE(formats::PageImageStaging::Begin(data.path(), &st).ok());
  ASSERT_TRUE(st->Add("w1", {{data / "b.png", "q.png"}}).ok());
  EXPECT_FALSE(st->Commit(false).ok());
  ASSERT_TRUE(st->Commit(true).ok());
  EXPECT_EQ(ReadFile(data / "images" / "w1" / "q.png"), "second");
  EXPECT_FALSE(std::filesystem::exists(data / "images" / "w1" / "p.png"));
}

TEST(Accuracy, HanOnlyAfterWidthFolding) {
  EXPECT_DOUBLE_EQ(HanAccuracy("华阳国志", "华阳国志"), 1.0);
  EXPECT_DOUBLE_EQ(HanAccuracy("华阳，国志。", "华阳 国志"), 1.0);  // punctuation and spaces do not count
  EXPECT_DOUBLE_EQ(HanAccuracy("华阳国志", "华阴国"), 0.5);
  EXPECT_DOUBLE_EQ(HanAccuracy("\uF900", "\u8C48"), 1.0);  // compatibility ideograph folds to 豈
}

TEST(Layout, ProfilesDecideDirection) {
  // Horizontal: four text lines 40 px high, 40 px white between them; the
  // column profile has only 4 px gaps between characters.
  std::vector<int> rows, cols;
  for (int l = 0; l < 4; ++l) {
    rows.insert(rows.end(), 40, 300);
    rows.insert(rows.end(), 40, 0);
  }
  for (int c = 0; c < 30; ++c) {
    cols.insert(cols.end(), 40, 50);
    cols.insert(cols.end(), 4, 0);
  }
  EXPECT_EQ(GuessLayoutFromProfiles(rows, cols), Layout::kHorizontal);
  EXPECT_EQ(GuessLayoutFromProfiles(cols, rows), Layout::kVertical);
}

}  // namespace
}  // namespace fangzhi::digitize
