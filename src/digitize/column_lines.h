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
  Box column;              // in page pixels
  std::vector<Box> cells;  // each character's ink box, top to bottom, in page pixels
};

struct ColumnPage {
  PixHandle gray;                   // the page, 8 bpp grey: what the cells point into
  int char_size = 0;                // median of the cells' longer side: one character
  std::vector<ColumnLine> columns;  // right to left
};

// Columns right to left, each cut into characters. Returns a page without
// columns when the image does not look like columns of text.
ColumnPage CutColumns(Pix* page);

// How one column is laid out as a horizontal line for Tesseract. Margin and
// gap are fractions of a character; every character is centred in a square
// slot of one character, at its own size (曰 stays wider than 日).
struct LineLayout {
  double char_px = 28;  // the character size after scaling
  double margin = 0.35;
  double gap = 0.2;
};

struct LaidOutLine {
  PixHandle image;          // 8 bpp grey, scaled
  std::vector<int> slot_x;  // left edge of each cell's slot in `image`
  int slot_width = 0;       // in `image`
};

LaidOutLine LayOutColumn(const ColumnPage& page, const ColumnLine& column, const LineLayout& layout);

}  // namespace fangzhi::digitize
