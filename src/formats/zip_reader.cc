#include "formats/zip_reader.h"

#include <sys/stat.h>
#include <zip.h>

#include <array>
#include <cstring>
#include <fstream>

namespace fs = std::filesystem;

namespace fangzhi::formats {

ZipReader::~ZipReader() {
  if (zip_) zip_discard(zip_);
}

Status ZipReader::Open(const fs::path& file, std::string_view what, std::string_view not_zip_hint,
                       std::unique_ptr<ZipReader>* out) {
  const std::string name = file.string();
  int err = 0;
  zip_t* z = zip_open(file.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (z == nullptr) {
    switch (err) {
      case ZIP_ER_NOENT: return Status::NotFound(name + "：文件不存在");
      case ZIP_ER_NOZIP: {
        // A zip whose end is missing starts like one: it was cut short.
        std::ifstream in(file, std::ios::binary);
        char head[4] = {};
        in.read(head, 4);
        if (in.gcount() == 4 && std::memcmp(head, "PK\x03\x04", 4) == 0) {
          return Status::InvalidInput(name + "：文件不完整或已损坏（zip 结尾的目录缺失，可能传输或拷贝时被截断）");
        }
        std::string msg = name + "：不是有效的" + std::string(what) + "（不是 zip 压缩包";
        if (!not_zip_hint.empty()) msg += "；" + std::string(not_zip_hint);
        return Status::InvalidInput(msg + "）");
      }
      case ZIP_ER_INCONS:
        return Status::InvalidInput(name + "：文件不完整或已损坏（zip 结构不一致，可能传输或拷贝时被截断）");
      case ZIP_ER_EXISTS:
        return Status::InvalidInput(name + "：压缩包中有重名的成员（同一路径出现两次），拒绝读取");
      case ZIP_ER_READ:
      case ZIP_ER_OPEN: return Status::IoError(name + "：无法读取文件");
      default: {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        const std::string msg = zip_error_strerror(&ze);
        zip_error_fini(&ze);
        return Status::InvalidInput(name + "：无法打开" + std::string(what) + "（" + msg + "）");
      }
    }
  }
  std::unique_ptr<ZipReader> r(new ZipReader());
  r->file_ = file;
  r->zip_ = z;
  const zip_int64_t n = zip_get_num_entries(z, 0);
  r->count_ = n > 0 ? static_cast<uint64_t>(n) : 0;
  *out = std::move(r);
  return Status::Ok();
}

Status ZipReader::Stat(uint64_t index, ZipEntryInfo* out) const {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip_, index, ZIP_FL_ENC_RAW, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) {
    return Status::InvalidInput(file_.string() + "：第 " + std::to_string(index + 1) + " 个成员无法读取（文件已损坏）");
  }
  *out = ZipEntryInfo();
  out->index = index;
  out->name = st.name;
  out->size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
  out->compressed_size = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
  out->encrypted = (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE;
  out->directory = !out->name.empty() && out->name.back() == '/';
  zip_uint8_t opsys = 0;
  zip_uint32_t attributes = 0;
  if (zip_file_get_external_attributes(zip_, index, 0, &opsys, &attributes) == 0 && opsys == ZIP_OPSYS_UNIX) {
    // The Unix mode sits in the high 16 bits; 0 means "not recorded".
    const mode_t mode = static_cast<mode_t>(attributes >> 16);
    const mode_t type = mode & S_IFMT;
    out->symlink = type == S_IFLNK;
    out->special = type == S_IFCHR || type == S_IFBLK || type == S_IFIFO || type == S_IFSOCK;
  }
  return Status::Ok();
}

int64_t ZipReader::Locate(const std::string& name) const { return zip_name_locate(zip_, name.c_str(), ZIP_FL_ENC_RAW); }

Status ZipReader::Read(uint64_t index, uint64_t max_bytes, const std::function<Status(const char*, size_t)>& sink) const {
  ZipEntryInfo info;
  FZ_RETURN_IF_ERROR(Stat(index, &info));
  const std::string where = file_.string() + "：" + info.name;
  if (info.encrypted) return Status::InvalidInput(where + " 已加密，无法读取");
  if (info.size > max_bytes) {
    return Status::InvalidInput(where + " 解压后 " + std::to_string(info.size) + " 字节，超过上限 " +
                                std::to_string(max_bytes) + " 字节，疑似压缩炸弹，拒绝读取");
  }
  zip_file_t* f = zip_fopen_index(zip_, index, 0);
  if (f == nullptr) return Status::InvalidInput(where + " 无法读取（" + zip_strerror(zip_) + "）");
  std::array<char, 64 * 1024> buf;
  uint64_t got = 0;
  Status s;
  while (s.ok()) {
    const zip_int64_t n = zip_fread(f, buf.data(), buf.size());
    if (n < 0) {
      s = Status::InvalidInput(where + " 已损坏，无法解压（" + zip_error_strerror(zip_file_get_error(f)) + "）");
      break;
    }
    if (n == 0) break;
    got += static_cast<uint64_t>(n);
    // Counted, not trusted: a member that inflates past its stated size is lying about it.
    if (got > info.size || got > max_bytes) {
      s = Status::InvalidInput(where + " 解压后的大小与声明不符（声明 " + std::to_string(info.size) +
                               " 字节），疑似压缩炸弹或已损坏，拒绝读取");
      break;
    }
    s = sink(buf.data(), static_cast<size_t>(n));
  }
  zip_fclose(f);
  FZ_RETURN_IF_ERROR(s);
  if (got != info.size) {
    return Status::InvalidInput(where + " 不完整（应有 " + std::to_string(info.size) + " 字节，只读到 " +
                                std::to_string(got) + " 字节）");
  }
  return Status::Ok();
}

Status ZipReader::ReadAll(uint64_t index, uint64_t max_bytes, std::string* out) const {
  out->clear();
  return Read(index, max_bytes, [out](const char* p, size_t n) {
    out->append(p, n);
    return Status::Ok();
  });
}

Status CheckDeclaredSize(const ZipReader& zip, const ZipEntryInfo& info, const ZipSizeLimits& limits,
                         uint64_t* total) {
  const std::string file = zip.file().string();
  if (info.size > limits.max_member_bytes) {
    return Status::InvalidInput(file + "：成员 " + info.name + " 解压后 " + std::to_string(info.size) +
                                " 字节，超过上限 " + std::to_string(limits.max_member_bytes) +
                                " 字节，疑似压缩炸弹，拒绝读取");
  }
  if (info.size >= limits.ratio_floor &&
      (info.compressed_size == 0 ||
       static_cast<double>(info.size) / static_cast<double>(info.compressed_size) > limits.max_ratio)) {
    return Status::InvalidInput(file + "：成员 " + info.name + " 的压缩比异常（" + std::to_string(info.compressed_size) +
                                " 字节解压为 " + std::to_string(info.size) + " 字节），疑似压缩炸弹，拒绝读取");
  }
  *total += info.size;
  if (*total > limits.max_total_bytes) {
    return Status::InvalidInput(file + "：全部成员解压后超过 " + std::to_string(limits.max_total_bytes) +
                                " 字节，疑似压缩炸弹，拒绝读取");
  }
  return Status::Ok();
}

}  // namespace fangzhi::formats
