// Reports of a check run: text (one line per finding, for editors and
// scripts), JSON (docs/checks.md) and HTML (grouped by chapter and rule,
// with counts). The DOCX report is formats/docx_exporter.h.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "check/finding.h"

namespace fangzhi::check {

struct FileReport {
  std::string file;  // as the user named it (or WORK for --data)
  std::string work_id;
  std::string title;
  std::string kind;  // yearbook / gazetteer
  std::vector<Finding> findings;
};

struct ReportSummary {
  Severity fail_on = Severity::kWarning;
  size_t rules = 0;  // enabled rules
};

// Whether any finding is at or above `fail_on`.
bool Fails(const std::vector<FileReport>& reports, Severity fail_on);

// One finding as the JSON report lists it (docs/checks.md); the review's
// recheck output uses the same shape.
nlohmann::ordered_json FindingToJson(const Finding& f);

std::string RenderText(const std::vector<FileReport>& reports);
std::string RenderJson(const std::vector<FileReport>& reports, const ReportSummary& summary);
std::string RenderHtml(const std::vector<FileReport>& reports, const ReportSummary& summary);

}  // namespace fangzhi::check
