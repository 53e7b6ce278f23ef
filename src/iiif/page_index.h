// The scanned pages of a work as the store holds them (the ALTO importer's
// convention, formats/alto_importer.h): a page block with its image, then
// one text block per OCR line with its box. What the manifest, the reading
// view and proofreading read.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "iiif/image_service.h"
#include "model/node.h"
#include "store/library.h"

namespace fangzhi::iiif {

struct Box {
  int x = 0, y = 0, w = 0, h = 0;
};

// "x,y,w,h" of non-negative integers with w, h > 0.
bool ParseBox(const std::string& s, Box* out);

struct PageLine {
  std::string line_id;  // the ALTO TextLine ID
  std::string text;
  std::string conf;     // one digit per code point, or "" when absent
  Box box;
  bool vertical = false;
  std::string node_path;
  uint32_t seq = 0;  // the block's position in its node
};

struct PageImage {
  std::string label;       // the page attr ("1"), or the ordinal
  std::string identifier;  // IIIF identifier of the image
  int width = 0, height = 0;
  std::string node_path;
  uint32_t seq = 0;
  std::vector<PageLine> lines;
};

// Whether an image is served, and its size: the IIIF service's answer.
using ImageProbe = std::function<bool(const std::string& identifier, int* width, int* height)>;

// The pages of one node, in order; page blocks whose image is not served
// (remote, missing) are left out together with their lines.
void CollectNodePages(const model::Node& node, const std::string& node_path, const ImageProbe& probe,
                      std::vector<PageImage>* out);

// Every page of an edition, across its nodes in document order.
Status CollectEditionPages(store::Library* lib, const std::string& work_id, const std::string& edition,
                           const ImageProbe& probe, std::vector<PageImage>* out);

// True when most lines are vertical ("dir": "ttb"): a string-bound Chinese
// book, read right to left.
bool IsVertical(const std::vector<PageImage>& pages);

}  // namespace fangzhi::iiif
