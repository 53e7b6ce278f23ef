// One juan file → one juan node. The file is read in two passes: the first
// cuts it into printed lines of tokens and measures each line; the second
// groups lines into paragraphs and emits blocks. Paragraphs are not marked in
// Mandoku files, so they are recovered from the print layout the way a
// reader sees them: a paragraph ends at a line shorter than the juan's full
// line, at an empty line, and before a line indented deeper than the one
// before it (a heading, a byline, an entry).
#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "formats/kanripo_importer.h"
#include "text/han.h"
#include "text/utf8.h"

namespace fangzhi::formats {
namespace {

using model::Block;
using model::BlockKind;

constexpr std::string_view kPilcrow = "\xC2\xB6";           // ¶
constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000

enum class TokenType { kText, kNoteOpen, kNoteClose, kPage, kRemark };

struct Token {
  TokenType type;
  std::string text;  // text, tag content ("pb:KR…"), or remark line
};

struct PrintLine {
  std::vector<Token> tokens;
  size_t file_line = 0;  // 1-based, for messages
  int cells = 0;         // width in full-size character cells
  int indent = 0;        // leading U+3000
  bool has_content = false;  // anything but tags and remarks
  bool ends_line = true;     // false for a remark line (not a printed line)
};

// Kanripo page ids look like KR2i0003_SBCK_001-1a; the edition and juan are
// the 2nd and 3rd parts. Ids that do not fit keep only "ref".
void DescribePage(const std::string& tag, const KanripoImageIndex* images, Block* b) {
  const size_t colon = tag.find(':');
  const std::string marker = tag.substr(0, colon);
  const std::string ref = tag.substr(colon + 1);
  b->kind = BlockKind::kPage;
  b->attrs["ref"] = ref;
  if (marker != "pb") b->attrs["marker"] = marker;
  const size_t u2 = ref.rfind('_');
  const size_t u1 = u2 == std::string::npos || u2 == 0 ? std::string::npos : ref.rfind('_', u2 - 1);
  const size_t dash = ref.find('-', u2 == std::string::npos ? 0 : u2);
  if (u1 == std::string::npos || dash == std::string::npos) return;
  const std::string edition = ref.substr(u1 + 1, u2 - u1 - 1);
  const std::string juan = ref.substr(u2 + 1, dash - u2 - 1);
  const std::string page = ref.substr(dash + 1);
  b->attrs["edition"] = edition;
  b->attrs["juan"] = juan;
  b->attrs["page"] = page;
  if (images != nullptr) {
    auto it = images->by_page.find(edition + " " + juan + "-" + page);
    if (it != images->by_page.end()) b->attrs["image"] = it->second;
  }
}

class Tokenizer {
 public:
  Tokenizer(const std::string& name, std::string_view body, size_t first_line)
      : name_(name), body_(body), first_line_(first_line) {}

  Status Run(std::vector<PrintLine>* out) {
    // Some witness files (華陽國志 WYG) carry the base edition's line ends
    // as ¶ inside their own lines; there the file's newlines are the print
    // lines and those ¶ are foreign marks, not line ends of this edition.
    size_t pil_mid = 0, pil_end = 0;
    for (size_t i = body_.find(kPilcrow); i != std::string_view::npos; i = body_.find(kPilcrow, i + 2)) {
      const size_t after = i + kPilcrow.size();
      if (after >= body_.size() || body_[after] == '\n' || body_[after] == '\r') {
        ++pil_end;
      } else {
        ++pil_mid;
      }
    }
    foreign_pilcrows_ = pil_mid > pil_end;

    size_t line_no = first_line_;
    size_t pos = 0;
    while (pos < body_.size()) {
      size_t nl = body_.find('\n', pos);
      if (nl == std::string_view::npos) nl = body_.size();
      std::string_view line = body_.substr(pos, nl - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      FZ_RETURN_IF_ERROR(FileLine(line, line_no, out));
      pos = nl + 1;
      ++line_no;
    }
    if (note_open_) {
      return Status::InvalidInput(name_ + "：第 " + std::to_string(note_line_) +
                                  " 行的夹注“(”直到文件结尾都没有闭合");
    }
    return Status::Ok();
  }

 private:
  Status FileLine(std::string_view line, size_t line_no, std::vector<PrintLine>* out) {
    if (line.empty()) return Status::Ok();  // file formatting, not a printed line
    if (line.front() == '#') {              // org header or editor's comment
      PrintLine pl;
      pl.file_line = line_no;
      pl.ends_line = false;
      pl.tokens.push_back({TokenType::kRemark, std::string(line)});
      out->push_back(std::move(pl));
      return Status::Ok();
    }
    // Split into printed lines at ¶ (a trailing ¶ just ends the file line).
    size_t start = 0;
    while (true) {
      size_t p = foreign_pilcrows_ ? std::string_view::npos : line.find(kPilcrow, start);
      std::string_view seg = line.substr(start, p == std::string_view::npos ? line.npos : p - start);
      const bool last = p == std::string_view::npos || p + kPilcrow.size() >= line.size();
      PrintLine pl;
      pl.file_line = line_no;
      FZ_RETURN_IF_ERROR(Segment(seg, line_no, &pl));
      out->push_back(std::move(pl));
      if (last) break;
      start = p + kPilcrow.size();
    }
    return Status::Ok();
  }

  void AddText(PrintLine* pl, std::string_view s) {
    if (s.empty()) return;
    if (!pl->tokens.empty() && pl->tokens.back().type == TokenType::kText) {
      pl->tokens.back().text.append(s);
    } else {
      pl->tokens.push_back({TokenType::kText, std::string(s)});
    }
  }

  Status Segment(std::string_view seg, size_t line_no, PrintLine* pl) {
    bool leading = true;
    int note_cells = 0;
    size_t i = 0;
    while (i < seg.size()) {
      const char c = seg[i];
      if (foreign_pilcrows_ && seg.compare(i, kPilcrow.size(), kPilcrow) == 0) {
        i += kPilcrow.size();
        continue;
      }
      if (c == '<') {
        const size_t close = seg.find('>', i);
        const size_t colon = seg.find(':', i);
        if (close != std::string_view::npos && colon < close &&
            (seg.compare(i, 4, "<pb:") == 0 || seg.compare(i, 4, "<md:") == 0)) {
          pl->tokens.push_back({TokenType::kPage, std::string(seg.substr(i + 1, close - i - 1))});
          i = close + 1;
          continue;
        }
      }
      if (c == '[') {
        // Ideographic descriptions like [桌-日+(ㄇ@(人/人))] stand for one
        // character and may contain parentheses that are not notes.
        int depth = 0;
        size_t j = i;
        for (; j < seg.size(); ++j) {
          if (seg[j] == '[') ++depth;
          if (seg[j] == ']' && --depth == 0) break;
        }
        if (j < seg.size()) {
          AddText(pl, seg.substr(i, j + 1 - i));
          pl->has_content = true;
          leading = false;
          if (note_open_) ++note_cells; else ++pl->cells;
          i = j + 1;
          continue;
        }
      }
      // Parentheses inside a note are the note's own text (KR4h0168 has
      // "(…(品…言)…)"): they nest, and only the ')' that balances the
      // opening one closes the note. So a '(' left open mid-file is still
      // open at the end of the file and reported with its line, instead of
      // the next note's ')' closing it over lines of main text.
      if (c == '(' && note_open_) ++note_depth_;
      if (c == ')' && note_open_ && note_depth_ > 1) {
        --note_depth_;
      } else if (c == '(' && !note_open_) {
        note_open_ = true;
        note_depth_ = 1;
        note_line_ = line_no;
        note_cells = 0;
        pl->tokens.push_back({TokenType::kNoteOpen, ""});
        pl->has_content = true;
        leading = false;
        ++i;
        continue;
      } else if (c == ')' && note_open_) {
        note_open_ = false;
        note_depth_ = 0;
        pl->cells += (note_cells + 1) / 2;  // two small columns per cell
        pl->tokens.push_back({TokenType::kNoteClose, ""});
        ++i;
        continue;
      }
      // Any other character, including a stray ')' or a nested '(' or ')', is text.
      size_t j = i;
      const char32_t cp = text::NextCodePoint(seg, j);
      const std::string_view ch = seg.substr(i, j - i);
      if (leading && ch == kIdeographicSpace) {
        ++pl->indent;
      } else {
        leading = false;
      }
      if (cp >= 0x80 || cp == '&') pl->has_content = true;
      if (cp != '/' && cp >= 0x80) {
        if (note_open_) ++note_cells; else ++pl->cells;
      }
      if (cp == '&') {  // &KR0561; is one character
        const size_t len = text::KanripoEntityLength(seg, i);
        if (len > 0) {
          AddText(pl, seg.substr(i, len));
          if (note_open_) ++note_cells; else ++pl->cells;
          i += len;
          continue;
        }
      }
      if (cp >= 0x20 || cp == '\t') pl->has_content = pl->has_content || cp > ' ';
      AddText(pl, ch);
      i = j;
    }
    if (note_open_) pl->cells += (note_cells + 1) / 2;
    return Status::Ok();
  }

  const std::string& name_;
  std::string_view body_;
  size_t first_line_;
  bool foreign_pilcrows_ = false;
  bool note_open_ = false;
  int note_depth_ = 0;  // parentheses open inside the note, the note's own '(' included
  size_t note_line_ = 0;
};

// Emits blocks for a sequence of printed lines. Line ends inside a paragraph
// become '\n'; the end of a paragraph is itself a line end and is not
// written, so a paragraph's text never ends in '\n' unless empty lines
// follow it.
class BlockBuilder {
 public:
  explicit BlockBuilder(const KanripoImageIndex* images, std::vector<Block>* out)
      : images_(images), out_(out) {}

  void Build(const std::vector<PrintLine>& lines) {
    const int full = FullLineWidth(lines);
    bool prev_short = true;  // the first line starts a paragraph
    int prev_indent = 0;
    for (const PrintLine& pl : lines) {
      if (!pl.ends_line) {
        pending_.push_back(Remark(pl.tokens.front().text));
        continue;
      }
      if (!pl.has_content) {
        bool any_tag = false;
        for (const Token& t : pl.tokens) {
          if (t.type == TokenType::kPage) {
            pending_.push_back(Page(t.text));
            any_tag = true;
          }
        }
        if (!any_tag && para_ > 0) {  // an empty printed line
          ++line_ends_;
          prev_short = true;
        }
        continue;
      }
      // A note running on across lines keeps its paragraph open.
      const bool starts_para = para_ == 0 || (!in_note_ && (prev_short || pl.indent > prev_indent));
      if (starts_para) {
        if (para_ > 0 && line_ends_ > 0) --line_ends_;  // implied by the paragraph end
        FlushLineEnds();
        ++para_;
      } else {
        FlushLineEnds();
      }
      FlushPending();
      for (const Token& t : pl.tokens) Emit(t);
      ++line_ends_;
      prev_short = pl.cells + 1 < full;
      prev_indent = pl.indent;
    }
    if (line_ends_ > 0) --line_ends_;
    FlushLineEnds();
    if (para_ == 0) para_ = 1;
    FlushPending();
  }

 private:
  // The most common width among lines with text: the juan's full line.
  static int FullLineWidth(const std::vector<PrintLine>& lines) {
    std::map<int, int> freq;
    for (const PrintLine& pl : lines) {
      if (pl.has_content && pl.cells > 0) ++freq[pl.cells];
    }
    int best = 0, best_n = 0;
    for (auto [w, n] : freq) {
      if (n > best_n || (n == best_n && w > best)) best = w, best_n = n;
    }
    return best;
  }

  Block Page(const std::string& tag) {
    Block b;
    DescribePage(tag, images_, &b);
    return b;
  }

  static Block Remark(const std::string& line) {
    Block b;
    b.kind = BlockKind::kRemark;
    b.text = line;
    return b;
  }

  void FlushPending() {
    for (Block& b : pending_) {
      b.para = para_;
      out_->push_back(std::move(b));
    }
    pending_.clear();
  }

  // Writes the line ends owed to the current paragraph.
  void FlushLineEnds() {
    if (line_ends_ == 0) return;
    Block& target = TextBlock();
    target.text.append(static_cast<size_t>(line_ends_), '\n');
    line_ends_ = 0;
  }

  // The open block to write text into: the open note, or a text block.
  Block& TextBlock() {
    if (in_note_) return out_->back();
    if (out_->empty() || out_->back().kind != BlockKind::kText || out_->back().para != para_ ||
        !open_text_) {
      Block b;
      b.kind = BlockKind::kText;
      b.para = para_;
      out_->push_back(std::move(b));
      open_text_ = true;
    }
    return out_->back();
  }

  void Emit(const Token& t) {
    switch (t.type) {
      case TokenType::kText:
        TextBlock().text += t.text;
        break;
      case TokenType::kNoteOpen: {
        Block b;
        b.kind = BlockKind::kNote;
        b.para = para_;
        out_->push_back(std::move(b));
        in_note_ = true;
        open_text_ = false;
        break;
      }
      case TokenType::kNoteClose:
        in_note_ = false;
        break;
      case TokenType::kPage: {
        Block b = Page(t.text);
        b.para = para_;
        const bool was_note = in_note_;
        out_->push_back(std::move(b));
        open_text_ = false;
        if (was_note) {  // a note running across a page: continue it after the anchor
          Block cont;
          cont.kind = BlockKind::kNote;
          cont.para = para_;
          cont.attrs["continued"] = "1";
          out_->push_back(std::move(cont));
        }
        break;
      }
      case TokenType::kRemark:
        break;
    }
  }

  const KanripoImageIndex* images_;
  std::vector<Block>* out_;
  std::vector<Block> pending_;  // anchors and remarks waiting for their paragraph
  int para_ = 0;
  int line_ends_ = 0;
  bool in_note_ = false;
  bool open_text_ = false;
};

}  // namespace

Status ParseKanripoJuan(const std::string& name, std::string_view content,
                        const std::string& edition, const KanripoImageIndex* images,
                        model::Node* node) {
  (void)edition;
  // Leading org lines are the file's header: properties, not text.
  size_t pos = 0, line_no = 1;
  while (pos < content.size() && content[pos] == '#') {
    size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = content.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    constexpr std::string_view kProp = "#+PROPERTY:";
    if (line.substr(0, kProp.size()) == kProp) {
      std::string_view rest = line.substr(kProp.size());
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      const size_t sp = rest.find(' ');
      if (sp != std::string_view::npos && rest.substr(0, sp) == "JUAN" && node->label.empty()) {
        std::string_view v = rest.substr(sp + 1);
        while (!v.empty() && (v.back() == ' ' || v.back() == '.')) v.remove_suffix(1);
        node->label = std::string(v);
      }
    }
    pos = nl + 1;
    ++line_no;
  }
  std::vector<PrintLine> lines;
  Tokenizer tokenizer(name, content.substr(std::min(pos, content.size())), line_no);
  FZ_RETURN_IF_ERROR(tokenizer.Run(&lines));
  BlockBuilder builder(images, &node->blocks);
  builder.Build(lines);
  // Empty text blocks can arise at note boundaries; they carry nothing.
  std::erase_if(node->blocks, [](const Block& b) {
    return (b.kind == BlockKind::kText || b.kind == BlockKind::kNote) && b.text.empty() &&
           b.attrs.empty();
  });
  return Status::Ok();
}

}  // namespace fangzhi::formats
