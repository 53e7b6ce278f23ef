// Proofreading of OCR'd text: a digitizer corrects one line, and the
// library's text, the line's confidences and the search index follow. Every
// correction is kept (who, when, the old and the new text) in the
// component's own table of fangzhi.db, written in the same transaction as
// the text itself, so the history and the text never disagree.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/library.h"
#include "store/sqlite.h"

namespace fangzhi::proofread {

struct Correction {
  int64_t id = 0;
  std::string work_id;
  std::string edition;
  std::string node_path;
  uint32_t seq = 0;
  std::string line_id;  // the ALTO TextLine ID, as the block's "line" attr says
  std::string old_text;
  std::string new_text;
  std::string user;
  std::string at;  // UTC, ISO 8601
};

// A corrected line's text: valid UTF-8, 1 to kMaxLineBytes bytes, one line
// (no control characters). InvalidInput with the reason otherwise.
inline constexpr size_t kMaxLineBytes = 4000;
Status ValidateLineText(const std::string& text);

class Corrections {
 public:
  // Opens the data dir's database and brings the component's tables up to
  // date.
  static Status Open(const std::filesystem::path& data_dir, std::unique_ptr<Corrections>* out);

  // Replaces the line (block `seq` of the node) through `lib`, provided it
  // still reads `expected_old`; the line's "conf" becomes all 9s (a person
  // read it). `*out` receives the record as stored.
  Status Correct(store::Library* lib, const std::string& work_id, const std::string& edition,
                 const std::string& node_path, uint32_t seq, const std::string& expected_old,
                 const std::string& new_text, const std::string& user, Correction* out);

  // The corrections of one line, oldest first.
  Status History(const std::string& work_id, const std::string& edition, const std::string& node_path,
                 uint32_t seq, std::vector<Correction>* out);

  // The latest corrections of a work, newest first.
  Status Recent(const std::string& work_id, size_t limit, std::vector<Correction>* out);

 private:
  Corrections() = default;
  std::unique_ptr<store::Database> db_;
};

}  // namespace fangzhi::proofread
