#include "store/schema.h"

#include <string>
#include <vector>

namespace fangzhi::store {
namespace {

// Migration i brings user_version i to i+1. Append only; never edit a
// migration that has shipped.
const std::vector<const char*>& Migrations() {
  static const std::vector<const char*> kMigrations = {
      // 0 → 1: works, editions, node trees, blocks, provenance, change log.
      R"sql(
      CREATE TABLE works(
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        kind TEXT NOT NULL,
        region_code TEXT NOT NULL DEFAULT '',
        place_name TEXT NOT NULL DEFAULT '',
        period TEXT NOT NULL DEFAULT '',
        year TEXT NOT NULL DEFAULT '',
        dynasty TEXT NOT NULL DEFAULT '',
        compilers TEXT NOT NULL DEFAULT '[]',
        source TEXT NOT NULL DEFAULT '',
        licence TEXT NOT NULL DEFAULT '',
        extra TEXT NOT NULL DEFAULT '{}',
        han_count INTEGER NOT NULL,
        imported_at TEXT NOT NULL
      );
      CREATE TABLE editions(
        work_id TEXT NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        ord INTEGER NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        is_base INTEGER NOT NULL,
        han_count INTEGER NOT NULL,
        PRIMARY KEY(work_id, id)
      );
      CREATE TABLE nodes(
        id INTEGER PRIMARY KEY,
        work_id TEXT NOT NULL,
        edition_id TEXT NOT NULL,
        parent_id INTEGER REFERENCES nodes(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        depth INTEGER NOT NULL,
        key TEXT NOT NULL,
        path TEXT NOT NULL,
        level TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        label TEXT NOT NULL DEFAULT '',
        han_count INTEGER NOT NULL,
        FOREIGN KEY(work_id, edition_id) REFERENCES editions(work_id, id) ON DELETE CASCADE,
        UNIQUE(work_id, edition_id, path)
      );
      CREATE INDEX nodes_by_edition ON nodes(work_id, edition_id, ord);
      CREATE TABLE blocks(
        node_id INTEGER NOT NULL REFERENCES nodes(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        para INTEGER NOT NULL,
        text TEXT NOT NULL,
        attrs TEXT,
        PRIMARY KEY(node_id, seq)
      ) WITHOUT ROWID;
      CREATE TABLE sources(
        work_id TEXT NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        edition_id TEXT NOT NULL DEFAULT '',
        path TEXT NOT NULL,
        bytes INTEGER NOT NULL
      );
      CREATE INDEX sources_by_work ON sources(work_id);
      -- What changed, in order: derived indexes (search) catch up from here.
      CREATE TABLE changes(
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        work_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK(op IN ('import', 'remove')),
        at TEXT NOT NULL
      );
      )sql",
      // 1 → 2: other components' tables keep their own versions (component_store.h).
      R"sql(
      CREATE TABLE component_schema(
        component TEXT PRIMARY KEY,
        version INTEGER NOT NULL
      );
      )sql",
  };
  return kMigrations;
}

Status ReadInt(Database* db, const char* sql, int* out) {
  Statement st;
  FZ_RETURN_IF_ERROR(db->Prepare(sql, &st));
  bool row = false;
  FZ_RETURN_IF_ERROR(st.Step(&row));
  *out = row ? static_cast<int>(st.Int(0)) : 0;
  return Status::Ok();
}

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(Migrations().size()); }

Status PrepareSchema(Database* db, bool fresh) {
  int app_id = 0, version = 0;
  FZ_RETURN_IF_ERROR(ReadInt(db, "PRAGMA application_id", &app_id));
  FZ_RETURN_IF_ERROR(ReadInt(db, "PRAGMA user_version", &version));
  if (!fresh && app_id != kApplicationId) {
    return Status::InvalidInput(db->path() + "：不是方志平台的数据库（application_id 不符），拒绝改写");
  }
  if (version > LatestSchemaVersion()) {
    return Status::Unsupported(db->path() + "：数据库版本 " + std::to_string(version) +
                               " 比本程序支持的 " + std::to_string(LatestSchemaVersion()) +
                               " 新，请升级方志平台");
  }
  FZ_RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys = ON"));
  // Gazetteer text is long: bigger pages mean fewer page headers and
  // overflow chains per juan. Only takes effect on a new database.
  if (fresh) FZ_RETURN_IF_ERROR(db->Exec("PRAGMA page_size = 16384"));
  // Imports write hundreds of MiB in one transaction; a larger cache keeps
  // them from spilling to the WAL page by page.
  FZ_RETURN_IF_ERROR(db->Exec("PRAGMA cache_size = -65536"));
  if (version < LatestSchemaVersion()) {
    Transaction tx(db);
    FZ_RETURN_IF_ERROR(tx.Begin());
    for (int v = version; v < LatestSchemaVersion(); ++v) {
      FZ_RETURN_IF_ERROR(db->Exec(Migrations()[static_cast<size_t>(v)]));
    }
    const std::string set = "PRAGMA application_id = " + std::to_string(kApplicationId) +
                            "; PRAGMA user_version = " + std::to_string(LatestSchemaVersion());
    FZ_RETURN_IF_ERROR(db->Exec(set.c_str()));
    FZ_RETURN_IF_ERROR(tx.Commit());
  }
  // WAL: readers (the web server) never block the one writer (an import).
  FZ_RETURN_IF_ERROR(db->Exec("PRAGMA journal_mode = WAL"));
  FZ_RETURN_IF_ERROR(db->Exec("PRAGMA synchronous = NORMAL"));
  return Status::Ok();
}

}  // namespace fangzhi::store
