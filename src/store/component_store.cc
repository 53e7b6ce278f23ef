#include "store/component_store.h"

#include <string>

#include "store/data_dir.h"
#include "store/schema.h"

namespace fangzhi::store {

namespace {

Status ReadComponentVersion(Database* db, const std::string& name, int* version) {
  Statement st;
  FZ_RETURN_IF_ERROR(db->Prepare("SELECT version FROM component_schema WHERE component = ?", &st));
  st.Bind(1, name);
  bool row = false;
  FZ_RETURN_IF_ERROR(st.Step(&row));
  *version = row ? static_cast<int>(st.Int(0)) : 0;
  return Status::Ok();
}

}  // namespace

Status MigrateComponent(Database* db, std::string_view component, const std::vector<const char*>& migrations) {
  const std::string name(component);
  const int latest = static_cast<int>(migrations.size());
  int version = 0;
  // Read first without a write lock: the server opens a connection per
  // thread, and almost always there is nothing to migrate.
  FZ_RETURN_IF_ERROR(ReadComponentVersion(db, name, &version));
  if (version == latest) return Status::Ok();
  Transaction tx(db);
  FZ_RETURN_IF_ERROR(tx.Begin());
  FZ_RETURN_IF_ERROR(ReadComponentVersion(db, name, &version));  // another process may have migrated
  if (version > latest) {
    return Status::Unsupported(db->path() + "：组件 " + name + " 的数据版本 " + std::to_string(version) +
                               " 比本程序支持的 " + std::to_string(latest) + " 新，请升级方志平台");
  }
  if (version == latest) return Status::Ok();
  for (int v = version; v < latest; ++v) {
    FZ_RETURN_IF_ERROR(db->Exec(migrations[static_cast<size_t>(v)]));
  }
  Statement up;
  FZ_RETURN_IF_ERROR(db->Prepare(
      "INSERT INTO component_schema(component, version) VALUES(?, ?)"
      " ON CONFLICT(component) DO UPDATE SET version = excluded.version",
      &up));
  up.Bind(1, name).Bind(2, static_cast<int64_t>(latest));
  FZ_RETURN_IF_ERROR(up.Run());
  return tx.Commit();
}

Status OpenComponentDatabase(const std::filesystem::path& data_dir, std::string_view component,
                             const std::vector<const char*>& migrations, std::unique_ptr<Database>* out) {
  std::filesystem::path db_file;
  bool fresh = false;
  FZ_RETURN_IF_ERROR(PrepareDataDir(data_dir, &db_file, &fresh));
  auto db = std::make_unique<Database>();
  FZ_RETURN_IF_ERROR(db->Open(db_file.string(), fresh));
  FZ_RETURN_IF_ERROR(PrepareSchema(db.get(), fresh));
  FZ_RETURN_IF_ERROR(MigrateComponent(db.get(), component, migrations));
  *out = std::move(db);
  return Status::Ok();
}

}  // namespace fangzhi::store
