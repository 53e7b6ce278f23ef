#include "review/error_rate.h"

#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

namespace fangzhi::review {

namespace {

// Two decimals always: "1.25", "0.50", "3.00".
std::string Fixed2(int64_t hundredths) {
  const int64_t frac = hundredths % 100;
  return std::to_string(hundredths / 100) + "." + (frac < 10 ? "0" : "") + std::to_string(frac);
}

}  // namespace

Status ComputeErrorRate(const Marks& marks, const ErrorWeights& weights, ErrorRate* out) {
  if (marks.chars == 0) return Status::InvalidInput("chars（抽查的总字数）必须大于 0");
  if (weights.bands.empty()) return Status::InvalidInput(weights.file + "：权重表没有判定档次（verdicts）");
  ErrorRate r;
  r.chars = marks.chars;
  r.weights_id = weights.id + " v" + std::to_string(weights.version);
  // Identical errors: same type, excerpt and correction. Marks without a page
  // stand on a page of their own (so they never merge under per_page).
  using Group = std::tuple<std::string, std::string, std::string>;
  std::map<Group, Centi> used_total;
  std::map<std::pair<Group, long>, Centi> used_on_page;
  std::map<std::string, TypeTotal> totals;
  for (size_t i = 0; i < marks.marks.size(); ++i) {
    const ErrorMark& m = marks.marks[i];
    const ErrorType* t = weights.Find(m.type);
    if (t == nullptr) {
      std::string known;
      for (const auto& k : weights.types) known += (known.empty() ? "" : "、") + k.id;
      return Status::InvalidInput("marks[" + std::to_string(i) + "].type “" + m.type + "”不是权重表 " + r.weights_id +
                                  " 中的差错类型（可用：" + known + "）");
    }
    WeightedMark w{m, t->weight, t->weight};
    if (t->repeat.per_page >= 0 || t->repeat.max_total >= 0) {
      const Group g{m.type, m.excerpt, m.correction};
      const long page = m.page > 0 ? m.page : -1 - static_cast<long>(i);
      Centi& on_page = used_on_page[{g, page}];
      Centi& total = used_total[g];
      if (t->repeat.per_page >= 0) w.counted = std::min(w.counted, t->repeat.per_page - on_page);
      if (t->repeat.max_total >= 0) w.counted = std::min(w.counted, t->repeat.max_total - total);
      w.counted = std::max<Centi>(0, w.counted);
      on_page += w.counted;
      total += w.counted;
    }
    r.errors += w.counted;
    TypeTotal& tt = totals[m.type];
    tt.type = t->id;
    tt.label = t->label;
    ++tt.marks;
    tt.counted += w.counted;
    r.marks.push_back(std::move(w));
  }
  for (const auto& t : weights.types) {
    auto it = totals.find(t.id);
    if (it != totals.end()) r.totals.push_back(it->second);
  }
  // errors/chars per 10000 = errors_centi·100/chars; in hundredths of that,
  // errors_centi·10000/chars, rounded half up (display only).
  int64_t scaled = 0, prod = 0;
  const int64_t chars = static_cast<int64_t>(marks.chars);
  if (__builtin_mul_overflow(r.errors, int64_t{10000}, &scaled)) return Status::InvalidInput("差错数过大，无法计算");
  r.per_10000 = Fixed2((2 * scaled + chars) / (2 * chars));
  for (size_t b = 0; b < weights.bands.size(); ++b) {
    const VerdictBand& band = weights.bands[b];
    // errors/chars ≤ max/10000  ⇔  errors·10000 ≤ chars·max, both in hundredths.
    const bool within = band.max_per_10000 < 0 ||
                        (!__builtin_mul_overflow(chars, band.max_per_10000, &prod) && scaled <= prod);
    if (within) {
      r.band = static_cast<int>(b);
      r.verdict = band.verdict;
      r.action = band.action;
      r.pass = band.pass;
      break;
    }
  }
  *out = std::move(r);
  return Status::Ok();
}

std::string ErrorRateJson(const ErrorRate& r) {
  nlohmann::ordered_json totals = nlohmann::ordered_json::array();
  for (const auto& t : r.totals) {
    totals.push_back({{"type", t.type}, {"label", t.label}, {"marks", t.marks}, {"counted", FormatCenti(t.counted)}});
  }
  nlohmann::ordered_json marks = nlohmann::ordered_json::array();
  for (const auto& w : r.marks) {
    nlohmann::ordered_json o = {{"type", w.mark.type},       {"path", w.mark.path},
                                {"para", w.mark.para},       {"excerpt", w.mark.excerpt},
                                {"correction", w.mark.correction}, {"page", w.mark.page},
                                {"weight", FormatCenti(w.weight)}, {"counted", FormatCenti(w.counted)}};
    if (!w.mark.rule.empty()) o["rule"] = w.mark.rule;
    if (!w.mark.note.empty()) o["note"] = w.mark.note;
    marks.push_back(std::move(o));
  }
  nlohmann::ordered_json j = {{"format", "fangzhi-error-rate"},
                              {"format_version", 1},
                              {"weights", r.weights_id},
                              {"chars", r.chars},
                              {"errors", FormatCenti(r.errors)},
                              {"per_10000", r.per_10000},
                              {"verdict", r.verdict},
                              {"pass", r.pass},
                              {"action", r.action},
                              {"totals", std::move(totals)},
                              {"marks", std::move(marks)}};
  return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string MarkPlace(const ErrorMark& m) {
  return m.para > 0 ? m.path + "#p" + std::to_string(m.para) : m.path;
}

std::string ErrorRateText(const ErrorRate& r) {
  std::string out = "差错率 " + r.per_10000 + "/10000（差错 " + FormatCenti(r.errors) + " 个 ÷ " + std::to_string(r.chars) +
                    " 字；权重表 " + r.weights_id + "）\n判定：" + r.verdict + "。" + r.action + "\n";
  if (!r.totals.empty()) out += "\n按类型 by type:\n";
  for (const auto& t : r.totals) {
    out += "  " + t.label + "（" + t.type + "）\t" + std::to_string(t.marks) + " 处\t计 " + FormatCenti(t.counted) + "\n";
  }
  if (!r.marks.empty()) out += "\n逐条 marks:\n";
  for (const auto& w : r.marks) {
    out += "  " + MarkPlace(w.mark) + (w.mark.page > 0 ? "（第 " + std::to_string(w.mark.page) + " 面）" : "") +
           "\t" + w.mark.type + "\t“" + w.mark.excerpt + "”" + (w.mark.correction.empty() ? "" : "→“" + w.mark.correction + "”") +
           "\t权重 " + FormatCenti(w.weight) + "\t计 " + FormatCenti(w.counted) + "\n";
  }
  return out;
}

}  // namespace fangzhi::review
