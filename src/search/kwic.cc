#include "search/kwic.h"

#include <algorithm>

#include "search/search_text.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace fangzhi::search {
namespace {

// A KWIC line is one line: line ends go, and the runs of ideographic
// spaces that indent printed lines shrink to one.
std::string ForKwic(std::string_view s) {
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

// The loaded blocks laid out for display (notes inside （…）) with the
// byte range of each search unit they hold, units numbered as in the node.
struct Layout {
  std::string display;
  uint32_t first_unit = 0;           // unit number of begin[0]
  std::vector<uint32_t> begin, end;  // per unit from first_unit, into display
  std::vector<int32_t> block;        // per unit: block seq, -1 for the title
  std::vector<uint32_t> byte_in_block;

  void Add(std::string_view piece, int32_t seq, bool note) {
    if (note) display += "（";
    const auto base = static_cast<uint32_t>(display.size());
    display += piece;
    if (note) display += "）";
    std::u32string units;
    std::vector<uint32_t> begins;
    text::AppendSearchUnits(piece, &units, &begins);
    for (uint32_t b : begins) {
      size_t i = b;
      if (piece[i] == '&') {  // a whole &KR…; entity is one unit
        const size_t semi = piece.find(';', i);
        i = semi == std::string_view::npos ? i + 1 : semi + 1;
      } else {
        text::NextCodePoint(piece, i);
      }
      begin.push_back(base + b);
      end.push_back(base + static_cast<uint32_t>(i));
      block.push_back(seq);
      byte_in_block.push_back(b);
    }
  }
};

}  // namespace

Status KwicRenderer::Render(const Segment& seg, uint32_t node, uint32_t offset, uint32_t length,
                            const std::string& work_title, Hit* out) {
  const auto [bs_begin, bs_end] = seg.BlockStarts(node);
  const auto [pg_begin, pg_end] = seg.PageSeqs(node);
  const auto nblocks = static_cast<uint32_t>(bs_end - bs_begin);
  const uint32_t node_units = seg.NodeEnd(node) - seg.node(node).start_pos;
  if (length == 0 || offset + length > node_units) {
    return Status::Corruption("索引段 " + seg.name() + " 与文库不一致：请运行 fangzhi index --rebuild");
  }
  // The block holding unit u: the last whose text starts at or before u
  // (-1: the title, which precedes every block).
  auto block_of = [&](uint32_t u) -> int64_t {
    return static_cast<int64_t>(std::upper_bound(bs_begin, bs_end, u) - bs_begin) - 1;
  };
  const uint32_t last = offset + length - 1;
  const uint32_t from = offset >= window_ ? offset - static_cast<uint32_t>(window_) : 0;
  const uint32_t to = std::min<uint32_t>(node_units, last + 1 + static_cast<uint32_t>(window_));
  const int64_t hit_block = block_of(offset);
  int64_t lo = block_of(from);
  const int64_t hi = block_of(to - 1);
  // The page the hit is on: its anchor is read too, and the lines from it.
  const uint32_t* page = hit_block >= 0 ? std::upper_bound(pg_begin, pg_end, static_cast<uint32_t>(hit_block)) : pg_begin;
  const bool has_page = page != pg_begin;
  const int64_t page_seq = has_page ? static_cast<int64_t>(*(page - 1)) : -1;
  if (has_page) lo = std::min(lo, page_seq);
  const uint32_t first_seq = lo < 0 ? 0 : static_cast<uint32_t>(lo);
  const uint32_t last_seq = hi < 0 ? 0 : static_cast<uint32_t>(hi);
  store::StoredNode sn;
  if (nblocks == 0 || hi < 0) {
    FZ_RETURN_IF_ERROR(lib_->LoadBlocks(seg.node(node).store_id, 1, 0, &sn));  // the node row only
  } else {
    FZ_RETURN_IF_ERROR(lib_->LoadBlocks(seg.node(node).store_id, first_seq, last_seq, &sn));
  }
  const model::Node& n = sn.node;
  if (hi >= 0 && nblocks > 0 && n.blocks.size() != last_seq - first_seq + 1) {
    return Status::Corruption("索引段 " + seg.name() + " 与文库不一致：请运行 fangzhi index --rebuild");
  }

  Layout lay;
  if (lo < 0) {
    lay.first_unit = 0;
    lay.Add(n.title, -1, false);
    lay.display += "\n";
  } else {
    lay.first_unit = bs_begin[first_seq];
  }
  for (uint32_t k = 0; k < n.blocks.size(); ++k) {
    const model::Block& b = n.blocks[k];
    if (IsSearchedBlock(b.kind)) lay.Add(b.text, static_cast<int32_t>(first_seq + k), b.kind == model::BlockKind::kNote);
  }
  auto idx = [&](uint32_t u) { return u - lay.first_unit; };
  if (to > lay.first_unit + lay.begin.size() || from < lay.first_unit) {
    return Status::Corruption("索引段 " + seg.name() + " 与文库不一致：请运行 fangzhi index --rebuild");
  }
  const std::string_view d = lay.display;
  out->left = ForKwic(d.substr(lay.begin[idx(from)], lay.begin[idx(offset)] - lay.begin[idx(from)]));
  out->match = ForKwic(d.substr(lay.begin[idx(offset)], lay.end[idx(last)] - lay.begin[idx(offset)]));
  out->right = to > last + 1 ? ForKwic(d.substr(lay.end[idx(last)], lay.end[idx(to - 1)] - lay.end[idx(last)])) : "";

  // Citation: the page anchor before the hit and the printed line on it.
  out->node_path = sn.path;
  out->path = sn.work_id + "/" + sn.path;  // a citation path: `fangzhi show` and the web take it
  std::string page_desc;
  int line = 0;
  if (hit_block >= 0) {
    const auto hb = static_cast<uint32_t>(hit_block);
    const model::Block& hit = n.blocks[hb - first_seq];
    out->paragraph = hit.para;
    out->path += "#p" + std::to_string(hit.para);
    if (has_page) {
      const model::Block& pb = n.blocks[static_cast<uint32_t>(page_seq) - first_seq];
      int lines = 0, prev_para = -1;
      for (uint32_t seq = static_cast<uint32_t>(page_seq) + 1; seq <= hb; ++seq) {
        const model::Block& b = n.blocks[seq - first_seq];
        if (!IsSearchedBlock(b.kind)) continue;
        if (prev_para != -1 && b.para != prev_para) ++lines;  // a paragraph end is a line end
        prev_para = b.para;
        const std::string_view t = seq == hb ? std::string_view(b.text).substr(0, lay.byte_in_block[idx(offset)])
                                             : std::string_view(b.text);
        lines += static_cast<int>(std::count(t.begin(), t.end(), '\n'));
      }
      line = lines + 1;
      auto get = [&](const char* k) {
        auto it = pb.attrs.find(k);
        return it == pb.attrs.end() ? std::string() : it->second;
      };
      out->page = get("ref");
      page_desc = !get("page").empty() ? get("edition") + " " + get("juan") + "-" + get("page") + "，"
                                       : out->page + "，";
    }
  }
  out->line = line;
  const std::string name = !n.title.empty() ? n.title : !n.label.empty() ? n.label : n.level + n.key;
  out->citation = "《" + work_title + "》" + name + "，";
  if (hit_block < 0) {
    out->citation += "标题";
  } else if (has_page) {
    out->citation += page_desc + "第" + std::to_string(line) + "行";
  } else {
    out->citation += "第" + std::to_string(out->paragraph) + "段";
  }
  out->citation += "（" + sn.edition + "）";
  return Status::Ok();
}

}  // namespace fangzhi::search
