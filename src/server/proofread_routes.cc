// Proofreading in the web: a digitizer (or an admin) opens one OCR line —
// the line's crop of the scan (an IIIF region) beside an editable field —
// and corrects it. The POST carries the session's CSRF token and the text
// the form was opened with, so a correction made meanwhile by someone else
// is never overwritten (409). Every correction is versioned
// (proofread/corrections.h); the search index follows via the change log.
#include "accounts/role.h"
#include "iiif/image_service.h"
#include "iiif/page_index.h"
#include "model/citation.h"
#include "proofread/corrections.h"
#include "server/app.h"
#include "server/auth.h"
#include "server/catalog.h"
#include "server/escape.h"
#include "server/http_util.h"
#include "server/scan_view.h"
#include "text/utf8.h"

namespace fangzhi::server {
namespace {

using accounts::Role;
using ctemplate::TemplateDictionary;

struct LineTarget {
  model::CitationPath cite;
  store::WorkSummary work;
  std::string edition;
  std::string edition_param;  // "" for the base edition
  uint32_t seq = 0;
  model::Block block;
  std::string identifier;  // of the page image the line is on
  iiif::Box box;
};

std::string Attr(const model::Block& b, const char* key) {
  auto it = b.attrs.find(key);
  return it == b.attrs.end() ? std::string() : it->second;
}

// Finds the line the request names (/proofread/WORK/PATH, ed, seq) and the
// scan it was read from.
Status FindLine(Context* ctx, store::Library* lib, const httplib::Request& req, LineTarget* t) {
  const std::string id = req.matches[1], rest = req.matches[2];
  if (!model::IsValidWorkId(id) || !model::ParseCitationPath(id + "/" + rest, &t->cite) || t->cite.node_path.empty()) {
    return Status::NotFound("“" + id.substr(0, 100) + "/" + rest.substr(0, 100) + "” 不是合法的节点路径");
  }
  const std::string seq_text = FormValue(req, "seq");
  size_t seq = 0;
  if (seq_text.empty() || seq_text.size() > 9 || seq_text.find_first_not_of("0123456789") != std::string::npos) {
    return Status::InvalidInput("参数 seq（行在节点中的序号）应为非负整数");
  }
  seq = std::stoul(seq_text);
  FZ_RETURN_IF_ERROR(lib->GetWork(t->cite.work, &t->work));
  const std::string ed = FormValue(req, "ed");
  const store::EditionSummary* found = nullptr;
  for (const auto& e : t->work.editions) {
    if (ed.empty() ? e.base : e.id == ed) found = &e;
  }
  if (found == nullptr) return Status::NotFound("作品 " + t->cite.work + " 没有版本 " + ed.substr(0, 100));
  t->edition = found->id;
  t->edition_param = found->base ? std::string() : found->id;
  model::Node node;
  FZ_RETURN_IF_ERROR(lib->LoadNode(t->cite.work, t->edition, t->cite.node_path, &node));
  if (seq >= node.blocks.size()) {
    return Status::NotFound(t->cite.work + "/" + t->cite.node_path + " 没有第 " + seq_text + " 块");
  }
  t->seq = static_cast<uint32_t>(seq);
  t->block = node.blocks[seq];
  // The page the line is on: the nearest page block before it.
  std::string image;
  for (size_t k = seq; k-- > 0;) {
    if (node.blocks[k].kind == model::BlockKind::kPage) {
      image = Attr(node.blocks[k], "image");
      break;
    }
  }
  std::filesystem::path file;
  if (t->block.kind != model::BlockKind::kText || !iiif::ParseBox(Attr(t->block, "box"), &t->box) ||
      !iiif::IdentifierForImageAttr(image, &t->identifier) || ctx->iiif == nullptr ||
      !ctx->iiif->Resolve(t->identifier, &file).ok()) {
    return Status::InvalidInput(t->cite.work + "/" + t->cite.node_path + " 第 " + seq_text +
                                " 块不是带原书图像的 OCR 行，不能在此校对");
  }
  return Status::Ok();
}

// The line's text with its low-confidence characters marked.
std::string MarkedLine(const model::Block& b) {
  const std::string conf = Attr(b, "conf");
  const bool use = !conf.empty() && conf.size() == text::CountCodePoints(b.text);
  std::string out;
  size_t i = 0, n = 0;
  while (i < b.text.size()) {
    const size_t start = i;
    text::NextCodePoint(b.text, i);
    const bool low = use && conf[n] < '6';
    if (low) out += "<span class=\"lc\" title=\"识别置信度低\">";
    AppendHtmlEscaped(std::string_view(b.text).substr(start, i - start), &out);
    if (low) out += "</span>";
    ++n;
  }
  return out;
}

void SendForm(Context* ctx, const httplib::Request& req, httplib::Response& res, const CurrentUser& u,
              const LineTarget& t, int status, const std::string& error, const std::string& proposed) {
  TemplateDictionary d("proofread");
  d.ShowSection("NAV_WORKS");
  d.ShowSection("NOINDEX");
  d.SetValue("TITLE", "校对《" + t.work.work.title + "》" + t.cite.node_path + " 第 " + std::to_string(t.seq) + " 行");
  d.SetValue("CANONICAL", BaseUrl(req, ctx->options.host, ctx->options.port) + req.path);
  d.SetValue("WORK_ID", t.work.work.id);
  d.SetValue("WORK_TITLE", t.work.work.title);
  d.SetValue("NODE_PATH", t.cite.node_path);
  d.SetValue("ED", t.edition);
  d.SetIntValue("SEQ", static_cast<long>(t.seq));
  d.SetValue("LINE_ID", Attr(t.block, "line"));
  d.SetValue("ACTION", req.path);
  d.SetValue("CSRF", u.csrf_token);
  d.SetValue("USER_NAME", u.user.name);
  d.SetValue("OLD", t.block.text);
  d.SetValue("VALUE", proposed.empty() ? t.block.text : proposed);
  d.SetValue("MARKED", MarkedLine(t.block));
  const std::string region = std::to_string(t.box.x) + "," + std::to_string(t.box.y) + "," +
                             std::to_string(t.box.w) + "," + std::to_string(t.box.h);
  d.SetValue("CROP_SRC", "/iiif/3/" + iiif::EncodeIdentifier(t.identifier) + "/" + region + "/!1200,1200/0/default.jpg");
  d.SetValue("READ_HREF", NodeHref(t.work.work.id, t.cite.node_path, t.edition_param) + "#l" + std::to_string(t.seq));
  if (Attr(t.block, "dir") == "ttb") d.ShowSection("VERTICAL");
  if (!error.empty()) d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", error);
  std::unique_ptr<proofread::Corrections> corrections;
  std::vector<proofread::Correction> history;
  if (proofread::Corrections::Open(ctx->options.data_dir, &corrections).ok() &&
      corrections->History(t.work.work.id, t.edition, t.cite.node_path, t.seq, &history).ok() && !history.empty()) {
    TemplateDictionary* h = d.AddSectionDictionary("HISTORY");
    for (auto it = history.rbegin(); it != history.rend(); ++it) {
      TemplateDictionary* row = h->AddSectionDictionary("ROW");
      row->SetValue("AT", it->at);
      row->SetValue("USER", it->user);
      row->SetValue("OLD_TEXT", it->old_text);
      row->SetValue("NEW_TEXT", it->new_text);
    }
  }
  MarkPrivate(res);
  res.status = status;
  res.set_content(ctx->templates->RenderPage("proofread.tpl", &d), kHtmlType);
}

void ShowLine(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  CurrentUser u;
  if (!RequirePage(ctx, req, res, {Role::kDigitizer, Role::kAdmin}, &u)) return;
  BackendPool::Lease b;
  LineTarget t;
  Status s = ctx->pool->Acquire(&b);
  if (s.ok()) s = FindLine(ctx, b->lib.get(), req, &t);
  if (!s.ok()) {
    MarkPrivate(res);
    return SendErrorPage(ctx, req, res, HttpStatusFor(s), s.message());
  }
  SendForm(ctx, req, res, u, t, 200, "", "");
}

// Applies the correction the form posts, through a leased backend; false
// when it has answered (an error page or the form again with the reason).
bool CorrectWith(Context* ctx, const httplib::Request& req, httplib::Response& res, const CurrentUser& u,
                 std::string* location, int64_t* target) {
  BackendPool::Lease b;
  LineTarget t;
  Status s = ctx->pool->Acquire(&b);
  if (s.ok()) s = FindLine(ctx, b->lib.get(), req, &t);
  if (!s.ok()) {
    MarkPrivate(res);
    SendErrorPage(ctx, req, res, HttpStatusFor(s), s.message());
    return false;
  }
  const std::string proposed = FormValue(req, "text");
  std::unique_ptr<proofread::Corrections> corrections;
  proofread::Correction done;
  s = proofread::Corrections::Open(ctx->options.data_dir, &corrections);
  if (s.ok()) {
    s = corrections->Correct(b->lib.get(), t.work.work.id, t.edition, t.cite.node_path, t.seq, FormValue(req, "old"),
                             proposed, u.user.name, &done);
  }
  if (!s.ok()) {
    if (s.code() == Status::Code::kAlreadyExists) {
      // Show the line as it now reads.
      LineTarget now;
      if (FindLine(ctx, b->lib.get(), req, &now).ok()) t = now;
    }
    SendForm(ctx, req, res, u, t, HttpStatusFor(s), s.message(), proposed);
    return false;
  }
  std::vector<store::Change> changes;
  if (b->lib->ListChanges(b->seen_change, &changes).ok() && !changes.empty()) *target = changes.back().seq;
  b->checked = {};  // this lease saw its own write: re-read the change log next time
  *location = NodeHref(t.work.work.id, t.cite.node_path, t.edition_param) + "#l" + std::to_string(t.seq);
  return true;
}

// The server's search index, and the state its response-cache keys carry,
// follow the change log only when a backend is reopened: at most every
// BackendPool::kFreshness, and never for a request answered from the cache.
// So that a correction is searchable at once (and answers cached before it
// are retired), a backend is brought up to the change `target` now. A
// backend marked unchecked goes back to the pool's end and is the next one
// leased, which makes the lease re-read the change log.
void CatchUp(Context* ctx, int64_t target) {
  for (int attempt = 0; attempt < 4; ++attempt) {
    BackendPool::Lease l;
    if (!ctx->pool->Acquire(&l).ok() || l->seen_change >= target) return;
    l->checked = {};
  }
}

void Correct(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  CurrentUser u;
  if (!RequirePage(ctx, req, res, {Role::kDigitizer, Role::kAdmin}, &u)) return;
  if (!CheckCsrf(ctx, req, res, u)) return;
  std::string location;
  int64_t target = 0;
  if (!CorrectWith(ctx, req, res, u, &location, &target)) return;
  CatchUp(ctx, target);
  MarkPrivate(res);
  res.set_redirect(location, 303);
}

}  // namespace

bool MayProofread(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  CurrentUser u;
  ResolveUser(ctx, req, &u);
  if (!u.signed_in) return false;
  // The page now differs by user: never cached as the public one.
  MarkPrivate(res);
  return u.Is(Role::kDigitizer) || u.Is(Role::kAdmin);
}

void RegisterProofreading(httplib::Server* srv, Context* ctx) {
  srv->Get(R"(/proofread/([^/]+)/(.+))",
           [ctx](const httplib::Request& req, httplib::Response& res) { ShowLine(ctx, req, res); });
  srv->Post(R"(/proofread/([^/]+)/(.+))",
            [ctx](const httplib::Request& req, httplib::Response& res) { Correct(ctx, req, res); });
}

}  // namespace fangzhi::server
