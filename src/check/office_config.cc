#include "check/office_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <toml++/toml.h>

#include "check/checker.h"
#include "check/structural_checks.h"
#include "formats/text_file.h"

namespace fangzhi::check {

namespace {

// Both syntaxes become this tree, so the keys are interpreted once.
struct Value {
  enum class Type { kScalar, kList, kMap } type = Type::kScalar;
  std::string scalar;
  std::vector<Value> list;
  std::vector<std::pair<std::string, Value>> map;
  int line = 0;
};

Status FromYaml(const std::string& name, const YAML::Node& n, Value* out) {
  out->line = n.Mark().line + 1;
  if (n.IsScalar()) {
    out->type = Value::Type::kScalar;
    out->scalar = n.Scalar();
  } else if (n.IsSequence()) {
    out->type = Value::Type::kList;
    for (const auto& item : n) {
      Value v;
      FZ_RETURN_IF_ERROR(FromYaml(name, item, &v));
      out->list.push_back(std::move(v));
    }
  } else if (n.IsMap()) {
    out->type = Value::Type::kMap;
    for (const auto& kv : n) {
      Value v;
      FZ_RETURN_IF_ERROR(FromYaml(name, kv.second, &v));
      if (!kv.first.IsScalar()) return Status::InvalidInput(name + " 第 " + std::to_string(out->line) + " 行：键必须是文字");
      out->map.emplace_back(kv.first.Scalar(), std::move(v));
    }
  } else {
    out->type = Value::Type::kScalar;  // null: an empty value
  }
  return Status::Ok();
}

int TomlLine(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

Status FromToml(const std::string& name, const toml::node& n, Value* out) {
  out->line = TomlLine(n);
  if (const auto* t = n.as_table()) {
    out->type = Value::Type::kMap;
    for (const auto& [k, v] : *t) {
      Value child;
      FZ_RETURN_IF_ERROR(FromToml(name, v, &child));
      if (child.line == 0) child.line = static_cast<int>(k.source().begin.line);
      out->map.emplace_back(std::string(k.str()), std::move(child));
    }
  } else if (const auto* a = n.as_array()) {
    out->type = Value::Type::kList;
    for (const auto& item : *a) {
      Value child;
      FZ_RETURN_IF_ERROR(FromToml(name, item, &child));
      out->list.push_back(std::move(child));
    }
  } else if (const auto* s = n.as_string()) {
    out->scalar = s->get();
  } else if (const auto* i = n.as_integer()) {
    out->scalar = std::to_string(i->get());
  } else if (const auto* b = n.as_boolean()) {
    out->scalar = b->get() ? "true" : "false";
  } else {
    return Status::InvalidInput(name + " 第 " + std::to_string(out->line) + " 行：只能用文字、整数、真假值、数组和表");
  }
  return Status::Ok();
}

class Applier {
 public:
  Applier(std::string name, RuleSet* rules, OfficeSettings* settings)
      : name_(std::move(name)), rules_(rules), settings_(settings) {}

  Status Error(const Value& at, const std::string& what) const {
    return Status::InvalidInput(name_ + " 第 " + std::to_string(at.line) + " 行：" + what);
  }

  Status Strings(const Value& v, const std::string& key, std::vector<std::string>* out) const {
    if (v.type == Value::Type::kScalar) {
      out->push_back(v.scalar);
      return Status::Ok();
    }
    if (v.type != Value::Type::kList) return Error(v, key + " 必须是一个值或值的列表");
    for (const Value& item : v.list) {
      if (item.type != Value::Type::kScalar || item.scalar.empty()) return Error(item, key + " 的每一项都必须是非空的单个值");
      out->push_back(item.scalar);
    }
    return Status::Ok();
  }

  Status RuleById(const Value& at, const std::string& id, Rule** out) const {
    if (id == "*") {
      *out = nullptr;
      return Status::Ok();
    }
    *out = rules_->Find(id);
    if (*out == nullptr) return Error(at, "未知的规则 “" + id + "”：规则包里没有这条规则（运行 fangzhi check --list-rules 查看全部规则编号）");
    return Status::Ok();
  }

  // `section: {RULE: value}`, calling fn for each.
  template <typename Fn>
  Status PerRule(const Value& v, const std::string& section, Fn fn, bool allow_all = false) const {
    if (v.type != Value::Type::kMap) return Error(v, section + " 必须是“规则编号: …”的映射");
    for (const auto& [id, val] : v.map) {
      if (id == "*" && !allow_all) return Error(val, section + " 中不能用 *，请写具体的规则编号");
      Rule* r = nullptr;
      FZ_RETURN_IF_ERROR(RuleById(val, id, &r));
      FZ_RETURN_IF_ERROR(fn(r, id, val));
    }
    return Status::Ok();
  }

  Status Apply(const Value& root) {
    if (root.type != Value::Type::kMap) return Error(root, "配置文件必须是“键: 值”的映射");
    for (const auto& [key, v] : root.map) {
      if (key == "fail_on") {
        if (v.type != Value::Type::kScalar || !ParseSeverity(v.scalar, &settings_->fail_on)) {
          return Error(v, "fail_on 只能是 info、warning、error");
        }
      } else if (key == "kind") {
        if (v.type != Value::Type::kScalar || (v.scalar != "yearbook" && v.scalar != "gazetteer")) {
          return Error(v, "kind 只能是 yearbook（年鉴）或 gazetteer（志书）");
        }
        settings_->kind = v.scalar;
      } else if (key == "period") {
        int first = 0, last = 0;
        if (v.type != Value::Type::kScalar || !ParsePeriod(v.scalar, &first, &last)) {
          return Error(v, "period 是年鉴所记的年份（断限），如 2024 或 \"1986-2005\"");
        }
        settings_->period = v.scalar;
      } else if (key == "place") {
        if (v.type != Value::Type::kScalar || v.scalar.empty()) return Error(v, "place 是本书所记的地方名称，如 示例县");
        FZ_RETURN_IF_ERROR(formats::CheckUtf8(name_, v.scalar));
        settings_->place = v.scalar;
      } else if (key == "disable" || key == "enable") {
        std::vector<std::string> ids;
        FZ_RETURN_IF_ERROR(Strings(v, key, &ids));
        for (size_t i = 0; i < ids.size(); ++i) {
          Rule* r = nullptr;
          FZ_RETURN_IF_ERROR(RuleById(v.type == Value::Type::kList ? v.list[i] : v, ids[i], &r));
          if (r == nullptr) return Error(v, key + " 中不能用 *");
          r->enabled = key == "enable";
        }
      } else if (key == "severity") {
        if (Status st = PerRule(v, key, [&](Rule* r, const std::string&, const Value& val) -> Status {
          if (val.type != Value::Type::kScalar || !ParseSeverity(val.scalar, &r->severity)) {
            return Error(val, "severity 只能是 info、warning、error");
          }
          return Status::Ok();
        }); !st.ok()) return st;
      } else if (key == "params") {
        if (Status st = PerRule(v, key, [&](Rule* r, const std::string& id, const Value& val) -> Status {
          if (r->lexical()) return Error(val, "规则 " + id + " 是词语规则，没有参数；可用 words、replacements、exceptions");
          if (val.type != Value::Type::kMap) return Error(val, "params." + id + " 必须是“参数: 值”的映射");
          const StructuralCheckSpec* spec = FindStructuralCheck(r->check);
          for (const auto& [pk, pv] : val.map) {
            if (std::find(spec->params.begin(), spec->params.end(), pk) == spec->params.end()) {
              std::string allowed;
              for (const auto& p : spec->params) allowed += (allowed.empty() ? "" : "、") + p;
              return Error(pv, "规则 " + id + "（" + r->check + "）没有参数 “" + pk + "”" +
                                   (allowed.empty() ? "" : "（可用 " + allowed + "）"));
            }
            std::vector<std::string> values;
            FZ_RETURN_IF_ERROR(Strings(pv, "params." + id + "." + pk, &values));
            r->params[pk] = std::move(values);
            r->key_lines["params." + pk] = pv.line;
            r->key_files["params." + pk] = name_;  // later messages about this value point at the config
          }
          return Status::Ok();
        }); !st.ok()) return st;
      } else if (key == "words" || key == "exceptions") {
        if (Status st = PerRule(v, key, [&](Rule* r, const std::string& id, const Value& val) -> Status {
          if (!r->lexical()) return Error(val, "规则 " + id + " 是结构检查（" + r->check + "），不能加词语；可用 params");
          std::vector<std::string> words;
          FZ_RETURN_IF_ERROR(Strings(val, key + "." + id, &words));
          for (const auto& w : words) {
            FZ_RETURN_IF_ERROR(formats::CheckUtf8(name_, w));
            (key == "words" ? r->literals : r->exception_words).push_back(w);
          }
          r->key_lines[key == "words" ? "literals" : "exceptions.words"] = val.line;
          return Status::Ok();
        }); !st.ok()) return st;
      } else if (key == "replacements") {
        if (Status st = PerRule(v, key, [&](Rule* r, const std::string& id, const Value& val) -> Status {
          if (!r->lexical()) return Error(val, "规则 " + id + " 是结构检查（" + r->check + "），不能加替换词");
          if (val.type != Value::Type::kMap) return Error(val, "replacements." + id + " 必须是“原词: 改为”的映射");
          for (const auto& [wrong, right] : val.map) {
            if (right.type != Value::Type::kScalar || wrong.empty()) return Error(right, "replacements 的每一项必须是“原词: 改为”");
            r->replacements[wrong] = right.scalar;
            if (std::find(r->literals.begin(), r->literals.end(), wrong) == r->literals.end()) r->literals.push_back(wrong);
          }
          r->key_lines["literals"] = val.line;
          return Status::Ok();
        }); !st.ok()) return st;
      } else if (key == "outside") {
        if (Status st = PerRule(
            v, key,
            [&](Rule* r, const std::string&, const Value& val) -> Status {
              std::vector<std::string> titles;
              FZ_RETURN_IF_ERROR(Strings(val, "outside", &titles));
              if (r != nullptr) {
                r->outside.insert(r->outside.end(), titles.begin(), titles.end());
              } else {
                for (Rule& each : rules_->rules) each.outside.insert(each.outside.end(), titles.begin(), titles.end());
              }
              return Status::Ok();
            },
            true); !st.ok()) return st;
      } else {
        return Error(v, "未知的键 “" + key +
                            "”（可用 fail_on、kind、period、place、disable、enable、severity、params、words、replacements、exceptions、outside）");
      }
    }
    return Status::Ok();
  }

 private:
  std::string name_;
  RuleSet* rules_;
  OfficeSettings* settings_;
};

}  // namespace

Status ApplyOfficeConfigText(const std::string& name, const std::string& text, RuleSet* rules,
                             OfficeSettings* settings) {
  FZ_RETURN_IF_ERROR(formats::CheckUtf8(name, text));
  Value root;
  const std::string ext = std::filesystem::path(name).extension().string();
  if (ext == ".toml") {
    try {
      toml::table t = toml::parse(text, name);
      FZ_RETURN_IF_ERROR(FromToml(name, t, &root));
      root.line = 1;
    } catch (const toml::parse_error& e) {
      return Status::InvalidInput(name + " 第 " + std::to_string(e.source().begin.line) + " 行：TOML 写法有误（" +
                                  std::string(e.description()) + "）");
    }
  } else if (ext == ".yaml" || ext == ".yml") {
    try {
      FZ_RETURN_IF_ERROR(FromYaml(name, YAML::Load(text), &root));
    } catch (const YAML::ParserException& e) {
      return Status::InvalidInput(name + " 第 " + std::to_string(e.mark.line + 1) + " 行：YAML 写法有误（" + e.msg + "）");
    }
    if (root.type == Value::Type::kScalar && root.scalar.empty()) root.type = Value::Type::kMap;  // an empty file
  } else {
    return Status::InvalidInput(name + "：配置文件须为 .toml 或 .yaml（.yml）");
  }
  RuleSet tmp = *rules;
  OfficeSettings st = *settings;
  FZ_RETURN_IF_ERROR(Applier(name, &tmp, &st).Apply(root));
  *rules = std::move(tmp);
  *settings = st;
  return Status::Ok();
}

Status ApplyOfficeConfig(const std::filesystem::path& path, RuleSet* rules, OfficeSettings* settings) {
  std::string text;
  FZ_RETURN_IF_ERROR(formats::ReadUtf8File(path, &text));
  return ApplyOfficeConfigText(path.string(), text, rules, settings);
}

}  // namespace fangzhi::check
