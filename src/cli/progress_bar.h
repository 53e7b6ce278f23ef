// A progress line on stderr for long jobs. It stays silent for the first
// second (short imports print nothing) and whenever stderr is not a
// terminal (logs and pipes get no control characters).
#pragma once

#include <chrono>
#include <string>

namespace fangzhi::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
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
