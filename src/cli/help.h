// Help texts, Chinese first, then English.
#pragma once

#include <string>

namespace fangzhi::cli {

std::string MainHelp();
// Help for one command, or "" if there is no such command.
std::string CommandHelp(const std::string& command);

}  // namespace fangzhi::cli
