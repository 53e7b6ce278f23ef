// Citation paths: `WORK[/NODE/PATH][#pN]`. One grammar for the CLI, the
// web URLs and the search hits.
#pragma once

#include <string>
#include <string_view>

namespace fangzhi::model {

struct CitationPath {
  std::string work;       // KR2i0003
  std::string node_path;  // 001, or 3/2/4; empty for the whole work
  int paragraph = 0;      // from "#p12"; 0 when absent
};

// Parses "KR2i0003/001#p3". Returns false on an empty work id, an empty
// segment ("a//b"), "." or ".." segments, or a malformed "#p" suffix.
bool ParseCitationPath(std::string_view s, CitationPath* out);

std::string FormatCitationPath(const CitationPath& c);

// A work id is ASCII letters, digits, '-', '_' and '.', or any non-ASCII
// characters (readable Chinese ids), never '/', whitespace or a leading '.'.
bool IsValidWorkId(std::string_view id);

}  // namespace fangzhi::model
