#include "server/templates.h"

#include <algorithm>
#include <vector>

namespace fangzhi::server {

Templates::Templates() : cache_(std::make_unique<ctemplate::TemplateCache>()) {}
Templates::~Templates() = default;

Status Templates::Load(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Status::IoError("找不到网页模板目录 " + dir.string() + "（用 --web 指定 web/ 目录）");
  }
  cache_->SetTemplateRootDirectory(dir.string());
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".tpl") names.push_back(entry.path().filename().string());
  }
  if (ec) return Status::IoError("读取模板目录 " + dir.string() + " 失败：" + ec.message());
  if (std::find(names.begin(), names.end(), "layout.tpl") == names.end()) {
    return Status::IoError("模板目录 " + dir.string() + " 中没有 layout.tpl");
  }
  for (const std::string& n : names) {
    if (!cache_->LoadTemplate(n, ctemplate::STRIP_BLANK_LINES)) {
      return Status::Corruption("模板 " + (dir / n).string() + " 无法解析（ctemplate 语法错误）");
    }
  }
  cache_->Freeze();
  return Status::Ok();
}

std::string Templates::RenderPage(const std::string& page, ctemplate::TemplateDictionary* dict) const {
  // Two expansions, because a ctemplate include does not see its parent's
  // variables: the page first, then the layout around it.
  std::string body;
  std::string out;
  if (!cache_->ExpandNoLoad(page, ctemplate::STRIP_BLANK_LINES, dict, nullptr, &body)) {
    return "<!doctype html><meta charset=utf-8><title>500</title><p>页面模板 " + page + " 缺失。";
  }
  dict->SetValue("BODY", body);
  if (!cache_->ExpandNoLoad("layout.tpl", ctemplate::STRIP_BLANK_LINES, dict, nullptr, &out)) {
    // Only a template missing from the folder at start can get here.
    return "<!doctype html><meta charset=utf-8><title>500</title><p>页面模板 " + page + " 缺失。";
  }
  return out;
}

}  // namespace fangzhi::server
