// The full-text query language of the digital gazetteer library: a query
// string becomes a small value-typed tree plus metadata filters. Parsing
// only: characters are kept exactly as typed (no 繁简 or 异体字 folding, no
// punctuation removal); the searcher does all of that. The grammar, with
// examples, is in docs/search-query.md.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace fangzhi::search {

// NEAR/k takes 1 <= k <= kMaxNearDistance.
inline constexpr int kMaxNearDistance = 1000;
// Parentheses may nest this deep; one more level is an error.
inline constexpr int kMaxQueryDepth = 64;

// One node of the query tree. ParseQuery returns a simplified tree:
//   kTerm  non-empty `text`, no children;
//   kAnd   >= 2 children, none of them kAnd;
//   kOr    >= 2 children, none of them kOr, each with a term outside any
//          kNot (see ParseQuery);
//   kNot   exactly 1 child, never kNot; always a child of kAnd;
//   kNear  exactly 2 kTerm children, `distance` in [1, kMaxNearDistance].
struct QueryNode {
  enum class Kind { kTerm, kAnd, kOr, kNot, kNear };
  Kind kind = Kind::kTerm;
  // kTerm: the UTF-8 text exactly as typed; for a quoted phrase, the text
  // between the quotes with every whitespace character removed.
  std::string text;
  int distance = 0;  // kNear only
  std::vector<QueryNode> children;
  // Where the node starts in the query, in code points from 0: a term's
  // first character (a phrase's opening quote), a kNot's '-', and the first
  // operand of kAnd, kOr and kNear. Not part of the query's meaning:
  // DescribeQuery drops it.
  size_t offset = 0;
};

// `field:value` filters. Values are kept as typed (surrounding whitespace
// of a quoted value trimmed), in order of first appearance, without
// duplicates. Values of one field are OR-ed, fields are AND-ed, and they
// apply to the whole query. An empty field means "no restriction".
struct Filters {
  std::vector<std::string> work, kind, region, dynasty, edition;

  bool empty() const {
    return work.empty() && kind.empty() && region.empty() && dynasty.empty() && edition.empty();
  }
  friend bool operator==(const Filters&, const Filters&) = default;
};

struct Query {
  QueryNode root;
  Filters filters;
};

// Parses `input` into `*out` (left untouched on error). Every error is
// Status::InvalidInput with a Chinese message naming the problem and where
// it is: "查询第 N 个字符处…" (N counts code points from 1), or for
// ill-formed UTF-8 the byte offset (from 0) as in the importers.
// Besides syntax, a query must be able to match without its '-' parts:
// the whole query, every side of '|', and what follows a '-' each need at
// least one term that is not negated.
Status ParseQuery(std::string_view input, Query* out);

// The canonical text form of a query, for logs, tests and the "query" echo
// in results: single spaces, " | " between alternatives, parentheses only
// where needed, quotes only around terms that would otherwise read as
// syntax, filters last in the order work, kind, region, dynasty, edition.
// For any query ParseQuery produced, ParseQuery(DescribeQuery(q)) gives the
// same tree and filters (offsets aside).
std::string DescribeQuery(const Query& q);

}  // namespace fangzhi::search
