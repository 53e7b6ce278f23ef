#include "digitize/alto_writer.h"

#include <pugixml.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace fangzhi::digitize {
namespace {

constexpr const char* kAltoNs = "http://www.loc.gov/standards/alto/ns-v4#";
constexpr const char* kAltoSchema =
    "http://www.loc.gov/standards/alto/ns-v4# http://www.loc.gov/standards/alto/v4/alto-4-3.xsd";

void SetBox(pugi::xml_node n, const Box& b) {
  n.append_attribute("HPOS") = b.x;
  n.append_attribute("VPOS") = b.y;
  n.append_attribute("WIDTH") = b.w;
  n.append_attribute("HEIGHT") = b.h;
}

std::string Wc(double conf) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", conf < 0 ? 0.0 : (conf > 1 ? 1.0 : conf));
  return buf;
}

std::string Today() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Status WriteFileAtomically(const fs::path& file, const std::string& bytes) {
  const fs::path tmp = file.string() + ".part";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError(tmp.string() + "：无法写入 / cannot write");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      return Status::IoError(tmp.string() + "：写入失败（磁盘已满？）/ write failed");
    }
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Status::IoError(file.string() + "：无法重命名到位：" + ec.message());
  }
  return Status::Ok();
}

}  // namespace

std::string AltoXml(const OcrPage& page) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node alto = doc.append_child("alto");
  alto.append_attribute("xmlns") = kAltoNs;
  alto.append_attribute("xmlns:xlink") = "http://www.w3.org/1999/xlink";
  alto.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
  alto.append_attribute("xsi:schemaLocation") = kAltoSchema;
  alto.append_attribute("SCHEMAVERSION") = "4.3";

  pugi::xml_node desc = alto.append_child("Description");
  desc.append_child("MeasurementUnit").text() = "pixel";
  pugi::xml_node src = desc.append_child("sourceImageInformation");
  src.append_child("fileName").text() = page.image_file.c_str();
  pugi::xml_node proc = desc.append_child("Processing");
  proc.append_attribute("ID") = "OCR_0";
  proc.append_child("processingDateTime").text() = Today().c_str();
  proc.append_child("processingStepDescription").text() =
      (std::string("layout=") + LayoutName(page.layout) + " lang=" + page.lang + " method=" + page.method).c_str();
  pugi::xml_node sw = proc.append_child("processingSoftware");
  sw.append_child("softwareCreator").text() = "Fangzhi";
  sw.append_child("softwareName").text() = "fangzhi ocr (Tesseract)";

  const bool vertical = page.layout == Layout::kVertical;
  // The explicit reading order: blocks, and lines within them, in the order
  // they are read (right to left for vertical pages). The elements below
  // are written in the same order, so the implicit order agrees.
  pugi::xml_node ro;
  if (!page.blocks.empty()) {
    ro = alto.append_child("ReadingOrder").append_child("OrderedGroup");
    ro.append_attribute("ID") = "RO_0";
  }
  pugi::xml_node layout = alto.append_child("Layout");
  pugi::xml_node pg = layout.append_child("Page");
  pg.append_attribute("ID") = "P1";
  pg.append_attribute("PHYSICAL_IMG_NR") = 1;
  pg.append_attribute("WIDTH") = page.width;
  pg.append_attribute("HEIGHT") = page.height;
  pugi::xml_node ps = pg.append_child("PrintSpace");
  SetBox(ps, Box{0, 0, page.width, page.height});

  int line_no = 0, string_no = 0;
  for (size_t b = 0; b < page.blocks.size(); ++b) {
    const OcrBlock& block = page.blocks[b];
    const std::string block_id = "TB" + std::to_string(b + 1);
    pugi::xml_node tb = ps.append_child("TextBlock");
    tb.append_attribute("ID") = block_id.c_str();
    SetBox(tb, block.box);
    if (vertical) tb.append_attribute("BASEDIRECTION") = "ttb";
    pugi::xml_node group = ro.append_child("OrderedGroup");
    group.append_attribute("ID") = ("RO_" + block_id).c_str();
    for (const OcrLine& line : block.lines) {
      const std::string line_id = "TL" + std::to_string(++line_no);
      pugi::xml_node tl = tb.append_child("TextLine");
      tl.append_attribute("ID") = line_id.c_str();
      SetBox(tl, line.box);
      if (vertical) tl.append_attribute("BASEDIRECTION") = "ttb";
      pugi::xml_node ref = group.append_child("ElementRef");
      ref.append_attribute("ID") = ("RO_" + line_id).c_str();
      ref.append_attribute("REF") = line_id.c_str();
      for (const OcrGlyph& g : line.glyphs) {
        if (g.space_before) tl.append_child("SP");
        pugi::xml_node s = tl.append_child("String");
        s.append_attribute("ID") = ("S" + std::to_string(++string_no)).c_str();
        SetBox(s, g.box);
        s.append_attribute("CONTENT") = g.text.c_str();
        s.append_attribute("WC") = Wc(g.conf).c_str();
      }
    }
  }
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

Status WritePageOutputs(const OcrPage& page, const fs::path& out_dir, const std::string& stem) {
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return Status::IoError(out_dir.string() + "：无法创建输出目录：" + ec.message());
  // Text first, ALTO last: the ALTO's presence marks the page as done.
  FZ_RETURN_IF_ERROR(WriteFileAtomically(out_dir / (stem + ".txt"), page.PlainText()));
  return WriteFileAtomically(out_dir / (stem + ".alto.xml"), AltoXml(page));
}

bool PageOutputsComplete(const fs::path& out_dir, const std::string& stem) {
  std::error_code ec;
  const fs::path alto = out_dir / (stem + ".alto.xml");
  if (!fs::is_regular_file(alto, ec) || !fs::is_regular_file(out_dir / (stem + ".txt"), ec)) return false;
  pugi::xml_document doc;
  if (!doc.load_file(alto.c_str())) return false;
  return doc.child("alto").child("Layout").child("Page");
}

}  // namespace fangzhi::digitize
