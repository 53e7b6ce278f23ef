// Vertical pages read as horizontal lines. Tesseract's vertical model
// (chi_tra_vert, PSM 5) reads rendered woodblock-style pages at only ~78 %;
// its horizontal traditional model reads upright characters much better.
// Characters in a vertical column are upright, so a column cut into
// character cells and the cells laid side by side is an ordinary horizontal
// line: this file does the cutting and laying out, with leptonica.
#pragma once

#include <memory>
#include <vector>

#include "digitize/ocr_page.h"

struct Pix;

namespace fangzhi::digitize {

struct PixFree {
  void operator()(Pix* p) const;
};
using PixHandle = std::unique_ptr<Pix, PixFree>;

struct ColumnLine {
  Box column;                // in page pixels
  std::vector<Box> cells;    // character cells top to bottom, in page pixels
  std::vector<int> cell_x;   // left edge of each cell in `image`
  int cell_width = 0;        // width of each cell in `image`
  PixHandle image;           // 8 bpp grey, the cells side by side
};

// Columns right to left. `gray` is the page (any depth; converted to 8 bpp).
// Returns no columns when the page does not look like columns of text.
std::vector<ColumnLine> CutColumns(Pix* page);

}  // namespace fangzhi::digitize
