// The fold table as compiled in: fold_table_data.cc is generated at build
// time from data/fold-table.tsv by embed_fold_table.cmake. Only fold.cc
// reads it.
#pragma once

#include <cstddef>

namespace fangzhi::text::internal {

struct FoldPair {
  char32_t from;
  char32_t to;
};

// Sorted by `from`, no duplicates.
extern const FoldPair kFoldPairs[];
extern const size_t kFoldPairCount;

}  // namespace fangzhi::text::internal
