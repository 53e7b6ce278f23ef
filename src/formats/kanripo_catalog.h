// Catalogue facts the Kanripo files do not state (kind, region, author,
// dynasty) for the texts Fangzhi ships with, keyed by Kanripo id. Texts not
// listed here get what can be read off their own pages.
#pragma once

#include <string>

namespace fangzhi::formats {

struct KanripoCatalogEntry {
  const char* id;
  const char* kind;
  const char* region_code;
  const char* place_name;
  const char* dynasty;
  const char* author;
};

// nullptr when the id is not catalogued.
const KanripoCatalogEntry* FindKanripoCatalogEntry(const std::string& id);

}  // namespace fangzhi::formats
