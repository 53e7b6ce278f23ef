// The lexical rules, compiled into one Hyperscan database and run over a
// node's text in one pass. Each raw match is then narrowed (trim), checked
// against its context (ICU regexes for what must or must not come before or
// after) and against the rule's exceptions (enclosing quotation, book title
// or parenthesis; overlapping exception words or patterns), and reported.
//
// Hyperscan has no look-around and reports only where a match ends, so:
// fixed-width patterns get their start from the width; a variable-width
// one is scanned without start of match, and only the segments where it
// matched are scanned again with that pattern alone compiled with
// HS_FLAG_SOM_LEFTMOST (tracking the start in the big database made the
// whole scan several times slower); context that would need look-behind
// lives in `before` / `not_before`.
//
// The same pass finds the words structural checks look for
// (StructuralCheckSpec::words) and hands them back per node.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "base/status.h"
#include "check/document_context.h"
#include "check/rule.h"

namespace fangzhi::check {

// The words of one structural rule (StructuralCheckSpec::words).
struct WordList {
  const Rule* rule = nullptr;
  std::vector<std::string> words;
};

class LexicalMatcher {
 public:
  ~LexicalMatcher();
  LexicalMatcher(const LexicalMatcher&) = delete;
  LexicalMatcher& operator=(const LexicalMatcher&) = delete;

  // Compiles every enabled lexical rule of `rules` (which must outlive the
  // matcher) and the word lists. A broken pattern is an error naming the
  // rule, its file and line. The compiled databases are kept in, and taken
  // from, `cache_dir` (compiled_database_cache.h; empty: no cache).
  static Status Compile(const RuleSet& rules, const std::vector<WordList>& word_lists,
                        const std::filesystem::path& cache_dir, std::unique_ptr<LexicalMatcher>* out);

  // Matches node `node` of `ctx` and reports through `sink`; appends the
  // occurrences of list l's words to (*word_hits)[l] (sized by the caller,
  // empty) and sorts them by byte, then word. Not thread-safe (one scratch space per matcher):
  // use one matcher per thread.
  void Run(const DocContext& ctx, size_t node, FindingSink* sink, std::vector<std::vector<WordHit>>* word_hits);

  size_t pattern_count() const;

  struct Impl;

 private:
  explicit LexicalMatcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace fangzhi::check
