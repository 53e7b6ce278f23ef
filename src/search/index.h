// The full-text index of a library: immutable segments under DATA/index/,
// listed by a manifest that is replaced atomically. Import and remove only
// append to the store's change log; Update() catches up by tombstoning the
// works that changed and indexing them again in a new segment, and merges
// segments when too many pile up or too much of one is dead. A crash at any
// point leaves the last manifest, and the segments it names, intact.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "search/segment.h"
#include "store/library.h"

namespace fangzhi::search {

struct IndexedSegment {
  std::shared_ptr<const Segment> segment;
  std::set<std::string> works;  // every work the segment was built with
  std::set<std::string> dead;   // works removed or replaced since
};

struct UpdateReport {
  size_t works_indexed = 0;
  size_t works_dropped = 0;
  size_t segments_written = 0;
  size_t segments_merged = 0;
  uint64_t units = 0;
  bool up_to_date = false;  // nothing to do
};

class Index {
 public:
  // Opens DATA/index (creating the folder; an absent manifest is an empty
  // index) and clears leftovers of an interrupted update.
  static Status Open(store::Library* lib, std::unique_ptr<Index>* out);

  // Segments of at most this many units (search characters): bounds the
  // memory of building one (segment_writer.h).
  static constexpr uint64_t kMaxSegmentUnits = 48ull << 20;
  // More segments than this and the smallest are merged.
  static constexpr size_t kMaxSegments = 8;

  using Progress = std::function<void(size_t done, size_t total)>;
  Status Update(const Progress& progress, UpdateReport* report);
  Status Rebuild(const Progress& progress, UpdateReport* report);

  const std::vector<IndexedSegment>& segments() const { return segments_; }
  int64_t last_change() const { return last_change_; }
  bool built() const { return manifest_exists_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  Index() = default;
  Status Load();
  Status RebuildLocked(const Progress& progress, UpdateReport* report);
  Status Apply(std::vector<IndexedSegment> keep, const std::vector<std::string>& to_index, int64_t last_change,
               const Progress& progress, UpdateReport* report);
  Status WriteManifest(const std::vector<IndexedSegment>& segs, int64_t last_change, uint64_t next_id);

  store::Library* lib_ = nullptr;
  std::filesystem::path dir_;
  std::vector<IndexedSegment> segments_;
  int64_t last_change_ = 0;
  uint64_t next_segment_ = 1;
  bool manifest_exists_ = false;
  // Segments written by another version of Fangzhi: the next Update()
  // rebuilds instead of reading them.
  bool stale_format_ = false;
};

}  // namespace fangzhi::search
