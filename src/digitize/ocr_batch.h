// `fangzhi ocr`: many pages in parallel, one OcrEngine per worker thread,
// resumable (pages whose outputs are complete are skipped).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "digitize/ocr_engine.h"

namespace fangzhi::digitize {

struct OcrBatchResult {
  size_t done = 0;     // recognized now
  size_t skipped = 0;  // already complete from an earlier run
  std::vector<Status> failures;  // one per page that failed, naming the file
};

// Stems: the file name without its extension; two images with the same
// stem are refused before any work starts. `threads` 0 = hardware cores.
Status RunOcrBatch(const std::vector<std::filesystem::path>& images, const std::filesystem::path& out_dir,
                   const OcrOptions& options, unsigned threads,
                   const std::function<void(size_t done, size_t total)>& progress, OcrBatchResult* result);

}  // namespace fangzhi::digitize
