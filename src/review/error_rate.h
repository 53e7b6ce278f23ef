// 差错率 per 《图书质量管理规定》 (2004) and its 附件《图书编校差错率计算方法》:
// marked errors, each weighted by its type (a row of a versioned config,
// frameworks/error-weights-v1.yaml), summed with the regulation's caps on
// repeats, divided by the characters checked, in 万分比, with the verdict.
//
// Arithmetic is exact: weights are read as decimals with at most two places
// and kept in hundredths of an error (Centi), and the verdict compares
// errors × 10000 with chars × threshold as integers, so a rate of exactly
// 1/10000 is 合格 and never flips on rounding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "check/finding.h"

namespace fangzhi::review {

// Hundredths of an error: 1 error = 100, 0.5 = 50, 0.1 = 10.
using Centi = int64_t;
std::string FormatCenti(Centi c);  // 150 → "1.5", 10 → "0.1", 400 → "4"

// A cap on identical errors (same type, same excerpt and correction): each
// page (面) counts at most `per_page`, the whole book at most `max_total`;
// -1 where there is no such cap. Marks without a page count as a page each.
struct RepeatRule {
  Centi per_page = -1;
  Centi max_total = -1;
};

struct ErrorType {
  std::string id;      // "typo"
  std::string label;   // 一般错字、别字、多字、漏字、倒字
  Centi weight = 0;    // per occurrence
  RepeatRule repeat;
  std::string clause;  // where the regulation says so
  bool verified = true;  // false: the value could not be checked against the text (see `note`)
  std::string note;
  int line = 0;
};

// Rates up to and including `max_per_10000` (Centi per 10000 characters; -1
// = no upper bound) get this verdict. Bands are ordered.
struct VerdictBand {
  Centi max_per_10000 = -1;
  std::string verdict;  // 合格
  std::string action;   // what the regulation then requires
  bool pass = false;
};

struct ErrorWeights {
  std::string id;       // "error-weights"
  int version = 1;
  std::string title;
  std::string source;
  std::string file;
  std::vector<ErrorType> types;
  std::vector<VerdictBand> bands;
  // check category name ("typo") → error type id, for MarksFromFindings.
  std::map<std::string, std::string> category_types;

  const ErrorType* Find(std::string_view type_id) const;
};

// frameworks/error-weights-v1.yaml, compiled in.
Status BuiltinErrorWeights(ErrorWeights* out);
// Errors name the file and line.
Status LoadErrorWeights(const std::string& path, ErrorWeights* out);
Status ParseErrorWeights(std::string_view yaml, const std::string& file, ErrorWeights* out);

struct ErrorMark {
  std::string type;     // an ErrorType id
  std::string path;     // citation path of the node
  int para = 0;
  std::string excerpt;  // the wrong text as printed
  std::string correction;
  int page = 0;         // 面; 0 = not given
  std::string note;
  std::string rule;     // the check rule, when the mark came from a finding
};

// Where a mark is, for people: "work/4/2#p3", or the path alone when the
// mark names no paragraph (para 0).
std::string MarkPlace(const ErrorMark& m);

// MARKS.json: {"chars": N, "marks": [{"type", "path", "para", "excerpt",
// "correction"?, "page"?, "note"?, "rule"?}…], "title"?, "work"?, "sample"?}
// `sample` may hold the output of `fangzhi review sample --json`, for the report.
struct Marks {
  size_t chars = 0;  // characters checked (the sample's total)
  std::string title;
  std::string work;
  std::vector<ErrorMark> marks;
  std::string sample_json;  // the "sample" member verbatim (re-serialised), or empty
};

// Errors name the file and the field: "m.json：marks[2].type 必须是字符串".
Status ParseMarks(std::string_view json, const std::string& file, Marks* out);
Status LoadMarks(const std::string& path, Marks* out);
std::string MarksJson(const Marks& marks);

struct WeightedMark {
  ErrorMark mark;
  Centi weight = 0;   // the type's weight
  Centi counted = 0;  // what it adds after the repeat caps (0 for a capped repeat)
};

struct TypeTotal {
  std::string type;
  std::string label;
  size_t marks = 0;
  Centi counted = 0;
};

struct ErrorRate {
  size_t chars = 0;
  Centi errors = 0;          // Σ counted
  // errors ÷ chars × 10000, rounded half up to two decimals, for display only.
  std::string per_10000;     // "1.25"
  int band = -1;             // index into the weights' bands
  std::string verdict;
  std::string action;
  bool pass = false;
  std::string weights_id;    // "error-weights v1"
  std::vector<WeightedMark> marks;  // in the order given
  std::vector<TypeTotal> totals;    // in the config's type order, types with marks only
};

// InvalidInput for an unknown type (naming the mark) or chars == 0.
Status ComputeErrorRate(const Marks& marks, const ErrorWeights& weights, ErrorRate* out);
std::string ErrorRateJson(const ErrorRate& rate);
std::string ErrorRateText(const ErrorRate& rate);

// "Accept into the marks with one click": one mark per finding whose
// category the config maps to an error type (others are left out: they are
// style, not 差错). Book-level findings are left out too.
std::vector<ErrorMark> MarksFromFindings(const std::vector<check::Finding>& findings, const ErrorWeights& weights);

}  // namespace fangzhi::review
