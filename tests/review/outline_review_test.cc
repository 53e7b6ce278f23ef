// 篇目审查: the sample yearbook passes; each kind of problem fires on a
// manuscript made to have it, and its near miss does not.
#include "review/outline_review.h"

#include "review/framework.h"
#include "review/review_test_util.h"

namespace fangzhi::review {
namespace {

using fangzhi::testing::SourceDir;
using fangzhi::testing::TempDir;
using testing::Dump;
using testing::Manuscript;
using testing::WithRule;

std::vector<check::Finding> Review(const model::Document& doc, const std::string& framework = "yearbook") {
  Framework fw;
  const Status s = ResolveFramework(framework, &fw);
  EXPECT_TRUE(s.ok()) << s.ToString();
  std::vector<check::Finding> out;
  EXPECT_TRUE(ReviewOutline(doc, fw, {}, &out).ok());
  for (const auto& f : out) {
    EXPECT_EQ(f.category, check::Category::kStructure);
    EXPECT_TRUE(f.rule.starts_with("OUT-")) << f.rule;
  }
  return out;
}

// Sections every yearbook test manuscript has, so only the problem under test fires.
const std::string kHead = "# 大事记\n\n## 1月\n\n1月7日　县政协会议召开。\n\n# 概况\n\n## 县情\n\n### 位置面积\n\n测试县位于盆地西缘。\n\n";
const std::string kTail = "# 附录\n\n## 统计资料\n\n### 主要指标\n\n地区生产总值216亿元。\n";

TEST(Framework, BuiltinsLoad) {
  Framework y, g;
  ASSERT_TRUE(BuiltinFramework("yearbook", &y).ok());
  ASSERT_TRUE(BuiltinFramework("志书", &g).ok());
  EXPECT_EQ(y.levels, (std::vector<std::string>{"类目", "分目", "子目", "条目"}));
  EXPECT_EQ(y.entry_level, "条目");
  EXPECT_EQ(g.entry_level, "目");
  EXPECT_EQ(y.parts[static_cast<size_t>(y.PartOf("概览"))].name, "概况");
  EXPECT_EQ(y.parts[static_cast<size_t>(y.PartOf("政治"))].name, "百科部类");
  EXPECT_EQ(y.parts[static_cast<size_t>(y.PartOf("乡镇"))].name, "下级政区");
  Framework none;
  const Status s = ResolveFramework("almanac", &none);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_NE(s.message().find("yearbook"), std::string::npos) << s.message();
}

TEST(Framework, FileErrorsNameTheLine) {
  TempDir dir;
  fangzhi::testing::WriteFile(dir / "f.yaml", "id: mine\nlevels: [类目, 分目]\nparts:\n  - name: 大事记\n  - required: true\n");
  Framework fw;
  Status s = LoadFramework((dir / "f.yaml").string(), &fw);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_NE(s.message().find("f.yaml 第 5 行"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("name"), std::string::npos) << s.message();
  fangzhi::testing::WriteFile(dir / "g.yaml", "id: mine\nlevels: [类目, 分目]\nmax_depth: 12\nparts:\n  - name: 大事记\n");
  s = LoadFramework((dir / "g.yaml").string(), &fw);
  EXPECT_NE(s.message().find("g.yaml 第 3 行"), std::string::npos) << s.message();
  fangzhi::testing::WriteFile(dir / "h.yaml", "id: mine\nlevels: [类目, 分目]\nparts:\n  - name: 大事记\n    requird: true\n");
  s = LoadFramework((dir / "h.yaml").string(), &fw);
  EXPECT_NE(s.message().find("h.yaml 第 5 行"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("requird"), std::string::npos) << s.message();
}

TEST(OutlineReview, SampleYearbookHasNoWarnings) {
  model::Document doc;
  ASSERT_TRUE(LoadManuscript((SourceDir() / "examples/shili-county-yearbook-2025.md").string(), "", &doc).ok());
  const auto fs = Review(doc);
  for (const auto& f : fs) EXPECT_EQ(f.severity, check::Severity::kInfo) << Dump({f});
  EXPECT_TRUE(WithRule(fs, "OUT-MISSING").empty());
  EXPECT_TRUE(WithRule(fs, "OUT-ORDER").empty());
}

TEST(OutlineReview, MissingPart) {
  TempDir dir;
  auto fs = Review(Manuscript(dir, "a.md", "# 概况\n\n## 县情\n\n### 位置\n\n测试县位于盆地西缘。\n\n" + kTail));
  auto m = WithRule(fs, "OUT-MISSING");
  ASSERT_EQ(m.size(), 1u) << Dump(fs);
  EXPECT_EQ(m[0].excerpt, "大事记");
  EXPECT_EQ(m[0].para, -1);
  EXPECT_EQ(m[0].path, "test-2025");
  // Near miss: a synonym and a longer title still count.
  fs = Review(Manuscript(dir, "b.md", "# 2024年大事记\n\n## 1月\n\n1月7日　会议召开。\n\n# 概览\n\n## 县情\n\n### 位置\n\n测试县位于盆地西缘。\n\n" + kTail));
  EXPECT_TRUE(WithRule(fs, "OUT-MISSING").empty()) << Dump(fs);
}

TEST(OutlineReview, PartsOutOfOrder) {
  TempDir dir;
  auto fs = Review(Manuscript(dir, "a.md", "# 概况\n\n## 县情\n\n### 位置\n\n测试县位于盆地西缘。\n\n# 大事记\n\n## 1月\n\n1月7日　会议召开。\n\n" + kTail));
  auto o = WithRule(fs, "OUT-ORDER");
  ASSERT_EQ(o.size(), 1u) << Dump(fs);
  EXPECT_EQ(o[0].excerpt, "大事记");
  // Near miss: 百科 categories between the fixed parts are in order.
  fs = Review(Manuscript(dir, "b.md", kHead + "# 政治\n\n## 人大\n\n### 会议\n\n会议召开。\n\n# 农业\n\n## 种植业\n\n### 粮食\n\n粮食增产。\n\n" +
                                         "# 乡镇\n\n## 青溪镇\n\n青溪镇位于县境北部。\n\n" + kTail));
  EXPECT_TRUE(WithRule(fs, "OUT-ORDER").empty()) << Dump(fs);
}

TEST(OutlineReview, TooDeepForTheFramework) {
  TempDir dir;
  // A framework that allows three levels only.
  fangzhi::testing::WriteFile(dir / "three.yaml",
                              "id: three\ntitle: 三层年鉴\nlevels: [类目, 分目, 子目, 条目]\noptional_levels: [子目]\n"
                              "entry_level: 条目\nmax_depth: 3\nparts:\n  - name: 大事记\n");
  const auto doc = Manuscript(dir, "a.md", kHead + "# 政治\n\n## 人大\n\n### 人大会议\n\n#### 四次会议\n\n会议召开。\n\n" +
                                               "## 政协\n\n【协商议政】政协全年协商议政12次。\n\n" + kTail);
  auto fs = Review(doc, (dir / "three.yaml").string());
  auto d = WithRule(fs, "OUT-DEPTH");
  ASSERT_EQ(d.size(), 1u) << Dump(fs);
  EXPECT_EQ(d[0].excerpt, "四次会议");
  // Near miss: the same manuscript is within the yearbook's four levels.
  EXPECT_TRUE(WithRule(Review(doc), "OUT-DEPTH").empty());
}

TEST(OutlineReview, LevelsSkippedOrWrong) {
  TempDir dir;
  // 条目 straight under a 类目 (no 分目), 【】 entries straight in a 类目.
  auto fs = Review(Manuscript(dir, "a.md", kHead + "# 政治\n\n### 县委全会\n\n全会召开。\n\n# 农业\n\n【粮食生产】粮食增产。\n\n" + kTail));
  auto l = WithRule(fs, "OUT-LEVEL");
  ASSERT_EQ(l.size(), 2u) << Dump(fs);
  EXPECT_EQ(l[0].excerpt, "县委全会");
  EXPECT_NE(l[0].message.find("跳过了分目"), std::string::npos) << l[0].message;
  EXPECT_EQ(l[1].excerpt, "粮食生产");
  // An entry inside an entry.
  fs = Review(Manuscript(dir, "b.md", kHead + "# 政治\n\n## 人大\n\n### 人大会议\n\n【四次会议】会议召开。\n\n" + kTail));
  l = WithRule(fs, "OUT-LEVEL");
  ASSERT_EQ(l.size(), 1u) << Dump(fs);
  EXPECT_EQ(l[0].excerpt, "四次会议");
  // A gazetteer's levels are not a yearbook's.
  fs = Review(Manuscript(dir, "c.md", "# 概述\n\n测试县位于盆地西缘。\n", "---\ntitle: 测试县志\nkind: 志书\nid: z\n---\n\n"), "yearbook");
  l = WithRule(fs, "OUT-LEVEL");
  ASSERT_EQ(l.size(), 1u) << Dump(fs);
  EXPECT_NE(l[0].message.find("“篇”"), std::string::npos) << l[0].message;
  // Near miss: 分目 → 条目 leaves out only the optional 子目; 【】 entries in a 分目 are right.
  fs = Review(Manuscript(dir, "d.md", kHead + "# 政治\n\n## 人大\n\n### 会议\n\n会议召开。\n\n## 政协\n\n【协商】协商议政。\n\n" + kTail));
  EXPECT_TRUE(WithRule(fs, "OUT-LEVEL").empty()) << Dump(fs);
}

TEST(OutlineReview, UntitledEntries) {
  TempDir dir;
  auto fs = Review(Manuscript(dir, "a.md", kHead + "# 政治\n\n## 人大\n\n###\n\n会议召开。\n\n## 政协\n\n【】政协全年协商议政12次。\n\n" + kTail));
  auto u = WithRule(fs, "OUT-UNTITLED");
  ASSERT_EQ(u.size(), 2u) << Dump(fs);
  EXPECT_NE(u[0].message.find("条目没有标题"), std::string::npos) << u[0].message;
  EXPECT_EQ(u[1].excerpt, "【】");
  EXPECT_EQ(u[1].para, 1);
  // Near miss: 【】 inside a sentence, and the untitled text before the first heading.
  fs = Review(Manuscript(dir, "b.md", "本卷为测试稿。\n\n" + kHead + "# 政治\n\n## 人大\n\n### 会议\n\n表中以【】标出的数据为初步统计。\n\n" + kTail));
  EXPECT_TRUE(WithRule(fs, "OUT-UNTITLED").empty()) << Dump(fs);
}

TEST(OutlineReview, DuplicateTitles) {
  TempDir dir;
  auto fs = Review(Manuscript(dir, "a.md", kHead + "# 政治\n\n## 人大\n\n### 代表大会\n\n一次会议。\n\n### 代表大会\n\n二次会议。\n\n" +
                                               "## 政协\n\n### 代表大会\n\n政协会议。\n\n## 统战\n\n【协商议政】甲。\n\n【协商议政】乙。\n\n" + kTail));
  auto sib = WithRule(fs, "OUT-DUP-SIBLING");
  ASSERT_EQ(sib.size(), 2u) << Dump(fs);
  EXPECT_EQ(sib[0].excerpt, "代表大会");
  EXPECT_NE(sib[0].message.find("test-2025/3/1/1"), std::string::npos) << sib[0].message;  // names the first
  EXPECT_EQ(sib[1].excerpt, "协商议政");
  auto book = WithRule(fs, "OUT-DUP-BOOK");
  ASSERT_EQ(book.size(), 1u) << Dump(fs);
  EXPECT_EQ(book[0].path, "test-2025/3/2/1");
  EXPECT_NE(book[0].message.find("test-2025/3/1/1"), std::string::npos) << book[0].message;
  EXPECT_EQ(book[0].severity, check::Severity::kInfo);
  // Near miss: a 分目 and a 条目 may share a title (different levels).
  fs = Review(Manuscript(dir, "b.md", kHead + "# 政治\n\n## 人大\n\n### 人大\n\n会议。\n\n" + kTail));
  EXPECT_TRUE(WithRule(fs, "OUT-DUP-SIBLING").empty()) << Dump(fs);
  EXPECT_TRUE(WithRule(fs, "OUT-DUP-BOOK").empty()) << Dump(fs);
}

TEST(OutlineReview, MixedLevels) {
  TempDir dir;
  auto fs = Review(Manuscript(dir, "a.md", kHead + "# 政治\n\n【县委全会】全会召开。\n\n## 人大\n\n### 会议\n\n会议召开。\n\n" + kTail));
  auto m = WithRule(fs, "OUT-MIXED");
  ASSERT_EQ(m.size(), 1u) << Dump(fs);
  EXPECT_EQ(m[0].excerpt, "政治");
  EXPECT_TRUE(WithRule(fs, "OUT-LEVEL").empty()) << Dump(fs);  // reported once
  fs = Review(Manuscript(dir, "b.md", kHead + "# 政治\n\n### 县委全会\n\n全会召开。\n\n## 人大\n\n### 会议\n\n会议召开。\n\n" + kTail));
  ASSERT_EQ(WithRule(fs, "OUT-MIXED").size(), 1u) << Dump(fs);
  // Near miss: an untitled lead paragraph before the 分目 is not an entry.
  fs = Review(Manuscript(dir, "c.md", kHead + "# 政治\n\n本类目记述县委、人大、政协。\n\n## 人大\n\n### 会议\n\n会议召开。\n\n" + kTail));
  EXPECT_TRUE(WithRule(fs, "OUT-MIXED").empty()) << Dump(fs);
}

TEST(OutlineReview, GazetteerFramework) {
  TempDir dir;
  const std::string front = "---\ntitle: 测试县志\nkind: 志书\nid: z\n---\n\n";
  auto fs = Review(Manuscript(dir, "a.md", "# 概述\n\n测试县位于盆地西缘。\n\n# 大事记\n\n## 古代\n\n秦置县。\n\n# 人物\n\n## 传\n\n甲。\n\n# 附录\n\n## 文献\n\n乙。\n", front),
                   "gazetteer");
  auto m = WithRule(fs, "OUT-MISSING");
  ASSERT_EQ(m.size(), 1u) << Dump(fs);
  EXPECT_EQ(m[0].excerpt, "专志");  // no 专志 篇 at all
  fs = Review(Manuscript(dir, "b.md", "# 概述\n\n县情。\n\n# 大事记\n\n## 古代\n\n秦置县。\n\n# 自然环境\n\n## 地貌\n\n山地。\n\n# 人物\n\n## 传\n\n甲。\n\n# 附录\n\n## 文献\n\n乙。\n", front),
              "gazetteer");
  EXPECT_TRUE(fs.empty()) << Dump(fs);
}

}  // namespace
}  // namespace fangzhi::review
