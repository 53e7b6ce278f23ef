// Reading source files as text. Every importer goes through here so that a
// bad file is reported the same way everywhere: which file, which byte.
#pragma once

#include <filesystem>
#include <string>

#include "base/status.h"

namespace fangzhi::formats {

// Files larger than this are refused before reading (a gazetteer juan is a
// few hundred KiB; a whole yearbook manuscript a few MiB).
inline constexpr std::uintmax_t kMaxTextFileBytes = 256u << 20;

// Reads `path` whole and checks that it is UTF-8. A leading BOM is dropped
// (Windows editors add one; it is not text). Errors name the file and, for
// bad encoding, the byte offset, line and column.
Status ReadUtf8File(const std::filesystem::path& path, std::string* out);

// Checks a buffer that came from elsewhere (a zip member, stdin) the same way.
Status CheckUtf8(const std::string& name, std::string_view bytes);

}  // namespace fangzhi::formats
