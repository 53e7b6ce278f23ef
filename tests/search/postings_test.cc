#include "search/postings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>

namespace fangzhi::search {
namespace {

// Encoded lists answer Rank, Ranks and range decodes exactly as the plain
// sorted vector does, across block boundaries and at the ends.
TEST(Postings, RankAndDecodeMatchThePlainList) {
  std::mt19937 rng(7);
  for (uint32_t count : {0u, 1u, 127u, 128u, 129u, 1000u, 5000u}) {
    std::vector<uint32_t> pos;
    uint32_t p = rng() % 50;
    for (uint32_t i = 0; i < count; ++i) {
      pos.push_back(p);
      p += 1 + rng() % (i % 3 == 0 ? 2000 : 5);  // small and large gaps
    }
    std::string bytes;
    EncodePostings(pos.data(), count, &bytes);
    // Read from a 4-aligned copy, as a segment file lays lists out.
    std::vector<uint32_t> aligned((bytes.size() + 3) / 4);
    if (!bytes.empty()) std::memcpy(aligned.data(), bytes.data(), bytes.size());
    const PostingsReader r(reinterpret_cast<const uint8_t*>(aligned.data()), count);
    ASSERT_EQ(r.size(), count);
    std::vector<uint32_t> all;
    r.DecodeAll(&all);
    EXPECT_EQ(all, pos);
    std::vector<uint32_t> xs;
    for (int k = 0; k < 200; ++k) xs.push_back(rng() % (p + 10));
    std::sort(xs.begin(), xs.end());
    std::vector<uint32_t> ranks;
    r.Ranks(xs, &ranks);
    for (size_t k = 0; k < xs.size(); ++k) {
      const auto want = static_cast<uint32_t>(std::lower_bound(pos.begin(), pos.end(), xs[k]) - pos.begin());
      ASSERT_EQ(r.Rank(xs[k]), want) << count << " " << xs[k];
      ASSERT_EQ(ranks[k], want);
    }
    for (int k = 0; k < 100; ++k) {
      uint32_t lo = rng() % (p + 10), hi = rng() % (p + 10);
      if (lo > hi) std::swap(lo, hi);
      std::vector<uint32_t> got;
      r.Decode(lo, hi, &got);
      std::vector<uint32_t> want(std::lower_bound(pos.begin(), pos.end(), lo), std::lower_bound(pos.begin(), pos.end(), hi));
      ASSERT_EQ(got, want) << lo << ".." << hi;
    }
  }
}

}  // namespace
}  // namespace fangzhi::search
