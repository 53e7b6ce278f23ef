#include "search/kwic.h"

#include <algorithm>

#include "search/search_text.h"

namespace fangzhi::search {

// A node laid out for display: the searched pieces one after another
// (notes inside （…）), and each search unit's byte range in that string.
struct KwicRenderer::Node {
  store::StoredNode stored;
  std::string display;
  std::vector<uint32_t> begin, end;  // per unit, into display
  std::vector<int32_t> piece;        // per unit: -1 title, else block index
  std::vector<uint32_t> piece_byte;  // per unit: offset inside the piece's own text
};

KwicRenderer::KwicRenderer(store::Library* lib, size_t window) : lib_(lib), window_(window) {}
KwicRenderer::~KwicRenderer() = default;

Status KwicRenderer::Load(int64_t node_id, const Node** out) {
  auto it = cache_.find(node_id);
  if (it != cache_.end()) {
    *out = it->second.get();
    return Status::Ok();
  }
  auto n = std::make_unique<Node>();
  FZ_RETURN_IF_ERROR(lib_->LoadNodeById(node_id, &n->stored));
  SearchTextMap map;
  MapNodeSearchText(n->stored.node, &map);
  // Where each piece starts in the display string.
  const model::Node& node = n->stored.node;
  std::vector<uint32_t> start(node.blocks.size() + 1, 0);
  uint32_t title_start = 0;
  n->display = node.title;
  if (!node.title.empty()) n->display += "\n";
  for (size_t j = 0; j < node.blocks.size(); ++j) {
    const model::Block& b = node.blocks[j];
    if (!IsSearchedBlock(b.kind)) continue;
    if (b.kind == model::BlockKind::kNote) n->display += "（";
    start[j] = static_cast<uint32_t>(n->display.size());
    n->display += b.text;
    if (b.kind == model::BlockKind::kNote) n->display += "）";
  }
  const size_t units = map.units.size();
  n->begin.resize(units);
  n->end.resize(units);
  n->piece = map.piece;
  n->piece_byte = map.begin;
  for (size_t i = 0; i < units; ++i) {
    const uint32_t base = map.piece[i] < 0 ? title_start : start[static_cast<size_t>(map.piece[i])];
    n->begin[i] = base + map.begin[i];
    n->end[i] = base + map.end[i];
  }
  *out = n.get();
  cache_.emplace(node_id, std::move(n));
  return Status::Ok();
}

namespace {

// A KWIC line is one line: line ends go, and the runs of ideographic
// spaces that indent printed lines shrink to one.
std::string WithoutLineEnds(std::string_view s) {
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '\n' || s[i] == '\r') {
      ++i;
    } else if (s.compare(i, 3, kIdeographicSpace) == 0) {
      if (!std::string_view(out).ends_with(kIdeographicSpace)) out += kIdeographicSpace;
      i += 3;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

}  // namespace

Status KwicRenderer::Render(int64_t node_id, uint32_t offset, uint32_t length, const std::string& work_title,
                            Hit* out) {
  const Node* n = nullptr;
  FZ_RETURN_IF_ERROR(Load(node_id, &n));
  const size_t units = n->begin.size();
  if (length == 0 || offset + length > units) {
    return Status::Corruption("索引与文库不一致（节点 " + std::to_string(node_id) +
                              "）：请运行 fangzhi index 更新索引");
  }
  const size_t last = offset + length - 1;
  const size_t from = offset >= window_ ? offset - window_ : 0;
  const size_t to = std::min(units, last + 1 + window_);  // one past the last right-context unit
  const std::string& d = n->display;
  out->left = WithoutLineEnds(std::string_view(d).substr(n->begin[from], n->begin[offset] - n->begin[from]));
  out->match = WithoutLineEnds(std::string_view(d).substr(n->begin[offset], n->end[last] - n->begin[offset]));
  out->right = to > last + 1 ? WithoutLineEnds(std::string_view(d).substr(n->end[last], n->end[to - 1] - n->end[last]))
                             : std::string();

  // Citation: the page anchor before the hit and the printed line on it.
  const model::Node& node = n->stored.node;
  const int32_t piece = n->piece[offset];
  out->node_path = n->stored.path;
  out->path = n->stored.path;
  std::string page_desc;
  int line = 0;
  if (piece >= 0) {
    const auto hit_block = static_cast<size_t>(piece);
    const model::Block* page = nullptr;
    int lines = 0;
    int prev_para = -1;
    for (size_t j = 0; j <= hit_block; ++j) {
      const model::Block& b = node.blocks[j];
      if (b.kind == model::BlockKind::kPage) {
        page = &b;
        lines = 0;
        prev_para = -1;
        continue;
      }
      if (!IsSearchedBlock(b.kind)) continue;
      // A new paragraph starts on a new line (the paragraph end is a line end).
      if (prev_para != -1 && b.para != prev_para) ++lines;
      prev_para = b.para;
      const std::string_view t = j == hit_block ? std::string_view(b.text).substr(0, n->piece_byte[offset])
                                                : std::string_view(b.text);
      lines += static_cast<int>(std::count(t.begin(), t.end(), '\n'));
    }
    line = lines + 1;
    out->paragraph = node.blocks[hit_block].para;
    out->path += "#p" + std::to_string(out->paragraph);
    if (page != nullptr) {
      auto get = [&](const char* k) {
        auto it = page->attrs.find(k);
        return it == page->attrs.end() ? std::string() : it->second;
      };
      out->page = get("ref");
      if (!get("page").empty()) {
        page_desc = get("edition") + " " + get("juan") + "-" + get("page") + "，";
      } else if (!out->page.empty()) {
        page_desc = out->page + "，";
      }
    }
  }
  out->line = line;
  std::string name = !node.title.empty() ? node.title : !node.label.empty() ? node.label : node.level + node.key;
  out->citation = "《" + work_title + "》" + name + "，";
  if (piece < 0) {
    out->citation += "标题";
  } else if (!page_desc.empty()) {
    out->citation += page_desc + "第" + std::to_string(line) + "行";
  } else {
    out->citation += "第" + std::to_string(out->paragraph) + "段";
  }
  out->citation += "（" + n->stored.edition + "）";
  return Status::Ok();
}

}  // namespace fangzhi::search
