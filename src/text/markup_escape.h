// Escaping text for markup that C++ code assembles (HTML reports and pages,
// OAI-PMH, TEI, the XML inside .docx). One definition, so that every writer
// escapes the same characters the same way.
#pragma once

#include <string>
#include <string_view>

namespace fangzhi::text {

// & < > " ' as entities: safe in text and in quoted attribute values.
std::string HtmlEscape(std::string_view s);
void AppendHtmlEscaped(std::string_view s, std::string* out);

// Like HtmlEscape, and drops the code points XML 1.0 forbids (controls other
// than tab, LF, CR; U+FFFE/U+FFFF), so any stored text stays well-formed.
std::string XmlEscape(std::string_view s);

}  // namespace fangzhi::text
