#include "check/rule_pack.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <regex>
#include <set>

#include "check/embedded_rules.h"
#include "check/structural_checks.h"
#include "formats/text_file.h"

namespace fangzhi::check {

std::string Rule::Where() const {
  return file + " 第 " + std::to_string(line) + " 行（规则 " + id + "）";
}

Rule* RuleSet::Find(const std::string& id) {
  for (Rule& r : rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

const Rule* RuleSet::Find(const std::string& id) const {
  for (const Rule& r : rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

namespace {

int LineOf(const YAML::Node& n) { return n.Mark().line + 1; }

class PackReader {
 public:
  PackReader(std::string name) : name_(std::move(name)) {}

  Status Error(const YAML::Node& at, const std::string& what) const {
    return Status::InvalidInput(name_ + " 第 " + std::to_string(LineOf(at)) + " 行：" + what);
  }
  Status RuleError(const Rule& r, const YAML::Node& at, const std::string& what) const {
    return Status::InvalidInput(name_ + " 第 " + std::to_string(LineOf(at)) + " 行（规则 " + r.id + "）：" + what);
  }

  Status Scalar(const Rule& r, const YAML::Node& n, const std::string& key, std::string* out) const {
    if (!n.IsScalar()) return RuleError(r, n, key + " 必须是单个值");
    *out = n.Scalar();
    return Status::Ok();
  }

  // A scalar or a list of scalars.
  Status List(const Rule& r, const YAML::Node& n, const std::string& key, std::vector<std::string>* out,
              std::vector<int>* lines = nullptr) const {
    if (n.IsScalar()) {
      out->push_back(n.Scalar());
      if (lines) lines->push_back(LineOf(n));
      return Status::Ok();
    }
    if (!n.IsSequence()) return RuleError(r, n, key + " 必须是一个值或值的列表");
    for (const YAML::Node& item : n) {
      if (!item.IsScalar()) return RuleError(r, item, key + " 的每一项都必须是单个值");
      if (item.Scalar().empty()) return RuleError(r, item, key + " 中有空项");
      out->push_back(item.Scalar());
      if (lines) lines->push_back(LineOf(item));
    }
    return Status::Ok();
  }

  Status Examples(const Rule& r, const YAML::Node& n, const std::string& key,
                  std::vector<RuleExample>* out) const {
    if (!n.IsSequence()) return RuleError(r, n, key + " 必须是例句的列表");
    for (const YAML::Node& item : n) {
      RuleExample ex;
      ex.line = LineOf(item);
      if (item.IsScalar()) {
        ex.text = item.Scalar();
      } else if (item.IsMap()) {
        int forms = 0;
        for (const auto& kv : item) {
          const std::string k = kv.first.as<std::string>();
          if (!kv.second.IsScalar()) return RuleError(r, kv.second, key + " 的 " + k + " 必须是单个值");
          const std::string v = kv.second.Scalar();
          if (k == "text") {
            ex.form = RuleExample::Form::kText, ex.text = v, ++forms;
          } else if (k == "title") {
            ex.form = RuleExample::Form::kTitle, ex.text = v, ++forms;
          } else if (k == "markdown") {
            ex.form = RuleExample::Form::kMarkdown, ex.text = v, ++forms;
          } else if (k == "excerpt") {
            ex.excerpt = v;
          } else if (k == "kind") {
            if (v != "yearbook" && v != "gazetteer") return RuleError(r, kv.second, "例句的 kind 只能是 yearbook 或 gazetteer");
            ex.kind = v;
          } else {
            return RuleError(r, kv.first, "例句中未知的键 “" + k + "”（可用 text、title、markdown、excerpt、kind）");
          }
        }
        if (forms != 1) return RuleError(r, item, "例句必须恰好写 text、title、markdown 之一");
      } else {
        return RuleError(r, item, key + " 的每一项必须是例句文字或 {text|title|markdown: …} 映射");
      }
      if (ex.text.empty()) return RuleError(r, item, "例句不能为空");
      FZ_RETURN_IF_ERROR(formats::CheckUtf8(name_, ex.text));
      out->push_back(std::move(ex));
    }
    return Status::Ok();
  }

  Status ReadRule(const YAML::Node& n, const std::string& file, Rule* r) const {
    if (!n.IsMap()) return Error(n, "rules 的每一项都必须是一条规则（键: 值 的映射）");
    r->file = file;
    r->line = LineOf(n);
    const YAML::Node id = n["id"];
    if (!id || !id.IsScalar() || id.Scalar().empty()) return Error(n, "规则缺少 id");
    r->id = id.Scalar();
    static const std::regex kIdShape("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*");
    if (!std::regex_match(r->id, kIdShape)) {
      return Error(id, "规则编号 “" + r->id + "” 只能由大写字母、数字和连字符组成，如 STY-1P");
    }
    bool has_category = false, has_severity = false, has_message = false, has_source = false;
    for (const auto& kv : n) {
      const std::string key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      r->key_lines[key] = LineOf(v);
      std::string s;
      if (key == "id") {
        continue;
      } else if (key == "category") {
        FZ_RETURN_IF_ERROR(Scalar(*r, v, key, &s));
        if (!ParseCategory(s, &r->category)) {
          return RuleError(*r, v, "未知类别 “" + s +
                                      "”（可用 person、time、number、punctuation、terminology、style、structure、consistency、typo）");
        }
        has_category = true;
      } else if (key == "severity") {
        FZ_RETURN_IF_ERROR(Scalar(*r, v, key, &s));
        if (!ParseSeverity(s, &r->severity)) return RuleError(*r, v, "severity 只能是 info、warning、error，而不是 “" + s + "”");
        has_severity = true;
      } else if (key == "enabled") {
        FZ_RETURN_IF_ERROR(Scalar(*r, v, key, &s));
        if (s != "true" && s != "false") return RuleError(*r, v, "enabled 只能是 true 或 false");
        r->enabled = s == "true";
      } else if (key == "message") {
        FZ_RETURN_IF_ERROR(Scalar(*r, v, key, &r->message));
        has_message = !r->message.empty();
      } else if (key == "suggestion") {
        FZ_RETURN_IF_ERROR(Scalar(*r, v, key, &r->suggestion));
      } else if (key == "source") {
        FZ_RETURN_IF_ERROR(Scalar(*r, v, key, &r->source));
        has_source = !r->source.empty();
      } else if (key == "kinds") {
        std::vector<std::string> kinds;
        FZ_RETURN_IF_ERROR(List(*r, v, key, &kinds));
        for (const auto& k : kinds) {
          if (k != "yearbook" && k != "gazetteer") return RuleError(*r, v, "kinds 只能列 yearbook、gazetteer");
          r->kinds.insert(k);
        }
      } else if (key == "scope") {
        std::vector<std::string> scopes;
        FZ_RETURN_IF_ERROR(List(*r, v, key, &scopes));
        r->scope = 0;
        for (const auto& sc : scopes) {
          if (sc == "body") {
            r->scope |= kScopeBody;
          } else if (sc == "title") {
            r->scope |= kScopeTitle;
          } else if (sc == "entry_title") {
            r->scope |= kScopeEntryTitle;
          } else {
            return RuleError(*r, v, "scope 只能是 body、title、entry_title，而不是 “" + sc + "”");
          }
        }
      } else if (key == "blocks") {
        std::vector<std::string> blocks;
        FZ_RETURN_IF_ERROR(List(*r, v, key, &blocks));
        for (const auto& b : blocks) {
          static const std::set<std::string> kKinds = {"text", "note", "table", "figure", "footnote"};
          if (!kKinds.count(b)) return RuleError(*r, v, "blocks 只能列 text、note、table、figure、footnote");
          r->blocks.insert(b);
        }
      } else if (key == "list_items") {
        FZ_RETURN_IF_ERROR(Scalar(*r, v, key, &s));
        if (s != "true" && s != "false") return RuleError(*r, v, "list_items 只能是 true 或 false");
        r->list_items = s == "true";
      } else if (key == "within") {
        FZ_RETURN_IF_ERROR(List(*r, v, key, &r->within));
      } else if (key == "outside") {
        FZ_RETURN_IF_ERROR(List(*r, v, key, &r->outside));
      } else if (key == "literals") {
        FZ_RETURN_IF_ERROR(List(*r, v, key, &r->literals));
      } else if (key == "replacements") {
        if (!v.IsMap()) return RuleError(*r, v, "replacements 必须是“原词: 改为”的映射");
        for (const auto& rep : v) {
          if (!rep.second.IsScalar() || !rep.first.IsScalar() || rep.first.Scalar().empty()) {
            return RuleError(*r, rep.first, "replacements 的每一项必须是“原词: 改为”");
          }
          r->replacements[rep.first.Scalar()] = rep.second.Scalar();
        }
      } else if (key == "patterns") {
        FZ_RETURN_IF_ERROR(List(*r, v, key, &r->patterns, &r->pattern_lines));
      } else if (key == "trim") {
        if (!v.IsSequence() || v.size() != 2 || !v[0].IsScalar() || !v[1].IsScalar()) {
          return RuleError(*r, v, "trim 必须是两个数 [去掉开头几个字, 去掉末尾几个字]");
        }
        try {
          r->trim_left = v[0].as<int>();
          r->trim_right = v[1].as<int>();
        } catch (const YAML::Exception&) {
          return RuleError(*r, v, "trim 必须是两个非负整数");
        }
        if (r->trim_left < 0 || r->trim_right < 0) return RuleError(*r, v, "trim 必须是两个非负整数");
      } else if (key == "before") {
        FZ_RETURN_IF_ERROR(Scalar(*r, v, key, &r->before));
      } else if (key == "not_before") {
        FZ_RETURN_IF_ERROR(Scalar(*r, v, key, &r->not_before));
      } else if (key == "after") {
        FZ_RETURN_IF_ERROR(Scalar(*r, v, key, &r->after));
      } else if (key == "not_after") {
        FZ_RETURN_IF_ERROR(Scalar(*r, v, key, &r->not_after));
      } else if (key == "unless_defined") {
        FZ_RETURN_IF_ERROR(Scalar(*r, v, key, &s));
        if (s != "true" && s != "false") return RuleError(*r, v, "unless_defined 只能是 true 或 false");
        r->unless_defined = s == "true";
      } else if (key == "exceptions") {
        if (!v.IsMap()) return RuleError(*r, v, "exceptions 必须是映射：inside、words、patterns");
        for (const auto& ex : v) {
          const std::string ek = ex.first.as<std::string>();
          r->key_lines["exceptions." + ek] = LineOf(ex.second);
          if (ek == "inside") {
            FZ_RETURN_IF_ERROR(List(*r, ex.second, "exceptions.inside", &r->inside));
            for (const auto& in : r->inside) {
              if (in != "quotation" && in != "book_title" && in != "parenthesis") {
                return RuleError(*r, ex.second, "exceptions.inside 只能列 quotation、book_title、parenthesis");
              }
            }
          } else if (ek == "words") {
            FZ_RETURN_IF_ERROR(List(*r, ex.second, "exceptions.words", &r->exception_words));
          } else if (ek == "patterns") {
            FZ_RETURN_IF_ERROR(List(*r, ex.second, "exceptions.patterns", &r->exception_patterns,
                                    &r->exception_pattern_lines));
          } else {
            return RuleError(*r, ex.first, "exceptions 中未知的键 “" + ek + "”（可用 inside、words、patterns）");
          }
        }
      } else if (key == "check") {
        FZ_RETURN_IF_ERROR(Scalar(*r, v, key, &r->check));
      } else if (key == "params") {
        if (!v.IsMap()) return RuleError(*r, v, "params 必须是映射");
        for (const auto& p : v) {
          std::vector<std::string> values;
          FZ_RETURN_IF_ERROR(List(*r, p.second, "params." + p.first.as<std::string>(), &values));
          r->params[p.first.as<std::string>()] = std::move(values);
          r->key_lines["params." + p.first.as<std::string>()] = LineOf(p.second);
        }
      } else if (key == "examples") {
        if (!v.IsMap()) return RuleError(*r, v, "examples 必须有 fire（应报）和 no_fire（不应报）两个列表");
        for (const auto& ex : v) {
          const std::string ek = ex.first.as<std::string>();
          if (ek == "fire") {
            FZ_RETURN_IF_ERROR(Examples(*r, ex.second, "examples.fire", &r->fire));
          } else if (ek == "no_fire") {
            FZ_RETURN_IF_ERROR(Examples(*r, ex.second, "examples.no_fire", &r->no_fire));
          } else {
            return RuleError(*r, ex.first, "examples 中未知的键 “" + ek + "”（可用 fire、no_fire）");
          }
        }
      } else {
        return RuleError(*r, kv.first, "未知的键 “" + key + "”");
      }
    }
    if (!has_category) return RuleError(*r, n, "缺少 category（类别）");
    if (!has_severity) return RuleError(*r, n, "缺少 severity（info、warning、error）");
    if (!has_message) return RuleError(*r, n, "缺少 message（中文说明）");
    if (!has_source) return RuleError(*r, n, "缺少 source（依据的标准或规定及条款）");
    for (const auto& [lit, rep] : r->replacements) {
      if (std::find(r->literals.begin(), r->literals.end(), lit) == r->literals.end()) r->literals.push_back(lit);
    }
    if (r->check.empty()) {
      if (r->literals.empty() && r->patterns.empty()) {
        return RuleError(*r, n, "规则既没有 literals / patterns / replacements，也没有 check（结构检查名）");
      }
      if (!r->params.empty()) return RuleError(*r, n, "params 只用于结构检查（check）");
    } else {
      const StructuralCheckSpec* spec = FindStructuralCheck(r->check);
      if (spec == nullptr) {
        return RuleError(*r, n["check"], "未知的结构检查 “" + r->check + "”（可用：" + StructuralCheckNames() + "）");
      }
      if (!r->literals.empty() || !r->patterns.empty()) {
        return RuleError(*r, n, "结构检查规则不能同时写 literals / patterns");
      }
      for (const auto& [k, vals] : r->params) {
        if (std::find(spec->params.begin(), spec->params.end(), k) == spec->params.end()) {
          return RuleError(*r, n["params"], "检查 " + r->check + " 没有参数 “" + k + "”");
        }
      }
    }
    for (const std::string* text : {&r->message, &r->suggestion, &r->source}) {
      FZ_RETURN_IF_ERROR(formats::CheckUtf8(name_, *text));
    }
    if (r->fire.empty()) return RuleError(*r, n, "缺少 examples.fire：每条规则至少要有一个应报的例句");
    if (r->no_fire.empty()) return RuleError(*r, n, "缺少 examples.no_fire：每条规则至少要有一个不应报的例句");
    return Status::Ok();
  }

  Status Read(const std::string& yaml, RuleSet* out) const {
    YAML::Node root;
    try {
      root = YAML::Load(yaml);
    } catch (const YAML::ParserException& e) {
      return Status::InvalidInput(name_ + " 第 " + std::to_string(e.mark.line + 1) + " 行：YAML 写法有误（" + e.msg + "）");
    }
    if (!root.IsMap()) return Status::InvalidInput(name_ + "：规则包必须是映射，含 pack 和 rules");
    if (!root["rules"] || !root["rules"].IsSequence()) {
      return Status::InvalidInput(name_ + "：规则包缺少 rules 列表");
    }
    for (const auto& kv : root) {
      const std::string k = kv.first.as<std::string>();
      if (k != "pack" && k != "description" && k != "rules") {
        return Error(kv.first, "规则包中未知的键 “" + k + "”（可用 pack、description、rules）");
      }
    }
    std::vector<Rule> rules;
    for (const YAML::Node& n : root["rules"]) {
      Rule r;
      try {
        FZ_RETURN_IF_ERROR(ReadRule(n, name_, &r));
      } catch (const YAML::Exception& e) {
        return Status::InvalidInput(name_ + " 第 " + std::to_string(e.mark.line + 1) + " 行：" + e.msg);
      }
      if (out->Find(r.id) != nullptr) {
        const Rule* first = out->Find(r.id);
        return Error(n, "规则编号 " + r.id + " 重复（先见于 " + first->file + " 第 " + std::to_string(first->line) + " 行）");
      }
      for (const Rule& o : rules) {
        if (o.id == r.id) {
          return Error(n, "规则编号 " + r.id + " 重复（先见于第 " + std::to_string(o.line) + " 行）");
        }
      }
      rules.push_back(std::move(r));
    }
    for (Rule& r : rules) out->rules.push_back(std::move(r));
    out->files.push_back(name_);
    return Status::Ok();
  }

 private:
  std::string name_;
};

}  // namespace

Status ParseRulePack(const std::string& name, const std::string& yaml, RuleSet* out) {
  FZ_RETURN_IF_ERROR(formats::CheckUtf8(name, yaml));
  RuleSet tmp = *out;
  FZ_RETURN_IF_ERROR(PackReader(name).Read(yaml, &tmp));
  *out = std::move(tmp);
  return Status::Ok();
}

Status LoadBuiltinRules(RuleSet* out) {
  RuleSet rs;
  for (const EmbeddedPack& p : EmbeddedRulePacks()) {
    FZ_RETURN_IF_ERROR(ParseRulePack(std::string("rules/") + p.name, std::string(p.text), &rs));
  }
  *out = std::move(rs);
  return Status::Ok();
}

Status LoadRulePacks(const std::filesystem::path& path, RuleSet* out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> files;
  if (fs::is_directory(path, ec)) {
    for (const auto& e : fs::directory_iterator(path, ec)) {
      const std::string ext = e.path().extension().string();
      if (e.is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) return Status::InvalidInput(path.string() + "：目录中没有 .yaml 规则包");
  } else if (fs::is_regular_file(path, ec)) {
    files.push_back(path);
  } else {
    return Status::NotFound(path.string() + "：规则包不存在");
  }
  RuleSet rs;
  for (const auto& f : files) {
    std::string text;
    FZ_RETURN_IF_ERROR(formats::ReadUtf8File(f, &text));
    FZ_RETURN_IF_ERROR(ParseRulePack(f.string(), text, &rs));
  }
  *out = std::move(rs);
  return Status::Ok();
}

}  // namespace fangzhi::check
