#include "search/postings.h"

#include <streamvbyte.h>
#include <streamvbytedelta.h>

#include <algorithm>
#include <cstring>

namespace fangzhi::search {

size_t MaxEncodedPostingsBytes(uint32_t count) {
  const uint32_t blocks = (count + kPostingsBlock - 1) / kPostingsBlock;
  return blocks * sizeof(SkipEntry) + streamvbyte_max_compressedbytes(count) + blocks * 16;
}

void EncodePostings(const uint32_t* positions, uint32_t count, std::string* out) {
  const uint32_t blocks = (count + kPostingsBlock - 1) / kPostingsBlock;
  const size_t base = out->size();
  out->resize(base + MaxEncodedPostingsBytes(count));
  auto* skips = reinterpret_cast<SkipEntry*>(out->data() + base);
  uint8_t* data = reinterpret_cast<uint8_t*>(out->data() + base + blocks * sizeof(SkipEntry));
  size_t used = 0;
  for (uint32_t b = 0; b < blocks; ++b) {
    const uint32_t n = std::min(kPostingsBlock, count - b * kPostingsBlock);
    const uint32_t* in = positions + b * kPostingsBlock;
    SkipEntry e{in[0], static_cast<uint32_t>(used)};
    std::memcpy(&skips[b], &e, sizeof e);
    // Deltas from the block's first position: each block decodes alone.
    used += streamvbyte_delta_encode(in, n, data + used, in[0]);
  }
  out->resize(base + blocks * sizeof(SkipEntry) + used);
}

PostingsReader::PostingsReader(const uint8_t* list, uint32_t count)
    : skips_(reinterpret_cast<const SkipEntry*>(list)),
      count_(count),
      blocks_((count + kPostingsBlock - 1) / kPostingsBlock) {
  data_ = list + blocks_ * sizeof(SkipEntry);
}

uint32_t PostingsReader::FindBlock(uint32_t x) const {
  // Last block whose first position is < x (positions >= x may start there).
  uint32_t lo = 0, hi = blocks_;
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (skips_[mid].first < x) lo = mid + 1; else hi = mid;
  }
  return lo == 0 ? 0 : lo - 1;
}

void PostingsReader::DecodeBlock(uint32_t b, uint32_t* out) const {
  streamvbyte_delta_decode(data_ + skips_[b].offset, out, BlockSize(b), skips_[b].first);
}

uint32_t PostingsReader::Rank(uint32_t x) const {
  if (count_ == 0 || x <= skips_[0].first) return 0;
  const uint32_t b = FindBlock(x);
  uint32_t buf[kPostingsBlock];
  DecodeBlock(b, buf);
  const uint32_t n = BlockSize(b);
  return b * kPostingsBlock + static_cast<uint32_t>(std::lower_bound(buf, buf + n, x) - buf);
}

void PostingsReader::Ranks(const std::vector<uint32_t>& xs, std::vector<uint32_t>* out) const {
  out->clear();
  out->reserve(xs.size());
  uint32_t buf[kPostingsBlock];
  uint32_t decoded = UINT32_MAX;  // block now in buf
  uint32_t b = 0;
  for (uint32_t x : xs) {
    if (count_ == 0 || x <= skips_[0].first) {
      out->push_back(0);
      continue;
    }
    // Move forward to the last block whose first position is < x.
    while (b + 1 < blocks_ && skips_[b + 1].first < x) ++b;
    if (decoded != b) {
      DecodeBlock(b, buf);
      decoded = b;
    }
    const uint32_t n = BlockSize(b);
    out->push_back(b * kPostingsBlock + static_cast<uint32_t>(std::lower_bound(buf, buf + n, x) - buf));
  }
}

void PostingsReader::Decode(uint32_t lo, uint32_t hi, std::vector<uint32_t>* out) const {
  if (count_ == 0 || lo >= hi) return;
  uint32_t buf[kPostingsBlock];
  for (uint32_t b = FindBlock(lo); b < blocks_ && skips_[b].first < hi; ++b) {
    const uint32_t n = BlockSize(b);
    if (skips_[b].first >= lo && (b + 1 == blocks_ || skips_[b + 1].first <= hi)) {
      // The whole block is inside the range: decode straight into the output.
      const size_t at = out->size();
      out->resize(at + n);
      DecodeBlock(b, out->data() + at);
      if (b + 1 == blocks_ && out->back() >= hi) {
        out->erase(std::lower_bound(out->begin() + static_cast<long>(at), out->end(), hi), out->end());
      }
      continue;
    }
    DecodeBlock(b, buf);
    const uint32_t* from = std::lower_bound(buf, buf + n, lo);
    const uint32_t* to = std::lower_bound(from, static_cast<const uint32_t*>(buf) + n, hi);
    out->insert(out->end(), from, to);
  }
}

}  // namespace fangzhi::search
