// A BagIt bag (RFC 8493) as an office sends it in: one zip holding
// bagit.txt, bag-info.txt (who sent it, what work it is), manifest-sha256.txt
// and the payload under data/. Validation reads the zip without trusting it
// and reports every problem it finds at once, each naming the file, line or
// field; nothing is written unless a staging folder is given.
// The bag-info fields Fangzhi reads are listed in docs/submission.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "formats/zip_reader.h"

namespace fangzhi::submission {

// One thing wrong with a bag.
struct Problem {
  std::string code;     // stable, for scripts: "checksum-mismatch", "unsafe-path", …
  std::string file;     // path inside the bag ("" = the zip as a whole)
  size_t line = 0;      // 1-based line of a tag file, 0 = none
  std::string field;    // bag-info label, "" = none
  std::string message;  // zh-CN, names the file/line/field
};

struct BagLimits {
  uint64_t max_zip_bytes = 4ull << 30;  // the zip itself
  uint64_t max_entries = 20000;
  uint64_t max_tag_file_bytes = 1u << 20;  // bagit.txt, bag-info.txt, manifests
  // Page scans do not compress, text compresses about tenfold: a ratio
  // beyond 200 on a member of a MiB or more is a bomb, not a document.
  formats::ZipSizeLimits sizes{1ull << 30, 8ull << 30, 200.0, 1u << 20};
};

// Kinds of payload file Fangzhi accepts.
enum class PayloadType { kMarkdown, kDocx, kPlainText, kAlto, kImage, kUnknown };
const char* PayloadTypeName(PayloadType t);

struct PayloadFile {
  std::string path;  // as in the manifest: "data/…"
  uint64_t bytes = 0;
  std::string sha256;
  PayloadType type = PayloadType::kUnknown;
};

struct BagField {
  std::string label;
  std::string value;
  size_t line = 0;
};

struct BagReport {
  std::string zip_name;    // file name of the zip
  std::string zip_sha256;  // of the zip's bytes
  uint64_t zip_bytes = 0;
  std::string root;        // the bag's folder inside the zip ("" = the zip's top level)
  std::vector<BagField> info;  // bag-info.txt in order
  std::vector<PayloadFile> payload;
  std::vector<Problem> problems;

  bool ok() const { return problems.empty(); }
  // First value of a bag-info label (labels compare case-insensitively), "" when absent.
  std::string Info(std::string_view label) const;
};

// Reads and checks the bag. Returns an error Status only when the zip
// cannot be read at all (missing file, disk error); everything wrong with
// the bag itself goes into report->problems. With `staging` non-empty (an
// empty, existing folder), the bag's files are also unpacked there, but only
// when the archive itself is safe; nothing is ever written outside it.
Status ValidateBag(const std::filesystem::path& zip, const BagLimits& limits,
                   const std::filesystem::path& staging, BagReport* report);

}  // namespace fangzhi::submission
