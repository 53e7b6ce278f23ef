// Finished answers of the search page and the search API, kept in memory
// (LRU, bounded in bytes). Readers repeat queries — the same 巴郡 from many
// readers, the same page after "back" — and an answer is a pure function of
// the request and the library's state, so the key is the Host, the request
// target and the library's change number: a cached answer never outlives an
// import or removal.
#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

namespace fangzhi::server {

class ResponseCache {
 public:
  explicit ResponseCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  struct Entry {
    std::string body;
    std::string content_type;
  };

  bool enabled() const { return max_bytes_ > 0; }
  bool Get(const std::string& key, Entry* out);
  // Answers larger than an eighth of the cache are not kept.
  void Put(const std::string& key, Entry entry);

  size_t hits() const;
  size_t misses() const;

 private:
  using Lru = std::list<std::pair<std::string, Entry>>;
  const size_t max_bytes_;
  mutable std::mutex mu_;
  Lru lru_;  // most recent first
  std::unordered_map<std::string, Lru::iterator> index_;
  size_t bytes_ = 0;
  size_t hits_ = 0, misses_ = 0;
};

}  // namespace fangzhi::server
