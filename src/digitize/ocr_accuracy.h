// How good OCR is against the text a page was rendered from: the measure
// the issue fixes (tests and bench/ocr_bench use this one definition).
#pragma once

#include <cstddef>
#include <string>

namespace fangzhi::digitize {

// The Han characters of a UTF-8 string, in order, after folding width
// (full-width/half-width forms to their plain form) and compatibility
// ideographs to their unified form (Unicode NFKC, through ICU).
std::u32string HanSequence(const std::string& utf8);

// Levenshtein distance between two code point sequences.
size_t EditDistance(const std::u32string& a, const std::u32string& b);

// 1 − edit distance / truth length, over Han characters only; may be
// negative when OCR adds much that is not there. 0 for an empty truth.
double HanAccuracy(const std::string& truth, const std::string& ocr);

}  // namespace fangzhi::digitize
