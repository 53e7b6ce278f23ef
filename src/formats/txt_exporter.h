// Plain-text export of one edition: the text as a reader wants it in an
// editor. Only the work's own characters: notes in parentheses as Kanripo
// writes them, page anchors and remarks left out, each section opened by an
// ASCII line `[path] title` so that nothing is added to the Han text.
#pragma once

#include <string>

#include "model/document.h"

namespace fangzhi::formats {

std::string ExportTxt(const model::Edition& edition);

}  // namespace fangzhi::formats
