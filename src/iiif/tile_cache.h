// Rendered IIIF answers on disk under DATA/cache/iiif/, so a tile is cut and
// encoded once. Files are written to a temporary name and renamed into
// place, so a reader never sees half a file; the total size is kept under a
// budget by removing the least recently used files (a hit refreshes its
// modification time). The cache holds nothing that cannot be remade:
// deleting the folder is always safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>

#include "base/status.h"

namespace fangzhi::iiif {

class TileCache {
 public:
  // `dir` is created when missing; its present size is counted once.
  TileCache(std::filesystem::path dir, uint64_t budget_bytes);

  // The bytes stored under `key`, if any.
  bool Get(std::string_view key, std::string_view extension, std::string* bytes);
  // Stores `bytes` under `key`; failures only cost a later recomputation
  // and are returned for the log.
  Status Put(std::string_view key, std::string_view extension, const std::string& bytes);

  uint64_t size_bytes();
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path PathFor(std::string_view key, std::string_view extension) const;
  void EvictLocked();

  std::filesystem::path dir_;
  uint64_t budget_;
  std::mutex mu_;
  uint64_t size_ = 0;
  bool counted_ = false;
};

}  // namespace fangzhi::iiif
