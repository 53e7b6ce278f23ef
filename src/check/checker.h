// The check component's entry point: rules in, findings out.
//
//   RuleSet rules;  LoadBuiltinRules(&rules);  ApplyOfficeConfig(config, &rules);
//   std::unique_ptr<Checker> c;  Checker::Create(std::move(rules), &c);
//   c->Check(doc, {.kind = "yearbook"}, &findings);
//
// A Checker is immutable after Create except for its Hyperscan scratch
// space: use one per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "check/finding.h"
#include "check/rule.h"
#include "model/document.h"

namespace fangzhi::check {

struct CheckOptions {
  std::string kind{};     // "yearbook", "gazetteer"; empty: from the work's kind (志书 → gazetteer, else yearbook)
  std::string edition{};  // empty: the base edition
  // The 断限 ("2024", "1986-2005") and the book's place (示例县) for input
  // that cannot carry them, a Word or plain-text manuscript. Which one
  // counts: `period`/`place` (--period, --place), then the manuscript's own
  // metadata, then `default_period`/`default_place` (office config), then
  // for the period a yearbook title with its year (…年鉴（2025） → 2024).
  std::string period{};
  std::string place{};
  std::string default_period{};
  std::string default_place{};
  // "markdown", "docx", "text", or "" (a work in the library): NJ-PERIOD
  // tells the user how to give the period for this kind of input.
  std::string input_format{};
};

// The first and last year of a period written "2024", "1986-2005" or
// "1986—2005年"; false when it names no four-digit year.
bool ParsePeriod(std::string_view period, int* first, int* last);

// The year a yearbook's title carries after 年鉴: "示例县年鉴（2025）",
// "示例县年鉴2025", "示例县年鉴(2025)"; 0 when there is none.
int YearbookTitleYear(std::string_view title);

std::string KindOfWork(const model::Work& work);

class LexicalMatcher;

class Checker {
 public:
  ~Checker();
  // Validates structural parameters and compiles the lexical rules.
  static Status Create(RuleSet rules, std::unique_ptr<Checker>* out);

  // Findings in reading order: book-level first, then by node and offset.
  Status Check(const model::Document& doc, const CheckOptions& options, std::vector<Finding>* out);

  const RuleSet& rules() const { return rules_; }

 private:
  Checker() = default;
  RuleSet rules_;
  std::unique_ptr<LexicalMatcher> matcher_;
  std::vector<const Rule*> word_rules_;  // structural rules whose words the matcher finds, by list
};

}  // namespace fangzhi::check
