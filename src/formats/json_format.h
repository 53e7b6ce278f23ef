// Fangzhi's own JSON form of a work: the whole model, lossless. It is what
// `export --format json` writes and what `import` reads back, so a work can
// travel between libraries. Documented in docs/cli.md.
#pragma once

#include <filesystem>
#include <string>

#include "base/status.h"
#include "model/document.h"

namespace fangzhi::formats {

inline constexpr const char* kJsonFormatName = "fangzhi-work";
inline constexpr int kJsonFormatVersion = 1;

// `edition` empty = all editions.
std::string ExportJson(const model::Document& doc, const std::string& edition = "");

Status ParseJson(const std::string& name, std::string_view json, model::Document* doc);
Status ImportJsonFile(const std::filesystem::path& file, model::Document* doc);

// True when the file starts like our JSON export (for format detection).
bool LooksLikeFangzhiJson(std::string_view head);

}  // namespace fangzhi::formats
