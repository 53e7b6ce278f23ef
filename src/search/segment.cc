#include "search/segment.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "text/fold.h"

namespace fangzhi::search {

Segment::~Segment() {
  if (base_ != nullptr) ::munmap(const_cast<uint8_t*>(base_), size_);
}

Status Segment::Open(const std::filesystem::path& path, std::unique_ptr<Segment>* out) {
  const std::string p = path.string();
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(p + "：无法打开索引段：" + std::strerror(errno));
  struct stat st{};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Status::IoError(p + "：无法读取索引段大小");
  }
  const auto size = static_cast<uint64_t>(st.st_size);
  auto corrupt = [&](const std::string& why) { return Status::Corruption(p + "：索引段已损坏（" + why + "），请运行 fangzhi index --rebuild"); };
  if (size < sizeof(SegmentHeader)) {
    ::close(fd);
    return corrupt("文件过短");
  }
  void* m = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (m == MAP_FAILED) return Status::IoError(p + "：无法映射索引段：" + std::strerror(errno));
  std::unique_ptr<Segment> seg(new Segment());
  seg->name_ = path.filename().string();
  seg->base_ = static_cast<const uint8_t*>(m);
  seg->size_ = size;
  const auto* h = reinterpret_cast<const SegmentHeader*>(seg->base_);
  seg->header_ = h;
  if (std::memcmp(h->magic, kSegmentMagic, sizeof h->magic) != 0) return corrupt("文件标识不符");
  if (h->version != kSegmentVersion) {
    return Status::Unsupported(p + "：索引段格式为第 " + std::to_string(h->version) + " 版，本程序使用第 " +
                               std::to_string(kSegmentVersion) + " 版");
  }
  if (h->folding != text::FoldingFingerprint()) {
    // Built with another fold table or Unicode version: what it found is no
    // longer what a query folds to. Unsupported makes the index rebuild it.
    return Status::Unsupported(p + "：索引段由另一版检索折叠规则建成，需要重建");
  }
  if (h->file_size != size) return corrupt("文件长度不符");
  if (h->code_width != 2 && h->code_width != 4) return corrupt("字符宽度");
  const uint64_t need_entries = h->entries_off + uint64_t{h->num_entries} * sizeof(EntryRecord);
  const uint64_t need_nodes = h->nodes_off + uint64_t{h->num_nodes} * sizeof(NodeRecord);
  const uint64_t need_vocab = h->vocab_off + uint64_t{h->vocab_size} * sizeof(VocabRecord);
  const uint64_t need_codes = h->codes_off + h->num_units * h->code_width;
  const uint64_t need_blocks = h->blocks_off + uint64_t{h->num_blocks} * 4;
  const uint64_t need_lines = h->block_lines_off + uint64_t{h->num_blocks} * 4;
  const uint64_t need_pages = h->pages_off + uint64_t{h->num_pages} * 4;
  const uint64_t need_bigrams = h->bigrams_off + uint64_t{h->num_bigrams} * sizeof(BigramRecord);
  if (h->bigrams_off < h->postings_off || need_bigrams > h->codes_off || h->bigrams_off % 4 != 0 ||
      h->bigram_min_count == 0) {
    return corrupt("字对区段越界");
  }
  if (need_entries > h->nodes_off || need_nodes > h->vocab_off || need_vocab > h->postings_off ||
      h->postings_off > h->codes_off || need_codes > h->blocks_off || need_blocks > h->block_lines_off ||
      need_lines > h->pages_off || h->block_lines_off % 4 != 0 ||
      need_pages > h->strings_off || h->strings_off > size || h->codes_off % 4 != 0 || h->postings_off % 4 != 0 ||
      h->blocks_off % 4 != 0) {
    return corrupt("区段越界");
  }
  seg->entries_ = reinterpret_cast<const EntryRecord*>(seg->base_ + h->entries_off);
  seg->nodes_ = reinterpret_cast<const NodeRecord*>(seg->base_ + h->nodes_off);
  seg->vocab_ = reinterpret_cast<const VocabRecord*>(seg->base_ + h->vocab_off);
  seg->postings_ = seg->base_ + h->postings_off;
  seg->bigrams_ = reinterpret_cast<const BigramRecord*>(seg->base_ + h->bigrams_off);
  seg->codes_ = seg->base_ + h->codes_off;
  seg->strings_ = reinterpret_cast<const char*>(seg->base_ + h->strings_off);
  seg->blocks_ = reinterpret_cast<const uint32_t*>(seg->base_ + h->blocks_off);
  seg->block_lines_ = reinterpret_cast<const uint32_t*>(seg->base_ + h->block_lines_off);
  seg->pages_ = reinterpret_cast<const uint32_t*>(seg->base_ + h->pages_off);
  for (uint32_t i = 0; i < h->num_nodes; ++i) {
    const NodeRecord& n = seg->nodes_[i];
    const uint32_t next_block = i + 1 < h->num_nodes ? seg->nodes_[i + 1].first_block : h->num_blocks;
    const uint32_t next_page = i + 1 < h->num_nodes ? seg->nodes_[i + 1].first_page : h->num_pages;
    if (n.first_block > next_block || n.first_page > next_page || n.entry >= h->num_entries ||
        n.start_pos > h->num_units) {
      return corrupt("节点 " + std::to_string(i));
    }
  }
  const uint64_t strings_size = size - h->strings_off;
  for (uint32_t i = 0; i < h->num_entries; ++i) {
    const EntryRecord& e = seg->entries_[i];
    if (uint64_t{e.work_off} + e.work_len > strings_size || uint64_t{e.edition_off} + e.edition_len > strings_size ||
        e.first_node > e.end_node || e.end_node > h->num_nodes || e.start_pos > e.end_pos || e.end_pos > h->num_units) {
      return corrupt("条目 " + std::to_string(i));
    }
    if (e.is_base) seg->base_end_ = e.end_pos;
  }
  for (uint32_t i = 0; i < h->vocab_size; ++i) {
    const VocabRecord& v = seg->vocab_[i];
    if (v.offset % 4 != 0 || h->postings_off + v.offset + (uint64_t{v.count} + kPostingsBlock - 1) / kPostingsBlock * sizeof(SkipEntry) >
                                 h->codes_off) {
      return corrupt("词表 " + std::to_string(i));
    }
  }
  for (uint32_t i = 0; i < h->num_bigrams; ++i) {
    const BigramRecord& b = seg->bigrams_[i];
    const bool sorted = i == 0 || std::pair(seg->bigrams_[i - 1].first, seg->bigrams_[i - 1].second) < std::pair(b.first, b.second);
    if (!sorted || b.first == 0 || b.first > h->vocab_size || b.second == 0 || b.second > h->vocab_size ||
        b.offset % 4 != 0 ||
        h->postings_off + b.offset + (uint64_t{b.count} + kPostingsBlock - 1) / kPostingsBlock * sizeof(SkipEntry) >
            h->codes_off) {
      return corrupt("字对 " + std::to_string(i));
    }
  }
  *out = std::move(seg);
  return Status::Ok();
}

EntryView Segment::entry(uint32_t i) const {
  const EntryRecord& e = entries_[i];
  return {std::string_view(strings_ + e.work_off, e.work_len), std::string_view(strings_ + e.edition_off, e.edition_len),
          e.is_base != 0, e.edition_ord, e.first_node, e.end_node, e.start_pos, e.end_pos};
}

uint32_t Segment::NodeAt(uint32_t pos) const {
  const NodeRecord* end = nodes_ + header_->num_nodes;
  const NodeRecord* it =
      std::upper_bound(nodes_, end, pos, [](uint32_t p, const NodeRecord& n) { return p < n.start_pos; });
  return static_cast<uint32_t>(it - nodes_) - 1;
}

uint32_t Segment::NodeEnd(uint32_t i) const {
  const uint32_t next = i + 1 < header_->num_nodes ? nodes_[i + 1].start_pos : static_cast<uint32_t>(header_->num_units);
  return next - 1;
}

uint32_t Segment::IdOf(char32_t cp) const {
  const VocabRecord* end = vocab_ + header_->vocab_size;
  const VocabRecord* it = std::lower_bound(vocab_, end, static_cast<uint32_t>(cp),
                                           [](const VocabRecord& v, uint32_t c) { return v.code_point < c; });
  return it != end && it->code_point == cp ? static_cast<uint32_t>(it - vocab_) + 1 : 0;
}

std::pair<const uint32_t*, const uint32_t*> Segment::BlockStarts(uint32_t node) const {
  const uint32_t end = node + 1 < header_->num_nodes ? nodes_[node + 1].first_block : header_->num_blocks;
  return {blocks_ + nodes_[node].first_block, blocks_ + end};
}

std::pair<const uint32_t*, const uint32_t*> Segment::PageSeqs(uint32_t node) const {
  const uint32_t end = node + 1 < header_->num_nodes ? nodes_[node + 1].first_page : header_->num_pages;
  return {pages_ + nodes_[node].first_page, pages_ + end};
}

PostingsReader Segment::PairPostings(uint32_t a, uint32_t b) const {
  const BigramRecord* end = bigrams_ + header_->num_bigrams;
  const BigramRecord* it = std::lower_bound(bigrams_, end, std::pair(a, b), [](const BigramRecord& r, std::pair<uint32_t, uint32_t> k) {
    return std::pair(r.first, r.second) < k;
  });
  if (it == end || it->first != a || it->second != b) return PostingsReader();
  return PostingsReader(postings_ + it->offset, it->count);
}

PostingsReader Segment::Postings(uint32_t id) const {
  const VocabRecord& v = vocab_[id - 1];
  return PostingsReader(postings_ + v.offset, v.count);
}

}  // namespace fangzhi::search
