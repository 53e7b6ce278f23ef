#include "check/checker.h"

#include <algorithm>

#include "check/compiled_database_cache.h"
#include "check/document_context.h"
#include "check/lexical_matcher.h"
#include "check/structural_checks.h"

namespace fangzhi::check {

std::string KindOfWork(const model::Work& work) {
  return work.kind == model::kKindGazetteer ? "gazetteer" : "yearbook";
}

bool ParsePeriod(std::string_view period, int* first, int* last) {
  auto digit = [&](size_t i) { return i < period.size() && period[i] >= '0' && period[i] <= '9'; };
  std::vector<int> years;
  for (size_t i = 0; i < period.size();) {
    if (!digit(i)) {
      ++i;
      continue;
    }
    size_t j = i;
    while (digit(j)) ++j;
    if (j - i == 4) years.push_back(std::stoi(std::string(period.substr(i, 4))));
    i = j;
  }
  if (years.empty()) return false;
  *first = *std::min_element(years.begin(), years.end());
  *last = *std::max_element(years.begin(), years.end());
  return true;
}

int YearbookTitleYear(std::string_view title) {
  const size_t at = title.rfind("年鉴");
  if (at == std::string_view::npos) return 0;
  std::string_view rest = title.substr(at + std::string_view("年鉴").size());
  auto strip_prefix = [&](std::string_view p) {
    if (!rest.starts_with(p)) return false;
    rest.remove_prefix(p.size());
    return true;
  };
  while (strip_prefix(" ") || strip_prefix("　")) {
  }
  const bool bracket = strip_prefix("（") || strip_prefix("(");
  // ASCII or full-width digits, exactly four.
  int year = 0, digits = 0;
  while (!rest.empty()) {
    if (rest[0] >= '0' && rest[0] <= '9') {
      year = year * 10 + (rest[0] - '0');
      rest.remove_prefix(1);
    } else if (rest.size() >= 3 && rest.substr(0, 2) == "\xEF\xBC" && rest[2] >= '\x90' && rest[2] <= '\x99') {
      year = year * 10 + (rest[2] - '\x90');  // ０-９ are U+FF10-U+FF19: EF BC 90-99
      rest.remove_prefix(3);
    } else {
      break;
    }
    ++digits;
  }
  if (digits != 4 || year < 1900 || year > 2200) return 0;
  if (bracket && !strip_prefix("）") && !strip_prefix(")")) return 0;
  strip_prefix("卷");
  return rest.empty() ? year : 0;
}

Checker::~Checker() = default;

Status Checker::Create(RuleSet rules, std::unique_ptr<Checker>* out) {
  std::unique_ptr<Checker> c(new Checker());
  c->rules_ = std::move(rules);
  std::vector<WordList> word_lists;
  for (const Rule& r : c->rules_.rules) {
    if (r.lexical()) continue;
    const StructuralCheckSpec* spec = FindStructuralCheck(r.check);
    if (spec == nullptr) return Status::InvalidInput(r.Where() + "：未知的结构检查 " + r.check);
    if (spec->validate) FZ_RETURN_IF_ERROR(spec->validate(r));
    if (r.enabled && spec->words) {
      c->word_rules_.push_back(&r);
      word_lists.push_back({&r, spec->words(r)});
    }
  }
  // The matcher keeps pointers into c->rules_, which no longer moves.
  FZ_RETURN_IF_ERROR(LexicalMatcher::Compile(c->rules_, word_lists, CompiledDatabaseCache::DefaultDir(), &c->matcher_));
  *out = std::move(c);
  return Status::Ok();
}

Status Checker::Check(const model::Document& doc, const CheckOptions& options, std::vector<Finding>* out) {
  const model::Edition* edition = options.edition.empty() ? doc.BaseEdition() : doc.FindEdition(options.edition);
  if (edition == nullptr) {
    return Status::NotFound(doc.work.id + " 没有版本 " + (options.edition.empty() ? "（空）" : options.edition));
  }
  const std::string kind = options.kind.empty() ? KindOfWork(doc.work) : options.kind;
  if (kind != "yearbook" && kind != "gazetteer") {
    return Status::InvalidInput("--kind 只能是 yearbook（年鉴）或 gazetteer（志书），而不是 “" + kind + "”");
  }
  DocContext ctx;
  BuildDocContext(doc, *edition, kind, &ctx, &options);
  std::vector<Finding> findings;
  FindingSink sink(ctx, &findings);
  ctx.word_rules = word_rules_;
  ctx.word_hits.assign(word_rules_.size(), std::vector<std::vector<WordHit>>(ctx.nodes.size()));
  std::vector<std::vector<WordHit>> node_words(word_rules_.size());
  for (size_t n = 0; n < ctx.nodes.size(); ++n) {
    for (auto& v : node_words) v.clear();
    matcher_->Run(ctx, n, &sink, &node_words);
    for (size_t l = 0; l < node_words.size(); ++l) {
      if (!node_words[l].empty()) ctx.word_hits[l][n] = node_words[l];
    }
  }
  for (const Rule& r : rules_.rules) {
    if (!r.enabled || r.lexical() || !RuleAppliesToKind(r, kind)) continue;
    FindStructuralCheck(r.check)->run(r, &sink);
  }
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    const size_t na = a.node == static_cast<size_t>(-1) ? 0 : a.node + 1;
    const size_t nb = b.node == static_cast<size_t>(-1) ? 0 : b.node + 1;
    if (na != nb) return na < nb;
    if (a.start != b.start) return a.start < b.start;
    return a.rule < b.rule;
  });
  *out = std::move(findings);
  return Status::Ok();
}

}  // namespace fangzhi::check
