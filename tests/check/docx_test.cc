// DOCX in and out: the importer builds the same model as Markdown (headings
// by style and outline level, tables, footnotes, tracked changes accepted);
// the exporter anchors a Word comment on exactly the characters of each
// finding; python-docx and LibreOffice read the result; broken, oversized
// and hostile files are refused with a clear message.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "check/checker.h"
#include "check/node_text.h"
#include "check/rule_pack.h"
#include "check_test_util.h"
#include "docx_builder.h"
#include "formats/docx_exporter.h"
#include "formats/docx_importer.h"

namespace fangzhi::check {
namespace {

using fangzhi::testing::ReadFile;
using fangzhi::testing::RunShell;
using fangzhi::testing::TempDir;
using fangzhi::testing::WriteFile;
using testing::DocxMembers;
using testing::DocxParts;
using testing::OfRule;
using testing::Para;
using testing::WriteZip;

// A yearbook section with every feature the importer handles.
DocxParts RichDocument() {
  DocxParts p;
  p.body = Para("示例县年鉴（2025）", "Title") + Para("农业", "Heading1") + Para("种植业", "a3") +
           // A heading by outline level on the paragraph itself.
           "<w:p><w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr><w:r><w:t>粮食生产</w:t></w:r></w:p>"
           // 我县 split across two runs with different formatting; an accepted
           // insertion; a deletion; hidden text; a footnote reference.
           "<w:p><w:r><w:t xml:space=\"preserve\">2024年，我</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>县粮食总产量21.56万吨</w:t></w:r>"
           "<w:del w:id=\"1\" w:author=\"编辑\"><w:r><w:delText>，去年为21.3万吨</w:delText></w:r></w:del>"
           "<w:ins w:id=\"2\" w:author=\"编辑\"><w:r><w:t>，目前库存充足</w:t></w:r></w:ins>"
           "<w:r><w:rPr><w:vanish/></w:rPr><w:t>今年隐藏</w:t></w:r>"
           "<w:r><w:t>。</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>"
           // A link to the outside world and a field: text kept, nothing fetched.
           "<w:p><w:hyperlink r:id=\"rIdExt\"><w:r><w:t>示例网站</w:t></w:r></w:hyperlink>"
           "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>HYPERLINK \"http://127.0.0.1:9/\"</w:instrText></w:r>"
           "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>发布数据</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>" +
           Para("【奋力打造一流营商环境】2024年，示例县新增市场主体4862户。") +
           "<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>"
           "<w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>单位</w:t></w:r></w:p></w:tc>"
           "<w:tc><w:p><w:r><w:t>2024年</w:t></w:r></w:p></w:tc></w:tr>"
           "<w:tr><w:tc><w:p><w:r><w:t>粮食总产量</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>万吨</w:t></w:r></w:p></w:tc>"
           "<w:tc><w:p><w:r><w:t>21.5</w:t></w:r></w:p></w:tc></w:tr>"
           "<w:tr><w:tc><w:p><w:r><w:t>油料产量</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>万吨</w:t></w:r></w:p></w:tc>"
           "<w:tc><w:p><w:r><w:t>2.84</w:t></w:r></w:p></w:tc></w:tr>"
           "<w:tr><w:tc><w:p><w:r><w:t>茶叶产量</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>万吨</w:t></w:r></w:p></w:tc>"
           "<w:tc><w:p><w:r><w:t>0.68</w:t></w:r></w:p></w:tc></w:tr></w:tbl>" +
           Para("畜牧业", "Heading2") + Para("生猪生产", "Heading3") + Para("全年生猪出栏41.2万头，人气爆棚。");
  p.footnotes =
      "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
      "<w:footnote w:id=\"1\"><w:p><w:r><w:t>数据来自示例县统计局，我国统计制度规定年报于次年发布。</w:t></w:r></w:p></w:footnote>";
  p.extra_rels =
      "<Relationship Id=\"rIdExt\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" "
      "Target=\"http://127.0.0.1:9/never-fetched\" TargetMode=\"External\"/>"
      "<Relationship Id=\"rIdTpl\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate\" "
      "Target=\"http://127.0.0.1:9/template.dotm\" TargetMode=\"External\"/>";
  return p;
}

std::unique_ptr<Checker> Builtin() {
  RuleSet rules;
  EXPECT_TRUE(LoadBuiltinRules(&rules).ok());
  std::unique_ptr<Checker> c;
  EXPECT_TRUE(Checker::Create(std::move(rules), &c).ok());
  return c;
}

formats::DocxImportOptions Yearbook() {
  formats::DocxImportOptions o;
  o.kind = model::kKindYearbook;
  return o;
}

TEST(DocxImport, HeadingsTablesFootnotesAndTrackedChanges) {
  TempDir dir;
  ASSERT_TRUE(WriteZip(dir / "rich.docx", DocxMembers(RichDocument())));
  model::Document d;
  formats::DocxParagraphMap paras;
  Status s = formats::ImportDocx(dir / "rich.docx", Yearbook(), &d, &paras);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(d.work.title, "示例县年鉴（2025）");
  EXPECT_EQ(d.work.kind, "年鉴");
  const auto& nodes = d.BaseEdition()->nodes;
  ASSERT_EQ(nodes.size(), 1u);
  EXPECT_EQ(nodes[0].level, "类目");
  EXPECT_EQ(nodes[0].title, "农业");
  ASSERT_EQ(nodes[0].children.size(), 2u);
  EXPECT_EQ(nodes[0].children[0].level, "分目");
  EXPECT_EQ(nodes[0].children[0].title, "种植业");  // a style named 标题 2
  const model::Node& entry = nodes[0].children[0].children.at(0);
  EXPECT_EQ(entry.level, "条目");
  EXPECT_EQ(entry.title, "粮食生产");
  ASSERT_EQ(entry.blocks.size(), 5u);
  // Deletion dropped, insertion kept, hidden text left out, split runs joined.
  EXPECT_EQ(entry.blocks[0].text, "2024年，我县粮食总产量21.56万吨，目前库存充足。");
  EXPECT_EQ(entry.blocks[0].attrs.at("footnote_refs"), "28:1");
  EXPECT_EQ(entry.blocks[1].text, "示例网站发布数据");
  EXPECT_EQ(entry.blocks[2].attrs.at("entry_title"), "奋力打造一流营商环境");
  EXPECT_EQ(entry.blocks[3].kind, model::BlockKind::kTable);
  EXPECT_EQ(entry.blocks[3].text, "指标\t单位\t2024年\n粮食总产量\t万吨\t21.5\n油料产量\t万吨\t2.84\n茶叶产量\t万吨\t0.68");
  EXPECT_EQ(entry.blocks[3].attrs.at("header"), "1");
  EXPECT_EQ(entry.blocks[4].kind, model::BlockKind::kFootnote);
  EXPECT_EQ(entry.blocks[4].attrs.at("label"), "1");
  EXPECT_EQ(paras.at({"1/1/1", -1}), 4u);  // Title, 农业, 种植业, 粮食生产
  EXPECT_EQ(paras.at({"1/1/1", 0}), 5u);
}

TEST(DocxImport, MacrosAndExternalLinksAreIgnored) {
  TempDir dir;
  DocxParts p;
  p.body = Para("农业", "Heading1") + Para("种植业", "Heading2") + Para("粮食生产", "Heading3") +
           "<w:p><w:hyperlink r:id=\"rIdExt\"><w:r><w:t>我县统计公报</w:t></w:r></w:hyperlink></w:p>";
  p.main_type = "application/vnd.ms-word.document.macroEnabled.main+xml";
  p.extra_rels =
      "<Relationship Id=\"rIdVba\" Type=\"http://schemas.microsoft.com/office/2006/relationships/vbaProject\" Target=\"vbaProject.bin\"/>"
      "<Relationship Id=\"rIdExt\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" "
      "Target=\"http://127.0.0.1:9/x\" TargetMode=\"External\"/>";
  p.extra_types = "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>";
  p.extra_members = {{"word/vbaProject.bin", std::string("\xD0\xCF\x11\xE0 Sub AutoOpen() Shell \"calc\" End Sub", 40)}};
  ASSERT_TRUE(WriteZip(dir / "macro.docx", DocxMembers(p)));
  model::Document d;
  const auto t0 = std::chrono::steady_clock::now();
  Status s = formats::ImportDocx(dir / "macro.docx", Yearbook(), &d);
  ASSERT_TRUE(s.ok()) << s.message();
  // Nothing waited on the network.
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  EXPECT_EQ(d.BaseEdition()->nodes[0].children[0].children[0].blocks[0].text, "我县统计公报");
  auto c = Builtin();
  std::vector<Finding> all;
  ASSERT_TRUE(c->Check(d, {}, &all).ok());
  EXPECT_EQ(OfRule(all, "STY-1P-LOCAL").size(), 1u);
  // Exported with comments, the macro part is carried over untouched and
  // nothing is added to run it.
  std::string out;
  ASSERT_TRUE(formats::ExportDocxWithComments(dir / "macro.docx", Yearbook(), {{"1/1/1", 0, 0, 2, "测试"}}, &out).ok());
  WriteFile(dir / "out.docx", out);
  model::Document again;
  ASSERT_TRUE(formats::ImportDocx(dir / "out.docx", Yearbook(), &again).ok());
  EXPECT_EQ(again.editions, d.editions);
}

// Comments land on exactly the finding's characters, and the text of the
// document is unchanged by the run splitting.
TEST(DocxExport, CommentsAnchorExactlyAndRealToolsReadThem) {
  TempDir dir;
  ASSERT_TRUE(WriteZip(dir / "rich.docx", DocxMembers(RichDocument())));
  model::Document d;
  ASSERT_TRUE(formats::ImportDocx(dir / "rich.docx", Yearbook(), &d).ok());
  auto c = Builtin();
  std::vector<Finding> all;
  ASSERT_TRUE(c->Check(d, {}, &all).ok());
  for (const char* rule : {"STY-1P-LOCAL", "STY-RELTIME-NOW", "NJ-T-SLOGAN", "TAB-ALIGN", "STY-NEWS", "STY-1P-COUNTRY"}) {
    EXPECT_FALSE(OfRule(all, rule).empty()) << rule;
  }
  EXPECT_TRUE(OfRule(all, "STY-RELTIME-YEAR").empty());  // 去年 was deleted, 今年 hidden
  // Findings → annotations, as the CLI makes them.
  std::vector<const model::Node*> nodes;
  model::ForEachNode(d.BaseEdition()->nodes, [&](const model::Node& n, const std::string&, int) { nodes.push_back(&n); });
  std::vector<formats::DocxAnnotation> notes;
  std::map<std::string, std::string> expected;  // comment text → anchored text
  for (const auto& f : all) {
    formats::DocxAnnotation a;
    a.text = f.rule + "：" + f.message + "#" + std::to_string(notes.size());
    if (f.node < nodes.size()) {
      const NodeText nt = BuildNodeText(*nodes[f.node]);
      const Segment& seg = nt.segments[f.segment];
      a.node_path = f.path.substr(d.work.id.size() + 1);
      a.block = seg.title ? -1 : static_cast<int>(seg.block);
      a.start = f.seg_start;
      a.end = f.seg_end;
      if (seg.block_kind != "footnote" && seg.block_kind != "table") expected[a.text] = f.excerpt;
    }
    notes.push_back(a);
  }
  std::string out;
  Status s = formats::ExportDocxWithComments(dir / "rich.docx", Yearbook(), notes, &out);
  ASSERT_TRUE(s.ok()) << s.message();
  WriteFile(dir / "commented.docx", out);
  // The same text as before.
  model::Document again;
  ASSERT_TRUE(formats::ImportDocx(dir / "commented.docx", Yearbook(), &again).ok());
  EXPECT_EQ(again.editions, d.editions);

  // python-docx opens it and sees every comment, by 方志平台, on the right text.
  const auto r = RunShell("/usr/bin/python3 '" + (fangzhi::testing::SourceDir() / "tests/check/docx_comments.py").string() +
                          "' '" + (dir / "commented.docx").string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["comments"].size(), notes.size());
  std::map<std::string, std::string> id_of_text;
  for (const auto& cm : j["comments"]) {
    EXPECT_EQ(cm["author"], formats::kDocxCommentAuthor);
    id_of_text[cm["text"].get<std::string>()] = cm["id"].get<std::string>();
  }
  for (const auto& [text, excerpt] : expected) {
    ASSERT_TRUE(id_of_text.count(text)) << text;
    EXPECT_EQ(j["anchored"][id_of_text[text]], excerpt) << text;
  }
  EXPECT_EQ(j["headings"].size(), 3u);  // 粮食生产 is a heading by outline level, not by style

  // Checked again as it comes back from the editor: our comments are
  // replaced, not doubled, and still anchored on the same text.
  std::string twice;
  ASSERT_TRUE(formats::ExportDocxWithComments(dir / "commented.docx", Yearbook(), notes, &twice).ok());
  WriteFile(dir / "twice.docx", twice);
  const auto r2 = RunShell("/usr/bin/python3 '" + (fangzhi::testing::SourceDir() / "tests/check/docx_comments.py").string() +
                           "' '" + (dir / "twice.docx").string() + "'");
  ASSERT_EQ(r2.exit_code, 0) << r2.err;
  const auto j2 = nlohmann::json::parse(r2.out);
  ASSERT_EQ(j2["comments"].size(), notes.size());
  std::set<std::string> anchored_once, anchored_twice;
  for (const auto& [id, text] : j["anchored"].items()) anchored_once.insert(text.get<std::string>());
  for (const auto& [id, text] : j2["anchored"].items()) anchored_twice.insert(text.get<std::string>());
  EXPECT_EQ(anchored_twice, anchored_once);

  // LibreOffice renders it (one representative file: a conversion takes a
  // few seconds).
  const auto t0 = std::chrono::steady_clock::now();
  const auto lo = RunShell("HOME='" + dir.path().string() + "' libreoffice -env:UserInstallation=file://" + dir.path().string() +
                           "/lo-profile --headless --convert-to pdf --outdir '" + dir.path().string() + "' '" +
                           (dir / "commented.docx").string() + "'");
  ASSERT_EQ(lo.exit_code, 0) << lo.err;
  EXPECT_GT(std::filesystem::file_size(dir / "commented.pdf"), 1000u);
  std::cerr << "LibreOffice 转换用时 "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " 秒\n";
}

TEST(DocxExport, FromTheModelForMarkdownManuscripts) {
  TempDir dir;
  model::Document d;
  ASSERT_TRUE(formats::ImportManuscriptMarkdown(fangzhi::testing::SourceDir() / "examples/shili-county-yearbook-2025.md", &d).ok());
  std::string out;
  ASSERT_TRUE(formats::ExportDocxFromModel(d, {{"2/1", 0, 5, 7, "测试批注"}, {"", -1, 0, 0, "全书"}}, &out).ok());
  WriteFile(dir / "sample.docx", out);
  const auto r = RunShell("/usr/bin/python3 '" + (fangzhi::testing::SourceDir() / "tests/check/docx_comments.py").string() +
                          "' '" + (dir / "sample.docx").string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["comments"].size(), 2u);
  EXPECT_EQ(j["anchored"]["0"], "中国");  // 1月7日　中国人民政治协商会议… : characters 5–7
  // Read back by our own importer, the manuscript keeps its outline.
  model::Document back;
  ASSERT_TRUE(formats::ImportDocx(dir / "sample.docx", Yearbook(), &back).ok());
  EXPECT_EQ(back.BaseEdition()->nodes.size(), d.BaseEdition()->nodes.size());
  EXPECT_EQ(back.BaseEdition()->nodes[2].title, "大事记");  // after the preface and 特载
}

// ---- Bad files ----

std::string ImportError(const std::filesystem::path& p, const formats::DocxLimits& limits = {}) {
  formats::DocxImportOptions o;
  o.limits = limits;
  model::Document d;
  d.work.id = "untouched";
  Status s = formats::ImportDocx(p, o, &d);
  EXPECT_EQ(d.work.id, "untouched");
  return s.ok() ? "" : s.message();
}

TEST(DocxBadInput, TruncatedCorruptAndNotZip) {
  TempDir dir;
  ASSERT_TRUE(WriteZip(dir / "rich.docx", DocxMembers(RichDocument())));
  const std::string bytes = ReadFile(dir / "rich.docx");
  WriteFile(dir / "truncated.docx", bytes.substr(0, bytes.size() / 2));
  EXPECT_NE(ImportError(dir / "truncated.docx").find("truncated.docx：文件不完整或已损坏"), std::string::npos)
      << ImportError(dir / "truncated.docx");
  // Damage the compressed body of word/document.xml.
  std::string bad = bytes;
  const size_t at = bad.find("word/document.xml");
  ASSERT_NE(at, std::string::npos);
  for (size_t i = at + 60; i < at + 400 && i < bad.size(); i += 7) bad[i] = static_cast<char>(bad[i] ^ 0x5A);
  WriteFile(dir / "corrupt.docx", bad);
  const std::string e = ImportError(dir / "corrupt.docx");
  EXPECT_NE(e.find("corrupt.docx"), std::string::npos) << e;
  EXPECT_TRUE(e.find("损坏") != std::string::npos || e.find("XML") != std::string::npos) << e;
  WriteFile(dir / "text.docx", "这不是 Word 文档");
  EXPECT_NE(ImportError(dir / "text.docx").find("不是 zip 压缩包"), std::string::npos);
  ASSERT_TRUE(WriteZip(dir / "nodoc.docx", {{"[Content_Types].xml", "<Types/>"}, {"_rels/.rels", "<Relationships/>"}}));
  EXPECT_NE(ImportError(dir / "nodoc.docx").find("找不到文档正文"), std::string::npos);
}

TEST(DocxBadInput, ZipBombIsRefused) {
  TempDir dir;
  DocxParts p;
  p.body = Para("正文");
  // 24 MiB of zeros deflate to a few KiB: a ratio no real part has.
  p.extra_members = {{"word/media/image1.png", std::string(24u << 20, '\0')}};
  ASSERT_TRUE(WriteZip(dir / "bomb.docx", DocxMembers(p)));
  const std::string e = ImportError(dir / "bomb.docx");
  EXPECT_NE(e.find("word/media/image1.png"), std::string::npos) << e;
  EXPECT_NE(e.find("压缩炸弹"), std::string::npos) << e;
  // The absolute limits hold too.
  formats::DocxLimits tight;
  tight.max_member_bytes = 1000;
  EXPECT_NE(ImportError(dir / "bomb.docx", tight).find("超过上限"), std::string::npos);
}

}  // namespace
}  // namespace fangzhi::check
