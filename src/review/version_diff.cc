#include "review/version_diff.h"

#include <dtl/dtl.hpp>

#include "check/node_text.h"
#include "review/node_alignment.h"
#include "review/text_anchor.h"

namespace fangzhi::review {

namespace {

// dtl's edit script, regrouped into runs and back to UTF-8.
void CharDiff(const std::u32string& a, const std::u32string& b, NodeDiff* d) {
  dtl::Diff<char32_t, std::u32string> diff(a, b);
  diff.onHuge();  // bounded memory for long nodes (a whole 大事记)
  diff.compose();
  std::u32string run;
  DiffPiece::Op op = DiffPiece::Op::kSame;
  auto flush = [&] {
    if (!run.empty()) d->pieces.push_back(DiffPiece{op, ToUtf8(run)});
    run.clear();
  };
  for (const auto& [ch, info] : diff.getSes().getSequence()) {
    const DiffPiece::Op now = info.type == dtl::SES_COMMON   ? DiffPiece::Op::kSame
                              : info.type == dtl::SES_DELETE ? DiffPiece::Op::kRemoved
                                                             : DiffPiece::Op::kAdded;
    if (now != op) flush();
    op = now;
    run.push_back(ch);
    if (now == DiffPiece::Op::kRemoved) ++d->removed_chars;
    if (now == DiffPiece::Op::kAdded) ++d->added_chars;
  }
  flush();
}

}  // namespace

const char* NodeChangeName(NodeChange c) {
  switch (c) {
    case NodeChange::kUnchanged: return "unchanged";
    case NodeChange::kChanged: return "changed";
    case NodeChange::kAdded: return "added";
    case NodeChange::kRemoved: return "removed";
  }
  return "changed";
}

std::vector<NodeDiff> DiffVersions(const model::Document& old_doc, const model::Document& new_doc,
                                   const std::string& old_edition, const std::string& new_edition) {
  std::vector<NodeDiff> out;
  const model::Edition* oe = old_edition.empty() ? old_doc.BaseEdition() : old_doc.FindEdition(old_edition);
  const model::Edition* ne = new_edition.empty() ? new_doc.BaseEdition() : new_doc.FindEdition(new_edition);
  static const model::Edition kEmpty;
  const NodeAlignment a = AlignNodes(oe ? *oe : kEmpty, ne ? *ne : kEmpty);

  auto removed = [&](size_t o) {
    NodeDiff d;
    d.change = NodeChange::kRemoved;
    d.old_path = old_doc.work.id + "/" + a.old_nodes[o].path;
    d.old_title = a.old_nodes[o].node->title;
    d.level = a.old_nodes[o].node->level;
    d.depth = a.old_nodes[o].depth;
    const std::u32string t = ToU32(check::BuildNodeText(*a.old_nodes[o].node).text);
    d.removed_chars = t.size();
    d.pieces.push_back(DiffPiece{DiffPiece::Op::kRemoved, ToUtf8(t)});
    out.push_back(std::move(d));
  };
  size_t next_old = 0;  // removed nodes before this index are placed
  auto place_removed_before = [&](size_t limit) {
    for (; next_old < limit; ++next_old) {
      if (a.old_to_new[next_old] < 0) removed(next_old);
    }
  };
  for (size_t n = 0; n < a.new_nodes.size(); ++n) {
    NodeDiff d;
    d.new_path = new_doc.work.id + "/" + a.new_nodes[n].path;
    d.new_title = a.new_nodes[n].node->title;
    d.level = a.new_nodes[n].node->level;
    d.depth = a.new_nodes[n].depth;
    const std::u32string nt = ToU32(check::BuildNodeText(*a.new_nodes[n].node).text);
    const int o = a.new_to_old[n];
    if (o < 0) {
      d.change = NodeChange::kAdded;
      d.added_chars = nt.size();
      d.pieces.push_back(DiffPiece{DiffPiece::Op::kAdded, ToUtf8(nt)});
      out.push_back(std::move(d));
      continue;
    }
    if (static_cast<size_t>(o) >= next_old) place_removed_before(static_cast<size_t>(o) + 1);
    d.old_path = old_doc.work.id + "/" + a.old_nodes[static_cast<size_t>(o)].path;
    d.old_title = a.old_nodes[static_cast<size_t>(o)].node->title;
    const std::u32string ot = ToU32(check::BuildNodeText(*a.old_nodes[static_cast<size_t>(o)].node).text);
    if (ot == nt) {
      d.change = NodeChange::kUnchanged;
    } else {
      d.change = NodeChange::kChanged;
      CharDiff(ot, nt, &d);
    }
    out.push_back(std::move(d));
  }
  place_removed_before(a.old_nodes.size());
  return out;
}

}  // namespace fangzhi::review
