// A character-level comparison of two witnesses of the same text (the
// Kanripo master against SBCK or WYG): what the side-by-side view marks.
// The shortest edit script comes from dtl (Wu–Manber–Myers O(NP)).
#pragma once

#include <string>
#include <vector>

namespace fangzhi::server {

struct DiffPiece {
  enum class Op { kSame, kOnlyA, kOnlyB };
  Op op = Op::kSame;
  std::u32string text;
};

// Runs of equal, A-only and B-only characters, in order; concatenating the
// kSame and kOnlyA pieces gives `a`, kSame and kOnlyB gives `b`.
std::vector<DiffPiece> DiffChars(const std::u32string& a, const std::u32string& b);

}  // namespace fangzhi::server
