// Side by side, node by node: what changed between two versions. Nodes are
// paired by node_alignment.h; each pair's node text (title, then blocks, as
// check/node_text.h defines it) is compared character by character with dtl.
// The web renders the pieces; `fangzhi review recheck --diff` prints a summary.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/document.h"

namespace fangzhi::review {

enum class NodeChange { kUnchanged, kChanged, kAdded, kRemoved };
const char* NodeChangeName(NodeChange c);  // unchanged, changed, added, removed

struct DiffPiece {
  enum class Op { kSame, kRemoved, kAdded };
  Op op = Op::kSame;
  std::string text;  // UTF-8
};

struct NodeDiff {
  NodeChange change = NodeChange::kUnchanged;
  std::string old_path;  // citation paths; empty for an added / removed node
  std::string new_path;
  std::string old_title;
  std::string new_title;
  std::string level;
  int depth = 0;
  // kSame + kRemoved pieces give the old node text, kSame + kAdded the new.
  // Empty for unchanged nodes (their text is the node's).
  std::vector<DiffPiece> pieces;
  size_t removed_chars = 0;  // code points
  size_t added_chars = 0;
};

// In NEW's reading order, each removed node placed where it stood in OLD.
// Both documents' base editions unless editions are named.
std::vector<NodeDiff> DiffVersions(const model::Document& old_doc, const model::Document& new_doc,
                                   const std::string& old_edition = "", const std::string& new_edition = "");

}  // namespace fangzhi::review
