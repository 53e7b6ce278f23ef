#include "search/query.h"

#include <array>
#include <utility>

#include "text/utf8.h"

namespace fangzhi::search {
namespace {

using Kind = QueryNode::Kind;

constexpr std::array<std::string_view, 5> kFieldNames = {"work", "kind", "region", "dynasty", "edition"};
constexpr std::string_view kFieldList = "work, kind, region, dynasty, edition";

// Unicode White_Space, which includes the ideographic space U+3000.
bool IsSpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

// Characters that end a word wherever they appear. Full-width parentheses
// are not among them: they are common inside Chinese text.
bool IsSyntax(char32_t c) {
  return c == U'(' || c == U')' || c == U'|' || c == U'｜' || c == U'"' || c == U'“' || c == U'”';
}

bool IsDelimiter(char32_t c) { return IsSpace(c) || IsSyntax(c); }

// '-' or the full-width '－' that Chinese input methods type: NOT at the
// start of a word, an ordinary character anywhere else.
bool IsMinus(char32_t c) { return c == U'-' || c == U'－'; }

bool IsOpenQuote(char32_t c) { return c == U'"' || c == U'“'; }
char32_t CloseQuoteFor(char32_t open) { return open == U'"' ? U'"' : U'”'; }

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// "查询第 N 个字符处" for a 0-based code point offset.
std::string At(size_t offset) { return "查询第 " + std::to_string(offset + 1) + " 个字符处"; }

// Length in bytes of a filter's field name and colon ("dynasty:") at the
// start of `word`, or 0: ASCII letters, then letters, digits or '_'.
size_t FieldPrefixLength(std::string_view word) {
  if (word.empty() || !IsAsciiAlpha(word[0])) return 0;
  size_t i = 1;
  while (i < word.size() && (IsAsciiAlpha(word[i]) || IsAsciiDigit(word[i]) || word[i] == '_')) ++i;
  return (i < word.size() && word[i] == ':') ? i + 1 : 0;
}

// NEAR/k in any case (near/5, Near/5): the slash makes it unmistakable, as
// a term "near/5" would fold to "near5" anyway. A bare word is the keyword
// only as NEAR, so that the English word "near" can still be searched.
bool IsNearKeyword(std::string_view word) {
  if (word == "NEAR") return true;
  if (word.size() < 5 || word[4] != '/') return false;
  for (size_t i = 0; i < 4; ++i) {
    if (AsciiLower(word[i]) != "near"[i]) return false;
  }
  return true;
}

std::vector<std::string>* FilterField(Filters& f, std::string_view name) {
  if (name == "work") return &f.work;
  if (name == "kind") return &f.kind;
  if (name == "region") return &f.region;
  if (name == "dynasty") return &f.dynasty;
  if (name == "edition") return &f.edition;
  return nullptr;
}

// ---------------------------------------------------------------------------
// Lexer: pulled one token at a time so that the first error in reading
// order is the one reported.

enum class Tok { kWord, kPhrase, kLParen, kRParen, kOr, kNot, kNear, kFilter, kEnd };

struct Token {
  Tok type = Tok::kEnd;
  std::string text;   // kWord, kPhrase: the term; kNear: as typed; kFilter: the value
  std::string field;  // kFilter: lower-case field name
  std::string raw;    // kFilter: as typed, for messages
  int distance = 0;   // kNear
  size_t offset = 0;  // code points from 0
};

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  Status Next(Token* t) {
    while (!AtEnd() && IsSpace(Peek())) Advance();
    *t = Token();
    t->offset = cp_;
    if (AtEnd()) return Status::Ok();
    const char32_t c = Peek();
    if (c == U'(' || c == U')' || c == U'|' || c == U'｜') {
      t->type = c == U'(' ? Tok::kLParen : c == U')' ? Tok::kRParen : Tok::kOr;
      Advance();
      return Status::Ok();
    }
    if (IsOpenQuote(c)) {
      t->type = Tok::kPhrase;
      return ReadQuoted(/*keep_space=*/false, &t->text);
    }
    if (c == U'”') return Status::InvalidInput(At(cp_) + "的右引号 ” 前面没有对应的左引号");
    if (IsMinus(c)) {
      Advance();
      if (AtEnd() || IsSpace(Peek()) || Peek() == U'|' || Peek() == U'｜' || Peek() == U')') {
        return Status::InvalidInput(At(t->offset) + "的 - 后面缺少要排除的词");
      }
      if (IsMinus(Peek())) return Status::InvalidInput(At(t->offset) + "有两个 - 连用");
      t->type = Tok::kNot;
      return Status::Ok();
    }
    return ReadWord(t);
  }

 private:
  bool AtEnd() const { return pos_ >= s_.size(); }
  char32_t Peek() const {
    size_t j = pos_;
    return text::NextCodePoint(s_, j);
  }
  void Advance() {
    text::NextCodePoint(s_, pos_);
    ++cp_;
  }

  // At an opening quote: reads up to the matching closing quote, which is
  // '"' for '"' and '”' for '“'; other quote marks inside are kept as text.
  Status ReadQuoted(bool keep_space, std::string* out) {
    const size_t open_offset = cp_;
    const char32_t close = CloseQuoteFor(Peek());
    Advance();
    std::string value;
    while (true) {
      if (AtEnd()) return Status::InvalidInput(At(open_offset) + "的引号没有闭合");
      const size_t start = pos_;
      const char32_t c = Peek();
      Advance();
      if (c == close) break;
      if (keep_space || !IsSpace(c)) value.append(s_.substr(start, pos_ - start));
    }
    if (keep_space) {  // trim the ends only
      size_t b = 0, e = value.size();
      while (b < e) {
        size_t j = b;
        if (!IsSpace(text::NextCodePoint(value, j))) break;
        b = j;
      }
      size_t last_keep = b;  // end of the last non-space code point
      for (size_t j = b; j < e;) {
        const char32_t cp = text::NextCodePoint(value, j);
        if (!IsSpace(cp)) last_keep = j;
      }
      value = value.substr(b, last_keep - b);
    }
    if (!keep_space && value.empty()) return Status::InvalidInput(At(open_offset) + "的引号里没有内容");
    *out = std::move(value);
    return Status::Ok();
  }

  Status ReadWord(Token* t) {
    const size_t begin = pos_;
    while (!AtEnd() && !IsDelimiter(Peek())) Advance();
    const std::string_view word = s_.substr(begin, pos_ - begin);

    if (IsNearKeyword(word)) {
      t->type = Tok::kNear;
      t->text = std::string(word);
      const std::string_view k = word.size() > 5 ? word.substr(5) : std::string_view();
      bool digits = !k.empty() && k.size() <= 4;
      for (char ch : k) digits = digits && IsAsciiDigit(ch);
      if (!digits) {
        return Status::InvalidInput(At(t->offset) + "的 " + std::string(word) +
                                    "：NEAR 要写成 NEAR/k，k 是 1 到 " + std::to_string(kMaxNearDistance) +
                                    " 之间的整数（半角数字），例如 NEAR/5");
      }
      int n = 0;
      for (char ch : k) n = n * 10 + (ch - '0');
      if (n < 1 || n > kMaxNearDistance) {
        return Status::InvalidInput(At(t->offset) + "的 " + std::string(word) + "：NEAR 的距离必须在 1 到 " +
                                    std::to_string(kMaxNearDistance) + " 之间");
      }
      t->distance = n;
      return Status::Ok();
    }

    if (const size_t prefix = FieldPrefixLength(word); prefix > 0) {
      const std::string_view typed = word.substr(0, prefix - 1);
      std::string field;
      for (char ch : typed) field += AsciiLower(ch);
      bool known = false;
      for (std::string_view name : kFieldNames) known = known || name == field;
      if (!known) {
        return Status::InvalidInput(At(t->offset) + "：未知的筛选条件 " + std::string(typed) + "（可用：" +
                                    std::string(kFieldList) + "）");
      }
      t->type = Tok::kFilter;
      t->field = std::move(field);
      t->text = std::string(word.substr(prefix));
      if (t->text.empty() && !AtEnd() && IsOpenQuote(Peek())) {
        FZ_RETURN_IF_ERROR(ReadQuoted(/*keep_space=*/true, &t->text));
      }
      t->raw = std::string(s_.substr(begin, pos_ - begin));
      if (t->text.empty()) {
        return Status::InvalidInput(At(t->offset) + "的筛选条件 " + t->raw + " 没有值（写成 " +
                                    std::string(typed) + ":值）");
      }
      // "dynasty:明|清" would read as "dynasty:明" OR-ed with a term 清.
      if (!AtEnd() && (Peek() == U'|' || Peek() == U'｜')) {
        return Status::InvalidInput(At(t->offset) + "的筛选条件 " + t->raw +
                                    " 后面紧跟着 |：同一筛选条件的多个值请分开写，如 dynasty:明 dynasty:清");
      }
      return Status::Ok();
    }

    t->type = Tok::kWord;
    t->text = std::string(word);
    return Status::Ok();
  }

  std::string_view s_;
  size_t pos_ = 0;  // bytes
  size_t cp_ = 0;   // code points before pos_
};

// ---------------------------------------------------------------------------
// Tree building.

QueryNode Term(std::string text, size_t offset) {
  QueryNode n;
  n.kind = Kind::kTerm;
  n.text = std::move(text);
  n.offset = offset;
  return n;
}

// An AND or OR of `items` (at least one), flattening items of the same kind
// and dropping the wrapper around a single item.
QueryNode Combine(Kind kind, std::vector<QueryNode> items) {
  if (items.size() == 1) return std::move(items[0]);
  QueryNode n;
  n.kind = kind;
  n.offset = items[0].offset;
  for (QueryNode& item : items) {
    if (item.kind == kind) {
      for (QueryNode& c : item.children) n.children.push_back(std::move(c));
    } else {
      n.children.push_back(std::move(item));
    }
  }
  return n;
}

// True when every node matching `n` must contain some term that is not
// under a NOT, i.e. `n` does not stand for "everything except …".
bool HasPositive(const QueryNode& n) {
  switch (n.kind) {
    case Kind::kTerm:
    case Kind::kNear:
      return true;
    case Kind::kNot:
      return false;
    case Kind::kAnd:
      for (const QueryNode& c : n.children) {
        if (HasPositive(c)) return true;
      }
      return false;
    case Kind::kOr:
      for (const QueryNode& c : n.children) {
        if (!HasPositive(c)) return false;
      }
      return true;
  }
  return false;
}

// The first NOT in `n` in reading order, for messages.
const QueryNode* FirstNot(const QueryNode& n) {
  if (n.kind == Kind::kNot) return &n;
  for (const QueryNode& c : n.children) {
    if (const QueryNode* r = FirstNot(c)) return r;
  }
  return nullptr;
}

void DescribeNode(const QueryNode& n, std::string* out);

std::string Describe(const QueryNode& n) {
  std::string s;
  DescribeNode(n, &s);
  return s;
}

// Every side of '|' and every operand of '-' needs a positive term.
Status CheckPositive(const QueryNode& n) {
  switch (n.kind) {
    case Kind::kTerm:
    case Kind::kNear:
      return Status::Ok();
    case Kind::kNot: {
      const QueryNode& c = n.children[0];
      FZ_RETURN_IF_ERROR(CheckPositive(c));
      if (!HasPositive(c)) {
        return Status::InvalidInput(At(n.offset) + "：- 后面的括号里至少需要一个不带 - 的词");
      }
      return Status::Ok();
    }
    case Kind::kAnd:
      for (const QueryNode& c : n.children) FZ_RETURN_IF_ERROR(CheckPositive(c));
      return Status::Ok();
    case Kind::kOr:
      for (const QueryNode& c : n.children) {
        FZ_RETURN_IF_ERROR(CheckPositive(c));
        if (!HasPositive(c)) {
          const QueryNode* neg = FirstNot(c);
          return Status::InvalidInput(At(c.offset) + "：| 的每一边都至少需要一个不带 - 的词（" +
                                      (neg ? Describe(*neg) : std::string("-")) + " 只表示排除）");
        }
      }
      return Status::Ok();
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// Parser: recursive descent, one token of lookahead. Recursion grows only
// with parentheses, which are capped at kMaxQueryDepth.
//
//   or      := and { '|' and }
//   and     := unary { unary }
//   unary   := filter | '-' primary | near
//   near    := primary [ NEAR/k atom ]     (primary must then be an atom)
//   primary := atom | '(' or ')'
//   atom    := word | phrase

class Parser {
 public:
  explicit Parser(std::string_view s) : lex_(s) {}

  Status Parse(Query* out) {
    FZ_RETURN_IF_ERROR(Advance());
    if (cur_.type == Tok::kEnd) return Status::InvalidInput("查询为空");
    QueryNode root;
    bool has = false;
    FZ_RETURN_IF_ERROR(ParseOr(0, &root, &has));
    if (cur_.type == Tok::kRParen) return StrayRParen();
    if (!has) return Status::InvalidInput("查询只有筛选条件，至少需要一个检索词");
    FZ_RETURN_IF_ERROR(CheckPositive(root));
    if (!HasPositive(root)) {
      const QueryNode* neg = FirstNot(root);
      return Status::InvalidInput("查询至少需要一个不带 - 的词（第 " + std::to_string(neg->offset + 1) +
                                  " 个字符处的 " + Describe(*neg) + " 只表示排除）");
    }
    out->root = std::move(root);
    out->filters = std::move(filters_);
    return Status::Ok();
  }

 private:
  Status Advance() { return lex_.Next(&cur_); }

  Status StrayRParen() const { return Status::InvalidInput(At(cur_.offset) + "的右括号没有对应的左括号"); }

  static bool EndsAnd(Tok t) { return t == Tok::kOr || t == Tok::kRParen || t == Tok::kEnd; }

  // Sets *has to false when there was nothing but filters (or nothing).
  Status ParseOr(int depth, QueryNode* out, bool* has) {
    std::vector<QueryNode> branches;
    size_t last_or = 0;
    while (true) {
      QueryNode branch;
      bool branch_has = false, only_filters = false;
      FZ_RETURN_IF_ERROR(ParseAnd(depth, &branch, &branch_has, &only_filters));
      if (!branch_has) {
        if (depth == 0 && cur_.type == Tok::kRParen) return StrayRParen();
        const std::string note = only_filters ? "（筛选条件不算）" : "";
        if (cur_.type == Tok::kOr && branches.empty()) {
          return Status::InvalidInput(At(cur_.offset) + "的 | 前面缺少词" + note);
        }
        if (!branches.empty()) return Status::InvalidInput(At(last_or) + "的 | 后面缺少词" + note);
        *has = false;  // an empty group or a query of filters only: the caller knows which
        return Status::Ok();
      }
      branches.push_back(std::move(branch));
      if (cur_.type != Tok::kOr) break;
      last_or = cur_.offset;
      FZ_RETURN_IF_ERROR(Advance());
    }
    *out = Combine(Kind::kOr, std::move(branches));
    *has = true;
    return Status::Ok();
  }

  Status ParseAnd(int depth, QueryNode* out, bool* has, bool* only_filters) {
    std::vector<QueryNode> items;
    bool saw_filter = false;
    while (!EndsAnd(cur_.type)) {
      if (cur_.type == Tok::kFilter) {
        FZ_RETURN_IF_ERROR(AddFilter(depth));
        saw_filter = true;
        continue;
      }
      QueryNode item;
      FZ_RETURN_IF_ERROR(ParseUnary(depth, &item));
      items.push_back(std::move(item));
    }
    *has = !items.empty();
    *only_filters = items.empty() && saw_filter;
    if (*has) *out = Combine(Kind::kAnd, std::move(items));
    return Status::Ok();
  }

  Status AddFilter(int depth) {
    if (depth > 0) {
      return Status::InvalidInput(At(cur_.offset) + "的筛选条件 " + cur_.raw +
                                  " 不能放在括号里（筛选条件总是作用于整个查询，请写在括号外）");
    }
    std::vector<std::string>* values = FilterField(filters_, cur_.field);
    bool seen = false;
    for (const std::string& v : *values) seen = seen || v == cur_.text;
    if (!seen) values->push_back(std::move(cur_.text));
    return Advance();
  }

  Status ParseUnary(int depth, QueryNode* out) {
    switch (cur_.type) {
      case Tok::kNear:
        return Status::InvalidInput(At(cur_.offset) + "的 " + cur_.text + " 左边缺少词");
      case Tok::kNot: {
        const size_t not_offset = cur_.offset;
        FZ_RETURN_IF_ERROR(Advance());
        if (cur_.type == Tok::kFilter) {
          return Status::InvalidInput(At(not_offset) + "的 - 不能用在筛选条件前面（筛选条件 " + cur_.raw +
                                      " 只能限定范围，不能排除）");
        }
        if (cur_.type != Tok::kWord && cur_.type != Tok::kPhrase && cur_.type != Tok::kLParen) {
          return Status::InvalidInput(At(not_offset) + "的 - 后面缺少要排除的词");
        }
        QueryNode operand;
        bool group = false;
        FZ_RETURN_IF_ERROR(ParsePrimary(depth, &operand, &group));
        if (cur_.type == Tok::kNear) {
          return Status::InvalidInput(At(cur_.offset) + "的 " + cur_.text +
                                      " 左边不能是带 - 的词；要排除两词相邻出现，请写成 -(甲 " + cur_.text +
                                      " 乙)");
        }
        out->kind = Kind::kNot;
        out->offset = not_offset;
        out->children.push_back(std::move(operand));
        return Status::Ok();
      }
      default:
        break;
    }
    QueryNode left;
    bool group = false;
    FZ_RETURN_IF_ERROR(ParsePrimary(depth, &left, &group));
    if (cur_.type != Tok::kNear) {
      *out = std::move(left);
      return Status::Ok();
    }
    const Token near = cur_;
    if (group) {
      return Status::InvalidInput(At(near.offset) + "的 " + near.text +
                                  " 左边必须是一个词或引号短语，不能是括号");
    }
    FZ_RETURN_IF_ERROR(Advance());
    if (cur_.type != Tok::kWord && cur_.type != Tok::kPhrase) {
      if (EndsAnd(cur_.type)) return Status::InvalidInput(At(near.offset) + "的 " + near.text + " 右边缺少词");
      return Status::InvalidInput(At(near.offset) + "的 " + near.text +
                                  " 右边必须是一个词或引号短语（不能是括号、带 - 的词或筛选条件）");
    }
    QueryNode right = Term(std::move(cur_.text), cur_.offset);
    FZ_RETURN_IF_ERROR(Advance());
    if (cur_.type == Tok::kNear) {
      return Status::InvalidInput(At(cur_.offset) + "：NEAR 不能连用，一个 NEAR 只连接两个词（可以写成 甲 " +
                                  near.text + " 乙 乙 " + cur_.text + " 丙）");
    }
    out->kind = Kind::kNear;
    out->distance = near.distance;
    out->offset = left.offset;
    out->children.push_back(std::move(left));
    out->children.push_back(std::move(right));
    return Status::Ok();
  }

  // At a word, phrase or '('.
  Status ParsePrimary(int depth, QueryNode* out, bool* group) {
    *group = false;
    if (cur_.type == Tok::kWord || cur_.type == Tok::kPhrase) {
      *out = Term(std::move(cur_.text), cur_.offset);
      return Advance();
    }
    // kLParen: the only other token callers let through.
    const size_t open = cur_.offset;
    if (depth + 1 > kMaxQueryDepth) {
      return Status::InvalidInput(At(open) + "的括号嵌套超过 " + std::to_string(kMaxQueryDepth) + " 层");
    }
    FZ_RETURN_IF_ERROR(Advance());
    bool has = false;
    FZ_RETURN_IF_ERROR(ParseOr(depth + 1, out, &has));
    if (cur_.type == Tok::kEnd) return Status::InvalidInput(At(open) + "的左括号没有闭合");
    if (!has) return Status::InvalidInput(At(open) + "的括号里没有内容");
    *group = true;
    return Advance();  // past ')'
  }

  Lexer lex_;
  Token cur_;
  Filters filters_;
};

// ---------------------------------------------------------------------------
// Describing.

bool ContainsDelimiter(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (IsDelimiter(text::NextCodePoint(s, i))) return true;
  }
  return false;
}

// Whether `term`, written bare, would read as something other than itself.
bool TermNeedsQuotes(std::string_view term) {
  if (term.empty() || ContainsDelimiter(term) || IsNearKeyword(term)) return true;
  if (FieldPrefixLength(term) > 0) return true;
  size_t i = 0;
  return IsMinus(text::NextCodePoint(term, i));
}

// Quotes with "…", or with “…” when the text holds '"'.
void AppendQuoted(std::string_view s, std::string* out) {
  const bool curly = s.find('"') != std::string_view::npos;
  *out += curly ? "“" : "\"";
  *out += s;
  *out += curly ? "”" : "\"";
}

void AppendTerm(std::string_view term, std::string* out) {
  if (TermNeedsQuotes(term)) {
    AppendQuoted(term, out);
  } else {
    *out += term;
  }
}

void DescribeNode(const QueryNode& n, std::string* out) {
  switch (n.kind) {
    case Kind::kTerm:
      AppendTerm(n.text, out);
      return;
    case Kind::kNear:
      if (n.children.size() != 2) return;
      AppendTerm(n.children[0].text, out);
      *out += " NEAR/" + std::to_string(n.distance) + " ";
      AppendTerm(n.children[1].text, out);
      return;
    case Kind::kNot: {
      if (n.children.empty()) return;
      const QueryNode& c = n.children[0];
      *out += "-";
      if (c.kind == Kind::kTerm) {
        AppendTerm(c.text, out);
      } else {
        *out += "(";
        DescribeNode(c, out);
        *out += ")";
      }
      return;
    }
    case Kind::kAnd:
      for (size_t i = 0; i < n.children.size(); ++i) {
        if (i > 0) *out += " ";
        const QueryNode& c = n.children[i];
        const bool paren = c.kind == Kind::kOr || c.kind == Kind::kAnd;
        if (paren) *out += "(";
        DescribeNode(c, out);
        if (paren) *out += ")";
      }
      return;
    case Kind::kOr:
      for (size_t i = 0; i < n.children.size(); ++i) {
        if (i > 0) *out += " | ";
        const QueryNode& c = n.children[i];
        const bool paren = c.kind == Kind::kOr;
        if (paren) *out += "(";
        DescribeNode(c, out);
        if (paren) *out += ")";
      }
      return;
  }
}

void AppendFilters(std::string_view field, const std::vector<std::string>& values, std::string* out) {
  for (const std::string& v : values) {
    if (!out->empty()) *out += " ";
    *out += field;
    *out += ":";
    if (v.empty() || ContainsDelimiter(v)) {
      AppendQuoted(v, out);
    } else {
      *out += v;
    }
  }
}

}  // namespace

Status ParseQuery(std::string_view input, Query* out) {
  if (const size_t bad = text::FindInvalidUtf8(input); bad != text::kValid) {
    return Status::InvalidInput("查询第 " + std::to_string(bad) + " 字节处（第 " +
                                std::to_string(text::CountCodePoints(input.substr(0, bad)) + 1) +
                                " 个字符）不是有效的 UTF-8 编码");
  }
  Parser parser(input);
  return parser.Parse(out);
}

std::string DescribeQuery(const Query& q) {
  std::string s;
  DescribeNode(q.root, &s);
  AppendFilters("work", q.filters.work, &s);
  AppendFilters("kind", q.filters.kind, &s);
  AppendFilters("region", q.filters.region, &s);
  AppendFilters("dynasty", q.filters.dynasty, &s);
  AppendFilters("edition", q.filters.edition, &s);
  return s;
}

}  // namespace fangzhi::search
