// A node's blocks as reading-view HTML, and as the plain text two editions
// are compared on. Shared by the reading page and the comparison page.
#pragma once

#include <string>
#include <string_view>

#include "model/node.h"

namespace fangzhi::server {

struct ReadingOptions {
  // Marks every occurrence of this text (folded as the search folds it:
  // 繁简, variants, punctuation and line ends ignored) in paragraph
  // `highlight_para`, or in every paragraph when that is 0. Empty: none.
  std::string highlight;
  int highlight_para = 0;
  // The edition being read: its own page anchors show the page alone
  // (〔1a〕), others with their edition (〔SBCK 1a〕).
  std::string edition;
};

// One <div class="para" id="pN"> per paragraph, each with a permalink
// anchor; notes as two-column small text (the '/' of a Kanripo note is its
// column break); page anchors as page numbers; print line ends as
// <span class="lb"> (shown as breaks only in the print-layout view);
// editors' remarks set apart. Everything from the text is HTML-escaped.
std::string RenderNodeHtml(const model::Node& node, const ReadingOptions& options);

// The paragraph count, for "no paragraph N" errors.
int ParagraphCount(const model::Node& node);

// What two editions of a node are compared on: text and notes in reading
// order, notes in （）, print line ends and a note's column break dropped
// (the witnesses are printed differently), paragraphs ended by '\n'.
std::u32string ComparableText(const model::Node& node);

}  // namespace fangzhi::server
