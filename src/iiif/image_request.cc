#include "iiif/image_request.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace fangzhi::iiif {
namespace {

std::string Quote(std::string_view s) {
  // A hostile request may carry anything: show a bounded prefix.
  return "“" + std::string(s.substr(0, 80)) + (s.size() > 80 ? "…" : "") + "”";
}

// A non-negative decimal integer of at most 9 digits: no sign, no spaces.
bool ParseInt(std::string_view s, int* out) {
  if (s.empty() || s.size() > 9) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

// A non-negative decimal number: "12", "12.5", ".5", "12." — nothing else.
bool ParseNumber(std::string_view s, double* out) {
  if (s.empty() || s.size() > 20) return false;
  bool dot = false, digit = false;
  for (char c : s) {
    if (c == '.') {
      if (dot) return false;
      dot = true;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else {
      return false;
    }
  }
  if (!digit) return false;
  *out = std::stod(std::string(s));
  return true;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string_view::npos ? s.npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return out;
}

Status ParseRegion(std::string_view s, Region* r) {
  const std::string bad = "区域（region）参数 " + Quote(s) + " 不合法：应为 full、square、x,y,w,h 或 pct:x,y,w,h";
  if (s == "full") {
    r->kind = Region::Kind::kFull;
    return Status::Ok();
  }
  if (s == "square") {
    r->kind = Region::Kind::kSquare;
    return Status::Ok();
  }
  const bool pct = s.starts_with("pct:");
  const auto parts = Split(pct ? s.substr(4) : s, ',');
  if (parts.size() != 4) return Status::InvalidInput(bad);
  double v[4];
  for (int i = 0; i < 4; ++i) {
    if (pct) {
      if (!ParseNumber(parts[i], &v[i])) return Status::InvalidInput(bad);
    } else {
      int n = 0;
      if (!ParseInt(parts[i], &n)) return Status::InvalidInput(bad);
      v[i] = n;
    }
  }
  if (v[2] <= 0 || v[3] <= 0) {
    return Status::InvalidInput("区域（region）参数 " + Quote(s) + " 的宽和高必须大于 0");
  }
  if (pct && (v[0] > 100 || v[1] > 100)) {
    return Status::InvalidInput("区域（region）参数 " + Quote(s) + " 的百分比起点不能超过 100");
  }
  r->kind = pct ? Region::Kind::kPercent : Region::Kind::kPixels;
  r->x = v[0];
  r->y = v[1];
  r->w = v[2];
  r->h = v[3];
  return Status::Ok();
}

Status ParseSize(std::string_view s, Size* z) {
  const std::string bad = "尺寸（size）参数 " + Quote(s) +
                          " 不合法：应为 max、w,、,h、pct:n、w,h 或 !w,h（可加前缀 ^ 表示允许放大）";
  Size out;
  std::string_view t = s;
  if (t.starts_with("^")) {
    out.upscale = true;
    t.remove_prefix(1);
  }
  if (t == "max") {
    out.kind = Size::Kind::kMax;
    *z = out;
    return Status::Ok();
  }
  if (t.starts_with("pct:")) {
    if (!ParseNumber(t.substr(4), &out.percent) || out.percent <= 0) return Status::InvalidInput(bad);
    if (out.percent > 100 && !out.upscale) {
      return Status::InvalidInput("尺寸（size）参数 " + Quote(s) + " 超过 100%：放大须写作 ^pct:n");
    }
    out.kind = Size::Kind::kPercent;
    *z = out;
    return Status::Ok();
  }
  bool best_fit = false;
  if (t.starts_with("!")) {
    best_fit = true;
    t.remove_prefix(1);
  }
  const size_t comma = t.find(',');
  if (comma == std::string_view::npos) return Status::InvalidInput(bad);
  const std::string_view ws = t.substr(0, comma), hs = t.substr(comma + 1);
  const bool has_w = !ws.empty(), has_h = !hs.empty();
  if ((has_w && !ParseInt(ws, &out.w)) || (has_h && !ParseInt(hs, &out.h))) return Status::InvalidInput(bad);
  if ((has_w && out.w == 0) || (has_h && out.h == 0)) {
    return Status::InvalidInput("尺寸（size）参数 " + Quote(s) + " 的宽和高必须大于 0");
  }
  if (best_fit) {
    if (!has_w || !has_h) return Status::InvalidInput(bad);
    out.kind = Size::Kind::kBestFit;
  } else if (has_w && has_h) {
    out.kind = Size::Kind::kExact;
  } else if (has_w) {
    out.kind = Size::Kind::kWidth;
  } else if (has_h) {
    out.kind = Size::Kind::kHeight;
  } else {
    return Status::InvalidInput(bad);
  }
  *z = out;
  return Status::Ok();
}

Status ParseRotation(std::string_view s, int* rotation, bool* mirror) {
  std::string_view t = s;
  *mirror = false;
  if (t.starts_with("!")) {
    *mirror = true;
    t.remove_prefix(1);
  }
  double deg = 0;
  if (!ParseNumber(t, &deg) || deg > 360) {
    return Status::InvalidInput("旋转（rotation）参数 " + Quote(s) + " 不合法：应为 0 至 360 的数，可加前缀 !（镜像）");
  }
  if (std::fmod(deg, 90.0) != 0) {
    return Status::Unsupported("旋转（rotation）" + Quote(s) + "：本服务只支持 0、90、180、270 度");
  }
  *rotation = static_cast<int>(deg) % 360;
  return Status::Ok();
}

Status ParseQualityFormat(std::string_view s, Quality* q, Format* f) {
  const size_t dot = s.rfind('.');
  if (dot == std::string_view::npos) {
    return Status::InvalidInput("最后一段 " + Quote(s) + " 应为 质量.格式，如 default.jpg");
  }
  const std::string_view qs = s.substr(0, dot), fs = s.substr(dot + 1);
  if (qs == "default") {
    *q = Quality::kDefault;
  } else if (qs == "color") {
    *q = Quality::kColor;
  } else if (qs == "gray") {
    *q = Quality::kGray;
  } else if (qs == "bitonal") {
    *q = Quality::kBitonal;
  } else {
    return Status::InvalidInput("质量（quality）参数 " + Quote(qs) + " 不合法：应为 default、color、gray 或 bitonal");
  }
  if (fs == "jpg") {
    *f = Format::kJpg;
  } else if (fs == "png") {
    *f = Format::kPng;
  } else if (fs == "tif" || fs == "gif" || fs == "pdf" || fs == "jp2" || fs == "webp") {
    return Status::Unsupported("格式（format）" + Quote(fs) + "：本服务只提供 jpg 和 png");
  } else {
    return Status::InvalidInput("格式（format）参数 " + Quote(fs) + " 不合法：应为 jpg 或 png");
  }
  return Status::Ok();
}

int RoundPositive(double v) { return std::max(1, static_cast<int>(std::lround(v))); }

}  // namespace

Status ParseImageRequest(std::string_view region, std::string_view size, std::string_view rotation,
                         std::string_view quality_format, ImageRequest* out) {
  ImageRequest r;
  FZ_RETURN_IF_ERROR(ParseRegion(region, &r.region));
  FZ_RETURN_IF_ERROR(ParseSize(size, &r.size));
  FZ_RETURN_IF_ERROR(ParseRotation(rotation, &r.rotation, &r.mirror));
  FZ_RETURN_IF_ERROR(ParseQualityFormat(quality_format, &r.quality, &r.format));
  *out = r;
  return Status::Ok();
}

Status PlanImageRequest(const ImageRequest& req, int width, int height, const Limits& limits, Plan* out) {
  if (width <= 0 || height <= 0) return Status::Corruption("图像尺寸无效");
  Plan p;
  const Region& r = req.region;
  switch (r.kind) {
    case Region::Kind::kFull:
      p.w = width;
      p.h = height;
      break;
    case Region::Kind::kSquare: {
      const int side = std::min(width, height);
      p.x = (width - side) / 2;
      p.y = (height - side) / 2;
      p.w = p.h = side;
      break;
    }
    case Region::Kind::kPixels:
    case Region::Kind::kPercent: {
      double x = r.x, y = r.y, w = r.w, h = r.h;
      if (r.kind == Region::Kind::kPercent) {
        x = x * width / 100;
        y = y * height / 100;
        w = w * width / 100;
        h = h * height / 100;
      }
      const int64_t ix = std::llround(std::floor(x)), iy = std::llround(std::floor(y));
      if (ix >= width || iy >= height) {
        return Status::InvalidInput("区域在图像之外（图像为 " + std::to_string(width) + "×" +
                                    std::to_string(height) + " 像素）");
      }
      // A region reaching past the edge is cut at the edge (Image API 3.0 §4.1).
      const int64_t iw = std::min<int64_t>(std::llround(w), width - ix);
      const int64_t ih = std::min<int64_t>(std::llround(h), height - iy);
      if (iw <= 0 || ih <= 0) return Status::InvalidInput("区域不足一个像素");
      p.x = static_cast<int>(ix);
      p.y = static_cast<int>(iy);
      p.w = static_cast<int>(iw);
      p.h = static_cast<int>(ih);
      break;
    }
  }
  const Size& z = req.size;
  const double rw = p.w, rh = p.h;
  const std::string too_big = "尺寸大于所取区域（" + std::to_string(p.w) + "×" + std::to_string(p.h) +
                              "）；放大须加前缀 ^";
  switch (z.kind) {
    case Size::Kind::kMax: {
      double scale = std::min({limits.max_width / rw, limits.max_height / rh,
                               std::sqrt(static_cast<double>(limits.max_area) / (rw * rh))});
      if (!z.upscale) scale = std::min(scale, 1.0);
      p.out_w = scale == 1.0 ? p.w : std::max(1, static_cast<int>(std::floor(rw * scale)));
      p.out_h = scale == 1.0 ? p.h : std::max(1, static_cast<int>(std::floor(rh * scale)));
      break;
    }
    case Size::Kind::kWidth:
      p.out_w = z.w;
      p.out_h = RoundPositive(rh * z.w / rw);
      break;
    case Size::Kind::kHeight:
      p.out_h = z.h;
      p.out_w = RoundPositive(rw * z.h / rh);
      break;
    case Size::Kind::kPercent:
      p.out_w = static_cast<int>(std::lround(rw * z.percent / 100));
      p.out_h = static_cast<int>(std::lround(rh * z.percent / 100));
      if (p.out_w <= 0 || p.out_h <= 0) return Status::InvalidInput("按此百分比缩放后不足一个像素");
      break;
    case Size::Kind::kExact:
      p.out_w = z.w;
      p.out_h = z.h;
      break;
    case Size::Kind::kBestFit: {
      double scale = std::min(z.w / rw, z.h / rh);
      if (!z.upscale) scale = std::min(scale, 1.0);
      p.out_w = std::min(z.w, RoundPositive(rw * scale));
      p.out_h = std::min(z.h, RoundPositive(rh * scale));
      if (!z.upscale) {
        p.out_w = std::min(p.out_w, p.w);
        p.out_h = std::min(p.out_h, p.h);
      }
      break;
    }
  }
  if (!z.upscale && (p.out_w > p.w || p.out_h > p.h)) return Status::InvalidInput(too_big);
  if (p.out_w > limits.max_width || p.out_h > limits.max_height ||
      static_cast<int64_t>(p.out_w) * p.out_h > limits.max_area) {
    return Status::InvalidInput("所请求的图像（" + std::to_string(p.out_w) + "×" + std::to_string(p.out_h) +
                                "）超过本服务的上限（见 info.json 的 maxWidth、maxHeight、maxArea）");
  }
  p.rotation = req.rotation;
  p.mirror = req.mirror;
  p.quality = req.quality;
  p.format = req.format;
  *out = p;
  return Status::Ok();
}

std::string Plan::CanonicalKey() const {
  // default and color are the same pixels for the colour images we serve.
  const char* q = quality == Quality::kGray ? "gray" : quality == Quality::kBitonal ? "bitonal" : "default";
  return std::to_string(x) + "," + std::to_string(y) + "," + std::to_string(w) + "," + std::to_string(h) + "/" +
         std::to_string(out_w) + "," + std::to_string(out_h) + "/" + (mirror ? "!" : "") +
         std::to_string(rotation) + "/" + q + "." + FormatExtension(format);
}

const char* FormatExtension(Format f) { return f == Format::kPng ? "png" : "jpg"; }
const char* FormatMediaType(Format f) { return f == Format::kPng ? "image/png" : "image/jpeg"; }

}  // namespace fangzhi::iiif
