#include "server/review_data.h"

#include <deque>
#include <map>
#include <mutex>

#include "check/checker.h"
#include "check/rule_pack.h"
#include "review/recheck.h"

namespace fangzhi::server {
namespace {

// A yearbook is a few MB parsed; a handful of versions covers a reviewer
// going back and forth between v(n) and v(n+1) of a few manuscripts.
constexpr size_t kCachedVersions = 12;

struct Cache {
  std::mutex mu;
  std::map<std::string, std::shared_ptr<const VersionData>> entries;
  std::deque<std::string> order;  // oldest first
};

Cache& TheCache() {
  static Cache* cache = new Cache();
  return *cache;
}

// One compiled rule set for the process: compiling the Hyperscan database
// costs more than checking a yearbook. A Checker's scratch space is not
// shared between threads, hence the lock around Check.
struct SharedChecker {
  std::mutex mu;
  std::unique_ptr<check::Checker> checker;
  Status status;
  bool tried = false;
};

SharedChecker& TheChecker() {
  static SharedChecker* c = new SharedChecker();
  return *c;
}

Status CheckDocument(const VersionData& data, std::vector<check::Finding>* out) {
  SharedChecker& c = TheChecker();
  std::lock_guard<std::mutex> lock(c.mu);
  if (!c.tried) {
    c.tried = true;
    check::RuleSet rules;
    c.status = check::LoadBuiltinRules(&rules);
    if (c.status.ok()) c.status = check::Checker::Create(std::move(rules), &c.checker);
  }
  FZ_RETURN_IF_ERROR(c.status);
  return review::CheckVersion(data.doc, data.kind, "", c.checker.get(), data.framework, out);
}

}  // namespace

std::string ReviewKindOf(const workflow::Manuscript& m) {
  return m.kind == "志书" || m.kind == "gazetteer" ? "gazetteer" : "yearbook";
}

bool IsOutlineFinding(const check::Finding& f) { return f.rule.starts_with("OUT-"); }

Status LoadVersionData(workflow::WorkflowStore* store, const accounts::User& viewer,
                       const workflow::Manuscript& m, int64_t number, const std::string& sha256,
                       std::shared_ptr<const VersionData>* out) {
  const std::string key = store->data_dir().string() + "\n" + std::to_string(m.id) + "\n" +
                          std::to_string(number) + "\n" + sha256;
  Cache& cache = TheCache();
  {
    std::lock_guard<std::mutex> lock(cache.mu);
    auto it = cache.entries.find(key);
    if (it != cache.entries.end()) {
      *out = it->second;
      return Status::Ok();
    }
  }
  auto data = std::make_shared<VersionData>();
  FZ_RETURN_IF_ERROR(store->LoadVersionDocument(viewer, m.id, number, &data->doc));
  data->kind = ReviewKindOf(m);
  FZ_RETURN_IF_ERROR(review::BuiltinFramework(data->kind, &data->framework));
  FZ_RETURN_IF_ERROR(CheckDocument(*data, &data->findings));
  std::lock_guard<std::mutex> lock(cache.mu);
  if (cache.entries.emplace(key, data).second) {
    cache.order.push_back(key);
    while (cache.order.size() > kCachedVersions) {
      cache.entries.erase(cache.order.front());
      cache.order.pop_front();
    }
  }
  *out = data;
  return Status::Ok();
}

}  // namespace fangzhi::server
