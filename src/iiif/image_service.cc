#include "iiif/image_service.h"

#include <sys/stat.h>
#include <vips/vips.h>

#include <mutex>
#include <nlohmann/json.hpp>

#include "model/citation.h"
#include "text/utf8.h"

namespace fangzhi::iiif {
namespace fs = std::filesystem;
namespace {

constexpr size_t kMaxIdentifierBytes = 400;

void InitVips() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Without a program name vips_init still works; it only looks for its
    // own modules next to the binary.
    if (VIPS_INIT("fangzhi") != 0) vips_error_clear();
    // Files stay decoded in vips' operation cache; a bounded number of them,
    // so that a long-running server over many pages keeps a flat footprint.
    vips_cache_set_max_files(16);
    vips_cache_set_max_mem(256 * 1024 * 1024);
  });
}

// Owns one reference to a VipsImage.
class Img {
 public:
  Img() = default;
  explicit Img(VipsImage* p) : p_(p) {}
  Img(const Img&) = delete;
  Img& operator=(const Img&) = delete;
  ~Img() { Reset(nullptr); }
  void Reset(VipsImage* p) {
    if (p_ != nullptr) g_object_unref(p_);
    p_ = p;
  }
  VipsImage* get() const { return p_; }
  VipsImage** out() {
    Reset(nullptr);
    return &p_;
  }
  // Takes over `o`'s reference.
  void Take(Img& o) {
    Reset(o.p_);
    o.p_ = nullptr;
  }

 private:
  VipsImage* p_ = nullptr;
};

Status VipsFailure(const std::string& what) {
  std::string detail = vips_error_buffer();
  vips_error_clear();
  while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
  return Status::IoError(what + "（libvips：" + detail.substr(0, 300) + "）");
}

bool HasImageExtension(std::string_view name) {
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string ext(name.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == "png" || ext == "jpg" || ext == "jpeg" || ext == "tif" || ext == "tiff" || ext == "webp";
}

bool IsPlainFileName(std::string_view s) {
  if (s.empty() || s.size() > 255 || s.front() == '.') return false;
  for (unsigned char c : s) {
    if (c >= 0x80) continue;
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') continue;
    return false;
  }
  return true;
}

}  // namespace

Status ValidateIdentifier(std::string_view id) {
  const std::string shown = std::string(id.substr(0, 120));
  if (id.empty() || id.size() > kMaxIdentifierBytes) {
    return Status::InvalidInput("图像标识符（identifier）长度不合法");
  }
  if (text::FindInvalidUtf8(id) != text::kValid) {
    return Status::InvalidInput("图像标识符（identifier）不是合法的 UTF-8");
  }
  const size_t slash = id.find('/');
  if (slash == std::string_view::npos || id.find('/', slash + 1) != std::string_view::npos) {
    return Status::InvalidInput("图像标识符（identifier）“" + shown + "” 不合法：应为 作品编号/文件名（其中的 / 写作 %2F）");
  }
  const std::string_view work = id.substr(0, slash), file = id.substr(slash + 1);
  if (!model::IsValidWorkId(work)) {
    return Status::InvalidInput("图像标识符（identifier）“" + shown + "” 中的作品编号不合法");
  }
  if (!IsPlainFileName(file) || !HasImageExtension(file)) {
    return Status::InvalidInput("图像标识符（identifier）“" + shown +
                                "” 中的文件名不合法（须为不以 . 开头的文件名，扩展名 png、jpg、tif 或 webp）");
  }
  return Status::Ok();
}

bool IdentifierForImageAttr(std::string_view image_attr, std::string* identifier) {
  if (!image_attr.starts_with("images/")) return false;
  const std::string_view rest = image_attr.substr(7);
  if (!ValidateIdentifier(rest).ok()) return false;
  *identifier = std::string(rest);
  return true;
}

std::string EncodeIdentifier(std::string_view id) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : id) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

ImageService::ImageService(Options options)
    : options_(std::move(options)), cache_(options_.data_dir / "cache" / "iiif", options_.cache_bytes) {
  InitVips();
}

ImageService::~ImageService() = default;

Status ImageService::Resolve(std::string_view identifier, fs::path* file) const {
  FZ_RETURN_IF_ERROR(ValidateIdentifier(identifier));
  const fs::path root = options_.data_dir / "images";
  const size_t slash = identifier.find('/');
  const fs::path dir = root / std::string(identifier.substr(0, slash));
  const fs::path p = dir / std::string(identifier.substr(slash + 1));
  // The names are plain, so the path cannot climb; a symbolic link still
  // could point anywhere, so none is followed.
  std::error_code ec;
  for (const fs::path& q : {root, dir, p}) {
    const fs::file_status st = fs::symlink_status(q, ec);
    if (ec || st.type() == fs::file_type::not_found) {
      return Status::NotFound("没有图像 " + std::string(identifier.substr(0, 200)));
    }
    if (st.type() == fs::file_type::symlink) {
      return Status::NotFound("没有图像 " + std::string(identifier.substr(0, 200)) + "（不跟随符号链接）");
    }
  }
  if (!fs::is_regular_file(p, ec)) return Status::NotFound("没有图像 " + std::string(identifier.substr(0, 200)));
  *file = p;
  return Status::Ok();
}

Status ImageService::Dimensions(std::string_view identifier, int* width, int* height) const {
  fs::path file;
  FZ_RETURN_IF_ERROR(Resolve(identifier, &file));
  // Only the header is read here; pixels are decoded when a region is cut.
  Img in(vips_image_new_from_file(file.c_str(), nullptr));
  if (in.get() == nullptr) return VipsFailure("无法读取图像 " + file.string());
  *width = vips_image_get_width(in.get());
  *height = vips_image_get_height(in.get());
  return Status::Ok();
}

Status ImageService::Info(std::string_view identifier, const std::string& id, std::string* out) const {
  int w = 0, h = 0;
  FZ_RETURN_IF_ERROR(Dimensions(identifier, &w, &h));
  nlohmann::ordered_json j;
  j["@context"] = kImageContext;
  j["id"] = id;
  j["type"] = "ImageService3";
  j["protocol"] = "http://iiif.io/api/image";
  j["profile"] = "level1";
  j["width"] = w;
  j["height"] = h;
  j["maxWidth"] = options_.limits.max_width;
  j["maxHeight"] = options_.limits.max_height;
  j["maxArea"] = options_.limits.max_area;
  // Scale factors while a tile still covers less than the whole image.
  nlohmann::ordered_json factors = nlohmann::ordered_json::array();
  for (int f = 1;; f *= 2) {
    factors.push_back(f);
    if (static_cast<int64_t>(kTileSize) * f >= std::max(w, h) || f >= 64) break;
  }
  j["tiles"] = nlohmann::ordered_json::array({{{"width", kTileSize}, {"height", kTileSize}, {"scaleFactors", factors}}});
  nlohmann::ordered_json sizes = nlohmann::ordered_json::array();
  for (int f = 64; f >= 1; f /= 2) {
    const int sw = (w + f - 1) / f, sh = (h + f - 1) / f;
    if (std::max(sw, sh) < 96 && f > 1) continue;
    if (static_cast<int64_t>(sw) * sh > options_.limits.max_area) continue;
    sizes.push_back({{"width", sw}, {"height", sh}});
  }
  j["sizes"] = sizes;
  j["extraQualities"] = {"color", "gray", "bitonal"};
  j["extraFormats"] = nlohmann::ordered_json::array();
  j["extraFeatures"] = {"mirroring", "regionByPct", "regionSquare", "rotationBy90s", "sizeByConfinedWh",
                        "sizeByPct", "sizeUpscaling", "sizeByWh"};
  *out = j.dump(2);
  return Status::Ok();
}

Status ImageService::Render(std::string_view identifier, const ImageRequest& request, Rendered* out) {
  fs::path file;
  FZ_RETURN_IF_ERROR(Resolve(identifier, &file));
  Img in(vips_image_new_from_file(file.c_str(), nullptr));
  if (in.get() == nullptr) return VipsFailure("无法读取图像 " + file.string());
  Plan plan;
  FZ_RETURN_IF_ERROR(PlanImageRequest(request, vips_image_get_width(in.get()), vips_image_get_height(in.get()),
                                      options_.limits, &plan));
  // The file's size and time are part of the key: a replaced scan is never
  // answered from the old one's tiles.
  struct stat st{};
  if (::stat(file.c_str(), &st) != 0) return Status::NotFound("没有图像 " + std::string(identifier));
  const std::string key = std::string(identifier) + "\n" + std::to_string(st.st_size) + "\n" +
                          std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + "\n" +
                          plan.CanonicalKey();
  const bool quarter = plan.rotation == 90 || plan.rotation == 270;
  out->width = quarter ? plan.out_h : plan.out_w;
  out->height = quarter ? plan.out_w : plan.out_h;
  out->media_type = FormatMediaType(plan.format);
  if (cache_.Get(key, FormatExtension(plan.format), &out->bytes)) {
    out->from_cache = true;
    return Status::Ok();
  }
  out->from_cache = false;

  Img cur;
  if (vips_extract_area(in.get(), cur.out(), plan.x, plan.y, plan.w, plan.h, nullptr) != 0) {
    return VipsFailure("截取区域失败");
  }
  if (plan.out_w != plan.w || plan.out_h != plan.h) {
    Img scaled;
    const double hs = static_cast<double>(plan.out_w) / plan.w, vs = static_cast<double>(plan.out_h) / plan.h;
    if (vips_resize(cur.get(), scaled.out(), hs, "vscale", vs, nullptr) != 0) return VipsFailure("缩放失败");
    // vips rounds the scaled size itself; make it exactly what was asked.
    const int sw = vips_image_get_width(scaled.get()), sh = vips_image_get_height(scaled.get());
    if (sw != plan.out_w || sh != plan.out_h) {
      Img fixed;
      if (sw >= plan.out_w && sh >= plan.out_h) {
        if (vips_extract_area(scaled.get(), fixed.out(), 0, 0, plan.out_w, plan.out_h, nullptr) != 0) {
          return VipsFailure("缩放失败");
        }
      } else if (vips_embed(scaled.get(), fixed.out(), 0, 0, plan.out_w, plan.out_h, "extend", VIPS_EXTEND_COPY,
                            nullptr) != 0) {
        return VipsFailure("缩放失败");
      }
      scaled.Take(fixed);
    }
    cur.Take(scaled);
  }
  // Image API 3.0 §4.3: mirror first, then rotate clockwise.
  if (plan.mirror) {
    Img m;
    if (vips_flip(cur.get(), m.out(), VIPS_DIRECTION_HORIZONTAL, nullptr) != 0) return VipsFailure("镜像失败");
    cur.Take(m);
  }
  if (plan.rotation != 0) {
    Img r;
    const VipsAngle a = plan.rotation == 90 ? VIPS_ANGLE_D90 : plan.rotation == 180 ? VIPS_ANGLE_D180 : VIPS_ANGLE_D270;
    if (vips_rot(cur.get(), r.out(), a, nullptr) != 0) return VipsFailure("旋转失败");
    cur.Take(r);
  }
  if (vips_image_hasalpha(cur.get()) && plan.format == Format::kJpg) {
    Img flat;
    VipsArrayDouble* white = vips_array_double_newv(1, 255.0);
    const int rc = vips_flatten(cur.get(), flat.out(), "background", white, nullptr);
    vips_area_unref(VIPS_AREA(white));
    if (rc != 0) return VipsFailure("去除透明通道失败");
    cur.Take(flat);
  }
  if (plan.quality == Quality::kGray || plan.quality == Quality::kBitonal) {
    Img g;
    if (vips_colourspace(cur.get(), g.out(), VIPS_INTERPRETATION_B_W, nullptr) != 0) return VipsFailure("转灰度失败");
    cur.Take(g);
    if (vips_image_get_bands(cur.get()) > 1) {
      Img first;
      if (vips_extract_band(cur.get(), first.out(), 0, nullptr) != 0) return VipsFailure("转灰度失败");
      cur.Take(first);
    }
    if (plan.quality == Quality::kBitonal) {
      Img b;
      if (vips_relational_const1(cur.get(), b.out(), VIPS_OPERATION_RELATIONAL_MORE, 127.5, nullptr) != 0) {
        return VipsFailure("二值化失败");
      }
      cur.Take(b);
    }
  }
  void* buf = nullptr;
  size_t len = 0;
  const int rc = plan.format == Format::kPng
                     ? vips_pngsave_buffer(cur.get(), &buf, &len, "compression", 6, "strip", TRUE, nullptr)
                     : vips_jpegsave_buffer(cur.get(), &buf, &len, "Q", 85, "strip", TRUE, nullptr);
  if (rc != 0) return VipsFailure("编码图像失败");
  out->bytes.assign(static_cast<const char*>(buf), len);
  g_free(buf);
  // A cache that cannot be written only costs time.
  (void)cache_.Put(key, FormatExtension(plan.format), out->bytes);
  return Status::Ok();
}

}  // namespace fangzhi::iiif
