#include "formats/plain_text_importer.h"

#include "formats/text_file.h"
#include "model/citation.h"

#include <cctype>

namespace fangzhi::formats {

std::string WorkIdFromFileName(const std::filesystem::path& file) {
  std::string id = file.stem().string();
  for (char& c : id) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && !std::isalnum(u) && c != '-' && c != '_' && c != '.') c = '-';
  }
  while (!id.empty() && id.front() == '.') id.erase(0, 1);
  return id;
}

namespace {
// Spaces, tabs and ideographic spaces only.
bool IsBlankLine(std::string_view line) {
  while (!line.empty()) {
    if (line.front() == ' ' || line.front() == '\t') {
      line.remove_prefix(1);
    } else if (line.starts_with("\xE3\x80\x80")) {
      line.remove_prefix(3);
    } else {
      return false;
    }
  }
  return true;
}
}  // namespace

Status ImportPlainText(const std::filesystem::path& file, model::Document* doc) {
  std::string content;
  FZ_RETURN_IF_ERROR(ReadUtf8File(file, &content));
  model::Node node;
  node.key = "1";
  node.level = "部分";
  // Paragraphs are runs of non-blank lines; a line of only spaces is blank.
  std::string para;
  int n = 0;
  auto flush = [&] {
    if (para.empty()) return;
    model::Block b;
    b.kind = model::BlockKind::kText;
    b.para = ++n;
    b.text = std::move(para);
    node.blocks.push_back(std::move(b));
    para.clear();
  };
  size_t pos = 0;
  while (pos <= content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string::npos) nl = content.size();
    std::string line = content.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (IsBlankLine(line)) {
      flush();
    } else {
      if (!para.empty()) para += '\n';
      para += line;
    }
    if (nl == content.size()) break;
  }
  flush();
  if (node.blocks.empty()) {
    return Status::InvalidInput(file.string() + "：文件为空，没有可导入的正文");
  }
  model::Document d;
  d.work.id = WorkIdFromFileName(file);
  if (!model::IsValidWorkId(d.work.id)) {
    return Status::InvalidInput(file.string() + "：无法从文件名得到作品编号，请改用字母、数字或汉字命名");
  }
  d.work.title = file.stem().string();
  d.work.source = file.filename().string();
  model::Edition e;
  e.id = "v1";
  e.label = "第1稿";
  e.base = true;
  e.nodes.push_back(std::move(node));
  d.editions.push_back(std::move(e));
  d.sources.push_back({"v1", file.filename().string(), content.size()});
  *doc = std::move(d);
  return Status::Ok();
}

}  // namespace fangzhi::formats
