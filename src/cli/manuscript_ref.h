// A manuscript version stored in the data dir, named on the command line as
// `ms:<id>@v<n>` (`ms:<id>` alone: the latest version), so that review
// commands take library versions wherever they take files:
//
//   fangzhi --data DIR review recheck ms:3@v1 ms:3@v2
//
// The command line acts with the rights of whoever can read the data dir
// (it sees every office's manuscripts, as the administrator does); the
// version is read through workflow::WorkflowStore, so its SHA-256 is
// checked and it is parsed by the same importer as the upload was.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "base/status.h"
#include "model/document.h"

namespace fangzhi::cli {

struct ManuscriptRef {
  int64_t manuscript = 0;
  int64_t version = 0;  // 0: the latest
};

// Whether `arg` is meant as a manuscript reference (starts with "ms:").
bool IsManuscriptRef(std::string_view arg);

// Parses "ms:<id>[@v<n>]"; InvalidInput names what is wrong.
Status ParseManuscriptRef(std::string_view arg, ManuscriptRef* out);

// Loads the version `arg` names from the data dir. `kind` (may be null)
// receives "yearbook" or "gazetteer" from the manuscript's kind;
// `display` (may be null) a name for messages and reports, e.g.
// "ms:3@v2（《示例县年鉴（2025）》v2）". NotFound when the data dir, the
// manuscript or the version does not exist; a data dir is never created.
Status LoadManuscriptRef(const std::filesystem::path& data_dir, std::string_view arg, model::Document* doc,
                         std::string* kind, std::string* display);

}  // namespace fangzhi::cli
