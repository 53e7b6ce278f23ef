// Throughput of `fangzhi check` with the full rule pack on modern prose: the
// PRC laws of ../shared/corpus/bench/laws.tar.zst, against zhlint and
// autocorrect-node (npm, bench/check_bench_js) on the same text in the same
// run. Single thread, so MiB/s is per core. See docs/benchmarks.md.
//
//   check_bench [--work DIR] [--runs N] [--baseline-mib M] [--no-baselines] [--rules PACK|DIR]
//               [--dump FILE]
//
// --rules times another pack (say, an earlier version of rules/) in place
// of the built-in one, so two packs can be compared on the same machine
// under the same load. --dump writes every finding of the full set (file,
// rule, start, end; one a line, sorted) so that a change meant only to make
// the checker faster can be shown to find exactly the same things.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "bench_util.h"
#include "check/checker.h"
#include "check/rule_pack.h"
#include "formats/plain_text_importer.h"

namespace fs = std::filesystem;
using namespace fangzhi;

namespace {

struct Doc {
  fs::path path;
  size_t bytes = 0;
  model::Document doc;
};

// CPU time of this thread: on a machine shared with other jobs the wall
// clock counts their time too, this only ours, so it measures a core.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Median seconds (wall clock, and thread CPU time in *cpu) of `runs` passes
// of the checker over `docs` (after one warm-up).
double TimeChecker(check::Checker* checker, const std::vector<const Doc*>& docs, int runs, size_t* findings,
                   double* cpu = nullptr) {
  std::vector<double> times, cpu_times;
  for (int r = 0; r <= runs; ++r) {
    size_t n = 0;
    const double c0 = ThreadCpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    for (const Doc* d : docs) {
      std::vector<check::Finding> out;
      Status s = checker->Check(d->doc, {.kind = "yearbook", .edition = ""}, &out);
      if (!s.ok()) {
        std::cerr << d->path << ": " << s.message() << "\n";
        std::exit(1);
      }
      n += out.size();
    }
    const double t = bench::Seconds(std::chrono::steady_clock::now() - t0);
    const double c = ThreadCpuSeconds() - c0;
    if (r > 0) {  // the first pass warms caches
      times.push_back(t);
      cpu_times.push_back(c);
    }
    *findings = n;
  }
  if (cpu) *cpu = bench::Median(cpu_times);
  return bench::Median(times);
}

nlohmann::json RunNode(const fs::path& js_dir, const std::string& tool, const fs::path& list) {
  const std::string cmd = "cd '" + js_dir.string() + "' && node --no-warnings" +
                          (tool == "autocorrect" ? " --experimental-wasm-modules" : "") + " run.mjs " + tool + " '" +
                          list.string() + "'";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return nullptr;
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  if (pclose(p) != 0 || out.empty()) return nullptr;
  return nlohmann::json::parse(out, nullptr, false);
}

}  // namespace

int main(int argc, char** argv) {
  fs::path work = "/tmp/fangzhi-check-bench";
  int runs = 5;
  double baseline_mib = 8.0;
  bool baselines = true;
  fs::path rules_path;
  fs::path dump_path;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--work" && i + 1 < argc) {
      work = argv[++i];
    } else if (a == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--baseline-mib" && i + 1 < argc) {
      baseline_mib = std::atof(argv[++i]);
    } else if (a == "--no-baselines") {
      baselines = false;
    } else if (a == "--rules" && i + 1 < argc) {
      rules_path = argv[++i];
    } else if (a == "--dump" && i + 1 < argc) {
      dump_path = argv[++i];
    } else {
      std::cerr << "用法：check_bench [--work 目录] [--runs N] [--baseline-mib M] [--no-baselines] [--rules 规则包|目录] "
                   "[--dump 文件]\n";
      return 2;
    }
  }
  const fs::path laws = work / "laws";
  if (!bench::Unpack(fs::path(FANGZHI_CORPUS_DIR) / "bench/laws.tar.zst", laws)) {
    std::cerr << "无法解压 laws.tar.zst 到 " << laws << "\n";
    return 1;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(laws)) {
    if (e.is_regular_file() && e.path().extension() == ".md") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Doc> docs;
  size_t total = 0;
  for (const auto& f : files) {
    Doc d;
    d.path = f;
    if (!formats::ImportPlainText(f, &d.doc).ok()) continue;
    d.bytes = fs::file_size(f);
    total += d.bytes;
    docs.push_back(std::move(d));
  }
  check::RuleSet rules;
  Status s = rules_path.empty() ? check::LoadBuiltinRules(&rules) : check::LoadRulePacks(rules_path, &rules);
  if (!s.ok()) {
    std::cerr << s.message() << "\n";
    return 1;
  }
  const size_t rule_count = rules.rules.size();
  std::unique_ptr<check::Checker> checker;
  const auto c0 = std::chrono::steady_clock::now();
  s = check::Checker::Create(std::move(rules), &checker);
  const double compile = bench::Seconds(std::chrono::steady_clock::now() - c0);
  if (!s.ok()) {
    std::cerr << s.message() << "\n";
    return 1;
  }
  std::vector<const Doc*> all;
  for (const auto& d : docs) all.push_back(&d);
  size_t findings = 0;
  double cpu_all = 0;
  const double t_all = TimeChecker(checker.get(), all, runs, &findings, &cpu_all);
  const double mib = static_cast<double>(total) / (1 << 20);
  std::printf("machine: %s\n", bench::MachineDescription().c_str());
  std::printf("rules: %zu (compile %.2f s); laws: %zu files, %.1f MiB\n", rule_count, compile, docs.size(), mib);
  std::printf("fangzhi check, full set: median %.3f s over %d runs = %.1f MiB/s (one thread); %zu findings\n", t_all, runs,
              mib / t_all, findings);
  std::printf("  same passes, thread CPU time: median %.3f s = %.1f MiB/s per core\n", cpu_all, mib / cpu_all);
  if (!dump_path.empty()) {
    std::vector<std::string> lines;
    for (const Doc& d : docs) {
      std::vector<check::Finding> out;
      if (!checker->Check(d.doc, {.kind = "yearbook", .edition = ""}, &out).ok()) return 1;
      const std::string name = fs::relative(d.path, laws).string();
      for (const auto& f : out) {
        lines.push_back(name + "\t" + f.path + "\t" + f.rule + "\t" + std::to_string(f.start) + "\t" + std::to_string(f.end));
      }
    }
    std::sort(lines.begin(), lines.end());
    std::ofstream out(dump_path);
    for (const auto& l : lines) out << l << "\n";
    if (!out) {
      std::cerr << "无法写入 " << dump_path << "\n";
      return 1;
    }
  }
  if (!baselines) return 0;

  // The baselines are slow: an evenly spaced subset of the same files.
  std::vector<const Doc*> subset;
  const double want = baseline_mib * (1 << 20);
  const size_t step = std::max<size_t>(1, static_cast<size_t>(static_cast<double>(total) / want));
  size_t sub_bytes = 0;
  for (size_t i = 0; i < docs.size(); i += step) {
    subset.push_back(&docs[i]);
    sub_bytes += docs[i].bytes;
  }
  const fs::path list = work / "baseline-files.txt";
  {
    std::ofstream out(list);
    for (const Doc* d : subset) out << d->path.string() << "\n";
  }
  size_t sub_findings = 0;
  const double t_sub = TimeChecker(checker.get(), subset, runs, &sub_findings);
  const double sub_mib = static_cast<double>(sub_bytes) / (1 << 20);
  std::printf("subset: %zu files, %.2f MiB; fangzhi check %.3f s = %.1f MiB/s, %zu findings\n", subset.size(), sub_mib,
              t_sub, sub_mib / t_sub, sub_findings);
  const fs::path js = fs::path(FANGZHI_SOURCE_DIR) / "bench/check_bench_js";
  for (const std::string tool : {"zhlint", "autocorrect"}) {
    const auto j = RunNode(js, tool, list);
    if (j.is_null() || !j.contains("seconds")) {
      std::printf("%s: not run (npm install in %s first)\n", tool.c_str(), js.string().c_str());
      continue;
    }
    const double sec = j["seconds"].get<double>();
    std::printf("%s: %.3f s = %.2f MiB/s, %lld issues; fangzhi check is %.0fx faster\n", tool.c_str(), sec,
                sub_mib / sec, j["issues"].get<long long>(), sec / t_sub);
  }
  return 0;
}
