// The search engine against the bundled corpus: exact occurrence counts
// equal to the brute-force scan for thousands of random queries, folding,
// every operator and filter, sorting and paging, bad queries, and an index
// that stays right through import, remove and a crash mid-build.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "search/brute_force.h"
#include "search/index.h"
#include "search/result_json.h"
#include "search/searcher.h"
#include "search/search_text.h"
#include "search/segment.h"
#include "test_util.h"

#include <nlohmann/json.hpp>
#include "text/fold.h"
#include "text/utf8.h"

namespace fangzhi::search {
namespace {

namespace fs = std::filesystem;
using testing::Fangzhi;

std::string Utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) text::AppendUtf8(out, c);
  return out;
}

class BashuSearch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    std::string paths;
    for (const auto& e : fs::directory_iterator(testing::BashuDir())) paths += " '" + e.path().string() + "'";
    const auto r = Fangzhi(dir_->path() / "data", "import" + paths);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_TRUE(store::Library::Open(dir_->path() / "data", &lib_holder_).ok());
    ASSERT_TRUE(Index::Open(lib_holder_.get(), &index_holder_).ok());
    ASSERT_TRUE(index_holder_->built());
    ASSERT_TRUE(Searcher::Open(lib_holder_.get(), index_holder_.get(), &searcher_holder_).ok());
    base_ = new BruteForceCorpus();
    ASSERT_TRUE(base_->Load(lib_holder_.get(), true).ok());
    all_ = new BruteForceCorpus();
    ASSERT_TRUE(all_->Load(lib_holder_.get(), false).ok());
  }
  static void TearDownTestSuite() {
    searcher_holder_.reset();
    index_holder_.reset();
    lib_holder_.reset();
    delete base_;
    delete all_;
    delete dir_;
  }

  static SearchResult Search(const std::string& q, SearchOptions o = {}) {
    SearchResult r;
    Status s = searcher_holder_->Search(q, o, &r);
    EXPECT_TRUE(s.ok()) << q << ": " << s.ToString();
    return r;
  }
  static Status SearchStatus(const std::string& q) {
    SearchResult r;
    return searcher_holder_->Search(q, {}, &r);
  }

  static testing::TempDir* dir_;
  static std::unique_ptr<store::Library> lib_holder_;
  static std::unique_ptr<Index> index_holder_;
  static std::unique_ptr<Searcher> searcher_holder_;
  static BruteForceCorpus* base_;
  static BruteForceCorpus* all_;
};

testing::TempDir* BashuSearch::dir_ = nullptr;
std::unique_ptr<store::Library> BashuSearch::lib_holder_;
std::unique_ptr<Index> BashuSearch::index_holder_;
std::unique_ptr<Searcher> BashuSearch::searcher_holder_;
BruteForceCorpus* BashuSearch::base_ = nullptr;
BruteForceCorpus* BashuSearch::all_ = nullptr;

// Random substrings of the corpus, as typed by a user: traditional as in the
// text, simplified, or with a witness's variant character put back.
std::vector<std::string> RandomQueries(store::Library* lib, size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> texts;
  std::vector<store::WorkSummary> works;
  EXPECT_TRUE(lib->ListWorks(&works).ok());
  for (const auto& w : works) {
    EXPECT_TRUE(lib->ScanNodes(w.work.id, [&](const store::StoredNode& sn) {
      for (const auto& b : sn.node.blocks) {
        if (b.kind == model::BlockKind::kText && b.text.size() > 60) texts.push_back(b.text);
      }
      return Status::Ok();
    }).ok());
  }
  const std::vector<std::pair<std::string, std::string>> variants = {
      {"督", "𥆳"}, {"玄", "𤣥"}, {"雙", "𩀱"}, {"樹", "𣗳"}, {"致", "𦤺"}, {"第", "苐"}};
  std::vector<std::string> out;
  while (out.size() < n) {
    const std::string& t = texts[rng() % texts.size()];
    // Start at a code point boundary.
    size_t i = rng() % t.size();
    while (i > 0 && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80) --i;
    const size_t len = 1 + rng() % 10;
    std::string q;
    size_t j = i;
    for (size_t k = 0; k < len && j < t.size(); ++k) {
      size_t from = j;
      text::NextCodePoint(t, j);
      q.append(t, from, j - from);
    }
    std::u32string folded = text::FoldForSearch(q);
    if (folded.empty()) continue;
    switch (rng() % 4) {
      case 0:
        q = Utf8(folded);  // simplified
        break;
      case 1:
        for (const auto& [std_form, variant] : variants) {
          for (size_t p = q.find(std_form); p != std::string::npos; p = q.find(std_form, p + variant.size())) {
            q.replace(p, std_form.size(), variant);
          }
        }
        break;
      default:
        break;  // as in the text, punctuation and line ends included
    }
    // Quote it so that spaces, '|', '-' or ':' inside are text, not syntax.
    if (q.find('"') != std::string::npos) continue;
    out.push_back(q);
  }
  return out;
}

TEST_F(BashuSearch, TwoThousandRandomQueriesMatchBruteForce) {
  const auto queries = RandomQueries(lib_holder_.get(), 2000, 20261126);
  size_t nonzero = 0;
  for (size_t i = 0; i < queries.size(); ++i) {
    const bool all_editions = i % 2 == 1;
    const std::string q = "\"" + queries[i] + "\"" + (all_editions ? " edition:all" : "");
    SearchOptions o;
    o.limit = 1;
    const SearchResult r = Search(q, o);
    const BruteForceCount want = (all_editions ? all_ : base_)->Count(text::FoldForSearch(queries[i]));
    ASSERT_EQ(r.total_occurrences, want.occurrences) << q;
    ASSERT_EQ(r.total_nodes, want.nodes) << q;
    std::map<std::string, uint64_t> got;
    for (const auto& v : r.facets.at("work")) got[v.value] = v.occurrences;
    ASSERT_EQ(got, want.per_work) << q;
    nonzero += want.occurrences > 0;
  }
  EXPECT_GT(nonzero, 1900u);  // drawn from the text: nearly all occur
}

TEST_F(BashuSearch, FacetLimitKeepsTheCommonestValuesAndCountsTheRest) {
  SearchOptions all;
  all.facet_limit = 0;
  all.facets = {"work", "dynasty"};
  const SearchResult full = Search("之", all);
  ASSERT_GT(full.facets.at("work").size(), 3u);
  EXPECT_EQ(full.facet_distinct.at("work"), full.facets.at("work").size());
  SearchOptions cut = all;
  cut.facet_limit = 3;
  const SearchResult r = Search("之", cut);
  ASSERT_EQ(r.facets.at("work").size(), 3u);
  EXPECT_EQ(r.facet_distinct.at("work"), full.facets.at("work").size());
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(r.facets.at("work")[i], full.facets.at("work")[i]);
  EXPECT_EQ(r.total_occurrences, full.total_occurrences);  // the cut touches the lists only
  // The JSON keeps the order (commonest first) and says how many values there were.
  const auto j = SearchResultJson(r);
  ASSERT_EQ(j["facets"]["work"].size(), 3u);
  EXPECT_EQ(j["facets"]["work"].begin().key(), full.facets.at("work")[0].value);
  EXPECT_EQ(j["facet_distinct"]["work"], full.facets.at("work").size());
  EXPECT_EQ(j["facet_labels"]["work"].size(), 3u);
}

TEST_F(BashuSearch, AbsentAndOneCharacterQueries) {
  EXPECT_EQ(Search("\"巴蜀巴蜀巴蜀巴蜀\"").total_occurrences, 0u);
  EXPECT_EQ(Search("龘靐").total_occurrences, 0u);
  const SearchResult r = Search("之");
  EXPECT_EQ(r.total_occurrences, base_->Count(text::FoldForSearch("之")).occurrences);
  EXPECT_GT(r.total_occurrences, 50000u);
  EXPECT_EQ(r.hits.size(), 20u);
}

// Pairs of frequent characters are answered from their own posting lists
// (segment_format.h); queries made of them must count exactly what the
// text holds, per work and in nodes, in the base editions and in all.
TEST_F(BashuSearch, PairsOfFrequentCharactersMatchBruteForce) {
  const Segment* seg = nullptr;
  for (const auto& is : index_holder_->segments()) {
    if (seg == nullptr || is.segment->header().num_units > seg->header().num_units) seg = is.segment.get();
  }
  ASSERT_NE(seg, nullptr);
  ASSERT_GT(seg->header().num_bigrams, 0u) << "the corpus is large enough to have pair lists";
  std::vector<uint32_t> ids;
  for (uint32_t id = 1; id <= seg->header().vocab_size; ++id) ids.push_back(id);
  std::sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) { return seg->Count(a) > seg->Count(b); });
  ids.resize(6);
  size_t never = 0;
  for (uint32_t a : ids) {
    for (uint32_t b : ids) {
      ASSERT_TRUE(seg->PairListed(a, b));
      const std::u32string q = {seg->CodePoint(a), seg->CodePoint(b)};
      for (const auto* brute : {base_, all_}) {
        const BruteForceCount want = brute->Count(q);
        never += want.occurrences == 0;
        const SearchResult got = Search("\"" + Utf8(q) + "\"" + (brute == all_ ? " edition:all" : ""), {.facet_limit = 0});
        EXPECT_EQ(got.total_occurrences, want.occurrences) << Utf8(q);
        EXPECT_EQ(got.total_nodes, want.nodes) << Utf8(q);
        std::map<std::string, uint64_t> per_work;
        for (const auto& v : got.facets.at("work")) per_work[v.value] = v.occurrences;
        EXPECT_EQ(per_work, want.per_work) << Utf8(q);
      }
      // Three characters: the pair list gives the candidates, the third is checked.
      const std::u32string q3 = {seg->CodePoint(a), seg->CodePoint(b), seg->CodePoint(ids[0])};
      EXPECT_EQ(Search("\"" + Utf8(q3) + "\"").total_occurrences, base_->Count(q3).occurrences) << Utf8(q3);
    }
  }
  RecordProperty("pairs_that_never_occur", static_cast<int>(never));
}

// The pair records and the block lines are checked when a segment opens: a
// damaged one is reported, never read past its end.
TEST_F(BashuSearch, DamagedPairRecordsAndBlockLinesAreReported) {
  const Segment* seg = nullptr;
  for (const auto& is : index_holder_->segments()) {
    if (is.segment->header().num_bigrams > 0) seg = is.segment.get();
  }
  ASSERT_NE(seg, nullptr);
  std::string bytes;
  {
    std::ifstream in(dir_->path() / "data" / "index" / seg->name(), std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  ASSERT_EQ(bytes.size(), seg->file_size());
  auto open_damaged = [&](const std::function<void(std::string*)>& damage) {
    std::string copy = bytes;
    damage(&copy);
    const fs::path p = dir_->path() / "damaged.fzs";
    std::ofstream(p, std::ios::binary).write(copy.data(), static_cast<std::streamsize>(copy.size()));
    std::unique_ptr<Segment> out;
    return Segment::Open(p, &out);
  };
  ASSERT_TRUE(open_damaged([](std::string*) {}).ok());
  const SegmentHeader h = seg->header();
  const Status far = open_damaged([&](std::string* b) {
    BigramRecord r;
    std::memcpy(&r, b->data() + h.bigrams_off, sizeof r);
    r.offset = h.file_size;  // its list would lie past the postings
    std::memcpy(b->data() + h.bigrams_off, &r, sizeof r);
  });
  EXPECT_EQ(far.code(), Status::Code::kCorruption);
  EXPECT_NE(far.message().find("字对 0"), std::string::npos) << far.message();
  const Status unsorted = open_damaged([&](std::string* b) {
    BigramRecord r;
    std::memcpy(&r, b->data() + h.bigrams_off + sizeof r, sizeof r);  // the second record first
    std::memcpy(b->data() + h.bigrams_off, &r, sizeof r);
  });
  EXPECT_EQ(unsorted.code(), Status::Code::kCorruption) << unsorted.message();
  const Status lines = open_damaged([&](std::string* b) {
    SegmentHeader bad = h;
    bad.block_lines_off = h.pages_off;  // the lines would overlap the page anchors
    std::memcpy(b->data(), &bad, sizeof bad);
  });
  EXPECT_EQ(lines.code(), Status::Code::kCorruption);
  EXPECT_NE(lines.message().find("区段越界"), std::string::npos) << lines.message();
}

// A page of hits reuses the blocks read for one hit for the next hits in
// the same node (kwic.h); each line must be what it is when its hit is
// rendered alone.
// A note's column break '/' is no more shown on a KWIC line than a line end,
// except inside a character description [ … ].
TEST_F(BashuSearch, KwicLinesShowNoColumnBreaks) {
  const SearchResult r = Search("巴郡", {.limit = 1000});
  ASSERT_GT(r.hits.size(), 300u);
  size_t with_note = 0;
  for (const Hit& h : r.hits) {
    const std::string line = h.left + h.match + h.right;
    with_note += line.find("（") != std::string::npos;
    int brackets = 0;
    for (char c : line) {
      if (c == '[') ++brackets;
      if (c == ']') --brackets;
      EXPECT_FALSE(c == '/' && brackets == 0) << line;
    }
  }
  EXPECT_GT(with_note, 10u);
}

TEST_F(BashuSearch, KwicLinesOfAPageEqualThoseRenderedAlone) {
  for (const std::string q : {"之", "\"而不\"", "蜀 edition:all"}) {
    const SearchResult page = Search(q, {.limit = 150});
    ASSERT_EQ(page.hits.size(), 150u) << q;
    for (size_t i = 0; i < page.hits.size(); i += 7) {
      const SearchResult alone = Search(q, {.limit = 1, .offset = i});
      ASSERT_EQ(alone.hits.size(), 1u);
      const Hit& a = page.hits[i];
      const Hit& b = alone.hits[0];
      EXPECT_EQ(std::tie(a.work, a.edition, a.base_edition, a.path, a.citation, a.left, a.match, a.right, a.node_path,
                         a.paragraph, a.page, a.line),
                std::tie(b.work, b.edition, b.base_edition, b.path, b.citation, b.left, b.match, b.right, b.node_path,
                         b.paragraph, b.page, b.line))
          << q << " hit " << i;
    }
  }
}

// A citation's line number comes from the lines the segment records per
// block; they must be what counting from the page anchor gives (the way
// the line was found before it was recorded).
TEST_F(BashuSearch, RecordedBlockLinesEqualCountingFromThePageAnchor) {
  size_t checked = 0;
  for (const auto& is : index_holder_->segments()) {
    const Segment& seg = *is.segment;
    for (uint32_t node = 0; node < seg.num_nodes(); node += 3) {
      store::StoredNode sn;
      ASSERT_TRUE(lib_holder_->LoadNodeById(seg.node(node).store_id, &sn).ok());
      const auto& blocks = sn.node.blocks;
      ASSERT_EQ(static_cast<size_t>(seg.BlockStarts(node).second - seg.BlockStarts(node).first), blocks.size());
      int64_t page_seq = -1;
      for (uint32_t k = 0; k < blocks.size(); ++k) {
        if (blocks[k].kind == model::BlockKind::kPage) {
          page_seq = k;
          continue;
        }
        if (page_seq < 0 || !IsSearchedBlock(blocks[k].kind)) continue;
        int lines = 0, prev_para = -1;
        for (uint32_t j = static_cast<uint32_t>(page_seq) + 1; j <= k; ++j) {
          if (!IsSearchedBlock(blocks[j].kind)) continue;
          if (prev_para != -1 && blocks[j].para != prev_para) ++lines;
          prev_para = blocks[j].para;
          if (j < k) lines += static_cast<int>(std::count(blocks[j].text.begin(), blocks[j].text.end(), '\n'));
        }
        ASSERT_EQ(seg.BlockLines(node)[k], static_cast<uint32_t>(lines)) << sn.work_id << "/" << sn.path << " block " << k;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 10000u);
}

TEST_F(BashuSearch, FoldingFindsTraditionalVariantAndWidth) {
  const auto trad = Search("華陽國志");
  const auto simp = Search("华阳国志");
  EXPECT_GT(trad.total_occurrences, 0u);
  EXPECT_EQ(trad.total_occurrences, simp.total_occurrences);
  // 督 finds 𥆳: the master has 督 where the SBCK witness prints 𥆳.
  const auto a = Search("督 edition:SBCK");
  const auto b = Search("𥆳 edition:SBCK");
  EXPECT_GT(a.total_occurrences, 0u);
  EXPECT_EQ(a.total_occurrences, b.total_occurrences);
  bool shows_original = false;
  for (const auto& h : Search("督 edition:SBCK", {.limit = 1000}).hits) shows_original |= h.match == "𥆳";
  EXPECT_TRUE(shows_original) << "a hit is shown in the original text";
}

TEST_F(BashuSearch, HitsCrossLineEndsAndPunctuationAndShowTheOriginal) {
  // 華陽國志 juan 1: "…導江疏河¶\n百川蠲脩…": a hit across the printed line end.
  const auto r = Search("疏河百川 work:KR2i0003");
  ASSERT_GE(r.total_occurrences, 1u);
  EXPECT_EQ(r.hits[0].match, "疏河百川");
  EXPECT_EQ(r.hits[0].work, "KR2i0003");
  EXPECT_EQ(r.hits[0].path.rfind("KR2i0003/001#p", 0), 0u) << r.hits[0].path;
  EXPECT_EQ(r.hits[0].node_path, "001");
  EXPECT_NE(r.hits[0].citation.find("《華陽國志》"), std::string::npos);
  EXPECT_NE(r.hits[0].citation.find("第"), std::string::npos);
  EXPECT_EQ(r.hits[0].page, "KR2i0003_SBCK_001-1a");
}

TEST_F(BashuSearch, BooleanOperators) {
  const uint64_t ba = Search("巴").total_nodes;
  const uint64_t shu = Search("蜀").total_nodes;
  const auto both = Search("巴 蜀");
  const auto either = Search("巴 | 蜀");
  const auto ba_not_shu = Search("巴 -蜀");
  EXPECT_LE(both.total_nodes, std::min(ba, shu));
  EXPECT_EQ(either.total_nodes + both.total_nodes, ba + shu);
  EXPECT_EQ(ba_not_shu.total_nodes + both.total_nodes, ba);
  EXPECT_EQ(either.total_occurrences, Search("巴").total_occurrences + Search("蜀").total_occurrences);
  // A phrase is its characters without the spaces.
  EXPECT_EQ(Search("\"華陽 國志\"").total_occurrences, Search("華陽國志").total_occurrences);
  // NEAR: within k characters, either order, same node.
  const auto near = Search("巴 NEAR/3 蜀");
  EXPECT_GT(near.total_occurrences, 0u);
  EXPECT_LE(near.total_occurrences, Search("巴").total_occurrences);
  EXPECT_GE(Search("巴 NEAR/10 蜀").total_occurrences, near.total_occurrences);
  // A term near itself needs a second occurrence: fewer hits than the term has.
  EXPECT_LT(Search("巴 NEAR/2 巴").total_occurrences, Search("巴").total_occurrences);
  EXPECT_GT(Search("巴 NEAR/2 巴").total_occurrences, 0u);
  for (const auto& h : near.hits) {
    EXPECT_LE(text::CountCodePoints(h.match), 1 + 3 + 1 + 2u) << h.match;  // spans both, plus punctuation
  }
}

TEST_F(BashuSearch, Filters) {
  const auto all = Search("成都");
  const auto hy = Search("成都 work:KR2i0003");
  const auto ming = Search("成都 dynasty:明");
  const auto ming_s = Search("成都 dynasty:明 dynasty:清");
  const auto gz = Search("成都 kind:志書");
  EXPECT_GT(hy.total_occurrences, 0u);
  EXPECT_LT(hy.total_occurrences, all.total_occurrences);
  for (const auto& h : hy.hits) EXPECT_EQ(h.work, "KR2i0003");
  EXPECT_EQ(hy.total_occurrences, Search("成都 work:華陽國志").total_occurrences);  // by title too
  EXPECT_GT(ming_s.total_occurrences, ming.total_occurrences);
  EXPECT_EQ(Search("成都 region:51").total_occurrences, all.total_occurrences);
  EXPECT_EQ(Search("成都 region:4").total_occurrences, 0u);
  EXPECT_EQ(Search("成都 region:510000").total_occurrences, all.total_occurrences);  // = 51
  EXPECT_EQ(Search("成都 region:四川省").total_occurrences, all.total_occurrences);
  // KR2i0014 and KR2k0121 are 成都's (5101); the rest cover the province.
  const uint64_t chengdu = Search("成都 region:5101").total_occurrences;
  EXPECT_GT(chengdu, 0u);
  EXPECT_LT(chengdu, all.total_occurrences);
  EXPECT_EQ(Search("成都 region:510100").total_occurrences, chengdu);
  EXPECT_EQ(Search("成都 region:成都市").total_occurrences, chengdu);
  EXPECT_GT(gz.total_occurrences, 0u);
  EXPECT_EQ(gz.total_occurrences, Search("成都 kind:志书").total_occurrences);
  EXPECT_GT(Search("成都 edition:WYG").total_occurrences, 0u);
  EXPECT_EQ(Search("成都 edition:all").total_occurrences,
            Search("成都 edition:master").total_occurrences + Search("成都 edition:WYG").total_occurrences +
                Search("成都 edition:SBCK").total_occurrences);
  for (const auto& v : all.facets.at("dynasty")) EXPECT_FALSE(v.value.empty());
}

// Region filters by code at any level (trailing 00 pairs or not) and by the
// GB/T 2260 name of the work's code, not only by its province.
TEST(SearchRegion, CodesAtAnyLevelAndFullNames) {
  testing::TempDir dir;
  const auto data = dir / "data";
  const std::string sample = (testing::SourceDir() / "examples/shili-county-yearbook-2025.md").string();  // 510121
  ASSERT_EQ(Fangzhi(data, "import '" + sample + "' '" + (testing::BashuDir() / "KR2i0003").string() + "'").exit_code, 0);
  auto count = [&](const std::string& q) {
    const auto r = Fangzhi(data, "search --json --limit 0 '" + q + "'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out)["total_occurrences"].get<uint64_t>();
  };
  const uint64_t in_sample = count("县 work:shili-2025");
  ASSERT_GT(in_sample, 0u);
  for (const char* r : {"510100", "5101", "510121", "成都市", "成都", "金堂县", "金堂縣"}) {
    EXPECT_EQ(count(std::string("县 region:") + r), in_sample) << r;
  }
  for (const char* r : {"510700", "5107", "510122", "绵阳"}) EXPECT_EQ(count(std::string("县 region:") + r), 0u) << r;
  EXPECT_EQ(count("县 region:51"), count("县"));
}

TEST_F(BashuSearch, SortingAndPaging) {
  SearchOptions o;
  o.limit = 50;
  const auto pos = Search("巴郡", o);
  ASSERT_EQ(pos.hits.size(), 50u);
  o.sort = KwicSort::kRight;
  const auto right = Search("巴郡", o);
  for (size_t i = 1; i < right.hits.size(); ++i) {
    // The shown context may end before the node does; compare what is shown.
    const std::u32string a = text::FoldForSearch(right.hits[i - 1].right), b = text::FoldForSearch(right.hits[i].right);
    const size_t n = std::min(a.size(), b.size());
    EXPECT_LE(a.substr(0, n), b.substr(0, n)) << i;
  }
  o.sort = KwicSort::kLeft;
  const auto left = Search("巴郡", o);
  for (size_t i = 1; i < left.hits.size(); ++i) {
    std::u32string a = text::FoldForSearch(left.hits[i - 1].left), b = text::FoldForSearch(left.hits[i].left);
    std::reverse(a.begin(), a.end());
    std::reverse(b.begin(), b.end());
    const size_t n = std::min(a.size(), b.size());
    EXPECT_LE(a.substr(0, n), b.substr(0, n)) << i;
  }
  // Pages: offset 10 limit 10 == hits 10..19 of one page of 20.
  o = {};
  const auto page = Search("巴郡", o);
  o.offset = 10;
  o.limit = 10;
  const auto second = Search("巴郡", o);
  ASSERT_EQ(second.hits.size(), 10u);
  for (size_t i = 0; i < 10; ++i) EXPECT_EQ(second.hits[i].citation, page.hits[10 + i].citation);
  o.offset = pos.total_occurrences;
  EXPECT_TRUE(Search("巴郡", o).hits.empty());
}

TEST_F(BashuSearch, BadQueriesAreClearErrors) {
  for (const char* q : {"", "   ", "\"巴蜀", "-", "-巴", "foo:bar 巴", "巴 NEAR 蜀", "(巴 蜀", "，。"}) {
    const Status s = SearchStatus(q);
    EXPECT_EQ(s.code(), Status::Code::kInvalidInput) << q;
    EXPECT_FALSE(s.message().empty());
  }
  // 10,000 characters: answered (no such passage), not a crash.
  std::string longq;
  for (int i = 0; i < 10000; ++i) longq += "巴";
  SearchResult r;
  ASSERT_TRUE(searcher_holder_->Search(longq, {}, &r).ok());
  EXPECT_EQ(r.total_occurrences, 0u);
}

// Import → remove → import, and a kill in the middle of a build.
TEST(SearchIndex, FollowsImportRemoveImport) {
  testing::TempDir dir;
  const auto data = dir / "data";
  const std::string a = (testing::BashuDir() / "KR2k0109").string(), b = (testing::BashuDir() / "KR2k0121").string();
  ASSERT_EQ(Fangzhi(data, "import '" + a + "' '" + b + "'").exit_code, 0);
  auto count = [&](const std::string& q) {
    const auto r = Fangzhi(data, "search --json --limit 0 '" + q + "'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out)["total_occurrences"].get<uint64_t>();
  };
  const uint64_t before = count("蜀");
  const uint64_t only_b = count("蜀 work:KR2k0121");
  ASSERT_GT(only_b, 0u);
  ASSERT_EQ(Fangzhi(data, "remove KR2k0121").exit_code, 0);
  EXPECT_EQ(count("蜀"), before - only_b);
  EXPECT_EQ(count("蜀 work:KR2k0121"), 0u);
  ASSERT_EQ(Fangzhi(data, "import '" + b + "'").exit_code, 0);
  EXPECT_EQ(count("蜀"), before);
  ASSERT_EQ(Fangzhi(data, "import --replace '" + b + "'").exit_code, 0);
  EXPECT_EQ(count("蜀"), before);
  const auto r = Fangzhi(data, "index --rebuild");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count("蜀"), before);
}

TEST(SearchIndex, FullWidthQueryFindsAsciiTextAndCaseIsFolded) {
  testing::TempDir dir;
  testing::WriteFile(dir / "gaikuang.txt", "2024年末，全县GDP为216.48亿元。\n\n县城有3所中学。\n");
  const auto data = dir / "data";
  ASSERT_EQ(Fangzhi(data, "import '" + (dir / "gaikuang.txt").string() + "'").exit_code, 0);
  auto count = [&](const std::string& q) {
    const auto r = Fangzhi(data, "search --json '" + q + "'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out)["total_occurrences"].get<uint64_t>();
  };
  EXPECT_EQ(count("２０２４年"), 1u);
  EXPECT_EQ(count("ｇｄｐ"), 1u);
  EXPECT_EQ(count("216.48"), 1u);  // the point is punctuation: the search text has 21648
  EXPECT_EQ(count("21648亿"), 1u);
  EXPECT_EQ(count("縣城"), 1u);
  const auto r = Fangzhi(data, "search --json '２０２４'");
  EXPECT_EQ(nlohmann::json::parse(r.out)["hits"][0]["match"], "2024") << "shown as in the text";
}

TEST(SearchIndex, SegmentsOfAnotherFormatAreRebuiltAndDamagedOnesReported) {
  testing::TempDir dir;
  const auto data = dir / "data";
  ASSERT_EQ(Fangzhi(data, "import '" + (testing::BashuDir() / "KR2k0109").string() + "'").exit_code, 0);
  fs::path seg;
  for (const auto& e : fs::directory_iterator(data / "index")) {
    if (e.path().extension() == ".fzs") seg = e.path();
  }
  ASSERT_FALSE(seg.empty());
  std::string bytes = testing::ReadFile(seg);
  const uint32_t old_version = 1;
  std::memcpy(bytes.data() + 8, &old_version, sizeof old_version);  // SegmentHeader::version
  testing::WriteFile(seg, bytes);
  auto r = Fangzhi(data, "search --json --limit 1 蜀");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const uint64_t shu = nlohmann::json::parse(r.out)["total_occurrences"].get<uint64_t>();
  EXPECT_GT(shu, 0u);
  // Built with other folding (another fold table or Unicode version): also
  // rebuilt, and the new segment records today's fingerprint.
  auto segment_file = [&] {  // the one the manifest names
    const auto m = nlohmann::json::parse(testing::ReadFile(data / "index" / "manifest.json"));
    EXPECT_EQ(m["segments"].size(), 1u);
    return data / "index" / m["segments"][0]["file"].get<std::string>();
  };
  auto folding_of = [&](const fs::path& p) {
    uint32_t f = 0;
    std::memcpy(&f, testing::ReadFile(p).data() + offsetof(SegmentHeader, folding), sizeof f);
    return f;
  };
  seg = segment_file();
  EXPECT_EQ(folding_of(seg), text::FoldingFingerprint());
  bytes = testing::ReadFile(seg);
  const uint32_t other_folding = text::FoldingFingerprint() ^ 0x5A5A5A5Au;
  std::memcpy(bytes.data() + offsetof(SegmentHeader, folding), &other_folding, sizeof other_folding);
  testing::WriteFile(seg, bytes);
  r = Fangzhi(data, "search --json --limit 1 蜀");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["total_occurrences"].get<uint64_t>(), shu);
  EXPECT_EQ(folding_of(segment_file()), text::FoldingFingerprint());
  // A truncated segment is damage, not an old format: a clear error and the way out.
  for (const auto& e : fs::directory_iterator(data / "index")) {
    if (e.path().extension() == ".fzs") fs::resize_file(e.path(), 100);
  }
  r = Fangzhi(data, "search 蜀");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("index --rebuild"), std::string::npos) << r.err;
  r = Fangzhi(data, "index --rebuild");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Fangzhi(data, "search 蜀").exit_code, 0);
}

TEST(SearchIndex, KilledMidBuildReopensAtTheLastCommittedState) {
  testing::TempDir dir;
  const auto data = dir / "data";
  std::string paths;
  for (const char* id : {"KR2k0052", "KR2k0126", "KR4h0109"}) paths += " '" + (testing::BashuDir() / id).string() + "'";
  ASSERT_EQ(Fangzhi(data, "import" + paths).exit_code, 0);
  std::unique_ptr<store::Library> lib;
  ASSERT_TRUE(store::Library::Open(data, &lib).ok());
  BruteForceCorpus brute;
  ASSERT_TRUE(brute.Load(lib.get(), true).ok());
  const uint64_t want = brute.Count(text::FoldForSearch("成都")).occurrences;
  for (int delay_ms : {30, 120, 300, 700}) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      execl(FANGZHI_BINARY, FANGZHI_BINARY, "--data", data.c_str(), "index", "--rebuild", static_cast<char*>(nullptr));
      _exit(127);
    }
    usleep(static_cast<useconds_t>(delay_ms) * 1000);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    // Whatever state the kill left, the index opens and answers exactly.
    std::unique_ptr<Index> index;
    ASSERT_TRUE(Index::Open(lib.get(), &index).ok()) << delay_ms;
    std::unique_ptr<Searcher> searcher;
    ASSERT_TRUE(Searcher::Open(lib.get(), index.get(), &searcher).ok());
    SearchResult r;
    ASSERT_TRUE(searcher->Search("成都", {}, &r).ok());
    EXPECT_EQ(r.total_occurrences, want) << "after a kill at " << delay_ms << " ms";
    for (const auto& e : fs::directory_iterator(data / "index")) {
      EXPECT_FALSE(e.path().string().ends_with(".tmp")) << "leftover " << e.path();
    }
  }
}

}  // namespace
}  // namespace fangzhi::search
