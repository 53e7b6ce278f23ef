#include "accounts/audit_log.h"

namespace fangzhi::accounts {

Status AppendAudit(store::Database* db, const AuditEntry& e) {
  store::Statement st;
  FZ_RETURN_IF_ERROR(db->Prepare(
      "INSERT INTO audit_log(at, actor, action, address, manuscript_id, version, detail) VALUES(?,?,?,?,?,?,?)",
      &st));
  st.Bind(1, e.at).Bind(2, e.actor).Bind(3, e.action).Bind(4, e.address).Bind(5, e.manuscript_id);
  st.Bind(6, e.version).Bind(7, e.detail);
  return st.Run();
}

Status ReadAudit(store::Database* db, int64_t manuscript_id, size_t limit, std::vector<AuditEntry>* out) {
  out->clear();
  store::Statement st;
  FZ_RETURN_IF_ERROR(db->Prepare(
      "SELECT id, at, actor, action, address, manuscript_id, version, detail FROM audit_log"
      " WHERE ?1 = 0 OR manuscript_id = ?1 ORDER BY id DESC LIMIT ?2",
      &st));
  st.Bind(1, manuscript_id).Bind(2, static_cast<int64_t>(limit));
  for (;;) {
    bool row = false;
    FZ_RETURN_IF_ERROR(st.Step(&row));
    if (!row) break;
    AuditEntry e;
    e.id = st.Int(0);
    e.at = st.Int(1);
    e.actor = st.Text(2);
    e.action = st.Text(3);
    e.address = st.Text(4);
    e.manuscript_id = st.Int(5);
    e.version = st.Int(6);
    e.detail = st.Text(7);
    out->push_back(std::move(e));
  }
  return Status::Ok();
}

}  // namespace fangzhi::accounts
