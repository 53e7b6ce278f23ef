#include "iiif/page_index.h"

#include <charconv>

namespace fangzhi::iiif {
namespace {

std::string Attr(const model::Block& b, const char* key) {
  auto it = b.attrs.find(key);
  return it == b.attrs.end() ? std::string() : it->second;
}

}  // namespace

bool ParseBox(const std::string& s, Box* out) {
  int v[4];
  size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    const size_t end = i < 3 ? s.find(',', start) : s.size();
    if (end == std::string::npos || end == start || end - start > 9) return false;
    const char* first = s.data() + start;
    const char* last = s.data() + end;
    auto [ptr, ec] = std::from_chars(first, last, v[i]);
    if (ec != std::errc() || ptr != last || v[i] < 0) return false;
    start = end + 1;
  }
  if (v[2] <= 0 || v[3] <= 0) return false;
  *out = {v[0], v[1], v[2], v[3]};
  return true;
}

void CollectNodePages(const model::Node& node, const std::string& node_path, const ImageProbe& probe,
                      std::vector<PageImage>* out) {
  // A node can open in the middle of a page begun by the node before it:
  // its first lines then have no page of their own here and are skipped.
  bool in_served_page = false;
  for (size_t seq = 0; seq < node.blocks.size(); ++seq) {
    const model::Block& b = node.blocks[seq];
    if (b.kind == model::BlockKind::kPage) {
      in_served_page = false;
      std::string id;
      int w = 0, h = 0;
      if (!IdentifierForImageAttr(Attr(b, "image"), &id) || !probe(id, &w, &h)) continue;
      PageImage p;
      p.label = Attr(b, "page");
      if (p.label.empty()) p.label = Attr(b, "ref");
      p.identifier = id;
      p.width = w;
      p.height = h;
      p.node_path = node_path;
      p.seq = static_cast<uint32_t>(seq);
      out->push_back(std::move(p));
      in_served_page = true;
      continue;
    }
    if (!in_served_page || b.kind != model::BlockKind::kText) continue;
    PageLine l;
    if (!ParseBox(Attr(b, "box"), &l.box)) continue;
    l.line_id = Attr(b, "line");
    l.text = b.text;
    l.conf = Attr(b, "conf");
    l.vertical = Attr(b, "dir") == "ttb";
    l.node_path = node_path;
    l.seq = static_cast<uint32_t>(seq);
    out->back().lines.push_back(std::move(l));
  }
}

Status CollectEditionPages(store::Library* lib, const std::string& work_id, const std::string& edition,
                           const ImageProbe& probe, std::vector<PageImage>* out) {
  out->clear();
  return lib->ScanNodes(work_id, [&](const store::StoredNode& n) {
    if (n.edition == edition) CollectNodePages(n.node, n.path, probe, out);
    return Status::Ok();
  });
}

bool IsVertical(const std::vector<PageImage>& pages) {
  size_t vertical = 0, total = 0;
  for (const PageImage& p : pages) {
    for (const PageLine& l : p.lines) {
      ++total;
      if (l.vertical) ++vertical;
    }
  }
  return total > 0 && vertical * 2 > total;
}

}  // namespace fangzhi::iiif
