// Escaping for the places our output lands: HTML text and attributes, XML
// (OAI-PMH, TEI is the exporter's own), URL components, JSON inside a
// <script> element. Templates escape their variables themselves (ctemplate
// auto-escaping); these are for markup that C++ code assembles.
#pragma once

#include <string>
#include <string_view>

namespace fangzhi::server {

// & < > " ' as entities: safe in text and in quoted attribute values.
std::string HtmlEscape(std::string_view s);
void AppendHtmlEscaped(std::string_view s, std::string* out);

// Like HtmlEscape, and drops the code points XML 1.0 forbids (controls other
// than tab, LF, CR; U+FFFE/U+FFFF), so any stored text stays well-formed.
std::string XmlEscape(std::string_view s);

// Percent-encodes everything but unreserved ASCII (RFC 3986 §2.3).
std::string UrlEncode(std::string_view s);

// JSON text made safe inside <script>: '<', '>' and '&' as \u003c … so that
// no "</script>" or "<!--" can close the element.
std::string JsonForScript(std::string_view json);

}  // namespace fangzhi::server
