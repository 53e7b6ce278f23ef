// Manuscripts per office, their versions (every upload kept forever), the
// status machine (manuscript_status.h), reviewer comments, and the JSON
// results the review screens store per version (outline review, recheck,
// spot-check marks, error rate). Tables of component "workflow" in the data
// dir's fangzhi.db; every change and its audit entry (accounts/audit_log.h)
// are written in one transaction.
//
// Files: DATA/manuscripts/<id>/v<n>.<ext>, written to a temporary name,
// fsynced and renamed; the SHA-256 of the bytes is stored with the version.
// An upload is parsed with the formats importers first (.docx →
// formats::ImportDocx, .md → formats::ImportManuscriptMarkdown) and refused
// with the importer's message when it is not a readable manuscript; then it
// is checked (review/builtin_checker.h) and its count of open findings is
// stored with the version, so the dashboard shows the new version's count
// from the moment it is uploaded. Every read of a version — download,
// review, parse — checks the bytes against the stored SHA-256 first.
//
// Access control: every call that reads or changes a manuscript takes the
// acting user and refuses (kNotFound, as if it did not exist) a manuscript
// outside what the user may see: admin all, a reviewer the offices within
// its own office's region (accounts/region_scope.h: the province office 51
// sees 510104, not 110101), a compiler its own office only, digitizer and
// reader none. Callers need not (and must
// not) check this themselves.
//
// Thread-safe: one connection behind a mutex.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "accounts/account_store.h"
#include "accounts/audit_log.h"
#include "base/status.h"
#include "model/document.h"
#include "store/sqlite.h"
#include "workflow/manuscript_status.h"

namespace fangzhi::workflow {

struct Manuscript {
  int64_t id = 0;
  std::string office;       // region code
  std::string office_name;  // filled on reads
  std::string title;        // 《示例县年鉴（2025）》 as typed (without the 《》 or with — kept as given)
  int year = 0;             // the year the work covers (2025 for 年鉴（2025）)
  std::string kind;         // "年鉴" or "志书"
  ManuscriptStatus status = ManuscriptStatus::kSubmitted;
  int64_t latest_version = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::string created_by;
  // From the review tables (written at upload, then by SetVersionSummary),
  // of the latest version that has them; -1 / nullopt when none recorded
  // (versions uploaded before counts were stored at upload).
  int64_t open_findings = -1;
  std::optional<double> error_rate;  // 差错率 in 1/10000
  std::string verdict;               // "合格" … ; "" when none
};

struct Version {
  int64_t manuscript_id = 0;
  int64_t number = 0;          // 1, 2, …
  std::string file_name;       // as uploaded (display only; never a path)
  std::string ext;             // "docx" or "md"
  std::string sha256;          // of the stored bytes
  int64_t bytes = 0;
  int64_t nodes = 0;           // nodes of the parsed tree, a sanity figure
  std::string uploaded_by;
  int64_t uploaded_at = 0;
};

struct StatusChange {
  int64_t at = 0;
  std::string actor;
  std::string from;  // "" for the creation
  std::string to;
  int64_t version = 0;
  std::string note;
};

// A reviewer's comment on a node: the node's citation path in that version
// and a stretch of its text to anchor on (the recheck carries comments to
// the next version by that text, not by offsets).
struct Comment {
  int64_t id = 0;
  int64_t manuscript_id = 0;
  int64_t version = 0;
  std::string node_path;
  std::string anchor_text;
  std::string body;
  std::string author;
  int64_t created_at = 0;
};

// What the dashboard shows per version: the count written at upload, then
// by the review screens.
struct VersionSummary {
  int64_t open_findings = -1;
  std::optional<double> error_rate;  // 1/10000
  std::string verdict;
};

struct UploadLimits {
  size_t max_bytes = 20u << 20;  // the upload form refuses more
};

class WorkflowStore {
 public:
  static Status Open(const std::filesystem::path& data_dir, std::unique_ptr<WorkflowStore>* out,
                     accounts::Clock clock = accounts::SystemClock);
  ~WorkflowStore();

  // A compiler creates a manuscript of its own office with its first
  // version (status submitted). `file_name` decides the format by its
  // extension (.docx or .md). Refused: other roles, empty title, a year
  // outside 1900..2200, a manuscript with the same office, title and year
  // (kAlreadyExists, naming its id), a file the importer refuses.
  Status CreateManuscript(const accounts::User& actor, const std::string& address, const std::string& title,
                          int year, const std::string& kind, const std::string& file_name,
                          const std::string& bytes, int64_t* manuscript_id);

  // A compiler of the manuscript's office uploads version n+1 (UploadAllowed).
  Status AddVersion(const accounts::User& actor, const std::string& address, int64_t manuscript_id,
                    const std::string& file_name, const std::string& bytes, int64_t* number);

  // A status POST: CheckTransition, then the change and its audit entry.
  // `expected_from` guards against two reviewers clicking at once: the
  // change is refused when the status is no longer what the page showed.
  Status Transition(const accounts::User& actor, const std::string& address, int64_t manuscript_id,
                    ManuscriptStatus expected_from, ManuscriptStatus to, const std::string& note);

  // Reads, scoped to what `viewer` may see (a compiler: own office).
  Status ListManuscripts(const accounts::User& viewer, std::vector<Manuscript>* out);
  Status GetManuscript(const accounts::User& viewer, int64_t id, Manuscript* out);
  Status ListVersions(const accounts::User& viewer, int64_t id, std::vector<Version>* out);
  Status GetVersion(const accounts::User& viewer, int64_t id, int64_t number, Version* out);
  Status StatusHistory(const accounts::User& viewer, int64_t id, std::vector<StatusChange>* out);
  Status AuditOf(const accounts::User& viewer, int64_t id, std::vector<accounts::AuditEntry>* out);
  // The whole audit log, newest first (administrator only).
  Status AuditLog(const accounts::User& viewer, size_t limit, std::vector<accounts::AuditEntry>* out);
  // The stored bytes of a version and where they are on disk. A file that
  // no longer has its SHA-256 is kCorruption, naming manuscript and version.
  Status ReadVersionFile(const accounts::User& viewer, int64_t id, int64_t number, std::string* bytes);
  Status VersionPath(const accounts::User& viewer, int64_t id, int64_t number, std::filesystem::path* out);
  // The version parsed again with its importer, from bytes checked against
  // the SHA-256 as ReadVersionFile does (kCorruption when they differ).
  Status LoadVersionDocument(const accounts::User& viewer, int64_t id, int64_t number, model::Document* doc);

  // ---- comments (reviewers add; whoever may see the manuscript reads)
  Status AddComment(const accounts::User& actor, const std::string& address, const Comment& c, int64_t* id);
  Status ListComments(const accounts::User& viewer, int64_t manuscript_id, int64_t version,
                      std::vector<Comment>* out);

  // ---- JSON results per version and kind ("outline", "recheck", "sample",
  // "marks", …), for the review screens. Put replaces (reviewer only,
  // audited as "<kind>_save"); Get gives kNotFound when none stored.
  Status PutVersionJson(const accounts::User& actor, const std::string& address, int64_t manuscript_id,
                        int64_t version, const std::string& kind, const std::string& json);
  Status GetVersionJson(const accounts::User& viewer, int64_t manuscript_id, int64_t version,
                        const std::string& kind, std::string* json);

  // The dashboard's figures for a version (reviewer only, audited).
  Status SetVersionSummary(const accounts::User& actor, const std::string& address, int64_t manuscript_id,
                           int64_t version, const VersionSummary& summary);

  const std::filesystem::path& data_dir() const { return data_dir_; }
  store::Database* database_for_testing() { return db_.get(); }

 private:
  WorkflowStore(std::filesystem::path data_dir, std::unique_ptr<store::Database> db, accounts::Clock clock);
  struct Impl;

  std::filesystem::path data_dir_;
  std::unique_ptr<store::Database> db_;
  accounts::Clock clock_;
  std::mutex mu_;
};

// Whether `viewer` may see manuscripts of `office` at all (the rule above).
bool CanSeeOffice(const accounts::User& viewer, const std::string& office);

// Parses `bytes` as a manuscript of format `ext` ("docx" or "md") the way
// an upload is checked; the importer's message on failure.
Status ParseManuscriptBytes(const std::string& bytes, const std::string& ext, const std::string& kind,
                            model::Document* doc);

}  // namespace fangzhi::workflow
