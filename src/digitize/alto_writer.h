// ALTO 4.3 (https://www.loc.gov/standards/alto/) for one OCR'd page, with
// pugixml: Description/sourceImageInformation, a ReadingOrder (OrderedGroup of
// the TextBlocks; right to left for vertical pages), Layout/Page/PrintSpace/
// TextBlock/TextLine/String with one String per character (CJK has no
// words), WC confidences and pixel boxes (MeasurementUnit pixel). Vertical
// TextLines carry BASEDIRECTION="ttb".
#pragma once

#include <filesystem>
#include <string>

#include "base/status.h"
#include "digitize/ocr_page.h"

namespace fangzhi::digitize {

std::string AltoXml(const OcrPage& page);

// Writes OUT/<stem>.alto.xml and OUT/<stem>.txt, each to a temporary name
// first and renamed into place; the ALTO is renamed last, so its presence
// means the page is complete (what a rerun checks).
Status WritePageOutputs(const OcrPage& page, const std::filesystem::path& out_dir, const std::string& stem);

// True when OUT/<stem>.alto.xml exists, parses, and its text file exists:
// a rerun skips such pages.
bool PageOutputsComplete(const std::filesystem::path& out_dir, const std::string& stem);

}  // namespace fangzhi::digitize
