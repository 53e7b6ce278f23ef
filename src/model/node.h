// A section of a work: a 卷 (juan), 篇/章/节, or 类目/分目/条目. Nodes form a
// tree; a node's path (its ancestors' keys and its own, joined by '/') is
// stable and is what citations use: `KR2i0003/001`, `示例县年鉴2025/3/2/4`.
#pragma once

#include <string>
#include <vector>

#include "model/block.h"

namespace fangzhi::model {

struct Node {
  std::string key;    // one path segment: "001" for a juan, "3" for the 3rd section
  std::string level;  // 卷, 篇, 章, 节, 目, 类目, 分目, 子目, 条目, or 部分
  std::string title;  // the heading as the source prints it (part of the text)
  std::string label;  // a catalogue label (Kanripo Readme.org), not part of the text
  std::vector<Block> blocks;
  std::vector<Node> children;

  bool operator==(const Node&) const = default;
};

}  // namespace fangzhi::model
