#include "review/manuscript.h"

#include <filesystem>

#include "check/checker.h"
#include "formats/docx_importer.h"
#include "formats/format_detect.h"

namespace fs = std::filesystem;

namespace fangzhi::review {

Status LoadManuscript(const std::string& path, const std::string& kind, model::Document* out) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::NotFound(path + "：文件不存在");
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  model::Document doc;
  if (ext == ".docx") {
    formats::DocxImportOptions opt;
    opt.kind = kind == "gazetteer" ? model::kKindGazetteer : model::kKindYearbook;
    FZ_RETURN_IF_ERROR(formats::ImportDocx(path, opt, &doc));
  } else {
    // .md, .txt, .json and Kanripo folders: the importer `fangzhi import` uses.
    FZ_RETURN_IF_ERROR(formats::ImportAny(path, &doc));
    if (kind == "gazetteer" && ext != ".md" && ext != ".json") doc.work.kind = model::kKindGazetteer;
  }
  if (doc.BaseEdition() == nullptr) return Status::InvalidInput(path + "：稿件中没有任何版本（正文为空）");
  *out = std::move(doc);
  return Status::Ok();
}

std::string ReviewKind(const model::Document& doc, const std::string& kind) {
  if (kind == "yearbook" || kind == "年鉴") return "yearbook";
  if (kind == "gazetteer" || kind == "志书") return "gazetteer";
  return check::KindOfWork(doc.work);
}

}  // namespace fangzhi::review
