#include "digitize/ocr_page.h"

namespace fangzhi::digitize {

const char* LayoutName(Layout l) { return l == Layout::kVertical ? "vertical" : "horizontal"; }

std::string OcrPage::PlainText() const {
  std::string out;
  for (size_t b = 0; b < blocks.size(); ++b) {
    if (b > 0) out += '\n';
    for (const OcrLine& line : blocks[b].lines) {
      for (const OcrGlyph& g : line.glyphs) {
        if (g.space_before) out += ' ';
        out += g.text;
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace fangzhi::digitize
