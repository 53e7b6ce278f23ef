// A segment file mapped read-only: what a query reads. Safe to share across
// threads; every accessor is const.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "search/postings.h"
#include "search/segment_format.h"

namespace fangzhi::search {

struct EntryView {
  std::string_view work;
  std::string_view edition;
  bool base;
  uint32_t edition_ord;
  uint32_t first_node, end_node;
  uint32_t start_pos, end_pos;
};

class Segment {
 public:
  ~Segment();
  Segment(const Segment&) = delete;
  Segment& operator=(const Segment&) = delete;

  // Maps the file and checks that its structure is sound (a truncated or
  // foreign file is reported, never read past its end).
  static Status Open(const std::filesystem::path& path, std::unique_ptr<Segment>* out);

  const std::string& name() const { return name_; }
  const SegmentHeader& header() const { return *header_; }
  uint64_t file_size() const { return size_; }

  uint32_t num_entries() const { return header_->num_entries; }
  EntryView entry(uint32_t i) const;
  uint32_t num_nodes() const { return header_->num_nodes; }
  const NodeRecord& node(uint32_t i) const { return nodes_[i]; }
  // The node holding unit position `pos`.
  uint32_t NodeAt(uint32_t pos) const;
  // One past the node's last unit (its separator's position).
  uint32_t NodeEnd(uint32_t i) const;

  // The unit offset (from the node's start) of each of the node's stored
  // blocks, indexed by block seq; and the seqs of its page anchors.
  std::pair<const uint32_t*, const uint32_t*> BlockStarts(uint32_t node) const;
  std::pair<const uint32_t*, const uint32_t*> PageSeqs(uint32_t node) const;
  // Per block of the node, as BlockStarts: printed lines before it on its page.
  const uint32_t* BlockLines(uint32_t node) const { return block_lines_ + nodes_[node].first_block; }

  // Vocabulary id of a folded code point, or 0 when the segment lacks it.
  uint32_t IdOf(char32_t cp) const;
  char32_t CodePoint(uint32_t id) const { return vocab_[id - 1].code_point; }
  uint32_t Count(uint32_t id) const { return vocab_[id - 1].count; }
  uint32_t NodesBase(uint32_t id) const { return vocab_[id - 1].nodes_base; }
  uint32_t NodesAll(uint32_t id) const { return vocab_[id - 1].nodes_all; }
  // One past the last position of the base editions (they come first).
  uint32_t base_end() const { return base_end_; }
  PostingsReader Postings(uint32_t id) const;
  // Whether the pair (a, b) of ids has its own posting list — both are
  // frequent (segment_format.h) — and, if so, that list (empty when the pair
  // never occurs): the positions of a where b follows.
  bool PairListed(uint32_t a, uint32_t b) const {
    return Count(a) >= header_->bigram_min_count && Count(b) >= header_->bigram_min_count;
  }
  PostingsReader PairPostings(uint32_t a, uint32_t b) const;

  // Asks the CPU to fetch the id at `pos` into cache ahead of CodeAt: checking
  // the candidates of a multi-character query touches one cache line (and
  // often one page) per candidate, and waiting for each in turn dominated
  // the time of frequent pairs such as 人之.
  void PrefetchCode(uint64_t pos) const { __builtin_prefetch(codes_ + pos * header_->code_width); }
  // The id at a unit position (0 at node ends).
  uint32_t CodeAt(uint64_t pos) const {
    return header_->code_width == 2 ? reinterpret_cast<const uint16_t*>(codes_)[pos]
                                    : reinterpret_cast<const uint32_t*>(codes_)[pos];
  }

 private:
  Segment() = default;
  std::string name_;
  const uint8_t* base_ = nullptr;
  uint64_t size_ = 0;
  const SegmentHeader* header_ = nullptr;
  const EntryRecord* entries_ = nullptr;
  const NodeRecord* nodes_ = nullptr;
  const VocabRecord* vocab_ = nullptr;
  const BigramRecord* bigrams_ = nullptr;
  const uint8_t* postings_ = nullptr;
  const uint8_t* codes_ = nullptr;
  const char* strings_ = nullptr;
  const uint32_t* blocks_ = nullptr;
  const uint32_t* block_lines_ = nullptr;
  const uint32_t* pages_ = nullptr;
  uint32_t base_end_ = 0;
};

}  // namespace fangzhi::search
