// Reading a manuscript for review, whatever form it came in: .md (稿件
// Markdown), .docx, .txt, a Fangzhi .json export or a Kanripo folder. A work
// in the library is loaded by the caller (store::Library::LoadDocument) and
// reviewed the same way.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "model/document.h"

namespace fangzhi::review {

// `kind` ("yearbook", "gazetteer" or empty) tells the .txt and .docx
// importers which levels to give headings; empty means yearbook.
Status LoadManuscript(const std::string& path, const std::string& kind, model::Document* out);

// "yearbook" or "gazetteer": `kind` when given, else from the work's kind
// (志书 → gazetteer), as `fangzhi check` decides.
std::string ReviewKind(const model::Document& doc, const std::string& kind);

}  // namespace fangzhi::review
