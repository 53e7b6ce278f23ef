// Reading the data files of frameworks/ (frameworks, error weights) with
// yaml-cpp, internal to review/: every error names the file and line, and a
// key nobody reads is an error rather than silently ignored.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "base/status.h"

namespace fangzhi::review {

// "file 第 N 行：what".
Status YamlError(const std::string& file, int line, const std::string& what);
int YamlLine(const YAML::Node& n);  // 1-based

// Parses `text`; a syntax error names the line.
Status ParseYaml(std::string_view text, const std::string& file, YAML::Node* out);

// Keys of `map` outside `known` are errors naming the key and the keys allowed.
Status YamlOnlyKeys(const YAML::Node& map, std::initializer_list<const char*> known, const std::string& file,
                    const std::string& where);
// Optional scalar / true|false / list of non-empty scalars; absent leaves *out alone.
Status YamlString(const YAML::Node& map, const char* key, const std::string& file, const std::string& where,
                  std::string* out);
Status YamlBool(const YAML::Node& map, const char* key, const std::string& file, const std::string& where, bool* out);
Status YamlStringList(const YAML::Node& map, const char* key, const std::string& file, const std::string& where,
                      std::vector<std::string>* out);
// A whole number in [lo, hi].
Status YamlInt(const YAML::Node& n, int lo, int hi, const std::string& file, const std::string& what, int* out);

}  // namespace fangzhi::review
