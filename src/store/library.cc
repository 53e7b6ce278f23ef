#include "store/library.h"

#include <chrono>
#include <ctime>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "store/data_dir.h"
#include "store/schema.h"
#include "store/sqlite.h"
#include "text/han.h"

namespace fangzhi::store {
namespace {

using nlohmann::json;

std::string NowUtc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

size_t CountBlocks(const std::vector<model::Node>& nodes) {
  size_t n = 0;
  for (const model::Node& node : nodes) n += node.blocks.size() + CountBlocks(node.children);
  return n;
}

size_t NodeHan(const model::Node& n) {
  size_t h = text::CountHan(n.title);
  for (const model::Block& b : n.blocks) {
    if (b.kind != model::BlockKind::kRemark) h += text::CountHan(b.text);
  }
  return h;
}

// Writes one edition's nodes and blocks with prepared statements.
class EditionWriter {
 public:
  EditionWriter(Database* db, const std::string& work, const std::string& edition, size_t total,
                const Library::Progress& progress, size_t* done)
      : db_(db), work_(work), edition_(edition), total_(total), progress_(progress), done_(done) {}

  Status Prepare() {
    FZ_RETURN_IF_ERROR(db_->Prepare(
        "INSERT INTO nodes(work_id, edition_id, parent_id, ord, depth, key, path, level, title, label, han_count)"
        " VALUES(?,?,?,?,?,?,?,?,?,?,?)",
        &node_));
    return db_->Prepare("INSERT INTO blocks(node_id, seq, kind, para, text, attrs) VALUES(?,?,?,?,?,?)",
                        &block_);
  }

  Status Write(const std::vector<model::Node>& nodes, int64_t parent, const std::string& prefix, int depth) {
    for (const model::Node& n : nodes) {
      const std::string path = prefix.empty() ? n.key : prefix + "/" + n.key;
      node_.Bind(1, work_).Bind(2, edition_);
      if (parent > 0) node_.Bind(3, parent); else node_.BindNull(3);
      node_.Bind(4, ord_++).Bind(5, depth).Bind(6, n.key).Bind(7, path).Bind(8, n.level);
      node_.Bind(9, n.title).Bind(10, n.label).Bind(11, static_cast<int64_t>(NodeHan(n)));
      FZ_RETURN_IF_ERROR(node_.Run());
      const int64_t id = sqlite3_last_insert_rowid(db_->handle());
      int64_t seq = 0;
      for (const model::Block& b : n.blocks) {
        block_.Bind(1, id).Bind(2, seq++).Bind(3, model::BlockKindName(b.kind)).Bind(4, b.para).Bind(5, b.text);
        if (b.attrs.empty()) block_.BindNull(6); else block_.Bind(6, json(b.attrs).dump());
        FZ_RETURN_IF_ERROR(block_.Run());
      }
      *done_ += n.blocks.size();
      if (progress_ && (*done_ - reported_ >= 4096 || *done_ == total_)) {
        progress_(*done_, total_);
        reported_ = *done_;
      }
      FZ_RETURN_IF_ERROR(Write(n.children, id, path, depth + 1));
    }
    return Status::Ok();
  }

 private:
  Database* db_;
  const std::string& work_;
  const std::string& edition_;
  size_t total_;
  const Library::Progress& progress_;
  size_t* done_;
  size_t reported_ = 0;
  int64_t ord_ = 0;
  Statement node_;
  Statement block_;
};

std::vector<std::string> ParseStringArray(const std::string& s) {
  std::vector<std::string> out;
  const json j = json::parse(s, nullptr, false);
  if (j.is_array()) {
    for (const json& v : j) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

std::map<std::string, std::string> ParseStringMap(const std::string& s) {
  std::map<std::string, std::string> out;
  if (s.empty()) return out;
  const json j = json::parse(s, nullptr, false);
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      if (v.is_string()) out[k] = v.get<std::string>();
    }
  }
  return out;
}

constexpr const char* kWorkColumns =
    "id, title, kind, region_code, place_name, period, year, dynasty, compilers, source, licence, extra,"
    " han_count, imported_at";

void ReadWork(const Statement& st, WorkSummary* w) {
  w->work.id = st.Text(0);
  w->work.title = st.Text(1);
  w->work.kind = st.Text(2);
  w->work.region_code = st.Text(3);
  w->work.place_name = st.Text(4);
  w->work.period = st.Text(5);
  w->work.year = st.Text(6);
  w->work.dynasty = st.Text(7);
  w->work.compilers = ParseStringArray(st.Text(8));
  w->work.source = st.Text(9);
  w->work.licence = st.Text(10);
  w->work.extra = ParseStringMap(st.Text(11));
  w->han_count = static_cast<size_t>(st.Int(12));
  w->imported_at = st.Text(13);
}

Status ReadBlocks(Statement* st, int64_t node_id, std::vector<model::Block>* out) {
  st->Bind(1, node_id);
  bool row = false;
  while (true) {
    FZ_RETURN_IF_ERROR(st->Step(&row));
    if (!row) break;
    model::Block b;
    if (const std::string kind = st->Text(0); !model::ParseBlockKind(kind, &b.kind)) {
      st->Reset();
      return Status::Corruption("节点 " + std::to_string(node_id) + "：未知的文本块类型 " + kind);
    }
    b.para = static_cast<int>(st->Int(1));
    b.text = st->Text(2);
    if (!st->IsNull(3)) b.attrs = ParseStringMap(st->Text(3));
    out->push_back(std::move(b));
  }
  st->Reset();
  return Status::Ok();
}

}  // namespace

Library::~Library() = default;

Status Library::Open(const std::filesystem::path& data_dir, std::unique_ptr<Library>* out) {
  std::filesystem::path db_file;
  bool fresh = false;
  FZ_RETURN_IF_ERROR(PrepareDataDir(data_dir, &db_file, &fresh));
  std::unique_ptr<Library> lib(new Library());
  lib->data_dir_ = data_dir;
  lib->db_ = std::make_unique<Database>();
  FZ_RETURN_IF_ERROR(lib->db_->Open(db_file.string(), fresh));
  FZ_RETURN_IF_ERROR(PrepareSchema(lib->db_.get(), fresh));
  *out = std::move(lib);
  return Status::Ok();
}

namespace {

class SqliteImportBatch : public Library::ImportBatch {
 public:
  SqliteImportBatch(Database* db, bool replace, Library::Progress progress)
      : db_(db), tx_(db), replace_(replace), progress_(std::move(progress)) {}

  Status Begin() {
    FZ_RETURN_IF_ERROR(tx_.Begin());
    FZ_RETURN_IF_ERROR(db_->Prepare("SELECT 1 FROM works WHERE id = ?", &exists_));
    FZ_RETURN_IF_ERROR(db_->Prepare("DELETE FROM works WHERE id = ?", &delete_));
    FZ_RETURN_IF_ERROR(db_->Prepare(
        "INSERT INTO works(id, title, kind, region_code, place_name, period, year, dynasty, compilers,"
        " source, licence, extra, han_count, imported_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        &work_));
    FZ_RETURN_IF_ERROR(db_->Prepare(
        "INSERT INTO editions(work_id, id, ord, label, is_base, han_count) VALUES(?,?,?,?,?,?)", &edition_));
    FZ_RETURN_IF_ERROR(
        db_->Prepare("INSERT INTO sources(work_id, edition_id, path, bytes) VALUES(?,?,?,?)", &source_));
    FZ_RETURN_IF_ERROR(db_->Prepare("INSERT INTO changes(work_id, op, at) VALUES(?, 'import', ?)", &change_));
    return Status::Ok();
  }

  Status Add(const model::Document& doc) override {
    const model::Work& w = doc.work;
    if (doc.editions.empty()) return Status::InvalidInput(w.id + "：没有任何版本，无法入库");
    if (!seen_.insert(w.id).second) {
      return Status::InvalidInput("同一次导入中作品编号 " + w.id + " 出现了两次");
    }
    exists_.Bind(1, w.id);
    bool exists = false;
    FZ_RETURN_IF_ERROR(exists_.Step(&exists));
    exists_.Reset();
    if (exists && !replace_) {
      return Status::AlreadyExists("作品 " + w.id + " 已在库中；如要用新文本替换，请加 --replace");
    }
    if (exists) FZ_RETURN_IF_ERROR(delete_.Bind(1, w.id).Run());
    const model::Edition* base = doc.BaseEdition();
    work_.Bind(1, w.id).Bind(2, w.title).Bind(3, w.kind).Bind(4, w.region_code).Bind(5, w.place_name);
    work_.Bind(6, w.period).Bind(7, w.year).Bind(8, w.dynasty).Bind(9, json(w.compilers).dump());
    work_.Bind(10, w.source).Bind(11, w.licence).Bind(12, json(w.extra).dump());
    work_.Bind(13, static_cast<int64_t>(model::CountHan(*base))).Bind(14, now_);
    FZ_RETURN_IF_ERROR(work_.Run());
    size_t total = 0, done = 0;
    for (const model::Edition& e : doc.editions) total += CountBlocks(e.nodes);
    int64_t ord = 0;
    for (const model::Edition& e : doc.editions) {
      edition_.Bind(1, w.id).Bind(2, e.id).Bind(3, ord++).Bind(4, e.label).Bind(5, &e == base ? 1 : 0);
      edition_.Bind(6, static_cast<int64_t>(model::CountHan(e)));
      FZ_RETURN_IF_ERROR(edition_.Run());
      EditionWriter writer(db_, w.id, e.id, total, progress_, &done);
      FZ_RETURN_IF_ERROR(writer.Prepare());
      FZ_RETURN_IF_ERROR(writer.Write(e.nodes, 0, "", 0));
    }
    for (const model::SourceFile& src : doc.sources) {
      source_.Bind(1, w.id).Bind(2, src.edition).Bind(3, src.path).Bind(4, static_cast<int64_t>(src.bytes));
      FZ_RETURN_IF_ERROR(source_.Run());
    }
    return change_.Bind(1, w.id).Bind(2, now_).Run();
  }

  Status Commit() override { return tx_.Commit(); }
  Status CommitWith(const std::function<Status(Database*)>& also) {
    if (also) FZ_RETURN_IF_ERROR(also(db_));
    return tx_.Commit();
  }

 private:
  Database* db_;
  Transaction tx_;
  bool replace_;
  Library::Progress progress_;
  std::set<std::string> seen_;
  const std::string now_ = NowUtc();
  Statement exists_, delete_, work_, edition_, source_, change_;
};

}  // namespace

Status Library::BeginImport(bool replace, const Progress& progress, std::unique_ptr<ImportBatch>* out) {
  auto batch = std::make_unique<SqliteImportBatch>(db_.get(), replace, progress);
  FZ_RETURN_IF_ERROR(batch->Begin());
  *out = std::move(batch);
  return Status::Ok();
}

Status Library::Import(const std::vector<const model::Document*>& docs, bool replace,
                       const Progress& progress) {
  std::unique_ptr<ImportBatch> batch;
  FZ_RETURN_IF_ERROR(BeginImport(replace, progress, &batch));
  for (const model::Document* doc : docs) FZ_RETURN_IF_ERROR(batch->Add(*doc));
  return batch->Commit();
}

Status Library::ImportWith(const model::Document& doc, bool replace,
                           const std::function<Status(Database*)>& also) {
  SqliteImportBatch batch(db_.get(), replace, {});
  FZ_RETURN_IF_ERROR(batch.Begin());
  FZ_RETURN_IF_ERROR(batch.Add(doc));
  return batch.CommitWith(also);
}

Status Library::Remove(const std::string& work_id) {
  Transaction tx(db_.get());
  FZ_RETURN_IF_ERROR(tx.Begin());
  Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare("DELETE FROM works WHERE id = ?", &st));
  FZ_RETURN_IF_ERROR(st.Bind(1, work_id).Run());
  if (sqlite3_changes(db_->handle()) == 0) return Status::NotFound("库中没有作品 " + work_id);
  FZ_RETURN_IF_ERROR(db_->Prepare("INSERT INTO changes(work_id, op, at) VALUES(?, 'remove', ?)", &st));
  FZ_RETURN_IF_ERROR(st.Bind(1, work_id).Bind(2, NowUtc()).Run());
  return tx.Commit();
}

Status Library::ListWorks(std::vector<WorkSummary>* out) {
  out->clear();
  Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare((std::string("SELECT ") + kWorkColumns + " FROM works ORDER BY id").c_str(), &st));
  bool row = false;
  while (true) {
    FZ_RETURN_IF_ERROR(st.Step(&row));
    if (!row) break;
    WorkSummary w;
    ReadWork(st, &w);
    out->push_back(std::move(w));
  }
  Statement ed;
  FZ_RETURN_IF_ERROR(db_->Prepare("SELECT id, label, is_base, han_count FROM editions WHERE work_id = ? ORDER BY ord", &ed));
  for (WorkSummary& w : *out) {
    ed.Bind(1, w.work.id);
    while (true) {
      FZ_RETURN_IF_ERROR(ed.Step(&row));
      if (!row) break;
      w.editions.push_back({ed.Text(0), ed.Text(1), ed.Int(2) != 0, static_cast<size_t>(ed.Int(3))});
    }
    ed.Reset();
  }
  return Status::Ok();
}

Status Library::GetWork(const std::string& work_id, WorkSummary* out) {
  Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare((std::string("SELECT ") + kWorkColumns + " FROM works WHERE id = ?").c_str(), &st));
  st.Bind(1, work_id);
  bool row = false;
  FZ_RETURN_IF_ERROR(st.Step(&row));
  if (!row) return Status::NotFound("库中没有作品 " + work_id);
  WorkSummary w;
  ReadWork(st, &w);
  Statement ed;
  FZ_RETURN_IF_ERROR(db_->Prepare("SELECT id, label, is_base, han_count FROM editions WHERE work_id = ? ORDER BY ord", &ed));
  ed.Bind(1, work_id);
  while (true) {
    FZ_RETURN_IF_ERROR(ed.Step(&row));
    if (!row) break;
    w.editions.push_back({ed.Text(0), ed.Text(1), ed.Int(2) != 0, static_cast<size_t>(ed.Int(3))});
  }
  *out = std::move(w);
  return Status::Ok();
}

Status Library::ResolveEdition(const std::string& work_id, const std::string& edition, std::string* out) {
  WorkSummary w;
  FZ_RETURN_IF_ERROR(GetWork(work_id, &w));
  for (const EditionSummary& e : w.editions) {
    if (edition.empty() ? e.base : e.id == edition) {
      *out = e.id;
      return Status::Ok();
    }
  }
  if (edition.empty() && !w.editions.empty()) {
    *out = w.editions.front().id;
    return Status::Ok();
  }
  std::string ids;
  for (const EditionSummary& e : w.editions) ids += (ids.empty() ? "" : "、") + e.id;
  return Status::NotFound("作品 " + work_id + " 没有版本 " + edition + "（现有：" + ids + "）");
}

Status Library::LoadDocument(const std::string& work_id, const std::string& edition, model::Document* out) {
  WorkSummary w;
  FZ_RETURN_IF_ERROR(GetWork(work_id, &w));
  if (!edition.empty()) {
    std::string resolved;
    FZ_RETURN_IF_ERROR(ResolveEdition(work_id, edition, &resolved));
  }
  model::Document doc;
  doc.work = w.work;
  Statement nodes, blocks;
  FZ_RETURN_IF_ERROR(db_->Prepare(
      "SELECT id, parent_id, key, level, title, label FROM nodes WHERE work_id = ? AND edition_id = ? ORDER BY ord",
      &nodes));
  FZ_RETURN_IF_ERROR(db_->Prepare(
      "SELECT b.node_id, b.kind, b.para, b.text, b.attrs FROM blocks b JOIN nodes n ON n.id = b.node_id"
      " WHERE n.work_id = ? AND n.edition_id = ? ORDER BY b.node_id, b.seq",
      &blocks));
  for (const EditionSummary& es : w.editions) {
    if (!edition.empty() && es.id != edition) continue;
    model::Edition e;
    e.id = es.id;
    e.label = es.label;
    e.base = es.base;
    // Nodes come in document order, so a parent is always read before its
    // children; build flat, then nest from the leaves up.
    struct Flat {
      int64_t id;
      int64_t parent;
      model::Node node;
    };
    std::vector<Flat> flat;
    std::map<int64_t, size_t> index;
    nodes.Bind(1, work_id).Bind(2, es.id);
    bool row = false;
    while (true) {
      FZ_RETURN_IF_ERROR(nodes.Step(&row));
      if (!row) break;
      Flat f{nodes.Int(0), nodes.IsNull(1) ? 0 : nodes.Int(1), {}};
      f.node.key = nodes.Text(2);
      f.node.level = nodes.Text(3);
      f.node.title = nodes.Text(4);
      f.node.label = nodes.Text(5);
      index[f.id] = flat.size();
      flat.push_back(std::move(f));
    }
    nodes.Reset();
    blocks.Bind(1, work_id).Bind(2, es.id);
    while (true) {
      FZ_RETURN_IF_ERROR(blocks.Step(&row));
      if (!row) break;
      auto it = index.find(blocks.Int(0));
      if (it == index.end()) return Status::Corruption(work_id + "：文本块指向不存在的节点");
      model::Block b;
      if (!model::ParseBlockKind(blocks.Text(1), &b.kind)) {
        return Status::Corruption(work_id + "：未知的文本块类型 " + blocks.Text(1));
      }
      b.para = static_cast<int>(blocks.Int(2));
      b.text = blocks.Text(3);
      if (!blocks.IsNull(4)) b.attrs = ParseStringMap(blocks.Text(4));
      flat[it->second].node.blocks.push_back(std::move(b));
    }
    blocks.Reset();
    for (size_t i = flat.size(); i-- > 0;) {
      Flat& f = flat[i];
      if (f.parent == 0) continue;
      auto it = index.find(f.parent);
      if (it == index.end()) return Status::Corruption(work_id + "：节点的上级不存在");
      auto& siblings = flat[it->second].node.children;
      siblings.insert(siblings.begin(), std::move(f.node));
    }
    for (Flat& f : flat) {
      if (f.parent == 0) e.nodes.push_back(std::move(f.node));
    }
    doc.editions.push_back(std::move(e));
  }
  Statement src;
  FZ_RETURN_IF_ERROR(db_->Prepare("SELECT edition_id, path, bytes FROM sources WHERE work_id = ? ORDER BY rowid", &src));
  src.Bind(1, work_id);
  bool row = false;
  while (true) {
    FZ_RETURN_IF_ERROR(src.Step(&row));
    if (!row) break;
    if (!edition.empty() && !src.Text(0).empty() && src.Text(0) != edition) continue;
    doc.sources.push_back({src.Text(0), src.Text(1), static_cast<size_t>(src.Int(2))});
  }
  *out = std::move(doc);
  return Status::Ok();
}

Status Library::ListNodes(const std::string& work_id, const std::string& edition, std::vector<NodeSummary>* out) {
  std::string ed;
  FZ_RETURN_IF_ERROR(ResolveEdition(work_id, edition, &ed));
  Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare(
      "SELECT path, key, level, title, label, depth, han_count FROM nodes WHERE work_id = ? AND edition_id = ?"
      " ORDER BY ord",
      &st));
  st.Bind(1, work_id).Bind(2, ed);
  out->clear();
  bool row = false;
  while (true) {
    FZ_RETURN_IF_ERROR(st.Step(&row));
    if (!row) break;
    out->push_back({st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4), static_cast<int>(st.Int(5)),
                    static_cast<size_t>(st.Int(6))});
  }
  return Status::Ok();
}

Status Library::LoadNode(const std::string& work_id, const std::string& edition, const std::string& path,
                         model::Node* out) {
  std::string ed;
  FZ_RETURN_IF_ERROR(ResolveEdition(work_id, edition, &ed));
  Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare(
      "SELECT id, key, level, title, label FROM nodes WHERE work_id = ? AND edition_id = ? AND path = ?", &st));
  st.Bind(1, work_id).Bind(2, ed).Bind(3, path);
  bool row = false;
  FZ_RETURN_IF_ERROR(st.Step(&row));
  if (!row) return Status::NotFound("作品 " + work_id + "（" + ed + "）中没有节点 " + path);
  model::Node n;
  const int64_t id = st.Int(0);
  n.key = st.Text(1);
  n.level = st.Text(2);
  n.title = st.Text(3);
  n.label = st.Text(4);
  FZ_RETURN_IF_ERROR(db_->Prepare("SELECT kind, para, text, attrs FROM blocks WHERE node_id = ? ORDER BY seq", &st));
  FZ_RETURN_IF_ERROR(ReadBlocks(&st, id, &n.blocks));
  FZ_RETURN_IF_ERROR(db_->Prepare("SELECT key, level, title, label FROM nodes WHERE parent_id = ? ORDER BY ord", &st));
  st.Bind(1, id);
  while (true) {
    FZ_RETURN_IF_ERROR(st.Step(&row));
    if (!row) break;
    model::Node c;
    c.key = st.Text(0);
    c.level = st.Text(1);
    c.title = st.Text(2);
    c.label = st.Text(3);
    n.children.push_back(std::move(c));
  }
  *out = std::move(n);
  return Status::Ok();
}

Status Library::ScanNodes(const std::string& work_id, const std::function<Status(const StoredNode&)>& fn) {
  Statement eds, nodes, blocks;
  FZ_RETURN_IF_ERROR(db_->Prepare("SELECT id, is_base FROM editions WHERE work_id = ? ORDER BY ord", &eds));
  FZ_RETURN_IF_ERROR(db_->Prepare(
      "SELECT id, path, key, level, title, label FROM nodes WHERE work_id = ? AND edition_id = ? ORDER BY ord", &nodes));
  FZ_RETURN_IF_ERROR(db_->Prepare("SELECT kind, para, text, attrs FROM blocks WHERE node_id = ? ORDER BY seq", &blocks));
  eds.Bind(1, work_id);
  std::vector<std::pair<std::string, bool>> editions;
  bool row = false;
  while (true) {
    FZ_RETURN_IF_ERROR(eds.Step(&row));
    if (!row) break;
    editions.emplace_back(eds.Text(0), eds.Int(1) != 0);
  }
  if (editions.empty()) return Status::NotFound("库中没有作品 " + work_id);
  for (const auto& [edition, base] : editions) {
    nodes.Bind(1, work_id).Bind(2, edition);
    while (true) {
      FZ_RETURN_IF_ERROR(nodes.Step(&row));
      if (!row) break;
      StoredNode sn;
      sn.id = nodes.Int(0);
      sn.work_id = work_id;
      sn.edition = edition;
      sn.base = base;
      sn.path = nodes.Text(1);
      sn.node.key = nodes.Text(2);
      sn.node.level = nodes.Text(3);
      sn.node.title = nodes.Text(4);
      sn.node.label = nodes.Text(5);
      FZ_RETURN_IF_ERROR(ReadBlocks(&blocks, sn.id, &sn.node.blocks));
      Status s = fn(sn);
      if (!s.ok()) {
        nodes.Reset();
        return s;
      }
    }
    nodes.Reset();
  }
  return Status::Ok();
}

Status Library::LoadNodeById(int64_t node_id, StoredNode* out) {
  return LoadBlocks(node_id, 0, UINT32_MAX, out);
}

Status Library::LoadBlocks(int64_t node_id, uint32_t first_seq, uint32_t last_seq, StoredNode* out, bool attrs) {
  // Cached: a search page loads one node per hit, and compiling these two
  // statements cost more than running them.
  Statement st;
  FZ_RETURN_IF_ERROR(db_->PrepareCached(
      "SELECT n.work_id, n.edition_id, e.is_base, n.path, n.key, n.level, n.title, n.label FROM nodes n"
      " JOIN editions e ON e.work_id = n.work_id AND e.id = n.edition_id WHERE n.id = ?",
      &st));
  st.Bind(1, node_id);
  bool row = false;
  FZ_RETURN_IF_ERROR(st.Step(&row));
  if (!row) return Status::NotFound("库中没有节点 " + std::to_string(node_id));
  StoredNode sn;
  sn.id = node_id;
  sn.work_id = st.Text(0);
  sn.edition = st.Text(1);
  sn.base = st.Int(2) != 0;
  sn.path = st.Text(3);
  sn.node.key = st.Text(4);
  sn.node.level = st.Text(5);
  sn.node.title = st.Text(6);
  sn.node.label = st.Text(7);
  sn.first_seq = first_seq;
  FZ_RETURN_IF_ERROR(LoadBlockRange(node_id, first_seq, last_seq, &sn.node.blocks, attrs));
  *out = std::move(sn);
  return Status::Ok();
}

Status Library::LoadBlockRange(int64_t node_id, uint32_t first_seq, uint32_t last_seq, std::vector<model::Block>* out,
                              bool attrs) {
  Statement blocks;
  FZ_RETURN_IF_ERROR(db_->PrepareCached(
      attrs ? "SELECT kind, para, text, attrs FROM blocks WHERE node_id = ? AND seq BETWEEN ? AND ? ORDER BY seq"
            : "SELECT kind, para, text, NULL FROM blocks WHERE node_id = ? AND seq BETWEEN ? AND ? ORDER BY seq",
      &blocks));
  blocks.Bind(2, int64_t{first_seq}).Bind(3, int64_t{last_seq});
  return ReadBlocks(&blocks, node_id, out);
}

Status Library::ReplaceBlockText(const BlockEdit& edit, const std::function<Status(Database*)>& also) {
  Transaction tx(db_.get());
  FZ_RETURN_IF_ERROR(tx.Begin());
  Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare(
      "SELECT n.id, e.is_base FROM nodes n JOIN editions e ON e.work_id = n.work_id AND e.id = n.edition_id"
      " WHERE n.work_id = ? AND n.edition_id = ? AND n.path = ?",
      &st));
  st.Bind(1, edit.work_id).Bind(2, edit.edition).Bind(3, edit.node_path);
  bool row = false;
  FZ_RETURN_IF_ERROR(st.Step(&row));
  if (!row) {
    return Status::NotFound("作品 " + edit.work_id + "（" + edit.edition + "）中没有节点 " + edit.node_path);
  }
  const int64_t node_id = st.Int(0);
  const bool base = st.Int(1) != 0;
  FZ_RETURN_IF_ERROR(db_->Prepare("SELECT kind, text, attrs FROM blocks WHERE node_id = ? AND seq = ?", &st));
  st.Bind(1, node_id).Bind(2, int64_t{edit.seq});
  FZ_RETURN_IF_ERROR(st.Step(&row));
  const std::string where = edit.work_id + "/" + edit.node_path + " 第 " + std::to_string(edit.seq) + " 块";
  if (!row) return Status::NotFound(where + " 不存在");
  if (st.Text(0) != model::BlockKindName(model::BlockKind::kText)) {
    return Status::InvalidInput(where + " 不是正文行（" + st.Text(0) + "），不能校对");
  }
  const std::string old_text = st.Text(1);
  if (old_text != edit.expected_old) {
    return Status::AlreadyExists(where + " 的文字已被他人改动，请重新打开后再改");
  }
  std::map<std::string, std::string> attrs = st.IsNull(2) ? std::map<std::string, std::string>()
                                                           : ParseStringMap(st.Text(2));
  for (const auto& [k, v] : edit.set_attrs) attrs[k] = v;
  FZ_RETURN_IF_ERROR(db_->Prepare("UPDATE blocks SET text = ?, attrs = ? WHERE node_id = ? AND seq = ?", &st));
  st.Bind(1, edit.new_text);
  if (attrs.empty()) st.BindNull(2); else st.Bind(2, json(attrs).dump());
  FZ_RETURN_IF_ERROR(st.Bind(3, node_id).Bind(4, int64_t{edit.seq}).Run());
  const int64_t delta = static_cast<int64_t>(text::CountHan(edit.new_text)) -
                        static_cast<int64_t>(text::CountHan(old_text));
  if (delta != 0) {
    FZ_RETURN_IF_ERROR(db_->Prepare("UPDATE nodes SET han_count = han_count + ? WHERE id = ?", &st));
    FZ_RETURN_IF_ERROR(st.Bind(1, delta).Bind(2, node_id).Run());
    FZ_RETURN_IF_ERROR(
        db_->Prepare("UPDATE editions SET han_count = han_count + ? WHERE work_id = ? AND id = ?", &st));
    FZ_RETURN_IF_ERROR(st.Bind(1, delta).Bind(2, edit.work_id).Bind(3, edit.edition).Run());
    if (base) {
      FZ_RETURN_IF_ERROR(db_->Prepare("UPDATE works SET han_count = han_count + ? WHERE id = ?", &st));
      FZ_RETURN_IF_ERROR(st.Bind(1, delta).Bind(2, edit.work_id).Run());
    }
  }
  // The change log knows only whole works: 'import' makes the index
  // re-read this one.
  FZ_RETURN_IF_ERROR(db_->Prepare("INSERT INTO changes(work_id, op, at) VALUES(?, 'import', ?)", &st));
  FZ_RETURN_IF_ERROR(st.Bind(1, edit.work_id).Bind(2, NowUtc()).Run());
  if (also) FZ_RETURN_IF_ERROR(also(db_.get()));
  return tx.Commit();
}

Status Library::ListChanges(int64_t after_seq, std::vector<Change>* out) {
  Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare("SELECT seq, work_id, op FROM changes WHERE seq > ? ORDER BY seq", &st));
  st.Bind(1, after_seq);
  out->clear();
  bool row = false;
  while (true) {
    FZ_RETURN_IF_ERROR(st.Step(&row));
    if (!row) break;
    out->push_back({st.Int(0), st.Text(1), st.Text(2)});
  }
  return Status::Ok();
}

}  // namespace fangzhi::store
