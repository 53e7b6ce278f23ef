#include <charconv>
#include <iostream>

#include "cli/commands.h"
#include "cli/display_width.h"
#include "search/index.h"
#include "search/result_json.h"
#include "search/searcher.h"

namespace fangzhi::cli {
namespace {

Status ParseCount(const CommandLine& cl, const char* flag, size_t max, size_t* out) {
  if (!cl.values.count(flag)) return Status::Ok();
  const std::string v = cl.Value(flag);
  size_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n > max) {
    return Status::InvalidInput(std::string(flag) + " 应为 0 到 " + std::to_string(max) + " 之间的整数，而不是 “" + v + "”");
  }
  *out = n;
  return Status::Ok();
}

Status ParseOptions(const CommandLine& cl, search::SearchOptions* o) {
  FZ_RETURN_IF_ERROR(ParseCount(cl, "--limit", 1000, &o->limit));
  FZ_RETURN_IF_ERROR(ParseCount(cl, "--offset", 100000000, &o->offset));
  FZ_RETURN_IF_ERROR(ParseCount(cl, "--window", 200, &o->window));
  FZ_RETURN_IF_ERROR(ParseCount(cl, "--facet-limit", 100000, &o->facet_limit));
  const std::string sort = cl.Value("--sort", "pos");
  if (sort == "pos") o->sort = search::KwicSort::kPosition;
  else if (sort == "left") o->sort = search::KwicSort::kLeft;
  else if (sort == "right") o->sort = search::KwicSort::kRight;
  else return Status::InvalidInput("--sort 应为 pos、left 或 right，而不是 “" + sort + "”");
  if (cl.values.count("--facets")) {
    o->facets.clear();
    const std::string f = cl.Value("--facets");
    size_t start = 0;
    while (start <= f.size()) {
      size_t comma = f.find(',', start);
      if (comma == std::string::npos) comma = f.size();
      if (comma > start) o->facets.push_back(f.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return Status::Ok();
}

}  // namespace

int RunSearch(const CommandLine& cl) {
  if (cl.args.empty()) return Fail(Status::InvalidInput("search 需要一个查询；运行 fangzhi search --help 查看查询语法"));
  std::string query;
  for (const std::string& a : cl.args) query += (query.empty() ? "" : " ") + a;
  search::SearchOptions opt;
  Status s = ParseOptions(cl, &opt);
  if (!s.ok()) return Fail(s);
  std::unique_ptr<store::Library> lib;
  s = OpenLibrary(cl, &lib);
  if (!s.ok()) return Fail(s);
  std::unique_ptr<search::Index> index;
  s = search::Index::Open(lib.get(), &index);
  search::UpdateReport report;
  // The index follows the library: catch up on any change not yet indexed.
  if (s.ok()) s = index->Update({}, &report);
  if (!s.ok()) return Fail(s);
  std::unique_ptr<search::Searcher> searcher;
  s = search::Searcher::Open(lib.get(), index.get(), &searcher);
  search::SearchResult r;
  if (s.ok()) s = searcher->Search(query, opt, &r);
  if (!s.ok()) return Fail(s);
  if (cl.Has("--json")) {
    std::cout << search::SearchResultJson(r).dump(2) << "\n";
    return kExitOk;
  }
  std::cout << "检索 " << r.query << "：共 " << r.total_occurrences << " 处，见于 " << r.total_nodes << " 个节点（"
            << static_cast<long long>(r.took_ms * 1000) / 1000.0 << " 毫秒）\n";
  for (const auto& [name, values] : r.facets) {
    std::cout << "  按" << (name == "work" ? "作品" : name == "dynasty" ? "朝代" : name == "region" ? "地区"
                                              : name == "kind" ? "类型" : "版本")
              << "：";
    size_t shown = 0;
    for (const auto& v : values) {
      if (shown++ == 8) {
        std::cout << " …";
        break;
      }
      std::cout << " " << v.label << " " << v.occurrences;
    }
    std::cout << "\n";
  }
  for (size_t i = 0; i < r.hits.size(); ++i) {
    const search::Hit& h = r.hits[i];
    const size_t w = DisplayWidth(h.left);
    const size_t pad = opt.window * 2 > w ? opt.window * 2 - w : 0;
    std::cout << std::string(pad, ' ') << h.left << "【" << h.match << "】" << h.right << "　" << h.citation << "\n";
  }
  // A range only when some hit is listed: "第 1–0 条" for --limit 0 says nothing.
  if (!r.hits.empty() && r.total_occurrences > opt.offset + r.hits.size()) {
    std::cout << "（第 " << opt.offset + 1 << "–" << opt.offset + r.hits.size() << " 条；用 --offset 翻页）\n";
  } else if (r.hits.empty() && opt.limit > 0 && r.total_occurrences > 0 && opt.offset >= r.total_occurrences) {
    std::cout << "（--offset " << opt.offset << " 已超过最后一条：共 " << r.total_occurrences
              << " 处，去掉 --offset 从第 1 条看起）\n";
  }
  return kExitOk;
}

}  // namespace fangzhi::cli
