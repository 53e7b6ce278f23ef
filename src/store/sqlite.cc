#include "store/sqlite.h"

#include <sqlite3.h>

#include <utility>

namespace fangzhi::store {

Database::~Database() {
  for (auto& [sql, stmt] : idle_) sqlite3_finalize(stmt);
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Status Database::Error(int rc, const std::string& doing) const {
  const std::string detail = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  const std::string where = "数据目录中的 " + path_ + "：" + doing + "失败";
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return Status::IoError(where + "：磁盘已满（" + detail + "）；库中数据未改动");
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return Status::IoError(where + "：数据目录不可写或无法打开（" + detail + "）");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::IoError(where + "：数据库正被另一进程使用（" + detail + "）");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corruption(where + "：数据库文件已损坏或不是数据库（" + detail + "）");
    case SQLITE_IOERR:
      return Status::IoError(where + "：磁盘读写错误（" + detail + "）");
    default:
      return Status::IoError(where + "（" + detail + "）");
  }
}

Status Database::Open(const std::string& path, bool create) {
  path_ = path;
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) return Error(rc, "打开数据库");
  sqlite3_busy_timeout(db_, 5000);
  sqlite3_extended_result_codes(db_, 1);
  return Status::Ok();
}

Status Database::Exec(const char* sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK) return Error(rc, "执行 SQL");
  return Status::Ok();
}

Status Database::Prepare(const char* sql, Statement* out) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(rc, "准备 SQL");
  *out = Statement();
  out->db_ = this;
  out->stmt_ = stmt;
  out->sql_ = sql;
  return Status::Ok();
}

Status Database::PrepareCached(const char* sql, Statement* out) {
  auto it = idle_.find(sql);
  if (it == idle_.end()) {
    FZ_RETURN_IF_ERROR(Prepare(sql, out));
  } else {
    *out = Statement();
    out->db_ = this;
    out->stmt_ = it->second;
    out->sql_ = it->first;
    idle_.erase(it);  // in use: a nested caller of the same SQL compiles its own
  }
  out->cached_ = true;
  return Status::Ok();
}

void Database::Recycle(std::string sql, sqlite3_stmt* stmt) {
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  if (!idle_.emplace(std::move(sql), stmt).second) sqlite3_finalize(stmt);
}

void Statement::Release() {
  if (stmt_ == nullptr) return;
  if (cached_) {
    db_->Recycle(std::move(sql_), stmt_);
  } else {
    sqlite3_finalize(stmt_);
  }
  stmt_ = nullptr;
}

Statement::~Statement() { Release(); }

Statement::Statement(Statement&& o) noexcept
    : db_(o.db_), stmt_(std::exchange(o.stmt_, nullptr)), sql_(std::move(o.sql_)), cached_(o.cached_) {}

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    Release();
    db_ = o.db_;
    stmt_ = std::exchange(o.stmt_, nullptr);
    sql_ = std::move(o.sql_);
    cached_ = o.cached_;
  }
  return *this;
}

Statement& Statement::Bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::Bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}

Statement& Statement::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

Status Statement::Step(bool* row) {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    *row = true;
    return Status::Ok();
  }
  *row = false;
  if (rc == SQLITE_DONE) return Status::Ok();
  Status s = db_->Error(rc, "读写数据");
  sqlite3_reset(stmt_);
  return s;
}

Status Statement::Run() {
  bool row = false;
  Status s;
  do {
    s = Step(&row);
  } while (s.ok() && row);
  Reset();
  return s;
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string Statement::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p == nullptr ? std::string() : std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

Transaction::~Transaction() {
  if (open_) (void)db_->Exec("ROLLBACK");
}

Status Transaction::Begin() {
  FZ_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  open_ = true;
  return Status::Ok();
}

Status Transaction::Commit() {
  Status s = db_->Exec("COMMIT");
  if (s.ok()) open_ = false;
  return s;
}

}  // namespace fangzhi::store
