# Turns data/fold-table.tsv into fold_table_data.cc, run by the build:
#   cmake -DIN=fold-table.tsv -DOUT=fold_table_data.cc -P embed_fold_table.cmake
# Only the mapping lines ("U+6771<TAB>U+4E1C<TAB>opencc") are read; the
# source tag is for people and is dropped.
file(STRINGS "${IN}" lines REGEX "^U\\+")
set(body "")
set(count 0)
foreach(line IN LISTS lines)
  if(NOT line MATCHES "^U\\+([0-9A-F]+)\tU\\+([0-9A-F]+)\t[a-z]+$")
    message(FATAL_ERROR "${IN}: malformed line: ${line}")
  endif()
  string(APPEND body "    {0x${CMAKE_MATCH_1}, 0x${CMAKE_MATCH_2}},\n")
  math(EXPR count "${count} + 1")
endforeach()
if(count EQUAL 0)
  message(FATAL_ERROR "${IN}: no mappings")
endif()
file(WRITE "${OUT}" "// Generated from data/fold-table.tsv by src/text/embed_fold_table.cmake; do not edit.
#include \"text/fold_table_data.h\"

namespace fangzhi::text::internal {

extern const FoldPair kFoldPairs[] = {
${body}};
extern const size_t kFoldPairCount = ${count};

}  // namespace fangzhi::text::internal
")
