#include "text/han.h"

#include "text/utf8.h"

namespace fangzhi::text {

bool IsHan(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF)        // URO
         || (cp >= 0x3400 && cp <= 0x4DBF)     // Ext A
         || (cp >= 0xF900 && cp <= 0xFAFF)     // compatibility
         || (cp >= 0x20000 && cp <= 0x2A6DF)   // Ext B
         || (cp >= 0x2A700 && cp <= 0x2EE5F)   // Ext C, D, E, F, I
         || (cp >= 0x2F800 && cp <= 0x2FA1F)   // compatibility supplement
         || (cp >= 0x30000 && cp <= 0x323AF);  // Ext G, H
}

size_t CountHan(std::string_view utf8) {
  size_t n = 0;
  for (size_t i = 0; i < utf8.size();) {
    if (static_cast<unsigned char>(utf8[i]) < 0x80) {
      ++i;
      continue;
    }
    n += IsHan(NextCodePoint(utf8, i));
  }
  return n;
}

size_t KanripoEntityLength(std::string_view s, size_t i) {
  // &KR + 1..6 digits + ;
  if (s.compare(i, 3, "&KR") != 0) return 0;
  size_t j = i + 3;
  while (j < s.size() && j - i < 10 && s[j] >= '0' && s[j] <= '9') ++j;
  if (j == i + 3 || j >= s.size() || s[j] != ';') return 0;
  return j + 1 - i;
}

size_t CountKanripoEntities(std::string_view utf8) {
  size_t n = 0;
  for (size_t i = utf8.find('&'); i != std::string_view::npos; i = utf8.find('&', i + 1)) {
    n += KanripoEntityLength(utf8, i) > 0;
  }
  return n;
}

}  // namespace fangzhi::text
