// A thin RAII layer over the SQLite C API: a connection and prepared
// statements, errors turned into Status. Internal to store/.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace fangzhi::store {

class Statement;

class Database {
 public:
  Database() = default;
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Status Open(const std::string& path, bool create);
  Status Exec(const char* sql);
  Status Prepare(const char* sql, Statement* out);
  // Like Prepare, but the compiled statement goes back to the connection
  // when `out` is destroyed and is reused by the next call with the same SQL:
  // for statements run once per search hit, where compiling the SQL costs
  // more than running it. `out` must not outlive the database.
  Status PrepareCached(const char* sql, Statement* out);
  // Turns an SQLite result code into a Status naming what we were doing.
  Status Error(int rc, const std::string& doing) const;
  sqlite3* handle() { return db_; }
  const std::string& path() const { return path_; }

 private:
  friend class Statement;
  void Recycle(std::string sql, sqlite3_stmt* stmt);

  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, sqlite3_stmt*> idle_;  // cached statements not in use
};

class Statement {
 public:
  Statement() = default;
  ~Statement();
  Statement(Statement&& o) noexcept;
  Statement& operator=(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int i, std::string_view v);
  Statement& Bind(int i, int64_t v);
  Statement& BindNull(int i);
  // SQLITE_ROW → true in *row; SQLITE_DONE → false; anything else an error.
  Status Step(bool* row);
  // Runs to completion (for INSERT/UPDATE/DELETE) and resets.
  Status Run();
  void Reset();

  int64_t Int(int col) const;
  std::string Text(int col) const;
  bool IsNull(int col) const;

 private:
  friend class Database;
  // Finalizes the statement, or hands a cached one back to its database.
  void Release();

  Database* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
  bool cached_ = false;
};

// BEGIN IMMEDIATE … COMMIT; rolls back unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Database* db) : db_(db) {}
  ~Transaction();
  Status Begin();
  Status Commit();

 private:
  Database* db_;
  bool open_ = false;
};

}  // namespace fangzhi::store
