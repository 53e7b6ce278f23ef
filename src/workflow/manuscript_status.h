// The life of a manuscript and who may move it:
//
//   (upload v1)      → submitted          compiler of the manuscript's office
//   submitted        → outline_reviewed   reviewer (篇目审查: outline accepted)
//   submitted        → returned           reviewer (outline returned)
//   outline_reviewed → under_review       reviewer (审读/抽查 begins)
//   outline_reviewed → returned           reviewer
//   under_review     → returned           reviewer
//   under_review     → approved           reviewer
//   returned         → resubmitted        compiler of the office, only by uploading a new version
//   resubmitted      → outline_reviewed   reviewer (复核 of the outline)
//   resubmitted      → under_review       reviewer (复核 of the text)
//   resubmitted      → returned           reviewer
//   approved         → (final)
//
// A compiler may also upload another version while the manuscript is
// submitted or resubmitted (nobody has started on it); the status stays.
// The administrator manages accounts but takes no review step (separation
// of duties); digitizers and readers take none either.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "accounts/role.h"
#include "base/status.h"

namespace fangzhi::workflow {

enum class ManuscriptStatus {
  kSubmitted,
  kOutlineReviewed,
  kUnderReview,
  kReturned,
  kResubmitted,
  kApproved,
};

// "submitted", "outline_reviewed", "under_review", "returned",
// "resubmitted", "approved".
std::string_view StatusName(ManuscriptStatus s);
// "已提交", "篇目已审", "审读中", "已退回", "已重新提交", "已通过".
std::string_view StatusLabel(ManuscriptStatus s);
Status ParseStatus(std::string_view name, ManuscriptStatus* out);
const std::vector<ManuscriptStatus>& AllStatuses();

// The steps `role` may take by a status POST from `from` (uploads are not
// status POSTs: see UploadAllowed). Empty when none.
std::vector<ManuscriptStatus> AllowedTransitions(accounts::Role role, ManuscriptStatus from);

// Whether `role` may take `from` → `to` by a status POST; the refusal
// names both states and who may take the step.
Status CheckTransition(accounts::Role role, ManuscriptStatus from, ManuscriptStatus to);

// Whether a compiler may upload a new version now, and the status that
// follows (returned → resubmitted; submitted, resubmitted unchanged).
Status UploadAllowed(ManuscriptStatus from, ManuscriptStatus* after);

}  // namespace fangzhi::workflow
