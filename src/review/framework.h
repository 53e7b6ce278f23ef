// A framework (篇目框架): the parts a kind of book has, in order, and the
// levels its outline may use. Frameworks are data (frameworks/*.yaml), so
// that an office can review against its own without a rebuild:
//
//   Framework fw;
//   FZ_RETURN_IF_ERROR(ResolveFramework("yearbook", &fw));   // or a file path
//
// The builtin ones (yearbook, gazetteer) are compiled in from
// frameworks/yearbook.yaml and frameworks/gazetteer.yaml.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace fangzhi::review {

// One part of the book as the framework orders it: 大事记, 概况 …
struct FrameworkPart {
  std::string name;                   // 概况
  std::vector<std::string> synonyms;  // 概览, 县情 … (a title containing one of these, or the name, is this part)
  bool required = false;              // missing → OUT-MISSING
  // The part that takes every top-level title no other part claims (百科部类
  // in a yearbook, the 专志 of a gazetteer). At most one per framework.
  bool catch_all = false;
  std::string note;  // why it is there, the clause it comes from
  int line = 0;      // in the framework file
};

struct Framework {
  std::string id;       // "yearbook", "gazetteer", or the file's own id
  std::string title;    // 地方综合年鉴
  std::string source;   // the regulation the framework follows
  std::string file;     // where it was read from ("frameworks/yearbook.yaml" for builtins)
  int version = 1;
  // Level names allowed in the outline, top-down: 类目, 分目, 子目, 条目.
  std::vector<std::string> levels;
  // Levels that may be left out without that being a skip (子目).
  std::vector<std::string> optional_levels;
  // The smallest unit (条目, 目): must have a title, has no sub-headings. A
  // 【标题】正文 paragraph is an entry one level below its node.
  std::string entry_level;
  int max_depth = 4;  // levels counted from the top, entries included
  std::vector<FrameworkPart> parts;

  // Index in `parts` of the part a top-level heading belongs to: the first part
  // whose name or a synonym the title equals, else the first one the title
  // contains, else the catch-all part; -1 when none.
  int PartOf(const std::string& heading) const;
  // Index of `level` in `levels`, -1 when the framework does not allow it.
  int LevelIndex(const std::string& level) const;
  bool IsOptionalLevel(const std::string& level) const;
};

// "yearbook" (年鉴) or "gazetteer" (志书).
std::vector<std::string> BuiltinFrameworkNames();
Status BuiltinFramework(std::string_view name, Framework* out);

// Reads a framework file. Errors name the file and line:
// "my.yaml 第 7 行：parts 的第 3 项缺少 name".
Status LoadFramework(const std::string& path, Framework* out);
Status ParseFramework(std::string_view yaml, const std::string& file, Framework* out);

// A builtin name, 年鉴/志书, or a path to a framework file. An unknown name
// that is not a file is InvalidInput naming the builtin ones.
Status ResolveFramework(const std::string& name_or_path, Framework* out);

}  // namespace fangzhi::review
