#include "formats/tei_exporter.h"

#include "text/utf8.h"
#include "text/markup_escape.h"

namespace fangzhi::formats {
namespace {

using model::Block;
using model::BlockKind;

void Esc(std::string_view s, std::string* out) { *out += text::XmlEscape(s); }

std::string E(std::string_view s) {
  std::string out;
  Esc(s, &out);
  return out;
}

std::string Attr(const Block& b, const char* key) {
  auto it = b.attrs.find(key);
  return it == b.attrs.end() ? std::string() : it->second;
}

// Text with the print's line ends as <lb/>.
void Lines(std::string_view s, std::string* out) {
  size_t start = 0;
  while (start <= s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) nl = s.size();
    Esc(s.substr(start, nl - start), out);
    if (nl == s.size()) break;
    *out += "<lb/>";
    start = nl + 1;
  }
}

void Table(const Block& b, std::string* out) {
  *out += "<table>";
  const bool header = Attr(b, "header") == "true" || Attr(b, "header") == "1";
  std::string_view t = b.text;
  size_t row = 0;
  bool first = true;
  while (row <= t.size()) {
    size_t end = t.find('\n', row);
    if (end == std::string_view::npos) end = t.size();
    *out += first && header ? "<row role=\"label\">" : "<row>";
    size_t c = row;
    while (c <= end) {
      size_t tab = t.find('\t', c);
      if (tab == std::string_view::npos || tab > end) tab = end;
      *out += "<cell>";
      Esc(t.substr(c, tab - c), out);
      *out += "</cell>";
      c = tab + 1;
    }
    *out += "</row>";
    first = false;
    if (end == t.size()) break;
    row = end + 1;
  }
  *out += "</table>";
}

void BlockXml(const Block& b, std::string* out) {
  switch (b.kind) {
    case BlockKind::kText:
      Lines(b.text, out);
      break;
    case BlockKind::kNote:
      *out += "<note place=\"interlinear\">";
      Lines(b.text, out);
      *out += "</note>";
      break;
    case BlockKind::kPage: {
      *out += "<pb";
      const std::string n = Attr(b, "page").empty() ? Attr(b, "ref") : Attr(b, "page");
      if (!n.empty()) *out += " n=\"" + E(n) + "\"";
      if (!Attr(b, "edition").empty()) *out += " ed=\"" + E(Attr(b, "edition")) + "\"";
      if (Attr(b, "marker") == "md") *out += " type=\"base-edition\"";
      if (!Attr(b, "image").empty()) *out += " facs=\"" + E(Attr(b, "image")) + "\"";
      *out += "/>";
      break;
    }
    case BlockKind::kTable:
      Table(b, out);
      break;
    case BlockKind::kFigure:
      *out += "<figure>";
      if (!Attr(b, "src").empty()) *out += "<graphic url=\"" + E(Attr(b, "src")) + "\"/>";
      *out += "<figDesc>" + E(b.text) + "</figDesc></figure>";
      break;
    case BlockKind::kFootnote:
      *out += "<note place=\"foot\"";
      if (!Attr(b, "label").empty()) *out += " n=\"" + E(Attr(b, "label")) + "\"";
      *out += ">";
      Lines(b.text, out);
      *out += "</note>";
      break;
    case BlockKind::kRemark:
      *out += "<note type=\"editorial\">" + E(b.text) + "</note>";
      break;
  }
}

void Div(const model::Node& n, int depth, std::string* out) {
  const std::string indent(static_cast<size_t>(depth) * 2 + 4, ' ');
  *out += indent + "<div";
  if (n.level == "卷") {
    *out += " type=\"juan\"";
  } else {
    *out += " type=\"section\"";
    if (!n.level.empty()) *out += " subtype=\"" + E(n.level) + "\"";
  }
  *out += " n=\"" + E(n.key) + "\">\n";
  if (!n.title.empty()) *out += indent + "  <head>" + E(n.title) + "</head>\n";
  if (!n.label.empty()) *out += indent + "  <head type=\"label\">" + E(n.label) + "</head>\n";
  size_t i = 0;
  while (i < n.blocks.size()) {
    size_t j = i;
    while (j < n.blocks.size() && n.blocks[j].para == n.blocks[i].para) ++j;
    *out += indent + "  <p n=\"" + std::to_string(n.blocks[i].para) + "\">";
    for (size_t k = i; k < j; ++k) BlockXml(n.blocks[k], out);
    *out += "</p>\n";
    i = j;
  }
  for (const model::Node& c : n.children) Div(c, depth + 1, out);
  *out += indent + "</div>\n";
}

}  // namespace

std::string ExportTei(const model::Document& doc, const model::Edition& edition) {
  const model::Work& w = doc.work;
  const bool kanripo = w.source.find("Kanripo") != std::string::npos;
  std::string out;
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<TEI xmlns=\"" + std::string(kTeiNamespace) + "\" xml:lang=\"" + (kanripo ? "lzh" : "zh") + "\">\n";
  out += "  <teiHeader>\n    <fileDesc>\n      <titleStmt>\n";
  out += "        <title>" + E(w.title) + "</title>\n";
  for (const std::string& c : w.compilers) out += "        <author>" + E(c) + "</author>\n";
  out += "      </titleStmt>\n";
  out += "      <editionStmt><edition n=\"" + E(edition.id) + "\">" +
         E(edition.label.empty() ? edition.id : edition.label) + "</edition></editionStmt>\n";
  out += "      <publicationStmt>\n        <publisher>四川数字方志馆（方志平台 Fangzhi）</publisher>\n";
  out += "        <idno type=\"fangzhi\">" + E(w.id) + "</idno>\n";
  if (!w.licence.empty()) {
    out += "        <availability><licence";
    if (w.licence == "CC BY-SA 4.0") out += " target=\"https://creativecommons.org/licenses/by-sa/4.0/\"";
    out += ">" + E(w.licence) + "</licence></availability>\n";
  }
  out += "      </publicationStmt>\n";
  out += "      <sourceDesc>\n        <bibl>\n          <title>" + E(w.title) + "</title>\n";
  for (const std::string& c : w.compilers) out += "          <author>" + E(c) + "</author>\n";
  if (!w.dynasty.empty() || !w.year.empty()) {
    out += "          <date>" + E(w.dynasty.empty() ? w.year : (w.year.empty() ? w.dynasty : w.dynasty + " " + w.year)) +
           "</date>\n";
  }
  if (!w.source.empty()) out += "          <note type=\"source\">" + E(w.source) + "</note>\n";
  out += "        </bibl>\n      </sourceDesc>\n    </fileDesc>\n";
  out += "    <profileDesc>\n";
  out += "      <textClass><keywords><term type=\"kind\">" + E(w.kind) + "</term>";
  if (!w.period.empty()) out += "<term type=\"period\">" + E(w.period) + "</term>";
  out += "</keywords></textClass>\n";
  if (!w.place_name.empty() || !w.region_code.empty()) {
    out += "      <settingDesc><place>";
    if (!w.place_name.empty()) out += "<placeName>" + E(w.place_name) + "</placeName>";
    if (!w.region_code.empty()) out += "<idno type=\"GB/T 2260\">" + E(w.region_code) + "</idno>";
    out += "</place></settingDesc>\n";
  }
  out += "    </profileDesc>\n  </teiHeader>\n";
  out += "  <text>\n    <body>\n";
  for (const model::Node& n : edition.nodes) Div(n, 1, &out);
  if (edition.nodes.empty()) out += "      <p/>\n";  // TEI's body may not be empty
  out += "    </body>\n  </text>\n</TEI>\n";
  return out;
}

}  // namespace fangzhi::formats
