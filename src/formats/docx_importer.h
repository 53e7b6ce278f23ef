// Word (.docx, also WPS) manuscripts: the same model as Markdown. Headings
// (by paragraph style or outline level) become the node tree, paragraphs
// and tables become blocks, footnotes follow the node that cites them,
// tracked changes are taken as accepted (insertions kept, deletions dropped).
// Macros, embedded objects and external links are never run or fetched.
// The zip container is read with limits: a member too large, a compression
// ratio beyond any real document (a zip bomb), or a truncated or corrupt file
// is refused with a message naming the file and the member.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <utility>

#include <pugixml.hpp>
#include <vector>

#include "base/status.h"
#include "model/document.h"

namespace fangzhi::formats {

// Limits on what a .docx may unpack to; the defaults fit any real manuscript.
struct DocxLimits {
  std::uintmax_t max_file_bytes = 512u << 20;   // the .docx itself
  std::uintmax_t max_member_bytes = 256u << 20;  // one part, uncompressed
  std::uintmax_t max_total_bytes = 1024u << 20;  // all parts read, uncompressed
  double max_ratio = 200.0;                      // uncompressed ÷ compressed, per part (of parts ≥ 1 MiB)
};

struct DocxImportOptions {
  std::string kind;  // 年鉴 / 志书 / …: how heading levels are named; "" = 年鉴
  DocxLimits limits;
};

// Where each model piece came from: (node path, block index or -1 for the
// title) → 1-based paragraph number in the document body, for messages.
using DocxParagraphMap = std::map<std::pair<std::string, int>, size_t>;

Status ImportDocx(const std::filesystem::path& file, const DocxImportOptions& options, model::Document* doc,
                  DocxParagraphMap* paragraphs = nullptr);

// For docx_exporter.cc: the parsed package with, for every block and title
// of the model, the XML that holds its characters.
namespace docx_internal {

// `length` code points of the block's (or title's) text, starting at
// `begin`, come from `child` (a w:t, w:tab, w:br … ) of the run `run`.
struct Piece {
  pugi::xml_node run;
  pugi::xml_node child;
  size_t begin = 0;
  size_t length = 0;
};

struct Anchor {
  std::vector<Piece> pieces;
  pugi::xml_node paragraph;  // the (first) w:p the text came from
};

struct ParsedDocx {
  std::string main_part;  // "word/document.xml"
  std::string rels_part;  // "word/_rels/document.xml.rels"
  pugi::xml_document document;
  std::string content_types;  // [Content_Types].xml as read
  std::string rels;           // the main part's relationships as read ("" when none)
  std::string comments_part;  // the existing comments part ("" when none)
  std::string comments;       // its text
  std::map<std::pair<std::string, int>, Anchor> anchors;  // (node path, block or -1) → where its text is
  pugi::xml_node first_paragraph;
  model::Document doc;
  DocxParagraphMap paragraphs;
};

Status ParseDocx(const std::filesystem::path& file, const DocxImportOptions& options, ParsedDocx* out);

// Reads every member's size from the central directory and refuses the
// archive if one is too large or compressed beyond `limits.max_ratio`.
// Returns the member names.
Status CheckDocxArchive(const std::filesystem::path& file, const DocxLimits& limits, std::vector<std::string>* names);

}  // namespace docx_internal

}  // namespace fangzhi::formats
