// build_fold_table: writes data/fold-table.tsv, the one-code-point-to-one
// map that search folds both the indexed text and the query with. Every
// judgement about which characters are "the same" is made here, once, from
// Debian-packaged inputs (OpenCC, Unihan) and the bashu corpus; the runtime
// (src/text/fold.cc) only embeds the result. docs/search-folding.md explains
// the rules; the constants below are the knobs it names.
//
//   build_fold_table --corpus ../shared/corpus/bashu -o data/fold-table.tsv
//
// The output depends only on the inputs (no hash-order or timing leaks), so
// running it again must give the identical file: tests/text/fold_test.cc checks.

#include <bzlib.h>
#include <opencc/opencc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/fold.h"
#include "text/han.h"
#include "text/utf8.h"

namespace {

namespace fs = std::filesystem;
using fangzhi::text::AppendUtf8;
using fangzhi::text::IsHan;
using fangzhi::text::KanripoEntityLength;
using fangzhi::text::NextCodePoint;

// Semantic variants chain loosely related characters; past this size a class
// stops meaning "one character written differently". Compatibility
// ideographs do not count.
constexpr size_t kMaxClassSize = 8;
// A master/witness substitution must recur before it is taken as a variant.
constexpr int kMinWitnessCount = 3;
// A substitution counts only with this many aligned identical characters on
// each side, so that diff noise inside rewritten passages is not taken as a pair.
constexpr size_t kWitnessFlank = 3;
// Alignment: exact LCS below this many cells, otherwise anchor on k-grams
// unique in the master stretch and found at most kMaxAnchorCopies times in the
// witness one, with shorter k-grams on each deeper level.
constexpr size_t kMaxDpCells = size_t{1} << 20;
constexpr std::array<size_t, 3> kAnchorLengths = {12, 6, 3};
constexpr uint32_t kMaxAnchorCopies = 3;

constexpr char32_t kMaxCodePoint = 0x10FFFF;

enum Source : int { kOpenCC = 0, kUnihan, kJapanese, kWitness, kWidth, kCase, kComposed };
constexpr std::array<const char*, 7> kSourceNames = {"opencc", "unihan", "jp", "witness", "width", "case", "composed"};

[[noreturn]] void Die(const std::string& message) {
  std::cerr << "build_fold_table: " << message << "\n";
  std::exit(1);
}

std::string Hex(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

std::string Utf8(char32_t cp) {
  std::string s;
  AppendUtf8(s, cp);
  return s;
}

// "U+4E00 一" for logs a person reads.
std::string Show(char32_t cp) { return Hex(cp) + " " + Utf8(cp); }

std::u32string Decode(std::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out.push_back(NextCodePoint(s, i));
  return out;
}

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) Die("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ReadBzip2(const fs::path& p) {
  BZFILE* f = BZ2_bzopen(p.c_str(), "rb");
  if (f == nullptr) Die("cannot open " + p.string());
  std::string out;
  char buf[1 << 16];
  int n;
  while ((n = BZ2_bzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  int err = BZ_OK;
  BZ2_bzerror(f, &err);
  BZ2_bzclose(f);
  if (n < 0 || (err != BZ_OK && err != BZ_STREAM_END)) Die("bzip2 error reading " + p.string());
  return out;
}

std::vector<std::string_view> SplitLines(std::string_view s) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    lines.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    size_t end = s.find(sep, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// "U+4E00", "U+4E00<kMatthews" -> 0x4E00; anything else -> 0.
char32_t ParseCodePoint(std::string_view s) {
  if (s.size() < 3 || s[0] != 'U' || s[1] != '+') return 0;
  char32_t cp = 0;
  size_t i = 2;
  for (; i < s.size() && i < 9; ++i) {
    const char c = s[i];
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (digit < 0) break;
    cp = cp * 16 + static_cast<char32_t>(digit);
  }
  return i == 2 || cp > kMaxCodePoint ? 0 : cp;
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

// The Debian version of the package that supplied an input, for the header.
std::string PackageVersion(const std::string& package) {
  std::string cmd = "dpkg-query -W -f='${Version}' " + package + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return "unknown";
  std::string out;
  char buf[256];
  while (fgets(buf, sizeof buf, p) != nullptr) out += buf;
  pclose(p);
  out = Trim(out);
  return out.empty() ? "unknown" : out;
}

bool IsCompatibility(char32_t cp) { return (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F); }

std::vector<char32_t> HanCodePoints() {
  std::vector<char32_t> out;
  for (char32_t cp = 0x3400; cp <= 0x323AF; ++cp) {
    if (IsHan(cp)) out.push_back(cp);
  }
  return out;
}

// ---------------------------------------------------------------- OpenCC

struct T2s {
  std::map<char32_t, char32_t> map;  // only 1 -> 1 results that differ
  size_t multi = 0;                  // results longer than one code point, dropped
  size_t non_han = 0;                // results leaving Han, dropped
};

T2s LoadT2s(const fs::path& config, const std::vector<char32_t>& han) {
  opencc_t od = opencc_open(config.c_str());
  if (od == reinterpret_cast<opencc_t>(-1)) Die("opencc_open " + config.string() + ": " + opencc_error());
  T2s t;
  for (char32_t cp : han) {
    const std::string in = Utf8(cp);
    char* out = opencc_convert_utf8(od, in.data(), in.size());
    if (out == nullptr) Die(std::string("opencc_convert_utf8: ") + opencc_error());
    const std::u32string r = Decode(out);
    opencc_convert_utf8_free(out);
    if (r.size() != 1) {
      ++t.multi;
    } else if (r[0] != cp) {
      if (IsHan(r[0])) {
        t.map[cp] = r[0];
      } else {
        ++t.non_han;
      }
    }
  }
  opencc_close(od);
  return t;
}

// ---------------------------------------------------------------- Unicode data

struct Edge {
  char32_t a, b;
  auto operator<=>(const Edge&) const = default;
};

struct UnicodeInputs {
  std::string version;  // "15.0.0 (2022-08-01 …)"
  std::vector<Edge> z_variants, semantic_variants, canonical;
  std::set<char32_t> in_simplified_system;  // simplified forms, or the same in both systems
  std::set<char32_t> standard;              // kTGH: 通用规范汉字表 (2013)
};

// Both sides Han, distinct, smaller code point first, no duplicates.
std::vector<Edge> Normalize(std::vector<Edge> edges) {
  std::vector<Edge> out;
  for (Edge e : edges) {
    if (e.a == e.b || !IsHan(e.a) || !IsHan(e.b)) continue;
    if (e.a > e.b) std::swap(e.a, e.b);
    out.push_back(e);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

UnicodeInputs LoadUnicode(const fs::path& dir) {
  UnicodeInputs u;
  const std::string variants = ReadBzip2(dir / "Unihan_Variants.txt.bz2");
  std::string uversion, udate;
  for (std::string_view line : SplitLines(variants)) {
    if (line.starts_with("#")) {
      if (line.starts_with("# Unicode version: ")) uversion = Trim(std::string(line.substr(19)));
      if (line.starts_with("# Date: ")) udate = Trim(std::string(line.substr(8)));
      continue;
    }
    const auto f = SplitOn(line, '\t');
    if (f.size() != 3) continue;
    const char32_t cp = ParseCodePoint(f[0]);
    if (cp == 0) Die("bad Unihan line: " + std::string(line));
    for (std::string_view v : SplitOn(f[2], ' ')) {
      const char32_t to = ParseCodePoint(v);
      if (to == 0) Die("bad Unihan value: " + std::string(line));
      if (f[1] == "kZVariant") u.z_variants.push_back({cp, to});
      if (f[1] == "kSemanticVariant") u.semantic_variants.push_back({cp, to});
      // kTraditionalVariant sits on simplified forms; kSimplifiedVariant
      // naming the character itself marks one shared by both systems.
      if (f[1] == "kTraditionalVariant" || (f[1] == "kSimplifiedVariant" && to == cp)) {
        u.in_simplified_system.insert(cp);
      }
    }
  }
  if (uversion.empty()) Die("no '# Unicode version' line in Unihan_Variants.txt");
  const std::string other = ReadBzip2(dir / "Unihan_OtherMappings.txt.bz2");
  for (std::string_view line : SplitLines(other)) {
    const auto f = SplitOn(line, '\t');
    if (f.size() == 3 && f[1] == "kTGH") u.standard.insert(ParseCodePoint(f[0]));
  }
  if (u.standard.size() < 8000) Die("kTGH missing from Unihan_OtherMappings.txt");
  u.version = uversion + ", Unihan " + udate;
  // Compatibility ideographs are canonically equivalent to a unified one
  // (NFC would replace them); UnicodeData.txt gives the singleton decomposition.
  const std::string data = ReadFile(dir / "UnicodeData.txt");
  for (std::string_view line : SplitLines(data)) {
    const auto f = SplitOn(line, ';');
    if (f.size() < 6 || !f[1].starts_with("CJK COMPATIBILITY IDEOGRAPH-") || f[5].empty()) continue;
    if (f[5].find(' ') != std::string_view::npos || f[5].starts_with("<")) continue;
    u.canonical.push_back({ParseCodePoint("U+" + std::string(f[0])), ParseCodePoint("U+" + std::string(f[5]))});
  }
  u.z_variants = Normalize(std::move(u.z_variants));
  u.semantic_variants = Normalize(std::move(u.semantic_variants));
  u.canonical = Normalize(std::move(u.canonical));
  return u;
}

// ---------------------------------------------------------------- corpus

// The units a juan is compared on: Han characters and Kanripo entities (so
// that an entity keeps its place in the alignment); header lines, tags,
// punctuation, ¶ and spaces are dropped.
std::u32string AlignmentUnits(std::string_view text) {
  std::u32string out;
  for (std::string_view line : SplitLines(text)) {
    if (line.starts_with("#")) continue;
    for (size_t i = 0; i < line.size();) {
      if (line[i] == '<') {
        const size_t end = line.find('>', i);
        if (end != std::string_view::npos) {
          i = end + 1;
          continue;
        }
      }
      if (const size_t n = KanripoEntityLength(line, i); n > 0) {
        const unsigned long number = std::stoul(std::string(line.substr(i + 3, n - 4)), nullptr, 16);  // as fold.h
        if (number < fangzhi::text::kEntityUnitLimit) {
          out.push_back(fangzhi::text::kEntityUnitBase + static_cast<char32_t>(number));
        }
        i += n;
        continue;
      }
      const char32_t cp = NextCodePoint(line, i);
      if (IsHan(cp)) out.push_back(cp);
    }
  }
  return out;
}

enum class Op : uint8_t { kMatch, kSub, kGap };
struct AlignOp {
  Op op;
  char32_t witness = 0, master = 0;
};

// A character-level diff of master against witness, as a sequence of
// matches, 1:1 substitutions and gaps (anything else, including stretches
// too long and too different to align).
class Aligner {
 public:
  Aligner(const std::u32string& master, const std::u32string& witness) : a_(master), b_(witness) {}

  std::vector<AlignOp> Run() {
    Align(0, a_.size(), 0, b_.size(), 0);
    return std::move(ops_);
  }
  size_t unaligned() const { return unaligned_; }

 private:
  void Match(size_t i) { ops_.push_back({Op::kMatch, a_[i], a_[i]}); }
  void Gap() {
    if (ops_.empty() || ops_.back().op != Op::kGap) ops_.push_back({Op::kGap});
  }

  void Align(size_t a0, size_t a1, size_t b0, size_t b1, size_t depth) {
    while (a0 < a1 && b0 < b1 && a_[a0] == b_[b0]) Match(a0++), ++b0;
    size_t ea = a1, eb = b1;
    while (ea > a0 && eb > b0 && a_[ea - 1] == b_[eb - 1]) --ea, --eb;
    Middle(a0, ea, b0, eb, depth);
    for (size_t i = ea; i < a1; ++i) Match(i);
  }

  void Middle(size_t a0, size_t a1, size_t b0, size_t b1, size_t depth) {
    const size_t na = a1 - a0, nb = b1 - b0;
    if (na == 0 && nb == 0) return;
    if (na == 1 && nb == 1) {
      ops_.push_back({Op::kSub, b_[b0], a_[a0]});
    } else if (na == 0 || nb == 0) {
      Gap();
    } else if (na * nb <= kMaxDpCells) {
      Lcs(a0, a1, b0, b1);
    } else if (depth < kAnchorLengths.size()) {
      Anchored(a0, a1, b0, b1, depth);
    } else {
      unaligned_ += na + nb;
      Gap();
    }
  }

  // Classic LCS table (suffix form), walked forwards; each run of
  // non-matches becomes one substitution or one gap.
  void Lcs(size_t a0, size_t a1, size_t b0, size_t b1) {
    const size_t na = a1 - a0, nb = b1 - b0, w = nb + 1;
    std::vector<uint16_t> L((na + 1) * w, 0);
    for (size_t i = na; i-- > 0;) {
      for (size_t j = nb; j-- > 0;) {
        L[i * w + j] = a_[a0 + i] == b_[b0 + j] ? static_cast<uint16_t>(L[(i + 1) * w + j + 1] + 1)
                                                : std::max(L[(i + 1) * w + j], L[i * w + j + 1]);
      }
    }
    size_t i = 0, j = 0, del = 0, ins = 0, di = 0, dj = 0;
    auto flush = [&] {
      if (del == 1 && ins == 1) {
        ops_.push_back({Op::kSub, b_[b0 + dj], a_[a0 + di]});
      } else if (del + ins > 0) {
        Gap();
      }
      del = ins = 0;
    };
    while (i < na || j < nb) {
      if (i < na && j < nb && a_[a0 + i] == b_[b0 + j]) {
        flush();
        Match(a0 + i);
        ++i, ++j;
      } else if (j == nb || (i < na && L[(i + 1) * w + j] >= L[i * w + j + 1])) {
        if (del++ == 0) di = i;
        ++i;
      } else {
        if (ins++ == 0) dj = j;
        ++j;
      }
    }
    flush();
  }

  // Anchors are k-grams unique in the master stretch and found at most
  // kMaxAnchorCopies times in the witness one (a witness juan may hold its
  // text twice); the longest chain increasing on both sides is kept.
  void Anchored(size_t a0, size_t a1, size_t b0, size_t b1, size_t depth) {
    const size_t k = kAnchorLengths[depth];
    struct Seen {
      uint32_t na = 0, nb = 0;
      size_t pa = 0;
    };
    auto hash = [&](const std::u32string& s, size_t i) {
      uint64_t h = 0;
      for (size_t j = 0; j < k; ++j) h = h * 0x100000001B3ULL + s[i + j];
      return h;
    };
    std::unordered_map<uint64_t, Seen> seen;
    seen.reserve(a1 - a0);
    for (size_t i = a0; i + k <= a1; ++i) {
      Seen& s = seen[hash(a_, i)];
      ++s.na;
      s.pa = i;
    }
    std::vector<std::pair<size_t, size_t>> candidates;
    for (size_t i = b0; i + k <= b1; ++i) {
      auto it = seen.find(hash(b_, i));
      if (it == seen.end() || it->second.na != 1) continue;
      ++it->second.nb;
      if (a_.compare(it->second.pa, k, b_, i, k) == 0) candidates.emplace_back(it->second.pa, i);
    }
    // Master order; within one master position, witness positions descending
    // so that the chain below takes at most one of them.
    std::vector<std::pair<size_t, size_t>> anchors;
    for (auto [pa, pb] : candidates) {
      if (seen[hash(a_, pa)].nb <= kMaxAnchorCopies) anchors.emplace_back(pa, pb);
    }
    std::sort(anchors.begin(), anchors.end(),
              [](auto x, auto y) { return x.first != y.first ? x.first < y.first : x.second > y.second; });
    std::vector<size_t> tails, prev(anchors.size(), SIZE_MAX);
    for (size_t x = 0; x < anchors.size(); ++x) {
      auto pos = std::lower_bound(tails.begin(), tails.end(), anchors[x].second,
                                  [&](size_t t, size_t pb) { return anchors[t].second < pb; });
      if (pos != tails.begin()) prev[x] = *(pos - 1);
      if (pos == tails.end()) {
        tails.push_back(x);
      } else {
        *pos = x;
      }
    }
    std::vector<std::pair<size_t, size_t>> chain;
    for (size_t x = tails.empty() ? SIZE_MAX : tails.back(); x != SIZE_MAX; x = prev[x]) chain.push_back(anchors[x]);
    std::reverse(chain.begin(), chain.end());
    if (chain.empty()) {
      unaligned_ += a1 - a0 + b1 - b0;
      Gap();
      return;
    }
    size_t ca = a0, cb = b0;
    for (auto [pa, pb] : chain) {
      if (pa < ca || pb < cb) continue;  // overlaps the previous anchor
      Align(ca, pa, cb, pb, depth + 1);
      for (size_t i = pa; i < pa + k; ++i) Match(i);
      ca = pa + k;
      cb = pb + k;
    }
    Align(ca, a1, cb, b1, depth + 1);
  }

  const std::u32string& a_;
  const std::u32string& b_;
  std::vector<AlignOp> ops_;
  size_t unaligned_ = 0;
};

struct CorpusInputs {
  std::string name;
  size_t works = 0, juan_pairs = 0, aligned_units = 0, unaligned_units = 0;
  std::unordered_map<char32_t, uint64_t> master_freq;
  // witness char -> master char -> flanked substitutions
  std::map<char32_t, std::map<char32_t, int>> subs;
};

std::vector<fs::path> JuanFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && name.ends_with(".txt")) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

CorpusInputs LoadCorpus(const fs::path& root) {
  CorpusInputs c;
  if (!fs::is_directory(root)) Die("corpus folder not found: " + root.string());
  c.name = fs::weakly_canonical(root).filename().string();
  std::vector<fs::path> works;
  for (const auto& e : fs::directory_iterator(root)) {
    if (fs::is_directory(e.path() / "master")) works.push_back(e.path());
  }
  std::sort(works.begin(), works.end());
  c.works = works.size();
  for (const fs::path& work : works) {
    for (const fs::path& master_file : JuanFiles(work / "master")) {
      const std::u32string master = AlignmentUnits(ReadFile(master_file));
      for (char32_t cp : master) ++c.master_freq[cp];
      for (const char* witness_name : {"SBCK", "WYG"}) {
        const fs::path witness_file = work / witness_name / master_file.filename();
        if (!fs::exists(witness_file)) continue;
        const std::u32string witness = AlignmentUnits(ReadFile(witness_file));
        Aligner aligner(master, witness);
        const std::vector<AlignOp> ops = aligner.Run();
        ++c.juan_pairs;
        c.unaligned_units += aligner.unaligned();
        for (size_t t = 0; t < ops.size(); ++t) {
          if (ops[t].op == Op::kGap) continue;
          ++c.aligned_units;
          if (ops[t].op != Op::kSub || t < kWitnessFlank || t + kWitnessFlank >= ops.size()) continue;
          bool flanked = true;
          for (size_t d = 1; d <= kWitnessFlank; ++d) {
            flanked = flanked && ops[t - d].op == Op::kMatch && ops[t + d].op == Op::kMatch;
          }
          if (flanked) ++c.subs[ops[t].witness][ops[t].master];
        }
      }
    }
  }
  if (c.juan_pairs == 0) Die("no master/witness juan pairs under " + root.string());
  return c;
}

struct WitnessPair {
  char32_t witness, master;
  int count;
};

// Han pairs seen often enough, most frequent first.
std::vector<WitnessPair> WitnessPairs(const CorpusInputs& c) {
  std::vector<WitnessPair> out;
  for (const auto& [w, row] : c.subs) {
    for (const auto& [m, n] : row) {
      if (n >= kMinWitnessCount && IsHan(w) && IsHan(m)) out.push_back({w, m, n});
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const WitnessPair& x, const WitnessPair& y) { return x.count > y.count; });
  return out;
}

// ---------------------------------------------------------------- classes

class UnionFind {
 public:
  UnionFind() : parent_(kMaxCodePoint + 1), size_(kMaxCodePoint + 1, 1) {
    for (char32_t i = 0; i <= kMaxCodePoint; ++i) parent_[i] = i;
  }
  char32_t Find(char32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  bool Same(char32_t a, char32_t b) { return Find(a) == Find(b); }
  size_t Size(char32_t x) { return size_[Find(x)]; }
  // A standard member of x's class (see Build), or 0.
  char32_t Standard(char32_t x) { return standard_[Find(x)]; }
  void SetStandard(char32_t x) { standard_[x] = x; }
  // Before any Union: x does not count toward its class's size.
  void Weightless(char32_t x) { size_[x] = 0; }
  void Union(char32_t a, char32_t b) {
    a = Find(a), b = Find(b);
    if (a == b) return;
    if (size_[a] < size_[b] || (size_[a] == size_[b] && a > b)) std::swap(a, b);
    parent_[b] = a;
    size_[a] += size_[b];
    if (standard_[a] == 0) standard_[a] = standard_[b];
  }

 private:
  std::vector<char32_t> parent_;
  std::vector<uint32_t> size_;
  std::vector<char32_t> standard_ = std::vector<char32_t>(kMaxCodePoint + 1, 0);
};

struct Refusal {
  Edge edge;
  const char* source;
  char32_t standard_a = 0, standard_b = 0;  // set when refused for joining two standards
  size_t size_a = 0, size_b = 0;            // set when refused for size
};

struct Table {
  std::map<char32_t, std::pair<char32_t, Source>> map;
  std::map<char32_t, std::vector<char32_t>> classes;  // fold target -> members (Han classes of 2+)
  std::vector<Refusal> refused;
  std::vector<WitnessPair> witness_merged, witness_already, witness_refused;
};

Table Build(const T2s& t2s, const T2s& jp, const UnicodeInputs& u, const CorpusInputs& corpus) {
  Table table;
  auto t2s_of = [&](char32_t cp) {
    auto it = t2s.map.find(cp);
    return it == t2s.map.end() ? cp : it->second;
  };
  UnionFind all;
  // A standard character is one in 通用规范汉字表 that t2s leaves alone.
  // Variant data may attach any number of non-standard forms to it, but
  // never join two standards: that is how 历 and 厉 (through 曆/歷/厲), or 侯
  // and 羽 (a scribal confusion in WYG), would otherwise end in one class.
  for (char32_t cp : u.standard) {
    if (t2s_of(cp) == cp) all.SetStandard(cp);
  }
  // A compatibility ideograph is the same character as its unified one, so
  // it does not count toward the class cap.
  for (Edge e : u.canonical) all.Weightless(IsCompatibility(e.a) ? e.a : e.b);
  std::array<UnionFind, 4> by_source;  // opencc, unihan, jp, witness edges alone, for the tags

  // OpenCC and canonical equivalence first and without limits: whatever t2s
  // folds together must stay together, or a simplified query would miss
  // traditional text.
  for (auto [from, to] : t2s.map) {
    all.Union(from, to);
    by_source[kOpenCC].Union(from, to);
  }
  for (Edge e : u.canonical) {
    all.Union(e.a, e.b);
    by_source[kUnihan].Union(e.a, e.b);
  }
  auto merge = [&](Edge e, Source src, const char* name) {
    if (!all.Same(e.a, e.b)) {
      const char32_t sa = all.Standard(e.a), sb = all.Standard(e.b);
      if (sa != 0 && sb != 0) {
        table.refused.push_back({e, name, sa, sb});
        return false;
      }
      if (all.Size(e.a) + all.Size(e.b) > kMaxClassSize) {
        table.refused.push_back({e, name, 0, 0, all.Size(e.a), all.Size(e.b)});
        return false;
      }
      all.Union(e.a, e.b);
    }
    by_source[src].Union(e.a, e.b);
    return true;
  };
  // When a variant links to two standards only the first merge succeeds, so
  // take the links the texts actually use first: by the corpus frequency of
  // the rarer character, then of the other. (勅 is linked to both 敕 and,
  // through 勑, to 徠; the bashu masters write 勅 for 敕 hundreds of times.)
  auto freq = [&](char32_t cp) {
    auto it = corpus.master_freq.find(cp);
    return it == corpus.master_freq.end() ? uint64_t{0} : it->second;
  };
  auto by_use = [&](std::vector<Edge> edges) {
    auto key = [&](Edge e) {
      const uint64_t fa = freq(e.a), fb = freq(e.b);
      return std::pair(std::min(fa, fb), std::max(fa, fb));
    };
    std::stable_sort(edges.begin(), edges.end(), [&](Edge x, Edge y) { return key(x) > key(y); });
    return edges;
  };
  for (Edge e : by_use(u.z_variants)) merge(e, kUnihan, "kZVariant");
  for (Edge e : by_use(u.semantic_variants)) merge(e, kUnihan, "kSemanticVariant");
  for (const WitnessPair& p : WitnessPairs(corpus)) {
    if (all.Same(p.witness, p.master)) {
      table.witness_already.push_back(p);
    } else if (merge({std::min(p.witness, p.master), std::max(p.witness, p.master)}, kWitness, "witness")) {
      table.witness_merged.push_back(p);
    } else {
      table.witness_refused.push_back(p);
    }
  }
  // Japanese new forms (OpenCC's jp2t: 懐→懷, 曽→曾, 巻→卷, 毎→每): the
  // bashu masters use many and Unihan links few. Last, so that the pairs
  // the texts themselves attest win a place in a class first; the
  // standard-character rule keeps out forms that are other characters in
  // Chinese (予→豫, 連→聯, 芸→藝 would join two standards).
  std::vector<Edge> jp_edges;
  for (auto [from, to] : jp.map) jp_edges.push_back({std::min(from, to), std::max(from, to)});
  for (Edge e : by_use(jp_edges)) merge(e, kJapanese, "jp2t");

  // Representatives. Lower rank is better: a form t2s leaves alone (the
  // standard one, then one OpenCC produces, then one Unihan places in the
  // simplified system, then any), then URO, frequency in the master texts,
  // code point.
  std::map<char32_t, std::vector<char32_t>> members;
  for (char32_t cp : HanCodePoints()) members[all.Find(cp)].push_back(cp);
  std::erase_if(members, [](const auto& m) { return m.second.size() < 2; });
  std::set<char32_t> t2s_targets;
  for (auto [from, to] : t2s.map) t2s_targets.insert(to);
  auto rank = [&](char32_t cp) {
    const int tier = t2s_of(cp) != cp                    ? 4
                     : u.standard.count(cp)               ? 0
                     : t2s_targets.count(cp)              ? 1
                     : u.in_simplified_system.count(cp)   ? 2
                                                          : 3;
    const bool uro = cp >= 0x4E00 && cp <= 0x9FFF;
    return std::tuple(tier, !uro, ~freq(cp), cp);
  };
  std::map<char32_t, char32_t> fold;
  for (const auto& [root, list] : members) {
    const char32_t rep =
        *std::min_element(list.begin(), list.end(), [&](char32_t x, char32_t y) { return rank(x) < rank(y); });
    for (char32_t cp : list) fold[cp] = t2s_of(rep);
  }
  // Fixed point: fold(fold(c)) == fold(c).
  for (int round = 0;; ++round) {
    bool changed = false;
    for (auto& [cp, to] : fold) {
      auto it = fold.find(to);
      if (it != fold.end() && it->second != to) {
        to = it->second;
        changed = true;
      }
    }
    if (!changed) break;
    if (round > 10) Die("fold does not reach a fixed point");
  }
  auto fold_of = [&](char32_t cp) {
    auto it = fold.find(cp);
    return it == fold.end() ? cp : it->second;
  };
  for (auto [cp, to] : fold) {
    if (fold_of(to) != to) Die("not idempotent at " + Show(cp));
    if (IsHan(cp) != IsHan(to)) Die("fold crosses Han/non-Han at " + Show(cp));
  }
  for (auto [from, to] : t2s.map) {
    if (fold_of(from) != fold_of(to)) Die("t2s pair split: " + Show(from) + " " + Show(to));
  }
  for (const auto& [root, list] : members) table.classes[fold_of(list.front())] = list;

  // Tag each mapping with the one source whose edges alone connect it.
  for (auto [cp, to] : fold) {
    if (cp == to) continue;
    Source tag = kComposed;
    for (Source src : {kOpenCC, kUnihan, kJapanese, kWitness}) {
      if (by_source[src].Same(cp, to)) {
        tag = src;
        break;
      }
    }
    table.map[cp] = {to, tag};
  }

  // Full-width ASCII, the ideographic space, ASCII case.
  for (char32_t cp = 0xFF01; cp <= 0xFF5E; ++cp) {
    const char32_t ascii = cp - 0xFF01 + 0x21;
    if (ascii >= 'A' && ascii <= 'Z') {
      table.map[cp] = {ascii + 0x20, kComposed};
    } else {
      table.map[cp] = {ascii, kWidth};
    }
  }
  table.map[0x3000] = {0x20, kWidth};
  for (char32_t cp = 'A'; cp <= 'Z'; ++cp) table.map[cp] = {cp + 0x20, kCase};
  return table;
}

// ---------------------------------------------------------------- output

std::string Render(const Table& t, const T2s& t2s, const T2s& jp, const UnicodeInputs& u, const CorpusInputs& c,
                   const fs::path& opencc_config, const fs::path& jp_config) {
  std::ostringstream out;
  out << "# Fangzhi search fold table, generated by tools/build_fold_table (docs/search-folding.md); do not edit.\n";
  out << "# inputs: OpenCC " << PackageVersion("libopencc-data") << " " << opencc_config.filename().string()
      << " one character at a time (" << t2s.map.size() << " single-character mappings), "
      << jp_config.filename().string() << " likewise (" << jp.map.size() << ")"
      << "; unicode-data " << PackageVersion("unicode-data") << " (Unicode " << u.version
      << "): Unihan_Variants.txt kZVariant kSemanticVariant, Unihan_OtherMappings.txt kTGH, UnicodeData.txt"
      << " compatibility ideographs; corpus " << c.name << " (" << c.works << " works, " << c.juan_pairs
      << " master/witness juan pairs)\n";
  out << "# rules: variant classes of at most " << kMaxClassSize
      << ", never two standard characters in one class; witness pairs seen >= " << kMinWitnessCount
      << " times; columns: from, to, source; " << t.map.size() << " entries\n";
  for (const auto& [cp, v] : t.map) out << Hex(cp) << '\t' << Hex(v.first) << '\t' << kSourceNames[v.second] << '\n';
  return out.str();
}

void PrintStats(const Table& t, const T2s& t2s, const UnicodeInputs& u, const CorpusInputs& c) {
  std::array<size_t, kSourceNames.size()> per{};
  for (const auto& [cp, v] : t.map) ++per[v.second];
  std::cout << "entries: " << t.map.size() << "\n";
  for (size_t i = 0; i < per.size(); ++i) std::cout << "  " << kSourceNames[i] << ": " << per[i] << "\n";
  std::cout << "opencc: " << t2s.map.size() << " single-character t2s mappings kept, " << t2s.multi
            << " multi-code-point results and " << t2s.non_han << " non-Han results dropped\n";
  std::cout << "unicode: " << u.z_variants.size() << " kZVariant and " << u.semantic_variants.size()
            << " kSemanticVariant links between Han characters, " << u.canonical.size()
            << " compatibility ideographs, " << u.standard.size() << " kTGH standard characters\n";
  std::cout << "corpus " << c.name << ": " << c.juan_pairs << " juan pairs, " << c.aligned_units
            << " units aligned, " << c.unaligned_units << " left unaligned\n";
  auto pairs = [](const char* what, const std::vector<WitnessPair>& list) {
    std::cout << "witness pairs " << what << ": " << list.size() << "\n ";
    for (const WitnessPair& p : list) std::cout << " " << Utf8(p.witness) << "→" << Utf8(p.master) << " " << p.count;
    std::cout << "\n";
  };
  pairs("merged", t.witness_merged);
  pairs("already folded together", t.witness_already);
  pairs("refused", t.witness_refused);
  std::map<size_t, size_t> hist;
  std::vector<std::pair<size_t, char32_t>> by_size;
  for (const auto& [rep, list] : t.classes) {
    ++hist[list.size()];
    by_size.emplace_back(list.size(), rep);
  }
  std::cout << "classes: " << t.classes.size() << " (size:count)";
  for (auto [size, n] : hist) std::cout << " " << size << ":" << n;
  std::cout << "\nlargest classes:\n";
  std::stable_sort(by_size.begin(), by_size.end(), [](auto x, auto y) { return x.first > y.first; });
  for (size_t i = 0; i < by_size.size() && i < 15; ++i) {
    std::cout << "  " << Utf8(by_size[i].second) << " <-";
    for (char32_t cp : t.classes.at(by_size[i].second)) std::cout << " " << Utf8(cp);
    std::cout << "\n";
  }
  size_t for_size = 0;
  for (const Refusal& r : t.refused) for_size += r.standard_a == 0;
  std::cout << "refused merges: " << t.refused.size() << " (" << for_size << " for the class cap of " << kMaxClassSize
            << ", " << t.refused.size() - for_size << " for joining two standard characters)\n";
  for (const Refusal& r : t.refused) {
    std::cout << "  " << r.source << " " << Show(r.edge.a) << " ~ " << Show(r.edge.b);
    if (r.standard_a != 0) {
      std::cout << ": would join " << Utf8(r.standard_a) << " and " << Utf8(r.standard_b) << "\n";
    } else {
      std::cout << ": classes of " << r.size_a << " and " << r.size_b << "\n";
    }
  }
}

void Usage() {
  std::cerr << "usage: build_fold_table --corpus DIR -o FILE [--opencc-config t2s.json] [--jp-config jp2t.json]"
               " [--unicode-dir DIR] [-q]\n";
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  fs::path corpus, out;
  fs::path opencc_config = "/usr/share/opencc/t2s.json";
  fs::path jp_config = "/usr/share/opencc/jp2t.json";
  fs::path unicode_dir = "/usr/share/unicode";
  bool quiet = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage();
      return argv[++i];
    };
    if (arg == "--corpus") {
      corpus = value();
    } else if (arg == "-o" || arg == "--output") {
      out = value();
    } else if (arg == "--opencc-config") {
      opencc_config = value();
    } else if (arg == "--jp-config") {
      jp_config = value();
    } else if (arg == "--unicode-dir") {
      unicode_dir = value();
    } else if (arg == "-q" || arg == "--quiet") {
      quiet = true;
    } else {
      Usage();
    }
  }
  if (corpus.empty() || out.empty()) Usage();

  const std::vector<char32_t> han = HanCodePoints();
  const T2s t2s = LoadT2s(opencc_config, han);
  const T2s jp = LoadT2s(jp_config, han);
  const UnicodeInputs unicode = LoadUnicode(unicode_dir);
  const CorpusInputs corpus_inputs = LoadCorpus(corpus);
  const Table table = Build(t2s, jp, unicode, corpus_inputs);
  const std::string text = Render(table, t2s, jp, unicode, corpus_inputs, opencc_config, jp_config);
  {
    std::ofstream f(out, std::ios::binary | std::ios::trunc);
    if (!(f << text) || !f.flush()) Die("cannot write " + out.string());
  }
  if (!quiet) PrintStats(table, t2s, unicode, corpus_inputs);
  return 0;
}
