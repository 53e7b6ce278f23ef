// The parameters of an IIIF Image API 3.0 request,
// {region}/{size}/{rotation}/{quality}.{format}, parsed strictly (every bad
// value is an error naming the parameter) and then resolved against one
// image's size into the pixels to cut and the pixels to return.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace fangzhi::iiif {

struct Region {
  enum class Kind { kFull, kSquare, kPixels, kPercent };
  Kind kind = Kind::kFull;
  double x = 0, y = 0, w = 0, h = 0;  // pixels or percent
};

struct Size {
  enum class Kind { kMax, kWidth, kHeight, kPercent, kExact, kBestFit };
  Kind kind = Kind::kMax;
  bool upscale = false;  // the "^" prefix
  int w = 0, h = 0;
  double percent = 0;
};

enum class Quality { kDefault, kColor, kGray, kBitonal };
enum class Format { kJpg, kPng };

struct ImageRequest {
  Region region;
  Size size;
  int rotation = 0;  // 0, 90, 180 or 270, clockwise
  bool mirror = false;
  Quality quality = Quality::kDefault;
  Format format = Format::kJpg;
};

// `quality_format` is the last path segment, e.g. "default.jpg". A value the
// syntax does not allow is InvalidInput (HTTP 400); one the syntax allows
// but this server does not do (rotation 45, format webp) is Unsupported
// (HTTP 501).
Status ParseImageRequest(std::string_view region, std::string_view size, std::string_view rotation,
                         std::string_view quality_format, ImageRequest* out);

// What the server allows one answer to be, as info.json says.
struct Limits {
  int max_width = 10000;
  int max_height = 10000;
  int64_t max_area = 40'000'000;
};

// A request resolved against an image of width × height.
struct Plan {
  int x = 0, y = 0, w = 0, h = 0;  // the region, inside the image
  int out_w = 0, out_h = 0;         // scaled, before rotation
  int rotation = 0;
  bool mirror = false;
  Quality quality = Quality::kDefault;
  Format format = Format::kJpg;

  // "x,y,w,h/out_w,out_h/!rot/quality.format": two requests that make the
  // same pixels have the same key (the tile cache's).
  std::string CanonicalKey() const;
};

// Errors: a region outside the image or of zero size, a size larger than
// the region without "^", or larger than `limits` (InvalidInput).
Status PlanImageRequest(const ImageRequest& req, int width, int height, const Limits& limits, Plan* out);

const char* FormatExtension(Format f);    // "jpg", "png"
const char* FormatMediaType(Format f);    // "image/jpeg", "image/png"

}  // namespace fangzhi::iiif
