// fangzhi review: 篇目审查, 复核, 质量抽查 and the 差错率 (docs/review.md).
// The work is in src/review/; this file reads the inputs, calls it, prints.
// Every input is read and validated before anything is written.
#include <filesystem>
#include <iostream>

#include "check/checker.h"
#include "check/report.h"
#include "check/rule_pack.h"
#include "check/source_map.h"
#include "cli/commands.h"
#include "cli/manuscript_ref.h"
#include "cli/output_file.h"
#include "formats/text_file.h"
#include "review/error_rate.h"
#include "review/framework.h"
#include "review/manuscript.h"
#include "review/outline_review.h"
#include "review/quality_report.h"
#include "review/recheck.h"
#include "review/sample.h"
#include "review/version_diff.h"

namespace fs = std::filesystem;

namespace fangzhi::cli {
namespace {

struct Loaded {
  std::string name;  // as given
  bool from_file = false;
  model::Document doc;
};

// A file (.md .docx .txt .json), or a work in the library given as WORK or
// WORK@EDITION (with --data). The document keeps only the edition reviewed,
// as its base.
Status LoadReviewInput(const CommandLine& cl, const std::string& arg, const std::string& kind,
                       std::unique_ptr<store::Library>* lib, Loaded* out) {
  out->name = arg;
  if (IsManuscriptRef(arg)) {
    // A stored manuscript version (ms:<id>@v<n>): its kind comes from the
    // manuscript record when the text itself does not say.
    std::string ms_kind;
    FZ_RETURN_IF_ERROR(LoadManuscriptRef(cl.data_dir, arg, &out->doc, &ms_kind, &out->name));
    if (kind.empty() && out->doc.work.kind.empty()) out->doc.work.kind = ms_kind == "gazetteer" ? "志书" : "年鉴";
    return Status::Ok();
  }
  std::error_code ec;
  if (fs::exists(arg, ec)) {
    out->from_file = true;
    if (fs::is_directory(arg, ec) && !fs::exists(fs::path(arg) / "master", ec)) {
      return Status::InvalidInput(arg + "：是目录，不是稿件（review 读 .md、.docx、.txt、.json 稿件）");
    }
    return review::LoadManuscript(arg, kind, &out->doc);
  }
  if (!fs::exists(fs::path(cl.data_dir) / "fangzhi.db", ec)) {
    return Status::NotFound(arg + "：文件不存在，数据目录 " + cl.data_dir + " 中也没有文库（库中作品请用 --data 目录 作品编号[@版本]）");
  }
  if (!*lib) FZ_RETURN_IF_ERROR(OpenLibrary(cl, lib));
  const size_t at = arg.rfind('@');
  const std::string work = at == std::string::npos ? arg : arg.substr(0, at);
  std::string edition = at == std::string::npos ? cl.Value("--edition") : arg.substr(at + 1);
  Status s = (*lib)->LoadDocument(work, edition, &out->doc);
  if (!s.ok() && s.code() == Status::Code::kNotFound) {
    return Status::NotFound(arg + "：文件不存在，库中也没有这个作品或版本（" + s.message() + "）");
  }
  FZ_RETURN_IF_ERROR(s);
  const model::Edition* e = edition.empty() ? out->doc.BaseEdition() : out->doc.FindEdition(edition);
  if (e == nullptr) return Status::NotFound(arg + "：库中的作品 " + work + " 没有版本 " + edition);
  model::Edition keep = *e;
  keep.base = true;
  out->doc.editions = {std::move(keep)};
  return Status::Ok();
}

std::string KindArg(const CommandLine& cl, Status* s) {
  std::string kind = cl.Value("--kind");
  if (kind == "年鉴") kind = "yearbook";
  if (kind == "志书") kind = "gazetteer";
  if (!kind.empty() && kind != "yearbook" && kind != "gazetteer") {
    *s = Status::InvalidInput("--kind 只能是 yearbook（年鉴）或 gazetteer（志书），而不是 “" + kind + "”");
  }
  return kind;
}

// What outline and recheck share: the kind, and the framework — a named one
// is read before any manuscript, so that a bad framework fails first.
struct Setup {
  std::string kind;
  review::Framework fw;
  bool framework_named = false;

  Status Begin(const CommandLine& cl) {
    Status s;
    kind = KindArg(cl, &s);
    FZ_RETURN_IF_ERROR(s);
    framework_named = cl.values.count("--framework") > 0;
    return framework_named ? review::ResolveFramework(cl.Value("--framework"), &fw) : Status::Ok();
  }
  // Without --framework: the builtin one of the manuscript's kind.
  Status Finish(const model::Document& doc) {
    return framework_named ? Status::Ok() : review::BuiltinFramework(review::ReviewKind(doc, kind), &fw);
  }
};

// Line and column in a .md/.txt the editor has open; the paragraph citation otherwise.
void Locate(const Loaded& in, std::vector<check::Finding>* findings) {
  const std::string ext = fs::path(in.name).extension().string();
  const model::Edition* e = in.doc.BaseEdition();
  if (in.from_file && e != nullptr && (ext == ".md" || ext == ".txt" || ext == ".markdown")) {
    std::string source;
    if (formats::ReadUtf8File(in.name, &source).ok()) {
      check::SourceMap map(std::move(source), *e);
      for (auto& f : *findings) {
        if (!map.Locate(f, &f.line, &f.column)) f.line = f.column = 0;
        f.where = in.name + ":" + std::to_string(f.line) + ":" + std::to_string(f.column);
      }
      return;
    }
  }
  for (auto& f : *findings) f.where = f.para < 0 ? f.path : f.path + "#p" + std::to_string(f.para);
}

bool AnyAtLeastWarning(const std::vector<check::Finding>& fs) {
  for (const auto& f : fs) {
    if (f.severity >= check::Severity::kWarning) return true;
  }
  return false;
}

int Outline(const CommandLine& cl) {
  if (cl.args.size() != 2) return Fail(Status::InvalidInput("用法：fangzhi review outline 稿件 [--framework yearbook|gazetteer|框架文件] [--json]"));
  Setup setup;
  Status s = setup.Begin(cl);
  if (!s.ok()) return Fail(s);
  std::unique_ptr<store::Library> lib;
  Loaded in;
  s = LoadReviewInput(cl, cl.args[1], setup.kind, &lib, &in);
  if (s.ok()) s = setup.Finish(in.doc);
  if (!s.ok()) return Fail(s);
  const std::string& kind = setup.kind;
  const review::Framework& fw = setup.fw;
  check::FileReport rep;
  rep.file = in.name;
  rep.work_id = in.doc.work.id;
  rep.title = in.doc.work.title;
  rep.kind = review::ReviewKind(in.doc, kind);
  s = review::ReviewOutline(in.doc, fw, {}, &rep.findings);
  if (!s.ok()) return Fail(s);
  Locate(in, &rep.findings);
  const bool fails = AnyAtLeastWarning(rep.findings);
  std::string out;
  if (cl.Has("--json")) {
    check::ReportSummary summary;
    summary.rules = review::OutlineRules().size();
    out = check::RenderJson({rep}, summary);
  } else {
    out = "篇目审查《" + in.doc.work.title + "》，框架 " + fw.id + "（" + fw.file + "）：" +
          (rep.findings.empty() ? std::string("未发现问题") : std::to_string(rep.findings.size()) + " 处") + "\n" +
          check::RenderText({rep});
  }
  s = WriteOutput(cl.Value("-o"), out);
  if (!s.ok()) return Fail(s);
  return fails ? kExitFailure : kExitOk;
}

std::string RecheckText(const review::RecheckResult& r) {
  std::string out = "复核：已改正 " + std::to_string(r.fixed.size()) + "，仍存在 " + std::to_string(r.still_present.size()) +
                    "，已移动 " + std::to_string(r.moved.size()) + "，新出现 " + std::to_string(r.added.size()) + "\n";
  auto line = [](const check::Finding& f) {
    return f.path + (f.para > 0 ? "#p" + std::to_string(f.para) : "") + " " + f.rule + " " + f.message +
           (f.excerpt.empty() ? "" : "：“" + f.excerpt + "”") + "\n";
  };
  if (!r.fixed.empty()) out += "\n已改正 fixed:\n";
  for (const auto& f : r.fixed) out += "  " + line(f);
  if (!r.still_present.empty()) out += "\n仍存在 still present:\n";
  for (const auto& m : r.still_present) out += "  " + line(m.after);
  if (!r.moved.empty()) out += "\n已移动 moved:\n";
  for (const auto& m : r.moved) out += "  " + m.before.path + " → " + line(m.after);
  if (!r.added.empty()) out += "\n新出现 new:\n";
  for (const auto& f : r.added) out += "  " + line(f);
  return out;
}

std::string DiffText(const std::vector<review::NodeDiff>& diffs) {
  std::string out = "\n按节点比较 changed nodes:\n";
  size_t shown = 0;
  for (const auto& d : diffs) {
    if (d.change == review::NodeChange::kUnchanged) continue;
    ++shown;
    const char* label = d.change == review::NodeChange::kAdded     ? "新增"
                        : d.change == review::NodeChange::kRemoved ? "删除"
                                                                   : "修改";
    out += "  [" + std::string(label) + "] " + (d.new_path.empty() ? d.old_path : d.new_path) + " " +
           (d.new_title.empty() ? d.old_title : d.new_title);
    if (d.change == review::NodeChange::kChanged) {
      if (d.old_title != d.new_title) out += "（原题“" + d.old_title + "”）";
      out += "：删 " + std::to_string(d.removed_chars) + " 字，增 " + std::to_string(d.added_chars) + " 字";
      for (const auto& p : d.pieces) {
        if (p.op == review::DiffPiece::Op::kSame) continue;
        out += std::string(p.op == review::DiffPiece::Op::kRemoved ? "\n      − " : "\n      + ") + p.text;
      }
    }
    out += "\n";
  }
  if (shown == 0) out += "  （两版正文相同）\n";
  return out;
}

int Recheck(const CommandLine& cl) {
  if (cl.args.size() != 3) return Fail(Status::InvalidInput("用法：fangzhi review recheck 旧稿 新稿 [--json] [--diff]"));
  Setup setup;
  Status s = setup.Begin(cl);
  if (!s.ok()) return Fail(s);
  check::RuleSet rules;
  s = check::LoadBuiltinRules(&rules);
  if (!s.ok()) return Fail(s);
  std::unique_ptr<check::Checker> checker;
  s = check::Checker::Create(std::move(rules), &checker);
  if (!s.ok()) return Fail(s);
  std::unique_ptr<store::Library> lib;
  Loaded old_in, new_in;
  s = LoadReviewInput(cl, cl.args[1], setup.kind, &lib, &old_in);
  if (s.ok()) s = LoadReviewInput(cl, cl.args[2], setup.kind, &lib, &new_in);
  if (s.ok()) s = setup.Finish(new_in.doc);
  if (!s.ok()) return Fail(s);
  // Both versions are checked as the same kind: the new one's.
  const std::string k = review::ReviewKind(new_in.doc, setup.kind);
  std::vector<check::Finding> old_f, new_f;
  s = review::CheckVersion(old_in.doc, k, "", checker.get(), setup.fw, &old_f);
  if (s.ok()) s = review::CheckVersion(new_in.doc, k, "", checker.get(), setup.fw, &new_f);
  if (!s.ok()) return Fail(s);
  Locate(old_in, &old_f);
  Locate(new_in, &new_f);
  review::RecheckResult r;
  s = review::Recheck(old_in.doc, old_f, new_in.doc, new_f, &r);
  if (!s.ok()) return Fail(s);
  std::string out = cl.Has("--json") ? review::RecheckJson(r) : RecheckText(r);
  if (cl.Has("--diff") && !cl.Has("--json")) out += DiffText(review::DiffVersions(old_in.doc, new_in.doc));
  s = WriteOutput(cl.Value("-o"), out);
  if (!s.ok()) return Fail(s);
  return r.still_present.empty() && r.moved.empty() && r.added.empty() ? kExitOk : kExitFailure;
}

Status ParseCount(const std::string& flag, const std::string& v, uint64_t max, uint64_t* out) {
  if (v.empty() || v.size() > 20 || v.find_first_not_of("0123456789") != std::string::npos) {
    return Status::InvalidInput(flag + " 必须是非负整数，而不是 “" + v + "”");
  }
  try {
    *out = std::stoull(v);
  } catch (const std::exception&) {
    return Status::InvalidInput(flag + " 超出范围：“" + v + "”");
  }
  if (*out > max) return Status::InvalidInput(flag + " 不能大于 " + std::to_string(max));
  return Status::Ok();
}

int SampleCmd(const CommandLine& cl) {
  if (cl.args.size() != 2) return Fail(Status::InvalidInput("用法：fangzhi review sample 稿件 --seed 种子 [--chars 字数] [--json]"));
  if (!cl.values.count("--seed")) {
    return Fail(Status::InvalidInput("review sample 需要 --seed 种子（非负整数）：同一种子抽得同一样本，请把它记入抽查记录"));
  }
  review::SampleOptions opt;
  uint64_t v = 0;
  Status s = ParseCount("--seed", cl.Value("--seed"), UINT64_MAX, &v);
  if (!s.ok()) return Fail(s);
  opt.seed = v;
  if (cl.values.count("--chars")) {
    s = ParseCount("--chars", cl.Value("--chars"), 1'000'000'000, &v);
    if (!s.ok()) return Fail(s);
    if (v == 0) return Fail(Status::InvalidInput("--chars 必须大于 0"));
    opt.chars = static_cast<size_t>(v);
  }
  Status ks;
  const std::string kind = KindArg(cl, &ks);
  if (!ks.ok()) return Fail(ks);
  std::unique_ptr<store::Library> lib;
  Loaded in;
  s = LoadReviewInput(cl, cl.args[1], kind, &lib, &in);
  if (!s.ok()) return Fail(s);
  review::Sample sample;
  s = review::DrawSample(in.doc, opt, &sample);
  if (!s.ok()) return Fail(s);
  s = WriteOutput(cl.Value("-o"), cl.Has("--json") ? review::SampleJson(sample) : review::SampleText(sample));
  return s.ok() ? kExitOk : Fail(s);
}

int ErrorRateCmd(const CommandLine& cl) {
  if (cl.args.size() != 2) {
    return Fail(Status::InvalidInput("用法：fangzhi review error-rate MARKS.json [--json] [--format text|json|html|pdf] [-o 输出]"));
  }
  std::string format = cl.Value("--format", cl.Has("--json") ? "json" : "text");
  if (format != "text" && format != "json" && format != "html" && format != "pdf") {
    return Fail(Status::InvalidInput("不支持的报告格式 “" + format + "”（可用 text、json、html、pdf）"));
  }
  const std::string out_path = cl.Value("-o");
  if (format == "pdf" && (out_path.empty() || out_path == "-")) {
    return Fail(Status::InvalidInput("--format pdf 需要用 -o 指定输出的 .pdf 文件"));
  }
  review::ErrorWeights weights;
  Status s = cl.values.count("--weights") ? review::LoadErrorWeights(cl.Value("--weights"), &weights)
                                          : review::BuiltinErrorWeights(&weights);
  if (!s.ok()) return Fail(s);
  const std::string& file = cl.args[1];
  review::Marks marks;
  s = review::LoadMarks(file, &marks);
  if (!s.ok()) {
    if (s.code() == Status::Code::kNotFound || s.message().starts_with(file)) return Fail(s);
    return Fail(Status::InvalidInput(file + "：" + s.message()));
  }
  review::Sample sample;
  const bool has_sample = !marks.sample_json.empty();
  if (has_sample) {
    s = review::ParseSampleJson(marks.sample_json, file + " 的 sample", &sample);
    if (!s.ok()) return Fail(s);
  }
  review::ErrorRate rate;
  s = review::ComputeErrorRate(marks, weights, &rate);
  if (!s.ok()) return Fail(Status::InvalidInput(file + "：" + s.message()));
  std::string out;
  if (format == "text") out = review::ErrorRateText(rate);
  if (format == "json") out = review::ErrorRateJson(rate);
  if (format == "html" || format == "pdf") {
    review::QualityReport rep;
    rep.marks = &marks;
    rep.rate = &rate;
    rep.weights = &weights;
    rep.sample = has_sample ? &sample : nullptr;
    out = review::RenderQualityReportHtml(rep);
  }
  s = format == "pdf" ? review::PrintHtmlToPdf(out, out_path) : WriteOutput(out_path, out);
  if (!s.ok()) return Fail(s);
  return kExitOk;
}

}  // namespace

int RunReview(const CommandLine& cl) {
  const std::string sub = cl.args.empty() ? "" : cl.args.front();
  if (sub == "outline") return Outline(cl);
  if (sub == "recheck") return Recheck(cl);
  if (sub == "sample") return SampleCmd(cl);
  if (sub == "error-rate") return ErrorRateCmd(cl);
  return Fail(Status::InvalidInput((sub.empty() ? std::string("review 需要子命令") : "review 没有子命令 “" + sub + "”") +
                                   "：outline（篇目审查）、recheck（复核）、sample（质量抽查）、error-rate（差错率）；运行 fangzhi review --help 查看用法"));
}

}  // namespace fangzhi::cli
