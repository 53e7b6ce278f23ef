#include "formats/json_format.h"

#include <gtest/gtest.h>

#include "formats/kanripo_importer.h"
#include "formats/manuscript_markdown.h"
#include "test_util.h"

namespace fangzhi::formats {
namespace {

TEST(JsonFormat, KanripoWorkRoundTripsLosslessly) {
  model::Document doc;
  ASSERT_TRUE(ImportKanripoFolder(testing::BashuDir() / "KR2i0003", &doc).ok());
  model::Document back;
  Status s = ParseJson("t.json", ExportJson(doc), &back);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(back == doc);
}

TEST(JsonFormat, ManuscriptSampleRoundTripsThroughExportAndImport) {
  model::Document doc;
  Status s = ImportManuscriptMarkdown(testing::SourceDir() / "examples/shili-county-yearbook-2025.md", &doc);
  ASSERT_TRUE(s.ok()) << s.ToString();
  testing::TempDir dir;
  testing::WriteFile(dir / "sample.json", ExportJson(doc));
  model::Document back;
  s = ImportJsonFile(dir / "sample.json", &back);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(back == doc);
  // And once more: export of the re-import is byte-identical.
  EXPECT_EQ(ExportJson(back), ExportJson(doc));
}

TEST(JsonFormat, ErrorsNameTheField) {
  model::Document doc;
  Status s = ParseJson("w.json", R"({"format":"fangzhi-work","format_version":1,"work":{"id":"x","title":"t","kind":"报告"},"editions":[]})", &doc);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("work.kind"), std::string::npos) << s.message();
  s = ParseJson("w.json", R"({"format":"fangzhi-work","format_version":1,"work":{"id":"x","title":"t","kind":"志书"},
    "editions":[{"id":"v1","nodes":[{"key":"1","blocks":[{"kind":"poem","text":"x"}]}]}]})", &doc);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("editions[0].nodes[0].blocks[0].kind"), std::string::npos) << s.message();
  s = ParseJson("w.json", R"({"format":"fangzhi-work","format_version":1,"work":{"id":"../x","title":"t","kind":"志书"},"editions":[]})", &doc);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("work.id"), std::string::npos) << s.message();
  s = ParseJson("w.json", "{\"format\": ", &doc);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("JSON 语法错误"), std::string::npos);
}

}  // namespace
}  // namespace fangzhi::formats
