// Writing a command's output: to stdout, or to a file by write-then-rename
// so that a failed export never leaves half a file behind.
#pragma once

#include <string>

#include "base/status.h"

namespace fangzhi::cli {

// `path` empty or "-": standard output.
Status WriteOutput(const std::string& path, const std::string& content);

}  // namespace fangzhi::cli
