// The JSON of a search result: what `fangzhi search --json` prints and the
// web API returns (docs/cli.md).
#pragma once

#include <nlohmann/json.hpp>

#include "search/searcher.h"

namespace fangzhi::search {

nlohmann::ordered_json SearchResultJson(const SearchResult& r);

}  // namespace fangzhi::search
