// Builds one segment file from the works given to it, in memory, then
// streams it to disk (write-then-rename). Peak memory is about 8 bytes per
// unit — the units and one position each — ≈ 2.5× the UTF-8 text.
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
    std::vector<uint32_t> node_starts;  // relative to the entry
    std::vector<uint32_t> block_starts;  // per block of every node, from the node's start
    std::vector<uint32_t> block_lines;   // per block: lines before it on its page
    std::vector<uint32_t> node_first_block;
    std::vector<uint32_t> page_seqs;
    std::vector<uint32_t> node_first_page;
    uint64_t text_bytes = 0;
  };
  std::vector<Entry> entries_;
  size_t units_ = 0;
};

}  // namespace fangzhi::search
