#include "formats/manuscript_markdown.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <string>
#include <system_error>
#include <vector>

#include "model/document.h"
#include "text/han.h"

namespace fangzhi::formats {
namespace {

namespace fs = std::filesystem;
using model::Block;
using model::BlockKind;
using model::Document;
using model::Edition;
using model::Node;

const fs::path kSample =
    fs::path(FANGZHI_SOURCE_DIR) / "examples" / "shili-county-yearbook-2025.md";

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The node at a citation path ("14/1/1") of an edition, or nullptr.
const Node* FindNode(const Edition& e, const std::string& path) {
  const Node* found = nullptr;
  model::ForEachNode(e.nodes, [&](const Node& n, const std::string& p, int) {
    if (p == path) found = &n;
  });
  return found;
}

// The level of the node at `path`, or "(none)" so a missing node fails the
// comparison instead of crashing the test.
std::string LevelAt(const Edition& e, const std::string& path) {
  const Node* n = FindNode(e, path);
  return n == nullptr ? "(none)" : n->level;
}

const Node* FindByTitle(const Edition& e, const std::string& title) {
  const Node* found = nullptr;
  model::ForEachNode(e.nodes, [&](const Node& n, const std::string&, int) {
    if (found == nullptr && n.title == title) found = &n;
  });
  return found;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

std::string Attr(const Block& b, const std::string& key) {
  const auto it = b.attrs.find(key);
  return it == b.attrs.end() ? "" : it->second;
}

// The first `n` code points of `s`.
std::string PrefixCodePoints(const std::string& s, size_t n) {
  size_t i = 0;
  while (i < s.size() && n > 0) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    --n;
  }
  return s.substr(0, i);
}

// ---------------------------------------------------------------------------
// The sample manuscript

class ManuscriptMarkdownSample : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    doc_ = new Document;
    status_ = new Status(ImportManuscriptMarkdown(kSample, doc_));
  }
  static void TearDownTestSuite() {
    delete doc_;
    delete status_;
  }
  void SetUp() override {
    ASSERT_TRUE(status_->ok()) << status_->ToString();
    ASSERT_EQ(doc_->editions.size(), 1u);
  }
  const Edition& edition() const { return doc_->editions.front(); }

  static Document* doc_;
  static Status* status_;
};
Document* ManuscriptMarkdownSample::doc_ = nullptr;
Status* ManuscriptMarkdownSample::status_ = nullptr;

TEST_F(ManuscriptMarkdownSample, Metadata) {
  const model::Work& w = doc_->work;
  EXPECT_EQ(w.id, "shili-2025");
  EXPECT_EQ(w.title, "示例县年鉴（2025）");
  EXPECT_EQ(w.kind, "年鉴");
  EXPECT_EQ(w.region_code, "510121");
  EXPECT_EQ(w.place_name, "示例县");
  EXPECT_EQ(w.year, "2025");
  EXPECT_EQ(w.period, "2024");
  EXPECT_EQ(w.dynasty, "当代");  // not in the front matter: the default
  EXPECT_EQ(w.compilers, std::vector<std::string>{"示例县地方志编纂委员会办公室"});
  EXPECT_EQ(w.source, "示例县地方志编纂委员会办公室编纂稿");
  EXPECT_EQ(w.licence, "CC0-1.0");
  EXPECT_EQ(w.extra.at("publisher"), "示例出版社");
  EXPECT_EQ(w.extra.count("note"), 1u);
  EXPECT_EQ(w.extra.count("version"), 0u);  // a known key, not an extra
}

TEST_F(ManuscriptMarkdownSample, OneBaseEditionAndItsSource) {
  const Edition& e = edition();
  EXPECT_EQ(e.id, "v1");
  EXPECT_EQ(e.label, "第1稿");
  EXPECT_TRUE(e.base);
  ASSERT_EQ(doc_->sources.size(), 1u);
  EXPECT_EQ(doc_->sources[0].edition, "v1");
  EXPECT_EQ(doc_->sources[0].path, "shili-county-yearbook-2025.md");
  EXPECT_EQ(doc_->sources[0].bytes, fs::file_size(kSample));
}

TEST_F(ManuscriptMarkdownSample, NodeCountsPerLevel) {
  std::map<std::string, int> by_level;
  model::ForEachNode(edition().nodes,
                     [&](const Node& n, const std::string&, int) { ++by_level[n.level]; });
  EXPECT_EQ(by_level["部分"], 1);  // the text before the first heading
  EXPECT_EQ(by_level["类目"], 18);
  EXPECT_EQ(by_level["分目"], 71);
  EXPECT_EQ(by_level["条目"], 116);
  EXPECT_EQ(by_level.size(), 4u);  // no 子目: the sample never goes four deep

  // The same counts, independently, from the heading lines of the body.
  const std::string data = ReadAll(kSample);
  const std::string body = data.substr(data.find("\n---\n", 4) + 5);
  std::map<std::string, int> hashes;
  size_t pos = 0;
  while (pos < body.size()) {
    const size_t end = body.find('\n', pos);
    const std::string line =
        body.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    const size_t n = line.find_first_not_of('#');
    if (n > 0 && n != std::string::npos && line[n] == ' ') ++hashes[line.substr(0, n)];
    pos = end == std::string::npos ? body.size() : end + 1;
  }
  EXPECT_EQ(hashes["#"], by_level["类目"]);
  EXPECT_EQ(hashes["##"], by_level["分目"]);
  EXPECT_EQ(hashes["###"], by_level["条目"]);
}

TEST_F(ManuscriptMarkdownSample, CategoriesInOrder) {
  std::vector<std::string> titles;
  std::vector<std::string> keys;
  for (const Node& n : edition().nodes) {
    if (n.level != "类目") continue;
    titles.push_back(n.title);
    keys.push_back(n.key);
  }
  const std::vector<std::string> expected = {
      "特载",     "大事记",   "概况", "政治",     "经济管理", "农业", "工业", "交通", "商贸服务",
      "城乡建设", "科学技术", "教育", "卫生健康", "文化",     "社会", "乡镇", "人物", "附录"};
  EXPECT_EQ(titles, expected);
  ASSERT_FALSE(keys.empty());
  EXPECT_EQ(keys.front(), "1");
  EXPECT_EQ(keys.back(), "18");
}

TEST_F(ManuscriptMarkdownSample, TextBeforeFirstHeadingIsNodeZero) {
  const Node& front = edition().nodes.front();
  EXPECT_EQ(front.key, "0");
  EXPECT_EQ(front.level, "部分");
  EXPECT_EQ(front.title, "");
  ASSERT_EQ(front.blocks.size(), 1u);
  EXPECT_EQ(front.blocks[0].text.rfind("本年鉴是示例县地方志编纂委员会办公室", 0), 0u);
}

TEST_F(ManuscriptMarkdownSample, EntriesNestUnderSubcategories) {
  const Node* n = FindNode(edition(), "1/1/1");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->level, "条目");
  EXPECT_EQ(n->title, "示例县经济社会发展综述");
  const Node* months = FindNode(edition(), "2");
  ASSERT_NE(months, nullptr);
  EXPECT_EQ(months->title, "大事记");
  ASSERT_EQ(months->children.size(), 12u);
  EXPECT_EQ(months->children[11].key, "12");
  EXPECT_EQ(months->children[11].title, "12月");
}

TEST_F(ManuscriptMarkdownSample, ParagraphsNumberedPerNode) {
  model::ForEachNode(edition().nodes, [&](const Node& n, const std::string& path, int) {
    for (size_t i = 0; i < n.blocks.size(); ++i) {
      EXPECT_EQ(n.blocks[i].para, static_cast<int>(i) + 1) << path;
    }
  });
}

TEST_F(ManuscriptMarkdownSample, StatisticsTable) {
  const Node* n = FindByTitle(edition(), "主要经济指标");
  ASSERT_NE(n, nullptr);
  const Block* table = nullptr;
  for (const Block& b : n->blocks) {
    if (b.kind == BlockKind::kTable) table = &b;
  }
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(Attr(*table, "header"), "1");
  EXPECT_EQ(Attr(*table, "align"), "l,c,r,r");
  const std::vector<std::string> rows = Split(table->text, '\n');
  ASSERT_EQ(rows.size(), 13u);  // header and 12 indicators
  for (const std::string& row : rows) EXPECT_EQ(Split(row, '\t').size(), 4u) << row;
  EXPECT_EQ(rows[0], "指标\t单位\t2024年\t比上年增长（%）");
  EXPECT_EQ(rows[1], "地区生产总值\t亿元\t216.48\t5.9");
}

TEST_F(ManuscriptMarkdownSample, FootnotesFollowTheirFirstReference) {
  std::map<std::string, std::string> owner;  // label → node path
  model::ForEachNode(edition().nodes, [&](const Node& n, const std::string& path, int) {
    for (const Block& b : n.blocks) {
      if (b.kind == BlockKind::kFootnote) owner[Attr(b, "label")] = path;
    }
  });
  ASSERT_EQ(owner.size(), 3u);
  const Node* essay = FindByTitle(edition(), "示例县经济社会发展综述");
  const Node* people = FindByTitle(edition(), "人口民族");
  ASSERT_NE(essay, nullptr);
  ASSERT_NE(people, nullptr);
  EXPECT_EQ(owner["gdp"], "1/1/1");
  EXPECT_EQ(essay->blocks.back().kind, BlockKind::kFootnote);
  EXPECT_EQ(Attr(essay->blocks.back(), "label"), "gdp");
  EXPECT_EQ(essay->blocks.back().text.rfind("地区生产总值、三次产业增加值", 0), 0u);
  EXPECT_EQ(people->blocks.back().kind, BlockKind::kFootnote);
  EXPECT_EQ(Attr(people->blocks.back(), "label"), "pop");

  // The reference is gone from the text and its place recorded.
  const Block& para = essay->blocks.front();
  EXPECT_EQ(para.text.find("[^"), std::string::npos);
  const std::string refs = Attr(para, "footnote_refs");
  ASSERT_NE(refs.find(':'), std::string::npos);
  EXPECT_EQ(refs.substr(refs.find(':') + 1), "gdp");
  const size_t offset = std::stoul(refs.substr(0, refs.find(':')));
  EXPECT_EQ(PrefixCodePoints(para.text, offset), "2024年，示例县实现地区生产总值216.48亿元");
}

TEST_F(ManuscriptMarkdownSample, EntryParagraphsKeepTheirTitle) {
  const Node* n = FindByTitle(edition(), "市场监管");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->level, "分目");
  EXPECT_TRUE(n->children.empty());
  ASSERT_EQ(n->blocks.size(), 4u);
  EXPECT_EQ(Attr(n->blocks[0], "entry_title"), "市场主体登记");
  EXPECT_EQ(n->blocks[0].text.rfind("【市场主体登记】2024年，", 0), 0u);  // text as written
  EXPECT_EQ(Attr(n->blocks[3], "entry_title"), "消费维权");
  const Node* plain = FindByTitle(edition(), "财政收入");
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(plain->blocks[0].attrs.count("entry_title"), 0u);
}

TEST_F(ManuscriptMarkdownSample, OrderedListItems) {
  const Node* n = FindByTitle(edition(), "民生实事");
  ASSERT_NE(n, nullptr);
  ASSERT_EQ(n->blocks.size(), 11u);  // the lead paragraph and 10 items
  for (int i = 1; i <= 10; ++i) {
    const Block& b = n->blocks[static_cast<size_t>(i)];
    EXPECT_EQ(Attr(b, "list"), "ordered");
    EXPECT_EQ(Attr(b, "item"), std::to_string(i));
  }
  EXPECT_EQ(n->blocks[10].text, "开展职业技能培训6200人次。");
}

// Markdown's syntax is ASCII, so every Han character of the body must reach
// the model, and nothing may be added.
TEST_F(ManuscriptMarkdownSample, HanCountMatchesTheBody) {
  const std::string data = ReadAll(kSample);
  const size_t close = data.find("\n---\n", 4);
  ASSERT_NE(close, std::string::npos);
  const size_t expected = text::CountHan(std::string_view(data).substr(close + 5));
  EXPECT_EQ(model::CountHan(edition()), expected);
  EXPECT_GE(expected, 12000u);
  EXPECT_LE(expected, 20000u);
}

// ---------------------------------------------------------------------------
// Small manuscripts written by the tests

class ManuscriptMarkdown : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() /
           ("fangzhi-md-" + std::to_string(::getpid()) + "-" + std::to_string(rd()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  fs::path Write(const std::string& name, const std::string& content) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

  // Imports `content` written as `name` and expects it to be refused as bad
  // input with a message that names the file and `line`.
  void ExpectInvalid(const std::string& name, const std::string& content, size_t line,
                     const std::string& also = "") {
    const fs::path p = Write(name, content);
    Document doc;
    doc.work.title = "unchanged";
    const Status s = ImportManuscriptMarkdown(p, &doc);
    EXPECT_EQ(s.code(), Status::Code::kInvalidInput) << s.ToString();
    EXPECT_NE(s.message().find(name), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("第 " + std::to_string(line) + " 行"), std::string::npos)
        << s.message();
    if (!also.empty()) {
      EXPECT_NE(s.message().find(also), std::string::npos) << s.message();
    }
    EXPECT_EQ(doc.work.title, "unchanged");  // *doc untouched on error
    EXPECT_TRUE(doc.editions.empty());
  }

  Document Import(const std::string& name, const std::string& content) {
    Document doc;
    const Status s = ImportManuscriptMarkdown(Write(name, content), &doc);
    EXPECT_TRUE(s.ok()) << s.ToString();
    // An empty edition lets the caller's checks fail instead of crashing.
    if (doc.editions.empty()) doc.editions.emplace_back();
    return doc;
  }

  fs::path dir_;
};

const std::string kHead = "---\ntitle: 测试年鉴\nkind: 年鉴\n---\n";

TEST_F(ManuscriptMarkdown, DerivesIdAndDefaults) {
  const Document doc =
      Import("abc-2024.md",
             "---\ntitle: 甲\nkind: 志书\ncompilers: 某县志办\nversion: 3\nperiod: "
             "1986-2005\ntags: [一, 二]\n---\n正文。\n");
  EXPECT_EQ(doc.work.id, "abc-2024");
  EXPECT_EQ(doc.work.source, "abc-2024.md");
  EXPECT_EQ(doc.work.dynasty, "当代");
  EXPECT_EQ(doc.work.period, "1986-2005");
  EXPECT_EQ(doc.work.compilers, std::vector<std::string>{"某县志办"});
  EXPECT_EQ(doc.work.extra.at("tags"), "一\n二");
  EXPECT_EQ(doc.editions[0].id, "v3");
  EXPECT_EQ(doc.editions[0].label, "第3稿");
  ASSERT_EQ(doc.sources.size(), 1u);
  EXPECT_EQ(doc.sources[0].edition, "v3");
}

TEST_F(ManuscriptMarkdown, AcceptsBomAndCrlf) {
  const Document doc = Import(
      "crlf.md",
      "\xEF\xBB\xBF---\r\ntitle: 甲\r\nkind: 年鉴\r\n---\r\n# 类\r\n\r\n第一行\r\n第二行\r\n");
  ASSERT_EQ(doc.editions[0].nodes.size(), 1u);
  EXPECT_EQ(doc.editions[0].nodes[0].title, "类");
  ASSERT_EQ(doc.editions[0].nodes[0].blocks.size(), 1u);
  EXPECT_EQ(doc.editions[0].nodes[0].blocks[0].text, "第一行\n第二行");
}

TEST_F(ManuscriptMarkdown, YearbookGoesFourDeepWhenUsed) {
  const Document doc = Import("four.md", kHead + "# 类\n## 分\n### 子\n#### 条\n正文\n");
  const Edition& e = doc.editions[0];
  EXPECT_EQ(LevelAt(e, "1"), "类目");
  EXPECT_EQ(LevelAt(e, "1/1"), "分目");
  EXPECT_EQ(LevelAt(e, "1/1/1"), "子目");
  EXPECT_EQ(LevelAt(e, "1/1/1/1"), "条目");
}

TEST_F(ManuscriptMarkdown, LevelsByKindAndOverride) {
  const Document gazetteer =
      Import("g.md", "---\ntitle: 甲\nkind: 志书\n---\n# 一\n## 二\n### 三\n#### 四\n");
  EXPECT_EQ(LevelAt(gazetteer.editions[0], "1/1/1/1"), "目");
  EXPECT_EQ(LevelAt(gazetteer.editions[0], "1/1"), "章");
  const Document other = Import("o.md", "---\ntitle: 甲\nkind: 其他\n---\n# 一\n###### 六\n");
  EXPECT_EQ(LevelAt(other.editions[0], "1"), "部分");
  EXPECT_EQ(LevelAt(other.editions[0], "1/1"), "部分");
  const Document custom =
      Import("c.md", "---\ntitle: 甲\nkind: 年鉴\nlevels: [卷, 篇]\n---\n# 一\n## 二\n");
  EXPECT_EQ(LevelAt(custom.editions[0], "1"), "卷");
  EXPECT_EQ(LevelAt(custom.editions[0], "1/1"), "篇");
}

TEST_F(ManuscriptMarkdown, SkippedDepthNestsUnderNearestShallower) {
  const Document doc = Import(
      "skip.md", kHead + "## 无类目的分目\n甲\n# 类\n### 跳过分目\n乙\n### 又一条\n# 类二\n");
  const Edition& e = doc.editions[0];
  ASSERT_EQ(e.nodes.size(), 3u);
  EXPECT_EQ(e.nodes[0].key, "1");
  EXPECT_EQ(e.nodes[0].level, "分目");  // its depth's level: the gap stays visible
  EXPECT_EQ(e.nodes[1].key, "2");
  ASSERT_EQ(e.nodes[1].children.size(), 2u);
  EXPECT_EQ(e.nodes[1].children[0].level, "条目");
  EXPECT_EQ(e.nodes[1].children[0].key, "1");
  EXPECT_EQ(e.nodes[1].children[1].key, "2");
  EXPECT_EQ(e.nodes[2].key, "3");
}

TEST_F(ManuscriptMarkdown, InlineMarkupDropped) {
  const Document doc =
      Import("inline.md", kHead +
                              "# 类 **粗** `码`\n\n"
                              "甲*乙*__丙__`丁` [戊](http://example.org/a) 己  \n庚\\\n辛\n"
                              "壬\n\n***\n\n<div>原样</div>\n\n段<b>粗</b>落\n\n> 引文\n");
  ASSERT_EQ(doc.editions[0].nodes.size(), 1u);
  const Node& n = doc.editions[0].nodes[0];
  EXPECT_EQ(n.title, "类 粗 码");
  ASSERT_EQ(n.blocks.size(), 4u);  // the thematic break leaves nothing
  EXPECT_EQ(n.blocks[0].text, "甲乙丙丁 戊 己\n庚\n辛\n壬");
  EXPECT_EQ(Attr(n.blocks[0], "links"), "5:1:http://example.org/a");
  EXPECT_EQ(n.blocks[1].text, "<div>原样</div>");
  EXPECT_EQ(Attr(n.blocks[1], "html"), "1");
  EXPECT_EQ(Attr(n.blocks[1], "html_spans"), "");  // a whole HTML block: nothing in it is prose
  EXPECT_EQ(n.blocks[2].text, "段<b>粗</b>落");
  EXPECT_EQ(Attr(n.blocks[2], "html"), "1");
  // The tags' places (code points), so that checks skip only them.
  EXPECT_EQ(Attr(n.blocks[2], "html_spans"), "1:3,5:4");
  EXPECT_EQ(n.blocks[3].text, "引文");
  EXPECT_EQ(Attr(n.blocks[3], "quote"), "1");
}

TEST_F(ManuscriptMarkdown, ImagesBecomeFigures) {
  const Document doc =
      Import("img.md", kHead + "# 类\n\n前文\n![县城 全景](img/city.jpg \"题\")\n图注\n");
  ASSERT_EQ(doc.editions[0].nodes.size(), 1u);
  const Node& n = doc.editions[0].nodes[0];
  ASSERT_EQ(n.blocks.size(), 3u);
  EXPECT_EQ(n.blocks[0].text, "前文");
  EXPECT_EQ(n.blocks[1].kind, BlockKind::kFigure);
  EXPECT_EQ(n.blocks[1].text, "县城 全景");
  EXPECT_EQ(Attr(n.blocks[1], "src"), "img/city.jpg");
  EXPECT_EQ(Attr(n.blocks[1], "title"), "题");
  EXPECT_EQ(n.blocks[2].text, "图注");
  EXPECT_EQ(n.blocks[2].para, 3);
}

TEST_F(ManuscriptMarkdown, BulletListItemsAndNesting) {
  const Document doc =
      Import("list.md", kHead + "# 类\n\n- 甲\n- 乙\n\n  乙续\n  - 子\n\n3. 丙\n4. 丁\n");
  ASSERT_EQ(doc.editions[0].nodes.size(), 1u);
  const Node& n = doc.editions[0].nodes[0];
  ASSERT_EQ(n.blocks.size(), 5u);
  EXPECT_EQ(Attr(n.blocks[0], "list"), "bullet");
  EXPECT_EQ(Attr(n.blocks[0], "item"), "1");
  EXPECT_EQ(n.blocks[1].text, "乙\n乙续");  // one block per item
  EXPECT_EQ(Attr(n.blocks[2], "list_level"), "2");
  EXPECT_EQ(Attr(n.blocks[3], "list"), "ordered");
  EXPECT_EQ(Attr(n.blocks[3], "item"), "3");
  EXPECT_EQ(Attr(n.blocks[4], "item"), "4");
}

TEST_F(ManuscriptMarkdown, TableCellsAndShortRows) {
  const Document doc = Import("t.md", kHead + "# 类\n\n| 甲 | *乙* | 丙 |\n|---|:-:|--:|\n| 1 |\n");
  ASSERT_EQ(doc.editions[0].nodes.size(), 1u);
  ASSERT_EQ(doc.editions[0].nodes[0].blocks.size(), 1u);
  const Block& t = doc.editions[0].nodes[0].blocks[0];
  EXPECT_EQ(t.kind, BlockKind::kTable);
  EXPECT_EQ(t.text, "甲\t乙\t丙\n1\t\t");
  EXPECT_EQ(Attr(t, "align"), "-,c,r");
  EXPECT_EQ(Attr(t, "header"), "1");
}

TEST_F(ManuscriptMarkdown, FirstReferenceWinsAndLabelsAsWritten) {
  const Document doc =
      Import("fn.md", kHead +
                          "# 一\n\n无注\n\n# 二\n\n甲[^Note]乙[^2]\n\n# 三\n\n再引[^note]\n\n"
                          "[^2]: 二号\n[^Note]: 说明含[^x]\n[^x]: 嵌套\n");
  const Edition& e = doc.editions[0];
  ASSERT_EQ(e.nodes.size(), 3u);
  const Node& two = e.nodes[1];
  ASSERT_EQ(two.blocks.size(), 4u);
  EXPECT_EQ(two.blocks[0].text, "甲乙");
  EXPECT_EQ(Attr(two.blocks[0], "footnote_refs"), "1:Note,2:2");
  EXPECT_EQ(two.blocks[1].kind, BlockKind::kFootnote);
  EXPECT_EQ(Attr(two.blocks[1], "label"), "Note");  // in order of first reference
  EXPECT_EQ(two.blocks[1].text, "说明含");
  EXPECT_EQ(Attr(two.blocks[1], "footnote_refs"), "3:x");
  EXPECT_EQ(Attr(two.blocks[2], "label"), "2");
  EXPECT_EQ(Attr(two.blocks[3], "label"), "x");  // follows the footnote citing it
  EXPECT_EQ(two.blocks[3].para, 4);
  const Node& three = e.nodes[2];
  ASSERT_EQ(three.blocks.size(), 1u);
  EXPECT_EQ(Attr(three.blocks[0], "footnote_refs"), "2:Note");
  EXPECT_EQ(e.nodes[0].blocks.size(), 1u);
}

TEST_F(ManuscriptMarkdown, UnknownKeysAndExplicitId) {
  const Document doc = Import(
      "x.md", "---\ntitle: 甲\nkind: 期刊\nid: 示例期刊\nissue: 3\nregion_code: 51\n---\n文\n");
  EXPECT_EQ(doc.work.id, "示例期刊");
  EXPECT_EQ(doc.work.region_code, "51");
  EXPECT_EQ(doc.work.extra.at("issue"), "3");
}

// ---------------------------------------------------------------------------
// Bad input: refused, with the file and the line named

TEST_F(ManuscriptMarkdown, RejectsMissingFrontMatter) {
  ExpectInvalid("no-front.md", "# 类目\n正文\n", 1, "---");
}

TEST_F(ManuscriptMarkdown, RejectsUnclosedFrontMatter) {
  ExpectInvalid("unclosed.md", "---\ntitle: 甲\nkind: 年鉴\n# 类目\n正文\n", 1, "没有结束");
}

TEST_F(ManuscriptMarkdown, RejectsYamlSyntaxError) {
  // The tab is on line 4 of the .md file (line 3 of the front matter).
  ExpectInvalid("yaml.md", "---\ntitle: 甲\nkind: 年鉴\n\tyear: 2025\n---\n正文\n", 4, "YAML");
}

TEST_F(ManuscriptMarkdown, RejectsMissingTitle) {
  ExpectInvalid("no-title.md", "---\nkind: 年鉴\n---\n正文\n", 1, "title");
  ExpectInvalid("empty-title.md", "---\nkind: 年鉴\n\ntitle: \"  \"\n---\n正文\n", 4, "title");
}

TEST_F(ManuscriptMarkdown, RejectsUnknownKind) {
  ExpectInvalid("示例.md", "---\ntitle: 甲\nkind: 报告\n---\n正文\n", 3,
                "kind 必须是 年鉴、志书、地情资料、期刊、其他 之一，而不是 “报告”");
  ExpectInvalid("no-kind.md", "---\ntitle: 甲\n---\n正文\n", 1, "kind");
}

TEST_F(ManuscriptMarkdown, RejectsBadRegionCode) {
  for (const std::string code : {"5101a", "510", "5101041", "５１"}) {
    ExpectInvalid("region.md", "---\ntitle: 甲\nkind: 年鉴\nregion_code: " + code + "\n---\n正文\n",
                  4, "region_code");
  }
  // Well formed, but no revision of GB/T 2260 has it; the message names the nearest unit.
  ExpectInvalid("region.md", "---\ntitle: 甲\nkind: 年鉴\nregion_code: 510199\n---\n正文\n", 4,
                "region_code “510199” 不在 GB/T 2260 代码表");
  ExpectInvalid("region.md", "---\ntitle: 甲\nkind: 年鉴\nregion_code: 510199\n---\n正文\n", 4,
                "四川省成都市下没有这个代码");
}

TEST_F(ManuscriptMarkdown, AcceptsRetiredRegionCodes) {
  // 双流县 (510122) became 双流区 in 2016; its earlier yearbooks keep the code.
  const Document doc = Import("shuangliu.md", "---\ntitle: 双流县年鉴（2010）\nkind: 年鉴\nregion_code: 510122\n---\n正文\n");
  EXPECT_EQ(doc.work.region_code, "510122");
}

TEST_F(ManuscriptMarkdown, RejectsBadYear) {
  ExpectInvalid("year.md", "---\ntitle: 甲\nkind: 年鉴\nperiod: 2024\nyear: 25\n---\n正文\n", 5,
                "year");
}

TEST_F(ManuscriptMarkdown, RejectsBadVersion) {
  for (const std::string v : {"0", "-1", "1.5", "二", "100000"}) {
    ExpectInvalid("version.md", "---\ntitle: 甲\nkind: 年鉴\nversion: " + v + "\n---\n正文\n", 4,
                  "version");
  }
}

TEST_F(ManuscriptMarkdown, RejectsBadId) {
  ExpectInvalid("id.md", "---\ntitle: 甲\nkind: 年鉴\nid: a/b\n---\n正文\n", 1, "id");
  ExpectInvalid(".hidden.md", "---\ntitle: 甲\nkind: 年鉴\n---\n正文\n", 1, "文件名");
}

TEST_F(ManuscriptMarkdown, RejectsHeadingDeeperThanLevels) {
  ExpectInvalid("deep.md", kHead + "# 类\n## 分\n### 条\n\n##### 五级\n", 9, "五级");
  ExpectInvalid("deep-levels.md",
                "---\ntitle: 甲\nkind: 志书\nlevels: [卷, 篇]\n---\n# 一\n## 二\n### 三\n", 8,
                "卷、篇");
}

TEST_F(ManuscriptMarkdown, RejectsEmptyBody) {
  ExpectInvalid("empty.md", kHead, 5, "正文为空");
  ExpectInvalid("blank.md", kHead + "\n\n---\n\n", 5, "正文为空");
}

TEST_F(ManuscriptMarkdown, RejectsUnreferencedOrDuplicateFootnote) {
  ExpectInvalid("fn-unused.md", kHead + "正文[^a]\n\n[^a]: 甲\n[^b]: 乙\n", 8, "脚注");
  ExpectInvalid("fn-dup.md", kHead + "正文[^a]\n\n[^a]: 甲\n\n[^a]: 重复\n", 9, "脚注");
}

TEST_F(ManuscriptMarkdown, RejectsTableRowWiderThanHeader) {
  ExpectInvalid("wide.md", kHead + "| 甲 | 乙 |\n|---|---|\n| 1 | 2 | 多出 |\n", 7, "表格");
}

TEST_F(ManuscriptMarkdown, RejectsNulByte) {
  ExpectInvalid("nul.md", kHead + "# 类\n正" + std::string(1, '\0') + "文\n", 6, "NUL");
}

TEST_F(ManuscriptMarkdown, RejectsMalformedUtf8WithByteOffset) {
  const std::string content = kHead + "正文\xFF\n";
  const fs::path p = Write("bad-utf8.md", content);
  Document doc;
  const Status s = ImportManuscriptMarkdown(p, &doc);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_NE(s.message().find("bad-utf8.md"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("第 " + std::to_string(content.find('\xFF') + 1) + " 字节"),
            std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("第 5 行"), std::string::npos) << s.message();
  EXPECT_TRUE(doc.editions.empty());
}

TEST_F(ManuscriptMarkdown, ReportsMissingFile) {
  Document doc;
  const Status s = ImportManuscriptMarkdown(dir_ / "不存在.md", &doc);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_NE(s.message().find("不存在.md"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace fangzhi::formats
