// fangzhi check: manuscript checks for 志书 and 年鉴 (docs/checks.md).
// Everything that can be wrong with the input — a file, the rule packs, the
// office config — is found before anything is written, so a bad input exits
// 2 with nothing written.
#include <filesystem>
#include <iostream>

#include "check/checker.h"
#include "check/node_text.h"
#include "check/office_config.h"
#include "check/report.h"
#include "check/rule_pack.h"
#include "check/source_map.h"
#include "cli/commands.h"
#include "cli/output_file.h"
#include "formats/docx_exporter.h"
#include "formats/docx_importer.h"
#include "formats/json_format.h"
#include "formats/manuscript_markdown.h"
#include "formats/plain_text_importer.h"
#include "formats/text_file.h"
#include "text/utf8.h"

namespace fs = std::filesystem;

namespace fangzhi::cli {
namespace {

enum class InputKind { kMarkdown, kText, kDocx, kJson, kLibrary };

struct Input {
  std::string name;  // as given
  InputKind kind = InputKind::kText;
  model::Document doc;
  formats::DocxParagraphMap docx_paragraphs;
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Status LoadInput(const CommandLine& cl, const std::string& arg, const std::string& kind,
                 std::unique_ptr<store::Library>* lib, Input* in) {
  in->name = arg;
  std::error_code ec;
  if (fs::exists(arg, ec)) {
    if (!fs::is_regular_file(arg, ec)) return Status::InvalidInput(arg + "：不是文件（check 检查 .md、.docx、.txt 稿件）");
    const std::string ext = Lower(fs::path(arg).extension().string());
    if (ext == ".md" || ext == ".markdown") {
      in->kind = InputKind::kMarkdown;
      return formats::ImportManuscriptMarkdown(arg, &in->doc);
    }
    if (ext == ".txt" || ext == ".text") {
      in->kind = InputKind::kText;
      FZ_RETURN_IF_ERROR(formats::ImportPlainText(arg, &in->doc));
      if (kind == "gazetteer") in->doc.work.kind = model::kKindGazetteer;
      return Status::Ok();
    }
    if (ext == ".docx") {
      in->kind = InputKind::kDocx;
      formats::DocxImportOptions opt;
      opt.kind = kind == "gazetteer" ? model::kKindGazetteer : model::kKindYearbook;
      return formats::ImportDocx(arg, opt, &in->doc, &in->docx_paragraphs);
    }
    if (ext == ".json") {
      in->kind = InputKind::kJson;
      return formats::ImportJsonFile(arg, &in->doc);
    }
    return Status::Unsupported(arg + "：无法识别的格式“" + ext + "”；check 可检查 .md、.docx、.txt 稿件，或库中的作品（--data 目录 作品编号）");
  }
  // Not a file: a work in the library, if there is a library at all (never
  // create one just to look).
  if (!fs::exists(fs::path(cl.data_dir) / "fangzhi.db", ec)) {
    return Status::NotFound(arg + "：文件不存在，数据目录 " + cl.data_dir + " 中也没有文库（作品请用 --data 目录 作品编号）");
  }
  if (!*lib) FZ_RETURN_IF_ERROR(OpenLibrary(cl, lib));
  in->kind = InputKind::kLibrary;
  Status s = (*lib)->LoadDocument(arg, cl.Value("--edition"), &in->doc);
  if (!s.ok() && s.code() == Status::Code::kNotFound) {
    return Status::NotFound(arg + "：文件不存在，库中也没有这个作品编号（" + s.message() + "）");
  }
  return s;
}

// Fills line/column and the printed location of each finding.
void Locate(const Input& in, std::vector<check::Finding>* findings) {
  if (in.kind == InputKind::kMarkdown || in.kind == InputKind::kText) {
    std::string source;
    if (!formats::ReadUtf8File(in.name, &source).ok()) return;
    const model::Edition* e = in.doc.BaseEdition();
    if (e == nullptr) return;
    check::SourceMap map(std::move(source), *e);
    for (auto& f : *findings) {
      if (!map.Locate(f, &f.line, &f.column)) f.line = f.column = 0;
      f.where = in.name + ":" + std::to_string(f.line) + ":" + std::to_string(f.column);
    }
    return;
  }
  // Per node, the segment → block mapping.
  const model::Edition* e = in.doc.BaseEdition();
  std::vector<const model::Node*> nodes;
  if (e) model::ForEachNode(e->nodes, [&](const model::Node& n, const std::string&, int) { nodes.push_back(&n); });
  for (auto& f : *findings) {
    if (f.node >= nodes.size()) {
      f.where = in.name + ":0:0";
      continue;
    }
    const check::NodeText nt = check::BuildNodeText(*nodes[f.node]);
    const check::Segment& seg = nt.segments[f.segment];
    const std::string node_path = f.path.substr(std::min(f.path.size(), in.doc.work.id.size() + 1));
    if (in.kind == InputKind::kDocx) {
      auto it = in.docx_paragraphs.find({node_path, seg.title ? -1 : static_cast<int>(seg.block)});
      f.line = it == in.docx_paragraphs.end() ? 0 : it->second;
      f.column = f.seg_start + 1;
      f.where = in.name + ":" + std::to_string(f.line) + ":" + std::to_string(f.column);
      continue;
    }
    // A work in the library (or a JSON export): the paragraph citation and
    // the line within the block.
    const std::string_view text = nt.View(seg);
    const size_t byte = nt.ByteAt(f.start) - seg.byte_begin;
    size_t line = 1, line_start = 0;
    for (size_t i = 0; i < byte && i < text.size(); ++i) {
      if (text[i] == '\n') ++line, line_start = i + 1;
    }
    f.line = line;
    f.column = text::CountCodePoints(text.substr(line_start, byte - line_start)) + 1;
    f.where = f.path + (seg.title ? "" : "#p" + std::to_string(f.para)) + ":" + std::to_string(f.line) + ":" +
              std::to_string(f.column);
  }
}

std::vector<formats::DocxAnnotation> Annotations(const Input& in, const std::vector<check::Finding>& findings) {
  std::vector<formats::DocxAnnotation> out;
  const model::Edition* e = in.doc.BaseEdition();
  std::vector<const model::Node*> nodes;
  if (e) model::ForEachNode(e->nodes, [&](const model::Node& n, const std::string&, int) { nodes.push_back(&n); });
  for (const auto& f : findings) {
    formats::DocxAnnotation a;
    a.text = "【" + f.rule + "·" + check::SeverityLabel(f.severity) + "】" + f.message;
    if (!f.excerpt.empty()) a.text += "：" + check::Quoted(f.excerpt);
    if (!f.suggestion.empty()) a.text += "。建议：" + f.suggestion;
    if (f.node < nodes.size()) {
      const check::NodeText nt = check::BuildNodeText(*nodes[f.node]);
      const check::Segment& seg = nt.segments[f.segment];
      a.node_path = f.path.substr(std::min(f.path.size(), in.doc.work.id.size() + 1));
      a.block = seg.title ? -1 : static_cast<int>(seg.block);
      a.start = f.seg_start;
      a.end = f.seg_end;
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::string RuleList(const check::RuleSet& rules) {
  std::string out;
  for (const auto& r : rules.rules) {
    out += r.id + "\t" + check::CategoryName(r.category) + "\t" + check::SeverityName(r.severity) + "\t" +
           (r.enabled ? "启用" : "停用") + "\t" + r.message + "\t" + r.source + "\n";
  }
  return out;
}

}  // namespace

int RunCheck(const CommandLine& cl) {
  const std::string format = cl.Value("--format", "text");
  if (format != "text" && format != "json" && format != "html" && format != "docx") {
    return Fail(Status::InvalidInput("不支持的报告格式 “" + format + "”（可用 text、json、html、docx）"));
  }
  // Rules, then the office config over them.
  check::RuleSet rules;
  Status s = cl.values.count("--rules") ? check::LoadRulePacks(cl.Value("--rules"), &rules)
                                        : check::LoadBuiltinRules(&rules);
  if (!s.ok()) return Fail(s);
  check::OfficeSettings settings;
  if (cl.values.count("--config")) {
    s = check::ApplyOfficeConfig(cl.Value("--config"), &rules, &settings);
    if (!s.ok()) return Fail(s);
  }
  std::string kind = cl.Value("--kind", settings.kind);
  if (kind == "年鉴") kind = "yearbook";
  if (kind == "志书") kind = "gazetteer";
  if (!kind.empty() && kind != "yearbook" && kind != "gazetteer") {
    return Fail(Status::InvalidInput("--kind 只能是 yearbook（年鉴）或 gazetteer（志书），而不是 “" + kind + "”"));
  }
  // The 断限 and place a Word or text manuscript cannot carry (docs/checks.md).
  const std::string period = cl.Value("--period");
  if (int first = 0, last = 0; cl.values.count("--period") && !check::ParsePeriod(period, &first, &last)) {
    return Fail(Status::InvalidInput("--period 是年鉴所记的年份（断限），如 2024 或 1986-2005，而不是 “" + period + "”"));
  }
  const std::string place = cl.Value("--place");
  if (cl.values.count("--place") && place.empty()) {
    return Fail(Status::InvalidInput("--place 是本书所记的地方名称，如 --place 示例县"));
  }
  if (s = formats::CheckUtf8("--place", place); !s.ok()) return Fail(s);
  size_t enabled = 0;
  for (const auto& r : rules.rules) enabled += r.enabled;
  std::unique_ptr<check::Checker> checker;
  s = check::Checker::Create(std::move(rules), &checker);
  if (!s.ok()) return Fail(s);
  if (cl.Has("--list-rules")) {
    s = WriteOutput(cl.Value("-o"), RuleList(checker->rules()));
    return s.ok() ? kExitOk : Fail(s);
  }
  if (cl.args.empty()) {
    return Fail(Status::InvalidInput("check 需要至少一个稿件：.md、.docx、.txt 文件，或库中的作品编号（配合 --data）"));
  }
  if (format == "docx" && cl.args.size() != 1) {
    return Fail(Status::InvalidInput("--format docx 一次只能检查一个稿件（批注写回该稿件）"));
  }
  if (format == "docx" && (cl.Value("-o").empty() || cl.Value("-o") == "-")) {
    return Fail(Status::InvalidInput("--format docx 需要用 -o 指定输出的 .docx 文件"));
  }
  if (const std::string out = cl.Value("-o"); !out.empty() && out != "-") {
    for (const std::string& arg : cl.args) {
      std::error_code ec;
      if (fs::equivalent(arg, out, ec)) {
        return Fail(Status::InvalidInput("-o " + out + " 就是要检查的稿件 " + arg +
                                         "：输出会覆盖原稿，请另写一个文件 (output would overwrite the manuscript)"));
      }
    }
  }

  std::unique_ptr<store::Library> lib;
  std::vector<Input> inputs(cl.args.size());
  std::vector<check::FileReport> reports;
  for (size_t i = 0; i < cl.args.size(); ++i) {
    s = LoadInput(cl, cl.args[i], kind, &lib, &inputs[i]);
    if (!s.ok()) return Fail(s);
    check::CheckOptions opt;
    opt.kind = kind;
    if (inputs[i].kind == InputKind::kLibrary) opt.edition = cl.Value("--edition");
    opt.period = period;
    opt.place = place;
    opt.default_period = settings.period;
    opt.default_place = settings.place;
    switch (inputs[i].kind) {
      case InputKind::kMarkdown: opt.input_format = "markdown"; break;
      case InputKind::kDocx: opt.input_format = "docx"; break;
      case InputKind::kText: opt.input_format = "text"; break;
      case InputKind::kJson:
      case InputKind::kLibrary: break;
    }
    check::FileReport rep;
    rep.file = cl.args[i];
    rep.work_id = inputs[i].doc.work.id;
    rep.title = inputs[i].doc.work.title;
    rep.kind = kind.empty() ? check::KindOfWork(inputs[i].doc.work) : kind;
    s = checker->Check(inputs[i].doc, opt, &rep.findings);
    if (!s.ok()) return Fail(s);
    Locate(inputs[i], &rep.findings);
    reports.push_back(std::move(rep));
  }

  check::ReportSummary summary;
  summary.fail_on = settings.fail_on;
  summary.rules = enabled;
  std::string out;
  if (format == "text") {
    out = check::RenderText(reports);
  } else if (format == "json") {
    out = check::RenderJson(reports, summary);
  } else if (format == "html") {
    out = check::RenderHtml(reports, summary);
  } else {
    const auto notes = Annotations(inputs[0], reports[0].findings);
    if (inputs[0].kind == InputKind::kDocx) {
      formats::DocxImportOptions opt;
      opt.kind = inputs[0].doc.work.kind;
      s = formats::ExportDocxWithComments(inputs[0].name, opt, notes, &out);
    } else {
      s = formats::ExportDocxFromModel(inputs[0].doc, notes, &out);
    }
    if (!s.ok()) return Fail(s);
  }
  s = WriteOutput(cl.Value("-o"), out);
  if (!s.ok()) return Fail(s);
  return check::Fails(reports, settings.fail_on) ? kExitFailure : kExitOk;
}

}  // namespace fangzhi::cli
