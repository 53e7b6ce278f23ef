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

// Appends the node's search units (folded code points).
void AppendNodeSearchText(const model::Node& node, std::u32string* units);

// The search text with the way back to the stored text, for showing hits.
struct SearchTextMap {
  std::u32string units;
  // For unit i: the piece it came from (-1 = the node's title, else the
  // index of the block) and its byte range in that piece's text.
  std::vector<int32_t> piece;
  std::vector<uint32_t> begin;
  std::vector<uint32_t> end;
};
void MapNodeSearchText(const model::Node& node, SearchTextMap* out);

}  // namespace fangzhi::search
