// The GB/T 2260 administrative division codes: every revision published
// from 2002-12 to 2016-07 and today's codes, compiled in (see
// make_region_table.cc for where they come from). A gazetteer may name a
// county that has since been merged or renamed, so a code that was ever
// valid is known, and says whether it still is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fangzhi::model {

struct Region {
  std::string code;                        // six digits: "51" → "510000"
  std::string name;                        // its latest name: "锦江区"
  std::string full_name;                   // with province and city: "四川省成都市锦江区"
  std::vector<std::string> former_names;   // 130502 襄都区: {"桥东区"}
  bool current = false;                    // in today's table
  int first_revision = 0;                  // yyyymm of the first revision listing it; 0 = only today's
  int last_revision = 0;                   // yyyymm of the last dated revision listing it; 0 = none
};

// Looks up a code of 2, 4 or 6 digits (province, city, county); a shorter
// code stands for the six-digit one padded with "00" pairs. False when no
// revision has the code.
bool FindRegion(std::string_view code, Region* out);

// The full name ("四川省成都市锦江区"); for a code no revision has, the
// name of its province if that is known, else "".
std::string RegionFullName(std::string_view code);

// "510104 四川省成都市锦江区", or the code alone when unknown; retired codes
// say so: "510122 四川省成都市双流县（2016-07 版起不再使用）".
std::string DescribeRegion(std::string_view code);

// Why `code` is not a GB/T 2260 code, in Chinese, for a message that names
// the field first ("…：region_code " + this); "" when it is one (retired
// codes included). Says the shape when it is not 2, 4 or 6 digits, else the
// nearest unit that exists: "“510199” 不在 GB/T 2260 代码表（…）中（四川省成都市下没有这个代码）".
std::string RegionCodeProblem(std::string_view code);

// What the table covers, for messages: "GB/T 2260 代码表（2002-12 至 2016-07 各版及现行代码）".
std::string RegionTableCoverage();

}  // namespace fangzhi::model
