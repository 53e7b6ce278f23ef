// The data dir: one folder holding everything a library stores
// (fangzhi.db now; index files later). Created on first use; a folder that
// already holds anything else is refused, so that a mistyped --data never
// scribbles over someone's documents.
#pragma once

#include <filesystem>

#include "base/status.h"

namespace fangzhi::store {

inline constexpr const char* kDatabaseFileName = "fangzhi.db";

// `fresh` is true when the database file does not exist yet.
Status PrepareDataDir(const std::filesystem::path& dir, std::filesystem::path* db_file, bool* fresh);

}  // namespace fangzhi::store
