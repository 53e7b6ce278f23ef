#include "formats/format_detect.h"

#include <fstream>
#include <system_error>

#include "formats/alto_importer.h"
#include "formats/docx_importer.h"
#include "formats/json_format.h"
#include "formats/kanripo_importer.h"
#include "formats/manuscript_markdown.h"
#include "formats/plain_text_importer.h"

namespace fs = std::filesystem;

namespace fangzhi::formats {

const char* SourceFormatName(SourceFormat f) {
  switch (f) {
    case SourceFormat::kKanripoFolder: return "kanripo";
    case SourceFormat::kManuscriptMarkdown: return "markdown";
    case SourceFormat::kDocx: return "docx";
    case SourceFormat::kPlainText: return "txt";
    case SourceFormat::kFangzhiJson: return "json";
    case SourceFormat::kAltoFolder: return "alto";
  }
  return "?";
}

Status DetectFormat(const fs::path& path, SourceFormat* out) {
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return Status::NotFound(path.string() + "：路径不存在");
  if (fs::is_directory(st)) {
    if (!LooksLikeKanripoFolder(path) && LooksLikeAltoFolder(path)) {
      *out = SourceFormat::kAltoFolder;
      return Status::Ok();
    }
    if (!LooksLikeKanripoFolder(path)) {
      return Status::InvalidInput(path.string() +
                                  "：不是 Kanripo 文本目录（应有 master/ 子目录或 KR编号_NNN.txt 卷文件），也不是 ALTO 目录（*.alto.xml）");
    }
    *out = SourceFormat::kKanripoFolder;
    return Status::Ok();
  }
  if (!fs::is_regular_file(st)) return Status::InvalidInput(path.string() + "：不是普通文件或目录");
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".md" || ext == ".markdown") {
    *out = SourceFormat::kManuscriptMarkdown;
  } else if (ext == ".docx") {
    *out = SourceFormat::kDocx;
  } else if (ext == ".txt" || ext == ".text") {
    *out = SourceFormat::kPlainText;
  } else if (ext == ".json") {
    std::ifstream in(path, std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    if (!LooksLikeFangzhiJson(head)) {
      return Status::InvalidInput(path.string() + "：不是方志平台导出的 JSON（缺少 \"format\": \"fangzhi-work\"）");
    }
    *out = SourceFormat::kFangzhiJson;
  } else {
    return Status::Unsupported(path.string() + "：无法识别的格式“" + ext +
                               "”；可导入 Kanripo 目录、ALTO 目录、.md 或 .docx 志鉴稿、.txt 纯文本、.json 方志平台导出文件");
  }
  return Status::Ok();
}

Status ImportAny(const fs::path& path, model::Document* doc, std::vector<PageImage>* images) {
  if (images) images->clear();
  SourceFormat f;
  FZ_RETURN_IF_ERROR(DetectFormat(path, &f));
  if (f == SourceFormat::kAltoFolder) return ImportAltoFolder(path, doc, images);
  return ImportAny(path, doc);
}

Status ImportAny(const fs::path& path, model::Document* doc) {
  SourceFormat f;
  FZ_RETURN_IF_ERROR(DetectFormat(path, &f));
  switch (f) {
    case SourceFormat::kKanripoFolder: return ImportKanripoFolder(path, doc);
    case SourceFormat::kManuscriptMarkdown: return ImportManuscriptMarkdown(path, doc);
    case SourceFormat::kDocx: {
      // A Word file says nothing of its kind: the file name decides how its
      // heading levels are named (…志 → 篇章节目, otherwise 类目分目条目).
      DocxImportOptions options;
      const std::string stem = path.stem().string();
      options.kind = stem.find("年鉴") == std::string::npos && stem.find("志") != std::string::npos
                         ? model::kKindGazetteer
                         : model::kKindYearbook;
      return ImportDocx(path, options, doc);
    }
    case SourceFormat::kPlainText: return ImportPlainText(path, doc);
    case SourceFormat::kFangzhiJson: return ImportJsonFile(path, doc);
    case SourceFormat::kAltoFolder: return ImportAltoFolder(path, doc, nullptr);
  }
  return Status::Unsupported(path.string());
}

}  // namespace fangzhi::formats
