// Tables owned by components other than the library (review, digitize,
// submissions) live in the same fangzhi.db, so that one transaction can span
// them and the library, but each component keeps its own migration list:
// two components never have to agree on one version number.
#pragma once

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/sqlite.h"

namespace fangzhi::store {

// Opens the data dir's database (creating the data dir and the library's
// schema if needed, exactly as Library::Open does) and brings the tables of
// `component` up to `migrations.size()`, inside one transaction. Migration i
// takes the component from version i to i+1; append only. A database whose
// component version is newer than `migrations` is refused.
Status OpenComponentDatabase(const std::filesystem::path& data_dir, std::string_view component,
                             const std::vector<const char*>& migrations, std::unique_ptr<Database>* out);

// The same on a connection already open (e.g. one a test made).
Status MigrateComponent(Database* db, std::string_view component, const std::vector<const char*>& migrations);

}  // namespace fangzhi::store
