// Small helpers shared by the benchmark programs: unpacking the bulk
// corpus, timing, medians, the machine's description.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace fangzhi::bench {

// Unpacks a .tar.zst into `dir` (once: an existing non-empty dir is reused).
bool Unpack(const std::filesystem::path& archive, const std::filesystem::path& dir);

double Median(std::vector<double> v);

// Peak resident set size of this process so far, in MiB.
double PeakRssMiB();

// "nproc=2, RAM=23.4 GiB, <cpu model>" for docs/benchmarks.md.
std::string MachineDescription();

inline double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

uint64_t TreeBytes(const std::filesystem::path& dir);

}  // namespace fangzhi::bench
