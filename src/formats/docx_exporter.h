// Writing a .docx with Word comments: the editor's own document back with a
// comment anchored to the exact characters of every finding (runs are split
// at the finding's ends), or, for a manuscript that did not come from Word,
// a new .docx built from the model. Comments carry author "方志平台".
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/status.h"
#include "formats/docx_importer.h"
#include "model/document.h"

namespace fangzhi::formats {

struct DocxAnnotation {
  std::string node_path;  // edition node path ("4/2/3"); "" = the start of the document
  int block = -1;         // index into the node's blocks; -1 = the node's title
  size_t start = 0;       // code points within that block's (or title's) text, end exclusive;
  size_t end = 0;         // start == end anchors the whole paragraph
  std::string text;       // the comment
};

inline constexpr const char* kDocxCommentAuthor = "方志平台";

// `source` is the .docx the findings were made on (imported with `options`).
Status ExportDocxWithComments(const std::filesystem::path& source, const DocxImportOptions& options,
                              const std::vector<DocxAnnotation>& notes, std::string* out);

// A new .docx from the base edition of `doc`: headings as Heading 1–6, text
// paragraphs, tables and footnotes as paragraphs, with the comments.
Status ExportDocxFromModel(const model::Document& doc, const std::vector<DocxAnnotation>& notes, std::string* out);

}  // namespace fangzhi::formats
