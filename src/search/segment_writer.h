// Builds one segment file from the works given to it, in memory, then
// writes it with write-then-rename. Peak memory is about 10 bytes per unit
// (ids, positions, encoded postings), ≈ 3.3× the UTF-8 text of the segment.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/library.h"

namespace fangzhi::search {

class SegmentWriter {
 public:
  // Adds every node of `work_id` (all editions) from the library.
  Status AddWork(store::Library* lib, const std::string& work_id);
  size_t units() const { return units_; }
  bool empty() const { return entries_.empty(); }
  // Writes the segment to `path` (through `path`.tmp, fsync, rename).
  Status Write(const std::filesystem::path& path);

 private:
  struct Entry {
    std::string work, edition;
    bool base = false;
    uint32_t edition_ord = 0;
    std::vector<int64_t> node_ids;
    std::u32string units;        // nodes' units, each followed by 0
    uint32_t size = 0;           // units.size(), kept after units is released
    std::vector<uint32_t> node_starts;  // relative to the entry
    uint64_t text_bytes = 0;
  };
  std::vector<Entry> entries_;
  size_t units_ = 0;
};

}  // namespace fangzhi::search
