// An office's own settings on top of the rule packs (docs/checks.md):
// disable or enable rules, change severities and parameters (条目标题 15,
// 16 or 18 字), add words, replacements and exceptions, set the severity that
// fails a check. YAML (.yaml, .yml) or TOML (.toml), the same keys in both.
// A rule id the packs do not know is an error naming the file and line.
#pragma once

#include <filesystem>
#include <string>

#include "base/status.h"
#include "check/finding.h"
#include "check/rule.h"

namespace fangzhi::check {

struct OfficeSettings {
  Severity fail_on = Severity::kWarning;  // exit 1 when a finding is at or above this
  std::string kind;                       // default --kind, "" when not set
  // The 断限 and place for manuscripts that do not give them (Word,
  // plain text): below --period/--place and the manuscript's own metadata.
  std::string period;  // "2024", "1986-2005"; "" when not set
  std::string place;   // 示例县; "" when not set
};

// Reads `path` and applies it to `rules` (unchanged on error).
Status ApplyOfficeConfig(const std::filesystem::path& path, RuleSet* rules, OfficeSettings* settings);

// The same, from text; `name` is used in messages and its extension picks the syntax.
Status ApplyOfficeConfigText(const std::string& name, const std::string& text, RuleSet* rules,
                             OfficeSettings* settings);

}  // namespace fangzhi::check
