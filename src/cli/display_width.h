// Terminal column width of text: Han, kana, hangul and full-width forms
// take two columns. Used to align the CLI's tables.
#pragma once

#include <string>
#include <string_view>

namespace fangzhi::cli {

size_t DisplayWidth(std::string_view utf8);
// `s` padded with spaces to `width` columns (never cut).
std::string PadRight(std::string_view s, size_t width);

}  // namespace fangzhi::cli
