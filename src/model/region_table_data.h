// The GB/T 2260 table as compiled in: region_table_data.cc is generated at
// build time by make_region_table from two npm packages (see there). Only
// region_table.cc reads it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace fangzhi::model::internal {

// Revision number of today's table, after every dated revision (yyyymm).
inline constexpr int kCurrentRevision = 999912;

// Names of rows that group units rather than name a place ("市辖区" under
// a city, "省直辖县级行政区划"); a full name leaves them out.
inline bool IsGroupingName(std::string_view name) {
  return name == "市辖区" || name == "县" || name.ends_with("直辖县级行政区划") ||
         name.ends_with("直辖县级行政单位") || name.ends_with("直辖行政单位");
}

// One code under one name over a run of revisions (yyyymm, or
// kCurrentRevision). A renamed code has one row per name.
struct RegionRow {
  uint32_t code;  // six digits: 510104
  const char* name;
  int first;
  int last;
};

// Sorted by code, then by first.
extern const RegionRow kRegionRows[];
extern const size_t kRegionRowCount;
extern const int kFirstDatedRevision;
extern const int kLastDatedRevision;

}  // namespace fangzhi::model::internal
