// Building small documents for rule examples and engine tests.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "check/checker.h"
#include "check/rule.h"
#include "formats/manuscript_markdown.h"
#include "model/document.h"
#include "test_util.h"

namespace fangzhi::check::testing {

// A yearbook (类目 > 分目 > 条目) or gazetteer (篇 > 章 > 节) with one entry
// whose title and paragraphs are given.
inline model::Document MakeDoc(const std::string& kind, const std::string& entry_title,
                               const std::vector<std::string>& paragraphs) {
  model::Document d;
  d.work.id = "example";
  d.work.title = "示例县年鉴（2025）";
  d.work.kind = kind == "gazetteer" ? model::kKindGazetteer : model::kKindYearbook;
  d.work.place_name = "示例县";
  d.work.period = "2024";
  model::Edition e;
  e.id = "v1";
  e.base = true;
  const bool yb = kind != "gazetteer";
  model::Node entry;
  entry.key = "1";
  entry.level = yb ? "条目" : "节";
  entry.title = entry_title;
  int para = 0;
  for (const auto& p : paragraphs) {
    model::Block b;
    b.kind = model::BlockKind::kText;
    b.para = ++para;
    b.text = p;
    entry.blocks.push_back(b);
  }
  model::Node sub;
  sub.key = "1";
  sub.level = yb ? "分目" : "章";
  sub.title = "示例分目";
  sub.children.push_back(entry);
  model::Node top;
  top.key = "1";
  top.level = yb ? "类目" : "篇";
  top.title = "示例类目";
  top.children.push_back(sub);
  e.nodes.push_back(top);
  d.editions.push_back(e);
  return d;
}

// A whole manuscript from a Markdown body (front matter added unless the
// body brings its own).
inline Status MarkdownDoc(const std::string& kind, const std::string& body, model::Document* out) {
  fangzhi::testing::TempDir dir;
  const auto path = dir / "example.md";
  if (body.starts_with("---\n")) {
    fangzhi::testing::WriteFile(path, body);
    return formats::ImportManuscriptMarkdown(path, out);
  }
  fangzhi::testing::WriteFile(path, std::string("---\ntitle: 示例县年鉴（2025）\nkind: ") +
                                        (kind == "gazetteer" ? "志书" : "年鉴") +
                                        "\nid: example\nregion: 示例县\nperiod: 2024\n---\n\n" + body + "\n");
  return formats::ImportManuscriptMarkdown(path, out);
}

inline std::vector<Finding> OfRule(const std::vector<Finding>& all, const std::string& rule) {
  std::vector<Finding> out;
  for (const auto& f : all) {
    if (f.rule == rule) out.push_back(f);
  }
  return out;
}

}  // namespace fangzhi::check::testing
