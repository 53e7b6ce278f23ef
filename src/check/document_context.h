// What a check needs to know about the document beyond one node: the node
// list in reading order with each node's text, where each node sits
// (chapter, ancestors), the book's declared abbreviations and period.
// Built once per check run; rules read it and report through FindingSink.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "check/checker.h"
#include "check/finding.h"
#include "check/node_text.h"
#include "check/rule.h"
#include "model/document.h"

namespace fangzhi::check {

struct NodeInfo {
  const model::Node* node = nullptr;
  std::string path;      // node path in the edition: "4/2/3"
  std::string citation;  // "work/4/2/3"
  int depth = 0;
  int parent = -1;       // index into DocContext::nodes
  NodeText text;
  std::string chapter;                      // title of the top-level ancestor (or itself)
  std::vector<std::string> lineage_titles;  // titles from the top-level node down to this one
  bool entry_level = false;                 // a 条目 node
};

// "（以下简称“县政府”）" and the like: where the book says so first.
struct Abbreviation {
  std::string abbr;       // 县政府
  std::string full;       // 示例县人民政府
  size_t node = 0;        // index into DocContext::nodes
  size_t byte = 0;        // node-text byte offset of the definition
};

// An occurrence of a word a structural check looks for
// (StructuralCheckSpec::words). The lexical pass finds them in the same
// Hyperscan scan as the lexical rules, so such a check never scans the text
// itself: scanning 31.6 MiB once per indicator or unit name was a fifth of
// the benchmark's time.
struct WordHit {
  size_t byte = 0;  // node-text byte offset where the word starts
  size_t word = 0;  // index into the check's word list
};

struct DocContext {
  const model::Document* doc = nullptr;
  const model::Edition* edition = nullptr;
  std::string kind;  // "yearbook" or "gazetteer"
  std::vector<NodeInfo> nodes;
  std::map<std::string, Abbreviation> abbreviations;  // first definition of each
  std::vector<Abbreviation> abbreviation_defs;         // every definition, in reading order
  // The 断限 and the book's place, from the first of: --period/--place,
  // the manuscript's metadata, the office config, the title (CheckOptions).
  int period_first_year = 0;  // "2024" → 2024, 2024; "1986-2005" → 1986, 2005; 0 when unknown
  int period_last_year = 0;
  std::string period_source;  // "option", "metadata", "config", "title"; "" when unknown
  std::string place;          // 示例县; "" when unknown
  std::string input_format;   // CheckOptions::input_format
  // Word occurrences for the structural rules that asked for them, filled
  // by Checker::Check: word_hits[list][node], by byte, then word index.
  std::vector<const Rule*> word_rules;  // list → its rule
  std::vector<std::vector<std::vector<WordHit>>> word_hits;

  // The occurrences of `rule`'s words in node `node` (empty when none, or
  // when the rule asked for no words).
  const std::vector<WordHit>& WordHits(const Rule& rule, size_t node) const;
};

// fn(hit) for the hits of `hits` that start inside segment `seg` (a word
// holds no line break, so it also ends there).
template <typename Fn>
void ForEachWordInSegment(const std::vector<WordHit>& hits, const Segment& seg, Fn&& fn) {
  auto it = std::lower_bound(hits.begin(), hits.end(), seg.byte_begin,
                             [](const WordHit& h, size_t b) { return h.byte < b; });
  for (; it != hits.end() && it->byte < seg.byte_end; ++it) fn(*it);
}

void BuildDocContext(const model::Document& doc, const model::Edition& edition, const std::string& kind,
                     DocContext* out, const CheckOptions* options = nullptr);

// Whether a rule looks at a node: its kinds, within and outside.
bool RuleAppliesToKind(const Rule& rule, const std::string& kind);
bool RuleAppliesToNode(const Rule& rule, const NodeInfo& node);
// Whether a rule looks at a segment of a node's text: titles or body by the
// rule's scope, body blocks by its `blocks` list; never unchecked segments.
bool SegmentInScope(const Rule& rule, const Segment& s);

// Collects findings, filling the fields every finding shares.
class FindingSink {
 public:
  FindingSink(const DocContext& ctx, std::vector<Finding>* out) : ctx_(ctx), out_(out) {}

  // A span in segment `seg` of node `node`, given as node-text byte offsets.
  void AddBytes(const Rule& rule, size_t node, size_t seg, size_t byte_begin, size_t byte_end,
                std::string message = {}, std::string suggestion = {});
  // A finding about the whole title of node `node`.
  void AddTitle(const Rule& rule, size_t node, std::string message = {}, std::string suggestion = {});
  // A finding about the book as a whole (e.g. a missing 类目).
  void AddBook(const Rule& rule, std::string excerpt, std::string message = {}, std::string suggestion = {});

  const DocContext& ctx() const { return ctx_; }

  // Whether a finding of category `c` already covers part of node-text
  // bytes [byte_begin, byte_end) of node `node`: lexical findings are all in
  // before the structural checks run, so a structural check can leave a
  // sentence alone that a word rule has already reported for the same
  // reason (one problem, one finding).
  bool Reported(size_t node, Category c, size_t byte_begin, size_t byte_end) const;

 private:
  const DocContext& ctx_;
  std::vector<Finding>* out_;
};

}  // namespace fangzhi::check
