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
#include <vector>

#include "base/status.h"
#include "check/finding.h"
#include "check/rule.h"
#include "model/document.h"

namespace fangzhi::check {

struct CheckOptions {
  std::string kind;     // "yearbook", "gazetteer"; empty: from the work's kind (志书 → gazetteer, else yearbook)
  std::string edition;  // empty: the base edition
};

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
