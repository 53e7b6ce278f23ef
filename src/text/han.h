// What counts as a Han character, in one place. The corpus README counts
// CJK ideographs of the URO, Extensions A–H(I) and the compatibility blocks;
// every count Fangzhi reports uses the same definition.
#pragma once

#include <cstddef>
#include <string_view>

namespace fangzhi::text {

bool IsHan(char32_t cp);

// Han characters in a UTF-8 string (ill-formed bytes count as nothing).
size_t CountHan(std::string_view utf8);

// Kanripo writes characters missing from Unicode as `&KR0561;`. Returns the
// length in bytes of such an entity starting at `s[i]`, or 0.
size_t KanripoEntityLength(std::string_view s, size_t i);

// Entities in a UTF-8 string.
size_t CountKanripoEntities(std::string_view utf8);

}  // namespace fangzhi::text
