// IIIF Image API 3.0 over the page images of the data dir (level 1 and
// more: regions full/square/pixels/percent, every size form, rotation by
// quarter turns and mirroring, qualities default/color/gray/bitonal, jpg and
// png), through libvips. Only files under DATA/images/ are served; an
// identifier is the image's path below that folder, "<work-id>/<file>",
// exactly what a page block's "image" attr holds after "images/".
// Thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "iiif/image_request.h"
#include "iiif/tile_cache.h"

namespace fangzhi::iiif {

inline constexpr const char* kImageContext = "http://iiif.io/api/image/3/context.json";
inline constexpr int kTileSize = 512;

// "images/<work>/<file>" → "<work>/<file>"; false for anything else (remote
// URLs, other folders, unsafe names): such pages get no viewer.
bool IdentifierForImageAttr(std::string_view image_attr, std::string* identifier);

// Checks the form of an identifier: a work id and a plain file name with an
// image extension, no '.'-led segment, valid UTF-8. InvalidInput otherwise.
Status ValidateIdentifier(std::string_view identifier);

// The identifier as one URL path segment ('/' as %2F, as the Image API asks).
std::string EncodeIdentifier(std::string_view identifier);

class ImageService {
 public:
  struct Options {
    std::filesystem::path data_dir;
    uint64_t cache_bytes = 512ull << 20;
    Limits limits;
  };

  explicit ImageService(Options options);
  ~ImageService();

  // The image file of an identifier: InvalidInput for a malformed one,
  // NotFound when no such image is stored (symbolic links are not followed
  // out of the images folder).
  Status Resolve(std::string_view identifier, std::filesystem::path* file) const;

  // Width and height in pixels, from the file's header.
  Status Dimensions(std::string_view identifier, int* width, int* height) const;

  // info.json; `id` is the service's URL (…/iiif/3/<encoded identifier>).
  Status Info(std::string_view identifier, const std::string& id, std::string* json) const;

  struct Rendered {
    std::string bytes;
    const char* media_type = "";
    bool from_cache = false;
    int width = 0, height = 0;  // of the answer
  };
  Status Render(std::string_view identifier, const ImageRequest& request, Rendered* out);

  const Limits& limits() const { return options_.limits; }
  TileCache& cache() { return cache_; }

 private:
  Options options_;
  TileCache cache_;
};

}  // namespace fangzhi::iiif
