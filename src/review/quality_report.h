// The 质量抽查 report: one self-contained zh-CN HTML page (no scripts, no
// outside resources) with the sample, every marked error and its weight, the
// totals, the 差错率 and the verdict; and the same page printed to PDF by
// headless Chromium.
#pragma once

#include <string>

#include "base/status.h"
#include "review/error_rate.h"
#include "review/sample.h"

namespace fangzhi::review {

struct QualityReport {
  std::string title;              // 《示例县年鉴（2025）》质量抽查报告; a default from marks.title
  const Marks* marks = nullptr;   // required
  const ErrorRate* rate = nullptr;  // required
  const ErrorWeights* weights = nullptr;  // required
  const Sample* sample = nullptr;  // optional: the passages checked
  std::string generated;          // date line; empty: today (UTC)
};

std::string RenderQualityReportHtml(const QualityReport& report);

// Writes `html` to a temporary file, prints it with
// `chromium --headless --no-sandbox --print-to-pdf=…`, and renames the PDF to
// `pdf_path` only when it is complete. IoError when Chromium is missing or fails.
Status PrintHtmlToPdf(const std::string& html, const std::string& pdf_path,
                      const std::string& chromium = "/usr/bin/chromium");

}  // namespace fangzhi::review
