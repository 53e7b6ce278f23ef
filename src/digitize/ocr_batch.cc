#include "digitize/ocr_batch.h"

#include <atomic>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

#include "digitize/alto_writer.h"

namespace fs = std::filesystem;

namespace fangzhi::digitize {

Status RunOcrBatch(const std::vector<fs::path>& images, const fs::path& out_dir, const OcrOptions& options,
                   unsigned threads, const std::function<void(size_t done, size_t total)>& progress,
                   OcrBatchResult* result) {
  *result = OcrBatchResult();
  if (images.empty()) return Status::InvalidInput("没有要识别的图像 / no images given");
  // Outputs are named by stem: two inputs with one stem would overwrite
  // each other, so that is refused before any page is read.
  std::map<std::string, fs::path> stems;
  std::vector<std::string> stem_of;
  for (const fs::path& img : images) {
    const std::string stem = img.stem().string();
    auto [it, inserted] = stems.emplace(stem, img);
    if (!inserted) {
      return Status::InvalidInput(img.string() + " 与 " + it->second.string() + " 的文件名（不含扩展名）相同，输出会互相覆盖 / " +
                                  "two images share the stem \"" + stem + "\"");
    }
    stem_of.push_back(stem);
  }
  FZ_RETURN_IF_ERROR(CheckTrainedData(options));
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec || !fs::is_directory(out_dir, ec)) {
    return Status::IoError(out_dir.string() + "：无法创建输出目录 / cannot create output folder");
  }
  // Resumability: pages already complete are not redone; the rest are
  // shared among the workers.
  std::vector<size_t> todo;
  for (size_t i = 0; i < images.size(); ++i) {
    if (PageOutputsComplete(out_dir, stem_of[i])) {
      ++result->skipped;
    } else {
      todo.push_back(i);
    }
  }
  InitOcrEnvironment();
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<size_t>(threads, std::max<size_t>(1, todo.size())));

  std::atomic<size_t> next{0};
  std::mutex mu;
  size_t finished = result->skipped;
  if (progress) progress(finished, images.size());
  auto worker = [&] {
    OcrEngine engine(options);  // one TessBaseAPI per thread
    for (size_t k = next++; k < todo.size(); k = next++) {
      const size_t i = todo[k];
      OcrPage page;
      Status s = engine.Recognize(images[i], &page);
      // The ALTO names its image relative to the ALTO's folder, so that the
      // scans and the OCR output can move together and `fangzhi import OUT`
      // finds them.
      std::error_code rec;
      const fs::path rel = fs::relative(fs::absolute(images[i], rec), fs::absolute(out_dir, rec), rec);
      if (!rec && !rel.empty()) page.image_file = rel.generic_string();
      if (s.ok()) s = WritePageOutputs(page, out_dir, stem_of[i]);
      std::lock_guard<std::mutex> lock(mu);
      if (s.ok()) {
        ++result->done;
      } else {
        result->failures.push_back(s);
      }
      ++finished;
      if (progress) progress(finished, images.size());
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (std::thread& t : pool) t.join();
  return Status::Ok();
}

}  // namespace fangzhi::digitize
