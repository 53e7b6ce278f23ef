// A scanned work as the ALTO importer stores it (formats/alto_importer.h):
// two vertical pages, each a page block naming images/scan-test/pN.png and
// three OCR lines with boxes and confidences. The page images are drawn with
// libvips: a white page with each line's box filled in a colour of its own,
// so that a region request can be checked by the colour it returns.
#pragma once

#include <vips/vips.h>

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "model/document.h"

namespace fangzhi::testing {

inline constexpr const char* kScanWork = "scan-test";
inline constexpr int kPageW = 1200, kPageH = 1600;

struct FixtureLine {
  const char* text;
  const char* conf;  // one digit per code point
  int x, y, w, h;
  std::array<double, 3> rgb;
};

// Columns right to left, as a string-bound book reads.
inline const std::vector<std::vector<FixtureLine>>& FixturePages() {
  static const std::vector<std::vector<FixtureLine>> kPages = {
      {{"蜀之爲國肇於人皇", "99999999", 1000, 100, 120, 1200, {255, 0, 0}},
       {"與巴同囿至黃常", "9999994", 800, 100, 120, 1100, {0, 160, 0}},
       {"爲其子昌意娶蜀山氏之女", "99999999999", 600, 100, 120, 1400, {0, 0, 255}}},
      {{"生子高陽是爲帝嚳", "99999999", 1000, 100, 120, 1200, {200, 200, 0}},
       {"封其支庶於蜀", "999999", 800, 100, 120, 900, {0, 200, 200}},
       {"世爲侯伯", "5999", 600, 100, 120, 600, {200, 0, 200}}},
  };
  return kPages;
}

inline model::Document ScanDocument() {
  model::Document d;
  d.work.id = kScanWork;
  d.work.title = "測試方志";
  d.work.kind = model::kKindGazetteer;
  d.work.dynasty = "清";
  d.work.source = "测试用合成页面";
  d.work.licence = "CC0-1.0";
  model::Edition e;
  e.id = "ocr";
  e.label = "OCR";
  e.base = true;
  model::Node n;
  n.key = "1";
  n.level = "卷";
  n.title = "卷一";
  int page = 0;
  for (const auto& lines : FixturePages()) {
    ++page;
    const std::string p = std::to_string(page);
    n.blocks.push_back({model::BlockKind::kPage, page, "",
                        {{"page", p},
                         {"image", "images/scan-test/p" + p + ".png"},
                         {"width", std::to_string(kPageW)},
                         {"height", std::to_string(kPageH)},
                         {"alto", "p" + p + ".alto.xml"}}});
    int k = 0;
    for (const FixtureLine& l : lines) {
      ++k;
      n.blocks.push_back({model::BlockKind::kText, page, l.text,
                          {{"line", "p" + p + "_l" + std::to_string(k)},
                           {"box", std::to_string(l.x) + "," + std::to_string(l.y) + "," + std::to_string(l.w) + "," +
                                       std::to_string(l.h)},
                           {"conf", l.conf},
                           {"dir", "ttb"}}});
    }
  }
  e.nodes.push_back(n);
  d.editions.push_back(e);
  return d;
}

// Writes DATA/images/scan-test/p1.png and p2.png; false on a libvips error.
inline bool WriteFixtureImages(const std::filesystem::path& data_dir) {
  if (VIPS_INIT("fangzhi-test") != 0) return false;
  const std::filesystem::path dir = data_dir / "images" / kScanWork;
  std::filesystem::create_directories(dir);
  int page = 0;
  for (const auto& lines : FixturePages()) {
    ++page;
    VipsImage* black = nullptr;
    VipsImage* white = nullptr;
    VipsImage* u8 = nullptr;
    if (vips_black(&black, kPageW, kPageH, "bands", 3, nullptr) != 0) return false;
    if (vips_linear1(black, &white, 1.0, 255.0, nullptr) != 0) return false;
    g_object_unref(black);
    if (vips_cast_uchar(white, &u8, nullptr) != 0) return false;
    g_object_unref(white);
    VipsImage* mem = vips_image_copy_memory(u8);
    g_object_unref(u8);
    if (mem == nullptr) return false;
    for (const FixtureLine& l : lines) {
      double ink[3] = {l.rgb[0], l.rgb[1], l.rgb[2]};
      if (vips_draw_rect(mem, ink, 3, l.x, l.y, l.w, l.h, "fill", TRUE, nullptr) != 0) return false;
    }
    const std::string file = (dir / ("p" + std::to_string(page) + ".png")).string();
    const int rc = vips_pngsave(mem, file.c_str(), nullptr);
    g_object_unref(mem);
    if (rc != 0) return false;
  }
  return true;
}

}  // namespace fangzhi::testing
