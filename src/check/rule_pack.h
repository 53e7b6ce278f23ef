// Reading rule packs (YAML files under rules/) into a RuleSet. Every key is
// checked: an unknown key, a missing field, a bad category or a duplicate id
// is an error naming the file, the line and the rule.
#pragma once

#include <filesystem>
#include <string>

#include "base/status.h"
#include "check/rule.h"

namespace fangzhi::check {

// The packs built into the binary (the rules/ folder at build time).
Status LoadBuiltinRules(RuleSet* out);

// A pack file, or every *.yaml / *.yml in a folder (in name order).
Status LoadRulePacks(const std::filesystem::path& path, RuleSet* out);

// One pack from text; `name` is used in messages. Appends to `out`.
Status ParseRulePack(const std::string& name, const std::string& yaml, RuleSet* out);

}  // namespace fangzhi::check
