// 篇目审查: a manuscript's outline against a framework. Findings have the
// checks' shape (check/finding.h) with category "structure", so the web and
// the reports show them like check findings. Rule ids:
//
//   OUT-MISSING     a required part is missing (book-level finding)
//   OUT-ORDER       a top-level part stands before one the framework puts first
//   OUT-DEPTH       a heading or 【】 entry deeper than the framework's max_depth
//   OUT-LEVEL       a level the framework does not have, a skipped level, a
//                   level not below its parent's, an entry with sub-headings
//   OUT-UNTITLED    an entry (条目 heading, or a paragraph opening with 【】) without a title
//   OUT-DUP-SIBLING two children of one node with the same title
//   OUT-DUP-BOOK    an entry title used again elsewhere in the book (names the first)
//   OUT-MIXED       a node holding both sub-sections and bare entries
//                   (a 类目 with 分目 and, beside them, 条目 or 【】 entries)
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "check/finding.h"
#include "model/document.h"
#include "review/framework.h"

namespace fangzhi::review {

struct OutlineRuleInfo {
  const char* id;
  check::Severity severity;
  const char* label;        // 缺少必备部分 …
  const char* description;  // one line, Chinese, for legends and docs
};
// Every OUT-* rule, in the order above.
const std::vector<OutlineRuleInfo>& OutlineRules();

struct OutlineOptions {
  std::string edition;  // empty: the base edition
};

// Findings in reading order (book-level first). Fails only when the edition
// does not exist.
Status ReviewOutline(const model::Document& doc, const Framework& framework, const OutlineOptions& options,
                     std::vector<check::Finding>* out);

}  // namespace fangzhi::review
