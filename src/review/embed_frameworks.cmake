# Writes frameworks_data.cc: each frameworks/*.yaml as a raw string literal,
# so that `fangzhi review` needs no files beside the binary. Run by the build:
#   cmake -DDIR=frameworks -DOUT=frameworks_data.cc -P embed_frameworks.cmake
file(GLOB names RELATIVE "${DIR}" "${DIR}/*.yaml")
list(SORT names)
set(items "")
foreach(name IN LISTS names)
  file(READ "${DIR}/${name}" content)
  string(FIND "${content}" ")fzdata\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${DIR}/${name} contains the raw-string delimiter )fzdata\"")
  endif()
  string(APPEND items "      {\"${name}\", R\"fzdata(${content})fzdata\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from frameworks/*.yaml by src/review/embed_frameworks.cmake; do not edit.
#include \"review/embedded_data.h\"

namespace fangzhi::review {

std::string_view EmbeddedDataFile(std::string_view name) {
  static constexpr struct {
    std::string_view name;
    std::string_view text;
  } kFiles[] = {
${items}  };
  for (const auto& f : kFiles) {
    if (f.name == name) return f.text;
  }
  return {};
}

}  // namespace fangzhi::review
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
