// Runs every example of every rule in the packs: each `fire` example must
// produce a finding of its rule (with the given excerpt, when one is
// given), each `no_fire` example none. The whole pack is active, as in use.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "check/checker.h"
#include "check/rule_pack.h"
#include "check_test_util.h"

namespace fangzhi::check {
namespace {

using testing::MakeDoc;
using testing::MarkdownDoc;
using testing::OfRule;

class RuleExamples : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    RuleSet rules;
    load_status_ = LoadBuiltinRules(&rules);
    if (!load_status_.ok()) return;
    // Rules that are off by default are tested too: turn everything on.
    for (Rule& r : rules.rules) r.enabled = true;
    load_status_ = Checker::Create(std::move(rules), &checker_);
  }
  static void TearDownTestSuite() { checker_.reset(); }
  // A pack that does not load fails every test here (never a skip).
  void SetUp() override { ASSERT_TRUE(load_status_.ok()) << load_status_.message(); }

  static std::vector<Finding> Run(const Rule& rule, const RuleExample& ex) {
    const std::string kind = !ex.kind.empty() ? ex.kind : (rule.kinds.empty() ? "yearbook" : *rule.kinds.begin());
    model::Document doc;
    switch (ex.form) {
      case RuleExample::Form::kText: doc = MakeDoc(kind, "示例条目", {ex.text}); break;
      case RuleExample::Form::kTitle: doc = MakeDoc(kind, ex.text, {"2024年，示例县完成此项工作。"}); break;
      case RuleExample::Form::kMarkdown: {
        Status s = MarkdownDoc(kind, ex.text, &doc);
        EXPECT_TRUE(s.ok()) << rule.Where() << " 例句第 " << ex.line << " 行：" << s.message();
        break;
      }
    }
    std::vector<Finding> all;
    Status s = checker_->Check(doc, {.kind = kind, .edition = ""}, &all);
    EXPECT_TRUE(s.ok()) << s.message();
    return OfRule(all, rule.id);
  }

  static std::unique_ptr<Checker> checker_;
  static Status load_status_;
};
std::unique_ptr<Checker> RuleExamples::checker_;
Status RuleExamples::load_status_;

TEST_F(RuleExamples, EveryExampleBehaves) {
  size_t examples = 0;
  for (const Rule& rule : checker_->rules().rules) {
    for (const RuleExample& ex : rule.fire) {
      ++examples;
      const auto got = Run(rule, ex);
      EXPECT_FALSE(got.empty()) << rule.Where() << " 例句第 " << ex.line << " 行应报而未报：" << ex.text;
      if (!ex.excerpt.empty() && !got.empty()) {
        bool found = false;
        std::string seen;
        for (const auto& f : got) {
          found = found || f.excerpt == ex.excerpt;
          seen += "“" + f.excerpt + "” ";
        }
        EXPECT_TRUE(found) << rule.Where() << " 例句第 " << ex.line << " 行：应标出“" << ex.excerpt << "”，实际 " << seen;
      }
    }
    for (const RuleExample& ex : rule.no_fire) {
      ++examples;
      const auto got = Run(rule, ex);
      std::string seen;
      for (const auto& f : got) seen += "“" + f.excerpt + "” ";
      EXPECT_TRUE(got.empty()) << rule.Where() << " 例句第 " << ex.line << " 行不应报却报了 " << seen << "：" << ex.text;
    }
  }
  EXPECT_GT(examples, 0u);
}

TEST_F(RuleExamples, PacksCoverEveryGroupOfTheCatalogue) {
  const auto& rules = checker_->rules().rules;
  EXPECT_GE(rules.size(), 60u);
  // Each group of ../shared/reference/quality-rules.md is the source of some rule.
  const std::vector<std::string> groups = {"地方志书质量规定", "年鉴", "文风", "大事记", "GB/T 15834", "GB/T 15835",
                                           "GB 3100", "新华社"};
  for (const auto& g : groups) {
    size_t n = 0;
    for (const auto& r : rules) n += r.source.find(g) != std::string::npos;
    EXPECT_GT(n, 0u) << "没有规则出自 " << g;
  }
  std::set<Category> cats;
  for (const auto& r : rules) cats.insert(r.category);
  EXPECT_EQ(cats.size(), std::size(kAllCategories));
}

}  // namespace
}  // namespace fangzhi::check
