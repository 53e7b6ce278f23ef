// OCR of one page through Tesseract's C++ API (libtesseract), not a shell-out.
// One OcrEngine per thread: a TessBaseAPI is not thread-safe, and OpenMP
// inside Tesseract must be off (OMP_THREAD_LIMIT=1, see InitOcrEnvironment)
// because pages already run in parallel.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "base/status.h"
#include "digitize/ocr_page.h"

namespace fangzhi::digitize {

enum class LangChoice { kAuto, kChiSim, kChiTra, kChiTraVert };
enum class LayoutChoice { kAuto, kHorizontal, kVertical };

bool ParseLangChoice(const std::string& s, LangChoice* out);      // chi_sim|chi_tra|chi_tra_vert|auto
bool ParseLayoutChoice(const std::string& s, LayoutChoice* out);  // horizontal|vertical|auto

struct OcrOptions {
  LangChoice lang = LangChoice::kAuto;
  LayoutChoice layout = LayoutChoice::kAuto;
  // Where the *.traineddata files are; empty = Tesseract's default
  // (TESSDATA_PREFIX or /usr/share/tesseract-ocr/5/tessdata).
  std::string tessdata_dir;
};

// Sets OMP_THREAD_LIMIT=1 unless the user set it. Must run before the first
// TessBaseAPI is created (OpenMP reads it once, at start-up of its runtime).
void InitOcrEnvironment();

// Checks that the traineddata the options need exist; the error names the
// missing file and the Debian package that provides it.
Status CheckTrainedData(const OcrOptions& options);

class OcrEngine {
 public:
  explicit OcrEngine(OcrOptions options);
  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // Reads the image (any format leptonica reads: PNG, JPEG, TIFF …),
  // decides layout and language (when auto), recognizes it.
  Status Recognize(const std::filesystem::path& image, OcrPage* page);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Layout guess from projection profiles of the binarized page: text set in
// vertical columns leaves long white gaps between columns (the column
// profile is strongly periodic) and none between rows, horizontal text the
// reverse. Exposed for tests. Input is a 1-bit image as rows of 0/1 bytes.
Layout GuessLayoutFromProfiles(const std::vector<int>& row_ink, const std::vector<int>& col_ink);

}  // namespace fangzhi::digitize
