// The node's text: the one coordinate system every finding's start/end uses.
//
//   node text = title + "\n" + block₁ + "\n" + block₂ + … + "\n" + blockₙ
//
// over the node's own blocks that carry text (kinds text, note, table,
// figure, footnote; page anchors and remarks are left out), in stored
// order, each block's text exactly as stored (a table's rows joined by
// '\n', cells by '\t'). The title is always there, even when empty, so the
// first block starts right after the first '\n'. Children are not part of
// their parent's text. Offsets count Unicode code points. docs/checks.md
// says the same for users.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/node.h"

namespace fangzhi::check {

struct Segment {
  bool title = false;       // the node's title; otherwise a block
  size_t block = 0;         // index into node.blocks (blocks only)
  int para = 0;             // block's paragraph number; 0 for the title
  std::string block_kind;   // "text", "table", … ("title" for the title)
  bool checkable = true;    // false for code and raw HTML blocks
  // Inline HTML tags in a checked block ("学校<sup>1</sup>"), node-text
  // byte ranges: no finding may touch them (FindingSink drops it).
  std::vector<std::pair<size_t, size_t>> unchecked;
  bool list_item = false;   // a list item (attrs["list"])
  size_t byte_begin = 0;    // in NodeText::text
  size_t byte_end = 0;
  size_t cp_begin = 0;      // code points, node-text offsets
  size_t cp_end = 0;
  // A yearbook entry paragraph 【条目标题】正文: the title's bytes (without
  // the brackets), node-text offsets; both 0 when the block is not one.
  size_t entry_title_begin = 0;
  size_t entry_title_end = 0;
  bool entry() const { return entry_title_end > entry_title_begin; }
};

struct NodeText {
  std::string text;
  std::vector<Segment> segments;  // segments[0] is the title

  // The segment holding byte offset `b` (the last one starting at or before it).
  size_t SegmentAt(size_t byte) const;
  // Code point offset of byte `b` (which must start a code point) in the node text.
  size_t CodePointAt(size_t byte) const;
  // Byte offset of node-text code point `cp`.
  size_t ByteAt(size_t cp) const;
  std::string_view View(const Segment& s) const {
    return std::string_view(text).substr(s.byte_begin, s.byte_end - s.byte_begin);
  }
};

NodeText BuildNodeText(const model::Node& node);

// Whether the block's text is prose to check: not code, not a raw HTML
// block; a paragraph with inline HTML tags is (only the tags are not).
bool CheckableBlock(const model::Block& block);

// The title of a 【条目标题】正文 paragraph: the block's "entry_title"
// attribute when the importer set one (Markdown, DOCX), otherwise the form
// recognised in the text itself (plain text): it starts with 【, the 】
// comes within 40 characters, the title is not empty and text follows.
// Returns the title's byte range in `text`, or false.
bool FindEntryTitle(const model::Block& block, size_t* begin, size_t* end);

}  // namespace fangzhi::check
