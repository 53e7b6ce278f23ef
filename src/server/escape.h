// Escaping for the places our output lands: HTML text and attributes, XML
// (OAI-PMH, TEI is the exporter's own), URL components, JSON inside a
// <script> element. Templates escape their variables themselves (ctemplate
// auto-escaping); these are for markup that C++ code assembles.
#pragma once

#include <string>
#include <string_view>

#include "text/markup_escape.h"

namespace fangzhi::server {

// HTML and XML escaping are the text component's (text/markup_escape.h).
using text::AppendHtmlEscaped;
using text::HtmlEscape;
using text::XmlEscape;

// A character Unicode lacks, which Kanripo writes as an entity ("&KR0561;"):
// the geta mark 〓, as printed books show one, with the code in the title
// and data-entity. Stored text and exports keep the entity itself.
void AppendGaijiHtml(std::string_view entity, std::string* out);

// HTML-escaped text with each Kanripo entity as AppendGaijiHtml writes it.
std::string TextHtml(std::string_view text);

// Percent-encodes everything but unreserved ASCII (RFC 3986 §2.3).
std::string UrlEncode(std::string_view s);

// JSON text made safe inside <script>: '<', '>' and '&' as \u003c … so that
// no "</script>" or "<!--" can close the element.
std::string JsonForScript(std::string_view json);

}  // namespace fangzhi::server
