// The append-only audit log: who did what, when, from which address, to
// which manuscript and version. Its table (audit_log, created by the
// "accounts" migrations) has triggers that RAISE on UPDATE and DELETE, so
// not even a bug in our code — or an SQL prompt — can rewrite history
// short of dropping the triggers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/sqlite.h"

namespace fangzhi::accounts {

struct AuditEntry {
  int64_t id = 0;           // set on read
  int64_t at = 0;           // seconds since the epoch
  std::string actor;        // user name; "cli" for the command line; "" unknown (failed login)
  std::string action;       // "login", "login_failed", "logout", "user_add", "user_disable",
                            // "user_passwd", "office_add", "manuscript_create", "version_upload",
                            // "status:<from>-><to>", "comment_add", "marks_save", …
  std::string address;      // client IP, "cli" for the command line
  int64_t manuscript_id = 0;  // 0: none
  int64_t version = 0;        // 0: none
  std::string detail;         // free text (file name, reason …)
};

// Appends one entry on `db` (whose "accounts" migrations have run), inside
// whatever transaction the caller has open.
Status AppendAudit(store::Database* db, const AuditEntry& e);

// Newest first; `manuscript_id` 0 means every entry. At most `limit`.
Status ReadAudit(store::Database* db, int64_t manuscript_id, size_t limit, std::vector<AuditEntry>* out);

}  // namespace fangzhi::accounts
