// Answers a query against the index: exact occurrence counts, node counts,
// facets, and one page of KWIC lines shown in the original text with a
// citation each. Correctness is defined by BruteForceScan (brute_force.h):
// the same occurrences, always.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "search/index.h"
#include "store/library.h"

namespace fangzhi::search {

enum class KwicSort { kPosition, kLeft, kRight };

struct SearchOptions {
  size_t limit = 20;
  size_t offset = 0;
  KwicSort sort = KwicSort::kPosition;
  size_t window = 20;  // search characters each side
  std::vector<std::string> facets = {"work", "dynasty"};  // of work, dynasty, region, kind, edition
  // Values kept per facet, commonest first; 0 keeps all. A frequent
  // character occurs in every one of two thousand works, and a list that
  // long helps no reader and costs every answer ~30 KB.
  size_t facet_limit = kDefaultFacetLimit;
  static constexpr size_t kDefaultFacetLimit = 50;
};

struct Hit {
  std::string work;
  std::string edition;
  bool base_edition = false;  // the work's base text (links to it need no edition)
  std::string path;      // WORK/NODE#pN: a citation path (model/citation.h), the permalink
  std::string citation;  // for people: 《題名》卷…，頁…，第…行
  std::string left, match, right;  // original text; line ends removed
  // Where the hit sits, for the reading view.
  std::string node_path;
  int paragraph = 0;
  std::string page;  // page id (Kanripo), if any
  int line = 0;      // line on that page (or in the node when no pages)
  // Where the match starts: the block (its index in the node; -1 = the
  // node's title) and the search units before it in that block, so that the
  // reading view can mark this occurrence and not its neighbours.
  int block = -1;
  int block_unit = 0;
};

struct FacetValue {
  std::string value;
  std::string label;  // a readable name (work title, province name); may equal value
  uint64_t occurrences = 0;

  bool operator==(const FacetValue&) const = default;
};

struct SearchResult {
  std::string query;  // canonical form of the parsed query
  uint64_t total_occurrences = 0;
  uint64_t total_nodes = 0;
  std::map<std::string, std::vector<FacetValue>> facets;  // sorted by occurrences, then value
  std::map<std::string, size_t> facet_distinct;  // values per facet before facet_limit cut the list
  std::vector<Hit> hits;
  double took_ms = 0;
};

class Searcher {
 public:
  // Reads the works' metadata once; `index` must outlive the searcher.
  static Status Open(store::Library* lib, const Index* index, std::unique_ptr<Searcher>* out);
  ~Searcher();

  Status Search(std::string_view query, const SearchOptions& options, SearchResult* out) const;

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace fangzhi::search
