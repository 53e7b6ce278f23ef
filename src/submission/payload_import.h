// From a bag's unpacked payload to the work it carries: the one text
// document goes through the importer for its format, and bag-info's
// declaration (id, title, kind, region, licence, who sent it) becomes the
// work's metadata. The text itself is stored exactly as the file holds it.
#pragma once

#include <filesystem>
#include <vector>

#include "formats/page_images.h"
#include "model/document.h"
#include "submission/bag.h"

namespace fangzhi::submission {

// `staging` holds the bag as ValidateBag unpacked it. The text is one .md,
// .docx or .txt file, or the ALTO files of one folder with their page images
// (returned in `images`, each checked to be a payload file of the bag).
// Problems (no text, several texts, a document the importer refuses) are
// appended to `problems` with the payload path in place of the staging folder.
void BuildWork(const BagReport& report, const std::filesystem::path& staging, model::Document* doc,
               std::vector<formats::PageImage>* images, std::vector<Problem>* problems);

}  // namespace fangzhi::submission
