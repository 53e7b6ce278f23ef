// Offices, users, sessions and login throttling, in the data dir's
// fangzhi.db (component "accounts", see store/component_store.h).
//
// Passwords: libsodium's Argon2id (crypto_pwhash_str, interactive limits);
// only the encoded hash is stored. Sessions: 256 random bits from
// randombytes_buf, handed to the browser as 64 hex digits and stored only as
// their SHA-256, so a copy of the database does not hold live sessions.
// A session lives kSessionLifetime from login (no sliding renewal) and dies
// at logout, when its user is disabled or gets a new password. Login always
// makes a new session id (and drops the one the browser came with), so an
// id planted before login is worthless (no session fixation). Every session
// has its own CSRF token (random, compared in constant time).
//
// Throttling: failed logins are counted per account and per client address
// over kThrottleWindow; past kMaxFailuresPerAccount / kMaxFailuresPerAddress
// further attempts are refused without checking the password until the
// window has passed. Counts live in the database, so the CLI and every
// server thread see the same numbers.
//
// Thread-safe: one connection behind a mutex; the slow Argon2id work runs
// outside the lock.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "accounts/role.h"
#include "base/status.h"
#include "store/sqlite.h"

namespace fangzhi::accounts {

// A gazetteer office: one per GB/T 2260 region (province 51, city 5101,
// county 510104).
struct Office {
  std::string region_code;
  std::string name;  // 四川省地方志工作办公室, 成都市锦江区地方志办公室 …
  int64_t created_at = 0;
};

struct User {
  int64_t id = 0;
  std::string name;  // login name, 1–64 bytes, no spaces or control characters
  Role role = Role::kReader;
  std::string office;       // region code of the user's office
  std::string office_name;  // filled on reads
  bool disabled = false;
  int64_t created_at = 0;
};

// A signed-in browser, as ResolveSession finds it.
struct Session {
  User user;
  std::string csrf_token;  // 64 hex digits, the same for the session's life
  int64_t created_at = 0;
  int64_t expires_at = 0;
};

// What a successful Login hands back: the new session id goes into the
// cookie; it is not stored anywhere in the clear.
struct LoginResult {
  std::string session_id;  // 64 hex digits
  Session session;
};

inline constexpr int64_t kSessionLifetime = 12 * 3600;  // seconds
inline constexpr int64_t kThrottleWindow = 15 * 60;     // seconds
inline constexpr int kMaxFailuresPerAccount = 5;
inline constexpr int kMaxFailuresPerAddress = 20;
inline constexpr size_t kMinPasswordBytes = 8;
inline constexpr size_t kMaxPasswordBytes = 1024;

// The migrations of component "accounts" (tables accounts_offices,
// accounts_users, accounts_sessions, accounts_login_failures and the audit
// log, see audit_log.h). Exposed so that another component's connection can
// bring them up before writing audit entries in its own transaction.
const std::vector<const char*>& AccountMigrations();

// Seconds since the epoch; replaceable in tests.
using Clock = std::function<int64_t()>;
int64_t SystemClock();

class AccountStore {
 public:
  // Opens (creating when needed) the accounts tables of `data_dir`.
  static Status Open(const std::filesystem::path& data_dir, std::unique_ptr<AccountStore>* out,
                     Clock clock = SystemClock);
  ~AccountStore();

  // ---- offices
  // A well-formed region code (2, 4 or 6 digits, known province) and a
  // non-empty name; an existing code is refused (kAlreadyExists).
  Status AddOffice(const std::string& region_code, const std::string& name);
  Status GetOffice(const std::string& region_code, Office* out);  // kNotFound
  Status ListOffices(std::vector<Office>* out);

  // ---- users (every change is written to the audit log; `actor` names who
  // did it, "cli" for the command line, and `address` where from)
  // The office must exist (and, for a reviewer, be a province or city
  // office: CheckRoleOffice); the password must be kMinPasswordBytes..
  // kMaxPasswordBytes of valid UTF-8.
  Status AddUser(const std::string& name, Role role, const std::string& office, const std::string& password,
                 const std::string& actor, const std::string& address, User* out = nullptr);
  Status FindUser(const std::string& name, User* out);  // kNotFound
  Status GetUser(int64_t id, User* out);                // kNotFound
  Status ListUsers(std::vector<User>* out);
  // Both end every session of the user.
  Status DisableUser(const std::string& name, const std::string& actor, const std::string& address);
  Status SetPassword(const std::string& name, const std::string& password, const std::string& actor,
                     const std::string& address);

  // ---- sessions
  // Checks the password (after the throttle), ends `old_session_id` if one
  // was presented, and makes a new session. Unknown user and wrong password
  // give the same message (no account probing); a disabled account or a
  // throttled one says so. Attempts are audited.
  Status Login(const std::string& name, const std::string& password, const std::string& address,
               const std::string& old_session_id, LoginResult* out);
  // Whether further logins for `name` or from `address` are refused now
  // (the web page answers 429 then).
  Status Throttled(const std::string& name, const std::string& address, bool* throttled);
  // kNotFound for an unknown, expired or ended session, or a disabled user.
  Status ResolveSession(const std::string& session_id, Session* out);
  // Ends the session (idempotent) and audits the logout.
  Status Logout(const std::string& session_id, const std::string& address);

  // The database connection, for tests (e.g. to prove the audit log refuses
  // UPDATE). Not for use while another thread uses the store.
  store::Database* database_for_testing() { return db_.get(); }

 private:
  AccountStore(std::unique_ptr<store::Database> db, Clock clock);
  Status CountFailures(const std::string& column, const std::string& value, int64_t since, int* out);
  Status RecordFailure(const std::string& name, const std::string& address);
  Status EndSessionsOf(int64_t user_id);

  std::unique_ptr<store::Database> db_;
  Clock clock_;
  std::mutex mu_;
};

// A well-formed GB/T 2260 code of a known province (51, 5101, 510104); the
// refusal says what a code looks like.
Status CheckRegionCode(const std::string& code);

// Constant-time comparison of two tokens (sodium_memcmp); false when the
// lengths differ.
bool TokensEqual(const std::string& a, const std::string& b);

// `n` random bytes (randombytes_buf) as 2n lowercase hex digits.
std::string RandomHex(size_t n);

// SHA-256 of `data` as 64 lowercase hex digits (crypto_hash_sha256).
std::string Sha256Hex(std::string_view data);

}  // namespace fangzhi::accounts
