// OCR accuracy and speed on pages rendered from real corpus text
// (tools/render_test_pages.py): horizontal simplified pages from modern
// prose, vertical traditional pages (right to left) from 華陽國志 and
// 蜀鑑 juan text. Each set runs through digitize::RunOcrBatch (what `fangzhi
// ocr` runs) with --jobs threads and auto layout/language; accuracy is
// 1 − Han edit distance / Han length of the source, after width folding
// (digitize/ocr_accuracy.h), per page; the median and the mean are reported
// with pages per minute.
//
//   ocr_bench [--pages N] [--jobs J] [--work DIR] [--reuse] [--only horizontal|vertical]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <numeric>
#include <sstream>

#include "bench_util.h"
#include "digitize/ocr_accuracy.h"
#include "digitize/ocr_batch.h"

namespace fs = std::filesystem;
using namespace fangzhi;

namespace {

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct SetResult {
  std::vector<double> acc;
  double seconds = 0;
  size_t pages = 0;
};

bool Render(const std::string& args) {
  const std::string cmd = "python3 '" + (fs::path(FANGZHI_SOURCE_DIR) / "tools" / "render_test_pages.py").string() +
                          "' " + args + " >/dev/null";
  return std::system(cmd.c_str()) == 0;
}

// Output goes to DIR/out-<prefix><tag>, so that each variant's ALTO and text
// stay there to be looked at.
SetResult RunSet(const fs::path& dir, const std::string& prefix, unsigned jobs,
                 const digitize::OcrOptions& options = {}, const std::string& tag = "") {
  std::vector<fs::path> images;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string n = e.path().filename().string();
    if (n.rfind(prefix + "-", 0) == 0 && e.path().extension() == ".png") images.push_back(e.path());
  }
  std::sort(images.begin(), images.end());
  const fs::path out = dir / ("out-" + prefix + tag);
  fs::remove_all(out);
  digitize::OcrBatchResult r;
  const auto t0 = std::chrono::steady_clock::now();
  const Status s = digitize::RunOcrBatch(images, out, options, jobs, {}, &r);
  SetResult res;
  res.seconds = bench::Seconds(std::chrono::steady_clock::now() - t0);
  res.pages = images.size();
  if (!s.ok() || !r.failures.empty()) {
    std::cerr << "OCR failed: " << (s.ok() ? r.failures.front().message() : s.message()) << "\n";
    std::exit(1);
  }
  for (const fs::path& img : images) {
    const std::string stem = img.stem().string();
    const std::string truth = Slurp(dir / (stem + ".gt.txt"));
    const std::string ocr = Slurp(out / (stem + ".txt"));
    res.acc.push_back(digitize::HanAccuracy(truth, ocr));
  }
  return res;
}

void Report(const char* label, const SetResult& r, unsigned jobs) {
  const double mean = std::accumulate(r.acc.begin(), r.acc.end(), 0.0) / static_cast<double>(r.acc.size());
  const double worst = *std::min_element(r.acc.begin(), r.acc.end());
  std::printf("| %s | %zu | %.1f %% | %.1f %% | %.1f %% | %.1f s | %.2f |  (jobs=%u)\n", label, r.pages,
              bench::Median(r.acc) * 100, mean * 100, worst * 100, r.seconds,
              static_cast<double>(r.pages) / r.seconds * 60.0, jobs);
}

}  // namespace

int main(int argc, char** argv) {
  int pages = 4;
  unsigned jobs = 2;
  bool reuse = false;  // keep pages rendered by an earlier run in --work
  std::string only;    // run one set only: "horizontal" or "vertical"
  fs::path work = fs::temp_directory_path() / "fangzhi-ocr-bench";
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--pages") && i + 1 < argc) pages = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--jobs") && i + 1 < argc) jobs = static_cast<unsigned>(std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--work") && i + 1 < argc) work = argv[++i];
    else if (!std::strcmp(argv[i], "--reuse")) reuse = true;
    else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
  }
  if (!reuse) fs::remove_all(work);
  fs::create_directories(work);
  const fs::path corpus(FANGZHI_CORPUS_DIR);
  const std::string n = std::to_string(pages);
  // Horizontal: full A5-ish pages (34 × 26 characters of 46 px ≈ 11 pt at
  // 300 dpi). Vertical: woodblock-like half leaves, 10 columns of 20
  // characters of 72 px, half from 華陽國志 卷一, half from 蜀鑑 卷一.
  const int half = std::max(1, pages / 2);
  if (!reuse && (!Render("--mode horizontal --pages " + n + " --skip 5000 -o '" + work.string() + "'") ||
      !Render("--mode vertical --pages " + std::to_string(half) + " --prefix vertical-a -o '" + work.string() + "'") ||
      !Render("--mode vertical --pages " + std::to_string(pages - half) + " --prefix vertical-b --source '" +
              (corpus / "bashu" / "KR2c0005" / "master" / "KR2c0005_001.txt").string() + "' -o '" + work.string() +
                            "'"))) {
    std::cerr << "rendering failed (python3, ImageMagick convert, fonts-noto-cjk needed)\n";
    return 1;
  }
  std::cout << bench::MachineDescription() << "\n";
  std::cout << "| pages | n | median accuracy | mean | worst | wall time | pages/min |\n|---|---|---|---|---|---|---|\n";
  if (only != "vertical") {
    Report("horizontal simplified (auto → chi_sim, PSM 6 single block)", RunSet(work, "horizontal", jobs), jobs);
  }
  if (only == "horizontal") return 0;
  auto vertical = [&](const digitize::OcrOptions& o, const std::string& tag) {
    SetResult v = RunSet(work, "vertical-a", jobs, o, tag);
    SetResult vb = RunSet(work, "vertical-b", jobs, o, tag);
    v.acc.insert(v.acc.end(), vb.acc.begin(), vb.acc.end());
    v.seconds += vb.seconds;
    v.pages += vb.pages;
    return v;
  };
  Report("vertical traditional (auto → columns read by chi_tra, 3 readings vote)", vertical({}, ""), jobs);
  digitize::OcrOptions psm5;
  psm5.lang = digitize::LangChoice::kChiTraVert;
  Report("vertical traditional (--lang chi_tra_vert, PSM 5)", vertical(psm5, "-psm5"), jobs);
  return 0;
}
