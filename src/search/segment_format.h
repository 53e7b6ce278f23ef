// On-disk layout of an index segment (one file, little-endian, mapped
// read-only). A segment covers a set of works; it is written once, to a
// temporary name, synced and renamed, and never changed afterwards.
//
//   SegmentHeader
//   EntryRecord[num_entries]     one per (work, edition), base editions first
//   NodeRecord[num_nodes]        in position order
//   VocabRecord[vocab_size]      sorted by code point; a unit's id is index + 1
//   postings                     per vocabulary entry (postings.h), 4-aligned
//   BigramRecord[num_bigrams]    sorted by (first, second); then their postings
//   codes                        the search text as ids, u16 or u32 each; 0 ends a node
//   block starts                 u32 per stored block of every node: the unit offset
//                                (from the node's start) where the block's text begins
//   block lines                  u32 per stored block: printed lines before the block's
//                                text on its page (a citation's line number without
//                                reading the page from its anchor)
//   page seqs                    u32 per page-anchor block: its seq in the node
//   strings                      work and edition ids
#pragma once

#include <cstdint>

namespace fangzhi::search {

inline constexpr char kSegmentMagic[8] = {'F', 'Z', 'S', 'E', 'G', '0', '0', '1'};
inline constexpr uint32_t kSegmentVersion = 5;

// Pairs of frequent characters get posting lists of their own (positions of
// the first character): a query such as 人之 would otherwise check each of
// the 1.1 million places of 人 for a 之 after it, ~20 ms, where reading the
// pair's 21,000 places takes ~0.1 ms. "Frequent" means at least one in
// kBigramShare of the segment's units (and at least kBigramMinCount). On
// the benchmark corpus (docs/benchmarks.md) the whole index is 1.48× the
// text with one in 768 (the target is 1.5×; 1.26× without pair lists), 1.54×
// with one in 1,024; before the block lines were added, a fixed bar of
// 16,384 occurrences made it 1.76× for a mean query time of 0.49 ms against
// 0.47 ms now and 1.7 ms without pair lists (a noisy machine). The writer also keeps the number of such
// characters under kMaxBigramChars, and records the bar it used.
inline constexpr uint32_t kBigramShare = 768;
inline constexpr uint32_t kBigramMinCount = 1024;
inline constexpr uint32_t kMaxBigramChars = 1024;

struct SegmentHeader {
  char magic[8];
  uint32_t version;
  uint32_t code_width;  // 2 when the vocabulary fits in 16 bits, else 4
  uint64_t num_units;   // search units plus one separator per node
  uint32_t num_entries;
  uint32_t num_nodes;
  uint32_t vocab_size;
  uint32_t folding;  // text::FoldingFingerprint() of the build; another is a stale index
  uint64_t entries_off, nodes_off, vocab_off, postings_off, codes_off, strings_off, file_size;
  uint64_t text_bytes;  // UTF-8 bytes of the stored text indexed here (for size ratios)
  uint64_t blocks_off, pages_off;
  uint32_t num_blocks, num_pages;
  // Every pair (a, b) with both Count(a) and Count(b) >= bigram_min_count
  // that occurs has a record; a pair of such characters without one never
  // occurs.
  uint64_t bigrams_off;
  uint32_t num_bigrams;
  uint32_t bigram_min_count;
  uint64_t block_lines_off;
};

struct EntryRecord {
  uint32_t work_off, work_len;        // into strings
  uint32_t edition_off, edition_len;  // into strings
  uint32_t is_base;
  uint32_t first_node, end_node;  // [first, end) into NodeRecord
  uint32_t start_pos, end_pos;    // [start, end) unit positions
  uint32_t edition_ord;
};

struct NodeRecord {
  int64_t store_id;    // nodes.id in the store
  uint32_t start_pos;  // the node's units are [start_pos, next node's start_pos - 1)
  uint32_t entry;
  // The node's block starts and page seqs begin here in their arrays and
  // end where the next node's begin.
  uint32_t first_block;
  uint32_t first_page;
};

struct BigramRecord {
  uint32_t first, second;  // vocabulary ids
  uint32_t count;
  uint32_t reserved;
  uint64_t offset;  // of the posting list, from postings_off
};

struct VocabRecord {
  uint32_t code_point;
  uint32_t count;
  uint64_t offset;  // of the posting list, from postings_off
  // Nodes holding the character, in the base editions and in all: a
  // one-character query over a whole scope needs no decoding to count them.
  uint32_t nodes_base;
  uint32_t nodes_all;
};

}  // namespace fangzhi::search
