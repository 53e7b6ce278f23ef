#include "iiif/tile_cache.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>
#include <vector>

namespace fangzhi::iiif {
namespace fs = std::filesystem;
namespace {

// Two independent 64-bit FNV-1a hashes: 128 bits make a collision between
// two cache keys (identifier, file version, canonical request) negligible.
std::string HashHex(std::string_view s) {
  uint64_t a = 0xcbf29ce484222325ULL, b = 0x84222325cbf29ce4ULL;
  for (unsigned char c : s) {
    a = (a ^ c) * 0x100000001b3ULL;
    b = (b ^ c ^ 0x5a) * 0x100000001b3ULL;
  }
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (uint64_t v : {a, b}) {
    for (int i = 60; i >= 0; i -= 4) out.push_back(kHex[(v >> i) & 0xf]);
  }
  return out;
}

bool IsTemporary(const fs::path& p) { return p.filename().string().starts_with(".tmp-"); }

}  // namespace

TileCache::TileCache(fs::path dir, uint64_t budget_bytes) : dir_(std::move(dir)), budget_(budget_bytes) {}

fs::path TileCache::PathFor(std::string_view key, std::string_view extension) const {
  const std::string h = HashHex(key);
  return dir_ / h.substr(0, 2) / (h.substr(2) + "." + std::string(extension));
}

bool TileCache::Get(std::string_view key, std::string_view extension, std::string* bytes) {
  const fs::path p = PathFor(key, extension);
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (!in && !in.eof()) return false;
  *bytes = ss.str();
  if (bytes->empty()) return false;
  std::error_code ec;
  fs::last_write_time(p, fs::file_time_type::clock::now(), ec);  // most recently used
  return true;
}

Status TileCache::Put(std::string_view key, std::string_view extension, const std::string& bytes) {
  static std::atomic<uint64_t> counter{0};
  const fs::path p = PathFor(key, extension);
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  if (ec) return Status::IoError("无法建立缓存目录 " + p.parent_path().string() + "：" + ec.message());
  const fs::path tmp = p.parent_path() / (".tmp-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      fs::remove(tmp, ec);
      return Status::IoError("写缓存文件 " + tmp.string() + " 失败");
    }
  }
  uint64_t replaced = 0;
  if (fs::exists(p, ec)) replaced = fs::file_size(p, ec);
  fs::rename(tmp, p, ec);
  if (ec) {
    std::error_code ignore;
    fs::remove(tmp, ignore);
    return Status::IoError("缓存文件改名失败 " + p.string() + "：" + ec.message());
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (!counted_) {
    counted_ = true;
    size_ = 0;
    for (auto it = fs::recursive_directory_iterator(dir_, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_regular_file(ec) && !IsTemporary(it->path())) size_ += it->file_size(ec);
    }
  } else {
    size_ = size_ - std::min(size_, replaced) + bytes.size();
  }
  if (size_ > budget_) EvictLocked();
  return Status::Ok();
}

void TileCache::EvictLocked() {
  struct Entry {
    fs::file_time_type time;
    uint64_t bytes;
    fs::path path;
  };
  std::vector<Entry> entries;
  std::error_code ec;
  uint64_t total = 0;
  for (auto it = fs::recursive_directory_iterator(dir_, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec) || IsTemporary(it->path())) continue;
    Entry e{it->last_write_time(ec), it->file_size(ec), it->path()};
    total += e.bytes;
    entries.push_back(std::move(e));
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.time < b.time; });
  // Down to 90 % of the budget, so that the next few writes do not scan again.
  const uint64_t target = budget_ / 10 * 9;
  for (const Entry& e : entries) {
    if (total <= target) break;
    if (fs::remove(e.path, ec)) total -= std::min(total, e.bytes);
  }
  size_ = total;
}

uint64_t TileCache::size_bytes() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!counted_) {
    std::error_code ec;
    counted_ = true;
    size_ = 0;
    for (auto it = fs::recursive_directory_iterator(dir_, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_regular_file(ec) && !IsTemporary(it->path())) size_ += it->file_size(ec);
    }
  }
  return size_;
}

}  // namespace fangzhi::iiif
