// Posting lists: the sorted positions of one character in a segment,
// delta-coded with StreamVByte in blocks of 128 and a skip table holding
// each block's first position, so that a range [lo, hi) can be counted or
// decoded without touching the blocks outside it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fangzhi::search {

inline constexpr uint32_t kPostingsBlock = 128;

struct SkipEntry {
  uint32_t first;   // first position in the block
  uint32_t offset;  // byte offset of the block's data from the list's data start
};

// Appends the encoded list (skip table, then block data) to `out`.
void EncodePostings(const uint32_t* positions, uint32_t count, std::string* out);

// Bytes EncodePostings needs at most for `count` positions.
size_t MaxEncodedPostingsBytes(uint32_t count);

class PostingsReader {
 public:
  PostingsReader() = default;
  // `list` points at the skip table written by EncodePostings.
  PostingsReader(const uint8_t* list, uint32_t count);

  uint32_t size() const { return count_; }
  // Positions < x.
  uint32_t Rank(uint32_t x) const;
  // Rank of each of `xs` (ascending), walking the list once: boundaries in
  // the same block share one decode.
  void Ranks(const std::vector<uint32_t>& xs, std::vector<uint32_t>* out) const;
  // Appends the positions in [lo, hi).
  void Decode(uint32_t lo, uint32_t hi, std::vector<uint32_t>* out) const;
  void DecodeAll(std::vector<uint32_t>* out) const { Decode(0, UINT32_MAX, out); }

 private:
  uint32_t BlockSize(uint32_t b) const {
    return b + 1 < blocks_ ? kPostingsBlock : count_ - b * kPostingsBlock;
  }
  // First block that may hold a position >= x.
  uint32_t FindBlock(uint32_t x) const;
  void DecodeBlock(uint32_t b, uint32_t* out) const;

  const SkipEntry* skips_ = nullptr;
  const uint8_t* data_ = nullptr;
  uint32_t count_ = 0;
  uint32_t blocks_ = 0;
};

}  // namespace fangzhi::search
