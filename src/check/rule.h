// A rule as the packs under rules/ declare it: data, not code. A lexical
// rule lists literals and/or Hyperscan regexes plus the context that must or
// must not surround a match; a structural rule names a check implemented in
// C++ (structural_checks.h) and gives it parameters.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "check/finding.h"

namespace fangzhi::check {

// Where in a node a rule looks.
enum Scope : unsigned {
  kScopeBody = 1,        // block text (paragraphs, tables, footnotes, notes, captions)
  kScopeTitle = 2,       // every node title, and the 【…】 title of an entry paragraph
  kScopeEntryTitle = 4,  // only 条目 titles: nodes of level 条目 and 【…】 titles
};

// An example from the pack; the test suite runs every one.
struct RuleExample {
  enum class Form {
    kText,      // one paragraph in a 条目
    kTitle,     // the title of a 条目
    kMarkdown,  // a whole manuscript body (the test adds front matter)
  };
  Form form = Form::kText;
  std::string text;
  std::string excerpt;  // for a firing example: some finding must have exactly this excerpt
  std::string kind;     // yearbook / gazetteer; default: the rule's first kind
  int line = 0;         // in the pack file
};

struct Rule {
  std::string id;
  std::string file;  // the pack file it came from
  int line = 0;      // where its entry starts
  Category category = Category::kStyle;
  Severity severity = Severity::kWarning;
  bool enabled = true;
  std::string message;
  std::string suggestion;
  std::string source;  // the standard or code, and the clause

  std::set<std::string> kinds;  // "yearbook", "gazetteer"; empty = both
  unsigned scope = kScopeBody | kScopeTitle;
  std::set<std::string> blocks;   // block kinds looked at ("text", "table", …); empty = all
  std::vector<std::string> within;   // only in nodes whose own or an ancestor's title contains one of these
  std::vector<std::string> outside;  // never in such nodes
  bool list_items = true;            // false: list items (a list under a lead sentence) are left alone

  // Lexical part.
  std::vector<std::string> literals;
  std::map<std::string, std::string> replacements;  // literal → what to write instead
  std::vector<std::string> patterns;                // Hyperscan regexes (UTF-8, UCP)
  int trim_left = 0;                                // code points dropped from the match's ends
  int trim_right = 0;
  // ICU regexes on the text of the same segment: `before` must match
  // ending where the match starts, `after` must match starting where it
  // ends; `not_*` must not.
  std::string before, not_before, after, not_after;
  std::vector<std::string> inside;  // quotation, book_title, parenthesis: a match inside is not reported
  std::vector<std::string> exception_words;     // a match overlapping one of these is not reported
  std::vector<std::string> exception_patterns;  // Hyperscan regexes, same rule
  bool unless_defined = false;  // not reported when the book defines the excerpt as an abbreviation

  // Structural part.
  std::string check;  // name of a structural check; empty for a lexical rule
  std::map<std::string, std::vector<std::string>> params;

  // Line in the pack of each key ("patterns", "before", …) and of each
  // pattern, so that a broken one is reported where it is written.
  std::map<std::string, int> key_lines;
  std::map<std::string, std::string> key_files;  // when an office config set the key, its file
  std::vector<int> pattern_lines;
  std::vector<int> exception_pattern_lines;

  std::vector<RuleExample> fire;
  std::vector<RuleExample> no_fire;

  bool lexical() const { return check.empty(); }
  // "rules/style.yaml 第 12 行（规则 STY-NEWS）" for messages.
  std::string Where() const;
};

struct RuleSet {
  std::vector<Rule> rules;
  std::vector<std::string> files;  // packs read, in order

  Rule* Find(const std::string& id);
  const Rule* Find(const std::string& id) const;
};

}  // namespace fangzhi::check
