#include "cli/progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace fangzhi::cli {

ProgressBar::ProgressBar(std::string label, std::chrono::steady_clock::time_point job_start)
    : label_(std::move(label)), start_(job_start), enabled_(isatty(STDERR_FILENO) == 1) {}

ProgressBar::~ProgressBar() { Finish(); }

void ProgressBar::Update(size_t done, size_t total) {
  if (!enabled_ || total == 0) return;
  const auto elapsed = std::chrono::steady_clock::now() - start_;
  if (!shown_ && elapsed < std::chrono::seconds(1)) return;
  shown_ = true;
  constexpr int kWidth = 30;
  const double frac = static_cast<double>(done) / static_cast<double>(total);
  const int filled = static_cast<int>(frac * kWidth);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '.');
  std::fprintf(stderr, "\r%s [%s] %3d%%", label_.c_str(), bar.c_str(), static_cast<int>(frac * 100));
  std::fflush(stderr);
}

void ProgressBar::Finish() {
  if (shown_) {
    std::fprintf(stderr, "\n");
    shown_ = false;
  }
}

}  // namespace fangzhi::cli
