#include "model/document.h"

#include "model/block.h"
#include "text/han.h"

namespace fangzhi::model {

const char* BlockKindName(BlockKind k) {
  switch (k) {
    case BlockKind::kText: return "text";
    case BlockKind::kNote: return "note";
    case BlockKind::kPage: return "page";
    case BlockKind::kTable: return "table";
    case BlockKind::kFigure: return "figure";
    case BlockKind::kFootnote: return "footnote";
    case BlockKind::kRemark: return "remark";
  }
  return "text";
}

bool ParseBlockKind(const std::string& name, BlockKind* out) {
  static constexpr BlockKind kAll[] = {BlockKind::kText,   BlockKind::kNote,   BlockKind::kPage,
                                       BlockKind::kTable,  BlockKind::kFigure, BlockKind::kFootnote,
                                       BlockKind::kRemark};
  for (BlockKind k : kAll) {
    if (name == BlockKindName(k)) {
      *out = k;
      return true;
    }
  }
  return false;
}

bool IsKnownKind(const std::string& kind) {
  return kind == kKindGazetteer || kind == kKindYearbook || kind == kKindLocalRecord ||
         kind == kKindPeriodical || kind == kKindOther;
}

const Edition* Document::FindEdition(const std::string& id) const {
  for (const Edition& e : editions) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

const Edition* Document::BaseEdition() const {
  for (const Edition& e : editions) {
    if (e.base) return &e;
  }
  return editions.empty() ? nullptr : &editions.front();
}

namespace {
void Walk(const std::vector<Node>& nodes, const std::string& prefix, int depth,
          const std::function<void(const Node&, const std::string&, int)>& fn) {
  for (const Node& n : nodes) {
    const std::string path = prefix.empty() ? n.key : prefix + "/" + n.key;
    fn(n, path, depth);
    Walk(n.children, path, depth + 1, fn);
  }
}
}  // namespace

void ForEachNode(const std::vector<Node>& roots,
                 const std::function<void(const Node&, const std::string&, int)>& fn) {
  Walk(roots, "", 0, fn);
}

size_t CountHan(const Edition& edition) {
  size_t n = 0;
  ForEachNode(edition.nodes, [&](const Node& node, const std::string&, int) {
    n += text::CountHan(node.title);  // a printed heading is text; a label is not
    for (const Block& b : node.blocks) {
      if (b.kind != BlockKind::kRemark) n += text::CountHan(b.text);
    }
  });
  return n;
}

}  // namespace fangzhi::model
