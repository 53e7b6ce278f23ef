// A progress line on stderr for long jobs. It stays silent for the first
// second (short imports print nothing) and whenever stderr is not a
// terminal (logs and pipes get no control characters).
#pragma once

#include <chrono>
#include <string>

namespace fangzhi::cli {

class ProgressBar {
 public:
  // The silent second counts from `job_start`: an import and the index
  // update after it are one wait for the user, with a bar each.
  explicit ProgressBar(std::string label,
                       std::chrono::steady_clock::time_point job_start = std::chrono::steady_clock::now());
  ~ProgressBar();
  void Update(size_t done, size_t total);
  void Finish();

 private:
  std::string label_;
  std::chrono::steady_clock::time_point start_;
  bool enabled_;
  bool shown_ = false;
};

}  // namespace fangzhi::cli
