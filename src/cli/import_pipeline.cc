#include "cli/import_pipeline.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "formats/format_detect.h"

namespace fangzhi::cli {
namespace {

// A bounded hand-off between the parsing thread and the writing thread.
class ParsedQueue {
 public:
  struct Item {
    Status status;
    model::Document doc;
    std::vector<formats::PageImage> images;  // ALTO folders: page images to copy
  };

  void Push(Item item) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] { return items_.size() < kCapacity || cancelled_; });
    if (cancelled_) return;
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }

  Item Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [&] { return !items_.empty(); });
    Item item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

  void Cancel() {
    std::lock_guard<std::mutex> lock(mu_);
    cancelled_ = true;
    not_full_.notify_all();
  }

  bool cancelled() {
    std::lock_guard<std::mutex> lock(mu_);
    return cancelled_;
  }

 private:
  // Two parsed works in flight at most: bounded memory on bulk imports.
  static constexpr size_t kCapacity = 2;
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Item> items_;
  bool cancelled_ = false;
};

}  // namespace

Status ImportPaths(const std::filesystem::path& data_dir, const std::vector<std::string>& paths, bool replace,
                   const std::function<void(double)>& progress, std::vector<ImportedWork>* imported) {
  ParsedQueue queue;
  std::thread parser([&] {
    for (const std::string& p : paths) {
      if (queue.cancelled()) return;
      ParsedQueue::Item item;
      item.status = formats::ImportAny(p, &item.doc, &item.images);
      const bool failed = !item.status.ok();
      queue.Push(std::move(item));
      if (failed) return;
    }
  });
  // Whatever happens below, the parser is told to stop and joined.
  struct Joiner {
    ParsedQueue& q;
    std::thread& t;
    ~Joiner() {
      q.Cancel();
      t.join();
    }
  } joiner{queue, parser};

  std::unique_ptr<store::Library> lib;
  std::unique_ptr<store::Library::ImportBatch> batch;
  // Page images are copied into a staging folder in the data dir and
  // renamed into images/<work-id>/ only after the transaction committed;
  // on any failure the staging folder is removed with this object.
  std::unique_ptr<formats::PageImageStaging> staging;
  size_t current = 0;
  auto report = [&](size_t done, size_t total) {
    if (progress && total > 0) {
      progress((static_cast<double>(current) + static_cast<double>(done) / static_cast<double>(total)) /
               static_cast<double>(paths.size()));
    }
  };
  for (current = 0; current < paths.size(); ++current) {
    ParsedQueue::Item item = queue.Pop();
    FZ_RETURN_IF_ERROR(item.status);
    if (!lib) {
      FZ_RETURN_IF_ERROR(store::Library::Open(data_dir, &lib));
      FZ_RETURN_IF_ERROR(lib->BeginImport(replace, report, &batch));
    }
    FZ_RETURN_IF_ERROR(batch->Add(item.doc));
    if (!item.images.empty()) {
      if (!staging) FZ_RETURN_IF_ERROR(formats::PageImageStaging::Begin(data_dir, &staging));
      FZ_RETURN_IF_ERROR(staging->Add(item.doc.work.id, item.images));
    }
    const model::Edition* base = item.doc.BaseEdition();
    imported->push_back({item.doc.work.id, item.doc.work.title, item.doc.editions.size(),
                         base ? model::CountHan(*base) : 0});
  }
  if (!batch) return Status::InvalidInput("没有要导入的路径");
  if (staging && !replace) {
    // Refuse before committing when a work's image folder is already there.
    for (const std::string& id : staging->work_ids()) {
      std::error_code ec;
      if (std::filesystem::exists(data_dir / formats::kImagesDirName / id, ec)) {
        return Status::AlreadyExists((data_dir / formats::kImagesDirName / id).string() +
                                     "：已有该作品的页面图像；使用 --replace 替换");
      }
    }
  }
  FZ_RETURN_IF_ERROR(batch->Commit());
  if (staging) FZ_RETURN_IF_ERROR(staging->Commit(replace));
  if (replace) {
    // A work that had scans and comes back without them (re-imported from
    // its Markdown, say) must not keep the old scans: nothing points at them.
    const std::vector<std::string> none;
    const std::vector<std::string>& with_images = staging ? staging->work_ids() : none;
    for (const ImportedWork& w : *imported) {
      if (std::find(with_images.begin(), with_images.end(), w.id) != with_images.end()) continue;
      if (Status s = formats::RemovePageImages(data_dir, w.id); !s.ok()) {
        return Status::IoError("已导入 " + w.id + "，但其旧的页面图像未能删除：" + s.message());
      }
    }
  }
  return Status::Ok();
}

}  // namespace fangzhi::cli
