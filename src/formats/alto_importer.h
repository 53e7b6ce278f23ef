// A folder of ALTO files (one per page, e.g. from `fangzhi ocr`) plus the page
// images they describe, imported as one work with page anchors.
//
// Store convention (docs/digitize.md; the IIIF viewer, proofreading and the
// BagIt ingest rely on it): the base edition "ocr" has one node (key "1")
// whose blocks are, for each page in order,
//   - a kPage block, attrs {"page": "1", "image": "images/<work-id>/<file>",
//     "width": px, "height": px, "alto": "<ALTO file name>"}, then
//   - one kText block per ALTO TextLine, attrs {"line": TextLine ID,
//     "box": "x,y,w,h" (image pixels), "conf": one ASCII digit per code point
//     of the text = min(9, floor(confidence×10)), "dir": "ttb" for vertical
//     lines (absent for horizontal)};
// `para` counts ALTO TextBlocks (one paragraph per TextBlock). The text is
// exactly the ALTO CONTENT of the line's Strings, in the ALTO's reading order.
//
// Pages are ordered by the ALTO file names (natural order: p2 before p10).
// Metadata: an optional fangzhi.yaml in the folder (id, title, kind, region,
// place, dynasty, year, period, compilers, source, licence); without it the
// id and title come from the folder name.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/status.h"
#include "formats/page_images.h"
#include "model/document.h"

namespace fangzhi::formats {

inline constexpr const char* kAltoMetadataFile = "fangzhi.yaml";
inline constexpr const char* kAltoEditionId = "ocr";

// True when the folder holds at least one *.alto.xml or ALTO *.xml file
// (root element <alto>).
bool LooksLikeAltoFolder(const std::filesystem::path& folder);

// Parses every ALTO file of `folder`; `images` (may be null) receives the
// page images to copy into the data dir (PageImageStaging). Errors name the
// file and, for malformed XML, the line.
Status ImportAltoFolder(const std::filesystem::path& folder, model::Document* doc,
                        std::vector<PageImage>* images);

// One ALTO page, parsed: what ImportAltoFolder builds on, for callers that
// take ALTO from elsewhere (a BagIt payload). `alto_file` is read from disk;
// `work_id` goes into the page block's image path.
struct AltoPage {
  std::string alto_name;                 // file name of the ALTO
  std::filesystem::path image;           // resolved image path on disk
  std::string image_name;                // file name stored under images/<work-id>/
  int width = 0, height = 0;
  std::vector<model::Block> blocks;      // text blocks only (para numbers 1-based within the page)
};
Status ParseAltoFile(const std::filesystem::path& alto_file, AltoPage* page);

}  // namespace fangzhi::formats
