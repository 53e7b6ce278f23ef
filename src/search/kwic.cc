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
    // A Kanripo note's '/' is where its two small columns break, as a line
    // end is in the text: not shown on a KWIC line. shift[b] counts the
    // slashes before byte b.
    std::vector<uint32_t> shift;
    if (note && piece.find('/') != std::string_view::npos) {
      shift.resize(piece.size() + 1);
      uint32_t dropped = 0;
      int brackets = 0;  // [桌-日+(ㄇ@(人/人))]: a '/' inside a character description stays
      for (size_t i = 0; i < piece.size(); ++i) {
        shift[i] = dropped;
        if (piece[i] == '[') ++brackets;
        if (piece[i] == ']' && brackets > 0) --brackets;
        if (piece[i] == '/' && brackets == 0) {
          ++dropped;
        } else {
          display += piece[i];
        }
      }
      shift[piece.size()] = dropped;
    } else {
      display += piece;
    }
    auto at = [&](size_t b) { return base + static_cast<uint32_t>(b) - (shift.empty() ? 0 : shift[b]); };
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
      begin.push_back(at(b));
      end.push_back(at(i));
      block.push_back(seq);
      byte_in_block.push_back(b);
    }
  }
};

// The segment no longer matches the stored text it was built from.
Status OutOfStep(const Segment& seg) {
  return Status::Corruption("索引段 " + seg.name() + " 与文库不一致：请运行 fangzhi index --rebuild");
}

}  // namespace

Status KwicRenderer::Render(const Segment& seg, uint32_t node, uint32_t offset, uint32_t length,
                            const std::string& work_title, Hit* out) {
  const auto [bs_begin, bs_end] = seg.BlockStarts(node);
  const auto [pg_begin, pg_end] = seg.PageSeqs(node);
  const auto nblocks = static_cast<uint32_t>(bs_end - bs_begin);
  const uint32_t node_units = seg.NodeEnd(node) - seg.node(node).start_pos;
  if (length == 0 || offset + length > node_units) {
    return OutOfStep(seg);
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
  const int64_t lo = block_of(from);
  const int64_t hi = block_of(to - 1);
  // The page the hit is on: its anchor names it in the citation.
  const uint32_t* page = hit_block >= 0 ? std::upper_bound(pg_begin, pg_end, static_cast<uint32_t>(hit_block)) : pg_begin;
  const bool has_page = page != pg_begin;
  const int64_t page_seq = has_page ? static_cast<int64_t>(*(page - 1)) : -1;
  const uint32_t first_seq = lo < 0 ? 0 : static_cast<uint32_t>(lo);
  const uint32_t last_seq = hi < 0 ? 0 : static_cast<uint32_t>(hi);
  FZ_RETURN_IF_ERROR(Load(seg, node, first_seq, last_seq, hi < 0 ? 0 : nblocks));
  const store::StoredNode& sn = loaded_;
  const model::Node& n = sn.node;
  // Block seq s is blocks[s - sn.first_seq].
  const auto block_at = [&](uint32_t seq) -> const model::Block& { return n.blocks[seq - sn.first_seq]; };

  Layout lay;
  if (lo < 0) {
    lay.first_unit = 0;
    lay.Add(n.title, -1, false);
    lay.display += "\n";
  } else {
    lay.first_unit = bs_begin[first_seq];
  }
  for (uint32_t seq = first_seq; hi >= 0 && nblocks > 0 && seq <= last_seq; ++seq) {
    const model::Block& b = block_at(seq);
    if (IsSearchedBlock(b.kind)) lay.Add(b.text, static_cast<int32_t>(seq), b.kind == model::BlockKind::kNote);
  }
  auto idx = [&](uint32_t u) { return u - lay.first_unit; };
  if (to > lay.first_unit + lay.begin.size() || from < lay.first_unit) {
    return OutOfStep(seg);
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
    const model::Block& hit = block_at(hb);
    out->paragraph = hit.para;
    out->block = static_cast<int>(hb);
    out->block_unit = static_cast<int>(offset - bs_begin[hb]);
    out->path += "#p" + std::to_string(hit.para);
    if (has_page) {
      const model::Block* anchor = nullptr;
      FZ_RETURN_IF_ERROR(PageAnchor(seg, node, static_cast<uint32_t>(page_seq), &anchor));
      const model::Block& pb = *anchor;
      const std::string_view before = std::string_view(hit.text).substr(0, lay.byte_in_block[idx(offset)]);
      line = static_cast<int>(seg.BlockLines(node)[hb] + std::count(before.begin(), before.end(), '\n')) + 1;
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

Status KwicRenderer::PageAnchor(const Segment& seg, uint32_t node, uint32_t seq, const model::Block** out) {
  if (!(anchor_seg_ == &seg && anchor_node_ == node && anchor_seq_ == seq)) {  // set only once checked
    anchor_seg_ = nullptr;
    anchor_.clear();
    FZ_RETURN_IF_ERROR(lib_->LoadBlockRange(seg.node(node).store_id, seq, seq, &anchor_));
    if (anchor_.size() != 1 || anchor_[0].kind != model::BlockKind::kPage) {
      return OutOfStep(seg);
    }
    anchor_seg_ = &seg;
    anchor_node_ = node;
    anchor_seq_ = seq;
  }
  *out = &anchor_[0];
  return Status::Ok();
}

Status KwicRenderer::Load(const Segment& seg, uint32_t node, uint32_t first_seq, uint32_t last_seq, uint32_t nblocks) {
  const bool same_node = loaded_ok_ && loaded_seg_ == &seg && loaded_node_ == node;
  const bool has_blocks = !loaded_.node.blocks.empty();
  if (same_node && (nblocks == 0 || (has_blocks && loaded_.first_seq <= first_seq && last_seq <= loaded_last_))) {
    return Status::Ok();
  }
  loaded_ok_ = false;
  const uint32_t last = nblocks == 0 ? 0 : std::min(nblocks - 1, last_seq + kReadAhead);
  if (same_node && has_blocks && nblocks != 0 && loaded_.first_seq <= first_seq) {
    // The next hits of a node lie further on: read only the blocks after
    // those already here.
    std::vector<model::Block>& blocks = loaded_.node.blocks;
    const size_t had = blocks.size();
    FZ_RETURN_IF_ERROR(lib_->LoadBlockRange(seg.node(node).store_id, loaded_last_ + 1, last, &blocks, false));
    if (blocks.size() - had != last - loaded_last_) {
      return OutOfStep(seg);
    }
    loaded_last_ = last;
    loaded_ok_ = true;
    return Status::Ok();
  }
  if (nblocks == 0) {
    FZ_RETURN_IF_ERROR(lib_->LoadBlocks(seg.node(node).store_id, 1, 0, &loaded_, false));  // the node row only
  } else {
    FZ_RETURN_IF_ERROR(lib_->LoadBlocks(seg.node(node).store_id, first_seq, last, &loaded_, false));
    if (loaded_.node.blocks.size() != last - first_seq + 1) {
      return OutOfStep(seg);
    }
  }
  loaded_seg_ = &seg;
  loaded_node_ = node;
  loaded_last_ = last;
  loaded_ok_ = true;
  return Status::Ok();
}

}  // namespace fangzhi::search
