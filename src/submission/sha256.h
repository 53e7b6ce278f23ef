// SHA-256 over a stream of bytes (libsodium), for BagIt manifests and the
// checksum of a submitted zip. Hex output in lower case, as manifests write it.
#pragma once

#include <sodium.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "base/status.h"

namespace fangzhi::submission {

class Sha256 {
 public:
  Sha256();
  void Update(const char* data, size_t size);
  void Update(std::string_view s) { Update(s.data(), s.size()); }
  // Lower-case hex of the digest; the object must not be updated afterwards.
  std::string HexDigest();

 private:
  crypto_hash_sha256_state state_;
};

// The digest of a whole file, read in blocks.
Status Sha256File(const std::filesystem::path& file, std::string* hex, uint64_t* bytes);

}  // namespace fangzhi::submission
