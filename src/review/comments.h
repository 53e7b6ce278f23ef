// Reviewer comments follow their node into the next version. A comment is
// attached to an OLD node (its citation path, and the title as it was) and
// optionally to a passage (an anchor: a few words of the text); in NEW it
// lands on the paired node, else on the node that now holds the anchor text,
// else on the nearest paired ancestor, else nowhere (kLost: the web lists it
// apart, nothing is dropped).
#pragma once

#include <string>
#include <vector>

#include "model/document.h"

namespace fangzhi::review {

struct ReviewComment {
  std::string id;          // the caller's, carried through untouched
  std::string path;        // OLD citation path "work/4/2" (or edition path "4/2")
  std::string node_title;  // the title when the comment was made
  std::string anchor;      // optional: text the comment is about
  std::string body;
};

enum class CommentPlacement {
  kSameNode,    // the paired node
  kFollowedText,  // the node that now holds the anchor text
  kParent,      // the node is gone; its nearest paired ancestor
  kLost,        // nothing to attach it to
};
const char* CommentPlacementName(CommentPlacement p);  // same_node, followed_text, parent, lost

struct CarriedComment {
  ReviewComment comment;
  CommentPlacement placement = CommentPlacement::kLost;
  std::string new_path;   // NEW citation path; empty when lost
  std::string new_title;
  bool anchor_found = false;  // the anchor text occurs in the new node
};

// One result per comment, in the order given.
std::vector<CarriedComment> CarryComments(const model::Document& old_doc, const model::Document& new_doc,
                                          const std::vector<ReviewComment>& comments);

}  // namespace fangzhi::review
