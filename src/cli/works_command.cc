#include <iostream>

#include "cli/commands.h"
#include "cli/display_width.h"
#include "cli/json_views.h"
#include "model/region_table.h"

namespace fangzhi::cli {
namespace {

std::string Editions(const store::WorkSummary& w) {
  std::string s;
  for (const store::EditionSummary& e : w.editions) s += (s.empty() ? "" : ",") + e.id;
  return s;
}

std::string Region(const model::Work& w) {
  if (w.region_code.empty()) return w.place_name.empty() ? "—" : w.place_name;
  return model::DescribeRegion(w.region_code);
}

}  // namespace

int RunWorks(const CommandLine& cl) {
  if (!cl.args.empty()) return Fail(Status::InvalidInput("works 不接受参数：" + cl.args.front()));
  std::unique_ptr<store::Library> lib;
  Status s = OpenLibrary(cl, &lib);
  if (!s.ok()) return Fail(s);
  std::vector<store::WorkSummary> works;
  s = lib->ListWorks(&works);
  if (!s.ok()) return Fail(s);
  size_t total = 0;
  for (const auto& w : works) total += w.han_count;
  if (cl.Has("--json")) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& w : works) arr.push_back(WorkJson(w));
    std::cout << nlohmann::json{{"works", std::move(arr)}, {"total_works", works.size()}, {"total_han_count", total}}.dump(2)
              << "\n";
    return kExitOk;
  }
  if (works.empty()) {
    std::cout << "库中还没有作品。用 fangzhi import 路径 导入。\n";
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows = {{"编号", "题名", "类型", "地区", "朝代", "版本", "汉字数"}};
  for (const auto& w : works) {
    rows.push_back({w.work.id, w.work.title, w.work.kind, Region(w.work), w.work.dynasty.empty() ? "—" : w.work.dynasty,
                    Editions(w), std::to_string(w.han_count)});
  }
  std::vector<size_t> width(rows.front().size(), 0);
  for (const auto& r : rows) {
    for (size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], DisplayWidth(r[c]));
  }
  for (const auto& r : rows) {
    std::string line;
    for (size_t c = 0; c < r.size(); ++c) {
      if (c + 1 == r.size()) {
        line += std::string(width[c] - DisplayWidth(r[c]), ' ') + r[c];  // numbers right-aligned
      } else {
        line += PadRight(r[c], width[c]) + "  ";
      }
    }
    std::cout << line << "\n";
  }
  std::cout << "共 " << works.size() << " 部作品，底本合计 " << total << " 字。\n";
  return kExitOk;
}

}  // namespace fangzhi::cli
