#include "formats/txt_exporter.h"

namespace fangzhi::formats {

std::string ExportTxt(const model::Edition& edition) {
  std::string out;
  model::ForEachNode(edition.nodes, [&](const model::Node& n, const std::string& path, int) {
    if (!out.empty()) out += "\n";
    out += "[" + path + "]";
    if (!n.title.empty()) out += " " + n.title;
    out += "\n";
    int para = -1;
    for (const model::Block& b : n.blocks) {
      if (b.kind == model::BlockKind::kPage || b.kind == model::BlockKind::kRemark) continue;
      if (b.para != para) {
        if (para != -1) out += "\n\n";
        para = b.para;
      }
      switch (b.kind) {
        case model::BlockKind::kNote:
          out += "(" + b.text + ")";
          break;
        case model::BlockKind::kFootnote:
          out += "[^" + (b.attrs.count("label") ? b.attrs.at("label") : std::string()) + "] " + b.text;
          break;
        default:
          out += b.text;
      }
    }
    if (para != -1) out += "\n";
  });
  return out;
}

}  // namespace fangzhi::formats
