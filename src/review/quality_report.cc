#include "review/quality_report.h"

#include <ctime>

namespace fangzhi::review {

namespace {

std::string Esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Today() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

constexpr const char* kStyle = R"(
body{font-family:"Noto Serif CJK SC","Noto Sans CJK SC","Source Han Serif SC","SimSun",serif;margin:2em;color:#111;line-height:1.6}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;border-bottom:1px solid #999;margin-top:1.6em}
table{border-collapse:collapse;width:100%;margin:.6em 0}th,td{border:1px solid #999;padding:.25em .5em;vertical-align:top;text-align:left}
th{background:#eee}td.n{text-align:right;white-space:nowrap}.verdict{font-size:1.3em;font-weight:bold;padding:.4em .8em;display:inline-block;border:2px solid}
.pass{color:#155724;border-color:#155724}.fail{color:#8b0000;border-color:#8b0000}.muted{color:#555;font-size:.9em}
.passage{margin:.5em 0;padding:.3em .6em;border-left:3px solid #bbb}.passage .where{font-size:.85em;color:#555}
@media print{body{margin:0}.passage{break-inside:avoid}}
)";

}  // namespace

std::string RenderQualityReportHtml(const QualityReport& rep) {
  const Marks& marks = *rep.marks;
  const ErrorRate& rate = *rep.rate;
  const ErrorWeights& w = *rep.weights;
  std::string title = rep.title;
  if (title.empty()) title = (marks.title.empty() ? std::string("稿件") : "《" + marks.title + "》") + "质量抽查报告";
  std::string h = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Esc(title) +
                  "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  h += "<h1>" + Esc(title) + "</h1>\n<p class=\"muted\">生成日期 " + Esc(rep.generated.empty() ? Today() : rep.generated) +
       "；差错计算依据 " + Esc(w.source) + "（权重表 " + Esc(rate.weights_id) + "，" + Esc(w.file) + "）</p>\n";

  h += "<h2>结论 Verdict</h2>\n<p><span class=\"verdict " + std::string(rate.pass ? "pass" : "fail") + "\">" +
       Esc(rate.verdict) + "</span></p>\n";
  h += "<table>\n<tr><th>抽查字数</th><td class=\"n\">" + std::to_string(rate.chars) + "</td></tr>\n<tr><th>差错数（计权）</th><td class=\"n\">" +
       FormatCenti(rate.errors) + "</td></tr>\n<tr><th>差错率</th><td class=\"n\">" + Esc(rate.per_10000) +
       "/10000（万分之 " + Esc(rate.per_10000) + "）</td></tr>\n<tr><th>处理</th><td>" + Esc(rate.action) + "</td></tr>\n</table>\n";
  h += "<p class=\"muted\">差错率 = 差错数 ÷ 抽查字数，以万分比表示；判定以整数精确比较（差错数 × 10000 与字数 × 档次上限）。判定档次：";
  for (size_t b = 0; b < w.bands.size(); ++b) {
    h += (b ? "；" : "") + Esc(w.bands[b].verdict) +
         (w.bands[b].max_per_10000 >= 0 ? "（≤ " + FormatCenti(w.bands[b].max_per_10000) + "/10000）" : "（其余）");
  }
  h += "。</p>\n";

  h += "<h2>按差错类型 By type</h2>\n<table>\n<tr><th>类型</th><th>处数</th><th>计差错</th></tr>\n";
  for (const auto& t : rate.totals) {
    h += "<tr><td>" + Esc(t.label) + "（" + Esc(t.type) + "）</td><td class=\"n\">" + std::to_string(t.marks) +
         "</td><td class=\"n\">" + FormatCenti(t.counted) + "</td></tr>\n";
  }
  if (rate.totals.empty()) h += "<tr><td colspan=\"3\">未标出差错</td></tr>\n";
  h += "</table>\n";

  h += "<h2>差错逐条 Every marked error</h2>\n<table>\n<tr><th>#</th><th>位置</th><th>面</th><th>类型</th><th>原文</th><th>改为</th><th>权重</th><th>计</th></tr>\n";
  for (size_t i = 0; i < rate.marks.size(); ++i) {
    const WeightedMark& m = rate.marks[i];
    const ErrorType* t = w.Find(m.mark.type);
    h += "<tr><td class=\"n\">" + std::to_string(i + 1) + "</td><td>" + Esc(MarkPlace(m.mark)) +
         "</td><td class=\"n\">" + (m.mark.page > 0 ? std::to_string(m.mark.page) : "") + "</td><td>" +
         Esc(t ? t->label : m.mark.type) + "</td><td>" + Esc(m.mark.excerpt) + "</td><td>" + Esc(m.mark.correction) +
         "</td><td class=\"n\">" + FormatCenti(m.weight) + "</td><td class=\"n\">" + FormatCenti(m.counted) + "</td></tr>\n";
  }
  if (rate.marks.empty()) h += "<tr><td colspan=\"8\">未标出差错</td></tr>\n";
  h += "</table>\n";

  h += "<h2>差错权重 Weights (" + Esc(rate.weights_id) + ")</h2>\n<table>\n<tr><th>类型</th><th>每处</th><th>重复上限</th><th>依据</th></tr>\n";
  for (const auto& t : w.types) {
    std::string cap;
    if (t.repeat.per_page >= 0) cap += "每面至多 " + FormatCenti(t.repeat.per_page);
    if (t.repeat.max_total >= 0) cap += (cap.empty() ? "" : "，") + std::string("全书至多 ") + FormatCenti(t.repeat.max_total);
    h += "<tr><td>" + Esc(t.label) + "</td><td class=\"n\">" + FormatCenti(t.weight) + "</td><td>" + Esc(cap) + "</td><td>" +
         Esc(t.clause) + (t.verified ? "" : "（未核：" + Esc(t.note) + "）") + "</td></tr>\n";
  }
  h += "</table>\n";

  if (rep.sample != nullptr) {
    const Sample& s = *rep.sample;
    h += "<h2>抽查样本 The sample</h2>\n<p>种子 " + std::to_string(s.seed) + "；目标 " + std::to_string(s.target_chars) +
         " 字；全书 " + std::to_string(s.book_chars) + " 字；抽得 " + std::to_string(s.passages.size()) + " 段 " +
         std::to_string(s.sample_chars) + " 字" + (s.whole_book ? "（全书）" : "") + "。</p>\n";
    if (!s.strata.empty()) {
      h += "<table>\n<tr><th>类目</th><th>全书字数</th><th>配额</th><th>抽得字数</th><th>段数</th></tr>\n";
      for (const auto& st : s.strata) {
        h += "<tr><td>" + Esc(st.title) + "</td><td class=\"n\">" + std::to_string(st.chars) + "</td><td class=\"n\">" +
             std::to_string(st.quota) + "</td><td class=\"n\">" + std::to_string(st.sampled) + "</td><td class=\"n\">" +
             std::to_string(st.passages) + "</td></tr>\n";
      }
      h += "</table>\n";
    }
    for (const auto& p : s.passages) {
      h += "<div class=\"passage\"><div class=\"where\">" + Esc(p.path) + "#p" + std::to_string(p.para) + " · " +
           Esc(p.node_title) + " · " + std::to_string(p.chars) + " 字</div>" + Esc(p.text) + "</div>\n";
    }
  }
  h += "</body>\n</html>\n";
  return h;
}

}  // namespace fangzhi::review
