#include "search/search_text.h"

#include <algorithm>

#include "text/fold.h"

namespace fangzhi::search {

bool IsSearchedBlock(model::BlockKind kind) {
  return kind != model::BlockKind::kPage && kind != model::BlockKind::kRemark;
}

void AppendNodeSearchText(const model::Node& node, std::u32string* units, std::vector<uint32_t>* block_starts) {
  const size_t first = units->size();
  text::AppendSearchUnits(node.title, units);
  for (const model::Block& b : node.blocks) {
    if (block_starts != nullptr) block_starts->push_back(static_cast<uint32_t>(units->size() - first));
    if (IsSearchedBlock(b.kind)) text::AppendSearchUnits(b.text, units);
  }
}

void AppendBlockLines(const model::Node& node, std::vector<uint32_t>* block_lines) {
  uint32_t lines = 0;
  int prev_para = -1;
  for (const model::Block& b : node.blocks) {
    if (b.kind == model::BlockKind::kPage) {
      lines = 0;
      prev_para = -1;
    } else if (IsSearchedBlock(b.kind)) {
      if (prev_para != -1 && b.para != prev_para) ++lines;  // a paragraph end is a line end
      prev_para = b.para;
    }
    block_lines->push_back(lines);
    if (IsSearchedBlock(b.kind)) lines += static_cast<uint32_t>(std::count(b.text.begin(), b.text.end(), '\n'));
  }
}

}  // namespace fangzhi::search
