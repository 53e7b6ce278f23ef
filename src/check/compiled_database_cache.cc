#include "check/compiled_database_cache.h"

#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <string_view>
#include <utility>
#include <vector>

namespace fangzhi::check {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[8] = {'F', 'Z', 'H', 'S', 'D', 'B', '1', '\n'};
constexpr size_t kHashBytes = 32;
// Far above any rule set's databases; guards against reading a stray huge file.
constexpr uintmax_t kMaxFileBytes = 1ull << 30;
constexpr size_t kFilesKept = 8;

std::string Hex(const unsigned char* bytes, size_t n) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
  }
  return out;
}

template <typename T>
void Feed(crypto_generichash_state* st, const T& value) {
  crypto_generichash_update(st, reinterpret_cast<const unsigned char*>(&value), sizeof value);
}

void FeedBytes(crypto_generichash_state* st, const std::string& s) {
  Feed(st, static_cast<uint64_t>(s.size()));
  crypto_generichash_update(st, reinterpret_cast<const unsigned char*>(s.data()), s.size());
}

void HashOf(std::string_view bytes, unsigned char out[kHashBytes]) {
  crypto_generichash(out, kHashBytes, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr, 0);
}

template <typename T>
void Append(std::string* out, const T& value) {
  out->append(reinterpret_cast<const char*>(&value), sizeof value);
}

}  // namespace

fs::path CompiledDatabaseCache::DefaultDir() {
  if (const char* d = std::getenv("FANGZHI_CACHE_DIR"); d != nullptr && *d != '\0') return d;
  if (const char* d = std::getenv("XDG_CACHE_HOME"); d != nullptr && *d != '\0') return fs::path(d) / "fangzhi";
  if (const char* d = std::getenv("HOME"); d != nullptr && *d != '\0') return fs::path(d) / ".cache" / "fangzhi";
  return {};
}

std::string CompiledDatabaseCache::Key(const std::vector<DatabaseInput>& inputs) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, kHashBytes);
  FeedBytes(&st, "fangzhi compiled rules 1");
  FeedBytes(&st, hs_version());
  hs_platform_info_t platform;
  std::memset(&platform, 0, sizeof platform);
  hs_populate_platform(&platform);
  Feed(&st, platform);
  Feed(&st, static_cast<uint64_t>(inputs.size()));
  for (const DatabaseInput& in : inputs) {
    Feed(&st, static_cast<uint64_t>(in.expressions.size()));
    for (size_t i = 0; i < in.expressions.size(); ++i) {
      Feed(&st, i < in.flags.size() ? in.flags[i] : 0u);
      Feed(&st, i < in.ids.size() ? in.ids[i] : 0u);
      FeedBytes(&st, in.expressions[i]);
    }
  }
  unsigned char digest[kHashBytes];
  crypto_generichash_final(&st, digest, kHashBytes);
  return Hex(digest, kHashBytes);
}

fs::path CompiledDatabaseCache::PathOf(const std::string& key) const { return dir_ / ("rules-" + key + ".hsdb"); }

bool CompiledDatabaseCache::Load(const std::string& key, std::vector<hs_database_t*>* out) const {
  out->clear();
  if (dir_.empty()) return false;
  const fs::path path = PathOf(key);
  std::error_code ec;
  const uintmax_t size = fs::file_size(path, ec);
  if (ec || size < sizeof kMagic + sizeof(uint32_t) + kHashBytes || size > kMaxFileBytes) return false;
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (bytes.size() != size || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) return false;
  const std::string_view body = std::string_view(bytes).substr(0, bytes.size() - kHashBytes);
  unsigned char digest[kHashBytes];
  HashOf(body, digest);
  if (std::memcmp(digest, bytes.data() + body.size(), kHashBytes) != 0) return false;

  size_t at = sizeof kMagic;
  uint32_t count = 0;
  std::memcpy(&count, body.data() + at, sizeof count);
  at += sizeof count;
  auto fail = [&] {
    for (hs_database_t* db : *out) hs_free_database(db);
    out->clear();
    return false;
  };
  for (uint32_t i = 0; i < count; ++i) {
    uint64_t length = 0;
    if (body.size() - at < sizeof length) return fail();
    std::memcpy(&length, body.data() + at, sizeof length);
    at += sizeof length;
    if (body.size() - at < length) return fail();
    hs_database_t* db = nullptr;
    if (hs_deserialize_database(body.data() + at, length, &db) != HS_SUCCESS) return fail();
    out->push_back(db);
    at += length;
  }
  if (at != body.size()) return fail();
  return true;
}

void CompiledDatabaseCache::Store(const std::string& key, const std::vector<const hs_database_t*>& dbs) const {
  if (dir_.empty()) return;
  std::string body(kMagic, sizeof kMagic);
  Append(&body, static_cast<uint32_t>(dbs.size()));
  for (const hs_database_t* db : dbs) {
    char* bytes = nullptr;
    size_t length = 0;
    if (hs_serialize_database(db, &bytes, &length) != HS_SUCCESS) return;
    Append(&body, static_cast<uint64_t>(length));
    body.append(bytes, length);
    std::free(bytes);  // Hyperscan's misc allocator is malloc unless set otherwise
  }
  unsigned char digest[kHashBytes];
  HashOf(body, digest);
  body.append(reinterpret_cast<const char*>(digest), kHashBytes);

  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return;
  const fs::path path = PathOf(key);
  const fs::path tmp = path.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    if (!out.flush()) {
      out.close();
      fs::remove(tmp, ec);
      return;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return;
  }
  // Each change of the rules or of an office's settings makes a new file;
  // keep the newest few (a file is ~3 MB).
  std::vector<std::pair<fs::file_time_type, fs::path>> files;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    const std::string name = e.path().filename().string();
    if (name.starts_with("rules-") && name.ends_with(".hsdb")) {
      std::error_code tec;
      const auto t = e.last_write_time(tec);
      if (!tec) files.emplace_back(t, e.path());
    }
  }
  if (files.size() <= kFilesKept) return;
  std::sort(files.begin(), files.end());
  for (size_t i = 0; i + kFilesKept < files.size(); ++i) {
    if (files[i].second != path) fs::remove(files[i].second, ec);
  }
}

}  // namespace fangzhi::check
