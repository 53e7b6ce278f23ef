#include "server/cite.h"

#include <ctime>

namespace fangzhi::server {
namespace {

std::string Join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// Where in the work: 卷 001「華陽國志 1」第 3 段.
std::string Locus(const CiteTarget& t) {
  std::string out;
  if (!t.node_path.empty()) {
    out += t.node_level.empty() ? t.node_path : t.node_level + " " + t.node_path;
    if (!t.node_name.empty()) out += "「" + t.node_name + "」";
  }
  if (t.paragraph > 0) out += "第 " + std::to_string(t.paragraph) + " 段";
  return out;
}

// BibTeX fields: braces balanced by escaping them, and the characters
// LaTeX treats specially escaped, so any title is a valid field.
std::string BibEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '{': out += "\\{"; break;
      case '}': out += "\\}"; break;
      case '\\': out += "\\textbackslash{}"; break;
      case '%': case '&': case '$': case '#': case '_':
        out.push_back('\\');
        out.push_back(c);
        break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string BibKey(const CiteTarget& t) {
  std::string key;
  for (char c : t.work->id + (t.node_path.empty() ? "" : "_" + t.node_path)) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    key.push_back(ok ? c : '_');
  }
  return key.empty() ? "fangzhi" : key;
}

}  // namespace

std::string TodayUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string CitePlain(const CiteTarget& t) {
  const model::Work& w = *t.work;
  std::string out;
  if (!w.dynasty.empty()) out += "〔" + w.dynasty + "〕";
  if (!w.compilers.empty()) out += Join(w.compilers, "、") + "：";
  out += "《" + w.title + "》";
  const std::string locus = Locus(t);
  if (!locus.empty()) out += locus;
  out += "，" + (t.edition_label.empty() ? t.edition_id : t.edition_label) + "。";
  if (!w.source.empty()) out += w.source + "。";
  out += "四川数字方志馆，" + t.url + "（" + t.accessed + " 访问）。";
  if (!w.licence.empty()) out += "许可：" + w.licence + "。";
  return out;
}

std::string CiteBibtex(const CiteTarget& t) {
  const model::Work& w = *t.work;
  std::string out = "@book{" + BibKey(t) + ",\n";
  auto field = [&](const char* name, const std::string& v) {
    if (!v.empty()) out += "  " + std::string(name) + " = {" + BibEscape(v) + "},\n";
  };
  field("title", w.title);
  field("author", Join(w.compilers, " and "));
  field("chapter", Locus(t));
  field("edition", t.edition_label.empty() ? t.edition_id : t.edition_label);
  field("year", w.year);
  field("note", (w.dynasty.empty() ? "" : "朝代 " + w.dynasty + "；") + w.source +
                    (w.licence.empty() ? "" : "；许可 " + w.licence));
  field("publisher", "四川数字方志馆");
  field("url", t.url);
  field("urldate", t.accessed);
  out += "}\n";
  return out;
}

nlohmann::ordered_json CiteCslJson(const CiteTarget& t) {
  const model::Work& w = *t.work;
  nlohmann::ordered_json item;
  item["id"] = w.id + (t.node_path.empty() ? "" : "/" + t.node_path) +
               (t.paragraph > 0 ? "#p" + std::to_string(t.paragraph) : "");
  item["type"] = t.node_path.empty() ? "book" : "chapter";
  if (t.node_path.empty()) {
    item["title"] = w.title;
  } else {
    item["title"] = Locus(t);
    item["container-title"] = w.title;
  }
  nlohmann::ordered_json authors = nlohmann::ordered_json::array();
  for (const std::string& c : w.compilers) authors.push_back({{"literal", c}});
  if (!authors.empty()) item["author"] = authors;
  if (!w.dynasty.empty()) item["original-date"] = {{"literal", w.dynasty}};
  if (!w.year.empty()) item["issued"] = {{"literal", w.year}};
  item["edition"] = t.edition_label.empty() ? t.edition_id : t.edition_label;
  if (!w.place_name.empty()) item["publisher-place"] = w.place_name;
  item["publisher"] = "四川数字方志馆";
  if (!w.source.empty()) item["source"] = w.source;
  if (!w.licence.empty()) item["license"] = w.licence;
  item["URL"] = t.url;
  int y = 0, m = 0, d = 0;
  if (std::sscanf(t.accessed.c_str(), "%d-%d-%d", &y, &m, &d) == 3) {
    item["accessed"] = {{"date-parts", {{y, m, d}}}};
  }
  return nlohmann::ordered_json::array({item});
}

}  // namespace fangzhi::server
