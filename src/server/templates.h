// The page templates under web/templates, through Google's ctemplate: each
// template declares {{%AUTOESCAPE context="HTML"}}, so every variable is
// escaped for where it lands (text, attribute, URL, script) unless a
// template says :none — reserved for markup C++ code built with escape.h.
#pragma once

#include <ctemplate/template.h>

#include <filesystem>
#include <memory>
#include <string>

#include "base/status.h"

namespace fangzhi::server {

class Templates {
 public:
  Templates();
  ~Templates();

  // Loads and checks every *.tpl in `dir`, then freezes the cache: pages are
  // expanded from memory, never re-read per request.
  Status Load(const std::filesystem::path& dir);

  // Expands `page` (a file name in the folder), then layout.tpl around it
  // ({{BODY:none}}). `dict` holds the variables of both; the layout reads
  // TITLE, CANONICAL and the like.
  std::string RenderPage(const std::string& page, ctemplate::TemplateDictionary* dict) const;

 private:
  std::unique_ptr<ctemplate::TemplateCache> cache_;
};

}  // namespace fangzhi::server
