#include "review/comments.h"

#include <map>

#include "check/node_text.h"
#include "review/node_alignment.h"

namespace fangzhi::review {

const char* CommentPlacementName(CommentPlacement p) {
  switch (p) {
    case CommentPlacement::kSameNode: return "same_node";
    case CommentPlacement::kFollowedText: return "followed_text";
    case CommentPlacement::kParent: return "parent";
    case CommentPlacement::kLost: return "lost";
  }
  return "lost";
}

std::vector<CarriedComment> CarryComments(const model::Document& old_doc, const model::Document& new_doc,
                                          const std::vector<ReviewComment>& comments) {
  std::vector<CarriedComment> out;
  const model::Edition* oe = old_doc.BaseEdition();
  const model::Edition* ne = new_doc.BaseEdition();
  if (oe == nullptr || ne == nullptr) {
    for (const auto& c : comments) out.push_back(CarriedComment{c, CommentPlacement::kLost, "", "", false});
    return out;
  }
  const NodeAlignment a = AlignNodes(*oe, *ne);
  std::map<std::string, size_t> old_by_path;
  for (size_t i = 0; i < a.old_nodes.size(); ++i) old_by_path[a.old_nodes[i].path] = i;
  std::vector<std::string> new_texts(a.new_nodes.size());
  for (size_t i = 0; i < a.new_nodes.size(); ++i) new_texts[i] = check::BuildNodeText(*a.new_nodes[i].node).text;
  const std::string old_prefix = old_doc.work.id + "/";
  auto citation = [&](size_t n) { return new_doc.work.id + "/" + a.new_nodes[n].path; };

  for (const ReviewComment& c : comments) {
    CarriedComment cc;
    cc.comment = c;
    std::string path = c.path.starts_with(old_prefix) ? c.path.substr(old_prefix.size()) : c.path;
    auto it = old_by_path.find(path);
    // A path that no longer names the titled node (the caller's copy of OLD
    // differs) is looked up by title instead.
    if ((it == old_by_path.end() || (!c.node_title.empty() && a.old_nodes[it->second].node->title != c.node_title))) {
      it = old_by_path.end();
      for (size_t i = 0; i < a.old_nodes.size() && !c.node_title.empty(); ++i) {
        if (a.old_nodes[i].node->title == c.node_title) {
          it = old_by_path.find(a.old_nodes[i].path);
          break;
        }
      }
    }
    int target = -1;
    if (it != old_by_path.end() && a.old_to_new[it->second] >= 0) {
      target = a.old_to_new[it->second];
      cc.placement = CommentPlacement::kSameNode;
    }
    const bool anchor_in_target =
        target >= 0 && !c.anchor.empty() && new_texts[static_cast<size_t>(target)].find(c.anchor) != std::string::npos;
    if (!c.anchor.empty() && !anchor_in_target) {
      // The passage went elsewhere: follow it when it is found exactly once.
      int found = -1, count = 0;
      for (size_t n = 0; n < new_texts.size(); ++n) {
        if (new_texts[n].find(c.anchor) != std::string::npos) {
          found = static_cast<int>(n);
          ++count;
        }
      }
      if (count == 1) {
        target = found;
        cc.placement = CommentPlacement::kFollowedText;
      }
    }
    if (target < 0 && it != old_by_path.end()) {
      for (int p = a.old_nodes[it->second].parent; p >= 0; p = a.old_nodes[static_cast<size_t>(p)].parent) {
        if (a.old_to_new[static_cast<size_t>(p)] >= 0) {
          target = a.old_to_new[static_cast<size_t>(p)];
          cc.placement = CommentPlacement::kParent;
          break;
        }
      }
    }
    if (target >= 0) {
      cc.new_path = citation(static_cast<size_t>(target));
      cc.new_title = a.new_nodes[static_cast<size_t>(target)].node->title;
      cc.anchor_found = !c.anchor.empty() && new_texts[static_cast<size_t>(target)].find(c.anchor) != std::string::npos;
    } else {
      cc.placement = CommentPlacement::kLost;
    }
    out.push_back(std::move(cc));
  }
  return out;
}

}  // namespace fangzhi::review
