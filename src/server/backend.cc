#include "server/backend.h"

namespace fangzhi::server {

BackendPool::Lease::~Lease() {
  if (pool_ != nullptr && b_ != nullptr) pool_->Release(std::move(b_));
}

Status BackendPool::OpenBackend(std::unique_ptr<Backend>* out) {
  auto b = std::make_unique<Backend>();
  FZ_RETURN_IF_ERROR(store::Library::Open(data_dir_, &b->lib));
  FZ_RETURN_IF_ERROR(search::Index::Open(b->lib.get(), &b->index));
  {
    // The index follows the library, as for `fangzhi search`: catch up on any
    // change not yet indexed (a no-op when the CLI already did).
    std::lock_guard<std::mutex> lock(update_mu_);
    search::UpdateReport report;
    FZ_RETURN_IF_ERROR(b->index->Update({}, &report));
  }
  FZ_RETURN_IF_ERROR(search::Searcher::Open(b->lib.get(), b->index.get(), &b->searcher));
  FZ_RETURN_IF_ERROR(b->lib->ListWorks(&b->works));
  b->seen_change = b->index->last_change();
  int64_t seen = latest_change_.load();
  while (b->seen_change > seen && !latest_change_.compare_exchange_weak(seen, b->seen_change)) {
  }
  b->checked = std::chrono::steady_clock::now();
  *out = std::move(b);
  return Status::Ok();
}

Status BackendPool::Prime() {
  std::unique_ptr<Backend> b;
  FZ_RETURN_IF_ERROR(OpenBackend(&b));
  Release(std::move(b));
  return Status::Ok();
}

Status BackendPool::Refresh(Backend* b) {
  const auto now = std::chrono::steady_clock::now();
  if (now - b->checked < kFreshness) return Status::Ok();
  b->checked = now;
  std::vector<store::Change> changes;
  FZ_RETURN_IF_ERROR(b->lib->ListChanges(b->seen_change, &changes));
  if (changes.empty()) return Status::Ok();
  std::unique_ptr<Backend> fresh;
  FZ_RETURN_IF_ERROR(OpenBackend(&fresh));
  *b = std::move(*fresh);
  return Status::Ok();
}

void BackendPool::NoticeChanges() {
  using std::chrono::duration_cast;
  using std::chrono::nanoseconds;
  const int64_t now = duration_cast<nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
  int64_t last = last_notice_ns_.load(std::memory_order_relaxed);
  if (now - last < duration_cast<nanoseconds>(kFreshness).count()) return;
  if (!last_notice_ns_.compare_exchange_strong(last, now)) return;  // another thread looks
  Lease lease;
  if (!Acquire(&lease).ok()) return;  // the request itself will report the problem
  lease.b_->checked = {};
  (void)Refresh(lease.b_.get());
}

Status BackendPool::Acquire(Lease* out) {
  std::unique_ptr<Backend> b;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!free_.empty()) {
      b = std::move(free_.back());
      free_.pop_back();
    }
  }
  if (b == nullptr) {
    FZ_RETURN_IF_ERROR(OpenBackend(&b));
  } else {
    FZ_RETURN_IF_ERROR(Refresh(b.get()));
  }
  out->pool_ = this;
  out->b_ = std::move(b);
  return Status::Ok();
}

void BackendPool::Release(std::unique_ptr<Backend> b) {
  std::lock_guard<std::mutex> lock(mu_);
  free_.push_back(std::move(b));
}

}  // namespace fangzhi::server
