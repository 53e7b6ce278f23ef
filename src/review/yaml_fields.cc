#include "review/yaml_fields.h"

#include <algorithm>
#include <vector>

namespace fangzhi::review {

Status YamlError(const std::string& file, int line, const std::string& what) {
  return Status::InvalidInput(file + " 第 " + std::to_string(line) + " 行：" + what);
}

int YamlLine(const YAML::Node& n) { return n.Mark().line + 1; }

Status ParseYaml(std::string_view text, const std::string& file, YAML::Node* out) {
  try {
    *out = YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    return YamlError(file, e.mark.line + 1, "YAML 写法有误（" + e.msg + "）");
  }
  return Status::Ok();
}

Status YamlOnlyKeys(const YAML::Node& map, std::initializer_list<const char*> known, const std::string& file,
                    const std::string& where) {
  for (const auto& kv : map) {
    const std::string key = kv.first.Scalar();
    if (std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; })) {
      std::string list;
      for (const char* k : known) list += (list.empty() ? "" : "、") + std::string(k);
      return YamlError(file, YamlLine(kv.first), where + "没有“" + key + "”这一项（可用：" + list + "）");
    }
  }
  return Status::Ok();
}

Status YamlString(const YAML::Node& map, const char* key, const std::string& file, const std::string& where,
                  std::string* out) {
  const YAML::Node n = map[key];
  if (!n) return Status::Ok();
  if (!n.IsScalar()) return YamlError(file, YamlLine(n), where + key + " 必须是单个值");
  *out = n.Scalar();
  return Status::Ok();
}

Status YamlBool(const YAML::Node& map, const char* key, const std::string& file, const std::string& where, bool* out) {
  const YAML::Node n = map[key];
  if (!n) return Status::Ok();
  if (!n.IsScalar() || (n.Scalar() != "true" && n.Scalar() != "false")) {
    return YamlError(file, YamlLine(n), where + key + " 必须是 true 或 false");
  }
  *out = n.Scalar() == "true";
  return Status::Ok();
}

Status YamlStringList(const YAML::Node& map, const char* key, const std::string& file, const std::string& where,
                      std::vector<std::string>* out) {
  const YAML::Node n = map[key];
  if (!n) return Status::Ok();
  if (!n.IsSequence()) return YamlError(file, YamlLine(n), where + key + " 必须是列表，如 [类目, 分目, 条目]");
  out->clear();
  for (const YAML::Node& item : n) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      return YamlError(file, YamlLine(item), where + key + " 的每一项必须是非空的文字");
    }
    out->push_back(item.Scalar());
  }
  return Status::Ok();
}

Status YamlInt(const YAML::Node& n, int lo, int hi, const std::string& file, const std::string& what, int* out) {
  const std::string s = n.IsScalar() ? n.Scalar() : "";
  const bool digits = !s.empty() && s.size() <= 9 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || std::stoi(s) < lo || std::stoi(s) > hi) {
    return YamlError(file, YamlLine(n), what + " 必须是 " + std::to_string(lo) + "~" + std::to_string(hi) + " 的整数，而不是 “" + s + "”");
  }
  *out = std::stoi(s);
  return Status::Ok();
}

}  // namespace fangzhi::review
