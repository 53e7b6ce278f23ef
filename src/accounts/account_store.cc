#include "accounts/account_store.h"

#include <sodium.h>

#include <chrono>

#include "accounts/audit_log.h"
#include "accounts/region_scope.h"
#include "model/region_table.h"
#include "store/component_store.h"
#include "text/utf8.h"

namespace fangzhi::accounts {

namespace {

// Migration 1. The audit log lives here because accounts is the lowest
// component that writes to it; workflow brings these migrations up on its
// own connection and appends in its own transactions.
constexpr const char* kMigration1 = R"sql(
CREATE TABLE accounts_offices(
  region_code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL);
CREATE TABLE accounts_users(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  office TEXT NOT NULL REFERENCES accounts_offices(region_code),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL);
CREATE TABLE accounts_sessions(
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES accounts_users(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  address TEXT NOT NULL);
CREATE INDEX accounts_sessions_user ON accounts_sessions(user_id);
CREATE TABLE accounts_login_failures(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  at INTEGER NOT NULL);
CREATE INDEX accounts_login_failures_name ON accounts_login_failures(name, at);
CREATE INDEX accounts_login_failures_address ON accounts_login_failures(address, at);
CREATE TABLE audit_log(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  address TEXT NOT NULL,
  manuscript_id INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 0,
  detail TEXT NOT NULL DEFAULT '');
CREATE INDEX audit_log_manuscript ON audit_log(manuscript_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改 (audit_log is append-only)'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能删除 (audit_log is append-only)'); END;
-- INSERT OR REPLACE deletes the old row without firing delete triggers
-- (recursive_triggers is off), so an insert may not name an existing id.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能替换 (audit_log is append-only)'); END;
)sql";

constexpr const char* kInvalidLogin = "用户名或密码不正确 (wrong user name or password)";

bool SodiumReady() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

std::string ToHex(const unsigned char* p, size_t n) {
  std::string hex(n * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), p, n);
  hex.pop_back();
  return hex;
}

bool IsHexToken(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Status CheckUserName(const std::string& name) {
  if (name.empty()) return Status::InvalidInput("用户名不能为空 (empty user name)");
  if (name.size() > 64) return Status::InvalidInput("用户名过长（最多 64 字节）：" + name.substr(0, 64) + "…");
  if (text::FindInvalidUtf8(name) != text::kValid) {
    return Status::InvalidInput("用户名不是有效的 UTF-8 (user name is not valid UTF-8)");
  }
  for (unsigned char c : name) {
    if (c <= 0x20 || c == 0x7f || c == '/' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '&') {
      return Status::InvalidInput("用户名 “" + name + "” 含空白、控制字符或 / \" ' < > & (user name has a forbidden character)");
    }
  }
  if (name == "cli") return Status::InvalidInput("用户名 “cli” 保留给命令行 (reserved)");
  return Status::Ok();
}

Status CheckPassword(const std::string& password) {
  if (password.empty()) return Status::InvalidInput("密码不能为空 (empty password)");
  if (password.size() < kMinPasswordBytes) {
    return Status::InvalidInput("密码太短：至少 " + std::to_string(kMinPasswordBytes) + " 个字节 (password too short)");
  }
  if (password.size() > kMaxPasswordBytes) {
    return Status::InvalidInput("密码太长：最多 " + std::to_string(kMaxPasswordBytes) + " 个字节 (password too long)");
  }
  if (text::FindInvalidUtf8(password) != text::kValid) {
    return Status::InvalidInput("密码不是有效的 UTF-8 (password is not valid UTF-8)");
  }
  return Status::Ok();
}

Status HashPassword(const std::string& password, std::string* out) {
  if (!SodiumReady()) return Status::IoError("libsodium 无法初始化");
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Status::IoError("计算密码散列时内存不足 (Argon2id ran out of memory)");
  }
  *out = hash;
  return Status::Ok();
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  if (!SodiumReady()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

// For unknown users: a real hash to verify against, so that the answer
// takes as long as for a known user with a wrong password.
const std::string& DummyHash() {
  static const std::string h = [] {
    std::string out;
    (void)HashPassword(RandomHex(16), &out);
    return out;
  }();
  return h;
}

void ReadUser(const store::Statement& st, User* u) {
  // Columns: id, name, role, office, disabled, created_at, office name.
  u->id = st.Int(0);
  u->name = st.Text(1);
  Role r = Role::kReader;
  (void)ParseRole(st.Text(2), &r);
  u->role = r;
  u->office = st.Text(3);
  u->disabled = st.Int(4) != 0;
  u->created_at = st.Int(5);
  u->office_name = st.Text(6);
}

Status LastInsertId(store::Database* db, int64_t* id) {
  store::Statement st;
  FZ_RETURN_IF_ERROR(db->Prepare("SELECT last_insert_rowid()", &st));
  bool row = false;
  FZ_RETURN_IF_ERROR(st.Step(&row));
  *id = row ? st.Int(0) : 0;
  return Status::Ok();
}

constexpr const char* kUserColumns =
    "SELECT u.id, u.name, u.role, u.office, u.disabled, u.created_at, o.name"
    " FROM accounts_users u JOIN accounts_offices o ON o.region_code = u.office ";

}  // namespace

const std::vector<const char*>& AccountMigrations() {
  static const std::vector<const char*> kMigrations = {kMigration1};
  return kMigrations;
}

int64_t SystemClock() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool TokensEqual(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string RandomHex(size_t n) {
  (void)SodiumReady();
  std::string bytes(n, '\0');
  randombytes_buf(bytes.data(), n);
  return ToHex(reinterpret_cast<const unsigned char*>(bytes.data()), n);
}

std::string Sha256Hex(std::string_view data) {
  (void)SodiumReady();
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return ToHex(out, sizeof out);
}

AccountStore::AccountStore(std::unique_ptr<store::Database> db, Clock clock)
    : db_(std::move(db)), clock_(std::move(clock)) {}
AccountStore::~AccountStore() = default;

Status AccountStore::Open(const std::filesystem::path& data_dir, std::unique_ptr<AccountStore>* out, Clock clock) {
  if (!SodiumReady()) return Status::IoError("libsodium 无法初始化（sodium_init 失败）");
  std::unique_ptr<store::Database> db;
  FZ_RETURN_IF_ERROR(store::OpenComponentDatabase(data_dir, "accounts", AccountMigrations(), &db));
  out->reset(new AccountStore(std::move(db), std::move(clock)));
  return Status::Ok();
}

// ---------------------------------------------------------------- offices

Status CheckRegionCode(const std::string& code) {
  if (const std::string problem = model::RegionCodeProblem(code); !problem.empty()) {
    return Status::InvalidInput("地区代码 " + problem + " (bad region code)");
  }
  return Status::Ok();
}

Status AccountStore::AddOffice(const std::string& region_code, const std::string& name) {
  FZ_RETURN_IF_ERROR(CheckRegionCode(region_code));
  if (name.empty()) return Status::InvalidInput("机构名称不能为空 (empty office name)");
  if (text::FindInvalidUtf8(name) != text::kValid || name.size() > 200) {
    return Status::InvalidInput("机构名称不是有效的 UTF-8 或过长 (bad office name)");
  }
  std::lock_guard lock(mu_);
  store::Transaction tx(db_.get());
  FZ_RETURN_IF_ERROR(tx.Begin());
  store::Statement q;
  FZ_RETURN_IF_ERROR(db_->Prepare("SELECT name FROM accounts_offices WHERE region_code = ?", &q));
  q.Bind(1, region_code);
  bool row = false;
  FZ_RETURN_IF_ERROR(q.Step(&row));
  if (row) {
    return Status::AlreadyExists("地区代码 " + region_code + " 的机构已存在：" + q.Text(0) + " (office exists)");
  }
  store::Statement st;
  FZ_RETURN_IF_ERROR(
      db_->Prepare("INSERT INTO accounts_offices(region_code, name, created_at) VALUES(?,?,?)", &st));
  st.Bind(1, region_code).Bind(2, name).Bind(3, clock_());
  FZ_RETURN_IF_ERROR(st.Run());
  FZ_RETURN_IF_ERROR(AppendAudit(db_.get(), {0, clock_(), "cli", "office_add", "cli", 0, 0, region_code + " " + name}));
  return tx.Commit();
}

Status AccountStore::GetOffice(const std::string& region_code, Office* out) {
  std::lock_guard lock(mu_);
  store::Statement st;
  FZ_RETURN_IF_ERROR(
      db_->Prepare("SELECT region_code, name, created_at FROM accounts_offices WHERE region_code = ?", &st));
  st.Bind(1, region_code);
  bool row = false;
  FZ_RETURN_IF_ERROR(st.Step(&row));
  if (!row) {
    return Status::NotFound("没有地区代码为 " + region_code + " 的机构；先用 fangzhi office add " + region_code +
                            " 名称 建立 (no such office)");
  }
  *out = {st.Text(0), st.Text(1), st.Int(2)};
  return Status::Ok();
}

Status AccountStore::ListOffices(std::vector<Office>* out) {
  std::lock_guard lock(mu_);
  out->clear();
  store::Statement st;
  FZ_RETURN_IF_ERROR(
      db_->Prepare("SELECT region_code, name, created_at FROM accounts_offices ORDER BY region_code", &st));
  for (;;) {
    bool row = false;
    FZ_RETURN_IF_ERROR(st.Step(&row));
    if (!row) break;
    out->push_back({st.Text(0), st.Text(1), st.Int(2)});
  }
  return Status::Ok();
}

// ---------------------------------------------------------------- users

Status AccountStore::AddUser(const std::string& name, Role role, const std::string& office,
                             const std::string& password, const std::string& actor, const std::string& address,
                             User* out) {
  FZ_RETURN_IF_ERROR(CheckUserName(name));
  FZ_RETURN_IF_ERROR(CheckPassword(password));
  FZ_RETURN_IF_ERROR(CheckRegionCode(office));
  FZ_RETURN_IF_ERROR(CheckRoleOffice(role, office));
  Office o;
  FZ_RETURN_IF_ERROR(GetOffice(office, &o));
  std::string hash;
  FZ_RETURN_IF_ERROR(HashPassword(password, &hash));
  std::lock_guard lock(mu_);
  store::Transaction tx(db_.get());
  FZ_RETURN_IF_ERROR(tx.Begin());
  store::Statement q;
  FZ_RETURN_IF_ERROR(db_->Prepare("SELECT 1 FROM accounts_users WHERE name = ?", &q));
  q.Bind(1, name);
  bool row = false;
  FZ_RETURN_IF_ERROR(q.Step(&row));
  if (row) return Status::AlreadyExists("用户 “" + name + "” 已存在 (user exists)");
  store::Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare(
      "INSERT INTO accounts_users(name, role, office, password_hash, disabled, created_at) VALUES(?,?,?,?,0,?)",
      &st));
  const int64_t now = clock_();
  st.Bind(1, name).Bind(2, RoleName(role)).Bind(3, office).Bind(4, hash).Bind(5, now);
  FZ_RETURN_IF_ERROR(st.Run());
  int64_t id = 0;
  FZ_RETURN_IF_ERROR(LastInsertId(db_.get(), &id));
  FZ_RETURN_IF_ERROR(AppendAudit(db_.get(), {0, now, actor, "user_add", address, 0, 0,
                                             name + " " + std::string(RoleName(role)) + " " + office}));
  FZ_RETURN_IF_ERROR(tx.Commit());
  if (out != nullptr) {
    out->id = id;
    out->name = name;
    out->role = role;
    out->office = office;
    out->office_name = o.name;
    out->disabled = false;
    out->created_at = now;
  }
  return Status::Ok();
}

Status AccountStore::FindUser(const std::string& name, User* out) {
  std::lock_guard lock(mu_);
  store::Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare((std::string(kUserColumns) + "WHERE u.name = ?").c_str(), &st));
  st.Bind(1, name);
  bool row = false;
  FZ_RETURN_IF_ERROR(st.Step(&row));
  if (!row) return Status::NotFound("没有用户 “" + name + "” (unknown user)");
  ReadUser(st, out);
  return Status::Ok();
}

Status AccountStore::GetUser(int64_t id, User* out) {
  std::lock_guard lock(mu_);
  store::Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare((std::string(kUserColumns) + "WHERE u.id = ?").c_str(), &st));
  st.Bind(1, id);
  bool row = false;
  FZ_RETURN_IF_ERROR(st.Step(&row));
  if (!row) return Status::NotFound("没有编号为 " + std::to_string(id) + " 的用户 (unknown user)");
  ReadUser(st, out);
  return Status::Ok();
}

Status AccountStore::ListUsers(std::vector<User>* out) {
  std::lock_guard lock(mu_);
  out->clear();
  store::Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare((std::string(kUserColumns) + "ORDER BY u.office, u.name").c_str(), &st));
  for (;;) {
    bool row = false;
    FZ_RETURN_IF_ERROR(st.Step(&row));
    if (!row) break;
    User u;
    ReadUser(st, &u);
    out->push_back(std::move(u));
  }
  return Status::Ok();
}

Status AccountStore::EndSessionsOf(int64_t user_id) {
  store::Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare("DELETE FROM accounts_sessions WHERE user_id = ?", &st));
  st.Bind(1, user_id);
  return st.Run();
}

Status AccountStore::DisableUser(const std::string& name, const std::string& actor, const std::string& address) {
  User u;
  FZ_RETURN_IF_ERROR(FindUser(name, &u));
  std::lock_guard lock(mu_);
  store::Transaction tx(db_.get());
  FZ_RETURN_IF_ERROR(tx.Begin());
  store::Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare("UPDATE accounts_users SET disabled = 1 WHERE id = ?", &st));
  st.Bind(1, u.id);
  FZ_RETURN_IF_ERROR(st.Run());
  FZ_RETURN_IF_ERROR(EndSessionsOf(u.id));
  FZ_RETURN_IF_ERROR(AppendAudit(db_.get(), {0, clock_(), actor, "user_disable", address, 0, 0, name}));
  return tx.Commit();
}

Status AccountStore::SetPassword(const std::string& name, const std::string& password, const std::string& actor,
                                 const std::string& address) {
  FZ_RETURN_IF_ERROR(CheckPassword(password));
  User u;
  FZ_RETURN_IF_ERROR(FindUser(name, &u));
  std::string hash;
  FZ_RETURN_IF_ERROR(HashPassword(password, &hash));
  std::lock_guard lock(mu_);
  store::Transaction tx(db_.get());
  FZ_RETURN_IF_ERROR(tx.Begin());
  store::Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare("UPDATE accounts_users SET password_hash = ? WHERE id = ?", &st));
  st.Bind(1, hash).Bind(2, u.id);
  FZ_RETURN_IF_ERROR(st.Run());
  FZ_RETURN_IF_ERROR(EndSessionsOf(u.id));
  FZ_RETURN_IF_ERROR(AppendAudit(db_.get(), {0, clock_(), actor, "user_passwd", address, 0, 0, name}));
  return tx.Commit();
}

// ---------------------------------------------------------------- sessions

Status AccountStore::CountFailures(const std::string& column, const std::string& value, int64_t since, int* out) {
  store::Statement st;
  const std::string sql = "SELECT count(*) FROM accounts_login_failures WHERE " + column + " = ? AND at > ?";
  FZ_RETURN_IF_ERROR(db_->Prepare(sql.c_str(), &st));
  st.Bind(1, value).Bind(2, since);
  bool row = false;
  FZ_RETURN_IF_ERROR(st.Step(&row));
  *out = row ? static_cast<int>(st.Int(0)) : 0;
  return Status::Ok();
}

Status AccountStore::Throttled(const std::string& name, const std::string& address, bool* throttled) {
  std::lock_guard lock(mu_);
  const int64_t since = clock_() - kThrottleWindow;
  int by_name = 0, by_address = 0;
  FZ_RETURN_IF_ERROR(CountFailures("name", name, since, &by_name));
  FZ_RETURN_IF_ERROR(CountFailures("address", address, since, &by_address));
  *throttled = by_name >= kMaxFailuresPerAccount || by_address >= kMaxFailuresPerAddress;
  return Status::Ok();
}

Status AccountStore::RecordFailure(const std::string& name, const std::string& address) {
  const int64_t now = clock_();
  store::Transaction tx(db_.get());
  FZ_RETURN_IF_ERROR(tx.Begin());
  store::Statement prune;
  // Old failures no longer count; keep the table small.
  FZ_RETURN_IF_ERROR(db_->Prepare("DELETE FROM accounts_login_failures WHERE at <= ?", &prune));
  prune.Bind(1, now - kThrottleWindow);
  FZ_RETURN_IF_ERROR(prune.Run());
  store::Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare("INSERT INTO accounts_login_failures(name, address, at) VALUES(?,?,?)", &st));
  st.Bind(1, name).Bind(2, address).Bind(3, now);
  FZ_RETURN_IF_ERROR(st.Run());
  FZ_RETURN_IF_ERROR(AppendAudit(db_.get(), {0, now, name, "login_failed", address, 0, 0, ""}));
  return tx.Commit();
}

Status AccountStore::Login(const std::string& name, const std::string& password, const std::string& address,
                           const std::string& old_session_id, LoginResult* out) {
  if (name.empty()) return Status::InvalidInput("请输入用户名 (empty user name)");
  if (password.empty()) return Status::InvalidInput("请输入密码 (empty password)");
  if (name.size() > 64 || password.size() > kMaxPasswordBytes) return Status::InvalidInput(kInvalidLogin);
  const std::string& dummy = DummyHash();
  std::string hash;
  int64_t user_id = 0;
  bool disabled = false;
  {
    std::lock_guard lock(mu_);
    const int64_t since = clock_() - kThrottleWindow;
    int by_name = 0, by_address = 0;
    FZ_RETURN_IF_ERROR(CountFailures("name", name, since, &by_name));
    FZ_RETURN_IF_ERROR(CountFailures("address", address, since, &by_address));
    if (by_name >= kMaxFailuresPerAccount || by_address >= kMaxFailuresPerAddress) {
      FZ_RETURN_IF_ERROR(AppendAudit(db_.get(), {0, clock_(), name, "login_throttled", address, 0, 0, ""}));
      return Status::InvalidInput("登录失败次数过多，请 " + std::to_string(kThrottleWindow / 60) +
                                  " 分钟后再试 (too many failed logins; try again later)");
    }
    store::Statement st;
    FZ_RETURN_IF_ERROR(db_->Prepare("SELECT id, password_hash, disabled FROM accounts_users WHERE name = ?", &st));
    st.Bind(1, name);
    bool row = false;
    FZ_RETURN_IF_ERROR(st.Step(&row));
    if (row) {
      user_id = st.Int(0);
      hash = st.Text(1);
      disabled = st.Int(2) != 0;
    }
  }
  // The slow part, outside the lock; an unknown user costs the same.
  const bool good = VerifyPassword(user_id != 0 ? hash : dummy, password) && user_id != 0;
  std::lock_guard lock(mu_);
  if (!good) {
    FZ_RETURN_IF_ERROR(RecordFailure(name, address));
    return Status::InvalidInput(kInvalidLogin);
  }
  if (disabled) {
    FZ_RETURN_IF_ERROR(AppendAudit(db_.get(), {0, clock_(), name, "login_disabled", address, 0, 0, ""}));
    return Status::InvalidInput("账户 “" + name + "” 已停用，请联系管理员 (account disabled)");
  }
  const int64_t now = clock_();
  LoginResult result;
  result.session_id = RandomHex(32);
  result.session.csrf_token = RandomHex(32);
  result.session.created_at = now;
  result.session.expires_at = now + kSessionLifetime;
  store::Transaction tx(db_.get());
  FZ_RETURN_IF_ERROR(tx.Begin());
  if (!old_session_id.empty()) {
    store::Statement del;
    FZ_RETURN_IF_ERROR(db_->Prepare("DELETE FROM accounts_sessions WHERE id_hash = ?", &del));
    del.Bind(1, Sha256Hex(old_session_id));
    FZ_RETURN_IF_ERROR(del.Run());
  }
  store::Statement prune;  // expired sessions of anyone
  FZ_RETURN_IF_ERROR(db_->Prepare("DELETE FROM accounts_sessions WHERE expires_at <= ?", &prune));
  prune.Bind(1, now);
  FZ_RETURN_IF_ERROR(prune.Run());
  store::Statement ins;
  FZ_RETURN_IF_ERROR(db_->Prepare(
      "INSERT INTO accounts_sessions(id_hash, user_id, csrf_token, created_at, expires_at, address)"
      " VALUES(?,?,?,?,?,?)",
      &ins));
  ins.Bind(1, Sha256Hex(result.session_id)).Bind(2, user_id).Bind(3, result.session.csrf_token).Bind(4, now);
  ins.Bind(5, result.session.expires_at).Bind(6, address);
  FZ_RETURN_IF_ERROR(ins.Run());
  store::Statement clear;  // a success forgives this account's failures (not the address's)
  FZ_RETURN_IF_ERROR(db_->Prepare("DELETE FROM accounts_login_failures WHERE name = ?", &clear));
  clear.Bind(1, name);
  FZ_RETURN_IF_ERROR(clear.Run());
  FZ_RETURN_IF_ERROR(AppendAudit(db_.get(), {0, now, name, "login", address, 0, 0, ""}));
  store::Statement q;
  FZ_RETURN_IF_ERROR(db_->Prepare((std::string(kUserColumns) + "WHERE u.id = ?").c_str(), &q));
  q.Bind(1, user_id);
  bool row = false;
  FZ_RETURN_IF_ERROR(q.Step(&row));
  if (!row) return Status::Corruption("用户 " + name + " 的机构记录缺失");
  ReadUser(q, &result.session.user);
  q.Reset();
  FZ_RETURN_IF_ERROR(tx.Commit());
  *out = std::move(result);
  return Status::Ok();
}

Status AccountStore::ResolveSession(const std::string& session_id, Session* out) {
  if (!IsHexToken(session_id)) return Status::NotFound("会话无效 (no session)");
  std::lock_guard lock(mu_);
  store::Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare(
      "SELECT u.id, u.name, u.role, u.office, u.disabled, u.created_at, o.name, s.csrf_token, s.created_at,"
      " s.expires_at FROM accounts_sessions s JOIN accounts_users u ON u.id = s.user_id"
      " JOIN accounts_offices o ON o.region_code = u.office"
      " WHERE s.id_hash = ? AND s.expires_at > ? AND u.disabled = 0",
      &st));
  st.Bind(1, Sha256Hex(session_id)).Bind(2, clock_());
  bool row = false;
  FZ_RETURN_IF_ERROR(st.Step(&row));
  if (!row) return Status::NotFound("会话无效或已过期，请重新登录 (session unknown or expired)");
  ReadUser(st, &out->user);
  out->csrf_token = st.Text(7);
  out->created_at = st.Int(8);
  out->expires_at = st.Int(9);
  return Status::Ok();
}

Status AccountStore::Logout(const std::string& session_id, const std::string& address) {
  if (!IsHexToken(session_id)) return Status::Ok();
  std::lock_guard lock(mu_);
  const std::string h = Sha256Hex(session_id);
  store::Transaction tx(db_.get());
  FZ_RETURN_IF_ERROR(tx.Begin());
  store::Statement q;
  FZ_RETURN_IF_ERROR(db_->Prepare(
      "SELECT u.name FROM accounts_sessions s JOIN accounts_users u ON u.id = s.user_id WHERE s.id_hash = ?", &q));
  q.Bind(1, h);
  bool row = false;
  FZ_RETURN_IF_ERROR(q.Step(&row));
  if (!row) return Status::Ok();
  const std::string name = q.Text(0);
  q.Reset();
  store::Statement del;
  FZ_RETURN_IF_ERROR(db_->Prepare("DELETE FROM accounts_sessions WHERE id_hash = ?", &del));
  del.Bind(1, h);
  FZ_RETURN_IF_ERROR(del.Run());
  FZ_RETURN_IF_ERROR(AppendAudit(db_.get(), {0, clock_(), name, "logout", address, 0, 0, ""}));
  return tx.Commit();
}

}  // namespace fangzhi::accounts
