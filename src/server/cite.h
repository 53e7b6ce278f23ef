// "Cite this": a node of a work as a reference in three forms — plain text
// for a footnote, BibTeX, and CSL-JSON (what Zotero and citeproc read).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "model/work.h"

namespace fangzhi::server {

struct CiteTarget {
  const model::Work* work = nullptr;
  std::string edition_id;
  std::string edition_label;
  std::string node_path;   // "001"; empty for the whole work
  std::string node_name;   // "華陽國志 1" (title, else catalogue label)
  std::string node_level;  // 卷
  int paragraph = 0;       // 0: the whole node
  std::string url;         // the permalink
  std::string accessed;    // YYYY-MM-DD
};

std::string CitePlain(const CiteTarget& t);
std::string CiteBibtex(const CiteTarget& t);
nlohmann::ordered_json CiteCslJson(const CiteTarget& t);

// Today's date (UTC) as YYYY-MM-DD.
std::string TodayUtc();

}  // namespace fangzhi::server
