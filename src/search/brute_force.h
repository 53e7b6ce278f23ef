// The reference answer: the folded search text of every node held in
// memory and scanned for a term. Slow by design; the index must return the
// same occurrences for every query (tests and benchmarks compare).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/library.h"

namespace fangzhi::search {

struct BruteForceCount {
  uint64_t occurrences = 0;  // overlapping occurrences, as the index counts
  uint64_t nodes = 0;
  std::map<std::string, uint64_t> per_work;
  // The first hits in corpus order, with `window` folded characters each
  // side (a KWIC page, as the baseline of a benchmark must produce it too).
  std::vector<std::u32string> kwic;
};

class BruteForceCorpus {
 public:
  // Loads every node of every work; `base_only` keeps the base editions
  // (the searcher's default scope).
  Status Load(store::Library* lib, bool base_only);
  // `folded` is a term already folded (text::FoldForSearch).
  BruteForceCount Count(const std::u32string& folded, size_t kwic_lines = 0, size_t window = 20) const;
  uint64_t units() const;

 private:
  struct Node {
    std::string work;
    std::u32string units;
  };
  std::vector<Node> nodes_;
};

}  // namespace fangzhi::search
