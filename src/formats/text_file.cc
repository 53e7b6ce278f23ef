#include "formats/text_file.h"

#include <fstream>
#include <system_error>

#include "text/utf8.h"

namespace fangzhi::formats {

Status CheckUtf8(const std::string& name, std::string_view bytes) {
  const size_t bad = text::FindInvalidUtf8(bytes);
  if (bad == text::kValid) return Status::Ok();
  const text::TextPosition pos = text::PositionOf(bytes, bad);
  // Bytes, lines and columns all count from 1, as an editor shows them.
  return Status::InvalidInput(name + "：第 " + std::to_string(bad + 1) + " 字节（第 " +
                              std::to_string(pos.line) + " 行第 " + std::to_string(pos.column) +
                              " 列）不是有效的 UTF-8 编码");
}

Status ReadUtf8File(const std::filesystem::path& path, std::string* out) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    return Status::NotFound(path.string() + "：文件不存在");
  }
  if (!std::filesystem::is_regular_file(status)) {
    return Status::InvalidInput(path.string() + "：不是普通文件");
  }
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return Status::IoError(path.string() + "：无法读取文件大小：" + ec.message());
  if (size > kMaxTextFileBytes) {
    return Status::InvalidInput(path.string() + "：文件过大（" + std::to_string(size) +
                                " 字节，上限 " + std::to_string(kMaxTextFileBytes) + "）");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path.string() + "：无法打开文件");
  std::string data(static_cast<size_t>(size), '\0');
  in.read(data.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(in.gcount()) != size) {
    return Status::IoError(path.string() + "：读取不完整");
  }
  FZ_RETURN_IF_ERROR(CheckUtf8(path.string(), data));
  if (data.compare(0, 3, "\xEF\xBB\xBF") == 0) data.erase(0, 3);
  *out = std::move(data);
  return Status::Ok();
}

}  // namespace fangzhi::formats
