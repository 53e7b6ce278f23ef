#include "server/escape.h"

#include "text/han.h"

namespace fangzhi::server {

std::string UrlEncode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string JsonForScript(std::string_view json) {
  std::string out;
  out.reserve(json.size() + 16);
  for (char c : json) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

void AppendGaijiHtml(std::string_view entity, std::string* out) {
  const std::string_view code = entity.substr(1, entity.size() - 2);  // KR0561
  *out += "<span class=\"gaiji\" data-entity=\"";
  *out += code;
  *out += "\" title=\"缺字 ";
  *out += code;
  *out += "：Unicode 未收的字（Kanripo 编码）\">〓</span>";
}

std::string TextHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  size_t done = 0;
  for (size_t i = text.find('&'); i != std::string_view::npos; i = text.find('&', i + 1)) {
    const size_t n = text::KanripoEntityLength(text, i);
    if (n == 0) continue;
    AppendHtmlEscaped(text.substr(done, i - done), &out);
    AppendGaijiHtml(text.substr(i, n), &out);
    done = i + n;
    i = done - 1;
  }
  AppendHtmlEscaped(text.substr(done), &out);
  return out;
}

}  // namespace fangzhi::server
