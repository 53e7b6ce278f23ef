#include "formats/plain_text_importer.h"

#include <gtest/gtest.h>

#include "formats/format_detect.h"
#include "test_util.h"

namespace fangzhi::formats {
namespace {

using testing::TempDir;
using testing::WriteFile;

TEST(PlainText, ParagraphsAreSeparatedByBlankLines) {
  TempDir dir;
  WriteFile(dir / "县情 概述.txt", "示例县位于四川盆地西部。\n境内多丘陵。\n\n　\n2024年末户籍人口32.5万人。\r\n");
  model::Document doc;
  Status s = ImportPlainText(dir / "县情 概述.txt", &doc);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(doc.work.id, "县情-概述");
  EXPECT_EQ(doc.work.title, "县情 概述");
  ASSERT_EQ(doc.editions.size(), 1u);
  const auto& blocks = doc.editions[0].nodes.at(0).blocks;
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].text, "示例县位于四川盆地西部。\n境内多丘陵。");
  EXPECT_EQ(blocks[1].text, "2024年末户籍人口32.5万人。");
  EXPECT_EQ(blocks[1].para, 2);
}

TEST(PlainText, EmptyFileIsRefused) {
  TempDir dir;
  WriteFile(dir / "empty.txt", "");
  WriteFile(dir / "blank.txt", "\n  \n　\n");
  model::Document doc;
  for (const char* name : {"empty.txt", "blank.txt"}) {
    Status s = ImportAny(dir / name, &doc);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find(name), std::string::npos);
    EXPECT_NE(s.message().find("为空"), std::string::npos);
  }
}

TEST(PlainText, MalformedUtf8ReportsByteOffset) {
  TempDir dir;
  WriteFile(dir / "bad.txt", std::string("第一段\n\n第二段\xFF"));
  model::Document doc;
  Status s = ImportAny(dir / "bad.txt", &doc);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("bad.txt"), std::string::npos);
  EXPECT_NE(s.message().find("第 21 字节"), std::string::npos) << s.message();
}

TEST(FormatDetect, UnknownFormatAndMissingPath) {
  TempDir dir;
  WriteFile(dir / "scan.pdf", "%PDF-1.4");
  model::Document doc;
  Status s = ImportAny(dir / "scan.pdf", &doc);
  EXPECT_EQ(s.code(), Status::Code::kUnsupported);
  EXPECT_NE(s.message().find("无法识别的格式"), std::string::npos);
  s = ImportAny(dir / "nope.md", &doc);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  WriteFile(dir / "other.json", "{\"name\": 1}");
  s = ImportAny(dir / "other.json", &doc);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
}

}  // namespace
}  // namespace fangzhi::formats
