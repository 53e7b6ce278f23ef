#include "server/text_diff.h"

#include <dtl/dtl.hpp>

namespace fangzhi::server {

std::vector<DiffPiece> DiffChars(const std::u32string& a, const std::u32string& b) {
  dtl::Diff<char32_t, std::u32string> diff(a, b);
  // Witnesses of a juan run to tens of thousands of characters and differ in
  // hundreds of places: dtl's huge mode keeps the memory of the edit path
  // bounded for such inputs.
  diff.onHuge();
  diff.compose();
  std::vector<DiffPiece> out;
  for (const auto& [ch, info] : diff.getSes().getSequence()) {
    DiffPiece::Op op = info.type == dtl::SES_COMMON ? DiffPiece::Op::kSame
                       : info.type == dtl::SES_DELETE ? DiffPiece::Op::kOnlyA
                                                      : DiffPiece::Op::kOnlyB;
    if (out.empty() || out.back().op != op) out.push_back(DiffPiece{op, {}});
    out.back().text.push_back(ch);
  }
  return out;
}

}  // namespace fangzhi::server
