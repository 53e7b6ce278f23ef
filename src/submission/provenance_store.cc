#include "submission/provenance_store.h"

#include <nlohmann/json.hpp>

#include "store/component_store.h"

namespace fangzhi::submission {

namespace {

// Append only: each entry takes the component one version up.
const std::vector<const char*>& Migrations() {
  static const std::vector<const char*> kMigrations = {
      "CREATE TABLE submissions("
      "  id INTEGER PRIMARY KEY,"
      "  work_id TEXT NOT NULL,"
      "  organization TEXT NOT NULL,"
      "  region_code TEXT NOT NULL,"
      "  submitter TEXT NOT NULL,"
      "  received_at TEXT NOT NULL,"
      "  bagging_date TEXT NOT NULL,"
      "  bag_name TEXT NOT NULL,"
      "  bag_sha256 TEXT NOT NULL UNIQUE,"
      "  bag_bytes INTEGER NOT NULL,"
      "  archive TEXT NOT NULL,"
      "  bag_info TEXT NOT NULL);"
      "CREATE INDEX submissions_work ON submissions(work_id);"
      "CREATE TABLE submission_files("
      "  submission_id INTEGER NOT NULL REFERENCES submissions(id),"
      "  path TEXT NOT NULL,"
      "  bytes INTEGER NOT NULL,"
      "  sha256 TEXT NOT NULL,"
      "  type TEXT NOT NULL,"
      "  PRIMARY KEY(submission_id, path));",
  };
  return kMigrations;
}

constexpr const char* kColumns =
    "id, work_id, organization, region_code, submitter, received_at, bagging_date, bag_name, bag_sha256, bag_bytes,"
    " archive, bag_info";

PayloadType TypeFromName(const std::string& name) {
  for (PayloadType t : {PayloadType::kMarkdown, PayloadType::kDocx, PayloadType::kPlainText, PayloadType::kAlto,
                        PayloadType::kImage}) {
    if (name == PayloadTypeName(t)) return t;
  }
  return PayloadType::kUnknown;
}

}  // namespace

Status ProvenanceStore::Open(const std::filesystem::path& data_dir, std::unique_ptr<ProvenanceStore>* out) {
  std::unique_ptr<ProvenanceStore> s(new ProvenanceStore());
  FZ_RETURN_IF_ERROR(store::OpenComponentDatabase(data_dir, "submissions", Migrations(), &s->db_));
  *out = std::move(s);
  return Status::Ok();
}

Status ProvenanceStore::Load(store::Statement* st, SubmissionRecord* r) {
  r->id = st->Int(0);
  r->work_id = st->Text(1);
  r->organization = st->Text(2);
  r->region_code = st->Text(3);
  r->submitter = st->Text(4);
  r->received_at = st->Text(5);
  r->bagging_date = st->Text(6);
  r->bag_name = st->Text(7);
  r->bag_sha256 = st->Text(8);
  r->bag_bytes = static_cast<uint64_t>(st->Int(9));
  r->archive = st->Text(10);
  const nlohmann::json info = nlohmann::json::parse(st->Text(11), nullptr, false);
  r->info.clear();
  if (info.is_array()) {
    for (const auto& f : info) {
      if (f.is_array() && f.size() == 2 && f[0].is_string() && f[1].is_string()) {
        r->info.push_back({f[0].get<std::string>(), f[1].get<std::string>(), 0});
      }
    }
  }
  store::Statement files;
  FZ_RETURN_IF_ERROR(
      db_->Prepare("SELECT path, bytes, sha256, type FROM submission_files WHERE submission_id = ? ORDER BY path", &files));
  files.Bind(1, r->id);
  r->files.clear();
  for (bool row = false; files.Step(&row).ok() && row;) {
    r->files.push_back({files.Text(0), static_cast<uint64_t>(files.Int(1)), files.Text(2), TypeFromName(files.Text(3))});
  }
  return Status::Ok();
}

Status ProvenanceStore::List(std::vector<SubmissionRecord>* out) {
  store::Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare((std::string("SELECT ") + kColumns + " FROM submissions ORDER BY id DESC").c_str(), &st));
  out->clear();
  while (true) {
    bool row = false;
    FZ_RETURN_IF_ERROR(st.Step(&row));
    if (!row) break;
    SubmissionRecord r;
    FZ_RETURN_IF_ERROR(Load(&st, &r));
    out->push_back(std::move(r));
  }
  return Status::Ok();
}

Status ProvenanceStore::FindByBag(const std::string& sha256, SubmissionRecord* out, bool* found) {
  store::Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare((std::string("SELECT ") + kColumns + " FROM submissions WHERE bag_sha256 = ?").c_str(), &st));
  st.Bind(1, sha256);
  FZ_RETURN_IF_ERROR(st.Step(found));
  if (*found) FZ_RETURN_IF_ERROR(Load(&st, out));
  return Status::Ok();
}

Status ProvenanceStore::Add(SubmissionRecord* r) {
  store::Transaction tx(db_.get());
  FZ_RETURN_IF_ERROR(tx.Begin());
  FZ_RETURN_IF_ERROR(Write(db_.get(), r));
  return tx.Commit();
}

Status ProvenanceStore::Forget(int64_t id) {
  store::Transaction tx(db_.get());
  FZ_RETURN_IF_ERROR(tx.Begin());
  store::Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare("DELETE FROM submission_files WHERE submission_id = ?", &st));
  FZ_RETURN_IF_ERROR(st.Bind(1, id).Run());
  FZ_RETURN_IF_ERROR(db_->Prepare("DELETE FROM submissions WHERE id = ?", &st));
  FZ_RETURN_IF_ERROR(st.Bind(1, id).Run());
  return tx.Commit();
}

Status ProvenanceStore::Write(store::Database* db, SubmissionRecord* r) {
  nlohmann::json info = nlohmann::json::array();
  for (const BagField& f : r->info) info.push_back({f.label, f.value});
  store::Statement st;
  FZ_RETURN_IF_ERROR(db->Prepare(
      "INSERT INTO submissions(work_id, organization, region_code, submitter, received_at, bagging_date, bag_name,"
      " bag_sha256, bag_bytes, archive, bag_info)"
      " VALUES(?,?,?,?,strftime('%Y-%m-%dT%H:%M:%SZ','now'),?,?,?,?,?,?) RETURNING id, received_at",
      &st));
  st.Bind(1, r->work_id).Bind(2, r->organization).Bind(3, r->region_code).Bind(4, r->submitter);
  st.Bind(5, r->bagging_date).Bind(6, r->bag_name).Bind(7, r->bag_sha256);
  st.Bind(8, static_cast<int64_t>(r->bag_bytes)).Bind(9, r->archive).Bind(10, info.dump());
  bool row = false;
  FZ_RETURN_IF_ERROR(st.Step(&row));
  if (!row) return Status::IoError(db->path() + "：写入提交记录失败");
  r->id = st.Int(0);
  r->received_at = st.Text(1);
  st.Reset();
  store::Statement file;
  FZ_RETURN_IF_ERROR(db->Prepare(
      "INSERT INTO submission_files(submission_id, path, bytes, sha256, type) VALUES(?,?,?,?,?)", &file));
  for (const PayloadFile& f : r->files) {
    file.Bind(1, r->id).Bind(2, f.path).Bind(3, static_cast<int64_t>(f.bytes)).Bind(4, f.sha256);
    file.Bind(5, PayloadTypeName(f.type));
    FZ_RETURN_IF_ERROR(file.Run());
  }
  return Status::Ok();
}

}  // namespace fangzhi::submission
