// Anchoring on text rather than offsets (internal to review/): the few
// characters around a passage, and how much of them survives in a new
// version. Used by recheck.cc (findings) and comments.cc (comments).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "check/node_text.h"

namespace fangzhi::review {

std::u32string ToU32(std::string_view utf8);
std::string ToUtf8(std::u32string_view s);

// Context kept on each side of an anchored span, in code points.
inline constexpr size_t kAnchorContext = 16;

struct TextAnchor {
  std::u32string before;  // up to kAnchorContext code points before the span, within its segment
  std::u32string text;    // the span itself
  std::u32string after;   // up to kAnchorContext after
  size_t segment = 0;     // 0: the title
  int para = 0;
};

// The anchor of node-text code points [start, end) (check/node_text.h).
// False when the span lies outside the text.
bool AnchorAt(const check::NodeText& nt, size_t start, size_t end, TextAnchor* out);

// How many context characters two anchors share: the common suffix of their
// `before`s plus the common prefix of their `after`s.
size_t SharedContext(const TextAnchor& a, const TextAnchor& b);

// The smaller side's available context: what SharedContext can at most be.
size_t AvailableContext(const TextAnchor& a, const TextAnchor& b);

}  // namespace fangzhi::review
