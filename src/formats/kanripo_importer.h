// Kanripo (Mandoku) text folders, as published by the Kanripo project:
//   ID/master/ID_NNN.txt   the base text, one file per juan
//   ID/SBCK/, ID/WYG/ …    further witnesses → further editions
//   ID/imglist/ID_NNN.txt  page id → scan image file
// A folder holding ID_NNN.txt files directly (the bulk benchmark layout) is
// read as a work with a single master edition.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/status.h"
#include "model/document.h"

namespace fangzhi::formats {

// True when `dir` looks like a Kanripo text (for format detection).
bool LooksLikeKanripoFolder(const std::filesystem::path& dir);

Status ImportKanripoFolder(const std::filesystem::path& dir, model::Document* doc);

// Parses the text of one juan file into `node`'s blocks. `name` is used in
// error messages. Exposed for tests.
struct KanripoImageIndex {
  // "WYG 001-1a" (edition, juan-leaf-side) → "WYG0463/WYG0463-0135a.png"
  std::unordered_map<std::string, std::string> by_page;
};
Status ParseKanripoJuan(const std::string& name, std::string_view content,
                        const std::string& edition, const KanripoImageIndex* images,
                        model::Node* node);

}  // namespace fangzhi::formats
