// Facts about works that pages, API, exports and OAI-PMH all show the same
// way: base edition, region names, node names, URLs of the reading view,
// and the work JSON of docs/cli.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "search/searcher.h"
#include "store/library.h"

namespace fangzhi::server {

// The base edition, or the first when none is marked; nullptr if none.
const store::EditionSummary* BaseEdition(const store::WorkSummary& w);

// "四川省" for 51, "四川省成都市 5101" for deeper codes (the full name from
// the GB/T 2260 table), "" for none.
std::string RegionLabel(const std::string& code);
std::string ProvinceOf(const std::string& code);

// What to call a node: its printed title, else its catalogue label.
inline const std::string& NodeName(const std::string& title, const std::string& label) {
  return title.empty() ? label : title;
}

// /works/ID/PATH with every segment percent-encoded, `?ed=` only when
// `edition` is not empty, then `query` (already encoded, without '?').
std::string NodeHref(const std::string& work, const std::string& path, const std::string& edition,
                     const std::string& query = "");
std::string WorkHref(const std::string& work);
// The query that opens a hit in the reading view with that one occurrence
// marked: "hl=MATCH&hp=PARA&hb=BLOCK&hu=UNIT" (hb/hu left out for a title hit).
std::string HitHighlightQuery(const search::Hit& h);

// The JSON of a work, field for field as `fangzhi works --json` prints it.
nlohmann::ordered_json WorkJson(const store::WorkSummary& w);
nlohmann::ordered_json NodeSummaryJson(const store::NodeSummary& n);

// True for works whose text came from Kanripo (the attribution differs).
bool IsKanripo(const model::Work& w);

}  // namespace fangzhi::server
