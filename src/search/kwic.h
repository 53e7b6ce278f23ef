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

  Status Render(const Segment& seg, uint32_t node, uint32_t offset, uint32_t length, const std::string& work_title,
                Hit* out);

 private:
  store::Library* lib_;
  size_t window_;
};

}  // namespace fangzhi::search
