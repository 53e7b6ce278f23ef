// A finding: one place in a manuscript where a rule fires. The shape is the
// JSON the CLI and the web layer print (docs/checks.md); offsets are Unicode
// code points into the node's text (see node_text.h), end exclusive.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fangzhi::check {

// What kind of problem, as editors sort them.
enum class Category {
  kPerson,       // 第一人称
  kTime,         // 相对时间、超出断限
  kNumber,       // GB/T 15835 数字用法, GB 3100 计量单位
  kPunctuation,  // GB/T 15834 标点符号
  kTerminology,  // 规范表述
  kStyle,        // 文风：新闻语、总结语、评论语、溢美语
  kStructure,    // 体例：条目标题、层级、必备类目、大事记
  kConsistency,  // 全书一名一数
  kTypo,         // 错别字
};
inline constexpr Category kAllCategories[] = {
    Category::kPerson,    Category::kTime,      Category::kNumber,      Category::kPunctuation, Category::kTerminology,
    Category::kStyle,     Category::kStructure, Category::kConsistency, Category::kTypo};

const char* CategoryName(Category c);        // "person", …
const char* CategoryLabel(Category c);       // 第一人称, …
bool ParseCategory(std::string_view name, Category* out);

// Ordered: a threshold of kWarning counts warnings and errors.
enum class Severity { kInfo = 0, kWarning = 1, kError = 2 };
const char* SeverityName(Severity s);   // "info", "warning", "error"
const char* SeverityLabel(Severity s);  // 提示, 警告, 错误
bool ParseSeverity(std::string_view name, Severity* out);

// “s”: text set in Chinese quotation marks for a message, unless it already
// is one quoted whole (an excerpt “三资”, a replacement “文化大革命”), which
// would otherwise read ““三资””.
std::string Quoted(std::string_view s);

struct Finding {
  std::string rule;
  Category category = Category::kStyle;
  Severity severity = Severity::kWarning;
  std::string path;  // citation path of the node: "shili-2025/4/2/3"; the work id alone for book-level findings
  size_t start = 0;  // code points into the node's text, end exclusive
  size_t end = 0;
  std::string excerpt;  // the text in [start, end), or what the finding is about when the span is empty
  std::string message;
  std::string suggestion;

  // Where the span lies within the node, for reports and for anchoring a
  // Word comment: segment 0 is the title, segment i ≥ 1 the i-th block that
  // carries text; `para` is that block's paragraph number (0 for the title,
  // -1 for a book-level finding). Offsets within the segment, code points.
  int para = 0;
  size_t node = static_cast<size_t>(-1);  // reading-order index of the node; -1 for the book
  size_t segment = 0;
  size_t seg_start = 0;
  size_t seg_end = 0;
  std::string chapter;  // title of the top-level node, for grouping reports
  std::string node_title;

  // Filled by the CLI from the source file when it can be found there (0 =
  // unknown): line and column in a .md/.txt, paragraph number and column in
  // a .docx, line within the block for a work in the library.
  size_t line = 0;
  size_t column = 0;
  std::string where;  // "file:line:col" as the text report prints it
};

}  // namespace fangzhi::check
