#include "search/search_text.h"

#include "text/fold.h"
#include "text/utf8.h"

namespace fangzhi::search {

bool IsSearchedBlock(model::BlockKind kind) {
  return kind != model::BlockKind::kPage && kind != model::BlockKind::kRemark;
}

void AppendNodeSearchText(const model::Node& node, std::u32string* units) {
  text::AppendSearchUnits(node.title, units);
  for (const model::Block& b : node.blocks) {
    if (IsSearchedBlock(b.kind)) text::AppendSearchUnits(b.text, units);
  }
}

namespace {

void MapPiece(std::string_view s, int32_t piece, SearchTextMap* out) {
  const size_t first = out->units.size();
  std::vector<uint32_t> begins;
  text::AppendSearchUnits(s, &out->units, &begins);
  for (size_t k = 0; k < begins.size(); ++k) {
    out->piece.push_back(piece);
    out->begin.push_back(begins[k]);
    // A unit ends where its characters end: one code point, or a whole
    // &KR…; entity.
    size_t i = begins[k];
    if (s[i] == '&') {
      size_t j = s.find(';', i);
      out->end.push_back(static_cast<uint32_t>(j == std::string_view::npos ? i + 1 : j + 1));
    } else {
      text::NextCodePoint(s, i);
      out->end.push_back(static_cast<uint32_t>(i));
    }
  }
  (void)first;
}

}  // namespace

void MapNodeSearchText(const model::Node& node, SearchTextMap* out) {
  *out = SearchTextMap();
  MapPiece(node.title, -1, out);
  for (size_t j = 0; j < node.blocks.size(); ++j) {
    if (IsSearchedBlock(node.blocks[j].kind)) MapPiece(node.blocks[j].text, static_cast<int32_t>(j), out);
  }
}

}  // namespace fangzhi::search
