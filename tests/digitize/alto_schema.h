// Validation of ALTO files against the official ALTO 4.3 schema with xmllint,
// offline: alto-4-3.xsd imports XLink by URL, so a test-time copy of it
// points at tests/digitize/xlink.xsd instead (the reference file is read in
// place, never modified).
#pragma once

#include <filesystem>
#include <regex>
#include <string>

#include "test_util.h"

namespace fangzhi::digitize {

inline std::filesystem::path AltoSchemaForTests() {
  static const std::filesystem::path schema = [] {
    const auto dir = std::filesystem::temp_directory_path() / ("fangzhi-alto-xsd-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    std::string xsd = testing::ReadFile(testing::CorpusDir().parent_path() / "reference" / "schemas" / "alto-4-3.xsd");
    xsd = std::regex_replace(xsd, std::regex("schemaLocation=\"http://www.loc.gov/standards/xlink/xlink.xsd\""),
                             "schemaLocation=\"xlink.xsd\"");
    testing::WriteFile(dir / "alto-4-3.xsd", xsd);
    std::filesystem::copy_file(testing::SourceDir() / "tests" / "digitize" / "xlink.xsd", dir / "xlink.xsd",
                               std::filesystem::copy_options::overwrite_existing);
    return dir / "alto-4-3.xsd";
  }();
  return schema;
}

// True when xmllint accepts the file; `err` gets xmllint's complaint.
inline bool ValidateAlto(const std::filesystem::path& file, std::string* err) {
  const auto r = testing::RunShell("xmllint --noout --nonet --schema '" + AltoSchemaForTests().string() + "' '" +
                                   file.string() + "'");
  *err = r.err;
  return r.exit_code == 0 && r.err.find("validates") != std::string::npos;
}

}  // namespace fangzhi::digitize
