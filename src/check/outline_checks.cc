// The outline (篇目): levels in order, the 类目 a yearbook must have, their
// order, empty headings, the period a yearbook covers.
#include <algorithm>
#include <set>

#include "check/structural_checks.h"

namespace fangzhi::check {

namespace {

// Rank of a level name within the book's kind, 0 when it has none (部分).
int LevelRank(const std::string& level, bool has_sub_entries) {
  if (level == "类目" || level == "篇") return 1;
  if (level == "分目" || level == "章") return 2;
  if (level == "子目" || level == "节") return 3;
  if (level == "条目") return has_sub_entries ? 4 : 3;
  if (level == "目") return 4;
  return 0;
}

// Index of the first group whose alternatives ("概况|概览") one appears in `title`.
int GroupOf(const std::string& title, const std::vector<std::string>& groups) {
  for (size_t g = 0; g < groups.size(); ++g) {
    size_t pos = 0;
    const std::string& alts = groups[g];
    while (pos <= alts.size()) {
      size_t bar = alts.find('|', pos);
      if (bar == std::string::npos) bar = alts.size();
      const std::string alt = alts.substr(pos, bar - pos);
      if (!alt.empty() && title.find(alt) != std::string::npos) return static_cast<int>(g);
      pos = bar + 1;
    }
  }
  return -1;
}

std::string FirstAlternative(const std::string& alts) { return alts.substr(0, alts.find('|')); }

}  // namespace

void CheckOutlineLevels(const Rule& rule, FindingSink* sink) {
  const DocContext& ctx = sink->ctx();
  const int min_levels = ParamInt(rule, "min_levels", 3);
  const int max_levels = ParamInt(rule, "max_levels", 4);
  bool has_sub = false;
  for (const auto& n : ctx.nodes) has_sub = has_sub || n.node->level == "子目";
  int deepest = 0;
  bool any_ranked = false;
  for (size_t i = 0; i < ctx.nodes.size(); ++i) {
    const NodeInfo& n = ctx.nodes[i];
    if (!RuleAppliesToNode(rule, n)) continue;
    const int rank = LevelRank(n.node->level, has_sub);
    if (rank == 0) continue;
    any_ranked = true;
    // 【条目标题】正文 paragraphs are entries one level below their node.
    bool has_entries = false;
    for (const auto& s : n.text.segments) has_entries = has_entries || s.entry();
    deepest = std::max(deepest, has_entries ? rank + 1 : rank);
    if (n.parent < 0) {
      if (rank != 1) {
        sink->AddTitle(rule, i, "“" + n.node->title + "”是" + n.node->level + "，却在最上层：上面缺少" +
                                    (ctx.kind == "gazetteer" ? "篇" : "类目") + "一级");
      }
    } else {
      const NodeInfo& p = ctx.nodes[static_cast<size_t>(n.parent)];
      const int prank = LevelRank(p.node->level, has_sub);
      if (prank != 0 && rank != prank + 1) {
        sink->AddTitle(rule, i, "层级不合：" + n.node->level + "“" + n.node->title + "”直接放在" + p.node->level + "“" +
                                    p.node->title + "”之下，跳过了中间一级");
      }
    }
    if (n.node->level == "条目" && !n.node->children.empty()) {
      sink->AddTitle(rule, i, "条目“" + n.node->title + "”之下还有下级标题：条目是最小的记述单元，不再分层");
    }
    if (rank > max_levels) {
      sink->AddTitle(rule, i, "层级超过 " + std::to_string(max_levels) + " 层");
    }
  }
  if (any_ranked && ctx.kind == "yearbook" && deepest < min_levels) {
    sink->AddBook(rule, "", "全书只有 " + std::to_string(deepest) + " 层，年鉴应设类目、分目、条目 " +
                                std::to_string(min_levels) + "~" + std::to_string(max_levels) + " 层");
  }
}

void CheckRequiredSections(const Rule& rule, FindingSink* sink) {
  const DocContext& ctx = sink->ctx();
  const auto required = ParamList(rule, "required", {"大事记", "概况|概览", "附录"});
  std::vector<std::string> tops;
  for (const auto& n : ctx.nodes) {
    if (n.parent < 0) tops.push_back(n.node->title);
  }
  for (const std::string& group : required) {
    bool found = false;
    for (const auto& t : tops) found = found || GroupOf(t, {group}) == 0;
    if (!found) {
      std::string alts = group;
      std::replace(alts.begin(), alts.end(), '|', '/');
      sink->AddBook(rule, FirstAlternative(group), "缺少必备类目“" + alts + "”：" + rule.message);
    }
  }
}

void CheckSectionOrder(const Rule& rule, FindingSink* sink) {
  const DocContext& ctx = sink->ctx();
  const auto order = ParamList(rule, "order", {"特载|专记|专文", "大事记", "概况|概览", "乡镇|街道|下级政区", "人物", "附录", "索引"});
  int max_group = -1;
  std::string max_title;
  for (size_t i = 0; i < ctx.nodes.size(); ++i) {
    const NodeInfo& n = ctx.nodes[i];
    if (n.parent >= 0) continue;
    const int g = GroupOf(n.node->title, order);
    if (g < 0) continue;
    if (g < max_group) {
      sink->AddTitle(rule, i, "类目顺序：“" + n.node->title + "”应排在“" + max_title + "”之前：" + rule.message);
    } else {
      max_group = g;
      max_title = n.node->title;
    }
  }
}

void CheckEmptySections(const Rule& rule, FindingSink* sink) {
  const DocContext& ctx = sink->ctx();
  for (size_t i = 0; i < ctx.nodes.size(); ++i) {
    const NodeInfo& n = ctx.nodes[i];
    if (!RuleAppliesToNode(rule, n)) continue;
    if (n.node->title.empty() || !n.node->children.empty()) continue;
    bool has_text = false;
    for (size_t s = 1; s < n.text.segments.size(); ++s) {
      has_text = has_text || n.text.segments[s].byte_end > n.text.segments[s].byte_begin;
    }
    if (!has_text) sink->AddTitle(rule, i);
  }
}

void CheckMissingPeriod(const Rule& rule, FindingSink* sink) {
  const DocContext& ctx = sink->ctx();
  if (ctx.period_last_year != 0) return;
  // How to give it depends on what the manuscript is: a Word or plain-text
  // file has no metadata block to add a line to.
  std::string where, how;
  if (ctx.input_format == "markdown") {
    where = "Markdown 稿写在前置元数据中";
    how = "在稿件开头的前置元数据（--- 之间）加一行 period: 2024，或检查时加 --period 2024";
  } else if (ctx.input_format == "docx" || ctx.input_format == "text") {
    const std::string type = ctx.input_format == "docx" ? "Word 稿件" : "纯文本稿件";
    where = type + "没有前置元数据，请用 --period 或办公室配置的 period 给出";
    how = "检查时加 --period 2024，或在办公室配置（--config）中写 period = 2024（TOML）或 period: 2024（YAML）；"
          "书名" + std::string(ctx.input_format == "docx" ? "" : "（文件名）") + "写作“××年鉴（2025）”时自动取 2024";
  } else {
    where = "写在作品的元数据中，或用 --period 给出";
    how = "在作品的元数据中写明 period，或检查时加 --period 2024";
  }
  const std::string& given = ctx.doc->work.period;
  std::string message = rule.message + "；" + where;
  if (!given.empty()) message = "断限 “" + given + "” 中没有四位数的年份：" + message;
  sink->AddBook(rule, given, message, how);
}

}  // namespace fangzhi::check
