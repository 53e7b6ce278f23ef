// Checks that need more than a pattern: the node tree (levels, required
// 类目, order), a 大事记's dates, a 条目 title's length, the whole book (one
// name, one figure). A rule names one with `check:` and sets its params;
// the registry says which params each check takes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "check/document_context.h"
#include "check/rule.h"

namespace fangzhi::check {

using StructuralCheckFn = void (*)(const Rule& rule, FindingSink* sink);
using StructuralValidateFn = Status (*)(const Rule& rule);
using StructuralWordsFn = std::vector<std::string> (*)(const Rule& rule);

struct StructuralCheckSpec {
  std::string name;
  std::vector<std::string> params;
  StructuralCheckFn run = nullptr;
  StructuralValidateFn validate = nullptr;  // checks param values; may be null
  // The words the check looks for in the text, found for it by the lexical
  // pass (DocContext::WordHits, hit.word indexes this list); may be null.
  StructuralWordsFn words = nullptr;
};

const StructuralCheckSpec* FindStructuralCheck(std::string_view name);
std::string StructuralCheckNames();  // "title_length、…" for messages

// Parameter helpers shared by the checks.
const std::vector<std::string>* Param(const Rule& rule, const std::string& key);
std::vector<std::string> ParamList(const Rule& rule, const std::string& key, std::vector<std::string> fallback);
int ParamInt(const Rule& rule, const std::string& key, int fallback);
// An error naming the rule and the param's line.
Status ParamError(const Rule& rule, const std::string& key, const std::string& what);
Status ValidateIntParam(const Rule& rule, const std::string& key, int lo, int hi);

// The checks, one file per concern.
void CheckTitleLength(const Rule& rule, FindingSink* sink);
void CheckTitlePunctuation(const Rule& rule, FindingSink* sink);
void CheckOutlineLevels(const Rule& rule, FindingSink* sink);
void CheckRequiredSections(const Rule& rule, FindingSink* sink);
void CheckSectionOrder(const Rule& rule, FindingSink* sink);
void CheckEmptySections(const Rule& rule, FindingSink* sink);
void CheckMissingPeriod(const Rule& rule, FindingSink* sink);
void CheckChronicleOrder(const Rule& rule, FindingSink* sink);
void CheckChronicleElements(const Rule& rule, FindingSink* sink);
void CheckPairedMarks(const Rule& rule, FindingSink* sink);
void CheckTableDecimals(const Rule& rule, FindingSink* sink);
// date_checks.cc
void CheckOutOfPeriod(const Rule& rule, FindingSink* sink);
void CheckCalendarDates(const Rule& rule, FindingSink* sink);
void CheckForeignAbbreviations(const Rule& rule, FindingSink* sink);
void CheckFigureConsistency(const Rule& rule, FindingSink* sink);
void CheckAbbreviationBeforeDefinition(const Rule& rule, FindingSink* sink);
void CheckAbbreviationConflicts(const Rule& rule, FindingSink* sink);
void CheckUnitNameMix(const Rule& rule, FindingSink* sink);
std::vector<std::string> FigureConsistencyWords(const Rule& rule);
std::vector<std::string> UnitNameMixWords(const Rule& rule);
// context_checks.cc
void CheckHistoricalNames(const Rule& rule, FindingSink* sink);
void CheckFirstUseGloss(const Rule& rule, FindingSink* sink);
void CheckMinorNames(const Rule& rule, FindingSink* sink);
Status ValidateHistoricalNames(const Rule& rule);
Status ValidateGloss(const Rule& rule);
Status ValidateMinorNames(const Rule& rule);
std::vector<std::string> HistoricalNamesWords(const Rule& rule);
std::vector<std::string> FirstUseGlossWords(const Rule& rule);
std::vector<std::string> MinorNamesWords(const Rule& rule);
// entry_checks.cc
void CheckEntryElements(const Rule& rule, FindingSink* sink);
void CheckEntryUnits(const Rule& rule, FindingSink* sink);
void CheckTableTitles(const Rule& rule, FindingSink* sink);

}  // namespace fangzhi::check
