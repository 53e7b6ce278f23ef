// MARKS.json in and out, and findings accepted as marks.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "formats/text_file.h"
#include "review/error_rate.h"
#include "text/utf8.h"

namespace fangzhi::review {

namespace {

// Bounds that keep the exact arithmetic of error_rate.cc inside 64 bits.
constexpr uint64_t kMaxChars = 10'000'000'000ULL;
constexpr size_t kMaxMarks = 1'000'000;

using Json = nlohmann::json;

const char* TypeName(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "布尔值";
    case Json::value_t::string: return "字符串";
    case Json::value_t::array: return "列表";
    case Json::value_t::object: return "对象";
    case Json::value_t::discarded: return "无效值";
    default: return "数";
  }
}

Status Field(const std::string& file, const std::string& field, const std::string& what) {
  return Status::InvalidInput(file + "：" + field + " " + what);
}

Status GetString(const Json& obj, const char* key, bool required, const std::string& file, const std::string& where,
                 std::string* out) {
  auto it = obj.find(key);
  if (it == obj.end()) return required ? Field(file, where + key, "缺失") : Status::Ok();
  if (!it->is_string()) return Field(file, where + key, std::string("必须是字符串，而不是") + TypeName(*it));
  *out = it->get<std::string>();
  return Status::Ok();
}

Status GetCount(const Json& obj, const char* key, bool required, uint64_t min, uint64_t max, const std::string& file,
                const std::string& where, uint64_t* out) {
  auto it = obj.find(key);
  if (it == obj.end()) return required ? Field(file, where + key, "缺失") : Status::Ok();
  if (!it->is_number_integer() || (it->is_number_integer() && !it->is_number_unsigned() && it->get<int64_t>() < 0) ||
      it->get<uint64_t>() < min || it->get<uint64_t>() > max) {
    return Field(file, where + key,
                 "必须是 " + std::to_string(min) + "~" + std::to_string(max) + " 之间的整数，而不是 " + it->dump());
  }
  *out = it->get<uint64_t>();
  return Status::Ok();
}

}  // namespace

Status ParseMarks(std::string_view json, const std::string& file, Marks* out) {
  Json j;
  try {
    j = Json::parse(json);
  } catch (const Json::parse_error& e) {
    const text::TextPosition pos = text::PositionOf(json, std::min<size_t>(e.byte ? e.byte - 1 : 0, json.size()));
    return Status::InvalidInput(file + " 第 " + std::to_string(pos.line) + " 行第 " + std::to_string(pos.column) +
                                " 列：不是有效的 JSON");
  }
  if (!j.is_object()) return Status::InvalidInput(file + "：差错标注文件必须是 JSON 对象 {\"chars\": …, \"marks\": […]}");
  Marks m;
  uint64_t chars = 0;
  FZ_RETURN_IF_ERROR(GetCount(j, "chars", true, 1, kMaxChars, file, "", &chars));
  m.chars = static_cast<size_t>(chars);
  FZ_RETURN_IF_ERROR(GetString(j, "title", false, file, "", &m.title));
  FZ_RETURN_IF_ERROR(GetString(j, "work", false, file, "", &m.work));
  if (j.contains("sample")) {
    if (!j["sample"].is_object()) return Field(file, "sample", std::string("必须是对象（review sample --json 的输出），而不是") + TypeName(j["sample"]));
    m.sample_json = j["sample"].dump();
  }
  auto marks = j.find("marks");
  if (marks == j.end()) return Field(file, "marks", "缺失（差错标注的列表，没有差错时写 []）");
  if (!marks->is_array()) return Field(file, "marks", std::string("必须是列表，而不是") + TypeName(*marks));
  if (marks->size() > kMaxMarks) return Field(file, "marks", "超过 " + std::to_string(kMaxMarks) + " 条");
  for (size_t i = 0; i < marks->size(); ++i) {
    const Json& o = (*marks)[i];
    const std::string where = "marks[" + std::to_string(i) + "].";
    if (!o.is_object()) return Field(file, "marks[" + std::to_string(i) + "]", std::string("必须是对象，而不是") + TypeName(o));
    ErrorMark mk;
    FZ_RETURN_IF_ERROR(GetString(o, "type", true, file, where, &mk.type));
    if (mk.type.empty()) return Field(file, where + "type", "不能为空");
    FZ_RETURN_IF_ERROR(GetString(o, "path", true, file, where, &mk.path));
    FZ_RETURN_IF_ERROR(GetString(o, "excerpt", true, file, where, &mk.excerpt));
    FZ_RETURN_IF_ERROR(GetString(o, "correction", false, file, where, &mk.correction));
    FZ_RETURN_IF_ERROR(GetString(o, "note", false, file, where, &mk.note));
    FZ_RETURN_IF_ERROR(GetString(o, "rule", false, file, where, &mk.rule));
    uint64_t v = 0;
    FZ_RETURN_IF_ERROR(GetCount(o, o.contains("paragraph") ? "paragraph" : "para", false, 0, 1'000'000, file, where, &v));
    mk.para = static_cast<int>(v);
    v = 0;
    FZ_RETURN_IF_ERROR(GetCount(o, "page", false, 1, 1'000'000, file, where, &v));
    mk.page = static_cast<int>(v);
    for (const auto& [key, value] : o.items()) {
      static const char* kKnown[] = {"type", "path", "excerpt", "correction", "note", "rule", "para", "paragraph", "page",
                                     "weight", "counted"};
      if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown)) {
        return Field(file, where + key, "不是差错标注的字段（可用 type、path、para、excerpt、correction、page、note、rule）");
      }
    }
    m.marks.push_back(std::move(mk));
  }
  *out = std::move(m);
  return Status::Ok();
}

Status LoadMarks(const std::string& path, Marks* out) {
  std::string text;
  FZ_RETURN_IF_ERROR(formats::ReadUtf8File(path, &text));
  return ParseMarks(text, path, out);
}

std::string MarksJson(const Marks& m) {
  nlohmann::ordered_json marks = nlohmann::ordered_json::array();
  for (const ErrorMark& mk : m.marks) {
    nlohmann::ordered_json o = {{"type", mk.type}, {"path", mk.path}, {"para", mk.para}, {"excerpt", mk.excerpt}};
    if (!mk.correction.empty()) o["correction"] = mk.correction;
    if (mk.page > 0) o["page"] = mk.page;
    if (!mk.note.empty()) o["note"] = mk.note;
    if (!mk.rule.empty()) o["rule"] = mk.rule;
    marks.push_back(std::move(o));
  }
  nlohmann::ordered_json j = {{"chars", m.chars}};
  if (!m.title.empty()) j["title"] = m.title;
  if (!m.work.empty()) j["work"] = m.work;
  j["marks"] = std::move(marks);
  if (!m.sample_json.empty()) j["sample"] = nlohmann::ordered_json::parse(m.sample_json, nullptr, false);
  return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::vector<ErrorMark> MarksFromFindings(const std::vector<check::Finding>& findings, const ErrorWeights& weights) {
  std::vector<ErrorMark> out;
  for (const check::Finding& f : findings) {
    if (f.para < 0) continue;  // about the book as a whole, not a place in it
    auto it = weights.category_types.find(check::CategoryName(f.category));
    if (it == weights.category_types.end()) continue;
    ErrorMark m;
    m.type = it->second;
    m.path = f.path;
    m.para = f.para;
    m.excerpt = f.excerpt;
    m.correction = f.suggestion;
    m.note = f.message;
    m.rule = f.rule;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace fangzhi::review
