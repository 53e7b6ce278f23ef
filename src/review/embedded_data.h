// The files of frameworks/ (frameworks and error weights), compiled in by
// embed_frameworks.cmake.
#pragma once

#include <string_view>

namespace fangzhi::review {

// The text of frameworks/<name> as it was at build time; empty when absent.
std::string_view EmbeddedDataFile(std::string_view name);

}  // namespace fangzhi::review
