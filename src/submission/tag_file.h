// The text files of a bag other than the payload: bagit.txt and
// bag-info.txt ("Label: value" lines, long values folded onto indented
// lines, RFC 8493 §2.2.2) and the manifests ("checksum path" lines, §2.1.3).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "submission/bag.h"

namespace fangzhi::submission {

// Parses "Label: value" lines of `file`; a line that is neither that nor a
// continuation becomes a problem with its line number.
void ParseTagFields(std::string_view text, const std::string& file, std::vector<BagField>* fields,
                    std::vector<Problem>* problems);

struct ManifestLine {
  std::string checksum;  // lower-cased hex
  std::string path;      // percent-decoded (%0A, %0D, %25)
  size_t line = 0;
};

// Parses a manifest; a malformed line (no path, not 64 hex digits) becomes a problem.
void ParseManifest(std::string_view text, const std::string& file, std::vector<ManifestLine>* lines,
                   std::vector<Problem>* problems);

// Splits text into lines at LF, CR or CRLF.
std::vector<std::string_view> SplitLines(std::string_view text);

}  // namespace fangzhi::submission
