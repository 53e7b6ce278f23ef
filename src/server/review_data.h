// What the review screens know about one stored manuscript version: the
// parsed document and every finding of the review (the checks' findings and
// the outline review's). Parsing and checking a yearbook takes a good part
// of a second, and a reviewer clicks through the same version many times,
// so results are kept in a small in-process cache keyed by the version's
// SHA-256 (a stored version never changes; a new upload is a new number).
//
// Access control is not this file's business: callers must have read the
// version through workflow::WorkflowStore (GetVersion, which refuses what
// the user may not see) before asking for its data.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "accounts/account_store.h"
#include "base/status.h"
#include "check/finding.h"
#include "model/document.h"
#include "review/framework.h"
#include "workflow/workflow_store.h"

namespace fangzhi::server {

struct VersionData {
  model::Document doc;
  std::string kind;  // "yearbook" or "gazetteer"
  review::Framework framework;
  // CheckVersion's output: check findings, then the outline review's (OUT-*).
  std::vector<check::Finding> findings;
};

// "yearbook" for 年鉴 (and anything else), "gazetteer" for 志书.
std::string ReviewKindOf(const workflow::Manuscript& m);

// Loads (or finds in the cache) version `number` of manuscript `m` as
// `viewer` sees it. `sha256` is the stored version's (workflow::Version).
Status LoadVersionData(workflow::WorkflowStore* store, const accounts::User& viewer,
                       const workflow::Manuscript& m, int64_t number, const std::string& sha256,
                       std::shared_ptr<const VersionData>* out);

// Whether a finding comes from the outline review (OUT-*) rather than the checks.
bool IsOutlineFinding(const check::Finding& f);

}  // namespace fangzhi::server
