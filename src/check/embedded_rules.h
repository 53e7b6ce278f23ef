// The rule packs of rules/*.yaml, compiled into the binary at build time
// (embed_rules.cmake), so that `fangzhi check` needs no files beside it.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace fangzhi::check {

struct EmbeddedPack {
  const char* name;       // file name within rules/
  std::string_view text;  // the YAML, verbatim
};

const std::vector<EmbeddedPack>& EmbeddedRulePacks();

}  // namespace fangzhi::check
