#include <iostream>

#include "cli/commands.h"
#include "cli/json_views.h"
#include "model/citation.h"

namespace fangzhi::cli {
namespace {

// A node's text for a terminal: paragraphs apart, notes in （）, page
// anchors as 〔1a〕 where the page begins.
std::string RenderNode(const model::Node& n) {
  std::string out;
  int para = -1;
  for (const model::Block& b : n.blocks) {
    if (b.kind == model::BlockKind::kRemark) continue;
    if (b.para != para && para != -1) out += "\n\n";
    para = b.para;
    switch (b.kind) {
      case model::BlockKind::kPage: {
        auto it = b.attrs.find("page");
        out += "〔" + (it != b.attrs.end() ? it->second : b.attrs.count("ref") ? b.attrs.at("ref") : "") + "〕";
        break;
      }
      case model::BlockKind::kNote:
        out += "（" + b.text + "）";
        break;
      case model::BlockKind::kFootnote:
        out += "[^" + (b.attrs.count("label") ? b.attrs.at("label") : "") + "] " + b.text;
        break;
      default:
        out += b.text;
    }
  }
  if (!out.empty()) out += "\n";
  return out;
}

}  // namespace

int RunShow(const CommandLine& cl) {
  if (cl.args.size() != 1) return Fail(Status::InvalidInput("show 需要一个参数：作品编号或 作品/路径"));
  model::CitationPath cite;
  if (!model::ParseCitationPath(cl.args.front(), &cite)) {
    return Fail(Status::InvalidInput("“" + cl.args.front() + "” 不是合法的 作品[/路径]"));
  }
  std::unique_ptr<store::Library> lib;
  Status s = OpenLibrary(cl, &lib);
  if (!s.ok()) return Fail(s);
  store::WorkSummary work;
  s = lib->GetWork(cite.work, &work);
  if (!s.ok()) return Fail(s);
  const std::string edition = cl.Value("--edition");
  const bool json = cl.Has("--json");

  if (cite.node_path.empty()) {
    std::vector<store::NodeSummary> nodes;
    s = lib->ListNodes(cite.work, edition, &nodes);
    if (!s.ok()) return Fail(s);
    std::string ed = edition;
    if (ed.empty()) {
      for (const auto& e : work.editions) if (e.base) ed = e.id;
    }
    if (json) {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& n : nodes) arr.push_back(NodeSummaryJson(n));
      std::cout << nlohmann::json{{"work", WorkJson(work)}, {"edition", ed}, {"nodes", std::move(arr)}}.dump(2) << "\n";
      return kExitOk;
    }
    std::cout << "《" << work.work.title << "》 " << work.work.id << "　版本 " << ed << "\n";
    for (const auto& n : nodes) {
      std::cout << std::string(static_cast<size_t>(n.depth) * 2, ' ') << n.path << "  " << n.level;
      const std::string& name = n.title.empty() ? n.label : n.title;
      if (!name.empty()) std::cout << "  " << name;
      std::cout << "  （" << n.han_count << " 字）\n";
    }
    return kExitOk;
  }

  model::Node node;
  s = lib->LoadNode(cite.work, edition, cite.node_path, &node);
  if (!s.ok()) return Fail(s);
  if (json) {
    nlohmann::json blocks = nlohmann::json::array();
    for (const auto& b : node.blocks) {
      if (cite.paragraph == 0 || b.para == cite.paragraph) blocks.push_back(BlockJson(b));
    }
    nlohmann::json children = nlohmann::json::array();
    for (const auto& c : node.children) {
      children.push_back({{"key", c.key}, {"path", cite.node_path + "/" + c.key}, {"level", c.level},
                          {"title", c.title}, {"label", c.label}});
    }
    std::cout << nlohmann::json{{"work", cite.work}, {"path", cite.node_path}, {"level", node.level},
                                {"title", node.title}, {"label", node.label}, {"blocks", std::move(blocks)},
                                {"children", std::move(children)}}
                     .dump(2)
              << "\n";
    return kExitOk;
  }
  if (cite.paragraph > 0) {
    std::erase_if(node.blocks, [&](const model::Block& b) { return b.para != cite.paragraph; });
    if (node.blocks.empty()) {
      return Fail(Status::NotFound(cl.args.front() + "：没有第 " + std::to_string(cite.paragraph) + " 段"));
    }
  }
  const std::string& name = node.title.empty() ? node.label : node.title;
  std::cout << "【" << cite.node_path << (name.empty() ? "" : " " + name) << "】\n" << RenderNode(node);
  for (const auto& c : node.children) {
    std::cout << "  → " << cite.node_path << "/" << c.key << "  " << c.level << "  "
              << (c.title.empty() ? c.label : c.title) << "\n";
  }
  return kExitOk;
}

}  // namespace fangzhi::cli
