// Plain text: one work, one section, paragraphs separated by blank lines.
#pragma once

#include <filesystem>

#include "base/status.h"
#include "model/document.h"

namespace fangzhi::formats {

Status ImportPlainText(const std::filesystem::path& file, model::Document* doc);

// A readable work id from a file name: the stem, with characters a work id
// cannot hold replaced by '-'.
std::string WorkIdFromFileName(const std::filesystem::path& file);

}  // namespace fangzhi::formats
