// Search benchmark on the whole shared corpus (bench/*.tar.zst + bashu):
// index build speed, size and memory; query latency of count + first page
// of 20 KWIC lines + work and dynasty facets, against (a) a brute-force scan
// of the folded text and (b) SQLite FTS5 trigram with a LIKE fallback for
// 1–2 character queries (the method of the Kanripo site), in the same run.
//
//   search_bench [--work DIR] [--queries N] [--baseline-sample N] [--skip-fts]
//
// The library is built once in DIR (default /tmp/fangzhi-bench) and reused.
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <random>
#include <set>

#include "bench_util.h"
#include "cli/import_pipeline.h"
#include "formats/plain_text_importer.h"
#include "search/brute_force.h"
#include "search/index.h"
#include "search/search_text.h"
#include "search/searcher.h"
#include "text/fold.h"
#include "text/utf8.h"

namespace fs = std::filesystem;
using namespace fangzhi;
using Clock = std::chrono::steady_clock;

namespace {

std::string Utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) text::AppendUtf8(out, c);
  return out;
}

double Pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

double Mean(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return v.empty() ? 0 : sum / static_cast<double>(v.size());
}

// Builds the library: Kanripo folders of the bench archives and bashu, and
// each law as a plain-text work.
bool BuildLibrary(const fs::path& work, const fs::path& data) {
  std::vector<std::string> kanripo;
  for (const char* name : {"kanripo-gazetteers", "kanripo-classics"}) {
    const fs::path dir = work / name;
    if (!bench::Unpack(fs::path(FANGZHI_CORPUS_DIR) / "bench" / (std::string(name) + ".tar.zst"), dir)) return false;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.is_directory()) kanripo.push_back(e.path().string());
    }
  }
  for (const auto& e : fs::directory_iterator(fs::path(FANGZHI_CORPUS_DIR) / "bashu")) kanripo.push_back(e.path().string());
  std::sort(kanripo.begin(), kanripo.end());
  std::vector<cli::ImportedWork> imported;
  Status s = cli::ImportPaths(data, kanripo, false, {}, &imported);
  if (!s.ok()) {
    std::cerr << s.ToString() << "\n";
    return false;
  }
  const fs::path laws = work / "laws";
  if (!bench::Unpack(fs::path(FANGZHI_CORPUS_DIR) / "bench" / "laws.tar.zst", laws)) return false;
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(laws)) {
    if (e.is_regular_file() && e.path().extension() == ".md" && e.path().filename() != "README.md" &&
        e.path().filename() != "_index.md") {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<model::Document> docs;
  for (size_t i = 0; i < files.size(); ++i) {
    model::Document d;
    if (!formats::ImportPlainText(files[i], &d).ok()) continue;  // empty files
    char id[32];
    std::snprintf(id, sizeof id, "law-%04zu", i);
    d.work.id = id;
    d.work.kind = "其他";
    d.work.dynasty = "当代";
    d.work.licence = "公文（著作权法第五条）";
    docs.push_back(std::move(d));
  }
  std::unique_ptr<store::Library> lib;
  s = store::Library::Open(data, &lib);
  std::vector<const model::Document*> ptrs;
  for (const auto& d : docs) ptrs.push_back(&d);
  if (s.ok()) s = lib->Import(ptrs, false);
  if (!s.ok()) {
    std::cerr << s.ToString() << "\n";
    return false;
  }
  std::fprintf(stderr, "library: %zu Kanripo works, %zu laws\n", imported.size(), docs.size());
  return true;
}

struct Query {
  std::string text;
  std::string kind;  // frequent, random, absent, cross-punct
};

// 1,000 queries of 1–8 characters from the text, fixed seed.
std::vector<Query> MakeQueries(store::Library* lib, size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  // A sample of nodes' original text (for punctuation probes) and search text.
  std::vector<std::string> originals;
  std::vector<store::WorkSummary> works;
  (void)lib->ListWorks(&works);
  std::map<char32_t, uint64_t> freq;
  for (const auto& w : works) {
    if (rng() % 4 != 0) continue;
    (void)lib->ScanNodes(w.work.id, [&](const store::StoredNode& sn) {
      if (!sn.base) return Status::Ok();
      for (const auto& b : sn.node.blocks) {
        if (b.kind == model::BlockKind::kText && b.text.size() > 90) originals.push_back(b.text);
      }
      return Status::Ok();
    });
  }
  for (size_t i = 0; i < originals.size(); i += 7) {
    for (char32_t c : text::FoldForSearch(originals[i])) ++freq[c];
  }
  std::vector<std::pair<uint64_t, char32_t>> by_freq;
  for (auto [c, f] : freq) by_freq.emplace_back(f, c);
  std::sort(by_freq.rbegin(), by_freq.rend());
  std::vector<Query> out;
  auto substring = [&](size_t len) {
    const std::string& t = originals[rng() % originals.size()];
    const std::u32string f = text::FoldForSearch(t);
    if (f.size() < len) return std::u32string();
    return f.substr(rng() % (f.size() - len + 1), len);
  };
  const size_t quarter = n / 4;
  // Frequent: the commonest characters and the pairs they start.
  while (out.size() < quarter) {
    const size_t len = 1 + rng() % 2;
    if (len == 1) {
      out.push_back({Utf8(std::u32string(1, by_freq[rng() % 40].second)), "frequent"});
    } else {
      std::u32string s = substring(2);
      if (!s.empty() && freq[s[0]] > by_freq[200].first && freq[s[1]] > by_freq[200].first) out.push_back({Utf8(s), "frequent"});
    }
  }
  // Random substrings, lengths 1–8.
  while (out.size() < 2 * quarter) {
    const std::u32string s = substring(1 + rng() % 8);
    if (!s.empty()) out.push_back({Utf8(s), "random"});
  }
  // Absent: a real substring with one character swapped for a rare one.
  while (out.size() < 3 * quarter) {
    std::u32string s = substring(2 + rng() % 7);
    if (s.empty()) continue;
    s[rng() % s.size()] = by_freq[by_freq.size() - 1 - rng() % 50].second;
    out.push_back({Utf8(s), "absent"});
  }
  // Across punctuation: "X，Y" in the text, queried as "XY".
  while (out.size() < n) {
    const std::string& t = originals[rng() % originals.size()];
    std::vector<uint32_t> begins;
    std::u32string units;
    text::AppendSearchUnits(t, &units, &begins);
    if (units.size() < 10) continue;
    const size_t k = 1 + rng() % (units.size() - 2);
    // Is there something that is not a unit between unit k-1 and unit k?
    size_t prev_end = begins[k - 1];
    text::NextCodePoint(t, prev_end);
    if (prev_end == begins[k]) continue;
    const size_t left = std::min<size_t>(k, 1 + rng() % 3), right = std::min<size_t>(units.size() - k, 1 + rng() % 3);
    out.push_back({Utf8(units.substr(k - left, left + right)), "cross-punct"});
  }
  std::shuffle(out.begin(), out.end(), rng);
  return out;
}

// Baseline (b): FTS5 trigram over each node's folded search text; queries of
// 1–2 characters fall back to LIKE. Occurrences are counted in the matching
// rows, as a site must to report them.
struct Fts {
  sqlite3* db = nullptr;
  sqlite3_stmt* match = nullptr;
  sqlite3_stmt* like = nullptr;
  double build_s = 0;
  uint64_t bytes = 0;
};

bool BuildFts(store::Library* lib, const fs::path& path, Fts* f) {
  const bool exists = fs::exists(path);
  if (sqlite3_open(path.c_str(), &f->db) != SQLITE_OK) return false;
  if (!exists) {
    const auto t0 = Clock::now();
    sqlite3_exec(f->db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                        "CREATE TABLE docs(work TEXT, body TEXT);"
                        "CREATE VIRTUAL TABLE t USING fts5(work UNINDEXED, body, tokenize='trigram');"
                        "BEGIN;", nullptr, nullptr, nullptr);
    sqlite3_stmt* ins = nullptr;
    sqlite3_stmt* ins_doc = nullptr;
    sqlite3_prepare_v2(f->db, "INSERT INTO t(work, body) VALUES(?, ?)", -1, &ins, nullptr);
    sqlite3_prepare_v2(f->db, "INSERT INTO docs(work, body) VALUES(?, ?)", -1, &ins_doc, nullptr);
    std::vector<store::WorkSummary> works;
    (void)lib->ListWorks(&works);
    for (const auto& w : works) {
      (void)lib->ScanNodes(w.work.id, [&](const store::StoredNode& sn) {
        if (!sn.base) return Status::Ok();
        std::u32string units;
        search::AppendNodeSearchText(sn.node, &units);
        const std::string body = Utf8(units);
        sqlite3_bind_text(ins, 1, w.work.id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, body.data(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
        sqlite3_step(ins);
        sqlite3_reset(ins);
        sqlite3_bind_text(ins_doc, 1, w.work.id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins_doc, 2, body.data(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
        sqlite3_step(ins_doc);
        sqlite3_reset(ins_doc);
        return Status::Ok();
      });
    }
    sqlite3_finalize(ins);
    sqlite3_finalize(ins_doc);
    sqlite3_exec(f->db, "COMMIT;", nullptr, nullptr, nullptr);
    f->build_s = bench::Seconds(Clock::now() - t0);
  }
  f->bytes = fs::file_size(path);
  sqlite3_prepare_v2(f->db, "SELECT work, body FROM t WHERE body MATCH ?", -1, &f->match, nullptr);
  // The fallback scans a plain copy of the text: on the FTS5 table itself a
  // 1–2 character LIKE silently matches nothing (engines.md).
  sqlite3_prepare_v2(f->db, "SELECT work, body FROM docs WHERE instr(body, ?) > 0", -1, &f->like, nullptr);
  return true;
}

uint64_t FtsCount(Fts* f, const std::string& q, std::map<std::string, uint64_t>* per_work, std::vector<std::string>* kwic) {
  const size_t n = text::CountCodePoints(q);
  sqlite3_stmt* st = n >= 3 ? f->match : f->like;
  const std::string arg = n >= 3 ? "\"" + q + "\"" : q;
  sqlite3_bind_text(st, 1, arg.c_str(), -1, SQLITE_TRANSIENT);
  uint64_t occ = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    const std::string_view body(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                                static_cast<size_t>(sqlite3_column_bytes(st, 1)));
    uint64_t here = 0;
    for (size_t p = body.find(q); p != std::string_view::npos; p = body.find(q, p + 1)) {
      ++here;  // UTF-8 matches fall on character boundaries; overlapping, as the index counts
      if (kwic->size() < 20) {
        const size_t from = p >= 60 ? p - 60 : 0;  // 20 characters of 3 bytes
        kwic->emplace_back(body.substr(from, p - from + q.size() + 60));
      }
    }
    occ += here;
    (*per_work)[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] += here;
  }
  sqlite3_reset(st);
  return occ;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path work = fs::temp_directory_path() / "fangzhi-bench";
  size_t nq = 1000, sample = 100;
  bool skip_fts = false;
  int passes = 1;           // timed passes over the query set (for profiling)
  std::string only_kind;    // time only this kind of query (for profiling)
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--work") && i + 1 < argc) work = argv[++i];
    else if (!std::strcmp(argv[i], "--queries") && i + 1 < argc) nq = std::stoul(argv[++i]);
    else if (!std::strcmp(argv[i], "--baseline-sample") && i + 1 < argc) sample = std::stoul(argv[++i]);
    else if (!std::strcmp(argv[i], "--skip-fts")) skip_fts = true;
    else if (!std::strcmp(argv[i], "--passes") && i + 1 < argc) passes = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--kind") && i + 1 < argc) only_kind = argv[++i];
  }
  const fs::path data = work / "search-library";
  if (!fs::exists(data / "fangzhi.db")) {
    fs::remove_all(data);
    if (!BuildLibrary(work, data)) return 1;
  }
  std::unique_ptr<store::Library> lib;
  if (!store::Library::Open(data, &lib).ok()) return 1;

  // Index build, in a child process so that its peak memory is its own.
  {
    std::unique_ptr<search::Index> idx;
    (void)search::Index::Open(lib.get(), &idx);
  }
  const auto t0 = Clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    std::unique_ptr<store::Library> l;
    std::unique_ptr<search::Index> idx;
    search::UpdateReport rep;
    Status s = store::Library::Open(data, &l);
    if (s.ok()) s = search::Index::Open(l.get(), &idx);
    if (s.ok()) s = idx->Rebuild({}, &rep);
    if (!s.ok()) std::cerr << s.ToString() << "\n";
    _exit(s.ok() ? 0 : 1);
  }
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  const double build_s = bench::Seconds(Clock::now() - t0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return 1;
  std::unique_ptr<search::Index> index;
  if (!search::Index::Open(lib.get(), &index).ok()) return 1;
  uint64_t index_bytes = 0, text_bytes = 0, units = 0, max_seg_text = 0;
  for (const auto& s : index->segments()) {
    index_bytes += s.segment->file_size();
    text_bytes += s.segment->header().text_bytes;
    units += s.segment->header().num_units;
    max_seg_text = std::max<uint64_t>(max_seg_text, s.segment->header().text_bytes);
  }
  const double mib = static_cast<double>(text_bytes) / (1 << 20);
  std::printf("machine: %s\n", bench::MachineDescription().c_str());
  std::printf("corpus: %.1f MiB of stored text indexed (all editions), %llu search units, %zu segments\n", mib,
              static_cast<unsigned long long>(units), index->segments().size());
  std::printf("index build: %.1f s = %.1f MiB/s (one thread); size %.1f MiB = %.2f x text; peak RSS %.0f MiB = %.2f x "
              "the largest segment's text (%.1f MiB)\n",
              build_s, mib / build_s, static_cast<double>(index_bytes) / (1 << 20),
              static_cast<double>(index_bytes) / static_cast<double>(text_bytes), static_cast<double>(ru.ru_maxrss) / 1024,
              static_cast<double>(ru.ru_maxrss) * 1024 / static_cast<double>(max_seg_text),
              static_cast<double>(max_seg_text) / (1 << 20));

  std::unique_ptr<search::Searcher> searcher;
  if (!search::Searcher::Open(lib.get(), index.get(), &searcher).ok()) return 1;
  const auto queries = MakeQueries(lib.get(), nq, 20261126);
  {
    std::ofstream qf(work / "queries.txt");
    for (const auto& q : queries) qf << q.text << "\t" << q.kind << "\n";
  }

  // Warm-up pass (page cache, node cache of the OS), then the timed pass.
  search::SearchOptions opt;  // limit 20, facets work + dynasty
  std::vector<double> lat;
  std::map<std::string, std::vector<double>> lat_kind;
  std::vector<uint64_t> counts(queries.size());
  for (int pass = 0; pass <= passes; ++pass) {
    for (size_t i = 0; i < queries.size(); ++i) {
      if (!only_kind.empty() && queries[i].kind != only_kind) continue;
      search::SearchResult r;
      const std::string q = "\"" + queries[i].text + "\"";
      const auto a = Clock::now();
      Status s = searcher->Search(q, opt, &r);
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - a).count();
      if (!s.ok()) {
        std::cerr << q << ": " << s.ToString() << "\n";
        return 1;
      }
      counts[i] = r.total_occurrences;
      if (pass == passes) {
        lat.push_back(ms);
        lat_kind[queries[i].kind].push_back(ms);
      }
    }
  }
  std::printf("queries: %zu (fixed seed); index p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms\n", queries.size(),
              Pct(lat, 0.5), Pct(lat, 0.9), Pct(lat, 0.99), Pct(lat, 1.0));
  {
    // The same without the KWIC page: what counting and facets cost alone.
    search::SearchOptions no_page;
    no_page.limit = 0;
    std::vector<double> v;
    for (const auto& q : queries) {
      search::SearchResult r;
      const auto a = Clock::now();
      (void)searcher->Search("\"" + q.text + "\"", no_page, &r);
      v.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
    }
    std::printf("  counts + facets only (limit 0): p50 %.3f ms, p99 %.3f ms\n", Pct(v, 0.5), Pct(v, 0.99));
  }
  for (const auto& [kind, v] : lat_kind) {
    std::printf("  %-12s n=%4zu p50 %.3f ms p99 %.3f ms mean %.3f ms\n", kind.c_str(), v.size(), Pct(v, 0.5),
                Pct(v, 0.99), Mean(v));
  }
  std::printf("  all kinds: mean %.3f ms (what a server's throughput depends on)\n", Mean(lat));
  if (!only_kind.empty()) {
    // Profiling: the slowest queries of that kind.
    std::vector<std::pair<double, std::string>> slow;
    for (size_t i = 0, k = 0; i < queries.size(); ++i) {
      if (queries[i].kind == only_kind) slow.emplace_back(lat[k++], queries[i].text + " (" + std::to_string(counts[i]) + ")");
    }
    std::sort(slow.rbegin(), slow.rend());
    for (size_t i = 0; i < slow.size() && i < 12; ++i) std::printf("    %.3f ms %s\n", slow[i].first, slow[i].second.c_str());
    return 0;
  }

  // Baselines on an evenly spaced sample of the same queries.
  search::BruteForceCorpus brute;
  if (!brute.Load(lib.get(), true).ok()) return 1;
  Fts fts;
  if (!skip_fts && !BuildFts(lib.get(), work / "fts5.db", &fts)) return 1;
  std::vector<double> idx_s, brute_s, fts_s;
  size_t mismatches = 0, fts_wrong = 0;
  for (size_t k = 0; k < sample && k < queries.size(); ++k) {
    const size_t i = k * queries.size() / std::min(sample, queries.size());
    const std::u32string f = text::FoldForSearch(queries[i].text);
    idx_s.push_back(lat[i]);
    auto a = Clock::now();
    const auto bc = brute.Count(f, 20, 20);
    brute_s.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
    if (bc.occurrences != counts[i]) {
      ++mismatches;
      std::fprintf(stderr, "MISMATCH %s: index %llu, brute force %llu\n", queries[i].text.c_str(),
                   static_cast<unsigned long long>(counts[i]), static_cast<unsigned long long>(bc.occurrences));
    }
    if (!skip_fts) {
      std::map<std::string, uint64_t> per_work;
      a = Clock::now();
      std::vector<std::string> kwic;
      const uint64_t fc = FtsCount(&fts, Utf8(f), &per_work, &kwic);
      fts_s.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
      fts_wrong += fc != bc.occurrences;
    }
  }
  std::printf("baseline sample: %zu queries; index p50 %.3f ms p99 %.3f ms\n", idx_s.size(), Pct(idx_s, 0.5), Pct(idx_s, 0.99));
  std::printf("  (all three produce the count, per-work counts and 20 KWIC lines)\n");
  std::printf("  (a) brute-force scan of %llu folded units: p50 %.1f ms p99 %.1f ms -> index is %.0fx faster at p50; "
              "count mismatches: %zu\n",
              static_cast<unsigned long long>(brute.units()), Pct(brute_s, 0.5), Pct(brute_s, 0.99),
              Pct(brute_s, 0.5) / Pct(idx_s, 0.5), mismatches);
  if (!skip_fts) {
    std::printf("  (b) SQLite FTS5 trigram + LIKE: build %.1f s (%.1f MiB/s; 0 = reused), size %.1f MiB = %.2f x text; "
                "p50 %.1f ms p99 %.1f ms -> index is %.0fx faster at p50; wrong counts: %zu\n",
                fts.build_s, fts.build_s > 0 ? mib / fts.build_s : 0, static_cast<double>(fts.bytes) / (1 << 20),
                static_cast<double>(fts.bytes) / static_cast<double>(text_bytes), Pct(fts_s, 0.5), Pct(fts_s, 0.99),
                Pct(fts_s, 0.5) / Pct(idx_s, 0.5), fts_wrong);
  }
  return mismatches == 0 ? 0 : 2;
}
