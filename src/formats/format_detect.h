// Which importer a path needs, and the one call that imports any of them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/status.h"
#include "formats/page_images.h"
#include "model/document.h"

namespace fangzhi::formats {

enum class SourceFormat { kKanripoFolder, kManuscriptMarkdown, kDocx, kPlainText, kFangzhiJson, kAltoFolder };

const char* SourceFormatName(SourceFormat f);

// Decides by what the path is (folder layout, extension, first bytes);
// errors say what was expected.
Status DetectFormat(const std::filesystem::path& path, SourceFormat* out);

Status ImportAny(const std::filesystem::path& path, model::Document* doc);

// As above; `images` receives the page images an ALTO folder names, to be
// copied into the data dir (formats/page_images.h). Empty for other formats.
Status ImportAny(const std::filesystem::path& path, model::Document* doc, std::vector<PageImage>* images);

}  // namespace fangzhi::formats
