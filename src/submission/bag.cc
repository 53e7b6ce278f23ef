#include "submission/bag.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>

#include "model/citation.h"
#include "model/region_table.h"
#include "model/work.h"
#include "submission/sha256.h"
#include "submission/tag_file.h"
#include "text/utf8.h"

namespace fs = std::filesystem;

namespace fangzhi::submission {

const char* PayloadTypeName(PayloadType t) {
  switch (t) {
    case PayloadType::kMarkdown: return "markdown";
    case PayloadType::kDocx: return "docx";
    case PayloadType::kPlainText: return "txt";
    case PayloadType::kAlto: return "alto";
    case PayloadType::kImage: return "image";
    case PayloadType::kUnknown: return "unknown";
  }
  return "unknown";
}

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string BagReport::Info(std::string_view label) const {
  const std::string want = Lower(label);
  for (const BagField& f : info) {
    if (Lower(f.label) == want) return f.value;
  }
  return "";
}

namespace {

constexpr const char* kBagInfo = "bag-info.txt";
constexpr const char* kBagIt = "bagit.txt";
constexpr const char* kManifest = "manifest-sha256.txt";
constexpr const char* kTagManifest = "tagmanifest-sha256.txt";

// Fields every bag must carry (docs/submission.md explains each).
constexpr const char* kRequiredFields[] = {"Source-Organization", "Bagging-Date",       "Fangzhi-Region-Code",
                                           "Fangzhi-Work-Id",     "Fangzhi-Work-Title", "Fangzhi-Work-Kind",
                                           "Fangzhi-Licence"};

bool IsTagFile(const std::string& rel) {
  if (rel == kBagIt || rel == kBagInfo) return true;
  if (rel.find('/') != std::string::npos || !rel.ends_with(".txt")) return false;
  return rel.starts_with("manifest-") || rel.starts_with("tagmanifest-");
}

// Why a member's name cannot be unpacked, or "" when it can.
std::string UnsafeNameReason(const std::string& name, bool* encoding) {
  *encoding = false;
  if (name.empty()) return "成员的文件名为空";
  if (text::FindInvalidUtf8(name) != text::kValid) {
    *encoding = true;
    return "文件名不是有效的 UTF-8（可能是 GBK 等本地编码；请用能写 UTF-8 文件名的工具重新打包，如 7-Zip 或 bagit-python）";
  }
  for (char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "文件名含控制字符";
  }
  if (name.front() == '/') return "是绝对路径，只能用包内的相对路径";
  if (name.size() >= 2 && name[1] == ':') return "是带盘符的绝对路径，只能用包内的相对路径";
  if (name.find('\\') != std::string::npos) return "含反斜杠 \\（Windows 路径分隔符），zip 中的路径只能用 /";
  std::string_view rest(name);
  if (rest.ends_with("/")) rest.remove_suffix(1);
  size_t pos = 0;
  while (pos <= rest.size()) {
    size_t slash = rest.find('/', pos);
    if (slash == std::string_view::npos) slash = rest.size();
    const std::string_view seg = rest.substr(pos, slash - pos);
    if (seg == "..") return "含 ../，会解压到包外";
    if (seg.empty() || seg == ".") return "路径不规范（含空段或 ./）";
    pos = slash + 1;
  }
  return "";
}

// The type a payload file's name and first bytes say it is; `mismatch`
// explains an extension the content contradicts.
PayloadType DetectType(const std::string& path, const std::string& head, std::string* mismatch) {
  const size_t dot = path.rfind('.');
  const size_t slash = path.rfind('/');
  const std::string ext = dot == std::string::npos || (slash != std::string::npos && dot < slash) ? ""
                                                                                                 : Lower(path.substr(dot));
  auto starts = [&](std::string_view magic) { return std::string_view(head).starts_with(magic); };
  if (ext == ".md" || ext == ".markdown") return PayloadType::kMarkdown;
  if (ext == ".txt") return PayloadType::kPlainText;
  if (ext == ".docx") {
    if (!starts("PK\x03\x04")) *mismatch = "扩展名是 .docx，但内容不是 Word 文档（不是 zip 压缩包）";
    return PayloadType::kDocx;
  }
  if (ext == ".xml") {
    // ALTO names its root element <alto …>, with or without a prefix.
    const size_t root = head.find("<alto");
    const size_t prefixed = head.find(":alto ");
    if (root == std::string::npos && prefixed == std::string::npos) {
      *mismatch = "XML 文件不是 ALTO（开头 4 KB 内没有 <alto> 根元素）；载荷中的 XML 只接受 ALTO";
    }
    return PayloadType::kAlto;
  }
  if (ext == ".jpg" || ext == ".jpeg") {
    if (!starts("\xFF\xD8\xFF")) *mismatch = "扩展名是 " + ext + "，但内容不是 JPEG 图像";
    return PayloadType::kImage;
  }
  if (ext == ".png") {
    if (!starts("\x89PNG\r\n\x1A\n")) *mismatch = "扩展名是 .png，但内容不是 PNG 图像";
    return PayloadType::kImage;
  }
  if (ext == ".tif" || ext == ".tiff") {
    if (!starts(std::string_view("II*\0", 4)) && !starts(std::string_view("MM\0*", 4))) {
      *mismatch = "扩展名是 " + ext + "，但内容不是 TIFF 图像";
    }
    return PayloadType::kImage;
  }
  if (ext == ".jp2") {
    if (!starts(std::string_view("\0\0\0\x0CjP  ", 8))) *mismatch = "扩展名是 .jp2，但内容不是 JPEG 2000 图像";
    return PayloadType::kImage;
  }
  return PayloadType::kUnknown;
}

bool IsDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

// Tomorrow's date in UTC as YYYY-MM-DD: the latest Bagging-Date a bag made
// today can carry anywhere (Beijing is ahead of UTC).
std::string LatestBaggingDate() {
  const auto tomorrow = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) + std::chrono::days(1);
  const std::chrono::year_month_day ymd{tomorrow};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

// A file as read from the zip.
struct ReadFile {
  uint64_t bytes = 0;
  std::string sha256;
  std::string head;  // first 4 KiB, for the type check
  std::string text;  // whole content, tag files only
};

class FileWriter {
 public:
  ~FileWriter() {
    if (fd_ >= 0) ::close(fd_);
  }
  Status Open(const fs::path& p) {
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    if (ec) return Status::IoError(p.parent_path().string() + "：无法创建暂存目录：" + ec.message());
    // O_EXCL | O_NOFOLLOW: never write through a link or over a file.
    fd_ = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd_ < 0) return Status::IoError(p.string() + "：无法写入暂存文件：" + std::strerror(errno));
    path_ = p;
    return Status::Ok();
  }
  Status Write(const char* data, size_t n) {
    while (n > 0) {
      const ssize_t w = ::write(fd_, data, n);
      if (w < 0) {
        if (errno == EINTR) continue;
        return Status::IoError(path_.string() + "：写入暂存文件失败：" + std::strerror(errno));
      }
      data += w;
      n -= static_cast<size_t>(w);
    }
    return Status::Ok();
  }
  Status Close() {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) return Status::IoError(path_.string() + "：写入暂存文件失败：" + std::strerror(errno));
    return Status::Ok();
  }

 private:
  int fd_ = -1;
  fs::path path_;
};

class Validator {
 public:
  Validator(const fs::path& zip, const BagLimits& limits, const fs::path& staging, BagReport* report)
      : zip_path_(zip), limits_(limits), staging_(staging), r_(report) {}

  Status Run() {
    r_->zip_name = zip_path_.filename().string();
    std::error_code ec;
    const auto size = fs::file_size(zip_path_, ec);
    if (ec) return Status::NotFound(zip_path_.string() + "：文件不存在或无法读取");
    r_->zip_bytes = size;
    if (size > limits_.max_zip_bytes) {
      Add("zip-too-large", "", 0, "", "压缩包有 " + std::to_string(size) + " 字节，超过上限 " +
                                           std::to_string(limits_.max_zip_bytes) + " 字节，拒绝读取");
      return Status::Ok();
    }
    FZ_RETURN_IF_ERROR(Sha256File(zip_path_, &r_->zip_sha256, nullptr));
    std::unique_ptr<formats::ZipReader> zip;
    Status s = formats::ZipReader::Open(zip_path_, " BagIt 压缩包", "提交包应是把 bag 目录打成的 .zip", &zip);
    if (s.code() == Status::Code::kIoError || s.code() == Status::Code::kNotFound) return s;
    if (!s.ok()) {
      // libzip itself refuses an archive with two members of one name.
      const bool duplicate = s.message().find("重名") != std::string::npos;
      Add(duplicate ? "duplicate-name" : "bad-zip", "", 0, "", s.message());
      return Status::Ok();
    }
    if (!CheckArchive(*zip)) return Status::Ok();  // hostile or broken: read nothing from it
    FZ_RETURN_IF_ERROR(ReadFiles(*zip));
    CheckBagIt();
    CheckInfo();
    CheckManifests();
    CheckPayloadTypes();
    return Status::Ok();
  }

 private:
  void Add(std::string code, std::string file, size_t line, std::string field, std::string message) {
    r_->problems.push_back({std::move(code), std::move(file), line, std::move(field), std::move(message)});
  }

  // Everything the central directory says, before a byte is inflated.
  bool CheckArchive(const formats::ZipReader& zip) {
    const size_t before = r_->problems.size();
    if (zip.size() == 0) {
      Add("empty-zip", "", 0, "", "压缩包是空的");
      return false;
    }
    if (zip.size() > limits_.max_entries) {
      Add("too-many-entries", "", 0, "", "压缩包中有 " + std::to_string(zip.size()) + " 个成员，超过上限 " +
                                              std::to_string(limits_.max_entries) + " 个，拒绝读取");
      return false;
    }
    std::set<std::string> names;
    uint64_t total = 0;
    bool total_reported = false;
    for (uint64_t i = 0; i < zip.size(); ++i) {
      formats::ZipEntryInfo e;
      if (Status s = zip.Stat(i, &e); !s.ok()) {
        Add("bad-zip", "", 0, "", s.message());
        continue;
      }
      bool encoding = false;
      const std::string reason = UnsafeNameReason(e.name, &encoding);
      // A name that is not UTF-8 is shown escaped, never echoed raw.
      std::string shown = e.name;
      if (encoding) {
        shown.clear();
        for (unsigned char c : e.name) {
          static const char* kHex = "0123456789ABCDEF";
          if (c < 0x80 && c >= 0x20) {
            shown += static_cast<char>(c);
          } else {
            shown += "\\x";
            shown += kHex[c >> 4];
            shown += kHex[c & 15];
          }
        }
      }
      const std::string label = "第 " + std::to_string(i + 1) + " 个成员 “" + shown + "”";
      if (!reason.empty()) {
        Add(encoding ? "bad-name-encoding" : "unsafe-path", encoding ? "" : e.name, 0, "", label + "：" + reason);
        continue;
      }
      if (e.symlink) Add("symlink", e.name, 0, "", label + "：是符号链接，提交包中不能有链接");
      if (e.special) Add("special-file", e.name, 0, "", label + "：是设备、管道等特殊文件，提交包中只能有普通文件");
      if (e.encrypted) Add("encrypted", e.name, 0, "", label + "：已加密，请不加密码重新打包");
      std::string key = e.name;
      if (key.ends_with("/")) key.pop_back();
      if (!names.insert(key).second) {
        Add("duplicate-name", e.name, 0, "", label + "：与前面的成员重名（同一路径出现两次）");
      }
      const uint64_t old_total = total;
      if (Status s = formats::CheckDeclaredSize(zip, e, limits_.sizes, &total); !s.ok()) {
        const bool is_total = old_total + e.size > limits_.sizes.max_total_bytes && e.size <= limits_.sizes.max_member_bytes;
        if (!is_total || !total_reported) Add("zip-bomb", e.name, 0, "", s.message());
        total_reported = total_reported || is_total;
        total = old_total + std::min(e.size, limits_.sizes.max_member_bytes);
      }
      if (!e.directory && !e.symlink && !e.special) entries_.push_back(e);
    }
    if (r_->problems.size() != before) return false;
    // The bag is either the zip's top level or its one top-level folder (RFC 8493 §4.2).
    bool at_top = false;
    std::set<std::string> firsts;
    for (const auto& e : entries_) {
      if (e.name == kBagIt) at_top = true;
      firsts.insert(e.name.substr(0, e.name.find('/')));
    }
    if (!at_top) {
      if (firsts.size() == 1 && names.count(*firsts.begin() + "/" + kBagIt)) {
        r_->root = *firsts.begin();
      } else {
        Add("missing-bagit", kBagIt, 0, "",
            "找不到 bagit.txt：压缩包的顶层（或唯一的顶层文件夹）必须是一个 bag，含 bagit.txt、bag-info.txt、"
            "manifest-sha256.txt 和 data/");
        return false;
      }
    }
    return true;
  }

  // Inflates every file once: checksum, first bytes, tag files kept, and the
  // copy in the staging folder when there is one.
  Status ReadFiles(const formats::ZipReader& zip) {
    const std::string prefix = r_->root.empty() ? "" : r_->root + "/";
    for (const auto& e : entries_) {
      const std::string rel = e.name.substr(prefix.size());
      const bool tag = IsTagFile(rel);
      if (tag && e.size > limits_.max_tag_file_bytes) {
        Add("tag-too-large", rel, 0, "", rel + " 有 " + std::to_string(e.size) + " 字节，标签文件不应超过 " +
                                             std::to_string(limits_.max_tag_file_bytes) + " 字节");
        continue;
      }
      ReadFile& f = files_[rel];
      Sha256 hash;
      FileWriter out;
      if (!staging_.empty()) FZ_RETURN_IF_ERROR(out.Open(staging_ / fs::path(rel)));
      Status io;
      Status s = zip.Read(e.index, limits_.sizes.max_member_bytes, [&](const char* p, size_t n) {
        hash.Update(p, n);
        f.bytes += n;
        if (f.head.size() < 4096) f.head.append(p, std::min(n, 4096 - f.head.size()));
        if (tag) f.text.append(p, n);
        if (!staging_.empty()) {
          io = out.Write(p, n);
          return io;
        }
        return Status::Ok();
      });
      if (!io.ok()) return io;  // the disk failed us, not the bag
      if (!s.ok()) {
        Add("bad-member", rel, 0, "", s.message());
        files_.erase(rel);
        continue;
      }
      if (!staging_.empty()) FZ_RETURN_IF_ERROR(out.Close());
      f.sha256 = hash.HexDigest();
    }
    return Status::Ok();
  }

  void CheckBagIt() {
    auto it = files_.find(kBagIt);
    if (it == files_.end()) return;  // CheckArchive already said so
    std::string_view text = it->second.text;
    if (text.starts_with("\xEF\xBB\xBF")) {
      Add("bad-bagit-txt", kBagIt, 1, "", "bagit.txt 第 1 行：开头有 BOM（字节顺序标记），RFC 8493 不允许");
      text.remove_prefix(3);
    }
    std::vector<BagField> fields;
    ParseTagFields(text, kBagIt, &fields, &r_->problems);
    std::string version, encoding;
    for (const BagField& f : fields) {
      if (f.label == "BagIt-Version") version = f.value;
      if (f.label == "Tag-File-Character-Encoding") encoding = f.value;
    }
    if (version.empty()) {
      Add("bad-bagit-txt", kBagIt, 1, "BagIt-Version", "bagit.txt 缺少 BagIt-Version（应为 “BagIt-Version: 1.0”）");
    } else if (version != "1.0" && version != "0.97") {
      Add("bad-bagit-txt", kBagIt, 1, "BagIt-Version", "bagit.txt：不支持的 BagIt-Version “" + version + "”（支持 1.0 和 0.97）");
    }
    if (Lower(encoding) != "utf-8") {
      Add("bad-bagit-txt", kBagIt, 2, "Tag-File-Character-Encoding",
          "bagit.txt 的 Tag-File-Character-Encoding 必须是 UTF-8" +
              (encoding.empty() ? std::string("（缺少这一行）") : "，而不是 “" + encoding + "”"));
    }
  }

  void CheckInfo() {
    auto it = files_.find(kBagInfo);
    if (it == files_.end()) {
      Add("missing-bag-info", kBagInfo, 0, "",
          "缺少 bag-info.txt：必须写明报送单位（Source-Organization）、行政区划代码和作品信息");
      return;
    }
    ParseTagFields(it->second.text, kBagInfo, &r_->info, &r_->problems);
    std::map<std::string, size_t> seen;
    for (const BagField& f : r_->info) {
      const std::string key = Lower(f.label);
      if (!(key.starts_with("fangzhi-") || key == "bagging-date" || key == "payload-oxum" ||
            key == "source-organization")) {
        continue;
      }
      if (auto [at, fresh] = seen.emplace(key, f.line); !fresh) {
        Add("repeated-field", kBagInfo, f.line, f.label,
            "bag-info.txt 第 " + std::to_string(f.line) + " 行：" + f.label + " 重复（第 " +
                std::to_string(at->second) + " 行已有），只能写一次");
      }
    }
    auto line_of = [&](const char* label) -> size_t {
      const std::string want = Lower(label);
      for (const BagField& f : r_->info) {
        if (Lower(f.label) == want) return f.line;
      }
      return 0;
    };
    for (const char* label : kRequiredFields) {
      if (r_->Info(label).empty()) {
        Add("missing-field", kBagInfo, line_of(label), label, "bag-info.txt 缺少必填项 " + std::string(label));
      }
    }
    auto at = [&](const char* label) {
      return "bag-info.txt 第 " + std::to_string(line_of(label)) + " 行：" + label + " ";
    };
    if (const std::string code = r_->Info("Fangzhi-Region-Code"); !code.empty()) {
      if (const std::string problem = model::RegionCodeProblem(code); !problem.empty()) {
        Add("bad-region-code", kBagInfo, line_of("Fangzhi-Region-Code"), "Fangzhi-Region-Code",
            at("Fangzhi-Region-Code") + problem);
      }
    }
    if (const std::string d = r_->Info("Bagging-Date"); !d.empty() && !IsDate(d)) {
      Add("bad-date", kBagInfo, line_of("Bagging-Date"), "Bagging-Date",
          at("Bagging-Date") + "“" + d + "” 不是有效日期（应为 YYYY-MM-DD，如 2026-11-20）");
    } else if (!d.empty() && d > LatestBaggingDate()) {
      Add("bad-date", kBagInfo, line_of("Bagging-Date"), "Bagging-Date",
          at("Bagging-Date") + "“" + d + "” 晚于今天：打包日期不能在将来（请检查年份）");
    }
    if (const std::string k = r_->Info("Fangzhi-Work-Kind"); !k.empty() && !model::IsKnownKind(k)) {
      Add("bad-kind", kBagInfo, line_of("Fangzhi-Work-Kind"), "Fangzhi-Work-Kind",
          at("Fangzhi-Work-Kind") + "必须是 志书、年鉴、地情资料、期刊、其他 之一，而不是 “" + k + "”");
    }
    if (const std::string id = r_->Info("Fangzhi-Work-Id"); !id.empty() && !model::IsValidWorkId(id)) {
      Add("bad-work-id", kBagInfo, line_of("Fangzhi-Work-Id"), "Fangzhi-Work-Id",
          at("Fangzhi-Work-Id") + "“" + id + "” 不能用作作品编号（只能用字母、数字、汉字、- _ .）");
    }
    if (const std::string y = r_->Info("Fangzhi-Year"); !y.empty()) {
      const bool ok = y.size() == 4 && std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (!ok) {
        Add("bad-year", kBagInfo, line_of("Fangzhi-Year"), "Fangzhi-Year",
            at("Fangzhi-Year") + "应为 4 位数字的年份，而不是 “" + y + "”");
      }
    }
  }

  void CheckManifests() {
    auto it = files_.find(kManifest);
    if (it == files_.end()) {
      std::string others;
      for (const auto& [rel, f] : files_) {
        if (rel.starts_with("manifest-")) others += (others.empty() ? "" : "、") + rel;
      }
      Add("missing-manifest", kManifest, 0, "",
          "缺少 manifest-sha256.txt：每个载荷文件都必须有 SHA-256 校验值" +
              (others.empty() ? std::string() : "（包中只有 " + others + "，方志平台要求 SHA-256）"));
    } else {
      std::vector<ManifestLine> lines;
      ParseManifest(it->second.text, kManifest, &lines, &r_->problems);
      std::set<std::string> listed;
      for (const ManifestLine& m : lines) {
        const std::string at = std::string(kManifest) + " 第 " + std::to_string(m.line) + " 行：";
        if (!m.path.starts_with("data/")) {
          Add("manifest-path", kManifest, m.line, "", at + "“" + m.path + "” 不在 data/ 下，载荷清单只能列 data/ 中的文件");
          continue;
        }
        if (!listed.insert(m.path).second) {
          Add("manifest-duplicate", kManifest, m.line, "", at + m.path + " 列了不止一次");
          continue;
        }
        CheckListed(kManifest, m, at);
      }
      for (const auto& [rel, f] : files_) {
        if (rel.starts_with("data/") && !listed.count(rel)) {
          Add("missing-checksum", rel, 0, "", rel + "：载荷文件没有列在 manifest-sha256.txt 中（缺少校验值）");
        }
      }
    }
    bool payload = false;
    for (const auto& [rel, f] : files_) {
      if (rel.starts_with("data/")) {
        payload = true;
        r_->payload.push_back({rel, f.bytes, f.sha256, PayloadType::kUnknown});
      }
    }
    if (!payload) Add("missing-payload", "data/", 0, "", "载荷目录 data/ 不存在或是空的");
    if (auto t = files_.find(kTagManifest); t != files_.end()) {
      std::vector<ManifestLine> lines;
      ParseManifest(t->second.text, kTagManifest, &lines, &r_->problems);
      for (const ManifestLine& m : lines) {
        const std::string at = std::string(kTagManifest) + " 第 " + std::to_string(m.line) + " 行：";
        if (m.path.starts_with("data/") || m.path == kTagManifest) {
          Add("manifest-path", kTagManifest, m.line, "", at + "“" + m.path + "” 不是标签文件，不能列在标签清单中");
          continue;
        }
        CheckListed(kTagManifest, m, at);
      }
    }
    // Payload-Oxum: "octets.files" of the payload (RFC 8493 §2.2.2).
    if (const std::string oxum = r_->Info("Payload-Oxum"); !oxum.empty()) {
      const size_t dot = oxum.find('.');
      uint64_t declared_octets = 0, declared_files = 0;
      bool parsed = dot != std::string::npos;
      if (parsed) {
        const char* begin = oxum.data();
        auto [p1, e1] = std::from_chars(begin, begin + dot, declared_octets);
        auto [p2, e2] = std::from_chars(begin + dot + 1, begin + oxum.size(), declared_files);
        parsed = e1 == std::errc() && p1 == begin + dot && e2 == std::errc() && p2 == begin + oxum.size();
      }
      uint64_t octets = 0;
      for (const auto& p : r_->payload) octets += p.bytes;
      const std::string actual = std::to_string(octets) + "." + std::to_string(r_->payload.size());
      if (!parsed) {
        Add("bad-oxum", kBagInfo, line_of_info("Payload-Oxum"), "Payload-Oxum",
            "bag-info.txt：Payload-Oxum “" + oxum + "” 应为 “字节数.文件数”，如 “" + actual + "”");
      } else if (declared_octets != octets || declared_files != r_->payload.size()) {
        Add("oxum-mismatch", kBagInfo, line_of_info("Payload-Oxum"), "Payload-Oxum",
            "bag-info.txt：Payload-Oxum 写的是 " + oxum + "，实际载荷为 " + actual + "（字节数.文件数），文件可能缺失或被改动");
      }
    }
  }

  size_t line_of_info(const char* label) const {
    const std::string want = Lower(label);
    for (const BagField& f : r_->info) {
      if (Lower(f.label) == want) return f.line;
    }
    return 0;
  }

  void CheckListed(const char* manifest, const ManifestLine& m, const std::string& at) {
    auto f = files_.find(m.path);
    if (f == files_.end()) {
      Add("missing-file", m.path, m.line, "", at + "清单中列出的 " + m.path + " 在包中不存在");
    } else if (f->second.sha256 != m.checksum) {
      Add("checksum-mismatch", m.path, m.line, "",
          at + m.path + " 的 SHA-256 不符（清单 " + m.checksum + "，实际 " + f->second.sha256 + "），文件可能已损坏或被改动");
    }
    (void)manifest;
  }

  void CheckPayloadTypes() {
    for (PayloadFile& p : r_->payload) {
      std::string mismatch;
      p.type = DetectType(p.path, files_[p.path].head, &mismatch);
      if (p.type == PayloadType::kUnknown) {
        Add("unknown-file-type", p.path, 0, "",
            p.path + "：无法识别的文件类型；载荷只能是页面图像（.jpg .png .tif .jp2）、ALTO（.xml）、"
                     ".docx、.md 或 .txt");
      } else if (!mismatch.empty()) {
        Add("file-type-mismatch", p.path, 0, "", p.path + "：" + mismatch);
      }
    }
  }

  fs::path zip_path_;
  const BagLimits& limits_;
  fs::path staging_;
  BagReport* r_;
  std::vector<formats::ZipEntryInfo> entries_;
  std::map<std::string, ReadFile> files_;  // path relative to the bag → what was read
};

}  // namespace

Status ValidateBag(const fs::path& zip, const BagLimits& limits, const fs::path& staging, BagReport* report) {
  *report = BagReport();
  Validator v(zip, limits, staging, report);
  return v.Run();
}

}  // namespace fangzhi::submission
