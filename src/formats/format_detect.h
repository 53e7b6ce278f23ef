// Which importer a path needs, and the one call that imports any of them.
#pragma once

#include <filesystem>
#include <string>

#include "base/status.h"
#include "model/document.h"

namespace fangzhi::formats {

enum class SourceFormat { kKanripoFolder, kManuscriptMarkdown, kPlainText, kFangzhiJson };

const char* SourceFormatName(SourceFormat f);

// Decides by what the path is (folder layout, extension, first bytes);
// errors say what was expected.
Status DetectFormat(const std::filesystem::path& path, SourceFormat* out);

Status ImportAny(const std::filesystem::path& path, model::Document* doc);

}  // namespace fangzhi::formats
