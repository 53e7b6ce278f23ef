// Import throughput on the bulk Kanripo gazetteers (shared/corpus/bench/
// kanripo-gazetteers.tar.zst, 34 works, ~186 MB of UTF-8): the whole
// `fangzhi import` path (cli::ImportPaths: parse on one thread, write on
// the other, one transaction, a fresh SQLite library) timed per run; the
// median is reported.
//
//   import_bench [--runs N] [--work DIR]
#include <cstdio>
#include <cstring>
#include <iostream>

#include "bench_util.h"
#include "formats/kanripo_importer.h"
#include "cli/import_pipeline.h"
#include "formats/kanripo_importer.h"

namespace fs = std::filesystem;
using namespace fangzhi;

int main(int argc, char** argv) {
  int runs = 3;
  fs::path work = fs::temp_directory_path() / "fangzhi-bench";
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--work") && i + 1 < argc) work = argv[++i];
  }
  const fs::path corpus = fs::path(FANGZHI_CORPUS_DIR) / "bench" / "kanripo-gazetteers.tar.zst";
  const fs::path texts = work / "kanripo-gazetteers";
  if (!bench::Unpack(corpus, texts)) {
    std::cerr << "cannot unpack " << corpus << "\n";
    return 1;
  }
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(texts)) {
    if (e.is_directory()) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  const double mib = static_cast<double>(bench::TreeBytes(texts)) / (1024.0 * 1024.0);

  std::vector<double> parse_s, total_s;
  for (int r = 0; r < runs; ++r) {
    const fs::path data = work / ("data-" + std::to_string(r));
    fs::remove_all(data);
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::string> paths;
    for (const auto& d : dirs) paths.push_back(d.string());
    std::vector<cli::ImportedWork> imported;
    Status s = cli::ImportPaths(data, paths, false, {}, &imported);
    if (!s.ok()) {
      std::cerr << s.ToString() << "\n";
      return 1;
    }
    const auto t2 = std::chrono::steady_clock::now();
    total_s.push_back(bench::Seconds(t2 - t0));
    // Parsing alone, for the record: how much of the total the pipeline hides.
    const auto p0 = std::chrono::steady_clock::now();
    for (const auto& d : dirs) {
      model::Document doc;
      if (!formats::ImportKanripoFolder(d, &doc).ok()) return 1;
    }
    parse_s.push_back(bench::Seconds(std::chrono::steady_clock::now() - p0));
    std::fprintf(stderr, "run %d: import %.2f s (parse alone %.2f s)\n", r + 1, total_s.back(), parse_s.back());
    fs::remove_all(data);
  }
  const double total = bench::Median(total_s);
  std::printf("machine: %s\n", bench::MachineDescription().c_str());
  std::printf("corpus: %zu works, %.1f MiB of source files\n", dirs.size(), mib);
  std::printf("runs: %d (median)\n", runs);
  std::printf("parse alone: %.2f s (%.1f MiB/s)\n", bench::Median(parse_s), mib / bench::Median(parse_s));
  std::printf("import total: %.2f s = %.1f MiB/s (goal >= 20 MiB/s)\n", total, mib / total);
  std::printf("peak RSS: %.0f MiB\n", bench::PeakRssMiB());
  return 0;
}
