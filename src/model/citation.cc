#include "model/citation.h"

#include <cctype>

namespace fangzhi::model {

bool IsValidWorkId(std::string_view id) {
  if (id.empty() || id.size() > 200 || id.front() == '.') return false;
  for (unsigned char c : id) {
    if (c >= 0x80) continue;
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') continue;
    return false;
  }
  return true;
}

bool ParseCitationPath(std::string_view s, CitationPath* out) {
  CitationPath c;
  const size_t hash = s.find('#');
  if (hash != std::string_view::npos) {
    std::string_view frag = s.substr(hash + 1);
    s = s.substr(0, hash);
    if (frag.size() < 2 || frag[0] != 'p' || frag.size() > 10) return false;
    int n = 0;
    for (char ch : frag.substr(1)) {
      if (ch < '0' || ch > '9') return false;
      n = n * 10 + (ch - '0');
    }
    if (n <= 0) return false;
    c.paragraph = n;
  }
  const size_t slash = s.find('/');
  c.work = std::string(s.substr(0, slash));
  if (!IsValidWorkId(c.work)) return false;
  if (slash != std::string_view::npos) {
    std::string_view rest = s.substr(slash + 1);
    // Every segment must be a real name: refuse "", ".", ".." so that a path
    // can never climb out of a work (the web layer maps these to URLs).
    size_t start = 0;
    while (true) {
      const size_t end = rest.find('/', start);
      std::string_view seg = rest.substr(start, end == std::string_view::npos ? rest.npos : end - start);
      if (seg.empty() || seg == "." || seg == "..") return false;
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
    c.node_path = std::string(rest);
  }
  *out = std::move(c);
  return true;
}

std::string FormatCitationPath(const CitationPath& c) {
  std::string s = c.work;
  if (!c.node_path.empty()) s += "/" + c.node_path;
  if (c.paragraph > 0) s += "#p" + std::to_string(c.paragraph);
  return s;
}

}  // namespace fangzhi::model
