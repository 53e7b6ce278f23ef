// 复核: the findings of version n carried to version n+1. Each OLD finding is
// anchored on text — its rule, its excerpt, a few characters before and after
// it, and its node (paired across versions by node_alignment.h) — never on
// offsets, so editing text before a finding leaves it "still present".
//
//   fixed          OLD findings with no counterpart in NEW
//   still_present  same rule, same excerpt, same node (its context may have shifted)
//   moved          same rule and excerpt with matching context, now in another
//                  node, or in the same node but another paragraph with none of
//                  its old context
//   new            NEW findings no OLD finding accounts for
//
// Findings are matched one to one, best anchors first, so three 我县 in OLD
// and two in NEW give two still present and one fixed.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "check/checker.h"
#include "check/finding.h"
#include "model/document.h"
#include "review/framework.h"

namespace fangzhi::review {

struct MatchedFinding {
  check::Finding before;  // in OLD (OLD path and offsets)
  check::Finding after;   // in NEW
};

struct RecheckResult {
  std::vector<check::Finding> fixed;  // OLD findings
  std::vector<MatchedFinding> still_present;
  std::vector<MatchedFinding> moved;
  std::vector<check::Finding> added;  // NEW findings; "new" in the JSON
};

// Findings are located by their `path` (citation path) and code-point
// offsets, so findings read back from JSON (without `node`) work too.
Status Recheck(const model::Document& old_doc, const std::vector<check::Finding>& old_findings,
               const model::Document& new_doc, const std::vector<check::Finding>& new_findings,
               RecheckResult* out);

// {"fixed":[…],"still_present":[…],"moved":[…],"new":[…]}, each a list of
// findings in the check JSON format (check::FindingToJson); still_present and
// moved list the NEW findings.
std::string RecheckJson(const RecheckResult& result);

// Everything the review looks at in one version: the checker's findings
// followed by the outline review's, in reading order. `kind` "yearbook" or
// "gazetteer" (empty: from the work, see ReviewKind); `edition` empty: base.
Status CheckVersion(const model::Document& doc, const std::string& kind, const std::string& edition,
                    check::Checker* checker, const Framework& framework, std::vector<check::Finding>* out);

}  // namespace fangzhi::review
