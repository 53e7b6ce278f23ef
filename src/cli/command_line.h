// The parsed command line: global options, the subcommand, its flags and
// positional arguments. Flags are declared per command so that an unknown
// flag or a missing value is reported, never ignored.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"

namespace fangzhi::cli {

struct CommandLine {
  std::string data_dir = "./fangzhi-data";
  std::string command;  // "" when none given
  bool help = false;
  std::map<std::string, std::string> values;  // --format txt, -o FILE
  std::set<std::string> switches;             // --json, --replace
  std::vector<std::string> args;

  bool Has(const std::string& flag) const { return switches.count(flag) > 0; }
  std::string Value(const std::string& flag, const std::string& fallback = "") const {
    auto it = values.find(flag);
    return it == values.end() ? fallback : it->second;
  }
};

struct CommandSpec {
  const char* name;
  std::set<std::string> value_flags;   // take an argument
  std::set<std::string> switch_flags;  // stand alone
};

// Known commands and their flags.
const std::vector<CommandSpec>& Commands();

Status ParseCommandLine(int argc, char** argv, CommandLine* out);

}  // namespace fangzhi::cli
