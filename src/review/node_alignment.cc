#include "review/node_alignment.h"

#include <algorithm>
#include <map>
#include <set>

#include "review/text_anchor.h"

namespace fangzhi::review {

namespace {

void Flatten(const std::vector<model::Node>& nodes, const std::string& prefix, int parent, int depth,
             std::vector<AlignedNode>* out) {
  for (const model::Node& n : nodes) {
    AlignedNode a;
    a.node = &n;
    a.path = prefix.empty() ? n.key : prefix + "/" + n.key;
    a.parent = parent;
    a.depth = depth;
    const int self = static_cast<int>(out->size());
    // A copy: the recursion grows `out`, which would move the element a
    // reference to its path points into.
    const std::string path = a.path;
    out->push_back(std::move(a));
    Flatten(n.children, path, self, depth + 1, out);
  }
}

// The titles from the top down, as one key.
std::vector<std::string> Lineages(const std::vector<AlignedNode>& nodes) {
  std::vector<std::string> out(nodes.size());
  for (size_t i = 0; i < nodes.size(); ++i) {
    const int p = nodes[i].parent;
    out[i] = (p < 0 ? std::string() : out[static_cast<size_t>(p)] + '\x1f') + nodes[i].node->level + '\x1e' +
             nodes[i].node->title;
  }
  return out;
}

// Character bigrams of a node's title and text (the first 4000 code points):
// enough to tell a renamed heading over the same text from a different one.
std::set<std::u32string> Bigrams(const model::Node& n) {
  std::u32string all = ToU32(n.title);
  for (const model::Block& b : n.blocks) {
    if (all.size() > 4000) break;
    all += ToU32(b.text);
  }
  std::set<std::u32string> out;
  for (size_t i = 0; i + 1 < all.size() && i < 4000; ++i) out.insert(all.substr(i, 2));
  return out;
}

bool Similar(const model::Node& a, const model::Node& b) {
  if (a.title == b.title) return true;
  const auto x = Bigrams(a), y = Bigrams(b);
  if (x.empty() || y.empty()) return x.empty() && y.empty();
  size_t common = 0;
  for (const auto& g : x) common += y.count(g);
  return common * 10 >= std::max(x.size(), y.size()) * 3;
}

class Aligner {
 public:
  explicit Aligner(NodeAlignment* a) : a_(*a) {}

  void Run() {
    a_.old_to_new.assign(a_.old_nodes.size(), -1);
    a_.new_to_old.assign(a_.new_nodes.size(), -1);
    ByLineage();
    UnderPairedParents();
    MovedElsewhere();
    UnderPairedParents();
  }

 private:
  void Pair(size_t o, size_t n) {
    a_.old_to_new[o] = static_cast<int>(n);
    a_.new_to_old[n] = static_cast<int>(o);
  }

  void ByLineage() {
    const auto old_keys = Lineages(a_.old_nodes);
    const auto new_keys = Lineages(a_.new_nodes);
    std::map<std::string, std::vector<size_t>> by_key;
    for (size_t n = 0; n < new_keys.size(); ++n) by_key[new_keys[n]].push_back(n);
    std::map<std::string, size_t> used;
    for (size_t o = 0; o < old_keys.size(); ++o) {
      auto it = by_key.find(old_keys[o]);
      if (it == by_key.end()) continue;
      size_t& k = used[old_keys[o]];
      if (k < it->second.size()) Pair(o, it->second[k++]);
    }
  }

  // Children of `new_parent` (-1: top level) not yet paired.
  std::vector<size_t> FreeNewChildren(int new_parent) {
    if (children_.empty()) {
      for (size_t n = 0; n < a_.new_nodes.size(); ++n) children_[a_.new_nodes[n].parent].push_back(n);
    }
    std::vector<size_t> out;
    for (size_t n : children_[new_parent]) {
      if (a_.new_to_old[n] < 0) out.push_back(n);
    }
    return out;
  }

  // In reading order, so that a parent is settled before its children: the
  // same title under the paired parent, else the next free sibling of the same
  // level whose text is much the same (a renamed heading).
  void UnderPairedParents() {
    for (size_t o = 0; o < a_.old_nodes.size(); ++o) {
      if (a_.old_to_new[o] >= 0) continue;
      const int op = a_.old_nodes[o].parent;
      if (op >= 0 && a_.old_to_new[static_cast<size_t>(op)] < 0) continue;
      const int np = op < 0 ? -1 : a_.old_to_new[static_cast<size_t>(op)];
      const model::Node& on = *a_.old_nodes[o].node;
      const auto free = FreeNewChildren(np);
      auto same_title = std::find_if(free.begin(), free.end(), [&](size_t n) {
        return a_.new_nodes[n].node->title == on.title && a_.new_nodes[n].node->level == on.level;
      });
      if (same_title != free.end()) {
        Pair(o, *same_title);
        continue;
      }
      for (size_t n : free) {
        const model::Node& nn = *a_.new_nodes[n].node;
        if (nn.level == on.level && Similar(on, nn)) {
          Pair(o, n);
          break;
        }
      }
    }
  }

  // A node moved under another parent keeps its title and level: pair those
  // that are unique among the unpaired nodes on both sides.
  void MovedElsewhere() {
    std::map<std::pair<std::string, std::string>, std::vector<size_t>> olds, news;
    for (size_t o = 0; o < a_.old_nodes.size(); ++o) {
      if (a_.old_to_new[o] < 0 && !a_.old_nodes[o].node->title.empty()) {
        olds[{a_.old_nodes[o].node->level, a_.old_nodes[o].node->title}].push_back(o);
      }
    }
    for (size_t n = 0; n < a_.new_nodes.size(); ++n) {
      if (a_.new_to_old[n] < 0 && !a_.new_nodes[n].node->title.empty()) {
        news[{a_.new_nodes[n].node->level, a_.new_nodes[n].node->title}].push_back(n);
      }
    }
    for (const auto& [key, os] : olds) {
      auto it = news.find(key);
      if (os.size() == 1 && it != news.end() && it->second.size() == 1) Pair(os[0], it->second[0]);
    }
  }

  NodeAlignment& a_;
  std::map<int, std::vector<size_t>> children_;  // new parent → its children, in order
};

}  // namespace

NodeAlignment AlignNodes(const model::Edition& old_edition, const model::Edition& new_edition) {
  NodeAlignment a;
  Flatten(old_edition.nodes, "", -1, 0, &a.old_nodes);
  Flatten(new_edition.nodes, "", -1, 0, &a.new_nodes);
  Aligner(&a).Run();
  return a;
}

}  // namespace fangzhi::review
