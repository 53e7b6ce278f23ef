#include "workflow/workflow_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>

#include "formats/docx_importer.h"
#include "formats/manuscript_markdown.h"
#include "model/region.h"
#include "model/work.h"
#include "review/builtin_checker.h"
#include "store/component_store.h"
#include "text/utf8.h"

namespace fangzhi::workflow {

namespace fs = std::filesystem;
using accounts::AppendAudit;
using accounts::AuditEntry;
using accounts::Role;
using accounts::User;

namespace {

constexpr const char* kMigration1 = R"sql(
CREATE TABLE workflow_manuscripts(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  office TEXT NOT NULL REFERENCES accounts_offices(region_code),
  title TEXT NOT NULL,
  year INTEGER NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE(office, title, year));
CREATE TABLE workflow_versions(
  manuscript_id INTEGER NOT NULL REFERENCES workflow_manuscripts(id),
  number INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  ext TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  nodes INTEGER NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at INTEGER NOT NULL,
  PRIMARY KEY(manuscript_id, number));
CREATE TRIGGER workflow_versions_no_update BEFORE UPDATE ON workflow_versions
BEGIN SELECT RAISE(ABORT, '稿件版本一经上传不能修改 (versions are kept forever)'); END;
CREATE TRIGGER workflow_versions_no_delete BEFORE DELETE ON workflow_versions
BEGIN SELECT RAISE(ABORT, '稿件版本一经上传不能删除 (versions are kept forever)'); END;
CREATE TRIGGER workflow_versions_no_replace BEFORE INSERT ON workflow_versions
WHEN EXISTS (SELECT 1 FROM workflow_versions WHERE manuscript_id = NEW.manuscript_id AND number = NEW.number)
BEGIN SELECT RAISE(ABORT, '稿件版本一经上传不能替换 (versions are kept forever)'); END;
CREATE TABLE workflow_status_history(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  manuscript_id INTEGER NOT NULL REFERENCES workflow_manuscripts(id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  version INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '');
CREATE TRIGGER workflow_status_history_no_update BEFORE UPDATE ON workflow_status_history
BEGIN SELECT RAISE(ABORT, '状态记录只能追加 (status history is append-only)'); END;
CREATE TRIGGER workflow_status_history_no_delete BEFORE DELETE ON workflow_status_history
BEGIN SELECT RAISE(ABORT, '状态记录只能追加 (status history is append-only)'); END;
CREATE TRIGGER workflow_status_history_no_replace BEFORE INSERT ON workflow_status_history
WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM workflow_status_history WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, '状态记录只能追加 (status history is append-only)'); END;
CREATE TABLE workflow_comments(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  manuscript_id INTEGER NOT NULL REFERENCES workflow_manuscripts(id),
  version INTEGER NOT NULL,
  node_path TEXT NOT NULL,
  anchor_text TEXT NOT NULL,
  body TEXT NOT NULL,
  author TEXT NOT NULL,
  created_at INTEGER NOT NULL);
CREATE INDEX workflow_comments_version ON workflow_comments(manuscript_id, version);
CREATE TABLE workflow_version_json(
  manuscript_id INTEGER NOT NULL REFERENCES workflow_manuscripts(id),
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  json TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY(manuscript_id, version, kind));
CREATE TABLE workflow_version_summary(
  manuscript_id INTEGER NOT NULL REFERENCES workflow_manuscripts(id),
  version INTEGER NOT NULL,
  open_findings INTEGER NOT NULL,
  error_rate REAL,
  verdict TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL,
  PRIMARY KEY(manuscript_id, version));
)sql";

const std::vector<const char*>& Migrations() {
  static const std::vector<const char*> kMigrations = {kMigration1};
  return kMigrations;
}

Status LastInsertId(store::Database* db, int64_t* id) {
  store::Statement st;
  FZ_RETURN_IF_ERROR(db->Prepare("SELECT last_insert_rowid()", &st));
  bool row = false;
  FZ_RETURN_IF_ERROR(st.Step(&row));
  *id = row ? st.Int(0) : 0;
  return Status::Ok();
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The format of an upload by its name: "docx" or "md".
Status ExtensionOf(const std::string& file_name, std::string* ext) {
  const std::string e = Lower(fs::path(file_name).extension().string());
  if (e == ".docx") {
    *ext = "docx";
  } else if (e == ".md" || e == ".markdown") {
    *ext = "md";
  } else {
    return Status::InvalidInput("“" + file_name.substr(0, 200) +
                                "”：只接受 Word（.docx）或 Markdown（.md）稿件 (only .docx or .md manuscripts)");
  }
  return Status::Ok();
}

// Writes, flushes to disk and closes; the caller renames into place.
Status WriteDurably(const fs::path& path, const std::string& bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError("无法写入 " + path.string() + "：" + std::strerror(errno));
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = std::strerror(errno);
      ::close(fd);
      return Status::IoError("写入 " + path.string() + " 失败：" + why);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) return Status::IoError("写入 " + path.string() + " 失败（fsync）");
  return Status::Ok();
}

// A scratch copy nobody needs after a crash: no fsync.
Status WriteScratch(const fs::path& path, const std::string& bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return Status::IoError("无法写入 " + path.string() + "：" + std::strerror(errno));
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  if (std::fclose(f) != 0 || !ok) return Status::IoError("写入 " + path.string() + " 失败");
  return Status::Ok();
}

void SyncDir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    (void)::fsync(fd);
    ::close(fd);
  }
}

std::string ReplaceAll(std::string s, const std::string& from, const std::string& to) {
  if (from.empty()) return s;
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  return s;
}

// Parses the file at `path` with its importer; messages name `shown`
// (the uploaded file's name) instead of our scratch path.
Status ParseFile(const fs::path& path, const std::string& ext, const std::string& kind, const std::string& shown,
                 model::Document* doc) {
  Status s;
  if (ext == "docx") {
    formats::DocxImportOptions opt;
    opt.kind = kind;
    s = formats::ImportDocx(path, opt, doc);
  } else {
    s = formats::ImportManuscriptMarkdown(path, doc);
  }
  if (s.ok()) return s;
  std::string m = ReplaceAll(s.message(), path.string(), shown);
  m = ReplaceAll(m, path.filename().string(), shown);
  return Status::InvalidInput("稿件无法读取：" + m);
}

size_t CountNodes(const model::Document& doc) {
  const model::Edition* e = doc.BaseEdition();
  if (e == nullptr) return 0;
  size_t n = 0;
  model::ForEachNode(e->nodes, [&](const model::Node&, const std::string&, int) { ++n; });
  return n;
}

Status RequireCompilerOf(const User& actor, const std::string& office) {
  if (actor.role != Role::kCompiler) {
    return Status::InvalidInput("只有编纂人员可以上传稿件，" + std::string(accounts::RoleLabel(actor.role)) +
                                "不能 (only a compiler uploads)");
  }
  if (actor.office != office) return Status::NotFound("没有这部稿件 (no such manuscript)");
  return Status::Ok();
}

Status RequireReviewer(const User& actor, const char* what) {
  if (actor.role != Role::kReviewer) {
    return Status::InvalidInput(std::string(what) + "只能由省级审读人员操作 (reviewer only)");
  }
  return Status::Ok();
}

// The review's name of a manuscript kind: "gazetteer" for 志书, else "yearbook".
std::string ReviewKindOfManuscript(const std::string& kind) {
  return kind == model::kKindGazetteer ? "gazetteer" : "yearbook";
}

std::string NotFoundMessage(int64_t id) {
  return "没有编号为 " + std::to_string(id) + " 的稿件，或您无权查看 (no such manuscript)";
}

// The columns of a Manuscript row, with the latest summary that exists.
constexpr const char* kManuscriptSelect =
    "SELECT m.id, m.office, o.name, m.title, m.year, m.kind, m.status, "
    " (SELECT max(number) FROM workflow_versions v WHERE v.manuscript_id = m.id),"
    " m.created_at, m.updated_at, m.created_by,"
    " s.open_findings, CAST(s.error_rate AS TEXT), s.verdict"
    " FROM workflow_manuscripts m JOIN accounts_offices o ON o.region_code = m.office"
    " LEFT JOIN workflow_version_summary s ON s.manuscript_id = m.id AND s.version ="
    "  (SELECT max(version) FROM workflow_version_summary t WHERE t.manuscript_id = m.id) ";

void ReadManuscript(const store::Statement& st, Manuscript* m) {
  m->id = st.Int(0);
  m->office = st.Text(1);
  m->office_name = st.Text(2);
  m->title = st.Text(3);
  m->year = static_cast<int>(st.Int(4));
  m->kind = st.Text(5);
  ManuscriptStatus s = ManuscriptStatus::kSubmitted;
  (void)ParseStatus(st.Text(6), &s);
  m->status = s;
  m->latest_version = st.IsNull(7) ? 0 : st.Int(7);
  m->created_at = st.Int(8);
  m->updated_at = st.Int(9);
  m->created_by = st.Text(10);
  m->open_findings = st.IsNull(11) ? -1 : st.Int(11);
  if (!st.IsNull(12)) m->error_rate = std::strtod(st.Text(12).c_str(), nullptr);
  m->verdict = st.IsNull(13) ? "" : st.Text(13);
}

// Steps `st` to its last row, calling `read(st)` on each.
template <typename ReadRow>
Status ForEachRow(store::Statement& st, ReadRow&& read) {
  for (;;) {
    bool row = false;
    FZ_RETURN_IF_ERROR(st.Step(&row));
    if (!row) return Status::Ok();
    read(st);
  }
}

// On failure, removes the staged upload and the version file placed from
// it; returns `s`.
Status DiscardIfFailed(Status s, const fs::path& scratch, const fs::path& placed) {
  if (!s.ok()) {
    std::error_code ec;
    fs::remove(scratch, ec);
    if (!placed.empty()) fs::remove(placed, ec);
  }
  return s;
}

}  // namespace

bool CanSeeOffice(const User& viewer, const std::string& office) {
  if (viewer.disabled) return false;
  switch (viewer.role) {
    case Role::kAdmin:
      return true;
    case Role::kReviewer:
      return model::RegionWithin(office, viewer.office);
    case Role::kCompiler:
      return viewer.office == office;
    default:
      return false;
  }
}

Status ParseManuscriptBytes(const std::string& bytes, const std::string& ext, const std::string& kind,
                            model::Document* doc) {
  const fs::path tmp = fs::temp_directory_path() / ("fangzhi-upload-" + accounts::RandomHex(8) + "." + ext);
  FZ_RETURN_IF_ERROR(WriteDurably(tmp, bytes));
  Status s = ParseFile(tmp, ext, kind, "上传的文件", doc);
  std::error_code ec;
  fs::remove(tmp, ec);
  return s;
}

struct WorkflowStore::Impl {
  // Loads the manuscript if `viewer` may see it; kNotFound otherwise, the
  // same answer as for an id that does not exist.
  static Status Load(WorkflowStore* w, const User& viewer, int64_t id, Manuscript* out) {
    store::Statement st;
    FZ_RETURN_IF_ERROR(w->db_->Prepare((std::string(kManuscriptSelect) + "WHERE m.id = ?").c_str(), &st));
    st.Bind(1, id);
    bool row = false;
    FZ_RETURN_IF_ERROR(st.Step(&row));
    if (!row) return Status::NotFound(NotFoundMessage(id));
    Manuscript m;
    ReadManuscript(st, &m);
    if (!CanSeeOffice(viewer, m.office)) return Status::NotFound(NotFoundMessage(id));
    *out = std::move(m);
    return Status::Ok();
  }

  // Prepares `sql` with manuscript `id` bound to its first parameter, once
  // `viewer` may see that manuscript (Load's answer otherwise).
  static Status PrepareFor(WorkflowStore* w, const User& viewer, int64_t id, const char* sql, store::Statement* st) {
    Manuscript m;
    FZ_RETURN_IF_ERROR(Load(w, viewer, id, &m));
    FZ_RETURN_IF_ERROR(w->db_->Prepare(sql, st));
    st->Bind(1, id);
    return Status::Ok();
  }

  // Writes the upload to a scratch file in the manuscripts folder and parses
  // it; on success `*scratch` is the file to rename into place.
  static Status Stage(WorkflowStore* w, const std::string& file_name, const std::string& bytes, const std::string& kind,
                      std::string* ext, fs::path* scratch, size_t* nodes, int64_t* open_findings) {
    FZ_RETURN_IF_ERROR(ExtensionOf(file_name, ext));
    if (bytes.empty()) return Status::InvalidInput("“" + file_name.substr(0, 200) + "”：文件是空的 (empty file)");
    const fs::path dir = w->data_dir_ / "manuscripts" / ".incoming";
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Status::IoError("无法建立目录 " + dir.string() + "：" + ec.message());
    *scratch = dir / (accounts::RandomHex(12) + "." + *ext);
    FZ_RETURN_IF_ERROR(WriteDurably(*scratch, bytes));
    model::Document doc;
    Status s = ParseFile(*scratch, *ext, kind, file_name.substr(0, 200), &doc);
    if (!s.ok()) {
      fs::remove(*scratch, ec);
      return s;
    }
    *nodes = CountNodes(doc);
    if (*nodes == 0) {
      fs::remove(*scratch, ec);
      return Status::InvalidInput("“" + file_name.substr(0, 200) +
                                  "”：稿件中没有任何标题（篇目），无法审查 (no headings in the manuscript)");
    }
    // The dashboard's count of open findings, as the review screens count
    // them (review/builtin_checker.h), so that it is the new version's from
    // the moment it is stored, not the previous version's.
    std::vector<check::Finding> findings;
    s = review::CheckVersionWithBuiltinFramework(doc, ReviewKindOfManuscript(kind), &findings);
    if (!s.ok()) {
      fs::remove(*scratch, ec);
      // The file parsed, so this is the program's rule packs or framework
      // failing, not the upload: an environment failure.
      return Status::IoError("检查“" + file_name.substr(0, 200) + "”时出错，稿件未保存：" + s.message() +
                             " (the checks failed; nothing stored)");
    }
    *open_findings = static_cast<int64_t>(findings.size());
    return Status::Ok();
  }

  // Inside the caller's transaction: the summary row of a new version, with
  // no error rate yet (that comes with the spot-check).
  static Status InitialSummary(WorkflowStore* w, int64_t id, int64_t n, int64_t open_findings, int64_t now) {
    store::Statement st;
    FZ_RETURN_IF_ERROR(w->db_->Prepare(
        "INSERT INTO workflow_version_summary(manuscript_id, version, open_findings, error_rate, verdict, updated_at)"
        " VALUES(?,?,?,NULL,'',?)",
        &st));
    st.Bind(1, id).Bind(2, n).Bind(3, open_findings).Bind(4, now);
    return st.Run();
  }

  // The stored bytes of version `v`, refused (kCorruption) unless they
  // have the SHA-256 recorded at upload. Messages name the manuscript, the
  // version and the file relative to the data dir (they reach web pages).
  static Status ReadVerified(const WorkflowStore* w, const Version& v, std::string* bytes) {
    const fs::path p = VersionFile(w, v.manuscript_id, v.number, v.ext);
    const std::string shown = "稿件 " + std::to_string(v.manuscript_id) + " 第 " + std::to_string(v.number) + " 版（" +
                              v.file_name + "，manuscripts/" + std::to_string(v.manuscript_id) + "/" +
                              p.filename().string() + "）";
    std::FILE* f = std::fopen(p.c_str(), "rb");
    if (f == nullptr) return Status::IoError(shown + "的文件缺失：" + std::strerror(errno));
    std::string data;
    char buf[65536];
    size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, n);
    const bool bad = std::ferror(f) != 0;
    std::fclose(f);
    if (bad) return Status::IoError("读取" + shown + "的文件失败");
    if (accounts::Sha256Hex(data) != v.sha256) {
      return Status::Corruption(shown + "的文件与上传时的 SHA-256 不符（文件被改动或损坏），不能审查或下载；"
                                "请管理员从备份恢复 (manuscript " + std::to_string(v.manuscript_id) + " version " +
                                std::to_string(v.number) + ": stored file does not match its SHA-256)");
    }
    *bytes = std::move(data);
    return Status::Ok();
  }

  static fs::path VersionFile(const WorkflowStore* w, int64_t id, int64_t n, const std::string& ext) {
    return w->data_dir_ / "manuscripts" / std::to_string(id) / ("v" + std::to_string(n) + "." + ext);
  }

  // Inside the caller's transaction: the version row, the file in place.
  static Status PlaceVersion(WorkflowStore* w, const User& actor, int64_t id, int64_t n, const std::string& file_name,
                             const std::string& ext, const std::string& bytes, size_t nodes, const fs::path& scratch,
                             int64_t now, fs::path* placed) {
    store::Statement st;
    FZ_RETURN_IF_ERROR(w->db_->Prepare(
        "INSERT INTO workflow_versions(manuscript_id, number, file_name, ext, sha256, bytes, nodes, uploaded_by,"
        " uploaded_at) VALUES(?,?,?,?,?,?,?,?,?)",
        &st));
    st.Bind(1, id).Bind(2, n).Bind(3, fs::path(file_name).filename().string()).Bind(4, ext);
    st.Bind(5, accounts::Sha256Hex(bytes)).Bind(6, static_cast<int64_t>(bytes.size()));
    st.Bind(7, static_cast<int64_t>(nodes)).Bind(8, actor.name).Bind(9, now);
    FZ_RETURN_IF_ERROR(st.Run());
    const fs::path target = VersionFile(w, id, n, ext);
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) return Status::IoError("无法建立目录 " + target.parent_path().string() + "：" + ec.message());
    fs::rename(scratch, target, ec);
    if (ec) return Status::IoError("无法保存 " + target.string() + "：" + ec.message());
    SyncDir(target.parent_path());
    *placed = target;
    return Status::Ok();
  }

  static Status History(WorkflowStore* w, const User& actor, int64_t id, int64_t now, const std::string& from,
                        const std::string& to, int64_t version, const std::string& note) {
    store::Statement st;
    FZ_RETURN_IF_ERROR(w->db_->Prepare(
        "INSERT INTO workflow_status_history(manuscript_id, at, actor, from_status, to_status, version, note)"
        " VALUES(?,?,?,?,?,?,?)",
        &st));
    st.Bind(1, id).Bind(2, now).Bind(3, actor.name).Bind(4, from).Bind(5, to).Bind(6, version).Bind(7, note);
    return st.Run();
  }

  // Sets the status (and updated_at) of manuscript `id` to `to`. A change
  // from `from` goes to the status history with `history_note` and to the
  // audit log with `audit_note`.
  static Status SetStatus(WorkflowStore* w, const User& actor, const std::string& address, int64_t id, int64_t now,
                          ManuscriptStatus from, ManuscriptStatus to, int64_t version, const std::string& history_note,
                          const std::string& audit_note) {
    store::Statement up;
    FZ_RETURN_IF_ERROR(w->db_->Prepare("UPDATE workflow_manuscripts SET status = ?, updated_at = ? WHERE id = ?", &up));
    up.Bind(1, StatusName(to)).Bind(2, now).Bind(3, id);
    FZ_RETURN_IF_ERROR(up.Run());
    if (from == to) return Status::Ok();
    const std::string before(StatusName(from)), after(StatusName(to));
    FZ_RETURN_IF_ERROR(History(w, actor, id, now, before, after, version, history_note));
    return AppendAudit(w->db_.get(),
                       {0, now, actor.name, "status:" + before + "->" + after, address, id, version, audit_note});
  }

  // Writes `sql` about version `version` of manuscript `id` (which `actor`
  // must see) and its audit row in one transaction; `bind(st, now)` binds
  // the statement's parameters.
  template <typename Bind>
  static Status SaveVersionRow(WorkflowStore* w, const User& actor, const std::string& address, int64_t id,
                               int64_t version, const char* sql, Bind&& bind, const std::string& action,
                               const std::string& detail) {
    Version v;
    FZ_RETURN_IF_ERROR(w->GetVersion(actor, id, version, &v));
    std::lock_guard lock(w->mu_);
    store::Transaction tx(w->db_.get());
    FZ_RETURN_IF_ERROR(tx.Begin());
    const int64_t now = w->clock_();
    store::Statement st;
    FZ_RETURN_IF_ERROR(w->db_->Prepare(sql, &st));
    bind(st, now);
    FZ_RETURN_IF_ERROR(st.Run());
    FZ_RETURN_IF_ERROR(AppendAudit(w->db_.get(), {0, now, actor.name, action, address, id, version, detail}));
    return tx.Commit();
  }
};

WorkflowStore::WorkflowStore(fs::path data_dir, std::unique_ptr<store::Database> db, accounts::Clock clock)
    : data_dir_(std::move(data_dir)), db_(std::move(db)), clock_(std::move(clock)) {}
WorkflowStore::~WorkflowStore() = default;

Status WorkflowStore::Open(const fs::path& data_dir, std::unique_ptr<WorkflowStore>* out, accounts::Clock clock) {
  std::unique_ptr<store::Database> db;
  // The accounts tables first: manuscripts refer to offices, and changes
  // are audited in the same transaction.
  FZ_RETURN_IF_ERROR(store::OpenComponentDatabase(data_dir, "accounts", accounts::AccountMigrations(), &db));
  FZ_RETURN_IF_ERROR(store::MigrateComponent(db.get(), "workflow", Migrations()));
  out->reset(new WorkflowStore(data_dir, std::move(db), std::move(clock)));
  return Status::Ok();
}

Status WorkflowStore::CreateManuscript(const User& actor, const std::string& address, const std::string& title,
                                       int year, const std::string& kind, const std::string& file_name,
                                       const std::string& bytes, int64_t* manuscript_id) {
  FZ_RETURN_IF_ERROR(RequireCompilerOf(actor, actor.office));
  if (title.empty()) return Status::InvalidInput("请填写书名，如 示例县年鉴（2025） (title is empty)");
  if (title.size() > 300 || text::FindInvalidUtf8(title) != text::kValid) {
    return Status::InvalidInput("书名过长或不是有效的 UTF-8 (bad title)");
  }
  if (year < 1900 || year > 2200) {
    return Status::InvalidInput("年份 " + std::to_string(year) + " 不在 1900–2200 之间 (year out of range)");
  }
  if (kind != model::kKindYearbook && kind != model::kKindGazetteer) {
    return Status::InvalidInput("稿件类型只能是 年鉴 或 志书，而不是 “" + kind.substr(0, 40) + "” (kind)");
  }
  std::string ext;
  fs::path scratch;
  size_t nodes = 0;
  int64_t open_findings = 0;
  FZ_RETURN_IF_ERROR(Impl::Stage(this, file_name, bytes, kind, &ext, &scratch, &nodes, &open_findings));
  std::lock_guard lock(mu_);
  const int64_t now = clock_();
  fs::path placed;
  Status s = [&]() -> Status {
    store::Transaction tx(db_.get());
    FZ_RETURN_IF_ERROR(tx.Begin());
    store::Statement dup;
    FZ_RETURN_IF_ERROR(
        db_->Prepare("SELECT id FROM workflow_manuscripts WHERE office = ? AND title = ? AND year = ?", &dup));
    dup.Bind(1, actor.office).Bind(2, title).Bind(3, static_cast<int64_t>(year));
    bool row = false;
    FZ_RETURN_IF_ERROR(dup.Step(&row));
    if (row) {
      return Status::AlreadyExists("本单位已有《" + title + "》（" + std::to_string(year) + "）的稿件，编号 " +
                                   std::to_string(dup.Int(0)) + "；请在该稿件页面上传新版本 (manuscript exists)");
    }
    store::Statement ins;
    FZ_RETURN_IF_ERROR(db_->Prepare(
        "INSERT INTO workflow_manuscripts(office, title, year, kind, status, created_at, updated_at, created_by)"
        " VALUES(?,?,?,?,'submitted',?,?,?)",
        &ins));
    ins.Bind(1, actor.office).Bind(2, title).Bind(3, static_cast<int64_t>(year)).Bind(4, kind).Bind(5, now);
    ins.Bind(6, now).Bind(7, actor.name);
    FZ_RETURN_IF_ERROR(ins.Run());
    int64_t id = 0;
    FZ_RETURN_IF_ERROR(LastInsertId(db_.get(), &id));
    FZ_RETURN_IF_ERROR(Impl::History(this, actor, id, now, "", "submitted", 1, ""));
    FZ_RETURN_IF_ERROR(AppendAudit(db_.get(), {0, now, actor.name, "manuscript_create", address, id, 1,
                                               title + "（" + std::to_string(year) + "）"}));
    FZ_RETURN_IF_ERROR(AppendAudit(db_.get(), {0, now, actor.name, "version_upload", address, id, 1,
                                               fs::path(file_name).filename().string()}));
    FZ_RETURN_IF_ERROR(Impl::InitialSummary(this, id, 1, open_findings, now));
    FZ_RETURN_IF_ERROR(Impl::PlaceVersion(this, actor, id, 1, file_name, ext, bytes, nodes, scratch, now, &placed));
    FZ_RETURN_IF_ERROR(tx.Commit());
    *manuscript_id = id;
    return Status::Ok();
  }();
  return DiscardIfFailed(std::move(s), scratch, placed);
}

Status WorkflowStore::AddVersion(const User& actor, const std::string& address, int64_t manuscript_id,
                                 const std::string& file_name, const std::string& bytes, int64_t* number) {
  Manuscript m;
  {
    std::lock_guard lock(mu_);
    FZ_RETURN_IF_ERROR(Impl::Load(this, actor, manuscript_id, &m));
  }
  FZ_RETURN_IF_ERROR(RequireCompilerOf(actor, m.office));
  ManuscriptStatus after = m.status;
  FZ_RETURN_IF_ERROR(UploadAllowed(m.status, &after));
  std::string ext;
  fs::path scratch;
  size_t nodes = 0;
  int64_t open_findings = 0;
  FZ_RETURN_IF_ERROR(Impl::Stage(this, file_name, bytes, m.kind, &ext, &scratch, &nodes, &open_findings));
  std::lock_guard lock(mu_);
  const int64_t now = clock_();
  fs::path placed;
  Status s = [&]() -> Status {
    store::Transaction tx(db_.get());
    FZ_RETURN_IF_ERROR(tx.Begin());
    Manuscript fresh;  // the status may have moved while we parsed
    FZ_RETURN_IF_ERROR(Impl::Load(this, actor, manuscript_id, &fresh));
    FZ_RETURN_IF_ERROR(UploadAllowed(fresh.status, &after));
    const int64_t n = fresh.latest_version + 1;
    FZ_RETURN_IF_ERROR(Impl::SetStatus(this, actor, address, manuscript_id, now, fresh.status, after, n,
                                       "上传第 " + std::to_string(n) + " 版", ""));
    FZ_RETURN_IF_ERROR(AppendAudit(db_.get(), {0, now, actor.name, "version_upload", address, manuscript_id, n,
                                               fs::path(file_name).filename().string()}));
    FZ_RETURN_IF_ERROR(Impl::InitialSummary(this, manuscript_id, n, open_findings, now));
    FZ_RETURN_IF_ERROR(
        Impl::PlaceVersion(this, actor, manuscript_id, n, file_name, ext, bytes, nodes, scratch, now, &placed));
    FZ_RETURN_IF_ERROR(tx.Commit());
    *number = n;
    return Status::Ok();
  }();
  return DiscardIfFailed(std::move(s), scratch, placed);
}

Status WorkflowStore::Transition(const User& actor, const std::string& address, int64_t manuscript_id,
                                 ManuscriptStatus expected_from, ManuscriptStatus to, const std::string& note) {
  if (note.size() > 4000 || text::FindInvalidUtf8(note) != text::kValid) {
    return Status::InvalidInput("说明过长或不是有效的 UTF-8 (bad note)");
  }
  std::lock_guard lock(mu_);
  store::Transaction tx(db_.get());
  FZ_RETURN_IF_ERROR(tx.Begin());
  Manuscript m;
  FZ_RETURN_IF_ERROR(Impl::Load(this, actor, manuscript_id, &m));
  if (m.status != expected_from) {
    return Status::InvalidInput("稿件状态已变为“" + std::string(StatusLabel(m.status)) + "”，请刷新页面后再操作 (status changed)");
  }
  FZ_RETURN_IF_ERROR(CheckTransition(actor.role, m.status, to));
  FZ_RETURN_IF_ERROR(
      Impl::SetStatus(this, actor, address, manuscript_id, clock_(), m.status, to, m.latest_version, note, note));
  return tx.Commit();
}

Status WorkflowStore::ListManuscripts(const User& viewer, std::vector<Manuscript>* out) {
  out->clear();
  if (viewer.role != Role::kAdmin && viewer.role != Role::kReviewer && viewer.role != Role::kCompiler) {
    return Status::Ok();
  }
  std::lock_guard lock(mu_);
  store::Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare(
      (std::string(kManuscriptSelect) + "WHERE ?1 = '' OR m.office = ?1 ORDER BY m.year DESC, m.office, m.id").c_str(),
      &st));
  // The office filter is in the query, and CanSeeOffice checks each row again.
  st.Bind(1, viewer.role == Role::kCompiler ? viewer.office : std::string());
  return ForEachRow(st, [&](const store::Statement& r) {
    Manuscript m;
    ReadManuscript(r, &m);
    if (CanSeeOffice(viewer, m.office)) out->push_back(std::move(m));
  });
}

Status WorkflowStore::GetManuscript(const User& viewer, int64_t id, Manuscript* out) {
  std::lock_guard lock(mu_);
  return Impl::Load(this, viewer, id, out);
}

Status WorkflowStore::ListVersions(const User& viewer, int64_t id, std::vector<Version>* out) {
  out->clear();
  std::lock_guard lock(mu_);
  store::Statement st;
  FZ_RETURN_IF_ERROR(Impl::PrepareFor(
      this, viewer, id,
      "SELECT manuscript_id, number, file_name, ext, sha256, bytes, nodes, uploaded_by, uploaded_at"
      " FROM workflow_versions WHERE manuscript_id = ? ORDER BY number",
      &st));
  return ForEachRow(st, [&](const store::Statement& r) {
    out->push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), r.Int(6), r.Text(7), r.Int(8)});
  });
}

Status WorkflowStore::GetVersion(const User& viewer, int64_t id, int64_t number, Version* out) {
  std::vector<Version> all;
  FZ_RETURN_IF_ERROR(ListVersions(viewer, id, &all));
  for (Version& v : all) {
    if (v.number == number) {
      *out = std::move(v);
      return Status::Ok();
    }
  }
  return Status::NotFound("稿件 " + std::to_string(id) + " 没有第 " + std::to_string(number) + " 版 (no such version)");
}

Status WorkflowStore::StatusHistory(const User& viewer, int64_t id, std::vector<StatusChange>* out) {
  out->clear();
  std::lock_guard lock(mu_);
  store::Statement st;
  FZ_RETURN_IF_ERROR(Impl::PrepareFor(this, viewer, id,
                                      "SELECT at, actor, from_status, to_status, version, note"
                                      " FROM workflow_status_history WHERE manuscript_id = ? ORDER BY id",
                                      &st));
  return ForEachRow(st, [&](const store::Statement& r) {
    out->push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4), r.Text(5)});
  });
}

Status WorkflowStore::AuditOf(const User& viewer, int64_t id, std::vector<AuditEntry>* out) {
  std::lock_guard lock(mu_);
  Manuscript m;
  FZ_RETURN_IF_ERROR(Impl::Load(this, viewer, id, &m));
  return accounts::ReadAudit(db_.get(), id, 1000, out);
}

Status WorkflowStore::AuditLog(const User& viewer, size_t limit, std::vector<AuditEntry>* out) {
  if (viewer.role != Role::kAdmin || viewer.disabled) {
    return Status::InvalidInput("只有管理员可以查看审计日志 (administrator only)");
  }
  std::lock_guard lock(mu_);
  return accounts::ReadAudit(db_.get(), 0, limit, out);
}

Status WorkflowStore::VersionPath(const User& viewer, int64_t id, int64_t number, fs::path* out) {
  Version v;
  FZ_RETURN_IF_ERROR(GetVersion(viewer, id, number, &v));
  *out = Impl::VersionFile(this, id, number, v.ext);
  return Status::Ok();
}

Status WorkflowStore::ReadVersionFile(const User& viewer, int64_t id, int64_t number, std::string* bytes) {
  Version v;
  FZ_RETURN_IF_ERROR(GetVersion(viewer, id, number, &v));
  return Impl::ReadVerified(this, v, bytes);
}

Status WorkflowStore::LoadVersionDocument(const User& viewer, int64_t id, int64_t number, model::Document* doc) {
  Manuscript m;
  FZ_RETURN_IF_ERROR(GetManuscript(viewer, id, &m));
  Version v;
  FZ_RETURN_IF_ERROR(GetVersion(viewer, id, number, &v));
  // The importers read files, so the verified bytes (not the file on disk,
  // which could change after the check) go to a private scratch copy with
  // the stored file's name: the importer derives the work id from it.
  std::string bytes;
  FZ_RETURN_IF_ERROR(Impl::ReadVerified(this, v, &bytes));
  // Readable by us only: manuscripts under review are not public.
  const fs::path dir = fs::temp_directory_path() / ("fangzhi-version-" + accounts::RandomHex(8));
  if (::mkdir(dir.c_str(), 0700) != 0) {
    return Status::IoError("无法建立临时目录 " + dir.string() + "：" + std::strerror(errno));
  }
  std::error_code ec;
  const fs::path copy = dir / Impl::VersionFile(this, id, number, v.ext).filename();
  Status s = WriteScratch(copy, bytes);
  if (s.ok()) s = ParseFile(copy, v.ext, m.kind, v.file_name, doc);
  fs::remove_all(dir, ec);
  return s;
}

Status WorkflowStore::AddComment(const User& actor, const std::string& address, const Comment& c, int64_t* id) {
  FZ_RETURN_IF_ERROR(RequireReviewer(actor, "批注"));
  if (c.body.empty()) return Status::InvalidInput("批注内容不能为空 (empty comment)");
  for (const std::string* f : {&c.body, &c.node_path, &c.anchor_text}) {
    if (f->size() > 20000 || text::FindInvalidUtf8(*f) != text::kValid) {
      return Status::InvalidInput("批注过长或不是有效的 UTF-8 (bad comment)");
    }
  }
  Version v;
  FZ_RETURN_IF_ERROR(GetVersion(actor, c.manuscript_id, c.version, &v));
  std::lock_guard lock(mu_);
  store::Transaction tx(db_.get());
  FZ_RETURN_IF_ERROR(tx.Begin());
  const int64_t now = clock_();
  store::Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare(
      "INSERT INTO workflow_comments(manuscript_id, version, node_path, anchor_text, body, author, created_at)"
      " VALUES(?,?,?,?,?,?,?)",
      &st));
  st.Bind(1, c.manuscript_id).Bind(2, c.version).Bind(3, c.node_path).Bind(4, c.anchor_text).Bind(5, c.body);
  st.Bind(6, actor.name).Bind(7, now);
  FZ_RETURN_IF_ERROR(st.Run());
  int64_t new_id = 0;
  FZ_RETURN_IF_ERROR(LastInsertId(db_.get(), &new_id));
  FZ_RETURN_IF_ERROR(AppendAudit(db_.get(), {0, now, actor.name, "comment_add", address, c.manuscript_id, c.version,
                                             c.node_path}));
  FZ_RETURN_IF_ERROR(tx.Commit());
  if (id != nullptr) *id = new_id;
  return Status::Ok();
}

Status WorkflowStore::ListComments(const User& viewer, int64_t manuscript_id, int64_t version,
                                   std::vector<Comment>* out) {
  out->clear();
  std::lock_guard lock(mu_);
  store::Statement st;
  FZ_RETURN_IF_ERROR(Impl::PrepareFor(
      this, viewer, manuscript_id,
      "SELECT id, manuscript_id, version, node_path, anchor_text, body, author, created_at FROM workflow_comments"
      " WHERE manuscript_id = ? AND (? = 0 OR version = ?) ORDER BY id",
      &st));
  st.Bind(2, version).Bind(3, version);
  return ForEachRow(st, [&](const store::Statement& r) {
    out->push_back({r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Int(7)});
  });
}

Status WorkflowStore::PutVersionJson(const User& actor, const std::string& address, int64_t manuscript_id,
                                     int64_t version, const std::string& kind, const std::string& json) {
  FZ_RETURN_IF_ERROR(RequireReviewer(actor, "保存审查结果"));
  bool kind_ok = !kind.empty() && kind.size() <= 32;
  for (char c : kind) kind_ok = kind_ok && ((c >= 'a' && c <= 'z') || c == '_' || (c >= '0' && c <= '9'));
  if (!kind_ok) return Status::InvalidInput("结果类别 “" + kind.substr(0, 40) + "” 应为小写字母、数字或 _ (bad kind)");
  if (!nlohmann::json::accept(json)) return Status::InvalidInput(kind + "：不是有效的 JSON (invalid JSON)");
  return Impl::SaveVersionRow(
      this, actor, address, manuscript_id, version,
      "INSERT INTO workflow_version_json(manuscript_id, version, kind, json, updated_by, updated_at)"
      " VALUES(?,?,?,?,?,?) ON CONFLICT(manuscript_id, version, kind) DO UPDATE SET"
      " json = excluded.json, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
      [&](store::Statement& st, int64_t now) {
        st.Bind(1, manuscript_id).Bind(2, version).Bind(3, kind).Bind(4, json).Bind(5, actor.name).Bind(6, now);
      },
      kind + "_save", "");
}

Status WorkflowStore::GetVersionJson(const User& viewer, int64_t manuscript_id, int64_t version,
                                     const std::string& kind, std::string* json) {
  std::lock_guard lock(mu_);
  store::Statement st;
  FZ_RETURN_IF_ERROR(Impl::PrepareFor(
      this, viewer, manuscript_id,
      "SELECT json FROM workflow_version_json WHERE manuscript_id = ? AND version = ? AND kind = ?", &st));
  st.Bind(2, version).Bind(3, kind);
  bool row = false;
  FZ_RETURN_IF_ERROR(st.Step(&row));
  if (!row) {
    return Status::NotFound("稿件 " + std::to_string(manuscript_id) + " 第 " + std::to_string(version) + " 版还没有 " +
                            kind + " 结果");
  }
  *json = st.Text(0);
  return Status::Ok();
}

Status WorkflowStore::SetVersionSummary(const User& actor, const std::string& address, int64_t manuscript_id,
                                        int64_t version, const VersionSummary& summary) {
  FZ_RETURN_IF_ERROR(RequireReviewer(actor, "保存审查统计"));
  return Impl::SaveVersionRow(
      this, actor, address, manuscript_id, version,
      "INSERT INTO workflow_version_summary(manuscript_id, version, open_findings, error_rate, verdict, updated_at)"
      " VALUES(?,?,?,CAST(? AS REAL),?,?) ON CONFLICT(manuscript_id, version) DO UPDATE SET"
      " open_findings = excluded.open_findings, error_rate = excluded.error_rate, verdict = excluded.verdict,"
      " updated_at = excluded.updated_at",
      [&](store::Statement& st, int64_t now) {
        st.Bind(1, manuscript_id).Bind(2, version).Bind(3, summary.open_findings);
        if (summary.error_rate) {
          char buf[64];
          std::snprintf(buf, sizeof buf, "%.17g", *summary.error_rate);
          st.Bind(4, std::string(buf));
        } else {
          st.BindNull(4);
        }
        st.Bind(5, summary.verdict).Bind(6, now);
      },
      "summary_save", summary.verdict);
}

}  // namespace fangzhi::workflow
