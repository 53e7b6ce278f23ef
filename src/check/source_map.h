// Where a finding is in the file the editor has open: line and column in a
// .md or .txt source. The model keeps no source positions (Markdown markup
// is stripped), so the node titles and blocks are aligned with the file in
// reading order: every character of a block is found again in the source,
// skipping the ASCII markup between (`**`, `|`, `[^1]`, entities …).
// Footnote definitions sit elsewhere in the file and are searched from the
// top. A character that cannot be aligned takes the last aligned position.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "check/finding.h"
#include "model/edition.h"

namespace fangzhi::check {

class SourceMap {
 public:
  // `source` is the file's text (UTF-8, as read); `edition` what was imported from it.
  SourceMap(std::string source, const model::Edition& edition);

  // 1-based line and column (code points) of the finding's start; false
  // for book-level findings or when the node could not be found.
  bool Locate(const Finding& f, size_t* line, size_t* column) const;

 private:
  size_t LineOf(size_t byte) const;

  std::string source_;
  std::vector<size_t> line_starts_;
  // Per node in reading order, per segment: the source byte of each code point (npos when unknown).
  std::vector<std::vector<std::vector<size_t>>> offsets_;
};

}  // namespace fangzhi::check
