#include "formats/docx_importer.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <functional>
#include <set>

#include "formats/plain_text_importer.h"
#include "formats/zip_reader.h"
#include "model/citation.h"
#include "formats/text_file.h"
#include "text/utf8.h"

namespace fs = std::filesystem;

namespace fangzhi::formats {

namespace docx_internal {

namespace {

constexpr uint64_t kRatioFloor = 1u << 20;  // small parts compress well and are harmless

using ZipPtr = std::unique_ptr<ZipReader>;

Status OpenZip(const fs::path& file, ZipPtr* out) {
  return ZipReader::Open(file, " .docx 文件", "旧版 .doc 请先在 Word/WPS 中另存为 .docx", out);
}

// Reads one member with the limits; `missing_ok` lets an optional part be absent.
Status ReadMember(const ZipReader* z, const fs::path& file, const std::string& member, const DocxLimits& limits,
                  std::uintmax_t* total, std::string* out, bool missing_ok) {
  const int64_t idx = z->Locate(member);
  if (idx < 0) {
    if (missing_ok) {
      out->clear();
      return Status::Ok();
    }
    return Status::InvalidInput(file.string() + "：缺少 " + member + "，不是完整的 Word 文档");
  }
  ZipEntryInfo info;
  FZ_RETURN_IF_ERROR(z->Stat(static_cast<uint64_t>(idx), &info));
  if (info.size > limits.max_member_bytes || *total + info.size > limits.max_total_bytes) {
    return Status::InvalidInput(file.string() + "：" + member + " 解压后过大（" + std::to_string(info.size) +
                                " 字节），拒绝读取");
  }
  FZ_RETURN_IF_ERROR(z->ReadAll(static_cast<uint64_t>(idx), limits.max_member_bytes, out));
  *total += out->size();
  return Status::Ok();
}

Status ParseXml(const fs::path& file, const std::string& member, const std::string& text, pugi::xml_document* doc) {
  const pugi::xml_parse_result r =
      doc->load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single | pugi::parse_declaration);
  if (!r) {
    return Status::InvalidInput(file.string() + "：" + member + " 不是有效的 XML（第 " + std::to_string(r.offset) +
                                " 字节：" + r.description() + "），文档可能已损坏");
  }
  return Status::Ok();
}

std::string DirOf(const std::string& part) {
  const size_t slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

// A relationship target resolved against the source part's folder.
std::string ResolveTarget(const std::string& source_dir, const std::string& target) {
  std::string path = target.starts_with("/") ? target.substr(1) : source_dir + target;
  std::vector<std::string> parts;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string::npos) slash = path.size();
    const std::string seg = path.substr(pos, slash - pos);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    pos = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

// Internal target of the first relationship whose type ends with `type`.
std::string FindRel(const pugi::xml_document& rels, const std::string& source_dir, std::string_view type) {
  for (pugi::xml_node r : rels.child("Relationships").children("Relationship")) {
    if (EndsWith(r.attribute("Type").value(), type) && std::string_view(r.attribute("TargetMode").value()) != "External") {
      return ResolveTarget(source_dir, r.attribute("Target").value());
    }
  }
  return "";
}

struct Style {
  std::string name;
  int outline = -1;  // 0-based outline level from the style, -1 none
  std::string based_on;
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Heading depth (1…9) a style gives a paragraph, or 0.
int StyleDepth(const std::map<std::string, Style>& styles, const std::string& id, int guard = 0) {
  auto it = styles.find(id);
  if (it == styles.end() || guard > 20) return 0;
  if (it->second.outline >= 0 && it->second.outline < 9) return it->second.outline + 1;
  const std::string name = Lower(it->second.name);
  for (std::string_view prefix : {"heading ", "标题 ", "标题"}) {
    if (name.starts_with(prefix) && name.size() > prefix.size()) {
      const std::string rest = name.substr(prefix.size());
      if (rest.size() == 1 && rest[0] >= '1' && rest[0] <= '9') return rest[0] - '0';
    }
  }
  if (!it->second.based_on.empty()) return StyleDepth(styles, it->second.based_on, guard + 1);
  return 0;
}

bool IsTitleStyle(const std::map<std::string, Style>& styles, const std::string& id) {
  auto it = styles.find(id);
  if (it == styles.end()) return false;
  const std::string name = Lower(it->second.name);
  return name == "title" || name == "标题";
}

// One paragraph's text with the XML each character came from.
struct Para {
  std::string text;
  size_t cps = 0;
  std::vector<Piece> pieces;
  std::vector<std::pair<size_t, std::string>> footnote_refs;  // code point offset, footnote id
  void Add(pugi::xml_node run, pugi::xml_node child, std::string_view s) {
    const size_t n = text::CountCodePoints(s);
    if (n == 0) return;
    pieces.push_back({run, child, cps, n});
    text += s;
    cps += n;
  }
};

bool Hidden(pugi::xml_node run) {
  pugi::xml_node v = run.child("w:rPr").child("w:vanish");
  if (!v) return false;
  const std::string val = v.attribute("w:val").value();
  return val.empty() || (val != "0" && val != "false");
}

void CollectRuns(pugi::xml_node container, Para* out) {
  for (pugi::xml_node c : container.children()) {
    const std::string_view name = c.name();
    if (name == "w:r") {
      if (Hidden(c)) continue;
      for (pugi::xml_node rc : c.children()) {
        const std::string_view rn = rc.name();
        if (rn == "w:t") {
          out->Add(c, rc, rc.text().get());
        } else if (rn == "w:tab" || rn == "w:ptab") {
          out->Add(c, rc, "\t");
        } else if (rn == "w:br" || rn == "w:cr") {
          const std::string_view type = rc.attribute("w:type").value();
          if (type != "page" && type != "column") out->Add(c, rc, "\n");
        } else if (rn == "w:noBreakHyphen") {
          out->Add(c, rc, "-");
        } else if (rn == "w:footnoteReference" || rn == "w:endnoteReference") {
          out->footnote_refs.emplace_back(out->cps, std::string(rn == "w:endnoteReference" ? "e" : "") +
                                                        rc.attribute("w:id").value());
        }
        // w:delText, w:instrText (field codes), drawings, symbols: not text.
      }
    } else if (name == "w:ins" || name == "w:moveTo" || name == "w:hyperlink" || name == "w:smartTag" ||
               name == "w:fldSimple" || name == "w:customXml" || name == "w:dir" || name == "w:bdo") {
      CollectRuns(c, out);  // accepted insertions, link text, field results
    } else if (name == "w:sdt") {
      CollectRuns(c.child("w:sdtContent"), out);
    }
    // w:del and w:moveFrom: deletions, taken as accepted, so dropped.
  }
}

struct Item {
  enum class Type { kHeading, kBlock } type = Type::kBlock;
  int depth = 0;
  model::Block block;
  Anchor anchor;
  size_t paragraph_number = 0;
  std::vector<std::pair<size_t, std::string>> footnote_refs;
};

class Walker {
 public:
  Walker(const std::map<std::string, Style>& styles, std::string* title) : styles_(styles), title_(title) {}

  std::vector<Item> items;
  size_t paragraphs = 0;

  void Body(pugi::xml_node body) {
    for (pugi::xml_node c : body.children()) {
      const std::string_view name = c.name();
      if (name == "w:p") {
        Paragraph(c);
      } else if (name == "w:tbl") {
        Table(c);
      } else if (name == "w:sdt") {
        Body(c.child("w:sdtContent"));
      } else if (name == "w:customXml" || name == "w:ins" || name == "w:moveTo") {
        Body(c);
      }
    }
  }

 private:
  void Paragraph(pugi::xml_node p) {
    ++paragraphs;
    Para para;
    CollectRuns(p, &para);
    const pugi::xml_node ppr = p.child("w:pPr");
    const std::string style = ppr.child("w:pStyle").attribute("w:val").value();
    int depth = StyleDepth(styles_, style);
    if (pugi::xml_node ol = ppr.child("w:outlineLvl")) {
      const int v = ol.attribute("w:val").as_int(9);
      depth = v >= 0 && v < 9 ? v + 1 : 0;
    }
    if (IsTitleStyle(styles_, style) && title_->empty()) {
      *title_ = para.text;
      return;
    }
    bool blank = true;
    for (char ch : para.text) blank = blank && (ch == ' ' || ch == '\t' || ch == '\n');
    if (blank && para.footnote_refs.empty()) return;
    Item it;
    it.type = depth > 0 ? Item::Type::kHeading : Item::Type::kBlock;
    it.depth = depth;
    it.block.kind = model::BlockKind::kText;
    it.block.text = std::move(para.text);
    it.anchor.pieces = std::move(para.pieces);
    it.anchor.paragraph = p;
    it.paragraph_number = paragraphs;
    it.footnote_refs = std::move(para.footnote_refs);
    items.push_back(std::move(it));
  }

  void Table(pugi::xml_node tbl) {
    Item it;
    it.block.kind = model::BlockKind::kTable;
    it.paragraph_number = paragraphs + 1;
    std::vector<std::vector<Para>> rows;
    bool header = false;
    std::function<void(pugi::xml_node, std::vector<Para>*)> cell_paras = [&](pugi::xml_node n, std::vector<Para>* out) {
      for (pugi::xml_node c : n.children()) {
        const std::string_view name = c.name();
        if (name == "w:p") {
          ++paragraphs;
          Para para;
          CollectRuns(c, &para);
          out->push_back(std::move(para));
          if (!it.anchor.paragraph) it.anchor.paragraph = c;
        } else if (name == "w:tbl") {
          for (pugi::xml_node tr : c.children("w:tr")) {
            for (pugi::xml_node tc : tr.children("w:tc")) cell_paras(tc, out);
          }
        } else if (name == "w:sdt") {
          cell_paras(c.child("w:sdtContent"), out);
        }
      }
    };
    std::vector<std::vector<std::vector<Para>>> grid;
    for (pugi::xml_node tr : tbl.children("w:tr")) {
      if (grid.empty() && tr.child("w:trPr").child("w:tblHeader")) header = true;
      std::vector<std::vector<Para>> row;
      for (pugi::xml_node tc : tr.children()) {
        const std::string_view name = tc.name();
        pugi::xml_node cell = tc;
        if (name == "w:sdt") cell = tc.child("w:sdtContent").child("w:tc");
        else if (name != "w:tc") continue;
        std::vector<Para> paras;
        const pugi::xml_node tcpr = cell.child("w:tcPr");
        const bool continued = tcpr.child("w:vMerge") && std::string_view(tcpr.child("w:vMerge").attribute("w:val").value()) != "restart";
        cell_paras(cell, &paras);
        if (continued) paras.clear();  // the merged cell's text is in the row above
        row.push_back(std::move(paras));
        const int span = tcpr.child("w:gridSpan").attribute("w:val").as_int(1);
        for (int k = 1; k < span && k < 64; ++k) row.emplace_back();
      }
      grid.push_back(std::move(row));
    }
    size_t cols = 0;
    for (const auto& r : grid) cols = std::max(cols, r.size());
    std::string text;
    size_t cps = 0;
    for (size_t r = 0; r < grid.size(); ++r) {
      if (r > 0) text += '\n', ++cps;
      for (size_t c = 0; c < cols; ++c) {
        if (c > 0) text += '\t', ++cps;
        if (c >= grid[r].size()) continue;
        // A cell's paragraphs run together: '\n' and '\t' already mean row and cell.
        for (Para& p : grid[r][c]) {
          for (Piece pc : p.pieces) {
            pc.begin += cps;
            it.anchor.pieces.push_back(pc);
          }
          for (char& ch : p.text) {
            if (ch == '\n' || ch == '\t') ch = ' ';
          }
          text += p.text;
          cps += p.cps;
          for (auto& ref : p.footnote_refs) it.footnote_refs.emplace_back(ref.first + cps - p.cps, ref.second);
        }
      }
    }
    if (grid.empty()) return;
    it.block.text = std::move(text);
    if (header) it.block.attrs["header"] = "1";
    items.push_back(std::move(it));
  }

  const std::map<std::string, Style>& styles_;
  std::string* title_;
};

// Level names as the Markdown importer gives them (docs/manuscript-format.md §3).
std::vector<std::string> LevelNames(const std::string& kind, int max_depth) {
  if (kind == model::kKindYearbook || kind.empty()) {
    return max_depth >= 4 ? std::vector<std::string>{"类目", "分目", "子目", "条目"}
                          : std::vector<std::string>{"类目", "分目", "条目"};
  }
  if (kind == model::kKindGazetteer) return {"篇", "章", "节", "目"};
  return std::vector<std::string>(9, "部分");
}

void SetEntryTitle(model::Block* b) {
  static constexpr std::string_view kOpen = "【", kClose = "】";
  if (b->kind != model::BlockKind::kText || !std::string_view(b->text).starts_with(kOpen)) return;
  const size_t close = b->text.find(kClose);
  if (close != std::string::npos && close > kOpen.size()) b->attrs["entry_title"] = b->text.substr(kOpen.size(), close - kOpen.size());
}

std::string FootnoteText(const pugi::xml_node& note) {
  std::string out;
  for (pugi::xml_node p : note.children("w:p")) {
    Para para;
    CollectRuns(p, &para);
    if (!out.empty()) out += '\n';
    out += para.text;
  }
  return out;
}

}  // namespace

Status CheckDocxArchive(const fs::path& file, const DocxLimits& limits, std::vector<std::string>* names) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) return Status::NotFound(file.string() + "：文件不存在或无法读取");
  if (size > limits.max_file_bytes) {
    return Status::InvalidInput(file.string() + "：文件过大（" + std::to_string(size) + " 字节），拒绝读取");
  }
  ZipPtr z;
  FZ_RETURN_IF_ERROR(OpenZip(file, &z));
  const uint64_t n = z->size();
  if (n == 0) return Status::InvalidInput(file.string() + "：压缩包是空的，不是 Word 文档");
  if (n > 100000) return Status::InvalidInput(file.string() + "：压缩包中的成员过多（" + std::to_string(n) + " 个），拒绝读取");
  const ZipSizeLimits size_limits{limits.max_member_bytes, limits.max_total_bytes, limits.max_ratio, kRatioFloor};
  uint64_t total = 0;
  for (uint64_t i = 0; i < n; ++i) {
    ZipEntryInfo info;
    FZ_RETURN_IF_ERROR(z->Stat(i, &info));
    if (info.encrypted) {
      return Status::InvalidInput(file.string() + "：文档已加密（" + info.name + "），请先在 Word/WPS 中取消密码");
    }
    FZ_RETURN_IF_ERROR(CheckDeclaredSize(*z, info, size_limits, &total));
    if (names) names->push_back(info.name);
  }
  return Status::Ok();
}

Status ParseDocx(const fs::path& file, const DocxImportOptions& options, ParsedDocx* p) {
  FZ_RETURN_IF_ERROR(CheckDocxArchive(file, options.limits, nullptr));
  ZipPtr z;
  FZ_RETURN_IF_ERROR(OpenZip(file, &z));
  std::uintmax_t total = 0;
  const DocxLimits& lim = options.limits;

  FZ_RETURN_IF_ERROR(ReadMember(z.get(), file, "[Content_Types].xml", lim, &total, &p->content_types, false));
  std::string root_rels_text;
  FZ_RETURN_IF_ERROR(ReadMember(z.get(), file, "_rels/.rels", lim, &total, &root_rels_text, false));
  pugi::xml_document root_rels;
  FZ_RETURN_IF_ERROR(ParseXml(file, "_rels/.rels", root_rels_text, &root_rels));
  p->main_part = FindRel(root_rels, "", "/officeDocument");
  if (p->main_part.empty()) return Status::InvalidInput(file.string() + "：找不到文档正文（_rels/.rels 中没有 officeDocument）");
  std::string core_part = FindRel(root_rels, "", "/core-properties");

  std::string main_text;
  FZ_RETURN_IF_ERROR(ReadMember(z.get(), file, p->main_part, lim, &total, &main_text, false));
  FZ_RETURN_IF_ERROR(ParseXml(file, p->main_part, main_text, &p->document));
  main_text.clear();
  const std::string dir = DirOf(p->main_part);
  p->rels_part = dir + "_rels/" + p->main_part.substr(dir.size()) + ".rels";
  FZ_RETURN_IF_ERROR(ReadMember(z.get(), file, p->rels_part, lim, &total, &p->rels, true));
  pugi::xml_document rels;
  if (!p->rels.empty()) FZ_RETURN_IF_ERROR(ParseXml(file, p->rels_part, p->rels, &rels));

  // Styles: which paragraph styles are headings.
  std::map<std::string, Style> styles;
  if (const std::string part = FindRel(rels, dir, "/styles"); !part.empty()) {
    std::string text;
    FZ_RETURN_IF_ERROR(ReadMember(z.get(), file, part, lim, &total, &text, true));
    pugi::xml_document sd;
    if (!text.empty()) FZ_RETURN_IF_ERROR(ParseXml(file, part, text, &sd));
    for (pugi::xml_node s : sd.child("w:styles").children("w:style")) {
      if (std::string_view(s.attribute("w:type").value()) != "paragraph") continue;
      Style st;
      st.name = s.child("w:name").attribute("w:val").value();
      st.based_on = s.child("w:basedOn").attribute("w:val").value();
      if (pugi::xml_node ol = s.child("w:pPr").child("w:outlineLvl")) st.outline = ol.attribute("w:val").as_int(-1);
      styles[s.attribute("w:styleId").value()] = st;
    }
  }
  // Footnotes and endnotes.
  std::map<std::string, std::string> notes;
  for (auto [type, prefix] : {std::pair<std::string_view, std::string>{"/footnotes", ""}, {"/endnotes", "e"}}) {
    const std::string part = FindRel(rels, dir, type);
    if (part.empty()) continue;
    std::string text;
    FZ_RETURN_IF_ERROR(ReadMember(z.get(), file, part, lim, &total, &text, true));
    if (text.empty()) continue;
    pugi::xml_document nd;
    FZ_RETURN_IF_ERROR(ParseXml(file, part, text, &nd));
    for (pugi::xml_node n : nd.document_element().children()) {
      const std::string_view t = n.attribute("w:type").value();
      if (t == "separator" || t == "continuationSeparator" || t == "continuationNotice") continue;
      notes[prefix + n.attribute("w:id").value()] = FootnoteText(n);
    }
  }
  // An existing comments part: the exporter adds to it.
  p->comments_part = FindRel(rels, dir, "/comments");
  if (!p->comments_part.empty()) {
    FZ_RETURN_IF_ERROR(ReadMember(z.get(), file, p->comments_part, lim, &total, &p->comments, true));
  }
  std::string core_title;
  if (!core_part.empty()) {
    std::string text;
    FZ_RETURN_IF_ERROR(ReadMember(z.get(), file, core_part, lim, &total, &text, true));
    pugi::xml_document cd;
    if (!text.empty() && cd.load_buffer(text.data(), text.size())) {
      core_title = cd.document_element().child("dc:title").text().get();
    }
  }

  // The body, in reading order.
  pugi::xml_node body = p->document.child("w:document").child("w:body");
  if (!body) return Status::InvalidInput(file.string() + "：" + p->main_part + " 中没有正文（w:body）");
  std::string title_para;
  Walker w(styles, &title_para);
  w.Body(body);
  p->first_paragraph = body.child("w:p");
  if (w.items.empty()) return Status::InvalidInput(file.string() + "：文档没有任何文字");

  // The tree, as the Markdown importer builds it.
  const std::string kind = options.kind.empty() ? model::kKindYearbook : options.kind;
  int max_depth = 0;
  for (const Item& it : w.items) {
    if (it.type == Item::Type::kHeading) max_depth = std::max(max_depth, it.depth);
  }
  const std::vector<std::string> levels = LevelNames(kind, max_depth);
  model::Edition ed;
  ed.id = "v1";
  ed.label = "第1稿";
  ed.base = true;
  struct Open {
    model::Node* node;
    int depth;
    std::string path;
  };
  std::vector<Open> stack;
  std::map<std::string, std::string> note_owner;  // footnote id → node path
  std::map<std::string, model::Node*> by_path;
  auto add_block = [&](Item& it) {
    if (stack.empty()) {
      // Text before the first heading.
      if (ed.nodes.empty() || ed.nodes.front().key != "0") {
        model::Node pre;
        pre.key = "0";
        pre.level = "部分";
        ed.nodes.insert(ed.nodes.begin(), std::move(pre));
      }
      stack.push_back({&ed.nodes.front(), 0, "0"});
    }
    model::Node* n = stack.back().node;
    it.block.para = static_cast<int>(n->blocks.size()) + 1;
    if (!it.footnote_refs.empty()) {
      std::string refs;
      for (const auto& [off, id] : it.footnote_refs) {
        refs += (refs.empty() ? "" : ",") + std::to_string(off) + ":" + id;
        note_owner.emplace(id, stack.back().path);
      }
      it.block.attrs["footnote_refs"] = refs;
    }
    SetEntryTitle(&it.block);
    const std::pair<std::string, int> key{stack.back().path, static_cast<int>(n->blocks.size())};
    p->anchors[key] = std::move(it.anchor);
    p->paragraphs[key] = it.paragraph_number;
    n->blocks.push_back(std::move(it.block));
  };
  std::map<std::string, int> child_count;  // path ("" = top) → children so far
  for (Item& it : w.items) {
    if (it.type == Item::Type::kHeading && it.depth <= static_cast<int>(levels.size())) {
      while (!stack.empty() && (stack.back().depth >= it.depth || stack.back().depth == 0)) stack.pop_back();
      const std::string parent = stack.empty() ? "" : stack.back().path;
      std::vector<model::Node>& siblings = stack.empty() ? ed.nodes : stack.back().node->children;
      model::Node node;
      node.key = std::to_string(++child_count[parent]);
      node.level = levels[static_cast<size_t>(it.depth) - 1];
      node.title = it.block.text;
      siblings.push_back(std::move(node));
      const std::string path = parent.empty() ? siblings.back().key : parent + "/" + siblings.back().key;
      stack.push_back({&siblings.back(), it.depth, path});
      p->anchors[{path, -1}] = std::move(it.anchor);
      p->paragraphs[{path, -1}] = it.paragraph_number;
      if (!it.footnote_refs.empty()) {
        for (const auto& ref : it.footnote_refs) note_owner.emplace(ref.second, path);
      }
    } else {
      if (it.type == Item::Type::kHeading) it.block.attrs["heading"] = std::to_string(it.depth);
      add_block(it);
    }
  }
  // Footnotes go to the end of the node that first cites them.
  std::function<void(std::vector<model::Node>&, const std::string&)> index = [&](std::vector<model::Node>& nodes,
                                                                                  const std::string& prefix) {
    for (model::Node& n : nodes) {
      const std::string path = prefix.empty() ? n.key : prefix + "/" + n.key;
      by_path[path] = &n;
      index(n.children, path);
    }
  };
  index(ed.nodes, "");
  std::set<std::string> placed;
  std::vector<std::pair<std::string, std::string>> order;  // (path, id) in citing order
  for (const Item& it : w.items) {
    for (const auto& ref : it.footnote_refs) {
      if (notes.count(ref.second) && !placed.count(ref.second)) {
        placed.insert(ref.second);
        order.emplace_back(note_owner[ref.second], ref.second);
      }
    }
  }
  for (const auto& [path, id] : order) {
    model::Node* n = by_path[path];
    if (n == nullptr) continue;
    model::Block b;
    b.kind = model::BlockKind::kFootnote;
    b.para = static_cast<int>(n->blocks.size()) + 1;
    b.text = notes[id];
    b.attrs["label"] = id;
    // A comment on a footnote is anchored at the paragraph that cites it.
    Anchor a;
    for (const auto& [key, anchor] : p->anchors) {
      if (key.first == path && anchor.paragraph) {
        a.paragraph = anchor.paragraph;
        break;
      }
    }
    p->anchors[{path, static_cast<int>(n->blocks.size())}] = a;
    n->blocks.push_back(std::move(b));
  }

  model::Document d;
  d.work.id = WorkIdFromFileName(file);
  if (!model::IsValidWorkId(d.work.id)) {
    return Status::InvalidInput(file.string() + "：无法从文件名得到作品编号，请改用字母、数字或汉字命名");
  }
  d.work.title = !core_title.empty() ? core_title : !title_para.empty() ? title_para : file.stem().string();
  d.work.kind = kind;
  d.work.dynasty = "当代";
  d.work.source = file.filename().string();
  d.editions.push_back(std::move(ed));
  std::error_code ec;
  d.sources.push_back({"v1", file.filename().string(), static_cast<size_t>(fs::file_size(file, ec))});
  for (const auto& e : d.editions) {
    bool ok = true;
    model::ForEachNode(e.nodes, [&](const model::Node& n, const std::string&, int) {
      ok = ok && text::FindInvalidUtf8(n.title) == text::kValid;
      for (const auto& b : n.blocks) ok = ok && text::FindInvalidUtf8(b.text) == text::kValid;
    });
    if (!ok) return Status::InvalidInput(file.string() + "：文档中含有无效的 UTF-8 文字，文件可能已损坏");
  }
  p->doc = std::move(d);
  return Status::Ok();
}

}  // namespace docx_internal

Status ImportDocx(const fs::path& file, const DocxImportOptions& options, model::Document* doc,
                  DocxParagraphMap* paragraphs) {
  docx_internal::ParsedDocx p;
  FZ_RETURN_IF_ERROR(docx_internal::ParseDocx(file, options, &p));
  *doc = std::move(p.doc);
  if (paragraphs) *paragraphs = std::move(p.paragraphs);
  return Status::Ok();
}

}  // namespace fangzhi::formats
