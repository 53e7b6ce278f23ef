#include "cli/commands.h"
#include "cli/output_file.h"
#include "formats/json_format.h"
#include "formats/txt_exporter.h"

namespace fangzhi::cli {

int RunExport(const CommandLine& cl) {
  if (cl.args.size() != 1) return Fail(Status::InvalidInput("export 需要一个作品编号"));
  const std::string format = cl.Value("--format");
  if (format != "txt" && format != "json") {
    return Fail(Status::InvalidInput(format.empty() ? "export 需要 --format txt 或 --format json"
                                                    : "不支持的导出格式 “" + format + "”（可用 txt、json）"));
  }
  std::unique_ptr<store::Library> lib;
  Status s = OpenLibrary(cl, &lib);
  if (!s.ok()) return Fail(s);
  const std::string edition = cl.Value("--edition");
  model::Document doc;
  s = lib->LoadDocument(cl.args.front(), edition, &doc);
  if (!s.ok()) return Fail(s);
  std::string out;
  if (format == "json") {
    out = formats::ExportJson(doc, edition);
  } else {
    const model::Edition* e = edition.empty() ? doc.BaseEdition() : doc.FindEdition(edition);
    if (e == nullptr) return Fail(Status::NotFound(cl.args.front() + " 没有版本 " + edition));
    out = formats::ExportTxt(*e);
  }
  s = WriteOutput(cl.Value("-o"), out);
  return s.ok() ? kExitOk : Fail(s);
}

}  // namespace fangzhi::cli
