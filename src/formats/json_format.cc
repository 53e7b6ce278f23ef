#include "formats/json_format.h"

#include <nlohmann/json.hpp>

#include "formats/text_file.h"
#include "model/citation.h"

namespace fangzhi::formats {
namespace {

using nlohmann::json;
// Written in a fixed, readable order: "format" first, so that a reader (and
// format detection) knows what the file is from its first line.
using ordered = nlohmann::ordered_json;

ordered WorkToJson(const model::Work& w) {
  return ordered{{"id", w.id},
                 {"title", w.title},
                 {"kind", w.kind},
                 {"region_code", w.region_code},
                 {"place_name", w.place_name},
                 {"period", w.period},
                 {"year", w.year},
                 {"dynasty", w.dynasty},
                 {"compilers", w.compilers},
                 {"source", w.source},
                 {"licence", w.licence},
                 {"extra", w.extra}};
}

ordered NodeToJson(const model::Node& n) {
  ordered blocks = ordered::array();
  for (const model::Block& b : n.blocks) {
    ordered jb{{"kind", model::BlockKindName(b.kind)}, {"para", b.para}, {"text", b.text}};
    if (!b.attrs.empty()) jb["attrs"] = b.attrs;
    blocks.push_back(std::move(jb));
  }
  ordered j{{"key", n.key}, {"level", n.level}, {"title", n.title}};
  if (!n.label.empty()) j["label"] = n.label;
  j["blocks"] = std::move(blocks);
  if (!n.children.empty()) {
    ordered children = ordered::array();
    for (const model::Node& c : n.children) children.push_back(NodeToJson(c));
    j["children"] = std::move(children);
  }
  return j;
}

// Reading: every field is checked, and an error names its JSON path.
class Reader {
 public:
  explicit Reader(const std::string& name) : name_(name) {}

  Status Error(const std::string& where, const std::string& what) const {
    return Status::InvalidInput(name_ + "：字段 " + where + " " + what);
  }

  Status String(const json& obj, const std::string& where, const char* key, std::string* out,
                bool required = false) const {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
      if (required) return Error(where + "." + key, "缺失");
      return Status::Ok();
    }
    if (!it->is_string()) return Error(where + "." + key, "应为字符串");
    *out = it->get<std::string>();
    return CheckUtf8(name_ + " " + where + "." + key, *out);
  }

  Status StringMap(const json& obj, const std::string& where, const char* key,
                   std::map<std::string, std::string>* out) const {
    auto it = obj.find(key);
    if (it == obj.end()) return Status::Ok();
    if (!it->is_object()) return Error(where + "." + key, "应为对象");
    for (const auto& [k, v] : it->items()) {
      if (!v.is_string()) return Error(where + "." + key + "." + k, "应为字符串");
      (*out)[k] = v.get<std::string>();
    }
    return Status::Ok();
  }

  Status Node(const json& j, const std::string& where, model::Node* n) const {
    if (!j.is_object()) return Error(where, "应为对象");
    FZ_RETURN_IF_ERROR(String(j, where, "key", &n->key, true));
    if (n->key.empty() || n->key.find('/') != std::string::npos || n->key == "." || n->key == "..") {
      return Error(where + ".key", "不是合法的路径段");
    }
    FZ_RETURN_IF_ERROR(String(j, where, "level", &n->level));
    FZ_RETURN_IF_ERROR(String(j, where, "title", &n->title));
    FZ_RETURN_IF_ERROR(String(j, where, "label", &n->label));
    auto blocks = j.find("blocks");
    if (blocks != j.end()) {
      if (!blocks->is_array()) return Error(where + ".blocks", "应为数组");
      for (size_t i = 0; i < blocks->size(); ++i) {
        const json& jb = (*blocks)[i];
        const std::string w = where + ".blocks[" + std::to_string(i) + "]";
        if (!jb.is_object()) return Error(w, "应为对象");
        model::Block b;
        std::string kind;
        FZ_RETURN_IF_ERROR(String(jb, w, "kind", &kind, true));
        if (!model::ParseBlockKind(kind, &b.kind)) return Error(w + ".kind", "未知类型 “" + kind + "”");
        auto para = jb.find("para");
        if (para != jb.end()) {
          if (!para->is_number_integer() || para->get<long long>() < 0 || para->get<long long>() > 1000000000) {
            return Error(w + ".para", "应为非负整数");
          }
          b.para = para->get<int>();
        }
        FZ_RETURN_IF_ERROR(String(jb, w, "text", &b.text));
        FZ_RETURN_IF_ERROR(StringMap(jb, w, "attrs", &b.attrs));
        n->blocks.push_back(std::move(b));
      }
    }
    auto children = j.find("children");
    if (children != j.end()) {
      if (!children->is_array()) return Error(where + ".children", "应为数组");
      for (size_t i = 0; i < children->size(); ++i) {
        model::Node c;
        FZ_RETURN_IF_ERROR(Node((*children)[i], where + ".children[" + std::to_string(i) + "]", &c));
        n->children.push_back(std::move(c));
      }
    }
    return Status::Ok();
  }

 private:
  const std::string& name_;
};

}  // namespace

std::string ExportJson(const model::Document& doc, const std::string& edition) {
  ordered editions = ordered::array();
  for (const model::Edition& e : doc.editions) {
    if (!edition.empty() && e.id != edition) continue;
    ordered nodes = ordered::array();
    for (const model::Node& n : e.nodes) nodes.push_back(NodeToJson(n));
    editions.push_back(ordered{{"id", e.id}, {"label", e.label}, {"base", e.base}, {"nodes", std::move(nodes)}});
  }
  ordered sources = ordered::array();
  for (const model::SourceFile& s : doc.sources) {
    if (!edition.empty() && !s.edition.empty() && s.edition != edition) continue;
    sources.push_back(ordered{{"edition", s.edition}, {"path", s.path}, {"bytes", s.bytes}});
  }
  ordered j{{"format", kJsonFormatName},
            {"format_version", kJsonFormatVersion},
            {"work", WorkToJson(doc.work)},
            {"editions", std::move(editions)},
            {"sources", std::move(sources)}};
  return j.dump(1, '\t', false, ordered::error_handler_t::strict) + "\n";
}

bool LooksLikeFangzhiJson(std::string_view head) {
  return head.find("\"format\"") != std::string_view::npos &&
         head.find(kJsonFormatName) != std::string_view::npos;
}

Status ParseJson(const std::string& name, std::string_view text, model::Document* out) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    return Status::InvalidInput(name + "：JSON 语法错误（第 " + std::to_string(e.byte) + " 字节）：" + e.what());
  }
  Reader r(name);
  if (!j.is_object()) return r.Error("(根)", "应为对象");
  std::string format;
  FZ_RETURN_IF_ERROR(r.String(j, "", "format", &format, true));
  if (format != kJsonFormatName) return r.Error("format", "应为 " + std::string(kJsonFormatName));
  auto ver = j.find("format_version");
  if (ver == j.end() || !ver->is_number_integer() || ver->get<int>() != kJsonFormatVersion) {
    return r.Error("format_version", "不支持（本程序读取第 " + std::to_string(kJsonFormatVersion) + " 版）");
  }
  model::Document doc;
  auto jw = j.find("work");
  if (jw == j.end() || !jw->is_object()) return r.Error("work", "缺失或不是对象");
  model::Work& w = doc.work;
  FZ_RETURN_IF_ERROR(r.String(*jw, "work", "id", &w.id, true));
  if (!model::IsValidWorkId(w.id)) return r.Error("work.id", "不是合法的作品编号：“" + w.id + "”");
  FZ_RETURN_IF_ERROR(r.String(*jw, "work", "title", &w.title, true));
  FZ_RETURN_IF_ERROR(r.String(*jw, "work", "kind", &w.kind, true));
  if (!model::IsKnownKind(w.kind)) return r.Error("work.kind", "未知类型 “" + w.kind + "”");
  for (auto [key, field] : {std::pair{"region_code", &w.region_code}, {"place_name", &w.place_name},
                            {"period", &w.period}, {"year", &w.year}, {"dynasty", &w.dynasty},
                            {"source", &w.source}, {"licence", &w.licence}}) {
    FZ_RETURN_IF_ERROR(r.String(*jw, "work", key, field));
  }
  auto comp = jw->find("compilers");
  if (comp != jw->end()) {
    if (!comp->is_array()) return r.Error("work.compilers", "应为字符串数组");
    for (const json& c : *comp) {
      if (!c.is_string()) return r.Error("work.compilers", "应为字符串数组");
      w.compilers.push_back(c.get<std::string>());
    }
  }
  FZ_RETURN_IF_ERROR(r.StringMap(*jw, "work", "extra", &w.extra));
  auto eds = j.find("editions");
  if (eds == j.end() || !eds->is_array() || eds->empty()) return r.Error("editions", "应为非空数组");
  for (size_t i = 0; i < eds->size(); ++i) {
    const json& je = (*eds)[i];
    const std::string where = "editions[" + std::to_string(i) + "]";
    if (!je.is_object()) return r.Error(where, "应为对象");
    model::Edition e;
    FZ_RETURN_IF_ERROR(r.String(je, where, "id", &e.id, true));
    if (!model::IsValidWorkId(e.id)) return r.Error(where + ".id", "不是合法的版本编号");
    if (doc.FindEdition(e.id) != nullptr) return r.Error(where + ".id", "重复：" + e.id);
    FZ_RETURN_IF_ERROR(r.String(je, where, "label", &e.label));
    auto base = je.find("base");
    e.base = base != je.end() && base->is_boolean() && base->get<bool>();
    auto nodes = je.find("nodes");
    if (nodes == je.end() || !nodes->is_array()) return r.Error(where + ".nodes", "应为数组");
    for (size_t k = 0; k < nodes->size(); ++k) {
      model::Node n;
      FZ_RETURN_IF_ERROR(r.Node((*nodes)[k], where + ".nodes[" + std::to_string(k) + "]", &n));
      e.nodes.push_back(std::move(n));
    }
    doc.editions.push_back(std::move(e));
  }
  auto srcs = j.find("sources");
  if (srcs != j.end() && srcs->is_array()) {
    for (const json& s : *srcs) {
      if (!s.is_object()) continue;
      model::SourceFile f;
      f.edition = s.value("edition", "");
      f.path = s.value("path", "");
      f.bytes = s.value("bytes", size_t{0});
      doc.sources.push_back(std::move(f));
    }
  }
  *out = std::move(doc);
  return Status::Ok();
}

Status ImportJsonFile(const std::filesystem::path& file, model::Document* doc) {
  std::string text;
  FZ_RETURN_IF_ERROR(ReadUtf8File(file, &text));
  return ParseJson(file.string(), text, doc);
}

}  // namespace fangzhi::formats
