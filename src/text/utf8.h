// UTF-8 helpers shared by every component. Decoding goes through ICU's
// U8_NEXT so that what we call "valid" is exactly what ICU accepts
// (no overlongs, no surrogates, nothing past U+10FFFF).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fangzhi::text {

inline constexpr size_t kValid = static_cast<size_t>(-1);

// Byte offset of the first ill-formed sequence in `s`, or kValid.
size_t FindInvalidUtf8(std::string_view s);

// Decodes the code point starting at byte `i` and advances `i` past it.
// Ill-formed input yields U+FFFD and advances by at least one byte.
char32_t NextCodePoint(std::string_view s, size_t& i);

void AppendUtf8(std::string& out, char32_t cp);

size_t CountCodePoints(std::string_view s);

// 1-based line and column (in code points) of byte `offset` in `s`,
// for error messages that name a place a person can find in an editor.
struct TextPosition {
  size_t line = 1;
  size_t column = 1;
};
TextPosition PositionOf(std::string_view s, size_t offset);

}  // namespace fangzhi::text
