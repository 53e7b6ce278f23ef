#include <algorithm>
#include <filesystem>

#include "formats/text_file.h"
#include "review/embedded_data.h"
#include "review/error_rate.h"
#include "review/yaml_fields.h"

namespace fangzhi::review {

namespace {

constexpr const char* kBuiltinWeights = "error-weights-v1.yaml";

// "1", "0.5", "1.25" → hundredths; false for anything else (no sign, no
// exponent, at most two decimals, at most 1,000,000).
bool ParseCenti(const std::string& s, Centi* out) {
  Centi whole = 0;
  size_t i = 0;
  if (s.empty() || s[0] == '.') return false;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    whole = whole * 10 + (s[i] - '0');
    if (whole > 1000000) return false;
  }
  Centi frac = 0;
  if (i < s.size()) {
    if (s[i] != '.' || i + 1 == s.size() || s.size() - i - 1 > 2) return false;
    for (size_t k = i + 1; k < s.size(); ++k) {
      if (s[k] < '0' || s[k] > '9') return false;
      frac = frac * 10 + (s[k] - '0');
    }
    if (s.size() - i - 1 == 1) frac *= 10;
  }
  *out = whole * 100 + frac;
  return true;
}

Status ReadCenti(const YAML::Node& n, const std::string& file, const std::string& what, Centi* out) {
  if (!n.IsScalar() || !ParseCenti(n.Scalar(), out)) {
    return YamlError(file, YamlLine(n), what + " 必须是非负的数，至多两位小数（如 1、0.5、0.1），而不是 “" +
                                   (n.IsScalar() ? n.Scalar() : std::string("（列表或映射）")) + "”");
  }
  return Status::Ok();
}

Status ParseType(const YAML::Node& n, size_t index, const std::string& file, ErrorType* t) {
  const std::string where = "types 的第 " + std::to_string(index + 1) + " 项";
  if (!n.IsMap()) return YamlError(file, YamlLine(n), where + "必须是映射（id: …, weight: …）");
  FZ_RETURN_IF_ERROR(YamlOnlyKeys(n, {"id", "label", "weight", "repeat", "clause", "verified", "note"}, file, where));
  t->line = YamlLine(n);
  FZ_RETURN_IF_ERROR(YamlString(n, "id", file, where, &t->id));
  if (t->id.empty()) return YamlError(file, t->line, where + "缺少 id");
  const std::string named = "差错类型 " + t->id + " 的";
  FZ_RETURN_IF_ERROR(YamlString(n, "label", file, named, &t->label));
  FZ_RETURN_IF_ERROR(YamlString(n, "clause", file, named, &t->clause));
  FZ_RETURN_IF_ERROR(YamlString(n, "note", file, named, &t->note));
  if (!n["weight"]) return YamlError(file, t->line, named + "权重 weight 缺失");
  FZ_RETURN_IF_ERROR(ReadCenti(n["weight"], file, named + "weight", &t->weight));
  FZ_RETURN_IF_ERROR(YamlBool(n, "verified", file, named, &t->verified));
  if (const YAML::Node r = n["repeat"]) {
    if (!r.IsMap()) return YamlError(file, YamlLine(r), named + "repeat 必须是映射，如 {per_page: 1, max_total: 4}");
    FZ_RETURN_IF_ERROR(YamlOnlyKeys(r, {"per_page", "max_total"}, file, named + "repeat "));
    if (r["per_page"]) FZ_RETURN_IF_ERROR(ReadCenti(r["per_page"], file, named + "repeat.per_page", &t->repeat.per_page));
    if (r["max_total"]) FZ_RETURN_IF_ERROR(ReadCenti(r["max_total"], file, named + "repeat.max_total", &t->repeat.max_total));
    if (t->repeat.per_page < 0 && t->repeat.max_total < 0) {
      return YamlError(file, YamlLine(r), named + "repeat 至少要写 per_page 或 max_total 之一");
    }
  }
  return Status::Ok();
}

}  // namespace

const ErrorType* ErrorWeights::Find(std::string_view type_id) const {
  for (const auto& t : types) {
    if (t.id == type_id) return &t;
  }
  return nullptr;
}

std::string FormatCenti(Centi c) {
  std::string out = c < 0 ? "-" : "";
  const Centi a = c < 0 ? -c : c;
  out += std::to_string(a / 100);
  const Centi frac = a % 100;
  if (frac != 0) {
    out += "." + std::string(frac < 10 ? "0" : "") + std::to_string(frac);
    if (out.back() == '0') out.pop_back();
  }
  return out;
}

Status ParseErrorWeights(std::string_view yaml, const std::string& file, ErrorWeights* out) {
  YAML::Node loaded;
  FZ_RETURN_IF_ERROR(ParseYaml(yaml, file, &loaded));
  const YAML::Node root = loaded;
  if (!root.IsMap()) return YamlError(file, 1, "权重表必须是“键: 值”的映射（id、version、types、verdicts …）");
  FZ_RETURN_IF_ERROR(YamlOnlyKeys(root, {"id", "version", "title", "source", "types", "category_types", "verdicts"}, file, "权重表"));
  ErrorWeights w;
  w.file = file;
  FZ_RETURN_IF_ERROR(YamlString(root, "id", file, "", &w.id));
  if (w.id.empty()) w.id = std::filesystem::path(file).stem().string();
  FZ_RETURN_IF_ERROR(YamlString(root, "title", file, "", &w.title));
  FZ_RETURN_IF_ERROR(YamlString(root, "source", file, "", &w.source));
  if (!root["version"]) return YamlError(file, 1, "缺少 version（权重表的版本号：改动权重须另立新版本）");
  FZ_RETURN_IF_ERROR(YamlInt(root["version"], 1, 9999, file, "version", &w.version));
  const YAML::Node types = root["types"];
  if (!types || !types.IsSequence() || types.size() == 0) {
    return YamlError(file, types ? YamlLine(types) : 1, "types 必须是至少一项的列表（每种差错一行）");
  }
  for (size_t i = 0; i < types.size(); ++i) {
    ErrorType t;
    FZ_RETURN_IF_ERROR(ParseType(types[i], i, file, &t));
    if (const ErrorType* dup = w.Find(t.id)) {
      return YamlError(file, t.line, "差错类型 " + t.id + " 与第 " + std::to_string(dup->line) + " 行重复");
    }
    w.types.push_back(std::move(t));
  }
  if (const YAML::Node m = root["category_types"]) {
    if (!m.IsMap()) return YamlError(file, YamlLine(m), "category_types 必须是映射（检查类别: 差错类型）");
    for (const auto& kv : m) {
      const std::string cat = kv.first.Scalar();
      check::Category c;
      if (!check::ParseCategory(cat, &c)) return YamlError(file, YamlLine(kv.first), "category_types 中“" + cat + "”不是检查的类别");
      if (!kv.second.IsScalar() || w.Find(kv.second.Scalar()) == nullptr) {
        return YamlError(file, YamlLine(kv.second), "category_types 中 " + cat + " 对应的差错类型“" +
                                               (kv.second.IsScalar() ? kv.second.Scalar() : "") + "”不在 types 之中");
      }
      w.category_types[cat] = kv.second.Scalar();
    }
  }
  const YAML::Node verdicts = root["verdicts"];
  if (!verdicts || !verdicts.IsSequence() || verdicts.size() == 0) {
    return YamlError(file, verdicts ? YamlLine(verdicts) : 1, "verdicts 必须是至少一项的列表（差错率的判定档次）");
  }
  for (size_t i = 0; i < verdicts.size(); ++i) {
    const YAML::Node v = verdicts[i];
    const std::string where = "verdicts 的第 " + std::to_string(i + 1) + " 项";
    if (!v.IsMap()) return YamlError(file, YamlLine(v), where + "必须是映射");
    FZ_RETURN_IF_ERROR(YamlOnlyKeys(v, {"max_per_10000", "verdict", "action", "pass"}, file, where));
    VerdictBand b;
    if (v["max_per_10000"]) FZ_RETURN_IF_ERROR(ReadCenti(v["max_per_10000"], file, where + "的 max_per_10000", &b.max_per_10000));
    FZ_RETURN_IF_ERROR(YamlString(v, "verdict", file, where + "的 ", &b.verdict));
    if (b.verdict.empty()) return YamlError(file, YamlLine(v), where + "缺少 verdict（判定）");
    FZ_RETURN_IF_ERROR(YamlString(v, "action", file, where + "的 ", &b.action));
    FZ_RETURN_IF_ERROR(YamlBool(v, "pass", file, where + "的 ", &b.pass));
    const bool last = i + 1 == verdicts.size();
    if (!last && b.max_per_10000 < 0) return YamlError(file, YamlLine(v), where + "缺少 max_per_10000：只有最后一档可以不设上限");
    if (last && b.max_per_10000 >= 0) return YamlError(file, YamlLine(v), where + "是最后一档，不能设 max_per_10000（它收下其余的一切差错率）");
    if (!w.bands.empty() && b.max_per_10000 >= 0 && b.max_per_10000 <= w.bands.back().max_per_10000) {
      return YamlError(file, YamlLine(v), where + "的 max_per_10000 必须大于上一档");
    }
    w.bands.push_back(std::move(b));
  }
  *out = std::move(w);
  return Status::Ok();
}

Status LoadErrorWeights(const std::string& path, ErrorWeights* out) {
  std::string text;
  FZ_RETURN_IF_ERROR(formats::ReadUtf8File(path, &text));
  return ParseErrorWeights(text, path, out);
}

Status BuiltinErrorWeights(ErrorWeights* out) {
  const std::string_view text = EmbeddedDataFile(kBuiltinWeights);
  if (text.empty()) return Status::Corruption(std::string("内置权重表 frameworks/") + kBuiltinWeights + " 没有编入程序");
  return ParseErrorWeights(text, std::string("frameworks/") + kBuiltinWeights, out);
}

}  // namespace fangzhi::review
