// `fangzhi import` as a two-stage pipeline: one thread reads and parses the
// sources in order while the caller's thread writes the previous one into
// the library, all inside one transaction. On two cores this hides parsing
// behind writing; a bad source anywhere still rolls everything back.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/library.h"

namespace fangzhi::cli {

struct ImportedWork {
  std::string id;
  std::string title;
  size_t editions = 0;
  size_t han_count = 0;  // base edition
};

// Opens the library only once the first source has parsed, so that a bad
// first path never creates an empty data dir. `progress` gets 0..1.
Status ImportPaths(const std::filesystem::path& data_dir, const std::vector<std::string>& paths, bool replace,
                   const std::function<void(double)>& progress, std::vector<ImportedWork>* imported);

}  // namespace fangzhi::cli
