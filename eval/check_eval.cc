// Scores `fangzhi check` against the labelled sets in eval/: precision and
// recall per category, where a finding matches a label when the categories
// are equal and the spans overlap (docs/checks.md, "Evaluation").
//
//   check_eval [--eval-dir DIR] [--verify-corpus DIR] [--laws DIR]
//              [--min CATEGORY=P/R ...] [--min-test CATEGORY=P/R ...]
//              [--details] [--details-test] [--dev-only] [--rules PACK|DIR]
//
// Two sets are scored apart: "dev" (yearbook-paragraphs.txt and
// real-prose.txt, which the rules were improved against) and "test"
// (test-paragraphs.txt, written and labelled before it was ever scored and
// never used to tune a rule). --min bounds the dev scores, --min-test the
// test scores; --details lists dev misses, --details-test the test ones
// (for reporting only: looking at them and then changing rules would turn
// the test set into a second dev set).
//
// Each labelled paragraph is checked on its own, as the only paragraph of a
// 条目 in a yearbook whose period is 2024; only findings inside the
// paragraph count (not those on the made-up title or about the made-up book).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "check/checker.h"
#include "check/rule_pack.h"
#include "text/utf8.h"

namespace fs = std::filesystem;
using namespace fangzhi;

namespace {

struct Label {
  std::string category;
  size_t start, end;  // code points
  std::string text;
};

struct Item {
  std::string set;     // "yearbook", "cpc", "laws", "test"
  std::string source;  // file:line, or corpus reference
  std::string text;
  std::vector<Label> labels;
  // For real prose: where it came from.
  std::string ref_file;
  size_t ref_offset = 0;
};

constexpr std::string_view kOpen = "⟦", kClose = "⟧";

bool StripLabels(const std::string& marked, const std::string& where, Item* item) {
  std::string plain;
  size_t cp = 0, i = 0;
  while (i < marked.size()) {
    if (std::string_view(marked).substr(i).starts_with(kOpen)) {
      const size_t bar = marked.find('|', i);
      const size_t close = marked.find(kClose, i);
      if (bar == std::string::npos || close == std::string::npos || bar > close) {
        std::cerr << where << "：标注没有闭合\n";
        return false;
      }
      Label l;
      l.category = marked.substr(i + kOpen.size(), bar - i - kOpen.size());
      check::Category c;
      if (!check::ParseCategory(l.category, &c)) {
        std::cerr << where << "：未知类别 " << l.category << "\n";
        return false;
      }
      l.text = marked.substr(bar + 1, close - bar - 1);
      if (l.text.empty() || l.text.find(kOpen) != std::string::npos) {
        std::cerr << where << "：标注为空或嵌套\n";
        return false;
      }
      l.start = cp;
      cp += text::CountCodePoints(l.text);
      l.end = cp;
      plain += l.text;
      item->labels.push_back(l);
      i = close + kClose.size();
      continue;
    }
    if (std::string_view(marked).substr(i).starts_with(kClose)) {
      std::cerr << where << "：多余的 ⟧\n";
      return false;
    }
    size_t k = i;
    text::NextCodePoint(marked, k);
    plain.append(marked, i, k - i);
    ++cp;
    i = k;
  }
  item->text = plain;
  return true;
}

std::vector<std::string> Lines(const fs::path& p) {
  std::ifstream in(p);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

model::Document MakeDoc(const std::string& text) {
  model::Document d;
  d.work.id = "eval";
  d.work.title = "示例县年鉴（2025）";
  d.work.kind = model::kKindYearbook;
  d.work.place_name = "示例县";
  d.work.period = "2024";
  model::Node entry{.key = "1", .level = "条目", .title = "示例条目", .label = "", .blocks = {}, .children = {}};
  entry.blocks.push_back({model::BlockKind::kText, 1, text, {}});
  model::Node sub{.key = "1", .level = "分目", .title = "综合", .label = "", .blocks = {}, .children = {entry}};
  model::Node top{.key = "1", .level = "类目", .title = "综合", .label = "", .blocks = {}, .children = {sub}};
  d.editions.push_back({"v1", "第1稿", true, {top}});
  return d;
}

struct Counts {
  size_t findings = 0, matched_findings = 0, labels = 0, found_labels = 0;
};

std::string Fmt(size_t num, size_t den) {
  if (den == 0) return "—";
  char b[16];
  std::snprintf(b, sizeof b, "%.2f", static_cast<double>(num) / static_cast<double>(den));
  return b;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path dir = fs::path(FANGZHI_SOURCE_DIR) / "eval";
  fs::path corpus;
  fs::path laws;
  fs::path rules_path;  // empty: the packs built in
  bool details = false, details_test = false;
  bool dev_only = false;  // while rules are being changed: do not even score the test set
  std::map<std::string, std::pair<double, double>> mins, mins_test;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--eval-dir" && i + 1 < argc) {
      dir = argv[++i];
    } else if (a == "--verify-corpus" && i + 1 < argc) {
      corpus = argv[++i];
    } else if (a == "--laws" && i + 1 < argc) {
      laws = argv[++i];
    } else if (a == "--rules" && i + 1 < argc) {
      rules_path = argv[++i];
    } else if (a == "--details") {
      details = true;
    } else if (a == "--dev-only") {
      dev_only = true;
    } else if (a == "--details-test") {
      details_test = true;
    } else if ((a == "--min" || a == "--min-test") && i + 1 < argc) {
      const std::string spec = argv[++i];
      const size_t eq = spec.find('='), slash = spec.find('/');
      if (eq == std::string::npos || slash == std::string::npos) {
        std::cerr << a << " 的写法是 类别=精确率/召回率，如 person=0.9/0.9\n";
        return 2;
      }
      (a == "--min" ? mins : mins_test)[spec.substr(0, eq)] = {std::stod(spec.substr(eq + 1, slash - eq - 1)),
                                                                std::stod(spec.substr(slash + 1))};
    } else {
      std::cerr << "用法：check_eval [--eval-dir 目录] [--verify-corpus 目录] [--laws 目录] [--min 类别=P/R]... "
                   "[--min-test 类别=P/R]... [--details] [--details-test] [--dev-only] [--rules 规则包|目录]\n";
      return 2;
    }
  }

  std::vector<Item> items;
  const auto yb = Lines(dir / "yearbook-paragraphs.txt");
  for (size_t n = 0; n < yb.size(); ++n) {
    if (yb[n].empty() || yb[n][0] == '#') continue;
    Item it;
    it.set = "yearbook";
    it.source = "yearbook-paragraphs.txt:" + std::to_string(n + 1);
    if (!StripLabels(yb[n], it.source, &it)) return 2;
    items.push_back(std::move(it));
  }
  // The held-out test set: same form as the yearbook paragraphs.
  const auto tp = dev_only ? std::vector<std::string>{} : Lines(dir / "test-paragraphs.txt");
  for (size_t n = 0; n < tp.size(); ++n) {
    if (tp[n].empty() || tp[n][0] == '#') continue;
    Item it;
    it.set = "test";
    it.source = "test-paragraphs.txt:" + std::to_string(n + 1);
    if (!StripLabels(tp[n], it.source, &it)) return 2;
    items.push_back(std::move(it));
  }
  // Real prose, checked against the corpus when it is at hand.
  std::vector<std::string> cpc;
  if (!corpus.empty()) {
    for (const auto& l : Lines(corpus / "modern/cpc_congress_reports.jsonl")) {
      cpc.push_back(nlohmann::json::parse(l)["content"].get<std::string>());
    }
  }
  size_t verified = 0;
  const auto rp = Lines(dir / "real-prose.txt");
  for (size_t n = 0; n < rp.size(); ++n) {
    if (rp[n].empty() || rp[n][0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(rp[n]);
    std::string part;
    while (std::getline(ss, part, '\t')) f.push_back(part);
    if (f.size() != 4 || (f[0] != "cpc" && f[0] != "laws")) {
      std::cerr << "real-prose.txt:" << n + 1 << "：应为 来源<TAB>位置<TAB>偏移<TAB>文字\n";
      return 2;
    }
    Item it;
    it.set = f[0];
    it.source = "real-prose.txt:" + std::to_string(n + 1);
    it.ref_file = f[1];
    it.ref_offset = std::stoul(f[2]);
    if (!StripLabels(f[3], it.source, &it)) return 2;
    std::string original;
    if (f[0] == "cpc" && !cpc.empty()) {
      original = cpc.at(std::stoul(f[1]));
    } else if (f[0] == "laws" && !laws.empty()) {
      std::ifstream in(laws / f[1], std::ios::binary);
      std::stringstream b;
      b << in.rdbuf();
      original = b.str();
    }
    if (!original.empty()) {
      // Code-point offset → bytes.
      size_t byte = 0, cp = 0;
      while (byte < original.size() && cp < it.ref_offset) {
        text::NextCodePoint(original, byte);
        ++cp;
      }
      if (original.compare(byte, it.text.size(), it.text) != 0) {
        std::cerr << it.source << "：摘录与原文不符（" << f[1] << " 偏移 " << f[2] << "）\n";
        return 1;
      }
      ++verified;
    }
    items.push_back(std::move(it));
  }

  check::RuleSet rules;
  Status s = rules_path.empty() ? check::LoadBuiltinRules(&rules) : check::LoadRulePacks(rules_path, &rules);
  std::unique_ptr<check::Checker> checker;
  if (s.ok()) s = check::Checker::Create(std::move(rules), &checker);
  if (!s.ok()) {
    std::cerr << s.message() << "\n";
    return 1;
  }

  // set → category → counts
  std::map<std::string, std::map<std::string, Counts>> table;
  for (const Item& it : items) {
    std::vector<check::Finding> all;
    s = checker->Check(MakeDoc(it.text), {.kind = "yearbook", .edition = ""}, &all);
    if (!s.ok()) {
      std::cerr << it.source << "：" << s.message() << "\n";
      return 1;
    }
    std::vector<check::Finding> found;
    for (auto& f : all) {
      if (f.para == 1 && f.segment == 1) found.push_back(f);
    }
    const bool test = it.set == "test";
    const std::vector<std::string> sets =
        test ? std::vector<std::string>{"test"} : std::vector<std::string>{it.set == "yearbook" ? "yearbook" : "real", "all"};
    const bool show = test ? details_test : details;
    const std::string report_set = test ? "test" : "all";
    for (const std::string& set : sets) {
      auto& cats = table[set];
      for (const auto& f : found) {
        Counts& c = cats[check::CategoryName(f.category)];
        ++c.findings;
        bool hit = false;
        for (const auto& l : it.labels) {
          hit = hit || (l.category == check::CategoryName(f.category) && f.seg_start < l.end && l.start < f.seg_end);
        }
        c.matched_findings += hit;
        if (!hit && show && set == report_set) {
          std::cout << "误报 FP " << it.source << " " << f.rule << " “" << f.excerpt << "”\n";
        }
      }
      for (const auto& l : it.labels) {
        Counts& c = cats[l.category];
        ++c.labels;
        bool hit = false;
        for (const auto& f : found) {
          hit = hit || (l.category == check::CategoryName(f.category) && f.seg_start < l.end && l.start < f.seg_end);
        }
        c.found_labels += hit;
        if (!hit && show && set == report_set) std::cout << "漏报 FN " << it.source << " " << l.category << " “" << l.text << "”\n";
      }
    }
  }

  size_t n_yb = 0, n_real = 0, n_test = 0, labels_yb = 0, labels_real = 0, labels_test = 0;
  for (const Item& it : items) {
    (it.set == "yearbook" ? n_yb : it.set == "test" ? n_test : n_real) += 1;
    (it.set == "yearbook" ? labels_yb : it.set == "test" ? labels_test : labels_real) += it.labels.size();
  }
  std::printf("评测集 eval set: dev = %zu yearbook paragraphs (%zu labels) + %zu real excerpts (%zu labels), "
              "%zu excerpts verified against the corpus; test (held out) = %zu paragraphs (%zu labels)\n\n",
              n_yb, labels_yb, n_real, labels_real, verified, n_test, labels_test);
  std::printf("| category | dev yearbook P | R | dev real P | R | **dev P** | **dev R** | findings | labels | **test P** | **test R** | findings | labels |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  int failures = 0;
  for (check::Category cat : check::kAllCategories) {
    const std::string name = check::CategoryName(cat);
    const Counts a = table["all"][name], y = table["yearbook"][name], r = table["real"][name], t = table["test"][name];
    std::printf("| %s | %s | %s | %s | %s | %s | %s | %zu | %zu | %s | %s | %zu | %zu |\n", name.c_str(),
                Fmt(y.matched_findings, y.findings).c_str(), Fmt(y.found_labels, y.labels).c_str(),
                Fmt(r.matched_findings, r.findings).c_str(), Fmt(r.found_labels, r.labels).c_str(),
                Fmt(a.matched_findings, a.findings).c_str(), Fmt(a.found_labels, a.labels).c_str(), a.findings, a.labels,
                Fmt(t.matched_findings, t.findings).c_str(), Fmt(t.found_labels, t.labels).c_str(), t.findings, t.labels);
    for (const auto& [bounds, c, set] : {std::tuple{&mins, a, "dev"}, std::tuple{&mins_test, t, "test"}}) {
      auto m = bounds->find(name);
      if (m == bounds->end()) continue;
      const double p = c.findings ? static_cast<double>(c.matched_findings) / static_cast<double>(c.findings) : 1.0;
      const double rc = c.labels ? static_cast<double>(c.found_labels) / static_cast<double>(c.labels) : 1.0;
      if (p < m->second.first || rc < m->second.second) {
        std::fprintf(stderr, "%s（%s）：精确率 %.3f、召回率 %.3f，低于要求 %.2f/%.2f\n", name.c_str(), set, p, rc,
                     m->second.first, m->second.second);
        ++failures;
      }
    }
  }
  return failures ? 1 : 0;
}
