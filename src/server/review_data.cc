#include "server/review_data.h"

#include <deque>
#include <map>
#include <mutex>

#include "review/builtin_checker.h"

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

// The process's one compiled rule set, shared with the uploads' count of
// open findings (review/builtin_checker.h), so both count alike.
Status CheckDocument(const VersionData& data, std::vector<check::Finding>* out) {
  return review::CheckVersionWithBuiltinRules(data.doc, data.kind, data.framework, out);
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
