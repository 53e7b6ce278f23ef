// Search folding: one code point to one, applied alike to indexed text and
// to queries, so that exact substring search over the folded text finds
// 繁/简 and variant spellings of the same words and ignores punctuation and
// spacing. The map is data/fold-table.tsv (made by tools/build_fold_table,
// see docs/search-folding.md), compiled in: nothing is read at run time.
// One-to-one keeps a folded offset pointing at one original character, which
// is what KWIC lines and citations need.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fangzhi::text {

// A Kanripo entity `&KRnnnn;` is one search unit, U+F0000 + nnnn with the
// digits read as hex, so that the code point shows the entity's number
// (&KR0561; is U+F0561): a private use code point, never equal to a real
// character. A value from 65534 (0xFFFE) up would reach the noncharacters at
// U+FFFFE, so such an entity (five digits or more) stays literal text.
inline constexpr char32_t kEntityUnitBase = 0xF0000;
inline constexpr uint32_t kEntityUnitLimit = 65534;

char32_t FoldChar(char32_t cp);  // identity when no mapping

// Whether a folded code point belongs to the search text: letters, numbers
// (Han, 〇, digits), symbols (℃, ㎡, +), marks, private use (entities). Not:
// punctuation (Unicode P*), whitespace/separators (Z*), controls, format and
// unassigned code points (C* except Co), nor default-ignorables such as
// variation selectors, which change a glyph and not the character. Han
// code points always count, even where ICU's Unicode version predates them.
bool IsSearchable(char32_t folded);

// Appends the search units of UTF-8 `s`: each kept unit's folded code point,
// and (if begins != nullptr) the byte offset in `s` where the unit starts;
// entities are one unit. `s` is assumed valid UTF-8 (ill-formed bytes
// become U+FFFD, a searchable symbol, as NextCodePoint decodes them).
void AppendSearchUnits(std::string_view s, std::u32string* units, std::vector<uint32_t>* begins = nullptr);

std::u32string FoldForSearch(std::string_view s);  // convenience: units only

// A fingerprint of everything that decides the search units: the fold
// table, which code points are searchable (ICU's Unicode version decides
// some) and kFoldingRevision. An index records the fingerprint it was built
// with, so that one built by another version is rebuilt instead of silently
// missing what the new folding finds. Never 0.
uint32_t FoldingFingerprint();

// Raised by hand whenever AppendSearchUnits' logic changes (not its data).
inline constexpr uint32_t kFoldingRevision = 1;

}  // namespace fangzhi::text
