#include <iostream>

#include "cli/commands.h"
#include "cli/progress_bar.h"
#include "formats/format_detect.h"
#include "model/document.h"

namespace fangzhi::cli {

int RunImport(const CommandLine& cl) {
  if (cl.args.empty()) return Fail(Status::InvalidInput("import 需要至少一个路径；运行 fangzhi import --help 查看用法"));
  // Read and check every source before touching the library: a bad file
  // anywhere leaves the library as it was.
  std::vector<model::Document> docs(cl.args.size());
  {
    ProgressBar bar("读取 reading");
    for (size_t i = 0; i < cl.args.size(); ++i) {
      Status s = formats::ImportAny(cl.args[i], &docs[i]);
      if (!s.ok()) return Fail(s);
      bar.Update(i + 1, cl.args.size());
    }
  }
  std::unique_ptr<store::Library> lib;
  Status s = OpenLibrary(cl, &lib);
  if (!s.ok()) return Fail(s);
  std::vector<const model::Document*> ptrs;
  for (const model::Document& d : docs) ptrs.push_back(&d);
  {
    ProgressBar bar("写入 writing");
    s = lib->Import(ptrs, cl.Has("--replace"), [&](size_t done, size_t total) { bar.Update(done, total); });
  }
  if (!s.ok()) return Fail(s);
  for (const model::Document& d : docs) {
    std::cout << "已导入 " << d.work.id << "　《" << d.work.title << "》　" << d.editions.size() << " 个版本，底本 "
              << model::CountHan(*d.BaseEdition()) << " 字\n";
  }
  return kExitOk;
}

}  // namespace fangzhi::cli
