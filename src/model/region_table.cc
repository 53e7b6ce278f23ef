#include "model/region_table.h"

#include <algorithm>
#include <span>

#include "model/region_table_data.h"

namespace fangzhi::model {
namespace {

using internal::kCurrentRevision;
using internal::RegionRow;

std::span<const RegionRow> AllRows() { return {internal::kRegionRows, internal::kRegionRowCount}; }

// The rows of one code, oldest name first; empty when unknown.
std::span<const RegionRow> RowsOf(uint32_t code) {
  const auto all = AllRows();
  const auto lo = std::lower_bound(all.begin(), all.end(), code,
                                   [](const RegionRow& r, uint32_t c) { return r.code < c; });
  auto hi = lo;
  while (hi != all.end() && hi->code == code) ++hi;
  return {lo, hi};
}

// The name `code` had in `revision`, else its latest; "" when unknown.
std::string NameAt(uint32_t code, int revision) {
  const auto rows = RowsOf(code);
  if (rows.empty()) return "";
  for (const RegionRow& r : rows) {
    if (r.first <= revision && revision <= r.last) return r.name;
  }
  return rows.back().name;
}

// "51" → 510000, "5101" → 510100; 0 when not 2, 4 or 6 digits.
uint32_t SixDigitCode(std::string_view code) {
  if (code.size() != 2 && code.size() != 4 && code.size() != 6) return 0;
  uint32_t n = 0;
  for (char c : code) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + static_cast<uint32_t>(c - '0');
  }
  for (size_t len = code.size(); len < 6; len += 2) n *= 100;
  return n;
}

std::string Month(int yyyymm) { return std::to_string(yyyymm / 100) + "-" + (yyyymm % 100 < 10 ? "0" : "") +
                                       std::to_string(yyyymm % 100); }

}  // namespace

bool FindRegion(std::string_view code, Region* out) {
  const uint32_t six = SixDigitCode(code);
  const auto rows = six == 0 ? std::span<const RegionRow>() : RowsOf(six);
  if (rows.empty()) return false;
  const RegionRow& latest = rows.back();
  Region r;
  r.code = std::to_string(six);
  r.name = latest.name;
  r.current = latest.last == kCurrentRevision;
  r.first_revision = rows.front().first == kCurrentRevision ? 0 : rows.front().first;
  for (const RegionRow& row : rows) {
    if (row.first != kCurrentRevision) {
      r.last_revision = std::max(r.last_revision, row.last == kCurrentRevision ? internal::kLastDatedRevision : row.last);
    }
    if (&row != &latest && row.name != r.name &&
        std::find(r.former_names.begin(), r.former_names.end(), row.name) == r.former_names.end()) {
      r.former_names.push_back(row.name);
    }
  }
  // Province and city as they were named when this code was last in use.
  const int as_of = latest.last;
  const uint32_t province = six / 10000 * 10000, city = six / 100 * 100;
  if (six != province) {
    r.full_name = NameAt(province, as_of);
    if (six != city && !internal::IsGroupingName(NameAt(city, as_of))) r.full_name += NameAt(city, as_of);
  }
  r.full_name += r.name;
  *out = std::move(r);
  return true;
}

std::string RegionFullName(std::string_view code) {
  Region r;
  if (FindRegion(code, &r)) return r.full_name;
  return code.size() >= 2 && FindRegion(code.substr(0, 2), &r) ? r.full_name : "";
}

std::string DescribeRegion(std::string_view code) {
  Region r;
  if (!FindRegion(code, &r)) return std::string(code);
  std::string s = std::string(code) + " " + r.full_name;
  if (!r.current) {
    s += "（见于 " + Month(r.first_revision) + " 至 " + Month(r.last_revision) + " 各版，现已不用）";
  }
  return s;
}

std::string RegionCodeProblem(std::string_view code) {
  const std::string quoted = "“" + std::string(code.substr(0, 40)) + (code.size() > 40 ? "…" : "") + "”";
  if (SixDigitCode(code) == 0) {
    return quoted + " 不是 GB/T 2260 行政区划代码（应为 2、4 或 6 位数字：省如 51，市如 5101，县如 510104）";
  }
  Region r;
  if (FindRegion(code, &r)) return "";
  std::string problem = quoted + " 不在 " + RegionTableCoverage() + " 中";
  for (size_t len = code.size() - 2; len >= 2; len -= 2) {
    if (FindRegion(code.substr(0, len), &r)) return problem + "（" + r.full_name + "下没有这个代码）";
  }
  return problem + "（没有以 " + std::string(code.substr(0, 2)) + " 开头的省级代码）";
}

std::string RegionTableCoverage() {
  return "GB/T 2260 代码表（" + Month(internal::kFirstDatedRevision) + " 至 " + Month(internal::kLastDatedRevision) +
         " 各版及现行代码）";
}

}  // namespace fangzhi::model
