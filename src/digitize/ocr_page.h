// What OCR found on one page image, independent of Tesseract: lines of
// characters with boxes and confidences, in reading order. The ALTO writer
// and the text writer consume it.
#pragma once

#include <string>
#include <vector>

namespace fangzhi::digitize {

enum class Layout { kHorizontal, kVertical };  // vertical = top-to-bottom columns, right to left

const char* LayoutName(Layout l);  // "horizontal" / "vertical"

struct Box {
  int x = 0, y = 0, w = 0, h = 0;  // image pixels, origin top left
};

// One recognized character (one String in ALTO for CJK).
struct OcrGlyph {
  std::string text;     // UTF-8: one code point for CJK, a whole word otherwise
  bool space_before = false;  // a space separates it from the previous glyph (between Latin words)
  Box box;
  double conf = 0;      // 0..1
};

struct OcrLine {
  Box box;
  double conf = 0;  // 0..1
  std::vector<OcrGlyph> glyphs;
};

struct OcrBlock {
  Box box;
  std::vector<OcrLine> lines;
};

struct OcrPage {
  std::string image_file;  // the file name as given (ALTO sourceImageInformation/fileName)
  int width = 0, height = 0;
  int dpi = 0;             // resolution the image declares, or 0
  Layout layout = Layout::kHorizontal;
  std::string lang;        // traineddata actually used, e.g. "chi_tra_vert"
  // How the page was read: "psm3" (Tesseract's page layout), "psm6" (one
  // block of horizontal text), "psm5"
  // (Tesseract's vertical block) or "columns" (column_lines.h).
  std::string method;
  std::vector<OcrBlock> blocks;  // reading order (right-to-left columns for vertical pages)

  // Lines joined by '\n', blocks by a blank line.
  std::string PlainText() const;
};

}  // namespace fangzhi::digitize
