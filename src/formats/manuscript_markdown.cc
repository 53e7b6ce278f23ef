#include "formats/manuscript_markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "formats/text_file.h"
#include "model/citation.h"
#include "model/region_table.h"
#include "model/work.h"
#include "text/utf8.h"

namespace fangzhi::formats {
namespace {

using Attrs = std::map<std::string, std::string>;

// Block quotes and lists nested deeper than this are refused: no manuscript
// needs them, and the walk below recurses once per level.
constexpr int kMaxNesting = 32;

// The largest `version:` we accept; a manuscript goes through a handful of
// 复核 rounds, so anything bigger is a typing slip.
constexpr long kMaxVersion = 9999;

// Every message starts "<file> 第 N 行：" so that a compiler can go straight
// to the place in an editor.
class Reporter {
 public:
  explicit Reporter(std::string file) : file_(std::move(file)) {}
  Status At(size_t line, const std::string& what) const {
    return Status::InvalidInput(file_ + " 第 " + std::to_string(line) + " 行：" + what);
  }

 private:
  std::string file_;
};

std::string Quote(std::string_view s) { return "“" + std::string(s) + "”"; }

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool AllAsciiDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += sep;
    out += parts[i];
  }
  return out;
}

// The text split into lines ('\n' ends a line; a '\r' before it is not part
// of the line). Used for the fences of the front matter and for the few
// facts cmark's API does not expose (a footnote definition's label).
class Lines {
 public:
  explicit Lines(std::string_view s) : s_(s) {
    starts_.push_back(0);
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\n') starts_.push_back(i + 1);
    }
  }
  size_t count() const { return starts_.size(); }
  // Line `n` (1-based); empty past the end.
  std::string_view Get(size_t n) const {
    if (n == 0 || n > starts_.size()) return {};
    const size_t begin = starts_[n - 1];
    size_t end = n < starts_.size() ? starts_[n] - 1 : s_.size();
    if (end > begin && s_[end - 1] == '\r') --end;
    return s_.substr(begin, end - begin);
  }
  // Byte offset where line `n` starts (the text's size past the end).
  size_t Start(size_t n) const { return n <= starts_.size() ? starts_[n - 1] : s_.size(); }

 private:
  std::string_view s_;
  std::vector<size_t> starts_;
};

bool IsFence(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "---";
}

// ---------------------------------------------------------------------------
// Front matter

struct Sections {
  std::string yaml;       // the text between the fences
  std::string_view body;  // everything after the closing fence
  size_t body_line = 1;   // the .md line the body starts on
};

Status SplitFrontMatter(std::string_view data, const Reporter& r, Sections* out) {
  const Lines lines(data);
  if (!IsFence(lines.Get(1))) {
    return r.At(1,
                "缺少前置元数据：文件第一行必须是 ---，其后写 title、kind 等 YAML 元数据，再以一行 "
                "--- 结束");
  }
  for (size_t n = 2; n <= lines.count(); ++n) {
    if (!IsFence(lines.Get(n))) continue;
    out->yaml = std::string(data.substr(lines.Start(2), lines.Start(n) - lines.Start(2)));
    out->body = data.substr(std::min(data.size(), lines.Start(n + 1)));
    out->body_line = n + 1;
    return Status::Ok();
  }
  return r.At(1, "前置元数据没有结束：第 1 行的 --- 之后找不到结束它的 --- 行");
}

struct Meta {
  model::Work work;
  long version = 1;
  std::vector<std::string> levels;  // from `levels:`; empty means the kind's defaults
};

// The .md line of a YAML node: yaml-cpp counts from 0 within the front
// matter, which starts on the file's second line.
size_t LineOf(const YAML::Node& n, size_t fallback) {
  const YAML::Mark m = n.Mark();
  if (m.is_null() || m.line < 0) return fallback;
  return static_cast<size_t>(m.line) + 2;
}

// A single value (string, number, date …) as written; null gives "".
Status ScalarValue(const YAML::Node& v, const std::string& key, size_t line, const Reporter& r,
                   std::string* out) {
  if (v.IsNull()) {
    out->clear();
    return Status::Ok();
  }
  if (!v.IsScalar()) return r.At(line, key + " 必须是单个值，不能是列表或映射");
  *out = v.Scalar();
  return Status::Ok();
}

Status StringList(const YAML::Node& v, const std::string& key, size_t line, const Reporter& r,
                  std::vector<std::string>* out) {
  out->clear();
  if (v.IsNull()) return Status::Ok();
  if (v.IsScalar()) {
    if (!v.Scalar().empty()) out->push_back(v.Scalar());
    return Status::Ok();
  }
  if (!v.IsSequence()) return r.At(line, key + " 必须是一个字符串或字符串列表");
  for (const YAML::Node& item : v) {
    if (!item.IsScalar()) {
      return r.At(LineOf(item, line), key + " 的每一项都必须是字符串");
    }
    if (!item.Scalar().empty()) out->push_back(item.Scalar());
  }
  return Status::Ok();
}

Status SetKind(const std::string& kind, size_t line, const Reporter& r, model::Work* w) {
  if (!model::IsKnownKind(kind)) {
    return r.At(line, "kind 必须是 年鉴、志书、地情资料、期刊、其他 之一，而不是 " + Quote(kind));
  }
  w->kind = kind;
  return Status::Ok();
}

Status SetRegionCode(const std::string& code, size_t line, const Reporter& r, model::Work* w) {
  if (const std::string problem = model::RegionCodeProblem(code); !problem.empty()) {
    return r.At(line, "region_code " + problem);
  }
  w->region_code = code;
  return Status::Ok();
}

Status SetYear(const std::string& year, size_t line, const Reporter& r, model::Work* w) {
  if (!AllAsciiDigits(year) || year.size() != 4) {
    return r.At(line, "year 必须是 4 位数字的年份（如 2025），而不是 " + Quote(year));
  }
  w->year = year;
  return Status::Ok();
}

Status SetVersion(const std::string& v, size_t line, const Reporter& r, long* out) {
  const long n = AllAsciiDigits(v) && v.size() <= 4 ? std::strtol(v.c_str(), nullptr, 10) : 0;
  if (n < 1 || n > kMaxVersion) {
    return r.At(line, "version 必须是正整数（第几稿，如 1 或 2），而不是 " + Quote(v));
  }
  *out = n;
  return Status::Ok();
}

// Keys whose value is one string; everything else the model knows is a list.
bool IsScalarKey(const std::string& key) {
  static const char* const kKeys[] = {"title",  "kind",    "id",     "region_code",
                                      "region", "year",    "period", "dynasty",
                                      "source", "licence", "version"};
  for (const char* k : kKeys) {
    if (key == k) return true;
  }
  return false;
}

// An unknown key is kept in work.extra: a single value as written, a list
// one value a line. A nested mapping has no place there, and dropping it
// silently would lose what the office wrote, so it is refused.
Status ApplyExtraKey(const std::string& key, const YAML::Node& v, size_t line, const Reporter& r,
                     model::Work* w) {
  std::vector<std::string> items;
  if (v.IsMap()) return r.At(line, key + " 的值必须是单个值或列表");
  FZ_RETURN_IF_ERROR(StringList(v, key, line, r, &items));
  w->extra[key] = Join(items, "\n");
  return Status::Ok();
}

// One `key: value` of the front matter into `meta`. Whether title and kind
// are present at all is the caller's check.
Status ApplyKey(const std::string& key, const YAML::Node& v, size_t line, const Reporter& r,
                Meta* meta) {
  model::Work& w = meta->work;
  if (key == "compilers") return StringList(v, key, line, r, &w.compilers);
  if (key == "levels") {
    FZ_RETURN_IF_ERROR(StringList(v, key, line, r, &meta->levels));
    if (meta->levels.empty())
      return r.At(line, "levels 必须列出至少一个层级名称，如 [类目, 分目, 条目]");
    return Status::Ok();
  }
  if (!IsScalarKey(key)) return ApplyExtraKey(key, v, line, r, &w);
  std::string s;
  FZ_RETURN_IF_ERROR(ScalarValue(v, key, line, r, &s));
  if (key == "title") w.title = s;
  if (key == "kind") return SetKind(s, line, r, &w);
  if (key == "id") w.id = s;
  if (key == "region_code" && !s.empty()) return SetRegionCode(s, line, r, &w);
  if (key == "region") w.place_name = s;
  if (key == "year" && !s.empty()) return SetYear(s, line, r, &w);
  if (key == "period") w.period = s;
  if (key == "dynasty") w.dynasty = s;
  if (key == "source") w.source = s;
  if (key == "licence") w.licence = s;
  if (key == "version" && !s.empty()) return SetVersion(s, line, r, &meta->version);
  return Status::Ok();
}

Status ParseFrontMatter(const std::string& yaml, const std::filesystem::path& file,
                        const Reporter& r, Meta* meta) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    const size_t line =
        e.mark.is_null() || e.mark.line < 0 ? 2 : static_cast<size_t>(e.mark.line) + 2;
    return r.At(line, "前置元数据的 YAML 写法有误（" + e.msg + "）");
  }
  if (!root.IsMap() && !root.IsNull()) {
    return r.At(LineOf(root, 2), "前置元数据必须是“键: 值”的形式，每行一项");
  }
  size_t title_line = 0;
  bool has_kind = false;
  for (const auto& kv : root) {
    const size_t line = LineOf(kv.first, 2);
    if (!kv.first.IsScalar()) return r.At(line, "前置元数据的键必须是简单的名称");
    const std::string key = kv.first.Scalar();
    FZ_RETURN_IF_ERROR(ApplyKey(key, kv.second, line, r, meta));
    if (key == "title") title_line = line;
    if (key == "kind") has_kind = true;
  }
  model::Work& w = meta->work;
  if (title_line == 0) return r.At(1, "前置元数据缺少 title（书名）");
  if (w.title.find_first_not_of(" \t") == std::string::npos) {
    return r.At(title_line, "title（书名）不能为空");
  }
  if (!has_kind) return r.At(1, "前置元数据缺少 kind（年鉴、志书、地情资料、期刊、其他 之一）");
  if (w.id.empty()) {
    w.id = file.stem().string();
    if (!model::IsValidWorkId(w.id)) {
      return r.At(1, "没有写 id，而文件名 " + Quote(w.id) +
                         " 不能用作作品编号；请在前置元数据中写 id（字母、数字、- _ . 或汉字）");
    }
  } else if (!model::IsValidWorkId(w.id)) {
    return r.At(
        1, "id " + Quote(w.id) +
               " 不能用作作品编号：只能由字母、数字、- _ . 或汉字组成，不含 / 和空白，不以 . 开头");
  }
  if (w.dynasty.empty()) w.dynasty = "当代";
  if (w.source.empty()) w.source = file.filename().string();
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// Inline text

struct Link {
  size_t offset = 0;  // code points into the block text
  size_t length = 0;
  std::string href;
};

// The text of one block as it is assembled, with the facts that are not
// text: where footnote references stood and where links pointed.
struct Run {
  std::string text;
  size_t cps = 0;                            // code points in `text`
  std::vector<std::pair<size_t, int>> refs;  // offset, footnote ordinal
  std::vector<Link> links;
  bool html = false;
  // Inline HTML tags (<sup>, <br/>) as code point offset and length: the
  // text between them is prose and is checked; only the tags are not.
  std::vector<std::pair<size_t, size_t>> html_spans;

  void Append(std::string_view s) {
    text += s;
    cps += text::CountCodePoints(s);
  }
  bool Blank() const {
    return refs.empty() && text.find_first_not_of(" \t\r\n") == std::string::npos;
  }
  // Whitespace at a block's edges is Markdown layout (it only arises where
  // an image split a paragraph or list paragraphs were joined), not text.
  void TrimEdges() {
    size_t lead = 0;
    while (lead < text.size() && IsAsciiSpace(text[lead])) ++lead;
    size_t end = text.size();
    while (end > lead && IsAsciiSpace(text[end - 1])) --end;
    text = text.substr(lead, end - lead);
    cps = text::CountCodePoints(text);
    // The trimmed bytes are ASCII, so bytes and code points agree.
    auto shift = [&](size_t offset) { return offset > lead ? std::min(offset - lead, cps) : 0; };
    for (auto& ref : refs) ref.first = shift(ref.first);
    for (Link& l : links) l.offset = shift(l.offset);
    for (auto& span : html_spans) {
      const size_t span_end = shift(span.first + span.second);
      span.first = shift(span.first);
      span.second = span_end - span.first;
    }
  }
};

std::string_view Literal(cmark_node* n) {
  const char* lit = cmark_node_get_literal(n);
  return lit != nullptr ? std::string_view(lit) : std::string_view();
}

// cmark-gfm replaces a resolved footnote reference's text by the footnote's
// ordinal ("1", "2" …), the same order in which it appends the definitions
// to the end of the document.
int FootnoteOrdinal(cmark_node* ref) { return std::atoi(std::string(Literal(ref)).c_str()); }

using ImageHandler = std::function<void(cmark_node*)>;

// Appends the plain text of `parent`'s inline descendants to `run`: markup
// markers are dropped, every character they enclose is kept. Images go to
// `on_image` when there is one (and the image is not inside a link);
// otherwise their alt text is kept in line. Iterative, so deep emphasis
// nesting cannot exhaust the stack.
void AppendInlines(cmark_node* parent, Run* run, const ImageHandler& on_image) {
  cmark_iter* it = cmark_iter_new(parent);
  std::vector<size_t> open_links;  // start offsets
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(it);
    if (n == parent) continue;
    const bool enter = ev == CMARK_EVENT_ENTER;
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        if (enter) run->Append(Literal(n));
        break;
      case CMARK_NODE_HTML_INLINE:
        if (enter) {
          const size_t at = run->cps;
          run->Append(Literal(n));
          run->html_spans.emplace_back(at, run->cps - at);
        }
        run->html = true;
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        if (enter) run->Append("\n");
        break;
      case CMARK_NODE_FOOTNOTE_REFERENCE:
        if (enter) run->refs.emplace_back(run->cps, FootnoteOrdinal(n));
        break;
      case CMARK_NODE_LINK:
        if (enter) {
          open_links.push_back(run->cps);
        } else if (!open_links.empty()) {
          const char* url = cmark_node_get_url(n);
          if (url != nullptr && *url != '\0') {
            run->links.push_back({open_links.back(), run->cps - open_links.back(), url});
          }
          open_links.pop_back();
        }
        break;
      case CMARK_NODE_IMAGE:
        // Without a handler the iterator goes on into the image's children,
        // which are its alt text.
        if (enter && on_image && open_links.empty()) {
          on_image(n);
          cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
        }
        break;
      default:
        break;  // emphasis, strong, custom inlines: only their children count
    }
  }
  cmark_iter_free(it);
}

// A code or HTML block's text without the line end cmark keeps after it.
std::string FenceLiteral(cmark_node* n) {
  std::string s(Literal(n));
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

bool IsType(cmark_node* n, const char* name) {
  const char* t = cmark_node_get_type_string(n);
  return t != nullptr && std::string_view(t) == name;
}

// "l,c,r,-": one letter per column of a GFM table.
std::string TableAlign(cmark_node* table) {
  const uint16_t cols = cmark_gfm_extensions_get_table_columns(table);
  const uint8_t* align = cmark_gfm_extensions_get_table_alignments(table);
  std::string out;
  for (uint16_t i = 0; i < cols; ++i) {
    if (i > 0) out += ',';
    const char a = align != nullptr ? static_cast<char>(align[i]) : '\0';
    out += (a == 'l' || a == 'c' || a == 'r') ? a : '-';
  }
  return out;
}

// A footnote definition "[^label]: …" as it appears on one line, for
// finding definitions cmark dropped. Leading block-quote markers are
// skipped; the label has no blank and no ']'.
bool LooksLikeFootnoteDefinition(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '>')) ++i;
  if (line.substr(i, 2) != "[^") return false;
  const size_t close = line.find(']', i + 2);
  if (close == std::string_view::npos || close == i + 2) return false;
  const std::string_view label = line.substr(i + 2, close - i - 2);
  if (label.find_first_of(" \t") != std::string_view::npos) return false;
  return line.substr(close + 1, 1) == ":";
}

// ---------------------------------------------------------------------------
// The body: headings become nodes, everything else blocks of the nearest
// heading above it.

struct CmarkFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};

class BodyConverter {
 public:
  BodyConverter(std::string_view body, size_t body_line, const std::string& kind,
                std::vector<std::string> levels, const Reporter& r)
      : body_(body),
        lines_(body),
        line_offset_(body_line - 1),
        kind_(kind),
        levels_(std::move(levels)),
        r_(r) {}

  Status Convert(std::vector<model::Node>* out);

 private:
  struct Open {
    int depth = 0;
    int id = 0;
    model::Node node;
  };
  struct Context {
    Attrs attrs;  // facts every block inside inherits (quote, list …)
    int nesting = 0;
  };

  size_t FileLine(cmark_node* n) const {
    return static_cast<size_t>(cmark_node_get_start_line(n)) + line_offset_;
  }

  Status CollectDefinitions(cmark_node* doc);
  void ChooseLevels(cmark_node* doc);
  Status OpenSection(cmark_node* heading);
  void CloseSections(int depth);
  model::Node* Current();
  int CurrentId();

  Status Walk(cmark_node* n, const Context& ctx);
  Status WalkChildren(cmark_node* parent, const Context& ctx);
  Status WalkList(cmark_node* list, const Context& ctx);
  void RenderParagraph(cmark_node* p, Run* run, const Attrs& attrs);
  void Flush(Run* run, const Attrs& attrs);
  void Emit(model::BlockKind kind, Run run, Attrs attrs);
  Status EmitTable(cmark_node* table, const Attrs& attrs);
  Status CheckTableRow(cmark_node* row) const;

  std::string RefsAttr(const Run& run) const;
  static void AddBlock(model::Node* node, model::Block b);
  void AppendDefinitionText(cmark_node* n, Run* run, int nesting) const;
  void PlaceFootnotes();
  Status CheckDroppedDefinitions(cmark_node* doc) const;

  std::string_view body_;
  Lines lines_;
  size_t line_offset_;
  std::string kind_;
  std::vector<std::string> levels_;
  bool unlimited_levels_ = false;
  const Reporter& r_;

  std::vector<model::Node> roots_;
  std::vector<Open> open_;             // the headings enclosing the current position
  int top_sections_ = 0;               // root headings so far (the "0" node is not one)
  int next_id_ = 0;                    // ids are handed out in document (pre-)order
  std::vector<cmark_node*> defs_;      // footnote definitions, ordinal order
  std::vector<std::string> labels_;    // their labels as written
  std::map<int, int> footnote_owner_;  // ordinal → id of the first referencing node
};

Status BodyConverter::CollectDefinitions(cmark_node* doc) {
  for (cmark_node* n = cmark_node_first_child(doc); n != nullptr; n = cmark_node_next(n)) {
    if (cmark_node_get_type(n) != CMARK_NODE_FOOTNOTE_DEFINITION) continue;
    // The API does not give a definition's label; it is on the definition's
    // first line, just before where its content starts.
    const std::string_view line = lines_.Get(static_cast<size_t>(cmark_node_get_start_line(n)));
    const size_t col = static_cast<size_t>(std::max(cmark_node_get_start_column(n), 1));
    const std::string_view head = line.substr(0, std::min(line.size(), col - 1));
    const size_t colon = head.rfind("]:");
    const size_t open = colon == std::string_view::npos ? colon : head.rfind("[^", colon);
    std::string label = open == std::string_view::npos
                            ? std::to_string(defs_.size() + 1)
                            : std::string(head.substr(open + 2, colon - open - 2));
    if (label.find(',') != std::string::npos) {
      // footnote_refs lists "offset:label" pairs separated by commas.
      return r_.At(FileLine(n), "脚注标记 [^" + label + "] 中不能有逗号");
    }
    defs_.push_back(n);
    labels_.push_back(std::move(label));
  }
  return Status::Ok();
}

// A yearbook's headings are 类目/分目/条目, or 类目/分目/子目/条目 when the
// manuscript goes four deep anywhere; a gazetteer's 篇/章/节/目. Other kinds
// have no fixed scheme, so every heading is a 部分.
void BodyConverter::ChooseLevels(cmark_node* doc) {
  if (!levels_.empty()) return;
  int deepest = 0;
  for (cmark_node* n = cmark_node_first_child(doc); n != nullptr; n = cmark_node_next(n)) {
    if (cmark_node_get_type(n) == CMARK_NODE_HEADING) {
      deepest = std::max(deepest, cmark_node_get_heading_level(n));
    }
  }
  if (kind_ == model::kKindYearbook) {
    levels_ = deepest >= 4 ? std::vector<std::string>{"类目", "分目", "子目", "条目"}
                           : std::vector<std::string>{"类目", "分目", "条目"};
  } else if (kind_ == model::kKindGazetteer) {
    levels_ = {"篇", "章", "节", "目"};
  } else {
    unlimited_levels_ = true;
  }
}

int BodyConverter::CurrentId() { return open_.empty() ? 0 : open_.back().id; }

// Text before the first heading still belongs somewhere: a node "0" at the
// front, made the first time it is needed.
model::Node* BodyConverter::Current() {
  if (!open_.empty()) return &open_.back().node;
  if (roots_.empty()) {
    model::Node front;
    front.key = "0";
    front.level = "部分";
    roots_.push_back(std::move(front));
    ++next_id_;
  }
  return &roots_.front();
}

void BodyConverter::CloseSections(int depth) {
  while (!open_.empty() && open_.back().depth >= depth) {
    model::Node done = std::move(open_.back().node);
    open_.pop_back();
    (open_.empty() ? roots_ : open_.back().node.children).push_back(std::move(done));
  }
}

// A heading closes every open heading as deep or deeper and opens a node
// under the nearest shallower one. A skipped depth (#### under ##) is
// accepted; its level still follows its depth, so the outline review can
// see the gap.
Status BodyConverter::OpenSection(cmark_node* heading) {
  const int depth = cmark_node_get_heading_level(heading);
  Run title;
  AppendInlines(heading, &title, nullptr);
  std::string level = "部分";
  if (!unlimited_levels_) {
    if (static_cast<size_t>(depth) > levels_.size()) {
      return r_.At(FileLine(heading),
                   "标题 " + Quote(title.text) + " 是第 " + std::to_string(depth) + " 级（" +
                       std::string(static_cast<size_t>(depth), '#') + "），超出了本稿的层级（" +
                       Join(levels_, "、") + "，共 " + std::to_string(levels_.size()) +
                       " 级）；如需更多层级，请在前置元数据中用 levels 列出");
    }
    level = levels_[static_cast<size_t>(depth) - 1];
  }
  CloseSections(depth);
  Open o;
  o.depth = depth;
  o.id = next_id_++;
  o.node.level = std::move(level);
  o.node.title = title.text;
  o.node.key = std::to_string(
      open_.empty() ? ++top_sections_ : static_cast<int>(open_.back().node.children.size()) + 1);
  // A footnote referenced from a heading belongs to that heading's node;
  // the title itself stays plain.
  for (const auto& ref : title.refs) footnote_owner_.emplace(ref.second, o.id);
  open_.push_back(std::move(o));
  return Status::Ok();
}

std::string BodyConverter::RefsAttr(const Run& run) const {
  std::vector<std::string> parts;
  for (const auto& [offset, ordinal] : run.refs) {
    const bool known = ordinal >= 1 && static_cast<size_t>(ordinal) <= labels_.size();
    parts.push_back(std::to_string(offset) + ":" +
                    (known ? labels_[static_cast<size_t>(ordinal) - 1] : std::to_string(ordinal)));
  }
  return Join(parts, ",");
}

void BodyConverter::AddBlock(model::Node* node, model::Block b) {
  b.para = static_cast<int>(node->blocks.size()) + 1;  // one number per block
  node->blocks.push_back(std::move(b));
}

void BodyConverter::Emit(model::BlockKind kind, Run run, Attrs attrs) {
  model::Block b;
  b.kind = kind;
  if (!run.refs.empty()) {
    attrs["footnote_refs"] = RefsAttr(run);
    for (const auto& ref : run.refs) footnote_owner_.emplace(ref.second, CurrentId());
  }
  if (!run.links.empty()) {
    std::vector<std::string> parts;
    for (const Link& l : run.links) {
      parts.push_back(std::to_string(l.offset) + ":" + std::to_string(l.length) + ":" + l.href);
    }
    attrs["links"] = Join(parts, "\n");
  }
  if (run.html) attrs["html"] = "1";
  if (run.html && !run.html_spans.empty()) {
    std::vector<std::string> parts;
    for (const auto& [offset, length] : run.html_spans) {
      parts.push_back(std::to_string(offset) + ":" + std::to_string(length));
    }
    attrs["html_spans"] = Join(parts, ",");
  }
  // 【条目标题】正文: the yearbook's one-paragraph entry. The text stays as
  // written; the title is noted so checks can treat it like a heading.
  static constexpr std::string_view kOpen = "【";
  static constexpr std::string_view kClose = "】";
  if (kind == model::BlockKind::kText && attrs.count("code") == 0 &&
      std::string_view(run.text).substr(0, kOpen.size()) == kOpen) {
    const size_t close = run.text.find(kClose);
    if (close != std::string::npos && close > kOpen.size()) {
      attrs["entry_title"] = run.text.substr(kOpen.size(), close - kOpen.size());
    }
  }
  b.text = std::move(run.text);
  b.attrs = std::move(attrs);
  AddBlock(Current(), std::move(b));
}

void BodyConverter::Flush(Run* run, const Attrs& attrs) {
  run->TrimEdges();
  if (!run->Blank()) Emit(model::BlockKind::kText, std::move(*run), attrs);
  *run = Run{};
}

// A paragraph's text goes to `run`; an image in it ends the text so far and
// becomes a figure block of its own, in reading order.
void BodyConverter::RenderParagraph(cmark_node* p, Run* run, const Attrs& attrs) {
  AppendInlines(p, run, [&](cmark_node* image) {
    Flush(run, attrs);
    Run alt;
    AppendInlines(image, &alt, nullptr);
    Attrs fig = attrs;
    const char* url = cmark_node_get_url(image);
    const char* title = cmark_node_get_title(image);
    fig["src"] = url != nullptr ? url : "";
    if (title != nullptr && *title != '\0') fig["title"] = title;
    alt.TrimEdges();
    Emit(model::BlockKind::kFigure, std::move(alt), std::move(fig));
  });
}

// GFM drops the cells of a row beyond the header's count; that would lose
// text without a word, so such a row is an error.
Status BodyConverter::CheckTableRow(cmark_node* row) const {
  int last_end = 0;
  for (cmark_node* c = cmark_node_first_child(row); c != nullptr; c = cmark_node_next(c)) {
    if (cmark_node_get_end_column(c) > 0) last_end = cmark_node_get_end_column(c);
  }
  const std::string_view line = lines_.Get(static_cast<size_t>(cmark_node_get_start_line(row)));
  const size_t row_end =
      std::min(line.size(), static_cast<size_t>(std::max(cmark_node_get_end_column(row), 0)));
  if (last_end <= 0 || static_cast<size_t>(last_end) >= row_end) return Status::Ok();
  const std::string_view rest =
      line.substr(static_cast<size_t>(last_end), row_end - static_cast<size_t>(last_end));
  if (rest.find_first_not_of(" \t|") == std::string_view::npos) return Status::Ok();
  return r_.At(FileLine(row),
               "表格这一行的单元格多于表头（" +
                   std::to_string(cmark_gfm_extensions_get_table_columns(cmark_node_parent(row))) +
                   " 列），多出的内容会丢失；请补齐表头或删去多余的单元格");
}

Status BodyConverter::EmitTable(cmark_node* table, const Attrs& attrs) {
  const uint16_t cols = cmark_gfm_extensions_get_table_columns(table);
  Run run;
  bool header = false;
  for (cmark_node* row = cmark_node_first_child(table); row != nullptr;
       row = cmark_node_next(row)) {
    FZ_RETURN_IF_ERROR(CheckTableRow(row));
    if (row == cmark_node_first_child(table)) {
      header = cmark_gfm_extensions_get_table_row_is_header(row) != 0;
    } else {
      run.Append("\n");
    }
    uint16_t n = 0;
    for (cmark_node* cell = cmark_node_first_child(row); cell != nullptr;
         cell = cmark_node_next(cell), ++n) {
      if (n > 0) run.Append("\t");
      AppendInlines(cell, &run, nullptr);
    }
    for (; n < cols; ++n) run.Append("\t");  // a short row keeps the grid
  }
  Attrs t = attrs;
  if (header) t["header"] = "1";
  t["align"] = TableAlign(table);
  Emit(model::BlockKind::kTable, std::move(run), std::move(t));
  return Status::Ok();
}

// A list item is one block; its paragraphs are joined by '\n'. A nested list,
// code or quote inside it ends that block, and text after it starts another
// with the same list and item facts.
Status BodyConverter::WalkList(cmark_node* list, const Context& ctx) {
  const bool ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
  int number = ordered ? cmark_node_get_list_start(list) : 1;
  Context inner = ctx;
  ++inner.nesting;
  if (ctx.attrs.count("list") != 0) {
    const auto it = ctx.attrs.find("list_level");
    inner.attrs["list_level"] =
        std::to_string(it == ctx.attrs.end() ? 2 : std::atoi(it->second.c_str()) + 1);
  }
  inner.attrs["list"] = ordered ? "ordered" : "bullet";
  for (cmark_node* item = cmark_node_first_child(list); item != nullptr;
       item = cmark_node_next(item), ++number) {
    inner.attrs["item"] = std::to_string(number);
    Run run;
    for (cmark_node* c = cmark_node_first_child(item); c != nullptr; c = cmark_node_next(c)) {
      if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
        if (!run.text.empty()) run.Append("\n");
        RenderParagraph(c, &run, inner.attrs);
        continue;
      }
      Flush(&run, inner.attrs);
      FZ_RETURN_IF_ERROR(Walk(c, inner));
    }
    Flush(&run, inner.attrs);
  }
  return Status::Ok();
}

Status BodyConverter::WalkChildren(cmark_node* parent, const Context& ctx) {
  for (cmark_node* c = cmark_node_first_child(parent); c != nullptr; c = cmark_node_next(c)) {
    FZ_RETURN_IF_ERROR(Walk(c, ctx));
  }
  return Status::Ok();
}

Status BodyConverter::Walk(cmark_node* n, const Context& ctx) {
  if (ctx.nesting > kMaxNesting) {
    return r_.At(FileLine(n), "引用或列表嵌套超过 " + std::to_string(kMaxNesting) + " 层");
  }
  switch (cmark_node_get_type(n)) {
    case CMARK_NODE_HEADING: {
      if (ctx.nesting == 0) return OpenSection(n);
      // A heading inside a quote or list is not part of the outline.
      Attrs a = ctx.attrs;
      a["heading"] = std::to_string(cmark_node_get_heading_level(n));
      Run run;
      RenderParagraph(n, &run, a);
      Flush(&run, a);
      return Status::Ok();
    }
    case CMARK_NODE_PARAGRAPH: {
      Run run;
      RenderParagraph(n, &run, ctx.attrs);
      Flush(&run, ctx.attrs);
      return Status::Ok();
    }
    case CMARK_NODE_BLOCK_QUOTE: {
      Context inner = ctx;
      ++inner.nesting;
      inner.attrs["quote"] = "1";
      return WalkChildren(n, inner);
    }
    case CMARK_NODE_LIST:
      return WalkList(n, ctx);
    case CMARK_NODE_CODE_BLOCK: {
      Attrs a = ctx.attrs;
      a["code"] = "1";
      const char* info = cmark_node_get_fence_info(n);
      if (info != nullptr && *info != '\0') a["info"] = info;
      Run run;
      run.Append(FenceLiteral(n));
      Emit(model::BlockKind::kText, std::move(run), std::move(a));
      return Status::Ok();
    }
    case CMARK_NODE_HTML_BLOCK: {
      Run run;
      run.Append(FenceLiteral(n));
      run.html = true;
      Flush(&run, ctx.attrs);
      return Status::Ok();
    }
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_FOOTNOTE_DEFINITION:  // placed after the walk
      return Status::Ok();
    default:
      if (IsType(n, "table")) return EmitTable(n, ctx.attrs);
      return WalkChildren(n, ctx);
  }
}

// A definition becomes one footnote block: its paragraphs (and anything
// else in it) one per line.
void BodyConverter::AppendDefinitionText(cmark_node* n, Run* run, int nesting) const {
  for (cmark_node* c = cmark_node_first_child(n); c != nullptr; c = cmark_node_next(c)) {
    switch (cmark_node_get_type(c)) {
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING:
        if (!run->text.empty()) run->Append("\n");
        AppendInlines(c, run, nullptr);
        break;
      case CMARK_NODE_CODE_BLOCK:
      case CMARK_NODE_HTML_BLOCK:
        if (!run->text.empty()) run->Append("\n");
        run->Append(FenceLiteral(c));
        break;
      default:
        if (IsType(c, "table_cell")) {
          if (cmark_node_previous(c) != nullptr) run->Append("\t");
          AppendInlines(c, run, nullptr);
        } else if (nesting < kMaxNesting) {
          if (IsType(c, "table_row") && cmark_node_previous(c) != nullptr) run->Append("\n");
          AppendDefinitionText(c, run, nesting + 1);
        }
        break;
    }
  }
}

// Footnotes go to the end of the node whose text first references them. A
// footnote referenced only from another footnote follows that one's node.
void BodyConverter::PlaceFootnotes() {
  std::vector<Run> texts(defs_.size());
  for (size_t i = 0; i < defs_.size(); ++i) {
    AppendDefinitionText(defs_[i], &texts[i], 0);
    texts[i].TrimEdges();
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < defs_.size(); ++i) {
      const auto owner = footnote_owner_.find(static_cast<int>(i) + 1);
      if (owner == footnote_owner_.end()) continue;
      for (const auto& ref : texts[i].refs) {
        changed |= footnote_owner_.emplace(ref.second, owner->second).second;
      }
    }
  }
  std::vector<model::Node*> by_id;  // document order is id order
  std::function<void(std::vector<model::Node>&)> collect = [&](std::vector<model::Node>& nodes) {
    for (model::Node& node : nodes) {
      by_id.push_back(&node);
      collect(node.children);
    }
  };
  collect(roots_);
  if (by_id.empty()) return;
  for (size_t i = 0; i < defs_.size(); ++i) {
    const auto owner = footnote_owner_.find(static_cast<int>(i) + 1);
    const size_t id =
        owner == footnote_owner_.end() ? by_id.size() - 1 : static_cast<size_t>(owner->second);
    model::Block b;
    b.kind = model::BlockKind::kFootnote;
    b.attrs["label"] = labels_[i];
    if (!texts[i].refs.empty()) b.attrs["footnote_refs"] = RefsAttr(texts[i]);
    b.text = std::move(texts[i].text);
    AddBlock(by_id[std::min(id, by_id.size() - 1)], std::move(b));
  }
}

// cmark-gfm silently discards a footnote definition nobody references, and
// the second of two with one label. Their lines are then part of no block;
// a line there that looks like a definition is reported instead of lost.
Status BodyConverter::CheckDroppedDefinitions(cmark_node* doc) const {
  std::vector<bool> covered(lines_.count() + 2, false);
  cmark_iter* it = cmark_iter_new(doc);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER || n == doc) continue;
    const int type = cmark_node_get_type(n);
    const bool leaf = type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING ||
                      type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK ||
                      type == CMARK_NODE_FOOTNOTE_DEFINITION || IsType(n, "table");
    if (!leaf) continue;
    const int start = std::max(cmark_node_get_start_line(n), 1);
    const int end = std::max(cmark_node_get_end_line(n), start);
    for (int l = start; l <= end && static_cast<size_t>(l) < covered.size(); ++l)
      covered[static_cast<size_t>(l)] = true;
  }
  cmark_iter_free(it);
  for (size_t l = 1; l <= lines_.count(); ++l) {
    if (covered[l] || !LooksLikeFootnoteDefinition(lines_.Get(l))) continue;
    return r_.At(l + line_offset_,
                 "这个脚注没有在正文中被引用，或与前面的脚注同名，导入时会被丢弃；请在正文中引用它"
                 "，或删去、改名");
  }
  return Status::Ok();
}

Status BodyConverter::Convert(std::vector<model::Node>* out) {
  cmark_gfm_core_extensions_ensure_registered();
  std::unique_ptr<cmark_parser, CmarkFree> parser(cmark_parser_new(CMARK_OPT_FOOTNOTES));
  // Only tables: the strikethrough extension would read the 浪纹线 of
  // "150~200千米" as markup.
  cmark_syntax_extension* table = cmark_find_syntax_extension("table");
  if (parser == nullptr || table == nullptr) {
    return Status::Unsupported("cmark-gfm 的表格扩展不可用，无法读取稿件 Markdown");
  }
  cmark_parser_attach_syntax_extension(parser.get(), table);
  cmark_parser_feed(parser.get(), body_.data(), body_.size());
  std::unique_ptr<cmark_node, CmarkFree> doc(cmark_parser_finish(parser.get()));
  if (doc == nullptr) return Status::Unsupported("cmark-gfm 未能解析正文");

  FZ_RETURN_IF_ERROR(CollectDefinitions(doc.get()));
  FZ_RETURN_IF_ERROR(CheckDroppedDefinitions(doc.get()));
  ChooseLevels(doc.get());
  FZ_RETURN_IF_ERROR(WalkChildren(doc.get(), Context{}));
  CloseSections(1);
  if (roots_.empty()) {
    return r_.At(line_offset_ + 1, "正文为空：前置元数据之后没有任何标题或文字");
  }
  PlaceFootnotes();
  *out = std::move(roots_);
  return Status::Ok();
}

}  // namespace

Status ImportManuscriptMarkdown(const std::filesystem::path& file, model::Document* doc) {
  std::string data;
  FZ_RETURN_IF_ERROR(ReadUtf8File(file, &data));
  const Reporter r(file.string());
  // cmark would turn a NUL into U+FFFD, adding a character the file does
  // not have; a NUL in a manuscript is damage, not text.
  if (const size_t nul = data.find('\0'); nul != std::string::npos) {
    return r.At(text::PositionOf(data, nul).line,
                "含有空字符（NUL，第 " + std::to_string(nul + 1) + " 字节），文件可能已损坏");
  }

  Sections sections;
  FZ_RETURN_IF_ERROR(SplitFrontMatter(data, r, &sections));
  Meta meta;
  FZ_RETURN_IF_ERROR(ParseFrontMatter(sections.yaml, file, r, &meta));

  model::Document result;
  result.work = std::move(meta.work);
  model::Edition edition;
  edition.id = "v" + std::to_string(meta.version);
  edition.label = "第" + std::to_string(meta.version) + "稿";
  edition.base = true;
  BodyConverter body(sections.body, sections.body_line, result.work.kind, std::move(meta.levels),
                     r);
  FZ_RETURN_IF_ERROR(body.Convert(&edition.nodes));

  std::error_code ec;
  const std::uintmax_t bytes = std::filesystem::file_size(file, ec);
  result.sources.push_back(
      {edition.id, file.filename().string(), ec ? data.size() : static_cast<size_t>(bytes)});
  result.editions.push_back(std::move(edition));
  *doc = std::move(result);
  return Status::Ok();
}

}  // namespace fangzhi::formats
