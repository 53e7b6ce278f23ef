// GB/T 2260 administrative division codes, the cheap parts: the shape of a
// code (2, 4 or 6 digits: province, city, county), containment of regions,
// the province-level units and the provinces titles name. The full code
// table, every revision with names, is region_table.h.
#pragma once

#include <string>
#include <string_view>

namespace fangzhi::model {

bool IsWellFormedRegionCode(std::string_view code);

// A code without its trailing "00" pairs, which stand for the whole unit:
// "510100" and "5101" are both 成都市, "5101"; never shorter than 2 digits.
// Containment of regions is then a prefix test.
std::string RegionCodePrefix(std::string_view code);

// Whether region `code` lies within (or is) `region`: 510104 within 51,
// 5101, 510100 and 510000, not within 510700; false when either is empty.
// Decides what an office may submit and what a reviewer sees.
bool RegionWithin(std::string_view code, std::string_view region);

// Name of a province-level unit ("51" → "四川省"), or "" if unknown.
std::string ProvinceName(std::string_view code);

// The province a title names, in simplified or traditional script
// ("四川通志" → "51", "陝西通志" → "61"), or "" when none or several do.
std::string ProvinceCodeInTitle(std::string_view title);

}  // namespace fangzhi::model
