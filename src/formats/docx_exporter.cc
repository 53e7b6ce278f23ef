#include "formats/docx_exporter.h"

#include <zip.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <functional>
#include <set>
#include <vector>
#include <sstream>

#include "text/utf8.h"
#include "text/markup_escape.h"

namespace fs = std::filesystem;

namespace fangzhi::formats {

namespace {

using docx_internal::Anchor;
using docx_internal::ParsedDocx;
using docx_internal::Piece;

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kRelComments = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
constexpr const char* kRelStyles = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
constexpr const char* kRelDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
constexpr const char* kRelCore = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
constexpr const char* kTypeComments = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
constexpr const char* kTypeDocument = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
constexpr const char* kTypeStyles = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
constexpr const char* kTypeCore = "application/vnd.openxmlformats-package.core-properties+xml";

std::string Save(const pugi::xml_document& d) {
  std::ostringstream os;
  d.save(os, "", pugi::format_raw | pugi::format_no_declaration);
  std::string body = os.str();
  // Keep the part's own declaration when it had one, else write the usual one.
  if (d.first_child().type() == pugi::node_declaration) return body;
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n" + body;
}

std::string SubstrCp(std::string_view s, size_t from, size_t count) {
  size_t i = 0, cp = 0;
  while (i < s.size() && cp < from) {
    text::NextCodePoint(s, i);
    ++cp;
  }
  const size_t b = i;
  while (i < s.size() && cp < from + count) {
    text::NextCodePoint(s, i);
    ++cp;
  }
  return std::string(s.substr(b, i - b));
}

void SetText(pugi::xml_node t, const std::string& s) {
  t.text().set(s.c_str());
  if (!t.attribute("xml:space")) t.append_attribute("xml:space") = "preserve";
}

std::string NowIso() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

class Annotator {
 public:
  Annotator(ParsedDocx* p, pugi::xml_node comments_root, int first_id)
      : p_(p), comments_(comments_root), next_id_(first_id), date_(NowIso()) {}

  void Add(const DocxAnnotation& a) {
    const int id = next_id_++;
    AddComment(id, a.text);
    Anchor* anchor = nullptr;
    if (!a.node_path.empty()) {
      auto it = p_->anchors.find({a.node_path, a.block});
      if (it != p_->anchors.end()) anchor = &it->second;
    }
    if (anchor == nullptr || anchor->pieces.empty() || a.start >= a.end) {
      pugi::xml_node para = anchor && anchor->paragraph ? anchor->paragraph : p_->first_paragraph;
      if (anchor && !anchor->pieces.empty()) {
        Mark(id, anchor->pieces.front().run, anchor->pieces.back().run);
      } else if (para) {
        MarkParagraph(id, para);
      }
      return;
    }
    SplitAt(anchor, a.start);
    SplitAt(anchor, a.end);
    const Piece* first = nullptr;
    const Piece* last = nullptr;
    for (const Piece& pc : anchor->pieces) {
      if (!first && pc.begin + pc.length > a.start) first = &pc;
      if (pc.begin < a.end) last = &pc;
    }
    if (!first || !last || last->begin < first->begin) {
      Mark(id, anchor->pieces.front().run, anchor->pieces.back().run);
      return;
    }
    Mark(id, first->run, last->run);
  }

 private:
  // Makes `cp` a run boundary: the w:t holding it is cut in two runs with
  // the same formatting.
  void SplitAt(Anchor* a, size_t cp) {
    for (size_t k = 0; k < a->pieces.size(); ++k) {
      Piece& pc = a->pieces[k];
      if (!(pc.begin < cp && cp < pc.begin + pc.length)) continue;
      if (std::string_view(pc.child.name()) != "w:t") return;
      pugi::xml_node run = pc.run;
      pugi::xml_node clone = run.parent().insert_copy_after(run, run);
      std::vector<pugi::xml_node> oc, cc;
      for (pugi::xml_node c : run.children()) oc.push_back(c);
      for (pugi::xml_node c : clone.children()) cc.push_back(c);
      size_t idx = 0;
      while (idx < oc.size() && oc[idx] != pc.child) ++idx;
      if (idx == oc.size() || cc.size() != oc.size()) return;
      const std::string full = pc.child.text().get();
      const size_t head = cp - pc.begin;
      // Later pieces of the same run now live in the clone.
      for (size_t j = k + 1; j < a->pieces.size(); ++j) {
        if (a->pieces[j].run != run) continue;
        size_t ci = 0;
        while (ci < oc.size() && oc[ci] != a->pieces[j].child) ++ci;
        if (ci < oc.size()) {
          a->pieces[j].run = clone;
          a->pieces[j].child = cc[ci];
        }
      }
      for (size_t j = idx + 1; j < oc.size(); ++j) run.remove_child(oc[j]);
      for (size_t j = 0; j < idx; ++j) {
        if (std::string_view(cc[j].name()) != "w:rPr") clone.remove_child(cc[j]);
      }
      SetText(pc.child, SubstrCp(full, 0, head));
      SetText(cc[idx], SubstrCp(full, head, pc.length - head));
      Piece tail{clone, cc[idx], cp, pc.length - head};
      pc.length = head;
      a->pieces.insert(a->pieces.begin() + static_cast<long>(k) + 1, tail);
      return;
    }
  }

  void Mark(int id, pugi::xml_node first_run, pugi::xml_node last_run) {
    pugi::xml_node s = first_run.parent().insert_child_before("w:commentRangeStart", first_run);
    s.append_attribute("w:id") = id;
    pugi::xml_node e = last_run.parent().insert_child_after("w:commentRangeEnd", last_run);
    e.append_attribute("w:id") = id;
    Reference(id, e.parent(), e);
  }

  void MarkParagraph(int id, pugi::xml_node para) {
    pugi::xml_node ppr = para.child("w:pPr");
    pugi::xml_node s = ppr ? para.insert_child_after("w:commentRangeStart", ppr) : para.prepend_child("w:commentRangeStart");
    s.append_attribute("w:id") = id;
    pugi::xml_node e = para.append_child("w:commentRangeEnd");
    e.append_attribute("w:id") = id;
    Reference(id, para, e);
  }

  void Reference(int id, pugi::xml_node parent, pugi::xml_node after) {
    pugi::xml_node r = parent.insert_child_after("w:r", after);
    r.append_child("w:commentReference").append_attribute("w:id") = id;
  }

  void AddComment(int id, const std::string& text) {
    pugi::xml_node c = comments_.append_child("w:comment");
    c.append_attribute("w:id") = id;
    c.append_attribute("w:author") = kDocxCommentAuthor;
    c.append_attribute("w:date") = date_.c_str();
    c.append_attribute("w:initials") = "FZ";
    pugi::xml_node para = c.append_child("w:p");
    para.append_child("w:r").append_child("w:annotationRef");
    SetText(para.append_child("w:r").append_child("w:t"), text);
  }

  ParsedDocx* p_;
  pugi::xml_node comments_;
  int next_id_;
  std::string date_;
};

int MaxCommentId(const pugi::xml_node& root) {
  int max_id = -1;
  for (pugi::xpath_node n : root.select_nodes(".//*[@w:id]")) {
    const std::string_view name = n.node().name();
    if (name == "w:comment" || name == "w:commentRangeStart" || name == "w:commentReference") {
      max_id = std::max(max_id, n.node().attribute("w:id").as_int(-1));
    }
  }
  return max_id;
}

// Takes out the comments an earlier run of ours wrote (author
// kDocxCommentAuthor) with their ranges and references, so that checking a
// commented document again replaces our comments instead of doubling them;
// the editors' own comments stay.
void RemoveOwnComments(pugi::xml_node comments_root, pugi::xml_node document) {
  std::set<std::string> ours;
  for (pugi::xml_node c = comments_root.child("w:comment"); c;) {
    const pugi::xml_node next = c.next_sibling("w:comment");
    if (std::string_view(c.attribute("w:author").value()) == kDocxCommentAuthor) {
      ours.insert(c.attribute("w:id").value());
      comments_root.remove_child(c);
    }
    c = next;
  }
  if (ours.empty()) return;
  std::vector<pugi::xml_node> doomed;
  for (pugi::xpath_node n : document.select_nodes(".//w:commentRangeStart | .//w:commentRangeEnd | .//w:commentReference")) {
    if (!ours.count(n.node().attribute("w:id").value())) continue;
    pugi::xml_node node = n.node();
    // The run we made to hold a reference holds nothing else.
    if (std::string_view(node.name()) == "w:commentReference" && std::string_view(node.parent().name()) == "w:r") {
      bool only = true;
      for (pugi::xml_node k : node.parent().children()) {
        only = only && (k == node || std::string_view(k.name()) == "w:rPr");
      }
      if (only) node = node.parent();
    }
    doomed.push_back(node);
  }
  for (pugi::xml_node n : doomed) n.parent().remove_child(n);
}

// Adds the comments to `p`'s document and returns the parts to write (name → bytes).
Status Annotate(ParsedDocx* p, const std::vector<DocxAnnotation>& notes, std::vector<std::pair<std::string, std::string>>* parts) {
  const size_t slash = p->main_part.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : p->main_part.substr(0, slash + 1);
  const std::string comments_part = p->comments_part.empty() ? dir + "comments.xml" : p->comments_part;

  pugi::xml_document comments;
  if (!p->comments.empty()) {
    if (!comments.load_buffer(p->comments.data(), p->comments.size(), pugi::parse_default | pugi::parse_declaration)) {
      return Status::InvalidInput(comments_part + "：原有批注无法解析");
    }
  }
  pugi::xml_node root = comments.child("w:comments");
  if (!root) {
    root = comments.append_child("w:comments");
    root.append_attribute("xmlns:w") = kW;
  }
  RemoveOwnComments(root, p->document);
  const int first = std::max(MaxCommentId(root), MaxCommentId(p->document)) + 1;
  Annotator an(p, root, first);
  for (const auto& n : notes) an.Add(n);

  // Relationship from the main part to the comments part.
  pugi::xml_document rels;
  if (!p->rels.empty()) rels.load_buffer(p->rels.data(), p->rels.size(), pugi::parse_default | pugi::parse_declaration);
  pugi::xml_node rr = rels.child("Relationships");
  if (!rr) {
    rr = rels.append_child("Relationships");
    rr.append_attribute("xmlns") = "http://schemas.openxmlformats.org/package/2006/relationships";
  }
  bool has = false;
  std::set<std::string> ids;
  for (pugi::xml_node r : rr.children("Relationship")) {
    ids.insert(r.attribute("Id").value());
    has = has || std::string_view(r.attribute("Type").value()) == kRelComments;
  }
  if (!has) {
    std::string id = "rIdFangzhiComments";
    for (int k = 2; ids.count(id); ++k) id = "rIdFangzhiComments" + std::to_string(k);
    pugi::xml_node r = rr.append_child("Relationship");
    r.append_attribute("Id") = id.c_str();
    r.append_attribute("Type") = kRelComments;
    r.append_attribute("Target") = comments_part.substr(dir.size()).c_str();
  }
  // Its content type.
  pugi::xml_document types;
  if (!types.load_buffer(p->content_types.data(), p->content_types.size(), pugi::parse_default | pugi::parse_declaration)) {
    return Status::InvalidInput("[Content_Types].xml 无法解析，文档可能已损坏");
  }
  pugi::xml_node tr = types.child("Types");
  bool typed = false;
  for (pugi::xml_node o : tr.children("Override")) {
    typed = typed || std::string_view(o.attribute("PartName").value()) == "/" + comments_part;
  }
  if (!typed) {
    pugi::xml_node o = tr.append_child("Override");
    o.append_attribute("PartName") = ("/" + comments_part).c_str();
    o.append_attribute("ContentType") = kTypeComments;
  }
  parts->emplace_back(p->main_part, Save(p->document));
  parts->emplace_back(comments_part, Save(comments));
  parts->emplace_back(p->rels_part, Save(rels));
  parts->emplace_back("[Content_Types].xml", Save(types));
  return Status::Ok();
}

struct ArchiveCloser {
  void operator()(zip_t* z) const {
    if (z) zip_discard(z);
  }
};

// Writes a new archive in memory: `parts`, then every member of `source`
// (if any) not among them.
Status WriteArchive(const fs::path* source, const std::vector<std::pair<std::string, std::string>>& parts, std::string* out) {
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t* buf = zip_source_buffer_create(nullptr, 0, 0, &ze);
  if (buf == nullptr) return Status::IoError(std::string("无法创建 .docx 缓冲区（") + zip_error_strerror(&ze) + "）");
  zip_t* za = zip_open_from_source(buf, ZIP_TRUNCATE, &ze);
  if (za == nullptr) {
    zip_source_free(buf);
    return Status::IoError(std::string("无法创建 .docx（") + zip_error_strerror(&ze) + "）");
  }
  zip_source_keep(buf);
  std::unique_ptr<zip_t, ArchiveCloser> in;
  auto fail = [&](const std::string& what) {
    const std::string msg = what + "（" + zip_strerror(za) + "）";
    zip_discard(za);
    zip_source_free(buf);
    return Status::IoError(msg);
  };
  std::set<std::string> replaced;
  for (const auto& [name, bytes] : parts) {
    replaced.insert(name);
    zip_source_t* s = zip_source_buffer(za, bytes.data(), bytes.size(), 0);
    if (s == nullptr || zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      if (s) zip_source_free(s);
      return fail("无法写入 " + name);
    }
  }
  if (source != nullptr) {
    int err = 0;
    in.reset(zip_open(source->c_str(), ZIP_RDONLY, &err));
    if (!in) return fail("无法重新打开 " + source->string());
    const zip_int64_t n = zip_get_num_entries(in.get(), 0);
    for (zip_int64_t i = 0; i < n; ++i) {
      const char* name = zip_get_name(in.get(), static_cast<zip_uint64_t>(i), 0);
      if (name == nullptr || replaced.count(name)) continue;
      if (std::string_view(name).ends_with("/")) {
        zip_dir_add(za, name, ZIP_FL_ENC_UTF_8);
        continue;
      }
      zip_source_t* s = zip_source_zip(za, in.get(), static_cast<zip_uint64_t>(i), 0, 0, -1);
      if (s == nullptr || zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8) < 0) {
        if (s) zip_source_free(s);
        return fail(std::string("无法复制 ") + name);
      }
    }
  }
  if (zip_close(za) != 0) return fail("无法完成 .docx");
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(buf, &st) != 0 || zip_source_open(buf) != 0) {
    zip_source_free(buf);
    return Status::IoError("无法读出生成的 .docx");
  }
  out->assign(static_cast<size_t>(st.size), '\0');
  const zip_int64_t got = zip_source_read(buf, out->data(), st.size);
  zip_source_close(buf);
  zip_source_free(buf);
  if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) return Status::IoError("无法读出生成的 .docx");
  return Status::Ok();
}

// ---- A new document from the model ----

void AppendText(pugi::xml_node para, const std::string& text, Anchor* anchor, size_t base) {
  // One run per line and cell; '\n' becomes a break, '\t' a tab.
  size_t cp = base;
  std::string chunk;
  size_t chunk_begin = cp;
  auto flush = [&] {
    if (chunk.empty()) return;
    pugi::xml_node r = para.append_child("w:r");
    pugi::xml_node t = r.append_child("w:t");
    SetText(t, chunk);
    anchor->pieces.push_back({r, t, chunk_begin, text::CountCodePoints(chunk)});
    chunk.clear();
  };
  size_t i = 0;
  while (i < text.size()) {
    const size_t b = i;
    const char32_t c = text::NextCodePoint(text, i);
    if (c == U'\n' || c == U'\t') {
      flush();
      pugi::xml_node r = para.append_child("w:r");
      pugi::xml_node ch = r.append_child(c == U'\n' ? "w:br" : "w:tab");
      anchor->pieces.push_back({r, ch, cp, 1});
      ++cp;
      chunk_begin = cp;
      continue;
    }
    if (chunk.empty()) chunk_begin = cp;
    chunk.append(text, b, i - b);
    ++cp;
  }
  flush();
}

pugi::xml_node Paragraph(pugi::xml_node body, const char* style) {
  pugi::xml_node p = body.append_child("w:p");
  if (style) p.append_child("w:pPr").append_child("w:pStyle").append_attribute("w:val") = style;
  return p;
}

std::string StylesXml() {
  std::string s =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:styles xmlns:w=\"" + std::string(kW) +
      "\"><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>"
      "<w:rPr><w:b/><w:sz w:val=\"40\"/></w:rPr></w:style>";
  for (int i = 1; i <= 6; ++i) {
    const std::string n = std::to_string(i);
    s += "<w:style w:type=\"paragraph\" w:styleId=\"Heading" + n + "\"><w:name w:val=\"heading " + n +
         "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val=\"" +
         std::to_string(i - 1) + "\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"" + std::to_string(36 - 2 * i) +
         "\"/></w:rPr></w:style>";
  }
  s += "</w:styles>";
  return s;
}

std::string Escape(const std::string& s) { return text::XmlEscape(s); }

}  // namespace

Status ExportDocxWithComments(const fs::path& source, const DocxImportOptions& options,
                              const std::vector<DocxAnnotation>& notes, std::string* out) {
  ParsedDocx p;
  FZ_RETURN_IF_ERROR(docx_internal::ParseDocx(source, options, &p));
  std::vector<std::pair<std::string, std::string>> parts;
  FZ_RETURN_IF_ERROR(Annotate(&p, notes, &parts));
  return WriteArchive(&source, parts, out);
}

Status ExportDocxFromModel(const model::Document& doc, const std::vector<DocxAnnotation>& notes, std::string* out) {
  const model::Edition* e = doc.BaseEdition();
  if (e == nullptr) return Status::InvalidInput(doc.work.id + "：没有可导出的版本");
  ParsedDocx p;
  p.main_part = "word/document.xml";
  p.rels_part = "word/_rels/document.xml.rels";
  pugi::xml_node decl = p.document.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  decl.append_attribute("standalone") = "yes";
  pugi::xml_node root = p.document.append_child("w:document");
  root.append_attribute("xmlns:w") = kW;
  root.append_attribute("xmlns:r") = kR;
  pugi::xml_node body = root.append_child("w:body");
  if (!doc.work.title.empty()) {
    pugi::xml_node t = Paragraph(body, "Title");
    SetText(t.append_child("w:r").append_child("w:t"), doc.work.title);
  }
  std::function<void(const std::vector<model::Node>&, const std::string&, int)> walk =
      [&](const std::vector<model::Node>& nodes, const std::string& prefix, int depth) {
        for (const model::Node& n : nodes) {
          const std::string path = prefix.empty() ? n.key : prefix + "/" + n.key;
          if (!n.title.empty()) {
            const std::string style = "Heading" + std::to_string(std::min(depth + 1, 6));
            pugi::xml_node h = Paragraph(body, style.c_str());
            Anchor& a = p.anchors[{path, -1}];
            a.paragraph = h;
            AppendText(h, n.title, &a, 0);
          }
          for (size_t b = 0; b < n.blocks.size(); ++b) {
            const model::Block& blk = n.blocks[b];
            if (blk.kind == model::BlockKind::kPage || blk.kind == model::BlockKind::kRemark) continue;
            Anchor& a = p.anchors[{path, static_cast<int>(b)}];
            if (blk.kind == model::BlockKind::kTable) {
              pugi::xml_node tbl = body.append_child("w:tbl");
              pugi::xml_node tpr = tbl.append_child("w:tblPr");
              tpr.append_child("w:tblStyle").append_attribute("w:val") = "TableGrid";
              tpr.append_child("w:tblW").append_attribute("w:w") = "0";
              size_t cp = 0, row_start = 0;
              while (row_start <= blk.text.size()) {
                size_t row_end = blk.text.find('\n', row_start);
                if (row_end == std::string::npos) row_end = blk.text.size();
                pugi::xml_node tr = tbl.append_child("w:tr");
                size_t c = row_start;
                while (c <= row_end) {
                  size_t tab = blk.text.find('\t', c);
                  if (tab == std::string::npos || tab > row_end) tab = row_end;
                  const std::string cell = blk.text.substr(c, tab - c);
                  pugi::xml_node tc = tr.append_child("w:tc");
                  pugi::xml_node cp_para = tc.append_child("w:p");
                  if (!a.paragraph) a.paragraph = cp_para;
                  AppendText(cp_para, cell, &a, cp);
                  cp += text::CountCodePoints(cell) + 1;  // the cell's text and the '\t' or '\n' after it
                  c = tab + 1;
                }
                row_start = row_end + 1;
              }
              continue;
            }
            pugi::xml_node para = Paragraph(body, nullptr);
            a.paragraph = para;
            if (blk.kind == model::BlockKind::kFootnote) {
              auto label = blk.attrs.find("label");
              SetText(para.append_child("w:r").append_child("w:t"),
                      "［注" + (label == blk.attrs.end() ? std::string() : label->second) + "］");
            }
            AppendText(para, blk.text, &a, 0);
          }
          walk(n.children, path, depth + 1);
        }
      };
  walk(e->nodes, "", 0);
  pugi::xml_node sect = body.append_child("w:sectPr");
  pugi::xml_node pgsz = sect.append_child("w:pgSz");
  pgsz.append_attribute("w:w") = "11906";
  pgsz.append_attribute("w:h") = "16838";
  p.first_paragraph = body.child("w:p");
  if (!p.first_paragraph) p.first_paragraph = Paragraph(body, nullptr);

  p.content_types = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n") +
                    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    "<Override PartName=\"/word/document.xml\" ContentType=\"" + kTypeDocument + "\"/>"
                    "<Override PartName=\"/word/styles.xml\" ContentType=\"" + kTypeStyles + "\"/>"
                    "<Override PartName=\"/docProps/core.xml\" ContentType=\"" + kTypeCore + "\"/></Types>";
  p.rels = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n") +
           "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
           "<Relationship Id=\"rId1\" Type=\"" + kRelStyles + "\" Target=\"styles.xml\"/></Relationships>";
  std::vector<std::pair<std::string, std::string>> parts;
  FZ_RETURN_IF_ERROR(Annotate(&p, notes, &parts));
  parts.emplace_back("_rels/.rels",
                     std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n") +
                         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                         "<Relationship Id=\"rId1\" Type=\"" + kRelDocument + "\" Target=\"word/document.xml\"/>"
                         "<Relationship Id=\"rId2\" Type=\"" + kRelCore + "\" Target=\"docProps/core.xml\"/></Relationships>");
  parts.emplace_back("word/styles.xml", StylesXml());
  parts.emplace_back("docProps/core.xml",
                     std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n") +
                         "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" + Escape(doc.work.title) +
                         "</dc:title><dc:creator>" + kDocxCommentAuthor + "</dc:creator></cp:coreProperties>");
  // [Content_Types].xml first: some readers sniff it there.
  std::stable_partition(parts.begin(), parts.end(), [](const auto& pr) { return pr.first == "[Content_Types].xml"; });
  return WriteArchive(nullptr, parts, out);
}

}  // namespace fangzhi::formats
