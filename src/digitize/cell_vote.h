// Choosing each character of a cut column (column_lines.h) from several
// readings of it. Tesseract reads the same column differently at different
// scales and segmentation modes; where the readings disagree, the majority
// is right more often than any single reading (measured in
// docs/benchmarks.md). Only readings that give exactly one symbol per cell
// can vote: the others have merged or split characters, and their symbols
// cannot be matched to cells.
#pragma once

#include <string>
#include <vector>

#include "digitize/ocr_page.h"

namespace fangzhi::digitize {

struct CellCandidate {
  std::string text;  // one symbol, UTF-8
  double conf = 0;   // 0..1
};

struct CellChoice {
  std::string text;
  // The confidence of the readings that chose it, summed, over the number
  // of readings: agreement and certainty in one figure, so that characters
  // the readings disagree on show up as doubtful in proofreading.
  double conf = 0;
};

// `readings[r][i]` is reading r's symbol for cell i; every reading has one
// candidate per cell. The most frequent text wins; ties go to the higher
// summed confidence, then to the earlier reading.
std::vector<CellChoice> VoteCells(const std::vector<std::vector<CellCandidate>>& readings);

// 日 and 曰 differ mainly in proportion, which a line recognizer that sees
// them among other characters often misses (曰 is frequent in classical
// text, rare in the modern text the models learned). In Ming-style type 日
// is clearly taller than wide (Noto Serif CJK TC: 47 × 63 px at 72 px,
// 0.75), 曰 nearly square or wider (55 × 61, 0.90, and wider than tall in
// most woodblock faces): the ink box decides between the two, at the
// midpoint 0.83. Any other text is returned unchanged.
std::string ByProportion(const std::string& text, const Box& ink);

}  // namespace fangzhi::digitize
