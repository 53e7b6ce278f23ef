// Turns a hit (node, offset and length in search characters) into a KWIC
// line in the original text, with a permalink and a citation. Only the
// blocks around the hit are read from the store: the segment knows where
// each block's text starts in the search text and where the pages begin.
#pragma once

#include <string>

#include "base/status.h"
#include "search/searcher.h"
#include "search/segment.h"
#include "store/library.h"

namespace fangzhi::search {

class KwicRenderer {
 public:
  KwicRenderer(store::Library* lib, size_t window) : lib_(lib), window_(window) {}

  // Hits come in position order and a frequent character has many in one
  // passage: the blocks read for one hit (and a few after) serve the next
  // hits in the same node without another read.
  Status Render(const Segment& seg, uint32_t node, uint32_t offset, uint32_t length, const std::string& work_title,
                Hit* out);

 private:
  static constexpr uint32_t kReadAhead = 2;  // blocks read past the hit's context

  // Makes loaded_ hold blocks [first_seq, last_seq] of the node.
  Status Load(const Segment& seg, uint32_t node, uint32_t first_seq, uint32_t last_seq, uint32_t nblocks);
  // The page anchor block `seq` of the node (its attributes name the page).
  Status PageAnchor(const Segment& seg, uint32_t node, uint32_t seq, const model::Block** out);

  store::Library* lib_;
  size_t window_;
  const Segment* loaded_seg_ = nullptr;
  uint32_t loaded_node_ = 0;
  uint32_t loaded_last_ = 0;  // loaded_.first_seq is the first
  bool loaded_ok_ = false;
  store::StoredNode loaded_;
  const Segment* anchor_seg_ = nullptr;
  uint32_t anchor_node_ = 0, anchor_seq_ = 0;
  std::vector<model::Block> anchor_;
};

}  // namespace fangzhi::search
