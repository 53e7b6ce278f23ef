#include "digitize/ocr_accuracy.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <vector>

#include "text/han.h"

namespace fangzhi::digitize {

std::u32string HanSequence(const std::string& utf8) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(utf8);
  if (U_SUCCESS(err)) {
    icu::UnicodeString folded = nfkc->normalize(s, err);
    if (U_SUCCESS(err)) s = folded;
  }
  std::u32string out;
  for (int32_t i = 0; i < s.length();) {
    const UChar32 cp = s.char32At(i);
    if (text::IsHan(static_cast<char32_t>(cp))) out.push_back(static_cast<char32_t>(cp));
    i += U16_LENGTH(cp);
  }
  return out;
}

size_t EditDistance(const std::u32string& a, const std::u32string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

double HanAccuracy(const std::string& truth, const std::string& ocr) {
  const std::u32string t = HanSequence(truth), o = HanSequence(ocr);
  if (t.empty()) return 0;
  return 1.0 - static_cast<double>(EditDistance(t, o)) / static_cast<double>(t.size());
}

}  // namespace fangzhi::digitize
