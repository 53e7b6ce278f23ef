#include "formats/page_images.h"

#include <random>
#include <set>
#include <system_error>

namespace fs = std::filesystem;

namespace fangzhi::formats {
namespace {

bool SafeName(const std::string& name) {
  if (name.empty() || name == "." || name == "..") return false;
  for (char c : name) {
    if (c == '/' || c == '\\' || c == '\0') return false;
  }
  return name.front() != '.';  // no hidden files, and never our staging names
}

std::string RandomSuffix() {
  std::random_device rd;
  std::mt19937_64 gen(rd());
  static const char kHex[] = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 12; ++i) s += kHex[gen() % 16];
  return s;
}

}  // namespace

std::string PageImageRelativePath(const std::string& work_id, const std::string& file_name) {
  return std::string(kImagesDirName) + "/" + work_id + "/" + file_name;
}

PageImageStaging::~PageImageStaging() {
  std::error_code ec;
  if (!staging_.empty()) fs::remove_all(staging_, ec);
}

Status PageImageStaging::Begin(const fs::path& data_dir, std::unique_ptr<PageImageStaging>* out) {
  std::unique_ptr<PageImageStaging> s(new PageImageStaging());
  s->data_dir_ = data_dir;
  s->staging_ = data_dir / (".staging-images-" + RandomSuffix());
  std::error_code ec;
  if (!fs::create_directory(s->staging_, ec) || ec) {
    s->staging_.clear();
    return Status::IoError(data_dir.string() + "：无法在数据目录中创建图像暂存目录：" + ec.message());
  }
  *out = std::move(s);
  return Status::Ok();
}

Status PageImageStaging::Add(const std::string& work_id, const std::vector<PageImage>& images) {
  if (committed_) return Status::InvalidInput("图像已提交，不能再添加");
  if (!SafeName(work_id)) return Status::InvalidInput("作品编号 “" + work_id + "” 不能用作图像目录名");
  for (const std::string& w : work_ids_) {
    if (w == work_id) return Status::InvalidInput("作品 " + work_id + " 的页面图像重复提交");
  }
  const fs::path dir = staging_ / work_id;
  std::error_code ec;
  fs::create_directory(dir, ec);
  if (ec) return Status::IoError(dir.string() + "：无法创建：" + ec.message());
  work_ids_.push_back(work_id);
  std::set<std::string> names;
  for (const PageImage& img : images) {
    if (!SafeName(img.file_name)) {
      return Status::InvalidInput(img.from.string() + "：图像文件名 “" + img.file_name + "” 不可用（不能含 / 或以 . 开头）");
    }
    if (!names.insert(img.file_name).second) {
      return Status::InvalidInput(img.from.string() + "：作品 " + work_id + " 中已有同名图像 “" + img.file_name + "”");
    }
    // Only regular files are copied: a symlink or device named as an image
    // must not pull in something else.
    const auto st = fs::symlink_status(img.from, ec);
    if (ec || !fs::is_regular_file(st)) {
      return Status::InvalidInput(img.from.string() + "：页面图像不存在或不是普通文件");
    }
    fs::copy_file(img.from, dir / img.file_name, fs::copy_options::none, ec);
    if (ec) return Status::IoError(img.from.string() + "：复制页面图像失败：" + ec.message());
  }
  return Status::Ok();
}

Status PageImageStaging::Commit(bool replace) {
  if (committed_) return Status::Ok();
  std::error_code ec;
  const fs::path images = data_dir_ / kImagesDirName;
  fs::create_directories(images, ec);
  if (ec) return Status::IoError(images.string() + "：无法创建：" + ec.message());
  // Check everything first so that a refusal moves nothing.
  for (const std::string& id : work_ids_) {
    if (fs::exists(images / id, ec) && !replace) {
      return Status::AlreadyExists((images / id).string() + "：已有该作品的页面图像；使用 --replace 替换");
    }
  }
  for (const std::string& id : work_ids_) {
    const fs::path target = images / id;
    const fs::path old = staging_ / (".old-" + id);
    const bool had_old = fs::exists(target, ec);
    if (had_old) {
      fs::rename(target, old, ec);
      if (ec) return Status::IoError(target.string() + "：无法移开旧图像目录：" + ec.message());
    }
    fs::rename(staging_ / id, target, ec);
    if (ec) {
      std::error_code ec2;
      if (had_old) fs::rename(old, target, ec2);
      return Status::IoError(target.string() + "：无法把图像目录移入数据目录：" + ec.message());
    }
  }
  committed_ = true;
  // Old folders went into the staging folder, which goes now.
  fs::remove_all(staging_, ec);
  staging_.clear();
  return Status::Ok();
}

Status RemovePageImages(const fs::path& data_dir, const std::string& work_id) {
  if (!SafeName(work_id)) return Status::InvalidInput("作品编号 “" + work_id + "” 不能用作图像目录名");
  std::error_code ec;
  fs::remove_all(data_dir / kImagesDirName / work_id, ec);
  if (ec) return Status::IoError((data_dir / kImagesDirName / work_id).string() + "：无法删除：" + ec.message());
  return Status::Ok();
}

}  // namespace fangzhi::formats
