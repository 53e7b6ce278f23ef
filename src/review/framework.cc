#include "review/framework.h"

#include <algorithm>
#include <filesystem>

#include "formats/text_file.h"
#include "review/embedded_data.h"
#include "review/yaml_fields.h"

namespace fangzhi::review {

namespace {

Status ParsePart(const YAML::Node& n, size_t index, const std::string& file, FrameworkPart* part) {
  const std::string where = "parts 的第 " + std::to_string(index + 1) + " 项";
  if (!n.IsMap()) return YamlError(file, YamlLine(n), where + "必须是映射（name: …）");
  FZ_RETURN_IF_ERROR(YamlOnlyKeys(n, {"name", "synonyms", "required", "catch_all", "note"}, file, where));
  part->line = YamlLine(n);
  FZ_RETURN_IF_ERROR(YamlString(n, "name", file, where + "的 ", &part->name));
  if (part->name.empty()) return YamlError(file, part->line, where + "缺少 name（部分的名称）");
  FZ_RETURN_IF_ERROR(YamlStringList(n, "synonyms", file, where + "的 ", &part->synonyms));
  FZ_RETURN_IF_ERROR(YamlBool(n, "required", file, where + "的 ", &part->required));
  FZ_RETURN_IF_ERROR(YamlBool(n, "catch_all", file, where + "的 ", &part->catch_all));
  return YamlString(n, "note", file, where + "的 ", &part->note);
}

}  // namespace

int Framework::PartOf(const std::string& heading) const {
  int catch_all = -1;
  for (size_t i = 0; i < parts.size(); ++i) {
    const FrameworkPart& p = parts[i];
    if (p.catch_all) {
      if (catch_all < 0) catch_all = static_cast<int>(i);
      continue;
    }
    if (heading.find(p.name) != std::string::npos) return static_cast<int>(i);
    for (const std::string& s : p.synonyms) {
      if (heading.find(s) != std::string::npos) return static_cast<int>(i);
    }
  }
  return catch_all;
}

int Framework::LevelIndex(const std::string& level) const {
  auto it = std::find(levels.begin(), levels.end(), level);
  return it == levels.end() ? -1 : static_cast<int>(it - levels.begin());
}

bool Framework::IsOptionalLevel(const std::string& level) const {
  return std::find(optional_levels.begin(), optional_levels.end(), level) != optional_levels.end();
}

std::vector<std::string> BuiltinFrameworkNames() { return {"yearbook", "gazetteer"}; }

Status ParseFramework(std::string_view yaml, const std::string& file, Framework* out) {
  YAML::Node loaded;
  FZ_RETURN_IF_ERROR(ParseYaml(yaml, file, &loaded));
  const YAML::Node root = loaded;  // const: looking a key up must never add it
  if (!root.IsMap()) return YamlError(file, 1, "框架文件必须是“键: 值”的映射（id、levels、parts …）");
  Framework fw;
  fw.file = file;
  FZ_RETURN_IF_ERROR(YamlOnlyKeys(root,
                                  {"id", "version", "title", "source", "levels", "optional_levels", "entry_level",
                                   "max_depth", "parts"},
                                  file, "框架"));
  FZ_RETURN_IF_ERROR(YamlString(root, "id", file, "", &fw.id));
  if (fw.id.empty()) fw.id = std::filesystem::path(file).stem().string();
  FZ_RETURN_IF_ERROR(YamlString(root, "title", file, "", &fw.title));
  FZ_RETURN_IF_ERROR(YamlString(root, "source", file, "", &fw.source));
  if (root["version"]) FZ_RETURN_IF_ERROR(YamlInt(root["version"], 1, 9999, file, "version", &fw.version));
  if (!root["levels"]) return YamlError(file, 1, "缺少 levels（自上而下的层级名称，如 [类目, 分目, 子目, 条目]）");
  FZ_RETURN_IF_ERROR(YamlStringList(root, "levels", file, "", &fw.levels));
  const int levels_line = YamlLine(root["levels"]);
  if (fw.levels.empty()) return YamlError(file, levels_line, "levels 至少要有一个层级");
  for (size_t i = 0; i < fw.levels.size(); ++i) {
    if (fw.LevelIndex(fw.levels[i]) != static_cast<int>(i)) return YamlError(file, levels_line, "levels 中“" + fw.levels[i] + "”重复");
  }
  FZ_RETURN_IF_ERROR(YamlStringList(root, "optional_levels", file, "", &fw.optional_levels));
  for (const std::string& l : fw.optional_levels) {
    if (fw.LevelIndex(l) < 0) {
      return YamlError(file, YamlLine(root["optional_levels"]), "optional_levels 中的“" + l + "”不在 levels 之中");
    }
  }
  FZ_RETURN_IF_ERROR(YamlString(root, "entry_level", file, "", &fw.entry_level));
  if (fw.entry_level.empty()) fw.entry_level = fw.levels.back();
  if (fw.LevelIndex(fw.entry_level) < 0) {
    return YamlError(file, YamlLine(root["entry_level"]), "entry_level “" + fw.entry_level + "”不在 levels 之中");
  }
  fw.max_depth = static_cast<int>(fw.levels.size());
  if (root["max_depth"]) FZ_RETURN_IF_ERROR(YamlInt(root["max_depth"], 1, 9, file, "max_depth", &fw.max_depth));
  const YAML::Node parts = root["parts"];
  if (!parts) return YamlError(file, 1, "缺少 parts（按顺序列出书的各部分）");
  if (!parts.IsSequence() || parts.size() == 0) return YamlError(file, YamlLine(parts), "parts 必须是至少一项的列表");
  int catch_all_line = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    FrameworkPart p;
    FZ_RETURN_IF_ERROR(ParsePart(parts[i], i, file, &p));
    for (const FrameworkPart& q : fw.parts) {
      if (q.name == p.name) return YamlError(file, p.line, "部分“" + p.name + "”与第 " + std::to_string(q.line) + " 行重名");
    }
    if (p.catch_all) {
      if (catch_all_line != 0) {
        return YamlError(file, p.line, "catch_all 只能有一个部分（第 " + std::to_string(catch_all_line) + " 行已有）");
      }
      catch_all_line = p.line;
    }
    fw.parts.push_back(std::move(p));
  }
  *out = std::move(fw);
  return Status::Ok();
}

Status LoadFramework(const std::string& path, Framework* out) {
  std::string text;
  FZ_RETURN_IF_ERROR(formats::ReadUtf8File(path, &text));
  return ParseFramework(text, path, out);
}

Status BuiltinFramework(std::string_view name, Framework* out) {
  std::string id(name);
  if (id == "年鉴") id = "yearbook";
  if (id == "志书") id = "gazetteer";
  const auto names = BuiltinFrameworkNames();
  if (std::find(names.begin(), names.end(), id) == names.end()) {
    return Status::InvalidInput("没有名为“" + std::string(name) + "”的内置框架（可用 yearbook 年鉴、gazetteer 志书，或框架文件的路径）");
  }
  const std::string file = id + ".yaml";
  const std::string_view text = EmbeddedDataFile(file);
  if (text.empty()) return Status::Corruption("内置框架 frameworks/" + file + " 没有编入程序");
  return ParseFramework(text, "frameworks/" + file, out);
}

Status ResolveFramework(const std::string& name_or_path, Framework* out) {
  std::error_code ec;
  const bool looks_like_path = name_or_path.find('/') != std::string::npos || name_or_path.ends_with(".yaml") ||
                               name_or_path.ends_with(".yml");
  if (std::filesystem::is_regular_file(name_or_path, ec)) return LoadFramework(name_or_path, out);
  if (looks_like_path) return Status::NotFound(name_or_path + "：框架文件不存在");
  return BuiltinFramework(name_or_path, out);
}

}  // namespace fangzhi::review
