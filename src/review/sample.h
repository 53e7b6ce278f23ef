// 质量抽查: a reproducible sample of whole paragraphs totalling about N Han
// characters, stratified across the top-level parts (类目, 篇).
//
// The algorithm, so that anyone can redraw a sample from its seed:
//  1. Passages are the paragraphs of the edition (blocks sharing a `para`
//     within a node; page anchors and remarks excluded) that hold at least one
//     Han character (text/han.h), in reading order. Each belongs to the
//     stratum of its top-level node.
//  2. If the book has no more than N Han characters, the sample is the whole
//     book. Otherwise stratum s gets quota q_s = N·c_s / C (c_s its characters,
//     C the book's), rounded down, the remainder handed out one character at a
//     time by largest fractional part (ties: reading order).
//  3. One std::mt19937_64 seeded with S (the standard fixes its output
//     sequence) shuffles each stratum's passages in turn, in reading order of
//     the strata, by Fisher–Yates from the last index down: j = Below(i + 1).
//     Below(n) draws r until r ≥ (2⁶⁴ − n) mod n, and returns r mod n (no
//     modulo bias; std::uniform_int_distribution is implementation-defined
//     and is not used).
//  4. Passages are taken in shuffled order while the stratum's total is under
//     its quota; a passage that would cross the quota is taken only if that
//     leaves the total nearer the quota; then the next one is tried.
//  5. The sample is listed in reading order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/document.h"

namespace fangzhi::review {

inline constexpr size_t kDefaultSampleChars = 100000;

struct SampleOptions {
  size_t chars = kDefaultSampleChars;  // N, Han characters; must be > 0
  uint64_t seed = 0;
  std::string edition;  // empty: the base edition
};

struct SamplePassage {
  std::string path;        // citation path of the node
  std::string node_title;
  std::string chapter;     // title of the top-level node (the stratum)
  int para = 0;            // paragraph number within the node (`path#pN`)
  size_t chars = 0;        // Han characters
  std::string text;        // the paragraph's blocks, joined by '\n'
};

struct SampleStratum {
  std::string title;
  std::string path;
  size_t chars = 0;     // Han characters of the stratum in the book
  size_t quota = 0;
  size_t sampled = 0;   // Han characters drawn
  size_t passages = 0;  // passages drawn
};

struct Sample {
  std::string work;
  std::string title;
  uint64_t seed = 0;
  size_t target_chars = 0;  // N
  size_t book_chars = 0;    // C
  size_t sample_chars = 0;  // Σ passages' chars
  bool whole_book = false;
  std::vector<SampleStratum> strata;
  std::vector<SamplePassage> passages;  // reading order
};

Status DrawSample(const model::Document& doc, const SampleOptions& options, Sample* out);

// {"format":"fangzhi-sample","algorithm":…,"seed":…,"target_chars":…,
//  "book_chars":…,"sample_chars":…,"whole_book":…,"strata":[…],"passages":[…]}
// The seed is written as a string so that 64-bit seeds survive JavaScript.
std::string SampleJson(const Sample& sample);
std::string SampleText(const Sample& sample);  // for the terminal
// Reads SampleJson's output back (e.g. the "sample" member of MARKS.json);
// errors name the file and field.
Status ParseSampleJson(std::string_view json, const std::string& file, Sample* out);

// An unbiased draw from [0, n), n > 0, as step 3 describes.
uint64_t UniformBelow(std::mt19937_64& gen, uint64_t n);

}  // namespace fangzhi::review
