#include "proofread/corrections.h"

#include <chrono>
#include <ctime>
#include <sqlite3.h>

#include "store/component_store.h"
#include "text/utf8.h"

namespace fangzhi::proofread {
namespace {

// Append only: migration i takes the component from version i to i+1.
const std::vector<const char*>& Migrations() {
  static const std::vector<const char*> kMigrations = {
      R"sql(
      CREATE TABLE proofreading_corrections(
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        work_id TEXT NOT NULL,
        edition_id TEXT NOT NULL,
        node_path TEXT NOT NULL,
        seq INTEGER NOT NULL,
        line_id TEXT NOT NULL DEFAULT '',
        old_text TEXT NOT NULL,
        new_text TEXT NOT NULL,
        user_name TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX proofreading_corrections_by_line
        ON proofreading_corrections(work_id, edition_id, node_path, seq, id);
      )sql",
  };
  return kMigrations;
}

std::string NowUtc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

constexpr const char* kColumns =
    "id, work_id, edition_id, node_path, seq, line_id, old_text, new_text, user_name, at";

Correction Read(const store::Statement& st) {
  Correction c;
  c.id = st.Int(0);
  c.work_id = st.Text(1);
  c.edition = st.Text(2);
  c.node_path = st.Text(3);
  c.seq = static_cast<uint32_t>(st.Int(4));
  c.line_id = st.Text(5);
  c.old_text = st.Text(6);
  c.new_text = st.Text(7);
  c.user = st.Text(8);
  c.at = st.Text(9);
  return c;
}

Status ReadAll(store::Statement* st, std::vector<Correction>* out) {
  out->clear();
  bool row = false;
  while (true) {
    FZ_RETURN_IF_ERROR(st->Step(&row));
    if (!row) break;
    out->push_back(Read(*st));
  }
  return Status::Ok();
}

}  // namespace

Status ValidateLineText(const std::string& text) {
  if (text.empty()) return Status::InvalidInput("校对后的文字为空：每行至少一个字");
  if (text.size() > kMaxLineBytes) {
    return Status::InvalidInput("校对后的文字过长（" + std::to_string(text.size()) + " 字节，上限 " +
                                std::to_string(kMaxLineBytes) + "）");
  }
  if (const size_t bad = text::FindInvalidUtf8(text); bad != text::kValid) {
    return Status::InvalidInput("校对后的文字不是合法的 UTF-8（第 " + std::to_string(bad) + " 字节）");
  }
  size_t i = 0;
  size_t n = 0;
  while (i < text.size()) {
    const char32_t cp = text::NextCodePoint(text, i);
    ++n;
    if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0x2028 || cp == 0x2029) {
      return Status::InvalidInput("校对后的文字第 " + std::to_string(n) + " 个字符是控制字符或换行：每次只改一行");
    }
  }
  return Status::Ok();
}

Status Corrections::Open(const std::filesystem::path& data_dir, std::unique_ptr<Corrections>* out) {
  std::unique_ptr<Corrections> c(new Corrections());
  FZ_RETURN_IF_ERROR(store::OpenComponentDatabase(data_dir, "proofreading", Migrations(), &c->db_));
  *out = std::move(c);
  return Status::Ok();
}

Status Corrections::Correct(store::Library* lib, const std::string& work_id, const std::string& edition,
                            const std::string& node_path, uint32_t seq, const std::string& expected_old,
                            const std::string& new_text, const std::string& user, Correction* out) {
  FZ_RETURN_IF_ERROR(ValidateLineText(new_text));
  if (new_text == expected_old) return Status::InvalidInput("文字没有改动");
  if (user.empty()) return Status::InvalidInput("校对者不明：须登录后校对");
  store::Library::BlockEdit edit;
  edit.work_id = work_id;
  edit.edition = edition;
  edit.node_path = node_path;
  edit.seq = seq;
  edit.expected_old = expected_old;
  edit.new_text = new_text;
  // A person read every character of the line now.
  edit.set_attrs["conf"] = std::string(text::CountCodePoints(new_text), '9');
  Correction c;
  c.work_id = work_id;
  c.edition = edition;
  c.node_path = node_path;
  c.seq = seq;
  c.old_text = expected_old;
  c.new_text = new_text;
  c.user = user;
  c.at = NowUtc();
  // The line id is read inside the transaction, from the block as stored.
  auto record = [&](store::Database* db) {
    store::Statement st;
    FZ_RETURN_IF_ERROR(db->Prepare(
        "SELECT COALESCE(json_extract(b.attrs, '$.line'), '') FROM blocks b JOIN nodes n ON n.id = b.node_id"
        " WHERE n.work_id = ? AND n.edition_id = ? AND n.path = ? AND b.seq = ?",
        &st));
    st.Bind(1, work_id).Bind(2, edition).Bind(3, node_path).Bind(4, int64_t{seq});
    bool row = false;
    FZ_RETURN_IF_ERROR(st.Step(&row));
    if (row) c.line_id = st.Text(0);
    st.Reset();
    FZ_RETURN_IF_ERROR(db->Prepare(
        "INSERT INTO proofreading_corrections(work_id, edition_id, node_path, seq, line_id, old_text, new_text,"
        " user_name, at) VALUES(?,?,?,?,?,?,?,?,?)",
        &st));
    st.Bind(1, c.work_id).Bind(2, c.edition).Bind(3, c.node_path).Bind(4, int64_t{c.seq}).Bind(5, c.line_id);
    st.Bind(6, c.old_text).Bind(7, c.new_text).Bind(8, c.user).Bind(9, c.at);
    FZ_RETURN_IF_ERROR(st.Run());
    c.id = sqlite3_last_insert_rowid(db->handle());
    return Status::Ok();
  };
  FZ_RETURN_IF_ERROR(lib->ReplaceBlockText(edit, record));
  *out = std::move(c);
  return Status::Ok();
}

Status Corrections::History(const std::string& work_id, const std::string& edition, const std::string& node_path,
                            uint32_t seq, std::vector<Correction>* out) {
  store::Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare((std::string("SELECT ") + kColumns +
                                   " FROM proofreading_corrections WHERE work_id = ? AND edition_id = ?"
                                   " AND node_path = ? AND seq = ? ORDER BY id")
                                      .c_str(),
                                  &st));
  st.Bind(1, work_id).Bind(2, edition).Bind(3, node_path).Bind(4, int64_t{seq});
  return ReadAll(&st, out);
}

Status Corrections::Recent(const std::string& work_id, size_t limit, std::vector<Correction>* out) {
  store::Statement st;
  FZ_RETURN_IF_ERROR(db_->Prepare((std::string("SELECT ") + kColumns +
                                   " FROM proofreading_corrections WHERE work_id = ? ORDER BY id DESC LIMIT ?")
                                      .c_str(),
                                  &st));
  st.Bind(1, work_id).Bind(2, static_cast<int64_t>(limit));
  return ReadAll(&st, out);
}

}  // namespace fangzhi::proofread
