// Manuscript Markdown: how county and city offices hand in modern 志书 and
// 年鉴 text. YAML front matter carries the work's metadata; headings become
// 类目/分目/条目 (yearbook) or 篇/章/节 (gazetteer). See
// docs/manuscript-format.md.
#pragma once

#include <filesystem>

#include "base/status.h"
#include "model/document.h"

namespace fangzhi::formats {

Status ImportManuscriptMarkdown(const std::filesystem::path& file, model::Document* doc);

}  // namespace fangzhi::formats
