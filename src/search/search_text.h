// A node's search text: its characters in reading order (heading, then
// text, notes in place, tables, footnotes), folded, with punctuation,
// whitespace, line ends, page anchors and markup removed. See docs/search.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/node.h"

namespace fangzhi::search {

// Blocks whose text is searched: not page anchors (no text) and not remarks
// (an editor's note about the source, not the work's text).
bool IsSearchedBlock(model::BlockKind kind);

// Appends the node's search units (folded code points). With `block_starts`,
// also the unit offset (from the node's first unit) at which each of the
// node's blocks begins, one per block in order, searched or not.
void AppendNodeSearchText(const model::Node& node, std::u32string* units,
                          std::vector<uint32_t>* block_starts = nullptr);

// Appends, per block of the node, the printed lines before the block's text
// on its page (counted from the last page anchor; a paragraph end counts as
// a line end): a citation's line is this plus the line ends before the hit
// in its block, plus one.
void AppendBlockLines(const model::Node& node, std::vector<uint32_t>* block_lines);

}  // namespace fangzhi::search
