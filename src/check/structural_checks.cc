#include "check/structural_checks.h"

#include <charconv>

namespace fangzhi::check {

namespace {

Status ValidateTitleLength(const Rule& r) { return ValidateIntParam(r, "max_chars", 4, 200); }
Status ValidateChronicle(const Rule& r) { return ValidateIntParam(r, "min_chars", 0, 200); }
Status ValidateLevels(const Rule& r) {
  FZ_RETURN_IF_ERROR(ValidateIntParam(r, "min_levels", 1, 9));
  return ValidateIntParam(r, "max_levels", 1, 9);
}

const std::vector<StructuralCheckSpec>& Registry() {
  static const std::vector<StructuralCheckSpec> kChecks = {
      {"title_length", {"max_chars"}, CheckTitleLength, ValidateTitleLength},
      {"title_punctuation", {"marks"}, CheckTitlePunctuation, nullptr},
      {"outline_levels", {"min_levels", "max_levels"}, CheckOutlineLevels, ValidateLevels},
      {"required_sections", {"required"}, CheckRequiredSections, nullptr},
      {"section_order", {"order"}, CheckSectionOrder, nullptr},
      {"empty_sections", {}, CheckEmptySections, nullptr},
      {"missing_period", {}, CheckMissingPeriod, nullptr},
      {"chronicle_order", {"sections"}, CheckChronicleOrder, nullptr},
      {"chronicle_elements", {"sections", "place_words", "min_chars"}, CheckChronicleElements, ValidateChronicle},
      {"paired_marks", {}, CheckPairedMarks, nullptr},
      {"table_decimals", {}, CheckTableDecimals, nullptr},
      {"out_of_period", {}, CheckOutOfPeriod, nullptr},
      {"calendar_dates", {}, CheckCalendarDates, nullptr},
      {"foreign_abbreviations", {"known"}, CheckForeignAbbreviations, nullptr},
      {"figure_consistency", {"indicators"}, CheckFigureConsistency, nullptr, FigureConsistencyWords},
      {"abbreviation_before_definition", {}, CheckAbbreviationBeforeDefinition, nullptr},
      {"abbreviation_conflicts", {}, CheckAbbreviationConflicts, nullptr},
      {"unit_name_mix", {"pairs"}, CheckUnitNameMix, nullptr, UnitNameMixWords},
      {"historical_names", {"names"}, CheckHistoricalNames, ValidateHistoricalNames, HistoricalNamesWords},
      {"first_use_gloss", {"words", "gloss", "quoted_numeric", "known"}, CheckFirstUseGloss, ValidateGloss,
       FirstUseGlossWords},
      {"minor_names", {"descriptors", "surnames", "max_age"}, CheckMinorNames, ValidateMinorNames, MinorNamesWords},
      {"entry_elements", {"time_words", "exempt_titles"}, CheckEntryElements, nullptr},
      {"entry_units", {"markers"}, CheckEntryUnits, nullptr},
      {"table_titles", {}, CheckTableTitles, nullptr},
  };
  return kChecks;
}

}  // namespace

const StructuralCheckSpec* FindStructuralCheck(std::string_view name) {
  for (const auto& c : Registry()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::string StructuralCheckNames() {
  std::string out;
  for (const auto& c : Registry()) {
    if (!out.empty()) out += "、";
    out += c.name;
  }
  return out;
}

const std::vector<std::string>* Param(const Rule& rule, const std::string& key) {
  auto it = rule.params.find(key);
  return it == rule.params.end() ? nullptr : &it->second;
}

std::vector<std::string> ParamList(const Rule& rule, const std::string& key, std::vector<std::string> fallback) {
  const auto* p = Param(rule, key);
  return p ? *p : std::move(fallback);
}

int ParamInt(const Rule& rule, const std::string& key, int fallback) {
  const auto* p = Param(rule, key);
  if (!p || p->size() != 1) return fallback;
  int v = 0;
  const std::string& s = p->front();
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && ptr == s.data() + s.size() ? v : fallback;
}

Status ParamError(const Rule& rule, const std::string& key, const std::string& what) {
  auto it = rule.key_lines.find("params." + key);
  const int line = it == rule.key_lines.end() ? rule.line : it->second;
  auto f = rule.key_files.find("params." + key);
  const std::string& file = f == rule.key_files.end() ? rule.file : f->second;
  return Status::InvalidInput(file + " 第 " + std::to_string(line) + " 行（规则 " + rule.id + "）：参数 " + key +
                              " " + what);
}

Status ValidateIntParam(const Rule& rule, const std::string& key, int lo, int hi) {
  const auto* p = Param(rule, key);
  if (!p) return Status::Ok();
  int v = 0;
  const std::string s = p->size() == 1 ? p->front() : "";
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (p->size() != 1 || ec != std::errc() || ptr != s.data() + s.size() || v < lo || v > hi) {
    return ParamError(rule, key, "必须是 " + std::to_string(lo) + "~" + std::to_string(hi) + " 之间的整数");
  }
  return Status::Ok();
}

}  // namespace fangzhi::check
