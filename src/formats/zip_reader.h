// Reading zip archives that strangers send us (.docx manuscripts, BagIt
// submissions) without trusting them: sizes are checked as declared in the
// central directory AND counted while inflating, so neither a zip bomb nor a
// member that lies about its size gets past the limits. Names are returned
// raw so that callers can refuse what they must (paths, encodings).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

struct zip;

namespace fangzhi::formats {

// One member as the central directory describes it.
struct ZipEntryInfo {
  uint64_t index = 0;
  std::string name;           // raw bytes of the stored name (not re-encoded)
  uint64_t size = 0;          // declared uncompressed size
  uint64_t compressed_size = 0;
  bool encrypted = false;
  bool directory = false;     // name ends in '/'
  bool symlink = false;       // Unix mode in the external attributes says so
  bool special = false;       // device, fifo or socket
};

// What a member may declare before a byte is inflated.
struct ZipSizeLimits {
  uint64_t max_member_bytes = 256u << 20;  // one member, uncompressed
  uint64_t max_total_bytes = 1024u << 20;  // all members, uncompressed
  double max_ratio = 200.0;                // uncompressed ÷ compressed, for members ≥ ratio_floor
  uint64_t ratio_floor = 1u << 20;         // small members compress well and are harmless
};

class ZipReader;

// Refuses a member whose declared size is over the limit, whose compression
// ratio is beyond any real file (a zip bomb), or that pushes `*total` (the
// running sum of declared sizes) past the limit; adds its size to `*total`.
Status CheckDeclaredSize(const ZipReader& zip, const ZipEntryInfo& info, const ZipSizeLimits& limits,
                         uint64_t* total);

class ZipReader {
 public:
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  // `what` names the expected kind of file in messages ("Word 文档",
  // "BagIt 压缩包"); `not_zip_hint` is appended when the file is no zip at all.
  static Status Open(const std::filesystem::path& file, std::string_view what, std::string_view not_zip_hint,
                     std::unique_ptr<ZipReader>* out);

  uint64_t size() const { return count_; }
  Status Stat(uint64_t index, ZipEntryInfo* out) const;
  // Index of the member called `name`, or -1.
  int64_t Locate(const std::string& name) const;

  // Streams a member's bytes to `sink`. Refuses (naming the member) when
  // more than min(declared size, max_bytes) bytes come out, or fewer than
  // declared, or the data is corrupt.
  Status Read(uint64_t index, uint64_t max_bytes, const std::function<Status(const char*, size_t)>& sink) const;
  // The same into a string (for small parts).
  Status ReadAll(uint64_t index, uint64_t max_bytes, std::string* out) const;

  const std::filesystem::path& file() const { return file_; }

 private:
  ZipReader() = default;
  std::filesystem::path file_;
  zip* zip_ = nullptr;
  uint64_t count_ = 0;
};

}  // namespace fangzhi::formats
