#include <iostream>

#include "cli/commands.h"
#include "formats/page_images.h"

namespace fangzhi::cli {

int RunRemove(const CommandLine& cl) {
  if (cl.args.size() != 1) return Fail(Status::InvalidInput("remove 需要一个作品编号"));
  std::unique_ptr<store::Library> lib;
  Status s = OpenLibrary(cl, &lib);
  if (!s.ok()) return Fail(s);
  s = lib->Remove(cl.args.front());
  if (!s.ok()) return Fail(s);
  // Page images (ALTO imports) go with the work; a failure here leaves
  // only an orphan folder, reported but not undoing the removal.
  if (Status img = formats::RemovePageImages(lib->data_dir(), cl.args.front()); !img.ok()) {
    std::cerr << "警告：" << img.message() << "\n";
  }
  std::cout << "已删除 " << cl.args.front() << "\n";
  UpdateIndexAfterChange(lib.get());
  return kExitOk;
}

}  // namespace fangzhi::cli
