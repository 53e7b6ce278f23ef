// The signed-in side of the site: login and logout, the dashboard per role,
// the manuscript page (versions, status history, the steps the user may
// take), uploads, and the audit log. Every answer here depends on who asks,
// so none goes near the response cache (auth.h marks them private). Works
// without JavaScript: plain forms, each with its CSRF field.
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "accounts/account_store.h"
#include "accounts/audit_log.h"
#include "model/region.h"
#include "model/region_table.h"
#include "server/app.h"
#include "server/auth.h"
#include "server/escape.h"
#include "server/http_util.h"
#include "workflow/workflow_store.h"

namespace fangzhi::server {
namespace {

using accounts::Role;
using ctemplate::TemplateDictionary;
using Req = const httplib::Request&;
using Res = httplib::Response&;
using workflow::Manuscript;
using workflow::ManuscriptStatus;

// China Standard Time, as every office reads the clock.
std::string FormatTime(int64_t t) {
  const std::time_t s = static_cast<std::time_t>(t + 8 * 3600);
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

std::string FormatRate(const std::optional<double>& r) {
  if (!r) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f/万", *r);
  return buf;
}

void SendPrivatePage(Context* ctx, Req req, Res res, int status, const std::string& tpl, const std::string& title,
                     TemplateDictionary* d, const CurrentUser* u) {
  d->SetValue("TITLE", title);
  d->SetValue("CANONICAL", BaseUrl(req, ctx->options.host, ctx->options.port) + req.path);
  d->ShowSection("NOINDEX");
  if (u != nullptr && u->signed_in) {
    d->SetValue("CSRF", u->csrf_token);
    d->SetValue("USER_NAME", u->user.name);
    d->SetValue("USER_ROLE", std::string(accounts::RoleLabel(u->user.role)));
    d->SetValue("USER_OFFICE", u->user.office_name);
  }
  MarkPrivate(res);
  res.status = status;
  res.set_content(ctx->templates->RenderPage(tpl, d), kHtmlType);
}

int64_t PathId(Req req, size_t i) {
  if (req.matches.size() <= i) return 0;
  const std::string s = req.matches[i];
  if (s.empty() || s.size() > 15) return 0;
  return std::stoll(s);
}

// A failed store call as an HTML page: kNotFound → 404 (also for
// manuscripts outside the user's office), bad input 400.
void StoreError(Context* ctx, Req req, Res res, const Status& s) {
  MarkPrivate(res);
  SendErrorPage(ctx, req, res, HttpStatusFor(s), s.message());
}

// ---------------------------------------------------------------- login

void LoginForm(Context* ctx, Req req, Res res, int status, const std::string& error, const std::string& name) {
  // The double-submit token: a fresh random value in a cookie and the form.
  std::string token = CookieValue(req, kLoginCsrfCookie);
  if (token.size() != 64) token = accounts::RandomHex(32);
  res.set_header("Set-Cookie", std::string(kLoginCsrfCookie) + "=" + token +
                                   "; Path=/login; HttpOnly; SameSite=Strict" +
                                   (SecureCookies(*ctx, req) ? "; Secure" : ""));
  TemplateDictionary d("login");
  d.SetValue("LOGIN_CSRF", token);
  d.SetValue("NEXT", SafeNext(Param(req, "next").empty() ? FormValue(req, "next") : Param(req, "next")));
  d.SetValue("NAME", name);
  if (!error.empty()) d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", error);
  CurrentUser u;
  ResolveUser(ctx, req, &u);
  if (u.signed_in) d.AddSectionDictionary("ALREADY")->SetValue("NAME", u.user.name);
  SendPrivatePage(ctx, req, res, status, "account-login.tpl", "登录", &d, nullptr);
}

void LoginPost(Context* ctx, Req req, Res res) {
  MarkPrivate(res);
  const std::string cookie = CookieValue(req, kLoginCsrfCookie);
  const std::string given = FormValue(req, kCsrfField);
  if (cookie.size() != 64 || !accounts::TokensEqual(cookie, given)) {
    return LoginForm(ctx, req, res, 403, "登录表单已失效，请重新输入 (login form expired; CSRF)", "");
  }
  const std::string name = FormValue(req, "name");
  const std::string password = FormValue(req, "password");
  const std::string address = ClientAddress(req);
  accounts::LoginResult r;
  // Throttled before this attempt: Login refuses without looking at the password.
  bool throttled = false;
  (void)ctx->accounts->Throttled(name, address, &throttled);
  // The id the browser came with is ended and never reused: a new one is made.
  Status s = ctx->accounts->Login(name, password, address, CookieValue(req, kSessionCookie), &r);
  if (!s.ok()) {
    return LoginForm(ctx, req, res, throttled ? 429 : HttpStatusFor(s) == 500 ? 500 : 400, s.message(),
                     name.substr(0, 64));
  }
  SetSessionCookie(ctx, req, res, r.session_id);
  res.status = 303;
  res.set_header("Location", SafeNext(FormValue(req, "next")));
}

void LogoutPost(Context* ctx, Req req, Res res) {
  CurrentUser u;
  if (!RequirePage(ctx, req, res, {}, &u)) return;
  if (!CheckCsrf(ctx, req, res, u)) return;
  Status s = ctx->accounts->Logout(u.session_id, ClientAddress(req));
  if (!s.ok()) return StoreError(ctx, req, res, s);
  ClearSessionCookie(ctx, req, res);
  res.status = 303;
  res.set_header("Location", "/");
}

// ---------------------------------------------------------------- dashboard

void FillManuscriptRow(TemplateDictionary* row, const Manuscript& m) {
  row->SetIntValue("ID", static_cast<long>(m.id));
  row->SetValue("TITLE", m.title);
  row->SetIntValue("YEAR", m.year);
  row->SetValue("KIND", m.kind);
  row->SetValue("OFFICE", m.office_name);
  row->SetValue("OFFICE_CODE", m.office);
  row->SetValue("STATUS", std::string(workflow::StatusName(m.status)));
  row->SetValue("STATUS_LABEL", std::string(workflow::StatusLabel(m.status)));
  row->SetIntValue("VERSION", static_cast<long>(m.latest_version));
  row->SetValue("FINDINGS", m.open_findings < 0 ? "—" : std::to_string(m.open_findings));
  row->SetValue("RATE", FormatRate(m.error_rate));
  row->SetValue("VERDICT", m.verdict.empty() ? "—" : m.verdict);
  row->SetValue("UPDATED", FormatTime(m.updated_at));
}

void Dashboard(Context* ctx, Req req, Res res) {
  CurrentUser u;
  if (!RequirePage(ctx, req, res, {}, &u)) return;
  TemplateDictionary d("dashboard");
  std::vector<Manuscript> all;
  Status s = ctx->workflow->ListManuscripts(u.user, &all);
  if (!s.ok()) return StoreError(ctx, req, res, s);
  const std::string want_status = Param(req, "status");
  const std::string want_year = Param(req, "year");
  const bool sees_manuscripts = u.user.role == Role::kAdmin || u.user.role == Role::kReviewer ||
                                u.user.role == Role::kCompiler;
  if (sees_manuscripts) d.ShowSection("MANUSCRIPTS");
  if (u.user.role == Role::kCompiler) d.ShowSection("CAN_UPLOAD");
  if (u.user.role == Role::kAdmin) d.ShowSection("IS_ADMIN");
  if (u.user.role == Role::kReviewer || u.user.role == Role::kAdmin) {
    // A reviewer sees the offices within its own (accounts/region_scope.h):
    // a province office the province, a city office its city.
    const std::string prefix = model::RegionCodePrefix(u.user.office);
    const std::string scope = u.user.role == Role::kAdmin ? "全部"
                              : prefix.size() <= 2        ? "全省"
                                                          : "本市（" + model::RegionFullName(prefix) + "）";
    d.SetValueAndShowSection("SCOPE", scope, "PROVINCE");
  }
  if (!sees_manuscripts) d.ShowSection("NO_MANUSCRIPTS");
  // Counts by year × status over everything the user may see.
  std::map<int, std::map<std::string, int>, std::greater<>> counts;
  for (const Manuscript& m : all) counts[m.year][std::string(workflow::StatusName(m.status))]++;
  for (ManuscriptStatus st : workflow::AllStatuses()) {
    TemplateDictionary* h = d.AddSectionDictionary("STATUS_HEAD");
    h->SetValue("LABEL", std::string(workflow::StatusLabel(st)));
    h->SetValue("NAME", std::string(workflow::StatusName(st)));
    if (want_status == workflow::StatusName(st)) h->ShowSection("SELECTED");
  }
  for (const auto& [year, by] : counts) {
    TemplateDictionary* y = d.AddSectionDictionary("YEAR_ROW");
    y->SetIntValue("YEAR", year);
    int total = 0;
    for (ManuscriptStatus st : workflow::AllStatuses()) {
      TemplateDictionary* c = y->AddSectionDictionary("CELL");
      auto it = by.find(std::string(workflow::StatusName(st)));
      const int n = it == by.end() ? 0 : it->second;
      total += n;
      c->SetIntValue("N", n);
      c->SetValue("NAME", std::string(workflow::StatusName(st)));
    }
    y->SetIntValue("TOTAL", total);
    TemplateDictionary* opt = d.AddSectionDictionary("YEAR_OPTION");
    opt->SetIntValue("YEAR", year);
    if (want_year == std::to_string(year)) opt->ShowSection("SELECTED");
  }
  size_t shown = 0;
  for (const Manuscript& m : all) {
    if (!want_status.empty() && want_status != workflow::StatusName(m.status)) continue;
    if (!want_year.empty() && want_year != std::to_string(m.year)) continue;
    FillManuscriptRow(d.AddSectionDictionary("ROW"), m);
    ++shown;
  }
  if (shown == 0 && sees_manuscripts) d.ShowSection("EMPTY");
  d.SetIntValue("SHOWN", static_cast<long>(shown));
  d.SetIntValue("TOTAL", static_cast<long>(all.size()));
  SendPrivatePage(ctx, req, res, 200, "account-dashboard.tpl", "工作台", &d, &u);
}

// ---------------------------------------------------------------- manuscripts

void ManuscriptPage(Context* ctx, Req req, Res res) {
  CurrentUser u;
  if (!RequirePage(ctx, req, res, {Role::kAdmin, Role::kReviewer, Role::kCompiler}, &u)) return;
  const int64_t id = PathId(req, 1);
  Manuscript m;
  std::vector<workflow::Version> versions;
  std::vector<workflow::StatusChange> history;
  std::vector<accounts::AuditEntry> audit;
  Status s = ctx->workflow->GetManuscript(u.user, id, &m);
  if (s.ok()) s = ctx->workflow->ListVersions(u.user, id, &versions);
  if (s.ok()) s = ctx->workflow->StatusHistory(u.user, id, &history);
  if (s.ok()) s = ctx->workflow->AuditOf(u.user, id, &audit);
  if (!s.ok()) return StoreError(ctx, req, res, s);
  TemplateDictionary d("manuscript");
  FillManuscriptRow(&d, m);
  if (!Param(req, "done").empty()) d.ShowSection("DONE");
  for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
    TemplateDictionary* v = d.AddSectionDictionary("VERSION_ROW");
    v->SetIntValue("ID", static_cast<long>(id));
    v->SetIntValue("N", static_cast<long>(it->number));
    v->SetValue("FILE", it->file_name);
    v->SetValue("BYTES", GroupDigits(static_cast<uint64_t>(it->bytes)));
    v->SetValue("SHA", it->sha256);
    v->SetValue("SHA_SHORT", it->sha256.substr(0, 12));
    v->SetIntValue("NODES", static_cast<long>(it->nodes));
    v->SetValue("BY", it->uploaded_by);
    v->SetValue("AT", FormatTime(it->uploaded_at));
    if (it->number > 1) v->ShowSection("HAS_PREVIOUS");
  }
  for (const auto& h : history) {
    TemplateDictionary* r = d.AddSectionDictionary("HISTORY_ROW");
    ManuscriptStatus from{}, to{};
    r->SetValue("FROM", h.from.empty() ? "—" : (ParseStatus(h.from, &from).ok() ? std::string(StatusLabel(from)) : h.from));
    r->SetValue("TO", ParseStatus(h.to, &to).ok() ? std::string(StatusLabel(to)) : h.to);
    r->SetValue("BY", h.actor);
    r->SetValue("AT", FormatTime(h.at));
    r->SetIntValue("VERSION", static_cast<long>(h.version));
    r->SetValue("NOTE", h.note);
  }
  for (const auto& a : audit) {
    TemplateDictionary* r = d.AddSectionDictionary("AUDIT_ROW");
    r->SetValue("AT", FormatTime(a.at));
    r->SetValue("ACTOR", a.actor);
    r->SetValue("ACTION", a.action);
    r->SetValue("ADDRESS", a.address);
    r->SetIntValue("VERSION", static_cast<long>(a.version));
    r->SetValue("DETAIL", a.detail);
  }
  for (ManuscriptStatus to : workflow::AllowedTransitions(u.user.role, m.status)) {
    if (to == ManuscriptStatus::kApproved) continue;  // only from the spot-check screen (see StatusPost)
    TemplateDictionary* t = d.AddSectionDictionary("STEP");
    t->SetIntValue("ID", static_cast<long>(id));
    t->SetValue("FROM", std::string(workflow::StatusName(m.status)));
    t->SetValue("TO", std::string(workflow::StatusName(to)));
    t->SetValue("TO_LABEL", std::string(workflow::StatusLabel(to)));
    t->SetValue("CSRF", u.csrf_token);
    if (to == ManuscriptStatus::kReturned) t->ShowSection("IS_RETURN");
  }
  ManuscriptStatus after{};
  if (u.user.role == Role::kCompiler && u.user.office == m.office && workflow::UploadAllowed(m.status, &after).ok()) {
    TemplateDictionary* up = d.AddSectionDictionary("UPLOAD");
    up->SetIntValue("ID", static_cast<long>(id));
    up->SetValue("CSRF", u.csrf_token);
    up->SetIntValue("MAX_MB", static_cast<long>(ctx->options.max_upload_bytes >> 20));
  }
  SendPrivatePage(ctx, req, res, 200, "account-manuscript.tpl", m.title + "（" + std::to_string(m.year) + "）", &d, &u);
}

void VersionFile(Context* ctx, Req req, Res res) {
  CurrentUser u;
  if (!RequirePage(ctx, req, res, {Role::kAdmin, Role::kReviewer, Role::kCompiler}, &u)) return;
  const int64_t id = PathId(req, 1), n = PathId(req, 2);
  workflow::Version v;
  std::string bytes;
  Status s = ctx->workflow->GetVersion(u.user, id, n, &v);
  if (s.ok()) s = ctx->workflow->ReadVersionFile(u.user, id, n, &bytes);
  if (!s.ok()) return StoreError(ctx, req, res, s);
  const std::string type = v.ext == "docx"
                               ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                               : "text/markdown; charset=utf-8";
  res.set_content(std::move(bytes), type);
  SetAttachment(res, "manuscript-" + std::to_string(id) + "-v" + std::to_string(n) + "." + v.ext, v.file_name);
  res.set_header("X-Content-Type-Options", "nosniff");
}

void UploadForm(Context* ctx, Req req, Res res, int status, const std::string& error, const CurrentUser& u) {
  TemplateDictionary d("upload");
  d.SetIntValue("MAX_MB", static_cast<long>(ctx->options.max_upload_bytes >> 20));
  d.SetValue("F_TITLE", FormValue(req, "title"));
  const std::string year = FormValue(req, "year");
  d.SetValue("F_YEAR", year.empty() ? "2025" : year);
  if (FormValue(req, "kind") == "志书") d.ShowSection("KIND_GAZETTEER");
  if (!error.empty()) d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", error);
  SendPrivatePage(ctx, req, res, status, "account-upload.tpl", "上传稿件", &d, &u);
}

// The uploaded file of a multipart form, or a message why there is none.
Status UploadedFile(Context* ctx, Req req, std::string* name, std::string* bytes) {
  if (!req.is_multipart_form_data() || !req.has_file("file")) {
    return Status::InvalidInput("请选择要上传的稿件文件（.docx 或 .md）(no file chosen)");
  }
  const httplib::MultipartFormData f = req.get_file_value("file");
  if (f.filename.empty()) return Status::InvalidInput("请选择要上传的稿件文件（.docx 或 .md）(no file chosen)");
  if (f.content.size() > ctx->options.max_upload_bytes) {
    return Status::InvalidInput("文件超过 " + std::to_string(ctx->options.max_upload_bytes >> 20) + " MB (file too large)");
  }
  *name = f.filename;
  *bytes = f.content;
  return Status::Ok();
}

void CreatePost(Context* ctx, Req req, Res res) {
  CurrentUser u;
  if (!RequirePage(ctx, req, res, {Role::kCompiler}, &u)) return;
  if (!CheckCsrf(ctx, req, res, u)) return;
  const std::string title = FormValue(req, "title");
  const std::string year_text = FormValue(req, "year");
  int year = 0;
  bool year_ok = !year_text.empty() && year_text.size() <= 4;
  for (char c : year_text) year_ok = year_ok && c >= '0' && c <= '9';
  if (year_ok) year = std::stoi(year_text);
  std::string name, bytes;
  Status s = year_ok ? Status::Ok() : Status::InvalidInput("年份应为四位数字，如 2025 (year)");
  if (s.ok()) s = UploadedFile(ctx, req, &name, &bytes);
  int64_t id = 0;
  if (s.ok()) {
    s = ctx->workflow->CreateManuscript(u.user, ClientAddress(req), title, year, FormValue(req, "kind"), name, bytes,
                                        &id);
  }
  if (!s.ok()) return UploadForm(ctx, req, res, HttpStatusFor(s) == 404 ? 400 : HttpStatusFor(s), s.message(), u);
  res.status = 303;
  res.set_header("Location", "/manuscripts/" + std::to_string(id) + "?done=upload");
}

void NewVersionPost(Context* ctx, Req req, Res res) {
  CurrentUser u;
  if (!RequirePage(ctx, req, res, {Role::kCompiler}, &u)) return;
  const int64_t id = PathId(req, 1);
  // Out-of-office ids answer 404 before anything else, like the page does.
  Manuscript m;
  Status s = ctx->workflow->GetManuscript(u.user, id, &m);
  if (!s.ok()) return StoreError(ctx, req, res, s);
  if (!CheckCsrf(ctx, req, res, u)) return;
  std::string name, bytes;
  s = UploadedFile(ctx, req, &name, &bytes);
  int64_t n = 0;
  if (s.ok()) s = ctx->workflow->AddVersion(u.user, ClientAddress(req), id, name, bytes, &n);
  if (!s.ok()) return StoreError(ctx, req, res, s);
  res.status = 303;
  res.set_header("Location", "/manuscripts/" + std::to_string(id) + "?done=v" + std::to_string(n));
}

void StatusPost(Context* ctx, Req req, Res res) {
  CurrentUser u;
  if (!RequirePage(ctx, req, res, {Role::kReviewer}, &u)) return;
  const int64_t id = PathId(req, 1);
  Manuscript m;
  Status s = ctx->workflow->GetManuscript(u.user, id, &m);
  if (!s.ok()) return StoreError(ctx, req, res, s);
  if (!CheckCsrf(ctx, req, res, u)) return;
  ManuscriptStatus from{}, to{};
  s = workflow::ParseStatus(FormValue(req, "from"), &from);
  if (s.ok()) s = workflow::ParseStatus(FormValue(req, "to"), &to);
  if (!s.ok()) return StoreError(ctx, req, res, s);
  // Approval rests on a passing spot-check of the latest version; the
  // spot-check screen's decision route checks that, this generic one cannot.
  if (to == ManuscriptStatus::kApproved) {
    return SendErrorPage(ctx, req, res, 409,
                         "审查通过须在最新一稿的质量抽查页面进行（/manuscripts/" + std::to_string(id) +
                             "/versions/" + std::to_string(m.latest_version) + "/spot-check），那里核对差错率是否合格");
  }
  s = ctx->workflow->Transition(u.user, ClientAddress(req), id, from, to, FormValue(req, "note"));
  if (!s.ok()) return StoreError(ctx, req, res, s);
  res.status = 303;
  res.set_header("Location", "/manuscripts/" + std::to_string(id) + "?done=status");
}

void AuditPage(Context* ctx, Req req, Res res) {
  CurrentUser u;
  if (!RequirePage(ctx, req, res, {Role::kAdmin}, &u)) return;
  std::vector<accounts::AuditEntry> entries;
  Status s = ctx->workflow->AuditLog(u.user, 500, &entries);
  if (!s.ok()) return StoreError(ctx, req, res, s);
  TemplateDictionary d("audit");
  for (const auto& a : entries) {
    TemplateDictionary* r = d.AddSectionDictionary("AUDIT_ROW");
    r->SetIntValue("ID", static_cast<long>(a.id));
    r->SetValue("AT", FormatTime(a.at));
    r->SetValue("ACTOR", a.actor);
    r->SetValue("ACTION", a.action);
    r->SetValue("ADDRESS", a.address);
    if (a.manuscript_id > 0) {
      TemplateDictionary* link = r->AddSectionDictionary("MANUSCRIPT");
      link->SetIntValue("MID", static_cast<long>(a.manuscript_id));
      link->SetIntValue("VERSION", static_cast<long>(a.version));
    }
    r->SetValue("DETAIL", a.detail);
  }
  SendPrivatePage(ctx, req, res, 200, "account-audit.tpl", "审计日志", &d, &u);
}

// ---------------------------------------------------------------- JSON

nlohmann::ordered_json ManuscriptJson(const Manuscript& m) {
  nlohmann::ordered_json j;
  j["id"] = m.id;
  j["office"] = m.office;
  j["office_name"] = m.office_name;
  j["title"] = m.title;
  j["year"] = m.year;
  j["kind"] = m.kind;
  j["status"] = workflow::StatusName(m.status);
  j["status_label"] = workflow::StatusLabel(m.status);
  j["latest_version"] = m.latest_version;
  j["open_findings"] = m.open_findings < 0 ? nlohmann::ordered_json() : nlohmann::ordered_json(m.open_findings);
  j["error_rate"] = m.error_rate ? nlohmann::ordered_json(*m.error_rate) : nlohmann::ordered_json();
  j["verdict"] = m.verdict;
  j["created_at"] = m.created_at;
  j["updated_at"] = m.updated_at;
  return j;
}

void ApiMe(Context* ctx, Req req, Res res) {
  CurrentUser u;
  if (!RequireApi(ctx, req, res, {}, &u)) return;
  nlohmann::ordered_json j;
  j["name"] = u.user.name;
  j["role"] = accounts::RoleName(u.user.role);
  j["role_label"] = accounts::RoleLabel(u.user.role);
  j["office"] = u.user.office;
  j["office_name"] = u.user.office_name;
  j["csrf_token"] = u.csrf_token;
  SendJson(res, 200, j);
}

void ApiManuscripts(Context* ctx, Req req, Res res) {
  CurrentUser u;
  if (!RequireApi(ctx, req, res, {Role::kAdmin, Role::kReviewer, Role::kCompiler}, &u)) return;
  std::vector<Manuscript> all;
  Status s = ctx->workflow->ListManuscripts(u.user, &all);
  if (!s.ok()) return SendJsonError(res, s);
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (const Manuscript& m : all) j.push_back(ManuscriptJson(m));
  SendJson(res, 200, {{"manuscripts", j}});
}

void ApiManuscript(Context* ctx, Req req, Res res) {
  CurrentUser u;
  if (!RequireApi(ctx, req, res, {Role::kAdmin, Role::kReviewer, Role::kCompiler}, &u)) return;
  const int64_t id = PathId(req, 1);
  Manuscript m;
  std::vector<workflow::Version> versions;
  std::vector<workflow::StatusChange> history;
  Status s = ctx->workflow->GetManuscript(u.user, id, &m);
  if (s.ok()) s = ctx->workflow->ListVersions(u.user, id, &versions);
  if (s.ok()) s = ctx->workflow->StatusHistory(u.user, id, &history);
  if (!s.ok()) return SendJsonError(res, s);
  nlohmann::ordered_json j = ManuscriptJson(m);
  nlohmann::ordered_json vs = nlohmann::ordered_json::array();
  for (const auto& v : versions) {
    vs.push_back({{"number", v.number}, {"file_name", v.file_name}, {"format", v.ext}, {"sha256", v.sha256},
                  {"bytes", v.bytes}, {"nodes", v.nodes}, {"uploaded_by", v.uploaded_by},
                  {"uploaded_at", v.uploaded_at}});
  }
  j["versions"] = vs;
  nlohmann::ordered_json hs = nlohmann::ordered_json::array();
  for (const auto& h : history) {
    hs.push_back({{"at", h.at}, {"actor", h.actor}, {"from", h.from}, {"to", h.to}, {"version", h.version},
                  {"note", h.note}});
  }
  j["history"] = hs;
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  for (ManuscriptStatus to : workflow::AllowedTransitions(u.user.role, m.status)) steps.push_back(workflow::StatusName(to));
  j["allowed_steps"] = steps;
  SendJson(res, 200, j);
}

}  // namespace

void RegisterAccountPages(httplib::Server* srv, Context* ctx) {
  // Rows for every route here are in routes.cc (the security test's list).
  srv->Get("/login", [ctx](Req req, Res res) { LoginForm(ctx, req, res, 200, "", ""); });
  srv->Post("/login", [ctx](Req req, Res res) { LoginPost(ctx, req, res); });
  srv->Post("/logout", [ctx](Req req, Res res) { LogoutPost(ctx, req, res); });
  srv->Get("/dashboard", [ctx](Req req, Res res) { Dashboard(ctx, req, res); });
  srv->Get("/audit", [ctx](Req req, Res res) { AuditPage(ctx, req, res); });
  srv->Get("/manuscripts/new", [ctx](Req req, Res res) {
    CurrentUser u;
    if (RequirePage(ctx, req, res, {Role::kCompiler}, &u)) UploadForm(ctx, req, res, 200, "", u);
  });
  srv->Post("/manuscripts", [ctx](Req req, Res res) { CreatePost(ctx, req, res); });
  srv->Get(R"(/manuscripts/(\d+))", [ctx](Req req, Res res) { ManuscriptPage(ctx, req, res); });
  srv->Get(R"(/manuscripts/(\d+)/versions/(\d+)/file)", [ctx](Req req, Res res) { VersionFile(ctx, req, res); });
  srv->Post(R"(/manuscripts/(\d+)/versions)", [ctx](Req req, Res res) { NewVersionPost(ctx, req, res); });
  srv->Post(R"(/manuscripts/(\d+)/status)", [ctx](Req req, Res res) { StatusPost(ctx, req, res); });
  srv->Get("/api/v1/me", [ctx](Req req, Res res) { ApiMe(ctx, req, res); });
  srv->Get("/api/v1/manuscripts", [ctx](Req req, Res res) { ApiManuscripts(ctx, req, res); });
  srv->Get(R"(/api/v1/manuscripts/(\d+))", [ctx](Req req, Res res) { ApiManuscript(ctx, req, res); });
}

}  // namespace fangzhi::server
