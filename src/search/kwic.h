// Turns a hit (node, offset and length in search characters) into a KWIC
// line in the original text, with a permalink and a citation. Nodes are
// read from the store once per search and kept while the page is built.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "base/status.h"
#include "search/searcher.h"
#include "store/library.h"

namespace fangzhi::search {

class KwicRenderer {
 public:
  KwicRenderer(store::Library* lib, size_t window);
  ~KwicRenderer();

  Status Render(int64_t node_id, uint32_t offset, uint32_t length, const std::string& work_title, Hit* out);

 private:
  struct Node;
  Status Load(int64_t node_id, const Node** out);

  store::Library* lib_;
  size_t window_;
  std::unordered_map<int64_t, std::unique_ptr<Node>> cache_;
};

}  // namespace fangzhi::search
