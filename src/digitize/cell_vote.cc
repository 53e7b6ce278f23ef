#include "digitize/cell_vote.h"

#include <map>

namespace fangzhi::digitize {

std::vector<CellChoice> VoteCells(const std::vector<std::vector<CellCandidate>>& readings) {
  std::vector<CellChoice> out;
  if (readings.empty()) return out;
  const size_t cells = readings.front().size();
  for (size_t i = 0; i < cells; ++i) {
    struct Tally {
      int votes = 0;
      double conf = 0;
      size_t first = 0;
    };
    std::map<std::string, Tally> tally;
    for (size_t r = 0; r < readings.size(); ++r) {
      if (i >= readings[r].size()) continue;
      const CellCandidate& c = readings[r][i];
      auto [it, fresh] = tally.try_emplace(c.text);
      if (fresh) it->second.first = r;
      ++it->second.votes;
      it->second.conf += c.conf;
    }
    const std::string* best = nullptr;
    const Tally* bt = nullptr;
    for (const auto& [text, t] : tally) {
      const bool better = !bt || t.votes > bt->votes || (t.votes == bt->votes && t.conf > bt->conf) ||
                          (t.votes == bt->votes && t.conf == bt->conf && t.first < bt->first);
      if (better) {
        best = &text;
        bt = &t;
      }
    }
    CellChoice choice;
    if (best) {
      choice.text = *best;
      choice.conf = bt->conf / static_cast<double>(readings.size());
    }
    out.push_back(std::move(choice));
  }
  return out;
}

std::string ByProportion(const std::string& text, const Box& ink) {
  if ((text != "日" && text != "曰") || ink.w <= 0 || ink.h <= 0) return text;
  return ink.w * 100 > ink.h * 83 ? "曰" : "日";
}

}  // namespace fangzhi::digitize
