// The HTML report: one self-contained page (inline CSS, no script, nothing
// fetched), grouped by chapter and then by rule, with counts. Every piece of
// text from the manuscript or the rules is escaped.
#include <map>
#include <vector>

#include "check/report.h"
#include "text/markup_escape.h"

namespace fangzhi::check {

namespace {

std::string Esc(const std::string& s) { return text::HtmlEscape(s); }

const char* kStyle = R"(
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.6;color:#222}
h1{font-size:1.5em}h2{font-size:1.25em;border-bottom:1px solid #ccc;margin-top:2em}h3{font-size:1.1em;margin-top:1.5em}h4{font-size:1em;margin:1em 0 .3em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}th{background:#f4f4f4}
td.n{text-align:right}.sev-error{color:#b00020}.sev-warning{color:#a65e00}.sev-info{color:#555}
ul.findings{margin:.2em 0 .8em;padding-left:1.2em}ul.findings li{margin:.2em 0}
.where{font-family:monospace;color:#555;font-size:.9em}.excerpt{background:#fff3b0}.sugg{color:#1b5e20}
)";

}  // namespace

std::string RenderHtml(const std::vector<FileReport>& reports, const ReportSummary& summary) {
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<title>方志平台 稿件检查报告</title>\n<style>";
  h += kStyle;
  h += "</style>\n</head>\n<body>\n<h1>稿件检查报告</h1>\n";
  size_t total = 0;
  for (const auto& r : reports) total += r.findings.size();
  h += "<p>共检查 " + std::to_string(reports.size()) + " 个文件，启用规则 " + std::to_string(summary.rules) +
       " 条，发现问题 " + std::to_string(total) + " 处；" + Esc(SeverityLabel(summary.fail_on)) +
       "及以上视为未通过：<strong>" + (Fails(reports, summary.fail_on) ? "未通过" : "通过") + "</strong>。</p>\n";
  for (const auto& r : reports) {
    h += "<h2>" + Esc(r.title.empty() ? r.file : r.title) + " <span class=\"where\">" + Esc(r.file) + "</span></h2>\n";
    if (r.findings.empty()) {
      h += "<p>没有发现问题。</p>\n";
      continue;
    }
    // Counts by category and severity.
    std::map<std::string, std::map<Severity, size_t>> by_cat;
    std::map<Severity, size_t> by_sev;
    for (const auto& f : r.findings) {
      ++by_cat[CategoryLabel(f.category)][f.severity];
      ++by_sev[f.severity];
    }
    h += "<table><tr><th>类别</th><th>错误</th><th>警告</th><th>提示</th><th>合计</th></tr>\n";
    for (Category c : kAllCategories) {
      auto it = by_cat.find(CategoryLabel(c));
      if (it == by_cat.end()) continue;
      size_t sum = 0;
      h += "<tr><td>" + Esc(CategoryLabel(c)) + "</td>";
      for (Severity s : {Severity::kError, Severity::kWarning, Severity::kInfo}) {
        const size_t n = it->second.count(s) ? it->second.at(s) : 0;
        sum += n;
        h += "<td class=\"n\">" + std::to_string(n) + "</td>";
      }
      h += "<td class=\"n\">" + std::to_string(sum) + "</td></tr>\n";
    }
    h += "<tr><th>合计</th>";
    for (Severity s : {Severity::kError, Severity::kWarning, Severity::kInfo}) {
      h += "<th class=\"n\">" + std::to_string(by_sev.count(s) ? by_sev.at(s) : 0) + "</th>";
    }
    h += "<th class=\"n\">" + std::to_string(r.findings.size()) + "</th></tr></table>\n";

    // Chapters in reading order, rules in first-appearance order within each.
    std::vector<std::string> chapters;
    std::map<std::string, std::vector<std::string>> rule_order;
    std::map<std::string, std::map<std::string, std::vector<const Finding*>>> groups;
    for (const auto& f : r.findings) {
      const std::string ch = f.para < 0 ? "全书" : (f.chapter.empty() ? "（卷首）" : f.chapter);
      if (!groups.count(ch)) chapters.push_back(ch);
      auto& rules = groups[ch];
      if (!rules.count(f.rule)) rule_order[ch].push_back(f.rule);
      rules[f.rule].push_back(&f);
    }
    for (const auto& ch : chapters) {
      size_t n = 0;
      for (const auto& [rule, fs] : groups[ch]) n += fs.size();
      h += "<h3>" + Esc(ch) + "（" + std::to_string(n) + " 处）</h3>\n";
      for (const auto& rule : rule_order[ch]) {
        const auto& fs = groups[ch][rule];
        const Finding& first = *fs.front();
        h += "<h4><span class=\"sev-" + std::string(SeverityName(first.severity)) + "\">" +
             Esc(SeverityLabel(first.severity)) + "</span> " + Esc(rule) + " · " + Esc(CategoryLabel(first.category)) +
             "（" + std::to_string(fs.size()) + " 处）</h4>\n<ul class=\"findings\">\n";
        for (const Finding* f : fs) {
          std::string where = f->where.empty() ? r.file + ":" + std::to_string(f->line) + ":" + std::to_string(f->column)
                                               : f->where;
          h += "<li><span class=\"where\">" + Esc(where) + "</span> ";
          if (!f->node_title.empty()) h += Esc(f->node_title) + "：";
          if (!f->excerpt.empty()) h += "<span class=\"excerpt\">" + Esc(f->excerpt) + "</span> ";
          h += Esc(f->message);
          if (!f->suggestion.empty()) h += " <span class=\"sugg\">建议：" + Esc(f->suggestion) + "</span>";
          h += "</li>\n";
        }
        h += "</ul>\n";
      }
    }
  }
  h += "<p class=\"where\">方志平台 fangzhi check 生成。</p>\n</body>\n</html>\n";
  return h;
}

}  // namespace fangzhi::check
