#include "review/sample.h"

#include <algorithm>
#include <limits>

#include <nlohmann/json.hpp>

#include "text/han.h"

namespace fangzhi::review {

namespace {

constexpr const char* kAlgorithm =
    "fangzhi-sample-v1: strata = top-level nodes; quota = N*c/C, largest remainder; std::mt19937_64(seed); "
    "Fisher-Yates per stratum, j = below(i+1), below(n) rejects r < (2^64-n) mod n and returns r mod n; "
    "take while under quota, a crossing passage only if nearer the quota";

struct Candidate {
  SamplePassage passage;
  size_t stratum = 0;
};

void Collect(const std::vector<model::Node>& nodes, const std::string& prefix, const std::string& chapter,
             size_t stratum, bool top, std::vector<Candidate>* out, std::vector<SampleStratum>* strata) {
  for (const model::Node& n : nodes) {
    const std::string path = prefix + "/" + n.key;
    size_t s = stratum;
    std::string ch = chapter;
    if (top) {
      s = strata->size();
      ch = n.title;
      strata->push_back(SampleStratum{n.title, path, 0, 0, 0, 0});
    }
    // Blocks sharing a paragraph number are one passage (text with its notes).
    for (size_t b = 0; b < n.blocks.size();) {
      const int para = n.blocks[b].para;
      SamplePassage p;
      p.path = path;
      p.node_title = n.title;
      p.chapter = ch;
      p.para = para;
      bool any = false;
      for (; b < n.blocks.size() && n.blocks[b].para == para; ++b) {
        const model::Block& blk = n.blocks[b];
        if (blk.kind == model::BlockKind::kPage || blk.kind == model::BlockKind::kRemark) continue;
        if (any) p.text += "\n";
        p.text += blk.text;
        any = true;
      }
      p.chars = text::CountHan(p.text);
      if (p.chars == 0) continue;
      (*strata)[s].chars += p.chars;
      out->push_back(Candidate{std::move(p), s});
    }
    Collect(n.children, path, ch, s, false, out, strata);
  }
}

}  // namespace

uint64_t UniformBelow(std::mt19937_64& gen, uint64_t n) {
  // 2^64 mod n, computed in 64 bits as (2^64 - n) mod n.
  const uint64_t threshold = (0 - n) % n;
  for (;;) {
    const uint64_t r = gen();
    if (r >= threshold) return r % n;
  }
}

Status DrawSample(const model::Document& doc, const SampleOptions& options, Sample* out) {
  if (options.chars == 0) return Status::InvalidInput("抽查字数必须大于 0（--chars）");
  const model::Edition* e = options.edition.empty() ? doc.BaseEdition() : doc.FindEdition(options.edition);
  if (e == nullptr) return Status::NotFound(doc.work.id + " 没有版本 " + (options.edition.empty() ? "（空）" : options.edition));
  Sample s;
  s.work = doc.work.id;
  s.title = doc.work.title;
  s.seed = options.seed;
  s.target_chars = options.chars;
  std::vector<Candidate> all;
  Collect(e->nodes, doc.work.id, "", 0, true, &all, &s.strata);
  for (const auto& st : s.strata) s.book_chars += st.chars;
  if (s.book_chars == 0) return Status::InvalidInput(doc.work.id + "：稿件中没有汉字，无从抽查");

  std::vector<bool> taken(all.size(), false);
  if (s.book_chars <= options.chars) {
    s.whole_book = true;
    std::fill(taken.begin(), taken.end(), true);
    for (auto& st : s.strata) st.quota = st.chars;
  } else {
    // Quotas by largest remainder. N < C here, so N·c ≤ C² fits in 64 bits
    // for any book under four billion characters.
    const uint64_t N = options.chars, C = s.book_chars;
    size_t given = 0;
    std::vector<std::pair<uint64_t, size_t>> rema;  // (N·c mod C, stratum)
    for (size_t i = 0; i < s.strata.size(); ++i) {
      const uint64_t prod = N * s.strata[i].chars;
      s.strata[i].quota = prod / C;
      given += s.strata[i].quota;
      rema.emplace_back(prod % C, i);
    }
    std::stable_sort(rema.begin(), rema.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (size_t k = 0; given < N && k < rema.size(); ++k, ++given) ++s.strata[rema[k].second].quota;

    std::mt19937_64 gen(options.seed);
    std::vector<std::vector<size_t>> members(s.strata.size());
    for (size_t i = 0; i < all.size(); ++i) members[all[i].stratum].push_back(i);
    for (size_t st = 0; st < s.strata.size(); ++st) {
      std::vector<size_t>& m = members[st];
      for (size_t i = m.size(); i > 1; --i) std::swap(m[i - 1], m[UniformBelow(gen, i)]);
      const size_t quota = s.strata[st].quota;
      size_t total = 0;
      for (size_t idx : m) {
        if (total >= quota) break;
        const size_t c = all[idx].passage.chars;
        if (total + c > quota && total + c - quota >= quota - total) continue;
        taken[idx] = true;
        total += c;
      }
    }
  }
  for (size_t i = 0; i < all.size(); ++i) {
    if (!taken[i]) continue;
    SampleStratum& st = s.strata[all[i].stratum];
    st.sampled += all[i].passage.chars;
    ++st.passages;
    s.sample_chars += all[i].passage.chars;
    s.passages.push_back(std::move(all[i].passage));
  }
  *out = std::move(s);
  return Status::Ok();
}

std::string SampleJson(const Sample& s) {
  nlohmann::ordered_json strata = nlohmann::ordered_json::array();
  for (const auto& st : s.strata) {
    strata.push_back({{"title", st.title},
                      {"path", st.path},
                      {"chars", st.chars},
                      {"quota", st.quota},
                      {"sampled", st.sampled},
                      {"passages", st.passages}});
  }
  nlohmann::ordered_json passages = nlohmann::ordered_json::array();
  for (const auto& p : s.passages) {
    passages.push_back({{"path", p.path},
                        {"node_title", p.node_title},
                        {"chapter", p.chapter},
                        {"para", p.para},
                        {"chars", p.chars},
                        {"text", p.text}});
  }
  nlohmann::ordered_json j = {{"format", "fangzhi-sample"},
                              {"format_version", 1},
                              {"algorithm", kAlgorithm},
                              {"work", s.work},
                              {"title", s.title},
                              {"seed", std::to_string(s.seed)},
                              {"target_chars", s.target_chars},
                              {"book_chars", s.book_chars},
                              {"sample_chars", s.sample_chars},
                              {"whole_book", s.whole_book},
                              {"strata", std::move(strata)},
                              {"passages", std::move(passages)}};
  return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string SampleText(const Sample& s) {
  std::string out = "《" + s.title + "》质量抽查样本：种子 " + std::to_string(s.seed) + "，目标 " +
                    std::to_string(s.target_chars) + " 字，全书 " + std::to_string(s.book_chars) + " 字，抽得 " +
                    std::to_string(s.passages.size()) + " 段 " + std::to_string(s.sample_chars) + " 字" +
                    (s.whole_book ? "（全书）" : "") + "\n\n";
  out += "分层 strata:\n";
  for (const auto& st : s.strata) {
    out += "  " + (st.title.empty() ? std::string("（无标题）") : st.title) + "\t全书 " + std::to_string(st.chars) + " 字\t配额 " + std::to_string(st.quota) + "\t抽得 " +
           std::to_string(st.sampled) + " 字 / " + std::to_string(st.passages) + " 段\n";
  }
  out += "\n";
  for (const auto& p : s.passages) {
    out += p.path + "#p" + std::to_string(p.para) + "（" + p.node_title + "，" + std::to_string(p.chars) + " 字）\n" +
           p.text + "\n\n";
  }
  return out;
}

Status ParseSampleJson(std::string_view json, const std::string& file, Sample* out) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidInput(file + "：样本不是有效的 JSON 对象");
  Sample s;
  auto need = [&](const char* key, auto* v) -> Status {
    if (!j.contains(key)) return Status::InvalidInput(file + "：样本缺少字段 " + key);
    try {
      *v = j[key].get<std::decay_t<decltype(*v)>>();
    } catch (const nlohmann::json::exception&) {
      return Status::InvalidInput(file + "：样本字段 " + key + " 的类型不对");
    }
    return Status::Ok();
  };
  std::string seed;
  FZ_RETURN_IF_ERROR(need("seed", &seed));
  try {
    size_t used = 0;
    s.seed = std::stoull(seed, &used);
    if (used != seed.size()) throw std::invalid_argument(seed);
  } catch (const std::exception&) {
    return Status::InvalidInput(file + "：样本字段 seed 必须是写成字符串的非负整数，而不是 “" + seed + "”");
  }
  FZ_RETURN_IF_ERROR(need("work", &s.work));
  FZ_RETURN_IF_ERROR(need("title", &s.title));
  FZ_RETURN_IF_ERROR(need("target_chars", &s.target_chars));
  FZ_RETURN_IF_ERROR(need("book_chars", &s.book_chars));
  FZ_RETURN_IF_ERROR(need("sample_chars", &s.sample_chars));
  FZ_RETURN_IF_ERROR(need("whole_book", &s.whole_book));
  if (!j.contains("passages") || !j["passages"].is_array()) {
    return Status::InvalidInput(file + "：样本缺少 passages 列表");
  }
  size_t k = 0;
  for (const auto& p : j["passages"]) {
    const std::string where = file + "：样本 passages[" + std::to_string(k++) + "]";
    SamplePassage sp;
    try {
      sp.path = p.at("path").get<std::string>();
      sp.node_title = p.value("node_title", "");
      sp.chapter = p.value("chapter", "");
      sp.para = p.at("para").get<int>();
      sp.chars = p.at("chars").get<size_t>();
      sp.text = p.at("text").get<std::string>();
    } catch (const nlohmann::json::exception&) {
      return Status::InvalidInput(where + " 须有 path、para、chars、text 字段且类型正确");
    }
    s.passages.push_back(std::move(sp));
  }
  if (j.contains("strata") && j["strata"].is_array()) {
    for (const auto& st : j["strata"]) {
      SampleStratum x;
      x.title = st.value("title", "");
      x.path = st.value("path", "");
      x.chars = st.value("chars", size_t{0});
      x.quota = st.value("quota", size_t{0});
      x.sampled = st.value("sampled", size_t{0});
      x.passages = st.value("passages", size_t{0});
      s.strata.push_back(std::move(x));
    }
  }
  *out = std::move(s);
  return Status::Ok();
}

}  // namespace fangzhi::review
