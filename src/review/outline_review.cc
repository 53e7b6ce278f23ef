// The outline review reuses the checks' machinery: DocContext for the node
// list and each node's text, FindingSink to fill in the finding fields, and
// the required_sections / section_order checks themselves (structural_checks.h)
// with parameters taken from the framework. What is new here is what a
// framework adds: its own level names and depth, entries, duplicates, mixing.
#include "review/outline_review.h"

#include <algorithm>
#include <map>

#include "check/document_context.h"
#include "check/structural_checks.h"

namespace fangzhi::review {

namespace {

using check::Severity;

const OutlineRuleInfo kRules[] = {
    {"OUT-MISSING", Severity::kWarning, "缺少必备部分", "框架要求的部分在稿件的最上层标题中找不到"},
    {"OUT-ORDER", Severity::kWarning, "部分顺序不合", "最上层的部分排在框架规定应在它之后的部分后面"},
    {"OUT-DEPTH", Severity::kWarning, "层级过深", "标题或【】条目的层次超过框架允许的层数"},
    {"OUT-LEVEL", Severity::kWarning, "层级不合", "框架没有的层级、跳过的层级、不低于上一级的层级、条目之下又分层"},
    {"OUT-UNTITLED", Severity::kWarning, "条目无标题", "条目（或其他标题）没有标题文字，或【】之中是空的"},
    {"OUT-DUP-SIBLING", Severity::kWarning, "同级标题重复", "同一上级之下两个标题相同"},
    {"OUT-DUP-BOOK", Severity::kInfo, "全书标题重复", "同一层级的标题在全书另一处已经用过"},
    {"OUT-MIXED", Severity::kWarning, "层级混排", "一个类目（或分目）之下既有下级分目，又有直接挂着的条目"},
};

enum RuleIndex { kMissing, kOrder, kDepth, kLevel, kUntitled, kDupSibling, kDupBook, kMixed, kRuleCount };

// Without ASCII whitespace and ideographic spaces (U+3000) at either end.
std::string Trim(const std::string& s) {
  constexpr std::string_view kIdeoSpace = "\u3000";
  auto space_at = [&](size_t i) { return s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'; };
  size_t b = 0, e = s.size();
  while (b < e) {
    if (space_at(b)) {
      ++b;
    } else if (std::string_view(s).substr(b).starts_with(kIdeoSpace)) {
      b += kIdeoSpace.size();
    } else {
      break;
    }
  }
  while (e > b) {
    if (space_at(e - 1)) {
      --e;
    } else if (std::string_view(s).substr(b, e - b).ends_with(kIdeoSpace)) {
      e -= kIdeoSpace.size();
    } else {
      break;
    }
  }
  return s.substr(b, e - b);
}

std::string JoinLevels(const std::vector<std::string>& levels) {
  std::string out;
  for (const auto& l : levels) out += (out.empty() ? "" : "、") + l;
  return out;
}

std::string Alternatives(const FrameworkPart& p) {
  std::string out = p.name;
  for (const auto& s : p.synonyms) {
    if (s != p.name) out += "|" + s;
  }
  return out;
}

// An entry paragraph's title, or an empty 【】 at the start of a paragraph.
struct EntryRef {
  size_t node = 0;
  size_t segment = 0;
  size_t byte_begin = 0;  // node-text bytes of the title (of "【】" when empty)
  size_t byte_end = 0;
  std::string title;  // empty for an untitled one
};

// 【】 or 【 】 opening a paragraph and followed by text: an entry whose title was left out.
bool EmptyEntryBrackets(std::string_view text, size_t* len) {
  if (!text.starts_with("【")) return false;
  size_t i = 3;
  while (i < text.size() && (text[i] == ' ' || text.compare(i, 3, "\u3000") == 0)) i += text[i] == ' ' ? 1 : 3;
  if (text.compare(i, 3, "】") != 0) return false;
  *len = i + 3;
  return *len < text.size();
}

class OutlineReviewer {
 public:
  OutlineReviewer(const check::DocContext& ctx, const Framework& fw, std::vector<check::Finding>* out)
      : ctx_(ctx), fw_(fw), sink_(ctx, out) {
    for (int r = 0; r < kRuleCount; ++r) {
      check::Rule& rule = rules_[r];
      rule.id = kRules[r].id;
      rule.category = check::Category::kStructure;
      rule.severity = kRules[r].severity;
      rule.message = kRules[r].description;
      rule.source = fw.source;
      rule.file = fw.file;
    }
  }

  void Run() {
    CollectEntries();
    Parts();
    mixed_.assign(ctx_.nodes.size(), false);
    for (size_t i = 0; i < ctx_.nodes.size(); ++i) Mixed(i);
    for (size_t i = 0; i < ctx_.nodes.size(); ++i) {
      Levels(i);
      Untitled(i);
    }
    for (const EntryRef& e : entries_) {
      if (e.title.empty()) {
        sink_.AddBytes(rules_[kUntitled], e.node, e.segment, e.byte_begin, e.byte_end, "【】之中没有条目标题",
                       "在【】中补写条目标题");
      }
      EntryLevels(e);
    }
    Duplicates();
  }

 private:
  const check::NodeInfo& N(size_t i) const { return ctx_.nodes[i]; }
  // A node imported without level names (plain text, 部分): levels are not checked.
  bool Levelless(size_t i) const { return N(i).node->level == "部分" || N(i).node->level.empty(); }
  // Text before the first heading (key "0"), or the one section of a plain
  // text manuscript: a container without a level, not a heading left empty.
  bool IsPreface(size_t i) const { return N(i).parent < 0 && Levelless(i) && Trim(N(i).node->title).empty(); }

  void CollectEntries() {
    entries_of_.assign(ctx_.nodes.size(), {});
    for (size_t i = 0; i < ctx_.nodes.size(); ++i) {
      const check::NodeText& nt = N(i).text;
      for (size_t s = 1; s < nt.segments.size(); ++s) {
        const check::Segment& seg = nt.segments[s];
        if (seg.block_kind != "text" || !seg.checkable) continue;
        EntryRef e;
        e.node = i;
        e.segment = s;
        size_t len = 0;
        if (seg.entry()) {
          e.byte_begin = seg.entry_title_begin;
          e.byte_end = seg.entry_title_end;
          e.title = Trim(nt.text.substr(e.byte_begin, e.byte_end - e.byte_begin));
        } else if (EmptyEntryBrackets(nt.View(seg), &len)) {
          e.byte_begin = seg.byte_begin;
          e.byte_end = seg.byte_begin + len;
        } else {
          continue;
        }
        entries_of_[i].push_back(entries_.size());
        entries_.push_back(std::move(e));
      }
    }
  }

  // Required parts and their order: the checks' own code, the framework's data.
  void Parts() {
    check::Rule& missing = rules_[kMissing];
    check::Rule& order = rules_[kOrder];
    std::vector<std::string> required, ordered;
    for (const FrameworkPart& p : fw_.parts) {
      if (p.catch_all) continue;
      ordered.push_back(Alternatives(p));
      if (p.required) required.push_back(Alternatives(p));
    }
    missing.params["required"] = required;
    missing.message = "框架《" + fw_.title + "》（" + fw_.file + "）要求设此部分";
    order.params["order"] = ordered;
    order.message = "框架《" + fw_.title + "》（" + fw_.file + "）规定的顺序是 " + PartNames();
    check::FindStructuralCheck("required_sections")->run(missing, &sink_);
    // A required catch-all part (the 专志 of a gazetteer) is there when some
    // top-level title belongs to no other part.
    for (size_t p = 0; p < fw_.parts.size(); ++p) {
      if (!fw_.parts[p].catch_all || !fw_.parts[p].required) continue;
      bool found = false;
      for (size_t i = 0; i < ctx_.nodes.size(); ++i) {
        found = found || (N(i).parent < 0 && !IsPreface(i) && fw_.PartOf(N(i).node->title) == static_cast<int>(p));
      }
      if (!found) {
        sink_.AddBook(missing, fw_.parts[p].name,
                      "缺少必备部分“" + fw_.parts[p].name + "”（" + fw_.parts[p].note + "）：" + missing.message);
      }
    }
    check::FindStructuralCheck("section_order")->run(order, &sink_);
  }

  std::string PartNames() const {
    std::string out;
    for (const FrameworkPart& p : fw_.parts) out += (out.empty() ? "" : "、") + p.name;
    return out;
  }

  // Children of `i` that are sections (not entries) and entries, by level name.
  void ChildKinds(size_t i, bool* sections, bool* entries) const {
    *sections = *entries = false;
    for (size_t c = i + 1; c < ctx_.nodes.size() && N(c).depth > N(i).depth; ++c) {
      if (N(c).parent != static_cast<int>(i) || Levelless(c)) continue;
      (N(c).node->level == fw_.entry_level ? *entries : *sections) = true;
    }
    if (!entries_of_[i].empty()) *entries = true;
  }

  void Mixed(size_t i) {
    if (N(i).node->level == fw_.entry_level) return;
    bool sections = false, entries = false;
    ChildKinds(i, &sections, &entries);
    if (!sections || !entries) return;
    mixed_[i] = true;
    std::string section_name, section_level, entry_name;
    for (size_t c = i + 1; c < ctx_.nodes.size() && N(c).depth > N(i).depth; ++c) {
      if (N(c).parent != static_cast<int>(i) || Levelless(c)) continue;
      const bool entry = N(c).node->level == fw_.entry_level;
      std::string& name = entry ? entry_name : section_name;
      if (name.empty()) name = N(c).node->level + "“" + N(c).node->title + "”";
      if (!entry && section_level.empty()) section_level = N(c).node->level;
    }
    if (entry_name.empty()) entry_name = "【" + entries_[entries_of_[i].front()].title + "】条目";
    sink_.AddTitle(rules_[kMixed], i,
                   N(i).node->level + "“" + N(i).node->title + "”之下既有" + section_name + "等下级标题，又有直接挂在其下的" +
                       entry_name + "：同一层次应一律分设下级，或一律只列条目",
                   "把直接挂着的条目归入相应的" + section_level + "，或另设一个" + section_level);
  }

  // Levels strictly between two level indexes that may not be skipped.
  std::string SkippedLevels(int from, int to) const {
    std::string out;
    for (int l = from + 1; l < to; ++l) {
      if (!fw_.IsOptionalLevel(fw_.levels[static_cast<size_t>(l)])) out += (out.empty() ? "" : "、") + fw_.levels[static_cast<size_t>(l)];
    }
    return out;
  }

  void Levels(size_t i) {
    const check::NodeInfo& n = N(i);
    const std::string& level = n.node->level;
    const int depth = n.depth + 1;
    if (depth > fw_.max_depth) {
      sink_.AddTitle(rules_[kDepth], i,
                     "“" + n.node->title + "”在第 " + std::to_string(depth) + " 层，超过框架《" + fw_.title + "》允许的 " +
                         std::to_string(fw_.max_depth) + " 层（" + JoinLevels(fw_.levels) + "）");
    }
    if (Levelless(i)) return;
    const int idx = fw_.LevelIndex(level);
    if (idx < 0) {
      sink_.AddTitle(rules_[kLevel], i,
                     "层级“" + level + "”不在框架《" + fw_.title + "》的层级（" + JoinLevels(fw_.levels) + "）之中");
      return;
    }
    if (level == fw_.entry_level && !n.node->children.empty()) {
      sink_.AddTitle(rules_[kLevel], i, level + "“" + n.node->title + "”之下还有下级标题：" + level + "是最小的记述单元，不再分层");
    }
    if (n.parent < 0) {
      const std::string skipped = SkippedLevels(-1, idx);
      if (!skipped.empty()) {
        sink_.AddTitle(rules_[kLevel], i, level + "“" + n.node->title + "”在最上层，上面缺少" + skipped + "一级");
      }
      return;
    }
    const size_t p = static_cast<size_t>(n.parent);
    if (Levelless(p)) return;
    const int pidx = fw_.LevelIndex(N(p).node->level);
    if (pidx < 0) return;  // the parent was reported
    if (idx <= pidx) {
      sink_.AddTitle(rules_[kLevel], i,
                     level + "“" + n.node->title + "”放在" + N(p).node->level + "“" + N(p).node->title + "”之下，应低于上一级");
      return;
    }
    if (mixed_[p] && level == fw_.entry_level) return;  // reported once, as OUT-MIXED
    const std::string skipped = SkippedLevels(pidx, idx);
    if (!skipped.empty()) {
      sink_.AddTitle(rules_[kLevel], i,
                     level + "“" + n.node->title + "”直接放在" + N(p).node->level + "“" + N(p).node->title + "”之下，跳过了" +
                         skipped);
    }
  }

  void EntryLevels(const EntryRef& e) {
    const check::NodeInfo& n = N(e.node);
    const std::string label = e.title.empty() ? "无标题的【】条目" : "条目【" + e.title + "】";
    if (n.node->level == fw_.entry_level) {
      sink_.AddBytes(rules_[kLevel], e.node, e.segment, e.byte_begin, e.byte_end,
                     fw_.entry_level + "“" + n.node->title + "”之中又有" + label + "：条目之下不再分条");
      return;
    }
    const int depth = n.depth + 2;
    if (depth > fw_.max_depth) {
      sink_.AddBytes(rules_[kDepth], e.node, e.segment, e.byte_begin, e.byte_end,
                     label + "在第 " + std::to_string(depth) + " 层，超过框架《" + fw_.title + "》允许的 " +
                         std::to_string(fw_.max_depth) + " 层");
      return;
    }
    // Entries right under a 类目 skip its 分目 (once per node; mixing is OUT-MIXED).
    if (Levelless(e.node) || mixed_[e.node] || entries_of_[e.node].front() != static_cast<size_t>(&e - entries_.data())) return;
    const int pidx = fw_.LevelIndex(n.node->level);
    if (pidx < 0) return;
    const std::string skipped = SkippedLevels(pidx, fw_.LevelIndex(fw_.entry_level));
    if (!skipped.empty()) {
      sink_.AddBytes(rules_[kLevel], e.node, e.segment, e.byte_begin, e.byte_end,
                     n.node->level + "“" + n.node->title + "”之下直接是【】条目，跳过了" + skipped);
    }
  }

  void Untitled(size_t i) {
    if (IsPreface(i) || !Trim(N(i).node->title).empty()) return;
    const std::string& level = N(i).node->level;
    sink_.AddTitle(rules_[kUntitled], i,
                   (level.empty() || level == "部分" ? std::string("标题") : level) + "没有标题文字（" + N(i).citation + "）",
                   "补写标题");
  }

  struct Titled {
    std::string title;
    std::string level;
    int parent;          // node index of the parent; -1 top level
    size_t node;         // the node itself, or the node holding the entry
    const EntryRef* entry;  // non-null for a 【】 entry
    std::string where;   // citation path, with #pN for entries
  };

  void Report(check::Rule& rule, const Titled& t, std::string message) {
    if (t.entry) {
      sink_.AddBytes(rule, t.node, t.entry->segment, t.entry->byte_begin, t.entry->byte_end, std::move(message));
    } else {
      sink_.AddTitle(rule, t.node, std::move(message));
    }
  }

  void Duplicates() {
    std::vector<Titled> all;
    for (size_t i = 0; i < ctx_.nodes.size(); ++i) {
      const std::string title = Trim(N(i).node->title);
      if (!title.empty()) all.push_back({title, N(i).node->level, N(i).parent, i, nullptr, N(i).citation});
      for (size_t e : entries_of_[i]) {
        const EntryRef& ref = entries_[e];
        if (ref.title.empty()) continue;
        const int para = N(i).text.segments[ref.segment].para;
        all.push_back({ref.title, fw_.entry_level, static_cast<int>(i), i, &ref,
                       N(i).citation + "#p" + std::to_string(para)});
      }
    }
    std::map<std::pair<int, std::string>, size_t> sibling_first;
    std::map<std::pair<std::string, std::string>, size_t> book_first;
    for (size_t k = 0; k < all.size(); ++k) {
      const Titled& t = all[k];
      auto [sit, sfresh] = sibling_first.emplace(std::make_pair(t.parent, t.title), k);
      if (!sfresh) {
        Report(rules_[kDupSibling], t,
               "标题“" + t.title + "”与同一上级之下的 " + all[sit->second].where + " 重名");
        continue;
      }
      auto [bit, bfresh] = book_first.emplace(std::make_pair(t.level, t.title), k);
      if (!bfresh) {
        Report(rules_[kDupBook], t,
               t.level + "标题“" + t.title + "”在全书已用于 " + all[bit->second].where + "（" +
                   (all[bit->second].parent < 0 ? std::string("最上层") : "“" + N(static_cast<size_t>(all[bit->second].parent)).node->title + "”之下") +
                   "）：请用更具体的标题以便检索和索引");
      }
    }
  }

  const check::DocContext& ctx_;
  const Framework& fw_;
  check::FindingSink sink_;
  check::Rule rules_[kRuleCount];
  std::vector<EntryRef> entries_;
  std::vector<std::vector<size_t>> entries_of_;
  std::vector<bool> mixed_;
};

}  // namespace

const std::vector<OutlineRuleInfo>& OutlineRules() {
  static const std::vector<OutlineRuleInfo> kAll(std::begin(kRules), std::end(kRules));
  return kAll;
}

Status ReviewOutline(const model::Document& doc, const Framework& framework, const OutlineOptions& options,
                     std::vector<check::Finding>* out) {
  const model::Edition* edition = options.edition.empty() ? doc.BaseEdition() : doc.FindEdition(options.edition);
  if (edition == nullptr) {
    return Status::NotFound(doc.work.id + " 没有版本 " + (options.edition.empty() ? "（空）" : options.edition));
  }
  check::DocContext ctx;
  BuildDocContext(doc, *edition, framework.id == "gazetteer" ? "gazetteer" : "yearbook", &ctx);
  std::vector<check::Finding> findings;
  OutlineReviewer(ctx, framework, &findings).Run();
  std::stable_sort(findings.begin(), findings.end(), [](const check::Finding& a, const check::Finding& b) {
    const size_t na = a.node == static_cast<size_t>(-1) ? 0 : a.node + 1;
    const size_t nb = b.node == static_cast<size_t>(-1) ? 0 : b.node + 1;
    if (na != nb) return na < nb;
    return a.start < b.start;
  });
  *out = std::move(findings);
  return Status::Ok();
}

}  // namespace fangzhi::review
