#include "review/builtin_checker.h"

#include <memory>
#include <mutex>

#include "check/checker.h"
#include "check/rule_pack.h"
#include "review/recheck.h"

namespace fangzhi::review {
namespace {

struct SharedChecker {
  std::mutex mu;
  std::unique_ptr<check::Checker> checker;
  Status status;
  bool tried = false;
};

SharedChecker& TheChecker() {
  static SharedChecker* c = new SharedChecker();  // never destroyed: used until exit
  return *c;
}

}  // namespace

Status CheckVersionWithBuiltinRules(const model::Document& doc, const std::string& kind, const Framework& framework,
                                    std::vector<check::Finding>* out) {
  SharedChecker& c = TheChecker();
  std::lock_guard<std::mutex> lock(c.mu);
  if (!c.tried) {
    // A failure (rule packs that do not load) is remembered: it is the
    // program's, not the manuscript's, and retrying cannot mend it.
    c.tried = true;
    check::RuleSet rules;
    c.status = check::LoadBuiltinRules(&rules);
    if (c.status.ok()) c.status = check::Checker::Create(std::move(rules), &c.checker);
  }
  FZ_RETURN_IF_ERROR(c.status);
  return CheckVersion(doc, kind, "", c.checker.get(), framework, out);
}

Status CheckVersionWithBuiltinFramework(const model::Document& doc, const std::string& kind,
                                        std::vector<check::Finding>* out) {
  Framework fw;
  FZ_RETURN_IF_ERROR(BuiltinFramework(kind, &fw));
  return CheckVersionWithBuiltinRules(doc, kind, fw, out);
}

}  // namespace fangzhi::review
