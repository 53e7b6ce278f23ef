#include "submission/payload_import.h"

#include <functional>
#include <set>

#include "formats/alto_importer.h"
#include "formats/docx_importer.h"
#include "formats/manuscript_markdown.h"
#include "formats/plain_text_importer.h"
#include "model/citation.h"

namespace fs = std::filesystem;

namespace fangzhi::submission {

namespace {

// Importer messages name the staging file; a submitter knows it by its path in the bag.
std::string InBagTerms(std::string message, const fs::path& staging) {
  const std::string prefix = staging.string() + "/";
  for (size_t at = message.find(prefix); at != std::string::npos; at = message.find(prefix, at)) {
    message.erase(at, prefix.size());
  }
  return message;
}

// bag-info is the office's declaration of what it sends: it names the work.
void ApplyBagInfo(const BagReport& report, model::Document* doc) {
  model::Work& w = doc->work;
  const std::string org = report.Info("Source-Organization");
  w.id = report.Info("Fangzhi-Work-Id");
  w.title = report.Info("Fangzhi-Work-Title");
  w.kind = report.Info("Fangzhi-Work-Kind");
  w.region_code = report.Info("Fangzhi-Region-Code");
  w.licence = report.Info("Fangzhi-Licence");
  if (const std::string v = report.Info("Fangzhi-Place-Name"); !v.empty()) w.place_name = v;
  if (const std::string v = report.Info("Fangzhi-Year"); !v.empty()) w.year = v;
  if (const std::string v = report.Info("Fangzhi-Period"); !v.empty()) w.period = v;
  if (const std::string v = report.Info("Fangzhi-Dynasty"); !v.empty()) w.dynasty = v;
  if (const std::string v = report.Info("Fangzhi-Compilers"); !v.empty()) w.compilers = {v};
  w.source = org + " 报送的征集提交包 " + report.zip_name + "（打包日期 " + report.Info("Bagging-Date") + "）";
  w.extra["submission_organization"] = org;
  w.extra["submission_bag_sha256"] = report.zip_sha256;
}

// `file`'s path relative to `folder` when it lies inside it (links resolved), else "".
std::string PathWithin(const fs::path& file, const fs::path& folder) {
  std::error_code ec;
  const fs::path f = fs::weakly_canonical(file, ec);
  if (ec) return "";
  const fs::path d = fs::weakly_canonical(folder, ec);
  if (ec) return "";
  const std::string fs_ = f.generic_string(), ds = d.generic_string() + "/";
  return fs_.starts_with(ds) ? fs_.substr(ds.size()) : "";
}

// ALTO pages from one folder of the payload, their images checked to be
// files of the bag (an ALTO fileName may name any path on the server).
void ImportAlto(const BagReport& report, const fs::path& staging, const std::vector<const PayloadFile*>& alto,
                model::Document* doc, std::vector<formats::PageImage>* images, std::vector<Problem>* problems) {
  const std::string folder = alto.front()->path.substr(0, alto.front()->path.rfind('/'));
  for (const PayloadFile* p : alto) {
    if (p->path.substr(0, p->path.rfind('/')) != folder) {
      problems->push_back({"several-texts", p->path, 0, "",
                           "ALTO 文件须在载荷的同一个文件夹中（" + folder + "/），而 " + p->path + " 不在"});
      return;
    }
    for (const Problem& q : report.problems) {
      if (q.file == p->path) return;  // already reported
    }
  }
  const fs::path dir = staging / fs::path(folder);
  if (Status s = formats::ImportAltoFolder(dir, doc, images); !s.ok()) {
    problems->push_back({"payload-unreadable", alto.front()->path, 0, "", InBagTerms(s.message(), staging)});
    return;
  }
  std::set<std::string> payload_images;
  for (const PayloadFile& p : report.payload) {
    if (p.type == PayloadType::kImage) payload_images.insert(p.path);
  }
  for (const formats::PageImage& img : *images) {
    const std::string rel = PathWithin(img.from, staging);
    if (rel.empty() || !payload_images.count(rel)) {
      problems->push_back({"alto-image-outside", folder + "/", 0, "",
                           "ALTO 指向的页面图像 “" + img.file_name + "” 不是本提交包载荷中的图像文件；页面图像必须随包提交"});
      images->clear();
      return;
    }
  }
  // Page blocks name their image under the work id, which bag-info is about to set.
  const std::string old_id = doc->work.id;
  ApplyBagInfo(report, doc);
  std::function<void(std::vector<model::Node>&)> rename = [&](std::vector<model::Node>& nodes) {
    for (model::Node& n : nodes) {
      for (model::Block& b : n.blocks) {
        auto it = b.attrs.find("image");
        if (it == b.attrs.end()) continue;
        const std::string file_name = fs::path(it->second).filename().string();
        if (it->second == formats::PageImageRelativePath(old_id, file_name)) {
          it->second = formats::PageImageRelativePath(doc->work.id, file_name);
        }
      }
      rename(n.children);
    }
  };
  for (model::Edition& e : doc->editions) rename(e.nodes);
  for (model::SourceFile& src : doc->sources) {
    if (!src.path.empty() && src.path.find('/') == std::string::npos) src.path = folder + "/" + src.path;
  }
}

}  // namespace

void BuildWork(const BagReport& report, const fs::path& staging, model::Document* doc,
               std::vector<formats::PageImage>* images, std::vector<Problem>* problems) {
  images->clear();
  std::vector<const PayloadFile*> texts, alto;
  for (const PayloadFile& p : report.payload) {
    if (p.type == PayloadType::kMarkdown || p.type == PayloadType::kDocx || p.type == PayloadType::kPlainText) {
      texts.push_back(&p);
    } else if (p.type == PayloadType::kAlto) {
      alto.push_back(&p);
    }
  }
  if (!texts.empty() && !alto.empty()) {
    problems->push_back({"several-texts", alto.front()->path, 0, "",
                         "载荷中既有文本文件（" + texts.front()->path + "）又有 ALTO（" + alto.front()->path +
                             "）；一个提交包只能含一部作品的一种文本，请分成两个提交包"});
    return;
  }
  if (!alto.empty()) {
    ImportAlto(report, staging, alto, doc, images, problems);
    return;
  }
  if (texts.empty()) {
    problems->push_back({"no-text", "data/", 0, "",
                         "载荷中没有可导入的文本：一个提交包须含一部作品的文本（.md、.docx 或 .txt 一个文件）"});
    return;
  }
  if (texts.size() > 1) {
    std::string names;
    for (const PayloadFile* p : texts) names += (names.empty() ? "" : "、") + p->path;
    problems->push_back({"several-texts", texts[1]->path, 0, "",
                         "一个提交包只能含一部作品的一个文本文件，而载荷中有 " + std::to_string(texts.size()) +
                             " 个：" + names + "；请分成几个提交包"});
    return;
  }
  const PayloadFile& text = *texts.front();
  for (const Problem& p : report.problems) {
    if (p.file == text.path) return;  // its checksum or type is already reported: not worth parsing
  }
  fs::path file = staging / fs::path(text.path);
  // Importers take the work id from the file name when the text names none;
  // bag-info names it here, so a file name that cannot be an id ("50%.md")
  // must not stop the import: the importer reads a link named after the id.
  std::string alias;
  if (!model::IsValidWorkId(file.stem().string()) && model::IsValidWorkId(report.Info("Fangzhi-Work-Id"))) {
    const fs::path named = staging / ".named" / (report.Info("Fangzhi-Work-Id") + file.extension().string());
    std::error_code ec;
    fs::create_directories(named.parent_path(), ec);
    if (!ec) fs::create_hard_link(file, named, ec);
    if (!ec) {
      alias = (fs::path(".named") / named.filename()).string();
      file = named;
    }
  }
  Status s;
  switch (text.type) {
    case PayloadType::kMarkdown: s = formats::ImportManuscriptMarkdown(file, doc); break;
    case PayloadType::kDocx: {
      formats::DocxImportOptions options;
      options.kind = report.Info("Fangzhi-Work-Kind");
      s = formats::ImportDocx(file, options, doc);
      break;
    }
    default: s = formats::ImportPlainText(file, doc); break;
  }
  if (!s.ok()) {
    std::string message = InBagTerms(s.message(), staging);
    if (!alias.empty()) {
      for (size_t at = message.find(alias); at != std::string::npos; at = message.find(alias, at + text.path.size())) {
        message.replace(at, alias.size(), text.path);
      }
    }
    problems->push_back({"payload-unreadable", text.path, 0, "", message});
    return;
  }
  ApplyBagInfo(report, doc);
  // The source file is known by its path in the bag.
  bool listed = false;
  for (model::SourceFile& src : doc->sources) {
    if (src.path == file.filename().string()) {
      src.path = text.path;
      listed = true;
    }
  }
  if (!listed) doc->sources.push_back({"", text.path, static_cast<size_t>(text.bytes)});
}

}  // namespace fangzhi::submission
