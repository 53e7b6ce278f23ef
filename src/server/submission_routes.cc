// 征集 in the browser: an office uploads its BagIt bag (a zip) and sees
// either every problem in it or the work it became. Same rules as
// `fangzhi submission ingest` (src/submission/): all or nothing, provenance
// recorded with the signed-in user as submitter. A compiler may only submit
// for its own office's region; reviewers and admins for any. Every answer
// depends on who asks, so none is cached (auth.h marks them private).
#include <random>

#include "server/app.h"
#include "server/auth.h"
#include "server/http_util.h"
#include "submission/submission.h"
#include "text/utf8.h"

namespace fangzhi::server {
namespace {

using accounts::Role;
using ctemplate::TemplateDictionary;
using Req = const httplib::Request&;
using Res = httplib::Response&;
namespace fs = std::filesystem;

constexpr const char* kField = "bag";

void SendPage(Context* ctx, Req req, Res res, int status, const std::string& tpl, const std::string& title,
              TemplateDictionary* d, const CurrentUser& u) {
  d->SetValue("TITLE", title);
  d->SetValue("CANONICAL", BaseUrl(req, ctx->options.host, ctx->options.port) + req.path);
  d->ShowSection("NOINDEX");
  d->SetValue("CSRF", u.csrf_token);
  d->SetValue("USER_NAME", u.user.name);
  d->SetValue("USER_OFFICE", u.user.office_name);
  d->SetIntValue("MAX_MB", static_cast<long>(ctx->options.max_upload_bytes >> 20));
  if (u.Is(Role::kCompiler)) d->AddSectionDictionary("REGION_NOTE")->SetValue("OFFICE", u.user.office);
  MarkPrivate(res);
  res.status = status;
  res.set_content(ctx->templates->RenderPage(tpl, d), kHtmlType);
}

void Form(Context* ctx, Req req, Res res, int status, const std::string& error, const CurrentUser& u) {
  TemplateDictionary d("submission-upload");
  if (!error.empty()) d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", error);
  SendPage(ctx, req, res, status, "submission-upload.tpl", "报送数字化成果", &d, u);
}

// The browser's file name, as a plain name for the provenance record.
std::string SafeFileName(std::string name) {
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name = name.substr(slash + 1);
  bool ok = !name.empty() && name.size() <= 200 && text::FindInvalidUtf8(name) == text::kValid;
  for (char c : name) ok = ok && static_cast<unsigned char>(c) >= 0x20 && c != 0x7f;
  return ok ? name : "upload.zip";
}

void Upload(Context* ctx, Req req, Res res) {
  CurrentUser u;
  if (!RequirePage(ctx, req, res, {Role::kAdmin, Role::kReviewer, Role::kCompiler}, &u)) return;
  if (!CheckCsrf(ctx, req, res, u)) return;
  if (!req.is_multipart_form_data() || !req.has_file(kField)) {
    return Form(ctx, req, res, 400, "请选择要报送的提交包（.zip）(no file chosen)", u);
  }
  const httplib::MultipartFormData f = req.get_file_value(kField);
  if (f.filename.empty() || f.content.empty()) {
    return Form(ctx, req, res, 400, "请选择要报送的提交包（.zip）(no file chosen)", u);
  }
  if (f.content.size() > ctx->options.max_upload_bytes) {
    return Form(ctx, req, res, 413,
                "提交包超过 " + std::to_string(ctx->options.max_upload_bytes >> 20) + " MB (file too large)", u);
  }
  // The upload is written into the data dir's staging folder, never elsewhere, and removed afterwards.
  const fs::path dir = ctx->options.data_dir / "submission-staging";
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::random_device rd;
  const fs::path file = dir / ("upload-" + std::to_string(rd()) + "-" + std::to_string(rd()) + ".zip");
  {
    std::FILE* out = std::fopen(file.c_str(), "wbx");
    const bool written = out != nullptr && std::fwrite(f.content.data(), 1, f.content.size(), out) == f.content.size();
    if (out != nullptr && std::fclose(out) != 0) ec = std::make_error_code(std::errc::io_error);
    if (!written || ec) {
      fs::remove(file, ec);
      return Form(ctx, req, res, 500, "无法暂存上传的文件 (cannot store the upload)", u);
    }
  }
  submission::IngestOptions options;
  options.submitter = u.user.name;
  options.bag_name = SafeFileName(f.filename);
  if (u.Is(Role::kCompiler)) options.office_region = u.user.office;
  options.limits.max_zip_bytes = ctx->options.max_upload_bytes;
  submission::IngestResult result;
  const Status s = submission::IngestBag(ctx->options.data_dir, file, options, &result);
  fs::remove(file, ec);
  fs::remove(dir, ec);  // only when empty

  TemplateDictionary d("submission-result");
  d.SetValue("BAG", options.bag_name);
  if (s.ok()) {
    const submission::SubmissionRecord& r = result.record;
    TemplateDictionary* ok = d.AddSectionDictionary("OK");
    ok->SetIntValue("ID", static_cast<long>(r.id));
    ok->SetValue("WORK_ID", r.work_id);
    ok->SetValue("TITLE", result.title);
    ok->SetValue("ORG", r.organization);
    ok->SetValue("REGION", r.region_code);
    ok->SetValue("SUBMITTER", r.submitter);
    ok->SetValue("RECEIVED", r.received_at);
    ok->SetValue("SHA", r.bag_sha256);
    for (const auto& file_row : r.files) {
      TemplateDictionary* row = ok->AddSectionDictionary("FILE");
      row->SetValue("PATH", file_row.path);
      row->SetValue("TYPE", submission::PayloadTypeName(file_row.type));
      row->SetValue("BYTES", std::to_string(file_row.bytes));
      row->SetValue("SHA", file_row.sha256);
    }
    return SendPage(ctx, req, res, 201, "submission-result.tpl", "提交包已入库", &d, u);
  }
  TemplateDictionary* bad = d.AddSectionDictionary("FAILED");
  const auto& problems = result.report.problems;
  if (problems.empty()) {
    bad->SetValue("SUMMARY", s.message());
  } else {
    bad->SetValue("SUMMARY", "提交包 " + options.bag_name + " 有 " + std::to_string(problems.size()) +
                                 " 个问题，未入库，库中内容没有任何改变。");
    for (const submission::Problem& p : problems) {
      TemplateDictionary* row = bad->AddSectionDictionary("PROBLEM");
      row->SetValue("CODE", p.code);
      row->SetValue("MESSAGE", p.message);
    }
  }
  const int status = problems.empty() ? HttpStatusFor(s) : 422;
  SendPage(ctx, req, res, status == 404 ? 400 : status, "submission-result.tpl", "提交包未入库", &d, u);
}

}  // namespace

void RegisterSubmissions(httplib::Server* srv, Context* ctx) {
  srv->Get("/submissions/new", [ctx](Req req, Res res) {
    CurrentUser u;
    if (RequirePage(ctx, req, res, {Role::kAdmin, Role::kReviewer, Role::kCompiler}, &u)) Form(ctx, req, res, 200, "", u);
  });
  srv->Post("/submissions", [ctx](Req req, Res res) { Upload(ctx, req, res); });
}

}  // namespace fangzhi::server
