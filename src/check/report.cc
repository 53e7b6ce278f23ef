#include "check/report.h"

#include <nlohmann/json.hpp>

namespace fangzhi::check {

bool Fails(const std::vector<FileReport>& reports, Severity fail_on) {
  for (const auto& r : reports) {
    for (const auto& f : r.findings) {
      if (f.severity >= fail_on) return true;
    }
  }
  return false;
}

nlohmann::ordered_json FindingToJson(const Finding& f) {
  return {{"rule", f.rule},
          {"category", CategoryName(f.category)},
          {"severity", SeverityName(f.severity)},
          {"path", f.path},
          {"start", f.start},
          {"end", f.end},
          {"excerpt", f.excerpt},
          {"message", f.message},
          {"suggestion", f.suggestion},
          {"para", f.para},
          {"line", f.line},
          {"column", f.column}};
}

std::string RenderText(const std::vector<FileReport>& reports) {
  std::string out;
  for (const auto& r : reports) {
    for (const auto& f : r.findings) {
      std::string where = f.where;
      if (where.empty()) where = r.file + ":" + std::to_string(f.line) + ":" + std::to_string(f.column);
      out += where + " " + f.rule + " " + f.message;
      if (!f.excerpt.empty()) out += "：" + Quoted(f.excerpt);
      if (!f.suggestion.empty()) out += "（建议：" + f.suggestion + "）";
      out += "\n";
    }
  }
  return out;
}

std::string RenderJson(const std::vector<FileReport>& reports, const ReportSummary& summary) {
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  size_t total = 0;
  for (const auto& r : reports) {
    nlohmann::ordered_json findings = nlohmann::ordered_json::array();
    nlohmann::ordered_json by_severity = {{"error", 0}, {"warning", 0}, {"info", 0}};
    nlohmann::ordered_json by_category = nlohmann::ordered_json::object();
    for (Category c : kAllCategories) by_category[CategoryName(c)] = 0;
    for (const auto& f : r.findings) {
      findings.push_back(FindingToJson(f));
      by_severity[SeverityName(f.severity)] = by_severity[SeverityName(f.severity)].get<size_t>() + 1;
      by_category[CategoryName(f.category)] = by_category[CategoryName(f.category)].get<size_t>() + 1;
    }
    total += r.findings.size();
    files.push_back({{"file", r.file},
                     {"work", r.work_id},
                     {"title", r.title},
                     {"kind", r.kind},
                     {"counts", {{"total", r.findings.size()}, {"severity", by_severity}, {"category", by_category}}},
                     {"findings", std::move(findings)}});
  }
  nlohmann::ordered_json doc = {{"format", "fangzhi-check"},
                                {"format_version", 1},
                                {"rules", summary.rules},
                                {"fail_on", SeverityName(summary.fail_on)},
                                {"failed", Fails(reports, summary.fail_on)},
                                {"total", total},
                                {"files", std::move(files)}};
  return doc.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace fangzhi::check
