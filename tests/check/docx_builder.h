// Writing small .docx files for tests with libzip, so that no binary blob
// needs to live in the repository: every test document is made here from
// its XML parts.
#pragma once

#include <zip.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace fangzhi::check::testing {

inline const char* kWNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// A zip with the given members (name → bytes), deflated.
inline bool WriteZip(const std::filesystem::path& path, const std::vector<std::pair<std::string, std::string>>& members) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (z == nullptr) return false;
  for (const auto& [name, bytes] : members) {
    zip_source_t* s = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
    if (s == nullptr || zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) {
      zip_discard(z);
      return false;
    }
  }
  return zip_close(z) == 0;
}

// The parts of a minimal Word document around `body` (the children of
// w:body). `extra_rels` are more <Relationship/> elements of the main part;
// `extra_members` more parts; `extra_types` more <Override/> elements.
struct DocxParts {
  std::string body;
  std::string footnotes;  // children of w:footnotes ("" = no footnotes part)
  std::string extra_rels;
  std::string extra_types;
  std::vector<std::pair<std::string, std::string>> extra_members;
  std::string main_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
};

inline std::vector<std::pair<std::string, std::string>> DocxMembers(const DocxParts& p) {
  const std::string decl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  std::string types = decl +
                      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                      "<Override PartName=\"/word/document.xml\" ContentType=\"" + p.main_type + "\"/>"
                      "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>";
  if (!p.footnotes.empty()) {
    types += "<Override PartName=\"/word/footnotes.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>";
  }
  types += p.extra_types + "</Types>";
  std::string rels = decl +
                     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                     "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>";
  if (!p.footnotes.empty()) {
    rels += "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/>";
  }
  rels += p.extra_rels + "</Relationships>";
  std::string styles = decl + "<w:styles xmlns:w=\"" + kWNs +
                       "\"><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
                       "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style>";
  for (int i = 1; i <= 4; ++i) {
    styles += "<w:style w:type=\"paragraph\" w:styleId=\"Heading" + std::to_string(i) + "\"><w:name w:val=\"heading " +
              std::to_string(i) + "\"/><w:pPr><w:outlineLvl w:val=\"" + std::to_string(i - 1) + "\"/></w:pPr></w:style>";
  }
  // A style named in Chinese, without an outline level: 标题 2.
  styles += "<w:style w:type=\"paragraph\" w:styleId=\"a3\"><w:name w:val=\"标题 2\"/></w:style></w:styles>";
  std::vector<std::pair<std::string, std::string>> m = {
      {"[Content_Types].xml", types},
      {"_rels/.rels", decl + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                             "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
      {"word/document.xml", decl + "<w:document xmlns:w=\"" + kWNs +
                                "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>" +
                                p.body + "<w:sectPr/></w:body></w:document>"},
      {"word/_rels/document.xml.rels", rels},
      {"word/styles.xml", styles},
  };
  if (!p.footnotes.empty()) {
    m.emplace_back("word/footnotes.xml", decl + "<w:footnotes xmlns:w=\"" + kWNs + "\">" + p.footnotes + "</w:footnotes>");
  }
  for (const auto& e : p.extra_members) m.push_back(e);
  return m;
}

inline std::string Para(const std::string& text, const std::string& style = "") {
  std::string p = "<w:p>";
  if (!style.empty()) p += "<w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>";
  return p + "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

}  // namespace fangzhi::check::testing
