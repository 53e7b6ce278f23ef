// Where every ingested bag came from: the office and the person who sent
// it, when, the zip's SHA-256 and every payload file's, and the work it
// became. Kept in the data dir's fangzhi.db as the "submissions" component,
// never changed after it is written.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/sqlite.h"
#include "submission/bag.h"

namespace fangzhi::submission {

struct SubmissionRecord {
  int64_t id = 0;
  std::string work_id;
  std::string organization;  // Source-Organization
  std::string region_code;   // Fangzhi-Region-Code
  std::string submitter;     // who handed it in (--submitter, or the signed-in user)
  std::string received_at;   // UTC, ISO 8601
  std::string bagging_date;
  std::string bag_name;
  std::string bag_sha256;
  uint64_t bag_bytes = 0;
  std::string archive;  // the zip as received, relative to the data dir
  std::vector<BagField> info;
  std::vector<PayloadFile> files;
};

class ProvenanceStore {
 public:
  static Status Open(const std::filesystem::path& data_dir, std::unique_ptr<ProvenanceStore>* out);

  // The submission that brought in the bag with this checksum, if any.
  Status FindByBag(const std::string& sha256, SubmissionRecord* out, bool* found);
  // Writes the record and its files in one transaction; sets record->id and
  // record->received_at (now, UTC).
  Status Add(SubmissionRecord* record);
  // The same on `db` inside a transaction the caller holds (the import of
  // the submitted work: store::Library::ImportWith). The tables must exist:
  // Open() creates them.
  static Status Write(store::Database* db, SubmissionRecord* record);
  // Deletes a record written by an ingest that then failed in its last,
  // file-system step (the page images could not be put in place).
  Status Forget(int64_t id);
  // Newest first, with files.
  Status List(std::vector<SubmissionRecord>* out);

 private:
  ProvenanceStore() = default;
  Status Load(store::Statement* st, SubmissionRecord* out);
  std::unique_ptr<store::Database> db_;
};

}  // namespace fangzhi::submission
