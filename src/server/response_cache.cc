#include "server/response_cache.h"

namespace fangzhi::server {

bool ResponseCache::Get(const std::string& key, Entry* out) {
  if (!enabled()) return false;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return false;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  *out = it->second->second;
  ++hits_;
  return true;
}

void ResponseCache::Put(const std::string& key, Entry entry) {
  const size_t size = key.size() + entry.body.size() + entry.content_type.size();
  if (!enabled() || size > max_bytes_ / 8) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->first.size() + it->second->second.body.size() + it->second->second.content_type.size();
    lru_.erase(it->second);
    index_.erase(it);
  }
  lru_.emplace_front(key, std::move(entry));
  index_[key] = lru_.begin();
  bytes_ += size;
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    auto& [k, e] = lru_.back();
    bytes_ -= k.size() + e.body.size() + e.content_type.size();
    index_.erase(k);
    lru_.pop_back();
  }
}

size_t ResponseCache::hits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return hits_;
}

size_t ResponseCache::misses() const {
  std::lock_guard<std::mutex> lock(mu_);
  return misses_;
}

}  // namespace fangzhi::server
