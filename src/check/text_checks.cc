// Checks over a node's text that a pattern cannot express: paired marks,
// a table column's decimals, foreign abbreviations explained on first use.
// (Dates: date_checks.cc.)
#include <algorithm>
#include <map>
#include <set>

#include "check/enclosures.h"
#include "check/structural_checks.h"
#include "text/han.h"
#include "text/utf8.h"

namespace fangzhi::check {

namespace {

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Decimal places of a numeric cell ("12.60", "-3", "45.1%"), or -1 when the
// cell is not a number.
int Decimals(std::string_view cell) {
  while (!cell.empty() && (cell.front() == ' ')) cell.remove_prefix(1);
  while (!cell.empty() && (cell.back() == ' ')) cell.remove_suffix(1);
  if (!cell.empty() && cell.back() == '%') cell.remove_suffix(1);
  if (!cell.empty() && (cell.front() == '-' || cell.front() == '+')) cell.remove_prefix(1);
  if (cell.empty() || !IsAsciiDigit(cell.front())) return -1;
  size_t i = 0;
  while (i < cell.size() && IsAsciiDigit(cell[i])) ++i;
  if (i == cell.size()) return 0;
  if (cell[i] != '.') return -1;
  const size_t dot = i++;
  while (i < cell.size() && IsAsciiDigit(cell[i])) ++i;
  return i == cell.size() && i > dot + 1 ? static_cast<int>(i - dot - 1) : -1;
}

}  // namespace

void CheckPairedMarks(const Rule& rule, FindingSink* sink) {
  const DocContext& ctx = sink->ctx();
  for (size_t n = 0; n < ctx.nodes.size(); ++n) {
    const NodeInfo& node = ctx.nodes[n];
    if (!RuleAppliesToNode(rule, node)) continue;
    for (size_t s = 0; s < node.text.segments.size(); ++s) {
      const Segment& seg = node.text.segments[s];
      if (!SegmentInScope(rule, seg)) continue;
      for (const UnpairedMark& m : FindUnpairedMarks(node.text.View(seg))) {
        sink->AddBytes(rule, n, s, seg.byte_begin + m.begin, seg.byte_begin + m.end,
                       m.opening ? "成对的标点只有前半：" + rule.message : "成对的标点只有后半：" + rule.message);
      }
    }
  }
}

void CheckTableDecimals(const Rule& rule, FindingSink* sink) {
  const DocContext& ctx = sink->ctx();
  for (size_t n = 0; n < ctx.nodes.size(); ++n) {
    const NodeInfo& node = ctx.nodes[n];
    if (!RuleAppliesToNode(rule, node)) continue;
    for (size_t s = 1; s < node.text.segments.size(); ++s) {
      const Segment& seg = node.text.segments[s];
      if (seg.block_kind != "table") continue;
      const model::Block& block = node.node->blocks[seg.block];
      struct Cell {
        size_t begin, end;  // node-text bytes
        std::string text;
      };
      std::vector<std::vector<Cell>> rows;
      const std::string_view v = node.text.View(seg);
      size_t row_start = 0;
      while (row_start <= v.size()) {
        size_t row_end = v.find('\n', row_start);
        if (row_end == std::string_view::npos) row_end = v.size();
        std::vector<Cell> row;
        size_t c = row_start;
        while (c <= row_end) {
          size_t tab = v.find('\t', c);
          if (tab == std::string_view::npos || tab > row_end) tab = row_end;
          row.push_back({seg.byte_begin + c, seg.byte_begin + tab, std::string(v.substr(c, tab - c))});
          c = tab + 1;
        }
        rows.push_back(std::move(row));
        row_start = row_end + 1;
      }
      if (rows.empty()) continue;
      const bool header = block.attrs.count("header") ? block.attrs.at("header") == "1" : Decimals(rows[0].back().text) < 0;
      // A 单位 column: compare only rows with the same unit.
      int unit_col = -1;
      if (header) {
        for (size_t c = 0; c < rows[0].size(); ++c) {
          if (rows[0][c].text.find("单位") != std::string::npos) unit_col = static_cast<int>(c);
        }
      }
      const size_t cols = rows[0].size();
      for (size_t c = 0; c < cols; ++c) {
        std::map<std::string, std::vector<std::pair<const Cell*, int>>> groups;
        for (size_t r = header ? 1 : 0; r < rows.size(); ++r) {
          if (c >= rows[r].size()) continue;
          const int d = Decimals(rows[r][c].text);
          if (d < 0) continue;
          const std::string unit = unit_col >= 0 && static_cast<size_t>(unit_col) < rows[r].size()
                                       ? rows[r][static_cast<size_t>(unit_col)].text
                                       : "";
          groups[unit].emplace_back(&rows[r][c], d);
        }
        for (const auto& [unit, cells] : groups) {
          if (cells.size() < 3) continue;
          std::map<int, int> counts;
          for (const auto& [cell, d] : cells) ++counts[d];
          if (counts.size() < 2) continue;
          const int mode = std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) {
                             return a.second < b.second;
                           })->first;
          for (const auto& [cell, d] : cells) {
            if (d != mode) {
              sink->AddBytes(rule, n, s, cell->begin, cell->end,
                             "同一栏数字小数位数不一致：此处 " + std::to_string(d) + " 位，本栏多数为 " +
                                 std::to_string(mode) + " 位");
            }
          }
        }
      }
    }
  }
}

void CheckForeignAbbreviations(const Rule& rule, FindingSink* sink) {
  const DocContext& ctx = sink->ctx();
  const auto known_list = ParamList(rule, "known", {"AAAAA", "AAAA", "AAA", "GB", "ISO"});
  const std::set<std::string> known(known_list.begin(), known_list.end());
  std::set<std::string> seen;
  for (size_t n = 0; n < ctx.nodes.size(); ++n) {
    const NodeInfo& node = ctx.nodes[n];
    if (!RuleAppliesToNode(rule, node)) continue;
    for (size_t s = 0; s < node.text.segments.size(); ++s) {
      const Segment& seg = node.text.segments[s];
      if (!SegmentInScope(rule, seg)) continue;
      const std::string_view v = node.text.View(seg);
      size_t i = 0;
      while (i < v.size()) {
        const char c = v[i];
        if (!(c >= 'A' && c <= 'Z') || (i > 0 && std::isalnum(static_cast<unsigned char>(v[i - 1])))) {
          ++i;
          continue;
        }
        size_t j = i;
        while (j < v.size() && (std::isupper(static_cast<unsigned char>(v[j])) || IsAsciiDigit(v[j]))) ++j;
        const bool word_ends = j == v.size() || !std::isalpha(static_cast<unsigned char>(v[j]));
        std::string abbr(v.substr(i, j - i));
        size_t letters = std::count_if(abbr.begin(), abbr.end(), [](char x) { return x >= 'A' && x <= 'Z'; });
        if (word_ends && letters >= 2 && abbr.size() <= 10 && !known.count(abbr) && !seen.count(abbr)) {
          seen.insert(abbr);
          // Explained: "全称（ABC）" or "ABC（全称）".
          const std::string_view before = v.substr(0, i);
          const std::string_view after = v.substr(j);
          const bool in_brackets = (before.ends_with("（") || before.ends_with("(")) && before.size() > 3;
          bool explained = in_brackets;
          if (!explained && (after.starts_with("（") || after.starts_with("("))) {
            size_t k = after.starts_with("（") ? 3 : 1;
            explained = k < after.size() && text::IsHan(text::NextCodePoint(after, k));
          }
          if (!explained) sink->AddBytes(rule, n, s, seg.byte_begin + i, seg.byte_begin + j);
        }
        i = j;
      }
    }
  }
}

}  // namespace fangzhi::check
