#include "workflow/manuscript_status.h"

#include <utility>

namespace fangzhi::workflow {

namespace {

using accounts::Role;
using S = ManuscriptStatus;

// The status-POST steps of the table in the header; all are the reviewer's.
constexpr std::pair<S, S> kReviewerSteps[] = {
    {S::kSubmitted, S::kOutlineReviewed},   {S::kSubmitted, S::kReturned},
    {S::kOutlineReviewed, S::kUnderReview}, {S::kOutlineReviewed, S::kReturned},
    {S::kUnderReview, S::kReturned},        {S::kUnderReview, S::kApproved},
    {S::kResubmitted, S::kOutlineReviewed}, {S::kResubmitted, S::kUnderReview},
    {S::kResubmitted, S::kReturned},
};

}  // namespace

std::string_view StatusName(ManuscriptStatus s) {
  switch (s) {
    case S::kSubmitted: return "submitted";
    case S::kOutlineReviewed: return "outline_reviewed";
    case S::kUnderReview: return "under_review";
    case S::kReturned: return "returned";
    case S::kResubmitted: return "resubmitted";
    case S::kApproved: return "approved";
  }
  return "submitted";
}

std::string_view StatusLabel(ManuscriptStatus s) {
  switch (s) {
    case S::kSubmitted: return "已提交";
    case S::kOutlineReviewed: return "篇目已审";
    case S::kUnderReview: return "审读中";
    case S::kReturned: return "已退回";
    case S::kResubmitted: return "已重新提交";
    case S::kApproved: return "已通过";
  }
  return "已提交";
}

const std::vector<ManuscriptStatus>& AllStatuses() {
  static const std::vector<S> kAll = {S::kSubmitted, S::kOutlineReviewed, S::kUnderReview,
                                      S::kReturned,  S::kResubmitted,     S::kApproved};
  return kAll;
}

Status ParseStatus(std::string_view name, ManuscriptStatus* out) {
  for (S s : AllStatuses()) {
    if (name == StatusName(s)) {
      *out = s;
      return Status::Ok();
    }
  }
  return Status::InvalidInput("未知的稿件状态 “" + std::string(name).substr(0, 64) +
                              "”；可用：submitted、outline_reviewed、under_review、returned、resubmitted、approved"
                              " (unknown status)");
}

std::vector<ManuscriptStatus> AllowedTransitions(accounts::Role role, ManuscriptStatus from) {
  std::vector<S> out;
  if (role != Role::kReviewer) return out;
  for (const auto& [f, t] : kReviewerSteps) {
    if (f == from) out.push_back(t);
  }
  return out;
}

Status CheckTransition(accounts::Role role, ManuscriptStatus from, ManuscriptStatus to) {
  bool exists = false;
  for (const auto& [f, t] : kReviewerSteps) exists = exists || (f == from && t == to);
  const std::string step = "“" + std::string(StatusLabel(from)) + "”→“" + std::string(StatusLabel(to)) + "”";
  if (!exists) {
    if (from == S::kReturned && to == S::kResubmitted) {
      return Status::InvalidInput("稿件要重新提交，请上传新的版本 (upload a new version to resubmit)");
    }
    return Status::InvalidInput("不能从" + step + " (no such step: " + std::string(StatusName(from)) + " -> " +
                                std::string(StatusName(to)) + ")");
  }
  if (role != Role::kReviewer) {
    return Status::InvalidInput(step + " 只能由省级审读人员操作，" + std::string(RoleLabel(role)) +
                                "无权 (only a reviewer may take this step)");
  }
  return Status::Ok();
}

Status UploadAllowed(ManuscriptStatus from, ManuscriptStatus* after) {
  switch (from) {
    case S::kSubmitted:
    case S::kResubmitted:
      *after = from;
      return Status::Ok();
    case S::kReturned:
      *after = S::kResubmitted;
      return Status::Ok();
    default:
      return Status::InvalidInput("稿件状态为“" + std::string(StatusLabel(from)) +
                                  "”，不能上传新版本；退回后才能修改 (no upload while " +
                                  std::string(StatusName(from)) + ")");
  }
}

}  // namespace fangzhi::workflow
