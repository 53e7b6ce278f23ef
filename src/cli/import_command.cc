#include <chrono>
#include <iostream>

#include "cli/commands.h"
#include "cli/import_pipeline.h"
#include "cli/progress_bar.h"

namespace fangzhi::cli {

int RunImport(const CommandLine& cl) {
  if (cl.args.empty()) {
    return Fail(Status::InvalidInput("import 需要至少一个路径；运行 fangzhi import --help 查看用法"));
  }
  std::vector<ImportedWork> imported;
  Status s;
  const auto start = std::chrono::steady_clock::now();
  {
    ProgressBar bar("导入 importing", start);
    s = ImportPaths(cl.data_dir, cl.args, cl.Has("--replace"),
                    [&](double f) { bar.Update(static_cast<size_t>(f * 1000), 1000); }, &imported);
  }
  if (!s.ok()) return Fail(s);
  {
    std::unique_ptr<store::Library> lib;
    if (OpenLibrary(cl, &lib).ok()) UpdateIndexAfterChange(lib.get(), start);
  }
  for (const ImportedWork& w : imported) {
    std::cout << "已导入 " << w.id << "　《" << w.title << "》　" << w.editions << " 个版本，底本 " << w.han_count
              << " 字\n";
  }
  return kExitOk;
}

}  // namespace fangzhi::cli
