# Turns rules/*.yaml into embedded_rules_data.cc, run by the build:
#   cmake -DDIR=rules -DOUT=embedded_rules_data.cc -P embed_rules.cmake
# Bytes, not string literals: packs may outgrow what a compiler must accept
# in one literal, and bytes need no escaping.
file(GLOB packs RELATIVE "${DIR}" "${DIR}/*.yaml")
list(SORT packs)
if(NOT packs)
  message(FATAL_ERROR "${DIR}: no rule packs (*.yaml)")
endif()
set(arrays "")
set(entries "")
set(i 0)
foreach(pack IN LISTS packs)
  file(READ "${DIR}/${pack}" hex HEX)
  string(LENGTH "${hex}" hexlen)
  math(EXPR bytes "${hexlen} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
  string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){32})" "\\1\n" body "${body}")
  string(APPEND arrays "const unsigned char kPack${i}[] = {\n${body}0};\n")
  string(APPEND entries "      {\"${pack}\", std::string_view(reinterpret_cast<const char*>(kPack${i}), ${bytes})},\n")
  math(EXPR i "${i} + 1")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from rules/*.yaml by src/check/embed_rules.cmake; do not edit.
#include \"check/embedded_rules.h\"

namespace fangzhi::check {

namespace {
${arrays}}  // namespace

const std::vector<EmbeddedPack>& EmbeddedRulePacks() {
  static const std::vector<EmbeddedPack> kPacks = {
${entries}  };
  return kPacks;
}

}  // namespace fangzhi::check
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
