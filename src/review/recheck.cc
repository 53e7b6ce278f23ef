#include "review/recheck.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "check/node_text.h"
#include "check/report.h"
#include "review/manuscript.h"
#include "review/node_alignment.h"
#include "review/outline_review.h"
#include "review/text_anchor.h"

namespace fangzhi::review {

namespace {

// Cross-node matches need this much shared context (or all there is, when
// less is available), so that an unrelated occurrence of the same word
// elsewhere is not taken for the old one moved.
constexpr size_t kMinSharedToMove = 4;

struct Located {
  const check::Finding* f = nullptr;
  int node = -1;         // index into the alignment's node list; -1: book-level or not found
  bool anchored = false;
  TextAnchor anchor;
};

class Side {
 public:
  Side(const model::Document& doc, const std::vector<AlignedNode>& nodes) : nodes_(nodes) {
    for (size_t i = 0; i < nodes.size(); ++i) by_path_[doc.work.id + "/" + nodes[i].path] = i;
    texts_.resize(nodes.size());
  }

  Located Locate(const check::Finding& f) {
    Located l;
    l.f = &f;
    auto it = by_path_.find(f.path);
    if (it == by_path_.end()) return l;
    l.node = static_cast<int>(it->second);
    l.anchored = AnchorAt(Text(it->second), f.start, f.end, &l.anchor);
    return l;
  }

 private:
  const check::NodeText& Text(size_t i) {
    if (!texts_[i].built) {
      texts_[i].nt = check::BuildNodeText(*nodes_[i].node);
      texts_[i].built = true;
    }
    return texts_[i].nt;
  }

  struct Cached {
    bool built = false;
    check::NodeText nt;
  };
  const std::vector<AlignedNode>& nodes_;
  std::map<std::string, size_t> by_path_;
  std::vector<Cached> texts_;
};

struct Candidate {
  size_t o = 0, n = 0;
  long score = 0;
  bool same_place = false;
};

bool SortByNode(const check::Finding& a, const check::Finding& b) {
  const size_t na = a.node == static_cast<size_t>(-1) ? 0 : a.node + 1;
  const size_t nb = b.node == static_cast<size_t>(-1) ? 0 : b.node + 1;
  if (na != nb) return na < nb;
  if (a.start != b.start) return a.start < b.start;
  return a.rule < b.rule;
}

}  // namespace

Status Recheck(const model::Document& old_doc, const std::vector<check::Finding>& old_findings,
               const model::Document& new_doc, const std::vector<check::Finding>& new_findings,
               RecheckResult* out) {
  const model::Edition* oe = old_doc.BaseEdition();
  const model::Edition* ne = new_doc.BaseEdition();
  if (oe == nullptr || ne == nullptr) return Status::InvalidInput("复核需要两个都有正文的版本");
  const NodeAlignment align = AlignNodes(*oe, *ne);
  Side old_side(old_doc, align.old_nodes), new_side(new_doc, align.new_nodes);
  std::vector<Located> olds, news;
  for (const auto& f : old_findings) olds.push_back(old_side.Locate(f));
  for (const auto& f : new_findings) news.push_back(new_side.Locate(f));

  // Every admissible pair, scored; then one-to-one, best first (ties: reading
  // order on both sides, so identical findings pair up in order).
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> new_by_key;
  for (size_t n = 0; n < news.size(); ++n) new_by_key[{news[n].f->rule, news[n].f->excerpt}].push_back(n);
  std::vector<Candidate> cands;
  for (size_t o = 0; o < olds.size(); ++o) {
    auto it = new_by_key.find({olds[o].f->rule, olds[o].f->excerpt});
    if (it == new_by_key.end()) continue;
    const Located& a = olds[o];
    for (size_t n : it->second) {
      const Located& b = news[n];
      Candidate c{o, n, 0, false};
      if (!a.anchored || !b.anchored) {
        // Book-level findings (a missing part) and findings whose node is
        // gone from the text: the same rule and excerpt is the same finding.
        if (a.anchored != b.anchored) continue;
        c.score = a.node < 0 && b.node < 0 ? 100000 : 1000;
        c.same_place = true;
        cands.push_back(c);
        continue;
      }
      const size_t shared = SharedContext(a.anchor, b.anchor);
      const size_t avail = AvailableContext(a.anchor, b.anchor);
      const bool same_node = align.old_to_new[static_cast<size_t>(a.node)] == b.node;
      if (same_node) {
        c.score = 50000 + static_cast<long>(shared) * 10 + (a.anchor.para == b.anchor.para ? 5 : 0);
        // The same node, but gone to another paragraph with none of its
        // words around it, or the node itself moved under another parent.
        const int op = align.old_nodes[static_cast<size_t>(a.node)].parent;
        const int np = align.new_nodes[static_cast<size_t>(b.node)].parent;
        const bool parent_kept = (op < 0 && np < 0) || (op >= 0 && align.old_to_new[static_cast<size_t>(op)] == np);
        c.same_place = parent_kept && !(shared == 0 && avail > 0 && a.anchor.para != b.anchor.para);
      } else {
        if (shared < std::min(kMinSharedToMove, avail)) continue;
        if (avail == 0 && a.f->excerpt.empty()) continue;
        c.score = 10000 + static_cast<long>(shared) * 10;
      }
      cands.push_back(c);
    }
  }
  std::stable_sort(cands.begin(), cands.end(), [](const Candidate& x, const Candidate& y) {
    if (x.score != y.score) return x.score > y.score;
    if (x.o != y.o) return x.o < y.o;
    return x.n < y.n;
  });
  std::vector<int> old_match(olds.size(), -1), new_match(news.size(), -1);
  std::vector<bool> same_place(olds.size(), false);
  for (const Candidate& c : cands) {
    if (old_match[c.o] >= 0 || new_match[c.n] >= 0) continue;
    old_match[c.o] = static_cast<int>(c.n);
    new_match[c.n] = static_cast<int>(c.o);
    same_place[c.o] = c.same_place;
  }

  RecheckResult r;
  for (size_t o = 0; o < olds.size(); ++o) {
    if (old_match[o] < 0) r.fixed.push_back(*olds[o].f);
  }
  for (size_t n = 0; n < news.size(); ++n) {
    if (new_match[n] < 0) {
      r.added.push_back(*news[n].f);
      continue;
    }
    const size_t o = static_cast<size_t>(new_match[n]);
    MatchedFinding m{*olds[o].f, *news[n].f};
    (same_place[o] ? r.still_present : r.moved).push_back(std::move(m));
  }
  *out = std::move(r);
  return Status::Ok();
}

std::string RecheckJson(const RecheckResult& result) {
  auto list = [](const auto& items, auto get) {
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (const auto& i : items) a.push_back(check::FindingToJson(get(i)));
    return a;
  };
  auto plain = [](const check::Finding& f) -> const check::Finding& { return f; };
  auto after = [](const MatchedFinding& m) -> const check::Finding& { return m.after; };
  nlohmann::ordered_json j = {{"fixed", list(result.fixed, plain)},
                              {"still_present", list(result.still_present, after)},
                              {"moved", list(result.moved, after)},
                              {"new", list(result.added, plain)}};
  return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Status CheckVersion(const model::Document& doc, const std::string& kind, const std::string& edition,
                    check::Checker* checker, const Framework& framework, std::vector<check::Finding>* out) {
  check::CheckOptions opt;
  opt.kind = ReviewKind(doc, kind);
  opt.edition = edition;
  std::vector<check::Finding> findings, outline;
  FZ_RETURN_IF_ERROR(checker->Check(doc, opt, &findings));
  OutlineOptions oo;
  oo.edition = edition;
  FZ_RETURN_IF_ERROR(ReviewOutline(doc, framework, oo, &outline));
  findings.insert(findings.end(), std::make_move_iterator(outline.begin()), std::make_move_iterator(outline.end()));
  std::stable_sort(findings.begin(), findings.end(), SortByNode);
  *out = std::move(findings);
  return Status::Ok();
}

}  // namespace fangzhi::review
