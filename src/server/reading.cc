#include "server/reading.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "iiif/page_index.h"
#include "server/escape.h"
#include "text/fold.h"
#include "text/han.h"
#include "text/utf8.h"

namespace fangzhi::server {
namespace {

using model::Block;
using model::BlockKind;

// Byte ranges [begin, end) of a block's text to mark.
using Ranges = std::vector<std::pair<size_t, size_t>>;

bool IsTextual(BlockKind k) { return k != BlockKind::kPage && k != BlockKind::kRemark; }

// Finds the folded `needle` in the search units of blocks [first, last) and
// returns, per block, the byte ranges the occurrences cover (a hit may span
// blocks: text into a note, across line ends and punctuation). With
// `only_block` >= 0, just the occurrence starting at unit `only_unit` of that
// block, if there is one.
std::vector<Ranges> FindHighlights(const std::vector<Block>& blocks, size_t first, size_t last,
                                   const std::u32string& needle, int only_block, int only_unit) {
  std::vector<Ranges> out(last - first);
  if (needle.empty()) return out;
  std::u32string units;
  struct Origin {
    size_t block;
    uint32_t unit;  // index among the block's units
    uint32_t begin;
    uint32_t end;
  };
  std::vector<Origin> origin;
  for (size_t b = first; b < last; ++b) {
    if (!IsTextual(blocks[b].kind)) continue;
    const std::string& t = blocks[b].text;
    std::vector<uint32_t> begins;
    const size_t before = units.size();
    text::AppendSearchUnits(t, &units, &begins);
    for (size_t k = 0; k < units.size() - before; ++k) {
      size_t end = begins[k];
      text::NextCodePoint(t, end);
      // An entity &KR0561; is one unit spanning its whole spelling.
      if (t[begins[k]] == '&') {
        const size_t semi = t.find(';', begins[k]);
        if (semi != std::string::npos) end = semi + 1;
      }
      origin.push_back({b - first, static_cast<uint32_t>(k), begins[k], static_cast<uint32_t>(end)});
    }
  }
  std::vector<size_t> starts;
  for (size_t pos = 0; (pos = units.find(needle, pos)) != std::u32string::npos; ++pos) starts.push_back(pos);
  if (only_block >= 0) {
    const auto it = std::find_if(starts.begin(), starts.end(), [&](size_t pos) {
      return origin[pos].block + first == static_cast<size_t>(only_block) &&
             origin[pos].unit == static_cast<uint32_t>(only_unit);
    });
    if (it != starts.end()) starts = {*it};
  }
  for (const size_t pos : starts) {
    for (size_t k = pos; k < pos + needle.size(); ++k) {
      // From the end of the previous unit when in the same block, so the
      // punctuation and line ends inside a hit are marked too.
      const bool same_block = k > pos && origin[k - 1].block == origin[k].block;
      out[origin[k].block].emplace_back(same_block ? origin[k - 1].end : origin[k].begin, origin[k].end);
    }
  }
  for (Ranges& r : out) {
    std::sort(r.begin(), r.end());
    Ranges merged;
    for (const auto& x : r) {
      if (!merged.empty() && x.first <= merged.back().second) {
        merged.back().second = std::max(merged.back().second, x.second);
      } else {
        merged.push_back(x);
      }
    }
    r = std::move(merged);
  }
  return out;
}

// Writes escaped text with <mark> around the ranges; structural markup
// closes and reopens an open mark so that elements always nest.
class MarkedWriter {
 public:
  MarkedWriter(std::string* out, const Ranges* ranges) : out_(out), ranges_(ranges) {}

  // OCR confidences, one digit per code point of the text written next
  // (from byte 0): characters below kLowConfidence are marked.
  void SetConfidence(const std::string* conf) { conf_ = conf; }
  static constexpr char kLowConfidence = '6';

  // Bytes [begin, end) of `s` (the block's whole text), escaped, with
  // `line_end` emitted for each '\n'.
  void Text(std::string_view s, size_t begin, size_t end, std::string_view line_end) {
    size_t i = begin;
    size_t cp_index = 0;
    while (i < end) {
      SyncMark(i);
      const size_t cp_begin = i;
      if (const size_t n = s[i] == '&' ? text::KanripoEntityLength(s, i) : 0; n > 0 && i + n <= end) {
        AppendGaijiHtml(s.substr(i, n), out_);
        i += n;
        ++cp_index;
        continue;
      }
      const char32_t cp = text::NextCodePoint(s, i);
      if (cp == U'\n') {
        Markup(line_end);
      } else {
        const bool low = conf_ != nullptr && cp_index < conf_->size() && (*conf_)[cp_index] < kLowConfidence;
        if (low) Markup("<span class=\"lc\" title=\"识别置信度低\">");
        AppendHtmlEscaped(s.substr(cp_begin, i - cp_begin), out_);
        if (low) Markup("</span>");
      }
      ++cp_index;
    }
    SyncMark(end);
  }

  void Markup(std::string_view html) {
    const bool was = in_mark_;
    if (was) *out_ += "</mark>";
    *out_ += html;
    if (was) *out_ += "<mark>";
  }

  void Close() {
    if (in_mark_) *out_ += "</mark>";
    in_mark_ = false;
  }

 private:
  void SyncMark(size_t byte) {
    bool inside = false;
    if (ranges_ != nullptr) {
      for (const auto& [b, e] : *ranges_) {
        if (byte >= b && byte < e) inside = true;
      }
    }
    if (inside != in_mark_) {
      *out_ += inside ? "<mark>" : "</mark>";
      in_mark_ = inside;
    }
  }

  std::string* out_;
  const Ranges* ranges_;
  const std::string* conf_ = nullptr;
  bool in_mark_ = false;
};

std::string Attr(const Block& b, const char* key) {
  auto it = b.attrs.find(key);
  return it == b.attrs.end() ? std::string() : it->second;
}

// An id made of the characters an id and a URL fragment both take as is.
std::string SafeId(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_';
    out.push_back(ok ? c : '-');
  }
  return out;
}

void RenderPage(const Block& b, const ReadingOptions& o, int scan_page, std::string* out) {
  const std::string page = Attr(b, "page");
  const std::string ed = Attr(b, "edition");
  const std::string ref = Attr(b, "ref");
  const bool md = Attr(b, "marker") == "md";
  std::string shown = page.empty() ? ref : page;
  if (!ed.empty() && ed != o.edition) shown = ed + " " + shown;
  *out += "<span class=\"pb";
  if (md) *out += " pb-md";
  *out += "\"";
  if (!ref.empty()) *out += " id=\"page-" + SafeId(ref) + "\" title=\"" + HtmlEscape(ref) + "\"";
  if (scan_page >= 0) *out += " data-scan=\"" + std::to_string(scan_page) + "\"";
  *out += ">〔";
  AppendHtmlEscaped(shown, out);
  *out += "〕</span>";
}

// A note in two small columns per printed line: "right/left" within a line,
// several lines one after another.
void RenderNote(const Block& b, const Ranges* ranges, std::string* out) {
  MarkedWriter w(out, ranges);
  w.Markup("<span class=\"note\">");
  const std::string& t = b.text;
  size_t line_start = 0;
  while (line_start <= t.size()) {
    size_t line_end = t.find('\n', line_start);
    if (line_end == std::string::npos) line_end = t.size();
    const size_t slash = t.find('/', line_start);
    w.Markup("<span class=\"nl\"><span class=\"nc\">");
    if (slash != std::string::npos && slash < line_end) {
      w.Text(t, line_start, slash, "");
      w.Markup("</span><span class=\"nc\">");
      w.Text(t, slash + 1, line_end, "");
    } else {
      w.Text(t, line_start, line_end, "");
    }
    w.Markup("</span></span>");
    if (line_end == t.size()) break;
    line_start = line_end + 1;
  }
  w.Markup("</span>");
  w.Close();
}

void RenderTable(const Block& b, std::string* out) {
  *out += "<table class=\"tbl\">";
  const bool header = Attr(b, "header") == "true" || Attr(b, "header") == "1";
  size_t row_start = 0;
  bool first = true;
  const std::string& t = b.text;
  while (row_start <= t.size()) {
    size_t row_end = t.find('\n', row_start);
    if (row_end == std::string::npos) row_end = t.size();
    const char* cell = first && header ? "th" : "td";
    *out += "<tr>";
    size_t c = row_start;
    while (c <= row_end) {
      size_t tab = t.find('\t', c);
      if (tab == std::string::npos || tab > row_end) tab = row_end;
      *out += std::string("<") + cell + ">";
      AppendHtmlEscaped(std::string_view(t).substr(c, tab - c), out);
      *out += std::string("</") + cell + ">";
      c = tab + 1;
    }
    *out += "</tr>";
    first = false;
    if (row_end == t.size()) break;
    row_start = row_end + 1;
  }
  *out += "</table>";
}

}  // namespace

int ParagraphCount(const model::Node& node) {
  int n = 0;
  for (const Block& b : node.blocks) n = std::max(n, b.para);
  return n;
}

std::string RenderNodeHtml(const model::Node& node, const ReadingOptions& o) {
  const std::u32string needle = o.highlight.empty() ? std::u32string() : text::FoldForSearch(o.highlight);
  std::string out;
  out.reserve(node.blocks.size() * 200);
  if (!node.title.empty()) {
    out += "<h2 class=\"node-title\">";
    AppendHtmlEscaped(node.title, &out);
    out += "</h2>";
  }
  size_t i = 0;
  const auto& blocks = node.blocks;
  int scan_page = -1;  // the viewer page the blocks now belong to, or -1
  while (i < blocks.size()) {
    size_t j = i;
    while (j < blocks.size() && blocks[j].para == blocks[i].para) ++j;
    const int para = blocks[i].para;
    const bool target = !needle.empty() && (o.highlight_para == 0 || o.highlight_para == para);
    std::vector<Ranges> marks = target ? FindHighlights(blocks, i, j, needle, o.highlight_block, o.highlight_unit) : std::vector<Ranges>(j - i);
    const std::string id = "p" + std::to_string(para);
    out += "<div class=\"para";
    if (target && o.highlight_para == para) out += " hit";
    out += "\" id=\"" + id + "\"><a class=\"pn\" href=\"#" + id + "\" title=\"本段永久链接 第 " +
           std::to_string(para) + " 段\" aria-label=\"第 " + std::to_string(para) + " 段\">" +
           std::to_string(para) + "</a>";
    for (size_t k = i; k < j; ++k) {
      const Block& b = blocks[k];
      const Ranges* r = marks[k - i].empty() ? nullptr : &marks[k - i];
      switch (b.kind) {
        case BlockKind::kText: {
          iiif::Box box;
          const bool line = scan_page >= 0 && iiif::ParseBox(Attr(b, "box"), &box);
          const std::string conf = line ? Attr(b, "conf") : std::string();
          if (line) {
            out += "<span class=\"ocr-line\" id=\"l" + std::to_string(k) + "\" data-seq=\"" + std::to_string(k) +
                   "\" data-page=\"" + std::to_string(scan_page) + "\" data-box=\"" + std::to_string(box.x) + "," +
                   std::to_string(box.y) + "," + std::to_string(box.w) + "," + std::to_string(box.h) +
                   "\" tabindex=\"0\">";
          }
          MarkedWriter w(&out, r);
          if (!conf.empty() && conf.size() == text::CountCodePoints(b.text)) w.SetConfidence(&conf);
          w.Text(b.text, 0, b.text.size(), "<span class=\"lb\"></span>");
          w.Close();
          if (line) {
            out += "</span>";
            if (!o.proofread_href.empty()) {
              out += "<a class=\"pf\" href=\"";
              AppendHtmlEscaped(o.proofread_href + "&seq=" + std::to_string(k), &out);
              out += "\" title=\"校对此行\" aria-label=\"校对此行\">校</a>";
            }
          }
          break;
        }
        case BlockKind::kNote:
          RenderNote(b, r, &out);
          break;
        case BlockKind::kPage: {
          auto it = o.scan_pages.find(k);
          scan_page = it == o.scan_pages.end() ? -1 : it->second;
          RenderPage(b, o, scan_page, &out);
          break;
        }
        case BlockKind::kTable:
          RenderTable(b, &out);
          break;
        case BlockKind::kFigure:
          out += "<figure class=\"fig\"><figcaption>";
          AppendHtmlEscaped(b.text, &out);
          out += "</figcaption></figure>";
          break;
        case BlockKind::kFootnote:
          out += "<aside class=\"fn\"><sup>";
          AppendHtmlEscaped(Attr(b, "label"), &out);
          out += "</sup> ";
          AppendHtmlEscaped(b.text, &out);
          out += "</aside>";
          break;
        case BlockKind::kRemark:
          out += "<span class=\"remark\" title=\"底本文件中的校者附注，不属正文\">［";
          AppendHtmlEscaped(b.text, &out);
          out += "］</span>";
          break;
      }
    }
    out += "</div>\n";
    i = j;
  }
  return out;
}

std::u32string ComparableText(const model::Node& node) {
  std::u32string out;
  int para = -1;
  auto append = [&](const std::string& s, bool note) {
    size_t i = 0;
    while (i < s.size()) {
      const char32_t cp = text::NextCodePoint(s, i);
      if (cp == U'\n' || (note && cp == U'/')) continue;
      out.push_back(cp == U'\t' ? U' ' : cp);
    }
  };
  for (const Block& b : node.blocks) {
    if (!IsTextual(b.kind)) continue;
    if (para != -1 && b.para != para) out.push_back(U'\n');
    para = b.para;
    if (b.kind == BlockKind::kNote) {
      out.push_back(U'（');
      append(b.text, true);
      out.push_back(U'）');
    } else {
      append(b.text, false);
    }
  }
  return out;
}

}  // namespace fangzhi::server
