#include "submission/tag_file.h"

#include "text/utf8.h"

namespace fangzhi::submission {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string At(const std::string& file, size_t line) { return file + " 第 " + std::to_string(line) + " 行"; }

// Drops a BOM (Notepad writes one; harmless here) and refuses text that is not UTF-8.
bool Utf8Text(std::string_view* text, const std::string& file, std::vector<Problem>* problems) {
  if (text->starts_with("\xEF\xBB\xBF")) text->remove_prefix(3);
  const size_t bad = text::FindInvalidUtf8(*text);
  if (bad == text::kValid) return true;
  const text::TextPosition pos = text::PositionOf(*text, bad);
  problems->push_back({"tag-encoding", file, pos.line, "",
                       At(file, pos.line) + "：不是有效的 UTF-8（第 " + std::to_string(bad) +
                           " 字节），标签文件必须用 UTF-8 编码"});
  return false;
}

}  // namespace

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      out.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) out.push_back(text.substr(start));
  return out;
}

void ParseTagFields(std::string_view text, const std::string& file, std::vector<BagField>* fields,
                    std::vector<Problem>* problems) {
  if (!Utf8Text(&text, file, problems)) return;
  const std::vector<std::string_view> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    const size_t number = i + 1;
    if (Trim(line).empty()) continue;
    if (line.front() == ' ' || line.front() == '\t') {
      if (fields->empty()) {
        problems->push_back({"tag-syntax", file, number, "",
                             At(file, number) + "：续行（以空白开头的行）前面没有“标签: 值”行"});
        continue;
      }
      fields->back().value += " ";
      fields->back().value += Trim(line);
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || Trim(line.substr(0, colon)).empty()) {
      problems->push_back({"tag-syntax", file, number, "",
                           At(file, number) + "：应为“标签: 值”的形式（英文冒号），而不是 “" +
                               std::string(line.substr(0, 60)) + "”"});
      continue;
    }
    fields->push_back({std::string(Trim(line.substr(0, colon))), std::string(Trim(line.substr(colon + 1))), number});
  }
}

void ParseManifest(std::string_view text, const std::string& file, std::vector<ManifestLine>* out,
                   std::vector<Problem>* problems) {
  if (!Utf8Text(&text, file, problems)) return;
  const std::vector<std::string_view> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    const size_t number = i + 1;
    if (Trim(line).empty()) continue;
    size_t sep = 0;
    while (sep < line.size() && line[sep] != ' ' && line[sep] != '\t') ++sep;
    size_t path_at = sep;
    while (path_at < line.size() && (line[path_at] == ' ' || line[path_at] == '\t')) ++path_at;
    std::string checksum(line.substr(0, sep));
    bool hex = checksum.size() == 64;
    for (char& c : checksum) {
      if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
      hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
    if (path_at >= line.size()) {
      problems->push_back({"manifest-syntax", file, number, "",
                           At(file, number) + "：应为“校验值 路径”，缺少文件路径"});
      continue;
    }
    if (!hex) {
      problems->push_back({"manifest-syntax", file, number, "",
                           At(file, number) + "：“" + std::string(line.substr(0, std::min<size_t>(sep, 80))) +
                               "” 不是 SHA-256 校验值（应为 64 位十六进制数字）"});
      continue;
    }
    // Only CR, LF and % are percent-encoded in manifest paths (RFC 8493 §2.1.3).
    std::string path;
    const std::string_view raw = line.substr(path_at);
    for (size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] == '%' && k + 2 < raw.size()) {
        const std::string_view code = raw.substr(k + 1, 2);
        if (code == "0A" || code == "0a") {
          path += '\n';
          k += 2;
          continue;
        }
        if (code == "0D" || code == "0d") {
          path += '\r';
          k += 2;
          continue;
        }
        if (code == "25") {
          path += '%';
          k += 2;
          continue;
        }
      }
      path += raw[k];
    }
    out->push_back({std::move(checksum), std::move(path), number});
  }
}

}  // namespace fangzhi::submission
