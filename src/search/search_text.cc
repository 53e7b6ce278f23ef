#include "search/search_text.h"

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

}  // namespace fangzhi::search
