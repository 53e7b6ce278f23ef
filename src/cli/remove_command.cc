#include <iostream>

#include "cli/commands.h"

namespace fangzhi::cli {

int RunRemove(const CommandLine& cl) {
  if (cl.args.size() != 1) return Fail(Status::InvalidInput("remove 需要一个作品编号"));
  std::unique_ptr<store::Library> lib;
  Status s = OpenLibrary(cl, &lib);
  if (!s.ok()) return Fail(s);
  s = lib->Remove(cl.args.front());
  if (!s.ok()) return Fail(s);
  std::cout << "已删除 " << cl.args.front() << "\n";
  UpdateIndexAfterChange(lib.get());
  return kExitOk;
}

}  // namespace fangzhi::cli
