// A node's blocks as reading-view HTML, and as the plain text two editions
// are compared on. Shared by the reading page and the comparison page.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "model/node.h"

namespace fangzhi::server {

struct ReadingOptions {
  // Marks the occurrences of this text (folded as the search folds it:
  // 繁简, variants, punctuation and line ends ignored) in paragraph
  // `highlight_para`, or in every paragraph when that is 0. Empty: none.
  std::string highlight;
  int highlight_para = 0;
  // The one occurrence a search hit points at (search::Hit::block and
  // block_unit): when >= 0, only the occurrence that starts at that unit of
  // that block is marked; if none does (the text changed since the search),
  // every one in the paragraph is.
  int highlight_block = -1;
  int highlight_unit = 0;
  // The edition being read: its own page anchors show the page alone
  // (〔1a〕), others with their edition (〔SBCK 1a〕).
  std::string edition;
  // Scans beside the text (OCR'd works, server/scan_view.h): page blocks
  // whose image is served, by block index → their page in the viewer. The
  // text blocks after such a page that have a "box" become clickable lines
  // (<span class="ocr-line" data-page data-box>), their low-confidence
  // characters marked.
  std::map<size_t, int> scan_pages;
  // When not empty, each OCR line links to its proofreading form:
  // proofread_href + "&seq=N".
  std::string proofread_href;
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
