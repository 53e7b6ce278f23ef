// IIIF Presentation API 3.0: one manifest per work and edition, one canvas
// per scanned page in order, the scan as the canvas's painting annotation
// (with its Image API 3.0 service), and the OCR lines as supplementing
// annotations targeting their boxes. Chinese string-bound books (vertical
// lines) are "right-to-left" and "paged".
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "iiif/page_index.h"
#include "model/work.h"

namespace fangzhi::iiif {

inline constexpr const char* kPresentationContext = "http://iiif.io/api/presentation/3/context.json";

struct ManifestInput {
  std::string base_url;  // "http://host:port", no trailing '/'
  model::Work work;
  std::string edition_id;
  std::string edition_label;
  std::vector<PageImage> pages;
};

// The manifest's own URL: BASE/iiif/3/manifest/WORK/EDITION.
std::string ManifestUrl(const std::string& base_url, const std::string& work_id, const std::string& edition);
// The image service URL of an identifier: BASE/iiif/3/ENCODED-ID.
std::string ImageServiceUrl(const std::string& base_url, const std::string& identifier);

nlohmann::ordered_json BuildManifest(const ManifestInput& in);

// A Creative Commons or RightsStatements.org URI for a licence as the
// library records it ("CC BY-SA 4.0", "CC0-1.0"), or "" when none fits.
std::string RightsUri(const std::string& licence);

}  // namespace fangzhi::iiif
