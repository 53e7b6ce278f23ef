#include "cli/manuscript_ref.h"

#include <charconv>

#include "accounts/account_store.h"
#include "workflow/workflow_store.h"

namespace fangzhi::cli {
namespace {

constexpr std::string_view kPrefix = "ms:";

bool ParsePositive(std::string_view s, int64_t* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size() && *out > 0;
}

Status Malformed(std::string_view arg) {
  return Status::InvalidInput("“" + std::string(arg.substr(0, 80)) +
                              "”不是有效的稿件版本：应写作 ms:<稿件编号>@v<版本号>，如 ms:3@v2（省略 @v<版本号> 即最新版本）");
}

}  // namespace

bool IsManuscriptRef(std::string_view arg) { return arg.starts_with(kPrefix); }

Status ParseManuscriptRef(std::string_view arg, ManuscriptRef* out) {
  if (!IsManuscriptRef(arg)) return Malformed(arg);
  std::string_view rest = arg.substr(kPrefix.size());
  ManuscriptRef r;
  const size_t at = rest.find('@');
  if (!ParsePositive(rest.substr(0, at), &r.manuscript)) return Malformed(arg);
  if (at != std::string_view::npos) {
    std::string_view v = rest.substr(at + 1);
    if (v.starts_with('v') || v.starts_with('V')) v.remove_prefix(1);
    if (!ParsePositive(v, &r.version)) return Malformed(arg);
  }
  *out = r;
  return Status::Ok();
}

Status LoadManuscriptRef(const std::filesystem::path& data_dir, std::string_view arg, model::Document* doc,
                         std::string* kind, std::string* display) {
  ManuscriptRef ref;
  FZ_RETURN_IF_ERROR(ParseManuscriptRef(arg, &ref));
  std::error_code ec;
  if (!std::filesystem::exists(data_dir / "fangzhi.db", ec)) {
    return Status::NotFound(std::string(arg) + "：数据目录 " + data_dir.string() + " 中没有稿件库（用 --data 指定数据目录）");
  }
  std::unique_ptr<workflow::WorkflowStore> store;
  FZ_RETURN_IF_ERROR(workflow::WorkflowStore::Open(data_dir, &store));
  // The command line reads as the administrator does: every office.
  accounts::User cli;
  cli.name = "cli";
  cli.role = accounts::Role::kAdmin;
  workflow::Manuscript m;
  Status s = store->GetManuscript(cli, ref.manuscript, &m);
  if (s.code() == Status::Code::kNotFound) {
    return Status::NotFound(std::string(arg) + "：数据目录 " + data_dir.string() + " 中没有编号为 " +
                            std::to_string(ref.manuscript) + " 的稿件");
  }
  FZ_RETURN_IF_ERROR(s);
  const int64_t number = ref.version == 0 ? m.latest_version : ref.version;
  if (number < 1 || number > m.latest_version) {
    return Status::NotFound(std::string(arg) + "：稿件《" + m.title + "》没有 v" + std::to_string(number) + "（共 " +
                            std::to_string(m.latest_version) + " 个版本）");
  }
  model::Document loaded;
  FZ_RETURN_IF_ERROR(store->LoadVersionDocument(cli, m.id, number, &loaded));
  // One edition, the base, as the review commands expect of every input.
  const model::Edition* e = loaded.BaseEdition();
  if (e == nullptr && !loaded.editions.empty()) e = &loaded.editions.front();
  if (e == nullptr) return Status::Corruption(std::string(arg) + "：存储的稿件版本没有正文");
  model::Edition keep = *e;
  keep.base = true;
  loaded.editions = {std::move(keep)};
  *doc = std::move(loaded);
  if (kind != nullptr) *kind = m.kind == "志书" ? "gazetteer" : "yearbook";
  if (display != nullptr) {
    *display = "ms:" + std::to_string(m.id) + "@v" + std::to_string(number) + "（《" + m.title + "》v" +
               std::to_string(number) + "）";
  }
  return Status::Ok();
}

}  // namespace fangzhi::cli
