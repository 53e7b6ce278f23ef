// The store's schema and its migrations. A data dir written by an older
// Fangzhi is brought forward step by step inside one transaction; one
// written by a newer Fangzhi is refused rather than misread.
#pragma once

#include "base/status.h"
#include "store/sqlite.h"

namespace fangzhi::store {

// PRAGMA application_id: "FZHI". Tells our database from any other SQLite file.
inline constexpr int kApplicationId = 0x465A4849;

int LatestSchemaVersion();

// Sets pragmas (WAL, foreign keys) and migrates to the latest version.
Status PrepareSchema(Database* db, bool fresh);

}  // namespace fangzhi::store
