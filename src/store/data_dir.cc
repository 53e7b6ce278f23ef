#include "store/data_dir.h"

#include <system_error>

namespace fs = std::filesystem;

namespace fangzhi::store {

Status PrepareDataDir(const fs::path& dir, fs::path* db_file, bool* fresh) {
  std::error_code ec;
  const auto st = fs::status(dir, ec);
  if (!fs::exists(st)) {
    fs::create_directories(dir, ec);
    if (ec) return Status::IoError(dir.string() + "：无法创建数据目录：" + ec.message());
  } else if (!fs::is_directory(st)) {
    return Status::InvalidInput(dir.string() + "：已存在且不是目录，不能用作数据目录");
  }
  *db_file = dir / kDatabaseFileName;
  *fresh = !fs::exists(*db_file, ec);
  if (*fresh) {
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      (void)e;
      return Status::InvalidInput(dir.string() +
                                  "：不是方志平台的数据目录（目录非空且没有 fangzhi.db），拒绝写入；"
                                  "请指定一个新目录或空目录");
    }
    if (ec) return Status::IoError(dir.string() + "：无法读取数据目录：" + ec.message());
  }
  return Status::Ok();
}

}  // namespace fangzhi::store
