#include "digitize/ocr_engine.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <system_error>

#include "digitize/cell_vote.h"
#include "digitize/column_lines.h"

namespace fs = std::filesystem;

namespace fangzhi::digitize {
namespace {

constexpr const char* kDefaultTessdata = "/usr/share/tesseract-ocr/5/tessdata";
// Column width (about one character) chi_tra_vert reads best, in pixels.
constexpr double kVerticalTargetPx = 32.0;

const char* LangName(LangChoice l) {
  switch (l) {
    case LangChoice::kChiSim: return "chi_sim";
    case LangChoice::kChiTra: return "chi_tra";
    case LangChoice::kChiTraVert: return "chi_tra_vert";
    case LangChoice::kAuto: return "auto";
  }
  return "auto";
}

const char* PackageOf(const std::string& lang) {
  if (lang == "chi_sim") return "tesseract-ocr-chi-sim";
  if (lang == "chi_tra") return "tesseract-ocr-chi-tra";
  if (lang == "chi_tra_vert") return "tesseract-ocr-chi-tra-vert";
  return "tesseract-ocr";
}

std::string TessdataDir(const OcrOptions& o) {
  if (!o.tessdata_dir.empty()) return o.tessdata_dir;
  if (const char* env = std::getenv("TESSDATA_PREFIX"); env && *env) return env;
  return kDefaultTessdata;
}

// The languages an option set may need: auto may use either.
std::vector<std::string> NeededLangs(const OcrOptions& o) {
  if (o.lang != LangChoice::kAuto) return {LangName(o.lang)};
  switch (o.layout) {
    case LayoutChoice::kHorizontal: return {"chi_sim"};
    case LayoutChoice::kVertical: return {"chi_tra"};
    case LayoutChoice::kAuto: break;
  }
  return {"chi_sim", "chi_tra"};
}

bool IsCjk(const std::string& utf8) {
  // The first code point decides: CJK ideographs, CJK punctuation, kana,
  // full-width forms. These carry no spaces between them.
  if (utf8.empty()) return false;
  const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
  char32_t cp = 0;
  if (s[0] < 0x80) return false;
  if ((s[0] & 0xE0) == 0xC0 && utf8.size() >= 2) {
    cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
  } else if ((s[0] & 0xF0) == 0xE0 && utf8.size() >= 3) {
    cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
  } else if ((s[0] & 0xF8) == 0xF0 && utf8.size() >= 4) {
    cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
  }
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFFEF) || cp >= 0x20000;
}

// Longest white run strictly inside the inked extent of a profile.
int MaxInteriorGap(const std::vector<int>& ink, int threshold) {
  size_t first = 0, last = ink.size();
  while (first < ink.size() && ink[first] <= threshold) ++first;
  while (last > first && ink[last - 1] <= threshold) --last;
  int best = 0, run = 0;
  for (size_t i = first; i < last; ++i) {
    run = ink[i] <= threshold ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

// Specks of noise put a little ink everywhere: a row or column counts as
// white up to 2 % of the fullest one.
int NoiseThreshold(const std::vector<int>& ink) {
  const int peak = ink.empty() ? 0 : *std::max_element(ink.begin(), ink.end());
  return peak / 50;
}

// Mean length of the white runs strictly inside the inked extent of a
// profile (margins excluded): the gaps between lines or columns.
double MeanInteriorGap(const std::vector<int>& ink, int threshold) {
  size_t first = 0, last = ink.size();
  while (first < ink.size() && ink[first] <= threshold) ++first;
  while (last > first && ink[last - 1] <= threshold) --last;
  size_t runs = 0, total = 0, run = 0;
  for (size_t i = first; i < last; ++i) {
    if (ink[i] <= threshold) {
      ++run;
    } else if (run > 0) {
      ++runs;
      total += run;
      run = 0;
    }
  }
  return runs == 0 ? 0.0 : static_cast<double>(total) / static_cast<double>(runs);
}

// Mean length of the inked runs of a profile: the thickness of a text line
// (or column) across its direction, about one character size.
double MeanInkRun(const std::vector<int>& ink) {
  const int threshold = NoiseThreshold(ink);
  size_t runs = 0, total = 0, run = 0;
  for (int v : ink) {
    if (v > threshold) {
      ++run;
    } else if (run > 0) {
      ++runs;
      total += run;
      run = 0;
    }
  }
  if (run > 0) {
    ++runs;
    total += run;
  }
  return runs == 0 ? 0.0 : static_cast<double>(total) / static_cast<double>(runs);
}

struct PixDeleter {
  void operator()(Pix* p) const {
    if (p) pixDestroy(&p);
  }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

struct PageGeometry {
  Layout layout = Layout::kHorizontal;
  std::vector<int> rows, cols;  // ink per row / column after deskewing
};

PageGeometry MeasurePage(Pix* pix) {
  PageGeometry g;
  // Binarize (Otsu-like adaptive threshold) and deskew, then project.
  PixPtr gray(pixConvertTo8(pix, 0));
  if (!gray) return g;
  Pix* bin_raw = nullptr;
  if (pixOtsuAdaptiveThreshold(gray.get(), 2000, 2000, 0, 0, 0.0f, nullptr, &bin_raw) != 0 || !bin_raw) {
    return g;
  }
  PixPtr bin(bin_raw);
  PixPtr straight(pixDeskew(bin.get(), 0));
  Pix* p = straight ? straight.get() : bin.get();
  const int w = static_cast<int>(pixGetWidth(p)), h = static_cast<int>(pixGetHeight(p));
  std::vector<int> rows(static_cast<size_t>(h), 0), cols(static_cast<size_t>(w), 0);
  l_uint32* data = pixGetData(p);
  const int wpl = pixGetWpl(p);
  for (int y = 0; y < h; ++y) {
    l_uint32* line = data + static_cast<ptrdiff_t>(y) * wpl;
    for (int x = 0; x < w; ++x) {
      if (GET_DATA_BIT(line, x)) {
        ++rows[static_cast<size_t>(y)];
        ++cols[static_cast<size_t>(x)];
      }
    }
  }
  g.layout = GuessLayoutFromProfiles(rows, cols);
  g.rows = std::move(rows);
  g.cols = std::move(cols);
  return g;
}

// Tesseract's own Pix is freed with the API; our copy is ours.
class TessApi {
 public:
  ~TessApi() {
    if (api_) api_->End();
  }
  Status Init(const std::string& datadir, const std::string& lang) {
    api_ = std::make_unique<tesseract::TessBaseAPI>();
    // Only the LSTM engine: the vertical and Chinese models ship LSTM data;
    // debug_file keeps Tesseract's chatter ("Estimating resolution …") off
    // the user's terminal.
    std::vector<std::string> names = {"debug_file"};
    std::vector<std::string> values = {"/dev/null"};
    if (api_->Init(datadir.c_str(), lang.c_str(), tesseract::OEM_LSTM_ONLY, nullptr, 0, &names, &values, false) != 0) {
      api_.reset();
      return Status::IoError("Tesseract 无法加载语言数据 " + lang + "（目录 " + datadir + "）；请安装 " +
                             PackageOf(lang) + " / Tesseract cannot load " + lang);
    }
    // CJK: no spaces invented between characters of one word run.
    api_->SetVariable("preserve_interword_spaces", "1");
    return Status::Ok();
  }
  tesseract::TessBaseAPI* get() { return api_.get(); }

 private:
  std::unique_ptr<tesseract::TessBaseAPI> api_;
};

Box ToBox(int l, int t, int r, int b) { return Box{l, t, std::max(0, r - l), std::max(0, b - t)}; }

}  // namespace

bool ParseLangChoice(const std::string& s, LangChoice* out) {
  if (s == "auto") *out = LangChoice::kAuto;
  else if (s == "chi_sim") *out = LangChoice::kChiSim;
  else if (s == "chi_tra") *out = LangChoice::kChiTra;
  else if (s == "chi_tra_vert") *out = LangChoice::kChiTraVert;
  else return false;
  return true;
}

bool ParseLayoutChoice(const std::string& s, LayoutChoice* out) {
  if (s == "auto") *out = LayoutChoice::kAuto;
  else if (s == "horizontal") *out = LayoutChoice::kHorizontal;
  else if (s == "vertical") *out = LayoutChoice::kVertical;
  else return false;
  return true;
}

void InitOcrEnvironment() {
  // Pages run in parallel, one per core; OpenMP threads inside each page
  // would only fight them (measured 4× slower on 2 cores, engines.md).
  setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0);
  // Leptonica reports unreadable images on stderr itself; we report them
  // through Status with the file name instead.
  setMsgSeverity(L_SEVERITY_NONE);
}

Status CheckTrainedData(const OcrOptions& options) {
  const std::string dir = TessdataDir(options);
  for (const std::string& lang : NeededLangs(options)) {
    const fs::path file = fs::path(dir) / (lang + ".traineddata");
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
      return Status::IoError("缺少 Tesseract 语言数据 " + file.string() + "；请安装 Debian 软件包 " + PackageOf(lang) +
                             " / missing traineddata " + file.string() + " (package " + PackageOf(lang) + ")");
    }
  }
  return Status::Ok();
}

Layout GuessLayoutFromProfiles(const std::vector<int>& row_ink, const std::vector<int>& col_ink) {
  // The direction in which lines are separated has the long interior gaps:
  // horizontal text leaves white rows between lines, vertical text white
  // columns between columns. Characters within a line leave only thin gaps.
  const double row_gap = MeanInteriorGap(row_ink, NoiseThreshold(row_ink));
  const double col_gap = MeanInteriorGap(col_ink, NoiseThreshold(col_ink));
  return col_gap > row_gap * 1.5 ? Layout::kVertical : Layout::kHorizontal;
}

class OcrEngine::Impl {
 public:
  explicit Impl(OcrOptions o) : options_(std::move(o)) {}

  Status Api(const std::string& lang, tesseract::TessBaseAPI** out) {
    auto it = apis_.find(lang);
    if (it == apis_.end()) {
      auto api = std::make_unique<TessApi>();
      FZ_RETURN_IF_ERROR(api->Init(TessdataDir(options_), lang));
      it = apis_.emplace(lang, std::move(api)).first;
    }
    *out = it->second->get();
    return Status::Ok();
  }

  Status Recognize(const fs::path& image, OcrPage* page) {
    std::error_code ec;
    if (!fs::is_regular_file(image, ec)) {
      return Status::NotFound(image.string() + "：图像文件不存在或不是普通文件 / image not found");
    }
    PixPtr pix(pixRead(image.c_str()));
    if (!pix) {
      return Status::InvalidInput(image.string() +
                                  "：无法读取图像（文件损坏或不是 PNG/JPEG/TIFF 等图像格式）/ unreadable or not an image");
    }
    *page = OcrPage();
    page->image_file = image.filename().string();
    page->width = static_cast<int>(pixGetWidth(pix.get()));
    page->height = static_cast<int>(pixGetHeight(pix.get()));
    page->dpi = static_cast<int>(pixGetXRes(pix.get()));
    const PageGeometry geometry = MeasurePage(pix.get());
    switch (options_.layout) {
      case LayoutChoice::kHorizontal: page->layout = Layout::kHorizontal; break;
      case LayoutChoice::kVertical: page->layout = Layout::kVertical; break;
      case LayoutChoice::kAuto: page->layout = geometry.layout; break;
    }
    const bool vertical = page->layout == Layout::kVertical;
    // chi_tra_vert reads large woodblock characters markedly worse than
    // ones about 30 px wide (measured on rendered 華陽國志 pages: 72 px
    // characters 68 %, scaled to 36 px 79 %, to 24 px 81 %), so big
    // vertical text is scaled down first; boxes are scaled back below.
    float scale = 1.0f;
    PixPtr scaled;
    if (vertical) {
      const double column = MeanInkRun(geometry.cols);
      if (column > kVerticalTargetPx * 1.25) scale = static_cast<float>(kVerticalTargetPx / column);
      if (scale < 1.0f) scaled.reset(pixScale(pix.get(), scale, scale));
      if (!scaled) scale = 1.0f;
    }
    page->lang = options_.lang != LangChoice::kAuto ? LangName(options_.lang) : (vertical ? "chi_tra_vert" : "chi_sim");
    // Vertical pages in auto language: columns cut into upright characters
    // and read as horizontal lines with chi_tra (see column_lines.h), which
    // measured far better than chi_tra_vert on whole pages. An explicit
    // --lang chi_tra_vert keeps Tesseract's own vertical mode (PSM 5).
    if (vertical && options_.lang != LangChoice::kChiTraVert) {
      ColumnPage columns = CutColumns(pix.get());
      if (!columns.columns.empty()) {
        page->lang = options_.lang == LangChoice::kAuto ? "chi_tra" : LangName(options_.lang);
        page->method = "columns";
        return RecognizeColumns(image, columns, page);
      }
    }
    // Horizontal pages without a gutter (no white gap across the page as
    // wide as a text line is high) are one block: PSM 6 reads them as such,
    // while PSM 3's layout analysis split lines of rendered single-column
    // pages and lost their ends (measured 92.8 % vs 98.3 % on one page).
    // Pages with columns keep PSM 3.
    bool single_block = false;
    if (!vertical && !geometry.cols.empty()) {
      const int gutter = MaxInteriorGap(geometry.cols, NoiseThreshold(geometry.cols));
      single_block = gutter < MeanInkRun(geometry.rows);
    }
    page->method = vertical ? "psm5" : (single_block ? "psm6" : "psm3");

    tesseract::TessBaseAPI* api = nullptr;
    FZ_RETURN_IF_ERROR(Api(page->lang, &api));
    // PSM 5 = one uniform block of vertically aligned text: without it
    // Tesseract reads vertical columns as rows of single characters.
    api->SetPageSegMode(vertical       ? tesseract::PSM_SINGLE_BLOCK_VERT_TEXT
                        : single_block ? tesseract::PSM_SINGLE_BLOCK
                                       : tesseract::PSM_AUTO);
    api->SetImage(scaled ? scaled.get() : pix.get());
    // A declared resolution helps Tesseract scale; scans without one are
    // taken as 300 dpi, what archives scan at.
    const int dpi = page->dpi > 30 ? page->dpi : 300;
    api->SetSourceResolution(static_cast<int>(static_cast<float>(dpi) * scale));
    if (api->Recognize(nullptr) != 0) {
      api->Clear();
      return Status::InvalidInput(image.string() + "：Tesseract 识别失败 / recognition failed");
    }
    Collect(api, page);
    api->Clear();
    RepairGlyphBoxes(page);
    if (scale != 1.0f) Unscale(page, scale);
    if (vertical) OrderRightToLeft(page);
    return Status::Ok();
  }

 private:
  // One reading of a cut column: its symbols, each with the cell it fell
  // in. `aligned` when there is exactly one symbol per cell (then the i-th
  // symbol is the i-th cell's, whatever its box says: the LSTM's symbol
  // boxes drift by a character now and then).
  struct ColumnReading {
    std::vector<CellCandidate> symbols;
    std::vector<size_t> cell;
    bool aligned = false;
  };

  Status ReadColumn(const fs::path& image, tesseract::TessBaseAPI* api, const ColumnPage& page,
                    const ColumnLine& col, const LineLayout& layout, tesseract::PageSegMode psm, int dpi,
                    ColumnReading* out) {
    *out = ColumnReading();
    LaidOutLine line = LayOutColumn(page, col, layout);
    if (!line.image) return Status::Ok();
    api->SetPageSegMode(psm);
    api->SetImage(line.image.get());
    api->SetSourceResolution(dpi);
    if (api->Recognize(nullptr) != 0) {
      api->Clear();
      return Status::InvalidInput(image.string() + "：Tesseract 识别失败 / recognition failed");
    }
    std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
    if (it) {
      it->Begin();
      do {
        if (it->Empty(tesseract::RIL_SYMBOL)) continue;
        std::unique_ptr<char[]> sym(it->GetUTF8Text(tesseract::RIL_SYMBOL));
        if (!sym || !*sym.get()) continue;
        // The slot the symbol's centre falls in: its cell when the reading
        // is not aligned.
        int l = 0, t = 0, r = 0, b = 0;
        size_t cell = 0;
        if (it->BoundingBox(tesseract::RIL_SYMBOL, &l, &t, &r, &b)) {
          const int cx = (l + r) / 2;
          while (cell + 1 < line.slot_x.size() && line.slot_x[cell + 1] <= cx) ++cell;
        }
        out->symbols.push_back(CellCandidate{sym.get(), it->Confidence(tesseract::RIL_SYMBOL) / 100.0});
        out->cell.push_back(cell);
      } while (it->Next(tesseract::RIL_SYMBOL));
    }
    api->Clear();
    out->aligned = out->symbols.size() == col.cells.size();
    if (out->aligned) {
      for (size_t i = 0; i < out->cell.size(); ++i) out->cell[i] = i;
    }
    return Status::Ok();
  }

  Status RecognizeColumns(const fs::path& image, const ColumnPage& columns, OcrPage* page) {
    tesseract::TessBaseAPI* api = nullptr;
    FZ_RETURN_IF_ERROR(Api(page->lang, &api));
    // Three readings of every column vote on each character (cell_vote.h).
    // Chosen on 16 rendered pages from other juan and other works than the
    // benchmark's (docs/benchmarks.md): chi_tra reads these lines best with
    // characters 22–28 px and a margin of about a third of a character; as
    // a raw line (PSM 13: the whole image is the line, so the margin sets
    // how much of the line's height a character fills) or as one line
    // found by Tesseract (PSM 7). Each alone reads 89.6–90.3 %, the vote
    // 90.9 %.
    struct Reading {
      LineLayout layout;
      tesseract::PageSegMode psm;
    };
    static constexpr Reading kReadings[] = {
        {{28, 0.35, 0.2}, tesseract::PSM_RAW_LINE},
        {{22, 0.25, 0.2}, tesseract::PSM_SINGLE_LINE},
        {{28, 0.25, 0.2}, tesseract::PSM_SINGLE_LINE},
    };
    const int dpi = page->dpi > 30 ? page->dpi : 300;
    OcrBlock block;
    int left = page->width, right = 0, top = page->height, bottom = 0;
    for (const ColumnLine& col : columns.columns) {
      std::vector<ColumnReading> readings;
      std::vector<std::vector<CellCandidate>> aligned;
      for (const Reading& r : kReadings) {
        ColumnReading reading;
        FZ_RETURN_IF_ERROR(ReadColumn(image, api, columns, col, r.layout, r.psm, dpi, &reading));
        if (reading.aligned) aligned.push_back(reading.symbols);
        readings.push_back(std::move(reading));
      }
      OcrLine line;
      line.box = col.column;
      if (!aligned.empty()) {
        const std::vector<CellChoice> choices = VoteCells(aligned);
        for (size_t i = 0; i < choices.size(); ++i) {
          if (choices[i].text.empty()) continue;
          OcrGlyph g;
          g.text = ByProportion(choices[i].text, col.cells[i]);
          g.conf = choices[i].conf;
          g.box = col.cells[i];
          line.glyphs.push_back(std::move(g));
        }
      } else {
        // No reading matched the cells one to one: the first reading as it
        // is, each symbol boxed by the cell its centre fell in.
        const ColumnReading& first = readings.front();
        for (size_t i = 0; i < first.symbols.size(); ++i) {
          OcrGlyph g;
          g.text = first.symbols[i].text;
          g.conf = first.symbols[i].conf;
          g.box = col.cells.empty() ? col.column : col.cells[std::min(first.cell[i], col.cells.size() - 1)];
          line.glyphs.push_back(std::move(g));
        }
      }
      if (line.glyphs.empty()) continue;
      double sum = 0;
      for (const OcrGlyph& g : line.glyphs) sum += g.conf;
      line.conf = sum / static_cast<double>(line.glyphs.size());
      left = std::min(left, line.box.x);
      right = std::max(right, line.box.x + line.box.w);
      top = std::min(top, line.box.y);
      bottom = std::max(bottom, line.box.y + line.box.h);
      block.lines.push_back(std::move(line));
    }
    if (!block.lines.empty()) {
      block.box = Box{left, top, right - left, bottom - top};
      page->blocks.push_back(std::move(block));
    }
    return Status::Ok();
  }

  static void Collect(tesseract::TessBaseAPI* api, OcrPage* page) {
    std::unique_ptr<tesseract::ResultIterator> it(api->GetIterator());
    if (!it) return;
    using tesseract::RIL_BLOCK;
    using tesseract::RIL_SYMBOL;
    using tesseract::RIL_TEXTLINE;
    using tesseract::RIL_WORD;
    it->Begin();
    bool prev_cjk = true;
    do {
      if (it->Empty(RIL_SYMBOL)) continue;
      int l = 0, t = 0, r = 0, b = 0;
      if (it->IsAtBeginningOf(RIL_BLOCK) || page->blocks.empty()) {
        page->blocks.emplace_back();
        if (it->BoundingBox(RIL_BLOCK, &l, &t, &r, &b)) page->blocks.back().box = ToBox(l, t, r, b);
      }
      OcrBlock& block = page->blocks.back();
      if (it->IsAtBeginningOf(RIL_TEXTLINE) || block.lines.empty()) {
        block.lines.emplace_back();
        if (it->BoundingBox(RIL_TEXTLINE, &l, &t, &r, &b)) block.lines.back().box = ToBox(l, t, r, b);
        block.lines.back().conf = it->Confidence(RIL_TEXTLINE) / 100.0;
        prev_cjk = true;
      }
      OcrLine& line = block.lines.back();
      // A word: CJK words become one glyph per character (ALTO String per
      // character), other words stay whole.
      std::unique_ptr<char[]> word_text(it->GetUTF8Text(RIL_WORD));
      const std::string word = word_text ? word_text.get() : "";
      const bool cjk = IsCjk(word);
      if (!cjk) {
        OcrGlyph g;
        g.text = word;
        g.space_before = !line.glyphs.empty() && !prev_cjk;
        if (it->BoundingBox(RIL_WORD, &l, &t, &r, &b)) g.box = ToBox(l, t, r, b);
        g.conf = it->Confidence(RIL_WORD) / 100.0;
        if (!g.text.empty()) line.glyphs.push_back(std::move(g));
        prev_cjk = false;
        // Skip the rest of this word's symbols.
        while (!it->IsAtFinalElement(RIL_WORD, RIL_SYMBOL) && it->Next(RIL_SYMBOL)) {
        }
        continue;
      }
      // Every symbol of the CJK word.
      while (true) {
        std::unique_ptr<char[]> sym(it->GetUTF8Text(RIL_SYMBOL));
        OcrGlyph g;
        g.text = sym ? sym.get() : "";
        if (it->BoundingBox(RIL_SYMBOL, &l, &t, &r, &b)) g.box = ToBox(l, t, r, b);
        g.conf = it->Confidence(RIL_SYMBOL) / 100.0;
        if (!g.text.empty()) line.glyphs.push_back(std::move(g));
        if (it->IsAtFinalElement(RIL_WORD, RIL_SYMBOL)) break;
        if (!it->Next(RIL_SYMBOL)) break;
      }
      prev_cjk = true;
    } while (it->Next(RIL_SYMBOL));
    // Lines with nothing recognized are dropped, and then empty blocks.
    for (OcrBlock& block : page->blocks) {
      std::erase_if(block.lines, [](const OcrLine& l) { return l.glyphs.empty(); });
    }
    std::erase_if(page->blocks, [](const OcrBlock& b) { return b.lines.empty(); });
  }

  // With PSM 5 and the vertical model, Tesseract 5.3 reports symbol boxes
  // of zero width at the line's left edge. A line whose glyph boxes do not
  // lie inside it gets them by dividing the line evenly along its
  // direction: approximate, but each character then points at its place
  // in the column (what proofreading and the viewer highlight).
  static void RepairGlyphBoxes(OcrPage* page) {
    const bool vertical = page->layout == Layout::kVertical;
    for (OcrBlock& block : page->blocks) {
      for (OcrLine& line : block.lines) {
        const Box& lb = line.box;
        const bool broken = std::any_of(line.glyphs.begin(), line.glyphs.end(), [&](const OcrGlyph& g) {
          return g.box.w <= 0 || g.box.h <= 0 || g.box.x + g.box.w < lb.x || g.box.x > lb.x + lb.w ||
                 g.box.y + g.box.h < lb.y || g.box.y > lb.y + lb.h;
        });
        if (!broken || line.glyphs.empty()) continue;
        const int n = static_cast<int>(line.glyphs.size());
        for (int i = 0; i < n; ++i) {
          Box& b = line.glyphs[static_cast<size_t>(i)].box;
          if (vertical) {
            b = Box{lb.x, lb.y + lb.h * i / n, lb.w, lb.h / n};
          } else {
            b = Box{lb.x + lb.w * i / n, lb.y, lb.w / n, lb.h};
          }
        }
      }
    }
  }

  static void Unscale(OcrPage* page, float scale) {
    auto fix = [&](Box& b) {
      b.x = static_cast<int>(static_cast<float>(b.x) / scale);
      b.y = static_cast<int>(static_cast<float>(b.y) / scale);
      b.w = static_cast<int>(static_cast<float>(b.w) / scale);
      b.h = static_cast<int>(static_cast<float>(b.h) / scale);
    };
    for (OcrBlock& block : page->blocks) {
      fix(block.box);
      for (OcrLine& line : block.lines) {
        fix(line.box);
        for (OcrGlyph& g : line.glyphs) fix(g.box);
      }
    }
  }

  // Vertical books read column by column from the right: whatever order
  // the segmenter produced, columns go right to left within a block and
  // blocks by their right edge (top first when they overlap). Characters
  // keep Tesseract's order within a column: with PSM 5 its symbol boxes
  // are not reliable enough to sort on.
  static void OrderRightToLeft(OcrPage* page) {
    for (OcrBlock& block : page->blocks) {
      std::stable_sort(block.lines.begin(), block.lines.end(), [](const OcrLine& a, const OcrLine& b) {
        return a.box.x + a.box.w / 2 > b.box.x + b.box.w / 2;
      });
    }
    std::stable_sort(page->blocks.begin(), page->blocks.end(), [](const OcrBlock& a, const OcrBlock& b) {
      const int ar = a.box.x + a.box.w, br = b.box.x + b.box.w;
      const bool overlap = a.box.x < br && b.box.x < ar;
      if (overlap) return a.box.y < b.box.y;
      return ar > br;
    });
  }

  OcrOptions options_;
  std::map<std::string, std::unique_ptr<TessApi>> apis_;
};

OcrEngine::OcrEngine(OcrOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
OcrEngine::~OcrEngine() = default;

Status OcrEngine::Recognize(const fs::path& image, OcrPage* page) { return impl_->Recognize(image, page); }

}  // namespace fangzhi::digitize
