// What a request reads through: the library, its index and a searcher. A
// SQLite connection must not be shared between threads (the store opens it
// NOMUTEX), so each worker leases a backend of its own; the index segments
// are memory-mapped, so every backend shares their pages.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "base/status.h"
#include "search/index.h"
#include "search/searcher.h"
#include "store/library.h"

namespace fangzhi::server {

struct Backend {
  std::unique_ptr<store::Library> lib;
  std::unique_ptr<search::Index> index;
  std::unique_ptr<search::Searcher> searcher;
  // Every work's metadata, read once per backend (the library changes only
  // through import/remove, which reopen the backend): pages list works on
  // nearly every request, and a big library has thousands.
  std::vector<store::WorkSummary> works;
  int64_t seen_change = 0;  // the library's change log as far as the index shows
  std::chrono::steady_clock::time_point checked;
};

class BackendPool {
 public:
  explicit BackendPool(std::filesystem::path data_dir) : data_dir_(std::move(data_dir)) {}

  // Opens one backend and brings the index up to date: done once at start,
  // so that a bad data dir fails `serve` before it listens.
  Status Prime();

  class Lease {
   public:
    Lease() = default;
    Lease(Lease&& o) noexcept : pool_(o.pool_), b_(std::move(o.b_)) { o.pool_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Backend* operator->() const { return b_.get(); }
    Backend& operator*() const { return *b_; }

   private:
    friend class BackendPool;
    BackendPool* pool_ = nullptr;
    std::unique_ptr<Backend> b_;
  };

  // A backend for this request, reopened when the library changed (an
  // import or remove by the CLI while the server runs) at most every
  // kFreshness.
  Status Acquire(Lease* out);

  static constexpr std::chrono::seconds kFreshness{2};

  // Looks for changes made by another process (a CLI import or remove) at
  // most once per kFreshness, also when every request is answered from the
  // response cache and so never acquires a backend: latest_change() moves,
  // and the stale cached answers are no longer found.
  void NoticeChanges();

  // The newest change of the library any backend has seen: part of every
  // response-cache key, so that a cached answer never outlives a change.
  int64_t latest_change() const { return latest_change_.load(std::memory_order_relaxed); }

 private:
  Status OpenBackend(std::unique_ptr<Backend>* out);
  Status Refresh(Backend* b);
  void Release(std::unique_ptr<Backend> b);

  std::filesystem::path data_dir_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Backend>> free_;
  std::mutex update_mu_;  // one index update at a time within this process
  std::atomic<int64_t> latest_change_{0};
  std::atomic<int64_t> last_notice_ns_{0};  // steady clock
};

}  // namespace fangzhi::server
