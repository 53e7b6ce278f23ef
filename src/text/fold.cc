#include "text/fold.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdlib>

#include "text/fold_table_data.h"
#include "text/han.h"
#include "text/utf8.h"

namespace fangzhi::text {
namespace {

using internal::FoldPair;
using internal::kFoldPairCount;
using internal::kFoldPairs;

constexpr char32_t kCodePointCount = 0x110000;
constexpr uint32_t kCodePointMask = 0x1FFFFF;
constexpr uint32_t kSearchableBit = 0x80000000;

bool ComputeSearchable(char32_t cp) {
  if (IsHan(cp)) return true;
  const auto c = static_cast<UChar32>(cp);
  if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return false;
  switch (u_charType(c)) {
    case U_UNASSIGNED:  // Cn
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_SURROGATE:
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
      return false;
    default:  // letters, marks, numbers, symbols, private use
      return true;
  }
}

// Built once, on first use, from the compiled-in pairs. The per-character
// path touches one 32-bit entry for the BMP (nearly all text) and falls back
// to a binary search only for supplementary code points.
struct Tables {
  // Folded code point, plus kSearchableBit when the folded one is searchable.
  std::vector<uint32_t> bmp = std::vector<uint32_t>(0x10000);
  std::vector<FoldPair> supplementary;  // sorted by `from`
  std::vector<uint64_t> searchable = std::vector<uint64_t>(kCodePointCount / 64);

  Tables() {
    for (char32_t cp = 0; cp < kCodePointCount; ++cp) {
      if (ComputeSearchable(cp)) searchable[cp >> 6] |= uint64_t{1} << (cp & 63);
    }
    for (char32_t cp = 0; cp < 0x10000; ++cp) bmp[cp] = cp;
    char32_t previous = 0;
    for (size_t i = 0; i < kFoldPairCount; ++i) {
      const FoldPair p = kFoldPairs[i];
      // The generator guarantees this; a hand-edited TSV might not.
      if ((i > 0 && p.from <= previous) || p.from >= kCodePointCount || p.to >= kCodePointCount) std::abort();
      previous = p.from;
      if (p.from < 0x10000) {
        bmp[p.from] = p.to;
      } else {
        supplementary.push_back(p);
      }
    }
    for (char32_t cp = 0; cp < 0x10000; ++cp) {
      if (Searchable(bmp[cp])) bmp[cp] |= kSearchableBit;
    }
  }

  uint32_t Fingerprint() const {
    uint32_t h = 2166136261u;  // FNV-1a
    auto mix = [&h](uint64_t v) {
      for (int i = 0; i < 8; ++i) {
        h ^= static_cast<uint8_t>(v >> (8 * i));
        h *= 16777619u;
      }
    };
    mix(kFoldingRevision);
    for (uint64_t word : searchable) mix(word);
    for (size_t i = 0; i < kFoldPairCount; ++i) mix(uint64_t{kFoldPairs[i].from} << 32 | kFoldPairs[i].to);
    return h == 0 ? 1 : h;
  }

  bool Searchable(char32_t folded) const {
    return folded < kCodePointCount && (searchable[folded >> 6] >> (folded & 63) & 1) != 0;
  }

  char32_t FoldSupplementary(char32_t cp) const {
    auto it = std::lower_bound(supplementary.begin(), supplementary.end(), cp,
                               [](const FoldPair& p, char32_t c) { return p.from < c; });
    return it != supplementary.end() && it->from == cp ? it->to : cp;
  }
};

// The code point of a well-formed three-byte sequence at p[i], or 0: the
// common case decoded inline; everything else goes through NextCodePoint.
inline char32_t ThreeByteSequence(const unsigned char* p, size_t i, size_t n) {
  if ((p[i] & 0xF0) != 0xE0 || i + 2 >= n || (p[i + 1] & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80) return 0;
  const char32_t cp = (p[i] & 0x0Fu) << 12 | (p[i + 1] & 0x3Fu) << 6 | (p[i + 2] & 0x3Fu);
  return cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF) ? 0 : cp;  // overlong, surrogate
}

const Tables& GetTables() {
  static const Tables* tables = new Tables();  // never destroyed: used until exit
  return *tables;
}

}  // namespace

char32_t FoldChar(char32_t cp) {
  const Tables& t = GetTables();
  return cp < 0x10000 ? (t.bmp[cp] & kCodePointMask) : t.FoldSupplementary(cp);
}

bool IsSearchable(char32_t folded) { return GetTables().Searchable(folded); }

void AppendSearchUnits(std::string_view s, std::u32string* units, std::vector<uint32_t>* begins) {
  const Tables& t = GetTables();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  auto emit = [&](char32_t unit, size_t start) {
    units->push_back(unit);
    if (begins != nullptr) begins->push_back(static_cast<uint32_t>(start));
  };
  size_t i = 0;
  while (i < n) {
    const size_t start = i;
    const unsigned char b = p[i];
    uint32_t entry;
    if (b < 0x80) {
      if (b == '&') {
        if (const size_t len = KanripoEntityLength(s, i); len > 0) {
          uint32_t number = 0;  // digits read as hex: see kEntityUnitBase
          for (size_t j = i + 3; j + 1 < i + len; ++j) number = number * 16 + (p[j] - '0');
          if (number < kEntityUnitLimit) {
            emit(kEntityUnitBase + number, start);
            i += len;
            continue;
          }
        }
      }
      entry = t.bmp[b];
      ++i;
    } else if (const char32_t cp3 = ThreeByteSequence(p, i, n); cp3 != 0) {  // all of CJK in the BMP
      entry = t.bmp[cp3];
      i += 3;
    } else {
      const char32_t cp = NextCodePoint(s, i);
      if (cp < 0x10000) {
        entry = t.bmp[cp];
      } else {
        const char32_t folded = t.FoldSupplementary(cp);
        entry = folded | (t.Searchable(folded) ? kSearchableBit : 0);
      }
    }
    if ((entry & kSearchableBit) != 0) emit(entry & kCodePointMask, start);
  }
}

std::u32string FoldForSearch(std::string_view s) {
  std::u32string units;
  AppendSearchUnits(s, &units);
  return units;
}

uint32_t FoldingFingerprint() {
  static const uint32_t fingerprint = GetTables().Fingerprint();
  return fingerprint;
}

}  // namespace fangzhi::text
