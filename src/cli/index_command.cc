#include <iostream>

#include "cli/commands.h"
#include "cli/progress_bar.h"
#include "search/index.h"

namespace fangzhi::cli {

void UpdateIndexAfterChange(store::Library* lib, std::chrono::steady_clock::time_point job_start) {
  std::unique_ptr<search::Index> index;
  Status s = search::Index::Open(lib, &index);
  search::UpdateReport report;
  if (s.ok()) {
    ProgressBar bar("索引 indexing", job_start);
    s = index->Update([&](size_t d, size_t t) { bar.Update(d, t); }, &report);
  }
  if (!s.ok()) {
    std::cerr << "警告：文库已更新，但检索索引未能更新：" << s.message()
              << "\n      下次检索或运行 fangzhi index 时会补上。\n";
  }
}

int RunIndex(const CommandLine& cl) {
  if (!cl.args.empty()) return Fail(Status::InvalidInput("index 不接受参数：" + cl.args.front()));
  std::unique_ptr<store::Library> lib;
  Status s = OpenLibrary(cl, &lib);
  if (!s.ok()) return Fail(s);
  std::unique_ptr<search::Index> index;
  s = search::Index::Open(lib.get(), &index);
  if (!s.ok() && cl.Has("--rebuild") && s.code() == Status::Code::kCorruption) {
    // A damaged manifest or segment: --rebuild is the way out, so start clean.
    std::error_code ec;
    std::filesystem::remove_all(lib->data_dir() / "index", ec);
    s = search::Index::Open(lib.get(), &index);
  }
  if (!s.ok()) return Fail(s);
  search::UpdateReport report;
  {
    ProgressBar bar("索引 indexing");
    auto progress = [&](size_t d, size_t t) { bar.Update(d, t); };
    s = cl.Has("--rebuild") ? index->Rebuild(progress, &report) : index->Update(progress, &report);
  }
  if (!s.ok()) return Fail(s);
  if (report.up_to_date) {
    std::cout << "索引已是最新。\n";
  } else {
    std::cout << "已索引 " << report.works_indexed << " 部作品（" << report.units << " 字），写入 "
              << report.segments_written << " 个索引段";
    if (report.segments_merged > 0) std::cout << "，合并 " << report.segments_merged << " 个旧段";
    if (report.works_dropped > 0) std::cout << "，撤下 " << report.works_dropped << " 部旧文本";
    std::cout << "。\n";
  }
  return kExitOk;
}

}  // namespace fangzhi::cli
