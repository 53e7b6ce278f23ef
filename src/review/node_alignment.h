// Which node of version n+1 is which node of version n. Paths are ordinals
// ("4/2/3") and shift when a section is inserted, so nodes are paired by
// what they say, not where they sit: the same chain of titles first, then
// the same title under the paired parent, then (for renamed headings) the
// same position under the paired parent with the same level.
#pragma once

#include <string>
#include <vector>

#include "model/edition.h"

namespace fangzhi::review {

struct AlignedNode {
  const model::Node* node = nullptr;
  std::string path;   // edition path, "4/2/3"
  int parent = -1;    // index in the same list
  int depth = 0;
};

struct NodeAlignment {
  std::vector<AlignedNode> old_nodes;  // reading order
  std::vector<AlignedNode> new_nodes;
  std::vector<int> old_to_new;  // -1: removed
  std::vector<int> new_to_old;  // -1: added
};

NodeAlignment AlignNodes(const model::Edition& old_edition, const model::Edition& new_edition);

}  // namespace fangzhi::review
