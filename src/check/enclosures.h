// Spans enclosed by paired marks in one segment: quotations (“…” ‘…’ 「…」
// 『…』 "…"), book titles (《…》 〈…〉) and parentheses (（…） (…)). Rules
// use them for exceptions: 我国 in 《中华人民共和国…法》, 目前 in a quoted
// speech. An opening mark never closed encloses the rest of the segment,
// so that an unbalanced quotation does not let its content through; the
// P-PAIR rule reports the imbalance itself.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace fangzhi::check {

enum class Enclosure { kQuotation, kBookTitle, kParenthesis };

struct EnclosedSpan {
  Enclosure kind;
  size_t begin;  // byte offset of the opening mark within the scanned text
  size_t end;    // byte offset just past the closing mark (or the text's end)
};

std::vector<EnclosedSpan> FindEnclosures(std::string_view text);

// A pair that does not close, or a closing mark with no opening: byte
// ranges of the offending marks.
struct UnpairedMark {
  size_t begin;
  size_t end;
  bool opening;
};
std::vector<UnpairedMark> FindUnpairedMarks(std::string_view text);

}  // namespace fangzhi::check
