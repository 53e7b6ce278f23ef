#include "submission/sha256.h"

#include <array>
#include <fstream>

namespace fangzhi::submission {

Sha256::Sha256() {
  // Once per process (thread-safe); picks the fastest implementation for the
  // CPU. crypto_hash_sha256 works even if it failed, so the result only matters there.
  static const bool ready = sodium_init() >= 0;
  (void)ready;
  crypto_hash_sha256_init(&state_);
}

void Sha256::Update(const char* data, size_t size) {
  crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(data), size);
}

std::string Sha256::HexDigest() {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state_, digest);
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, 2 * crypto_hash_sha256_BYTES);
}

Status Sha256File(const std::filesystem::path& file, std::string* hex, uint64_t* bytes) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IoError(file.string() + "：无法读取文件");
  Sha256 h;
  std::array<char, 64 * 1024> buf;
  uint64_t total = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = static_cast<size_t>(in.gcount());
    h.Update(buf.data(), n);
    total += n;
  }
  if (in.bad()) return Status::IoError(file.string() + "：读取文件时出错");
  *hex = h.HexDigest();
  if (bytes) *bytes = total;
  return Status::Ok();
}

}  // namespace fangzhi::submission
