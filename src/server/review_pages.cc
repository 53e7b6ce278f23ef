// The provincial review screens of a manuscript version: 篇目审查 (outline
// tree with the outline findings, check counts and comments per node), 复核
// (what v(n) → v(n+1) fixed, kept, moved and added, comments carried to
// their node, a side-by-side diff by node) and 质量抽查 (a seeded sample,
// marking errors by type, the 差错率 and its verdict, the quality report),
// and the status steps taken from them (accept or return the outline, start
// the review, approve).
//
// Reviewers act; the compiler of the manuscript's office and the
// administrator read the same pages without the forms. Every POST carries
// the session's CSRF token, is taken only on the manuscript's latest version,
// and answers 303 back to its screen (no-JS forms throughout; review.js only
// fills the marking form from a text selection).
#include <charconv>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "check/node_text.h"
#include "check/report.h"
#include "review/comments.h"
#include "review/error_rate.h"
#include "review/outline_review.h"
#include "review/quality_report.h"
#include "review/recheck.h"
#include "review/sample.h"
#include "review/version_diff.h"
#include "server/app.h"
#include "server/auth.h"
#include "server/escape.h"
#include "server/http_util.h"
#include "server/review_data.h"
#include "text/utf8.h"
#include "workflow/workflow_store.h"

namespace fangzhi::server {
namespace {

using accounts::Role;
using ctemplate::TemplateDictionary;
using workflow::ManuscriptStatus;

constexpr size_t kMaxCommentBytes = 4000;
constexpr size_t kMaxAnchorBytes = 600;
constexpr size_t kMaxNoteBytes = 4000;
constexpr size_t kMaxExcerptBytes = 600;
constexpr size_t kMaxSampleChars = 10'000'000;

enum class ScreenKind { kOutline, kRecheck, kSpotCheck };

const char* ScreenSlug(ScreenKind k) {
  switch (k) {
    case ScreenKind::kOutline: return "outline";
    case ScreenKind::kRecheck: return "recheck";
    case ScreenKind::kSpotCheck: return "spot-check";
  }
  return "outline";
}

const char* ScreenLabel(ScreenKind k) {
  switch (k) {
    case ScreenKind::kOutline: return "篇目审查";
    case ScreenKind::kRecheck: return "复核";
    case ScreenKind::kSpotCheck: return "质量抽查";
  }
  return "";
}

// The status steps each screen offers (among those the role may take).
std::vector<ManuscriptStatus> ScreenSteps(ScreenKind k) {
  switch (k) {
    case ScreenKind::kOutline: return {ManuscriptStatus::kOutlineReviewed, ManuscriptStatus::kReturned};
    case ScreenKind::kRecheck:
      return {ManuscriptStatus::kUnderReview, ManuscriptStatus::kOutlineReviewed, ManuscriptStatus::kReturned};
    case ScreenKind::kSpotCheck:
      return {ManuscriptStatus::kUnderReview, ManuscriptStatus::kApproved, ManuscriptStatus::kReturned};
  }
  return {};
}

std::string StepLabel(ScreenKind k, ManuscriptStatus to) {
  switch (to) {
    case ManuscriptStatus::kOutlineReviewed:
      return k == ScreenKind::kRecheck ? "篇目复核通过（→ 篇目已审）" : "篇目审查通过（→ 篇目已审）";
    case ManuscriptStatus::kReturned: return "退回修改（→ 已退回）";
    case ManuscriptStatus::kUnderReview:
      return k == ScreenKind::kRecheck ? "复核通过，进入审读（→ 审读中）" : "开始审读抽查（→ 审读中）";
    case ManuscriptStatus::kApproved: return "审查通过（→ 已通过）";
    default: return std::string(workflow::StatusLabel(to));
  }
}

// ---------------------------------------------------------------- helpers

bool ParseId(const std::string& s, int64_t* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && *out > 0;
}

std::string ManuscriptHref(int64_t id) { return "/manuscripts/" + std::to_string(id); }
std::string ScreenHref(int64_t id, int64_t version, ScreenKind k) {
  return ManuscriptHref(id) + "/versions/" + std::to_string(version) + "/" + ScreenSlug(k);
}

// "2026-11-26 15:30" in Beijing time (UTC+8), where the offices are.
std::string FormatTime(int64_t epoch) {
  const std::time_t t = static_cast<std::time_t>(epoch + 8 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

// "shili-2025/4/2" → "n-4-2" (an id safe in a fragment).
std::string NodeAnchor(const std::string& citation) {
  const size_t slash = citation.find('/');
  std::string out = "n";
  if (slash == std::string::npos) return "n-book";
  for (char c : citation.substr(slash)) out += c == '/' ? '-' : c;
  return out;
}

bool ValidUtf8(std::string_view s) { return text::FindInvalidUtf8(s) == text::kValid; }

std::string EscapeWithBreaks(std::string_view s) {
  std::string esc = HtmlEscape(std::string(s));
  std::string out;
  for (char c : esc) {
    if (c == '\n') {
      out += "<br>";
    } else {
      out += c;
    }
  }
  return out;
}

const char* OutlineRuleLabel(const std::string& id) {
  for (const auto& r : review::OutlineRules()) {
    if (id == r.id) return r.label;
  }
  return "";
}

std::string FindingLabel(const check::Finding& f) {
  if (IsOutlineFinding(f)) return OutlineRuleLabel(f.rule);
  return check::CategoryLabel(f.category);
}

const model::Edition* EditionOf(const model::Document& doc) {
  const model::Edition* e = doc.BaseEdition();
  if (e == nullptr && !doc.editions.empty()) e = &doc.editions.front();
  return e;
}

// The node at citation path `citation` ("work/4/2"), or nullptr.
const model::Node* FindNode(const model::Document& doc, const std::string& citation) {
  const model::Edition* e = EditionOf(doc);
  if (e == nullptr) return nullptr;
  const std::string prefix = doc.work.id + "/";
  if (!citation.starts_with(prefix)) return nullptr;
  const std::string path = citation.substr(prefix.size());
  const model::Node* found = nullptr;
  model::ForEachNode(e->nodes, [&](const model::Node& n, const std::string& p, int) {
    if (found == nullptr && p == path) found = &n;
  });
  return found;
}

std::string NodeTitle(const model::Document& doc, const std::string& citation) {
  const model::Node* n = FindNode(doc, citation);
  if (n == nullptr) return citation == doc.work.id ? "全书" : citation;
  return n->title.empty() ? "（无标题）" : n->title;
}

const review::ErrorWeights& Weights(Status* status) {
  static review::ErrorWeights* weights = nullptr;
  static Status loaded;
  static std::once_flag once;
  std::call_once(once, [] {
    weights = new review::ErrorWeights();
    loaded = review::BuiltinErrorWeights(weights);
  });
  *status = loaded;
  return *weights;
}

// ---------------------------------------------------------------- the screen's subject

struct Subject {
  CurrentUser user;
  workflow::Manuscript ms;
  std::vector<workflow::Version> versions;
  workflow::Version version;
  bool reviewer = false;  // may act (reviewer role, not yet approved)
};

void SendError(Context* ctx, const httplib::Request& req, httplib::Response& res, int status,
               const std::string& message) {
  SendErrorPage(ctx, req, res, status, message);
  MarkPrivate(res);
}

void SendError(Context* ctx, const httplib::Request& req, httplib::Response& res, const Status& s) {
  SendError(ctx, req, res, HttpStatusFor(s), s.message());
}

// Checks who asks (reviewers act; the office's compiler and the
// administrator read), then loads the manuscript and version of the path.
// false: an answer has been sent.
bool OpenSubject(Context* ctx, const httplib::Request& req, httplib::Response& res, bool post, Subject* s) {
  if (post) {
    if (!RequirePage(ctx, req, res, {Role::kReviewer}, &s->user)) return false;
    if (!CheckCsrf(ctx, req, res, s->user)) return false;
  } else if (!RequirePage(ctx, req, res, {Role::kReviewer, Role::kCompiler, Role::kAdmin}, &s->user)) {
    return false;
  }
  if (ctx->workflow == nullptr) {
    SendError(ctx, req, res, 500, "稿件库未打开");
    return false;
  }
  int64_t id = 0, number = 0;
  if (!ParseId(req.matches[1], &id) || !ParseId(req.matches[2], &number)) {
    SendError(ctx, req, res, 404, "没有这部稿件");
    return false;
  }
  Status st = ctx->workflow->GetManuscript(s->user.user, id, &s->ms);
  if (st.ok()) st = ctx->workflow->ListVersions(s->user.user, id, &s->versions);
  if (st.ok()) st = ctx->workflow->GetVersion(s->user.user, id, number, &s->version);
  if (!st.ok()) {
    SendError(ctx, req, res, st);
    return false;
  }
  s->reviewer = s->user.Is(Role::kReviewer) && s->ms.status != ManuscriptStatus::kApproved;
  if (post && s->version.number != s->ms.latest_version) {
    SendError(ctx, req, res, 409,
              "第" + std::to_string(s->version.number) + "稿已不是最新稿（最新为第" +
                  std::to_string(s->ms.latest_version) + "稿），审查操作只能针对最新稿");
    return false;
  }
  if (post && s->ms.status == ManuscriptStatus::kApproved) {
    SendError(ctx, req, res, 409, "稿件已审查通过，不能再修改审查记录");
    return false;
  }
  return true;
}

bool LoadData(Context* ctx, const httplib::Request& req, httplib::Response& res, const Subject& s, int64_t number,
              std::shared_ptr<const VersionData>* out) {
  workflow::Version v;
  Status st = ctx->workflow->GetVersion(s.user.user, s.ms.id, number, &v);
  // The parsed version may come from the cache, so the file is checked
  // against its SHA-256 here on every view: a file changed on disk stops
  // the review (500, naming manuscript and version) instead of passing
  // unnoticed until the cache forgets it.
  std::string bytes;
  if (st.ok()) st = ctx->workflow->ReadVersionFile(s.user.user, s.ms.id, number, &bytes);
  if (st.ok()) st = LoadVersionData(ctx->workflow, s.user.user, s.ms, number, v.sha256, out);
  if (!st.ok()) {
    SendError(ctx, req, res, st);
    return false;
  }
  return true;
}

void Redirect(httplib::Response& res, const std::string& to) {
  res.status = 303;
  res.set_header("Location", to);
  MarkPrivate(res);
}

const char* NoticeText(const std::string& code) {
  if (code == "comment") return "意见已保存。";
  if (code == "status") return "稿件状态已更新。";
  if (code == "sample") return "样本已抽取并记录。";
  if (code == "mark") return "差错已计入，差错率已更新。";
  if (code == "accepted") return "自动检查的发现已计入差错。";
  if (code == "unmark") return "已删除该处标注，差错率已更新。";
  return nullptr;
}

void FillHead(Context* ctx, const httplib::Request& req, const Subject& s, ScreenKind kind, TemplateDictionary* d) {
  (void)ctx;
  TemplateDictionary* h = d->AddIncludeDictionary("HEAD");
  h->SetFilename("review-head.tpl");
  h->SetValue("MS_HREF", ManuscriptHref(s.ms.id));
  h->SetValue("MS_TITLE", s.ms.title);
  h->SetValue("SCREEN", ScreenLabel(kind));
  h->SetIntValue("VERSION", s.version.number);
  h->SetValue("OFFICE", s.ms.office);
  h->SetValue("OFFICE_NAME", s.ms.office_name.empty() ? s.ms.office : s.ms.office_name);
  h->SetValue("KIND", s.ms.kind);
  h->SetIntValue("YEAR", s.ms.year);
  h->SetValue("STATUS", std::string(workflow::StatusName(s.ms.status)));
  h->SetValue("STATUS_LABEL", std::string(workflow::StatusLabel(s.ms.status)));
  h->SetIntValue("LATEST", s.ms.latest_version);
  if (!s.reviewer) h->ShowSection("READ_ONLY");
  for (ScreenKind k : {ScreenKind::kOutline, ScreenKind::kRecheck, ScreenKind::kSpotCheck}) {
    TemplateDictionary* t = h->AddSectionDictionary("TAB");
    t->SetValue("HREF", ScreenHref(s.ms.id, s.version.number, k));
    t->SetValue("LABEL", ScreenLabel(k));
    if (k == kind) t->ShowSection("CURRENT");
  }
  for (const workflow::Version& v : s.versions) {
    TemplateDictionary* t = h->AddSectionDictionary("VER");
    t->SetValue("HREF", ScreenHref(s.ms.id, v.number, kind));
    t->SetIntValue("N", v.number);
    t->SetValue("FILE", v.file_name);
    if (v.number == s.version.number) t->ShowSection("CURRENT");
  }
  if (const char* notice = NoticeText(Param(req, "done"))) {
    h->SetValueAndShowSection("TEXT", notice, "NOTICE");
  }
}

// The status steps of this screen the user may take now; `blocked` says
// why a step is shown but cannot be taken.
void FillDecision(const Subject& s, ScreenKind kind, const std::map<ManuscriptStatus, std::string>& blocked,
                  TemplateDictionary* d) {
  TemplateDictionary* inc = d->AddIncludeDictionary("DECISION");
  inc->SetFilename("review-decision.tpl");
  if (!s.reviewer || s.version.number != s.ms.latest_version) return;
  const std::vector<ManuscriptStatus> allowed = workflow::AllowedTransitions(s.user.user.role, s.ms.status);
  TemplateDictionary* f = nullptr;
  for (ManuscriptStatus to : ScreenSteps(kind)) {
    if (std::find(allowed.begin(), allowed.end(), to) == allowed.end()) continue;
    if (f == nullptr) {
      f = inc->AddSectionDictionary("DECIDE");
      f->SetValue("ACTION", ManuscriptHref(s.ms.id) + "/versions/" + std::to_string(s.version.number) + "/decision");
      f->SetValue("CSRF", s.user.csrf_token);
      f->SetValue("FROM", std::string(workflow::StatusName(s.ms.status)));
      f->SetValue("BACK", ScreenSlug(kind));
      f->SetValue("STATUS_LABEL", std::string(workflow::StatusLabel(s.ms.status)));
    }
    TemplateDictionary* b = f->AddSectionDictionary("STEP");
    b->SetValue("TO", std::string(workflow::StatusName(to)));
    b->SetValue("LABEL", StepLabel(kind, to));
    if (to == ManuscriptStatus::kReturned) b->ShowSection("RETURN");
    auto it = blocked.find(to);
    if (it != blocked.end()) {
      b->ShowSection("DISABLED");
      TemplateDictionary* why = f->AddSectionDictionary("BLOCKED");
      why->SetValue("TEXT", it->second);
    }
  }
}

void SendScreen(Context* ctx, const httplib::Request& req, httplib::Response& res, const Subject& s,
                const std::string& tpl, const std::string& title, TemplateDictionary* d) {
  d->SetValue("TITLE", title);
  d->SetValue("CANONICAL", BaseUrl(req, ctx->options.host, ctx->options.port) + req.path);
  d->ShowSection("NOINDEX");
  // The layout's user line and logout form, as the account pages fill them.
  d->SetValue("CSRF", s.user.csrf_token);
  d->SetValue("USER_NAME", s.user.user.name);
  d->SetValue("USER_ROLE", std::string(accounts::RoleLabel(s.user.user.role)));
  d->SetValue("USER_OFFICE", s.user.user.office_name);
  TemplateDictionary* script = d->AddSectionDictionary("SCRIPT");
  script->SetValue("SRC", "/static/review.js");
  res.status = 200;
  res.set_content(ctx->templates->RenderPage(tpl, d), kHtmlType);
  MarkPrivate(res);
}

std::string PageTitle(const Subject& s, ScreenKind kind) {
  return "《" + s.ms.title + "》第" + std::to_string(s.version.number) + "稿 " + ScreenLabel(kind);
}

void FillFinding(const check::Finding& f, TemplateDictionary* d) {
  d->SetValue("RULE", f.rule);
  d->SetValue("SEV", check::SeverityName(f.severity));
  d->SetValue("SEV_LABEL", check::SeverityLabel(f.severity));
  d->SetValue("LABEL", FindingLabel(f));
  d->SetValue("MESSAGE", f.message);
  d->SetValue("EXCERPT", f.excerpt);
  d->SetValue("SUGGESTION", f.suggestion);
  d->SetValue("NODE_TITLE", f.node_title.empty() ? (f.node == static_cast<size_t>(-1) ? "全书" : "（无标题）")
                                                 : f.node_title);
  d->SetValue("PATH", f.path);
}

// The figures the dashboard shows for a version: open findings, and the
// error rate of the stored spot-check marks (when there are any).
Status UpdateSummary(Context* ctx, const Subject& s, const std::string& address, const VersionData& data,
                     const review::ErrorRate* rate) {
  workflow::VersionSummary summary;
  summary.open_findings = static_cast<int64_t>(data.findings.size());
  review::ErrorRate stored;
  if (rate == nullptr) {
    std::string json;
    Status st = ctx->workflow->GetVersionJson(s.user.user, s.ms.id, s.version.number, "marks", &json);
    if (st.ok()) {
      review::Marks marks;
      Status w;
      const review::ErrorWeights& weights = Weights(&w);
      FZ_RETURN_IF_ERROR(w);
      FZ_RETURN_IF_ERROR(review::ParseMarks(json, "marks", &marks));
      if (marks.chars > 0 && review::ComputeErrorRate(marks, weights, &stored).ok()) rate = &stored;
    } else if (st.code() != Status::Code::kNotFound) {
      return st;
    }
  }
  if (rate != nullptr) {
    double per = 0;
    std::istringstream(rate->per_10000) >> per;
    summary.error_rate = per;
    summary.verdict = rate->verdict;
  }
  return ctx->workflow->SetVersionSummary(s.user.user, address, s.ms.id, s.version.number, summary);
}

// ---------------------------------------------------------------- 篇目审查

void OutlinePage(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  Subject s;
  if (!OpenSubject(ctx, req, res, false, &s)) return;
  std::shared_ptr<const VersionData> data;
  if (!LoadData(ctx, req, res, s, s.version.number, &data)) return;
  std::vector<workflow::Comment> comments;
  Status st = ctx->workflow->ListComments(s.user.user, s.ms.id, s.version.number, &comments);
  if (!st.ok()) return SendError(ctx, req, res, st);

  const model::Document& doc = data->doc;
  std::map<std::string, std::vector<const check::Finding*>> outline_by_path;
  std::map<std::string, size_t> checks_by_path;
  std::vector<const check::Finding*> book;
  size_t outline_count = 0, check_count = 0;
  for (const check::Finding& f : data->findings) {
    if (IsOutlineFinding(f)) {
      ++outline_count;
      (f.node == static_cast<size_t>(-1) || f.path == doc.work.id ? book : outline_by_path[f.path]).push_back(&f);
    } else {
      ++check_count;
      checks_by_path[f.path]++;
    }
  }
  std::map<std::string, std::vector<const workflow::Comment*>> comments_by_path;
  for (const workflow::Comment& c : comments) comments_by_path[c.node_path].push_back(&c);

  TemplateDictionary d("review-outline");
  FillHead(ctx, req, s, ScreenKind::kOutline, &d);
  d.SetValue("FRAMEWORK_TITLE", data->framework.title);
  d.SetValue("FRAMEWORK_ID", data->framework.id);
  d.SetIntValue("FRAMEWORK_VERSION", data->framework.version);
  d.SetIntValue("OUTLINE_COUNT", static_cast<long>(outline_count));
  d.SetIntValue("CHECK_COUNT", static_cast<long>(check_count));
  d.SetIntValue("COMMENT_COUNT", static_cast<long>(comments.size()));
  if (outline_count == 0) d.ShowSection("NO_OUTLINE");
  if (!book.empty()) {
    TemplateDictionary* b = d.AddSectionDictionary("BOOK_FINDINGS");
    for (const check::Finding* f : book) FillFinding(*f, b->AddSectionDictionary("F"));
  }
  const std::string comment_action =
      ManuscriptHref(s.ms.id) + "/versions/" + std::to_string(s.version.number) + "/comments";
  const bool can_comment = s.reviewer && s.version.number == s.ms.latest_version;
  if (const model::Edition* e = EditionOf(doc)) {
    model::ForEachNode(e->nodes, [&](const model::Node& node, const std::string& path, int depth) {
      const std::string citation = doc.work.id + "/" + path;
      TemplateDictionary* n = d.AddSectionDictionary("NODE");
      n->SetValue("ANCHOR", NodeAnchor(citation));
      n->SetIntValue("DEPTH", std::min(depth, 6));
      n->SetValue("LEVEL", node.level);
      n->SetValue("TITLE", node.title.empty() ? "（无标题）" : node.title);
      n->SetValue("PATH", citation);
      auto fo = outline_by_path.find(citation);
      if (fo != outline_by_path.end()) {
        n->ShowSection("HAS_OUTLINE");
        TemplateDictionary* of = n->AddSectionDictionary("OF");
        for (const check::Finding* f : fo->second) FillFinding(*f, of->AddSectionDictionary("F"));
      }
      auto fc = checks_by_path.find(citation);
      if (fc != checks_by_path.end()) n->SetValueAndShowSection("N", std::to_string(fc->second), "CHECKS");
      auto cc = comments_by_path.find(citation);
      if (cc != comments_by_path.end()) {
        TemplateDictionary* cs = n->AddSectionDictionary("COMMENTS");
        for (const workflow::Comment* c : cc->second) {
          TemplateDictionary* ci = cs->AddSectionDictionary("C");
          ci->SetValue("AUTHOR", c->author);
          ci->SetValue("WHEN", FormatTime(c->created_at));
          ci->SetValue("BODY", c->body);
          if (!c->anchor_text.empty()) ci->SetValueAndShowSection("TEXT", c->anchor_text, "ANCHOR_TEXT");
        }
      }
      if (can_comment) {
        TemplateDictionary* form = n->AddSectionDictionary("COMMENT_FORM");
        form->SetValue("ACTION", comment_action);
        form->SetValue("CSRF", s.user.csrf_token);
      }
    });
  }
  FillDecision(s, ScreenKind::kOutline, {}, &d);
  SendScreen(ctx, req, res, s, "review-outline.tpl", PageTitle(s, ScreenKind::kOutline), &d);
}

void AddComment(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  Subject s;
  if (!OpenSubject(ctx, req, res, true, &s)) return;
  std::shared_ptr<const VersionData> data;
  if (!LoadData(ctx, req, res, s, s.version.number, &data)) return;
  workflow::Comment c;
  c.manuscript_id = s.ms.id;
  c.version = s.version.number;
  c.node_path = FormValue(req, "node");
  c.anchor_text = FormValue(req, "anchor");
  c.body = FormValue(req, "body");
  const model::Node* node = FindNode(data->doc, c.node_path);
  if (node == nullptr) return SendError(ctx, req, res, 400, "意见所指的节点 " + c.node_path.substr(0, 200) + " 不在本稿中");
  if (c.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return SendError(ctx, req, res, 400, "意见不能为空（字段 body）");
  }
  if (c.body.size() > kMaxCommentBytes || c.anchor_text.size() > kMaxAnchorBytes) {
    return SendError(ctx, req, res, 400, "意见过长（意见至多 4000 字节，针对的文字至多 600 字节）");
  }
  if (!ValidUtf8(c.body) || !ValidUtf8(c.anchor_text)) {
    return SendError(ctx, req, res, 400, "意见含有无效的 UTF-8 字节");
  }
  if (!c.anchor_text.empty() && check::BuildNodeText(*node).text.find(c.anchor_text) == std::string::npos) {
    return SendError(ctx, req, res, 400,
                     "“" + c.anchor_text + "”不在节点“" + node->title + "”的文字中（针对的文字须从正文中照录）");
  }
  int64_t id = 0;
  Status st = ctx->workflow->AddComment(s.user.user, ClientAddress(req), c, &id);
  if (!st.ok()) return SendError(ctx, req, res, st);
  Redirect(res, ScreenHref(s.ms.id, s.version.number, ScreenKind::kOutline) + "?done=comment#" +
                    NodeAnchor(c.node_path));
}

// ---------------------------------------------------------------- 复核

std::string DiffSideHtml(const std::vector<review::DiffPiece>& pieces, review::DiffPiece::Op own, const char* tag) {
  std::string out;
  for (const review::DiffPiece& p : pieces) {
    if (p.op != review::DiffPiece::Op::kSame && p.op != own) continue;
    if (p.op == own) {
      // A line end inside a marked run stays outside the element, so that
      // the mark never spans paragraphs.
      size_t start = 0;
      while (start <= p.text.size()) {
        size_t nl = p.text.find('\n', start);
        if (nl == std::string::npos) nl = p.text.size();
        if (nl > start) {
          out += std::string("<") + tag + ">" + HtmlEscape(p.text.substr(start, nl - start)) + "</" + tag + ">";
        }
        if (nl == p.text.size()) break;
        out += "<br>";
        start = nl + 1;
      }
    } else {
      out += EscapeWithBreaks(p.text);
    }
  }
  return out;
}

const char* PlacementLabel(review::CommentPlacement p) {
  switch (p) {
    case review::CommentPlacement::kSameNode: return "原节点";
    case review::CommentPlacement::kFollowedText: return "随文字移至";
    case review::CommentPlacement::kParent: return "原节点已删，挂到上级";
    case review::CommentPlacement::kLost: return "无处可挂";
  }
  return "";
}

const char* ChangeLabel(review::NodeChange c) {
  switch (c) {
    case review::NodeChange::kChanged: return "改动";
    case review::NodeChange::kAdded: return "新增";
    case review::NodeChange::kRemoved: return "删除";
    case review::NodeChange::kUnchanged: return "未改";
  }
  return "";
}

void RecheckPage(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  Subject s;
  if (!OpenSubject(ctx, req, res, false, &s)) return;
  TemplateDictionary d("review-recheck");
  FillHead(ctx, req, s, ScreenKind::kRecheck, &d);
  int64_t from = s.version.number - 1;
  const std::string from_param = Param(req, "from");
  if (!from_param.empty() && (!ParseId(from_param, &from) || from == s.version.number)) {
    return SendError(ctx, req, res, 400, "参数 from 应为另一稿的稿次（正整数），而不是 “" + from_param.substr(0, 40) + "”");
  }
  d.SetIntValue("NEW", s.version.number);
  d.SetValue("FORM_ACTION", ScreenHref(s.ms.id, s.version.number, ScreenKind::kRecheck));
  for (const workflow::Version& v : s.versions) {
    if (v.number == s.version.number) continue;
    TemplateDictionary* o = d.AddSectionDictionary("FROM_OPT");
    o->SetIntValue("N", v.number);
    if (v.number == from) o->ShowSection("SEL");
  }
  if (from < 1) {
    d.ShowSection("FIRST_VERSION");
    FillDecision(s, ScreenKind::kRecheck, {}, &d);
    return SendScreen(ctx, req, res, s, "review-recheck.tpl", PageTitle(s, ScreenKind::kRecheck), &d);
  }
  std::shared_ptr<const VersionData> old_data, new_data;
  if (!LoadData(ctx, req, res, s, from, &old_data)) return;
  if (!LoadData(ctx, req, res, s, s.version.number, &new_data)) return;
  review::RecheckResult r;
  Status st = review::Recheck(old_data->doc, old_data->findings, new_data->doc, new_data->findings, &r);
  if (!st.ok()) return SendError(ctx, req, res, st);
  TemplateDictionary* body = d.AddSectionDictionary("COMPARED");
  body->SetIntValue("OLD", from);
  body->SetIntValue("NEW", s.version.number);
  body->SetIntValue("FIXED_COUNT", static_cast<long>(r.fixed.size()));
  body->SetIntValue("STILL_COUNT", static_cast<long>(r.still_present.size()));
  body->SetIntValue("MOVED_COUNT", static_cast<long>(r.moved.size()));
  body->SetIntValue("NEW_COUNT", static_cast<long>(r.added.size()));
  for (const check::Finding& f : r.fixed) FillFinding(f, body->AddSectionDictionary("FIXED"));
  for (const review::MatchedFinding& m : r.still_present) FillFinding(m.after, body->AddSectionDictionary("STILL"));
  for (const review::MatchedFinding& m : r.moved) {
    TemplateDictionary* row = body->AddSectionDictionary("MOVED");
    FillFinding(m.after, row);
    row->SetValue("OLD_NODE_TITLE", m.before.node_title.empty() ? "全书" : m.before.node_title);
    row->SetValue("OLD_PATH", m.before.path);
  }
  for (const check::Finding& f : r.added) FillFinding(f, body->AddSectionDictionary("ADDED"));
  if (r.fixed.empty()) body->ShowSection("NO_FIXED");
  if (r.still_present.empty()) body->ShowSection("NO_STILL");
  if (r.moved.empty()) body->ShowSection("NO_MOVED");
  if (r.added.empty()) body->ShowSection("NO_ADDED");

  // Comments made on the older version, carried to their node.
  std::vector<workflow::Comment> comments;
  st = ctx->workflow->ListComments(s.user.user, s.ms.id, from, &comments);
  if (!st.ok()) return SendError(ctx, req, res, st);
  std::vector<review::ReviewComment> rc;
  for (const workflow::Comment& c : comments) {
    rc.push_back({std::to_string(c.id), c.node_path, NodeTitle(old_data->doc, c.node_path), c.anchor_text, c.body});
  }
  const std::vector<review::CarriedComment> carried = review::CarryComments(old_data->doc, new_data->doc, rc);
  body->SetIntValue("COMMENT_COUNT", static_cast<long>(carried.size()));
  if (carried.empty()) body->ShowSection("NO_COMMENTS");
  for (size_t i = 0; i < carried.size(); ++i) {
    const review::CarriedComment& c = carried[i];
    TemplateDictionary* row = body->AddSectionDictionary("CARRIED");
    row->SetValue("BODY", c.comment.body);
    row->SetValue("AUTHOR", comments[i].author);
    row->SetValue("OLD_TITLE", c.comment.node_title);
    row->SetValue("OLD_PATH", c.comment.path);
    if (!c.comment.anchor.empty()) row->SetValueAndShowSection("TEXT", c.comment.anchor, "ANCHOR_TEXT");
    row->SetValue("PLACEMENT", review::CommentPlacementName(c.placement));
    row->SetValue("PLACEMENT_LABEL", PlacementLabel(c.placement));
    if (c.placement != review::CommentPlacement::kLost) {
      TemplateDictionary* to = row->AddSectionDictionary("NEW_NODE");
      to->SetValue("NEW_TITLE", c.new_title);
      to->SetValue("HREF", ScreenHref(s.ms.id, s.version.number, ScreenKind::kOutline) + "#" + NodeAnchor(c.new_path));
    }
  }

  // Side by side, node by node.
  const std::vector<review::NodeDiff> diffs = review::DiffVersions(old_data->doc, new_data->doc);
  size_t unchanged = 0;
  for (const review::NodeDiff& nd : diffs) {
    if (nd.change == review::NodeChange::kUnchanged) {
      ++unchanged;
      continue;
    }
    TemplateDictionary* row = body->AddSectionDictionary("DIFF");
    row->SetValue("CHANGE", review::NodeChangeName(nd.change));
    row->SetValue("CHANGE_LABEL", ChangeLabel(nd.change));
    row->SetValue("TITLE", nd.new_title.empty() ? nd.old_title : nd.new_title);
    row->SetValue("LEVEL", nd.level);
    row->SetValue("OLD_PATH", nd.old_path.empty() ? "—" : nd.old_path);
    row->SetValue("NEW_PATH", nd.new_path.empty() ? "—" : nd.new_path);
    row->SetIntValue("REMOVED", static_cast<long>(nd.removed_chars));
    row->SetIntValue("ADDED", static_cast<long>(nd.added_chars));
    row->SetValue("OLD_HTML", DiffSideHtml(nd.pieces, review::DiffPiece::Op::kRemoved, "del"));
    row->SetValue("NEW_HTML", DiffSideHtml(nd.pieces, review::DiffPiece::Op::kAdded, "ins"));
  }
  body->SetIntValue("UNCHANGED", static_cast<long>(unchanged));
  body->SetIntValue("CHANGED", static_cast<long>(diffs.size() - unchanged));
  FillDecision(s, ScreenKind::kRecheck, {}, &d);
  SendScreen(ctx, req, res, s, "review-recheck.tpl", PageTitle(s, ScreenKind::kRecheck), &d);
}

// ---------------------------------------------------------------- 质量抽查

struct SpotCheckState {
  bool has_sample = false;
  review::Sample sample;
  review::Marks marks;
};

Status LoadSpotCheck(Context* ctx, const Subject& s, SpotCheckState* out) {
  std::string json;
  Status st = ctx->workflow->GetVersionJson(s.user.user, s.ms.id, s.version.number, "sample", &json);
  if (st.code() == Status::Code::kNotFound) return Status::Ok();
  FZ_RETURN_IF_ERROR(st);
  FZ_RETURN_IF_ERROR(review::ParseSampleJson(json, "抽查样本", &out->sample));
  out->has_sample = true;
  st = ctx->workflow->GetVersionJson(s.user.user, s.ms.id, s.version.number, "marks", &json);
  if (st.code() == Status::Code::kNotFound) {
    out->marks.chars = out->sample.sample_chars;
    return Status::Ok();
  }
  FZ_RETURN_IF_ERROR(st);
  return review::ParseMarks(json, "差错标注", &out->marks);
}

bool SameMark(const review::ErrorMark& m, const check::Finding& f) {
  return m.rule == f.rule && m.path == f.path && m.para == f.para && m.excerpt == f.excerpt;
}

// The passage's text with the marked excerpts highlighted (first
// occurrence of each; display only).
std::string PassageHtml(const review::SamplePassage& p, const std::vector<review::ErrorMark>& marks) {
  std::vector<std::pair<size_t, size_t>> spans;
  for (const review::ErrorMark& m : marks) {
    if (m.path != p.path || m.para != p.para || m.excerpt.empty()) continue;
    const size_t at = p.text.find(m.excerpt);
    if (at != std::string::npos) spans.emplace_back(at, at + m.excerpt.size());
  }
  std::sort(spans.begin(), spans.end());
  std::string out;
  size_t pos = 0;
  for (const auto& [b, e] : spans) {
    if (b < pos) continue;  // overlapping marks: the first one shows
    out += EscapeWithBreaks(std::string_view(p.text).substr(pos, b - pos));
    out += "<mark class=\"err\">" + EscapeWithBreaks(std::string_view(p.text).substr(b, e - b)) + "</mark>";
    pos = e;
  }
  out += EscapeWithBreaks(std::string_view(p.text).substr(pos));
  return out;
}

// Paragraphs before the first heading sit in an untitled node.
std::string PassageName(const review::SamplePassage& p) {
  if (!p.node_title.empty()) return p.node_title;
  return p.chapter.empty() ? "卷首" : p.chapter;
}

std::string PassageKey(const std::string& path, int para) { return path + "#p" + std::to_string(para); }

void SpotCheckPage(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  Subject s;
  if (!OpenSubject(ctx, req, res, false, &s)) return;
  Status wst;
  const review::ErrorWeights& weights = Weights(&wst);
  if (!wst.ok()) return SendError(ctx, req, res, wst);
  SpotCheckState sc;
  Status st = LoadSpotCheck(ctx, s, &sc);
  if (!st.ok()) return SendError(ctx, req, res, st);
  std::shared_ptr<const VersionData> data;
  if (!LoadData(ctx, req, res, s, s.version.number, &data)) return;

  TemplateDictionary d("review-spot-check");
  FillHead(ctx, req, s, ScreenKind::kSpotCheck, &d);
  const std::string base = ScreenHref(s.ms.id, s.version.number, ScreenKind::kSpotCheck);
  const bool can_mark = s.reviewer && s.version.number == s.ms.latest_version;
  d.SetValue("WEIGHTS_TITLE", weights.title);
  d.SetValue("WEIGHTS_ID", weights.id + " v" + std::to_string(weights.version));
  if (can_mark && (!sc.has_sample || sc.marks.marks.empty())) {
    TemplateDictionary* f = d.AddSectionDictionary("DRAW_FORM");
    f->SetValue("ACTION", base + "/sample");
    f->SetValue("CSRF", s.user.csrf_token);
    std::random_device rd;
    f->SetValue("SEED", std::to_string((static_cast<uint64_t>(rd()) % 900000) + 100000));
    f->SetValue("CHARS", std::to_string(review::kDefaultSampleChars));
    if (sc.has_sample) f->ShowSection("REDRAW");
  }
  std::map<ManuscriptStatus, std::string> blocked;
  if (!sc.has_sample) {
    d.ShowSection("NO_SAMPLE");
    blocked[ManuscriptStatus::kApproved] = "审查通过前须完成本稿的质量抽查，且差错率合格。";
    FillDecision(s, ScreenKind::kSpotCheck, blocked, &d);
    return SendScreen(ctx, req, res, s, "review-spot-check.tpl", PageTitle(s, ScreenKind::kSpotCheck), &d);
  }
  review::ErrorRate rate;
  st = review::ComputeErrorRate(sc.marks, weights, &rate);
  if (!st.ok()) return SendError(ctx, req, res, st);

  TemplateDictionary* body = d.AddSectionDictionary("SAMPLE");
  const review::Sample& sample = sc.sample;
  body->SetValue("SEED", std::to_string(sample.seed));
  body->SetValue("TARGET", GroupDigits(sample.target_chars));
  body->SetValue("BOOK_CHARS", GroupDigits(sample.book_chars));
  body->SetValue("SAMPLE_CHARS", GroupDigits(sample.sample_chars));
  body->SetIntValue("PASSAGES", static_cast<long>(sample.passages.size()));
  if (sample.whole_book) body->ShowSection("WHOLE_BOOK");
  for (const review::SampleStratum& st2 : sample.strata) {
    TemplateDictionary* row = body->AddSectionDictionary("STRATUM");
    row->SetValue("TITLE", st2.title);
    row->SetValue("CHARS", GroupDigits(st2.chars));
    row->SetValue("QUOTA", GroupDigits(st2.quota));
    row->SetValue("SAMPLED", GroupDigits(st2.sampled));
    row->SetIntValue("N", static_cast<long>(st2.passages));
  }
  // Totals and verdict.
  body->SetValue("ERRORS", review::FormatCenti(rate.errors));
  body->SetValue("ERRORS_CENTI", std::to_string(rate.errors));
  body->SetValue("CHARS", GroupDigits(rate.chars));
  body->SetValue("CHARS_RAW", std::to_string(rate.chars));
  body->SetValue("RATE", rate.per_10000);
  body->SetValue("VERDICT", rate.verdict);
  body->SetValue("ACTION_TEXT", rate.action);
  body->SetValue("PASS", rate.pass ? "pass" : "fail");
  body->SetIntValue("MARK_COUNT", static_cast<long>(rate.marks.size()));
  for (const review::TypeTotal& t : rate.totals) {
    TemplateDictionary* row = body->AddSectionDictionary("TOTAL");
    row->SetValue("LABEL", t.label);
    row->SetIntValue("MARKS", static_cast<long>(t.marks));
    row->SetValue("COUNTED", review::FormatCenti(t.counted));
  }
  if (rate.marks.empty()) body->ShowSection("NO_MARKS");
  std::map<std::string, const review::SamplePassage*> passage_of;
  for (const review::SamplePassage& p : sample.passages) passage_of[PassageKey(p.path, p.para)] = &p;
  for (size_t i = 0; i < rate.marks.size(); ++i) {
    const review::WeightedMark& wm = rate.marks[i];
    TemplateDictionary* row = body->AddSectionDictionary("MARK");
    row->SetIntValue("I", static_cast<long>(i + 1));
    row->SetIntValue("INDEX", static_cast<long>(i));
    const review::ErrorType* type = weights.Find(wm.mark.type);
    row->SetValue("TYPE", type != nullptr ? type->label : wm.mark.type);
    row->SetValue("WEIGHT", review::FormatCenti(wm.weight));
    row->SetValue("COUNTED", review::FormatCenti(wm.counted));
    row->SetValue("EXCERPT", wm.mark.excerpt);
    row->SetValue("CORRECTION", wm.mark.correction);
    row->SetValue("NOTE", wm.mark.note);
    row->SetValue("PAGE", wm.mark.page > 0 ? std::to_string(wm.mark.page) : "");
    row->SetValue("WHERE", NodeTitle(data->doc, wm.mark.path) + " 第" + std::to_string(wm.mark.para) + "段");
    if (!wm.mark.rule.empty()) row->SetValueAndShowSection("RULE", wm.mark.rule, "FROM_RULE");
    if (can_mark) {
      TemplateDictionary* del = row->AddSectionDictionary("DELETE");
      del->SetValue("ACTION", base + "/marks/delete");
      del->SetValue("CSRF", s.user.csrf_token);
      del->SetIntValue("INDEX", static_cast<long>(i));
    }
  }
  // Passages, with the automatic findings that fall inside them.
  std::map<std::string, std::vector<const check::Finding*>> findings_of;
  for (const check::Finding& f : data->findings) {
    if (f.node == static_cast<size_t>(-1) || f.para <= 0) continue;
    const std::string key = PassageKey(f.path, f.para);
    if (passage_of.count(key)) findings_of[key].push_back(&f);
  }
  size_t auto_count = 0;
  for (size_t i = 0; i < sample.passages.size(); ++i) {
    const review::SamplePassage& p = sample.passages[i];
    TemplateDictionary* row = body->AddSectionDictionary("PASSAGE");
    row->SetIntValue("I", static_cast<long>(i + 1));
    row->SetValue("KEY", PassageKey(p.path, p.para));
    if (!p.chapter.empty() && p.chapter != PassageName(p)) row->SetValueAndShowSection("CHAPTER", p.chapter, "IN_CHAPTER");
    row->SetValue("NODE_TITLE", PassageName(p));
    row->SetValue("PATH", p.path);
    row->SetIntValue("PARA", p.para);
    row->SetIntValue("CHARS", static_cast<long>(p.chars));
    row->SetValue("TEXT_HTML", PassageHtml(p, sc.marks.marks));
    auto it = findings_of.find(PassageKey(p.path, p.para));
    if (it == findings_of.end()) continue;
    TemplateDictionary* fl = row->AddSectionDictionary("AUTO");
    for (const check::Finding* f : it->second) {
      ++auto_count;
      TemplateDictionary* fr = fl->AddSectionDictionary("F");
      FillFinding(*f, fr);
      const std::vector<review::ErrorMark> as_marks = review::MarksFromFindings({*f}, weights);
      if (as_marks.empty()) {
        fr->ShowSection("NOT_ERROR");
        continue;
      }
      const review::ErrorType* type = weights.Find(as_marks.front().type);
      fr->SetValue("TYPE", type != nullptr ? type->label : as_marks.front().type);
      bool accepted = false;
      for (const review::ErrorMark& m : sc.marks.marks) accepted = accepted || SameMark(m, *f);
      if (accepted) {
        fr->ShowSection("ACCEPTED");
      } else if (can_mark) {
        TemplateDictionary* a = fr->AddSectionDictionary("ACCEPT");
        a->SetValue("ACTION", base + "/accept");
        a->SetValue("CSRF", s.user.csrf_token);
        a->SetValue("RULE", f->rule);
        a->SetValue("PATH", f->path);
        a->SetIntValue("PARA", f->para);
        a->SetIntValue("START", static_cast<long>(f->start));
        a->SetIntValue("END", static_cast<long>(f->end));
      }
    }
  }
  body->SetIntValue("AUTO_COUNT", static_cast<long>(auto_count));
  if (can_mark) {
    TemplateDictionary* f = body->AddSectionDictionary("MARK_FORM");
    f->SetValue("ACTION", base + "/marks");
    f->SetValue("CSRF", s.user.csrf_token);
    for (size_t i = 0; i < sample.passages.size(); ++i) {
      const review::SamplePassage& p = sample.passages[i];
      TemplateDictionary* o = f->AddSectionDictionary("P_OPT");
      o->SetValue("KEY", PassageKey(p.path, p.para));
      o->SetValue("LABEL", std::to_string(i + 1) + ". " + PassageName(p) + " 第" + std::to_string(p.para) + "段");
    }
    for (const review::ErrorType& t : weights.types) {
      TemplateDictionary* o = f->AddSectionDictionary("T_OPT");
      o->SetValue("ID", t.id);
      o->SetValue("LABEL", t.label + "（" + review::FormatCenti(t.weight) + "）");
      o->SetValue("WEIGHT_CENTI", std::to_string(t.weight));
    }
  }
  body->SetValue("REPORT_HTML", base + "/report.html");
  body->SetValue("REPORT_PDF", base + "/report.pdf");
  if (!rate.pass) blocked[ManuscriptStatus::kApproved] = "差错率" + rate.per_10000 + "/10000，" + rate.verdict + "：不能审查通过。";
  FillDecision(s, ScreenKind::kSpotCheck, blocked, &d);
  SendScreen(ctx, req, res, s, "review-spot-check.tpl", PageTitle(s, ScreenKind::kSpotCheck), &d);
}

Status SaveMarks(Context* ctx, const Subject& s, const std::string& address, const VersionData& data,
                 const review::Marks& marks) {
  Status w;
  const review::ErrorWeights& weights = Weights(&w);
  FZ_RETURN_IF_ERROR(w);
  review::ErrorRate rate;
  FZ_RETURN_IF_ERROR(review::ComputeErrorRate(marks, weights, &rate));
  FZ_RETURN_IF_ERROR(ctx->workflow->PutVersionJson(s.user.user, address, s.ms.id, s.version.number, "marks",
                                                   review::MarksJson(marks)));
  return UpdateSummary(ctx, s, address, data, &rate);
}

void DrawSamplePost(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  Subject s;
  if (!OpenSubject(ctx, req, res, true, &s)) return;
  SpotCheckState sc;
  Status st = LoadSpotCheck(ctx, s, &sc);
  if (!st.ok()) return SendError(ctx, req, res, st);
  if (sc.has_sample && !sc.marks.marks.empty()) {
    return SendError(ctx, req, res, 409, "本稿的样本已有差错标注，不能重新抽样（先删除全部标注）");
  }
  const std::string seed_text = FormValue(req, "seed"), chars_text = FormValue(req, "chars");
  uint64_t seed = 0;
  size_t chars = 0;
  auto [p1, e1] = std::from_chars(seed_text.data(), seed_text.data() + seed_text.size(), seed);
  if (seed_text.empty() || e1 != std::errc() || p1 != seed_text.data() + seed_text.size()) {
    return SendError(ctx, req, res, 400, "随机种子（字段 seed）应为非负整数，而不是 “" + seed_text.substr(0, 40) + "”");
  }
  auto [p2, e2] = std::from_chars(chars_text.data(), chars_text.data() + chars_text.size(), chars);
  if (e2 != std::errc() || p2 != chars_text.data() + chars_text.size() || chars == 0 || chars > kMaxSampleChars) {
    return SendError(ctx, req, res, 400,
                     "抽查字数（字段 chars）应为 1 到 10000000 之间的整数，而不是 “" + chars_text.substr(0, 40) + "”");
  }
  std::shared_ptr<const VersionData> data;
  if (!LoadData(ctx, req, res, s, s.version.number, &data)) return;
  review::Sample sample;
  review::SampleOptions opt;
  opt.chars = chars;
  opt.seed = seed;
  st = review::DrawSample(data->doc, opt, &sample);
  if (!st.ok()) return SendError(ctx, req, res, st);
  if (sample.sample_chars == 0) return SendError(ctx, req, res, 400, "本稿没有可抽查的汉字段落");
  const std::string address = ClientAddress(req);
  const std::string sample_json = review::SampleJson(sample);
  st = ctx->workflow->PutVersionJson(s.user.user, address, s.ms.id, s.version.number, "sample", sample_json);
  review::Marks marks;
  marks.chars = sample.sample_chars;
  marks.title = s.ms.title;
  marks.work = data->doc.work.id;
  marks.sample_json = sample_json;
  if (st.ok()) st = SaveMarks(ctx, s, address, *data, marks);
  if (!st.ok()) return SendError(ctx, req, res, st);
  Redirect(res, ScreenHref(s.ms.id, s.version.number, ScreenKind::kSpotCheck) + "?done=sample");
}

// Splits "path#pN".
bool ParsePassageKey(const std::string& key, std::string* path, int* para) {
  const size_t hash = key.rfind("#p");
  if (hash == std::string::npos) return false;
  *path = key.substr(0, hash);
  const std::string n = key.substr(hash + 2);
  auto [p, ec] = std::from_chars(n.data(), n.data() + n.size(), *para);
  return ec == std::errc() && p == n.data() + n.size() && *para > 0;
}

bool LoadMarkingContext(Context* ctx, const httplib::Request& req, httplib::Response& res, Subject* s,
                        SpotCheckState* sc, std::shared_ptr<const VersionData>* data) {
  if (!OpenSubject(ctx, req, res, true, s)) return false;
  Status st = LoadSpotCheck(ctx, *s, sc);
  if (!st.ok()) {
    SendError(ctx, req, res, st);
    return false;
  }
  if (!sc->has_sample) {
    SendError(ctx, req, res, 409, "请先抽取样本，再标注差错");
    return false;
  }
  if (sc->marks.sample_json.empty()) sc->marks.sample_json = review::SampleJson(sc->sample);
  return LoadData(ctx, req, res, *s, s->version.number, data);
}


// Stores the changed marks (and the figures the dashboard shows), then
// back to the marking view, which says what was done.
void SaveMarksAndShow(Context* ctx, const httplib::Request& req, httplib::Response& res, const Subject& s,
                      const VersionData& data, const review::Marks& marks, const std::string& done) {
  Status st = SaveMarks(ctx, s, ClientAddress(req), data, marks);
  if (!st.ok()) return SendError(ctx, req, res, st);
  Redirect(res, ScreenHref(s.ms.id, s.version.number, ScreenKind::kSpotCheck) + "?done=" + done + "#marks");
}
void AddMarkPost(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  Subject s;
  SpotCheckState sc;
  std::shared_ptr<const VersionData> data;
  if (!LoadMarkingContext(ctx, req, res, &s, &sc, &data)) return;
  Status w;
  const review::ErrorWeights& weights = Weights(&w);
  if (!w.ok()) return SendError(ctx, req, res, w);
  review::ErrorMark m;
  m.type = FormValue(req, "type");
  m.excerpt = FormValue(req, "excerpt");
  m.correction = FormValue(req, "correction");
  m.note = FormValue(req, "note");
  const std::string passage = FormValue(req, "passage"), page = FormValue(req, "page");
  if (weights.Find(m.type) == nullptr) {
    return SendError(ctx, req, res, 400, "差错类型（字段 type）“" + m.type.substr(0, 60) + "”不在权重表 " + weights.id + " 中");
  }
  const review::SamplePassage* p = nullptr;
  std::string path;
  int para = 0;
  if (ParsePassageKey(passage, &path, &para)) {
    for (const review::SamplePassage& sp : sc.sample.passages) {
      if (sp.path == path && sp.para == para) p = &sp;
    }
  }
  if (p == nullptr) return SendError(ctx, req, res, 400, "段落（字段 passage）“" + passage.substr(0, 200) + "”不在本次样本中");
  if (m.excerpt.size() > kMaxExcerptBytes || m.correction.size() > kMaxExcerptBytes || m.note.size() > kMaxNoteBytes ||
      !ValidUtf8(m.excerpt) || !ValidUtf8(m.correction) || !ValidUtf8(m.note)) {
    return SendError(ctx, req, res, 400, "差错原文、改正（各至多 600 字节）或备注（至多 4000 字节）过长，或含有无效的 UTF-8 字节");
  }
  if (m.excerpt.empty()) return SendError(ctx, req, res, 400, "请照录出错的原文（字段 excerpt）");
  if (p->text.find(m.excerpt) == std::string::npos) {
    return SendError(ctx, req, res, 400, "“" + m.excerpt + "”不在所选段落（" + p->node_title + " 第" +
                                             std::to_string(p->para) + "段）中，请照录原文");
  }
  if (!page.empty()) {
    auto [pe, ec] = std::from_chars(page.data(), page.data() + page.size(), m.page);
    if (ec != std::errc() || pe != page.data() + page.size() || m.page < 0 || m.page > 100000) {
      return SendError(ctx, req, res, 400, "页码（字段 page）应为正整数，而不是 “" + page.substr(0, 20) + "”");
    }
  }
  m.path = p->path;
  m.para = p->para;
  sc.marks.marks.push_back(m);
  SaveMarksAndShow(ctx, req, res, s, *data, sc.marks, "mark");
}

void AcceptFindingPost(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  Subject s;
  SpotCheckState sc;
  std::shared_ptr<const VersionData> data;
  if (!LoadMarkingContext(ctx, req, res, &s, &sc, &data)) return;
  Status w;
  const review::ErrorWeights& weights = Weights(&w);
  if (!w.ok()) return SendError(ctx, req, res, w);
  const std::string rule = FormValue(req, "rule"), path = FormValue(req, "path");
  const std::string para = FormValue(req, "para"), start = FormValue(req, "start"), end = FormValue(req, "end");
  const check::Finding* found = nullptr;
  for (const check::Finding& f : data->findings) {
    if (f.rule == rule && f.path == path && std::to_string(f.para) == para && std::to_string(f.start) == start &&
        std::to_string(f.end) == end) {
      found = &f;
      break;
    }
  }
  if (found == nullptr) return SendError(ctx, req, res, 404, "本稿没有这条自动检查发现（" + rule.substr(0, 40) + " " + path.substr(0, 100) + "）");
  bool in_sample = false;
  for (const review::SamplePassage& p : sc.sample.passages) in_sample = in_sample || (p.path == found->path && p.para == found->para);
  if (!in_sample) return SendError(ctx, req, res, 400, "这条发现不在本次抽查的样本中");
  for (const review::ErrorMark& m : sc.marks.marks) {
    if (SameMark(m, *found)) return SendError(ctx, req, res, 409, "这条发现已计入差错");
  }
  std::vector<review::ErrorMark> marks = review::MarksFromFindings({*found}, weights);
  if (marks.empty()) {
    return SendError(ctx, req, res, 400, std::string("“") + check::CategoryLabel(found->category) +
                                             "”类的发现是体例问题，不按编校差错计（权重表未作对应）");
  }
  sc.marks.marks.push_back(marks.front());
  SaveMarksAndShow(ctx, req, res, s, *data, sc.marks, "accepted");
}

void DeleteMarkPost(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  Subject s;
  SpotCheckState sc;
  std::shared_ptr<const VersionData> data;
  if (!LoadMarkingContext(ctx, req, res, &s, &sc, &data)) return;
  size_t index = 0;
  const std::string v = FormValue(req, "index");
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), index);
  if (v.empty() || ec != std::errc() || p != v.data() + v.size() || index >= sc.marks.marks.size()) {
    return SendError(ctx, req, res, 400, "没有第 " + v.substr(0, 20) + " 处标注（字段 index）");
  }
  sc.marks.marks.erase(sc.marks.marks.begin() + static_cast<std::ptrdiff_t>(index));
  SaveMarksAndShow(ctx, req, res, s, *data, sc.marks, "unmark");
}

bool BuildReport(Context* ctx, const httplib::Request& req, httplib::Response& res, Subject* s, std::string* html) {
  if (!OpenSubject(ctx, req, res, false, s)) return false;
  SpotCheckState sc;
  Status st = LoadSpotCheck(ctx, *s, &sc);
  Status w;
  const review::ErrorWeights& weights = Weights(&w);
  if (st.ok()) st = w;
  if (!st.ok()) {
    SendError(ctx, req, res, st);
    return false;
  }
  if (!sc.has_sample) {
    SendError(ctx, req, res, 409, "第" + std::to_string(s->version.number) + "稿尚未抽查，还没有质量报告");
    return false;
  }
  review::ErrorRate rate;
  st = review::ComputeErrorRate(sc.marks, weights, &rate);
  if (!st.ok()) {
    SendError(ctx, req, res, st);
    return false;
  }
  review::QualityReport report;
  report.title = "《" + s->ms.title + "》第" + std::to_string(s->version.number) + "稿质量抽查报告";
  report.marks = &sc.marks;
  report.rate = &rate;
  report.weights = &weights;
  report.sample = &sc.sample;
  *html = review::RenderQualityReportHtml(report);
  return true;
}

std::string ReportFileName(const Subject& s, const char* ext) {
  return "quality-report-" + std::to_string(s.ms.id) + "-v" + std::to_string(s.version.number) + ext;
}

void ReportHtml(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  Subject s;
  std::string html;
  if (!BuildReport(ctx, req, res, &s, &html)) return;
  res.set_content(html, kHtmlType);
  MarkPrivate(res);
  if (Param(req, "download") == "1") {
    SetAttachment(res, ReportFileName(s, ".html"), s.ms.title + "第" + std::to_string(s.version.number) + "稿质量抽查报告.html");
  }
}

void ReportPdf(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  Subject s;
  std::string html;
  if (!BuildReport(ctx, req, res, &s, &html)) return;
  namespace fs = std::filesystem;
  std::random_device rd;
  const fs::path pdf = fs::temp_directory_path() /
                       ("fangzhi-report-" + std::to_string(s.ms.id) + "-" + std::to_string(rd()) + ".pdf");
  Status st = review::PrintHtmlToPdf(html, pdf.string());
  std::string bytes;
  if (st.ok()) {
    std::ifstream in(pdf, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    bytes = ss.str();
    if (!in || bytes.size() < 5 || bytes.compare(0, 5, "%PDF-") != 0) st = Status::IoError("PDF 报告生成失败（文件不完整）");
  }
  std::error_code ec;
  fs::remove(pdf, ec);
  if (!st.ok()) return SendError(ctx, req, res, st);
  res.set_content(std::move(bytes), "application/pdf");
  MarkPrivate(res);
  SetAttachment(res, ReportFileName(s, ".pdf"), s.ms.title + "第" + std::to_string(s.version.number) + "稿质量抽查报告.pdf");
}

// ---------------------------------------------------------------- status steps

void DecisionPost(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  Subject s;
  if (!OpenSubject(ctx, req, res, true, &s)) return;
  const std::string back = FormValue(req, "back");
  ScreenKind kind;
  if (back == "outline") {
    kind = ScreenKind::kOutline;
  } else if (back == "recheck") {
    kind = ScreenKind::kRecheck;
  } else if (back == "spot-check") {
    kind = ScreenKind::kSpotCheck;
  } else {
    return SendError(ctx, req, res, 400, "字段 back 应为 outline、recheck 或 spot-check");
  }
  ManuscriptStatus from, to;
  Status st = workflow::ParseStatus(FormValue(req, "from"), &from);
  if (st.ok()) st = workflow::ParseStatus(FormValue(req, "to"), &to);
  if (!st.ok()) return SendError(ctx, req, res, st);
  const std::vector<ManuscriptStatus> steps = ScreenSteps(kind);
  if (std::find(steps.begin(), steps.end(), to) == steps.end()) {
    return SendError(ctx, req, res, 400, std::string(ScreenLabel(kind)) + "页不能把稿件改为“" +
                                             std::string(workflow::StatusLabel(to)) + "”");
  }
  std::string note = FormValue(req, "note");
  if (note.size() > kMaxNoteBytes || !ValidUtf8(note)) {
    return SendError(ctx, req, res, 400, "意见过长（至多 4000 字节）或含有无效的 UTF-8 字节");
  }
  const bool blank = note.find_first_not_of(" \t\r\n") == std::string::npos;
  if (to == ManuscriptStatus::kReturned && blank) {
    return SendError(ctx, req, res, 400, "退回稿件须写明退回意见（字段 note）");
  }
  std::shared_ptr<const VersionData> data;
  if (!LoadData(ctx, req, res, s, s.version.number, &data)) return;
  const std::string address = ClientAddress(req);
  if (to == ManuscriptStatus::kApproved) {
    SpotCheckState sc;
    st = LoadSpotCheck(ctx, s, &sc);
    if (!st.ok()) return SendError(ctx, req, res, st);
    Status w;
    const review::ErrorWeights& weights = Weights(&w);
    if (!w.ok()) return SendError(ctx, req, res, w);
    review::ErrorRate rate;
    if (!sc.has_sample || !review::ComputeErrorRate(sc.marks, weights, &rate).ok()) {
      return SendError(ctx, req, res, 409, "审查通过前须完成第" + std::to_string(s.version.number) + "稿的质量抽查");
    }
    if (!rate.pass) {
      return SendError(ctx, req, res, 409, "差错率 " + rate.per_10000 + "/10000，" + rate.verdict + "，不能审查通过");
    }
  }
  // What the decision was based on, kept with the version.
  if (kind == ScreenKind::kOutline) {
    nlohmann::ordered_json j;
    j["framework"] = data->framework.id;
    j["framework_version"] = data->framework.version;
    j["decision"] = std::string(workflow::StatusName(to));
    j["note"] = note;
    j["findings"] = nlohmann::ordered_json::array();
    for (const check::Finding& f : data->findings) {
      if (IsOutlineFinding(f)) j["findings"].push_back(check::FindingToJson(f));
    }
    st = ctx->workflow->PutVersionJson(s.user.user, address, s.ms.id, s.version.number, "outline", DumpJson(j));
  } else if (kind == ScreenKind::kRecheck && s.version.number > 1) {
    std::shared_ptr<const VersionData> old_data;
    if (!LoadData(ctx, req, res, s, s.version.number - 1, &old_data)) return;
    review::RecheckResult r;
    st = review::Recheck(old_data->doc, old_data->findings, data->doc, data->findings, &r);
    if (st.ok()) {
      st = ctx->workflow->PutVersionJson(s.user.user, address, s.ms.id, s.version.number, "recheck",
                                         review::RecheckJson(r));
    }
  }
  if (st.ok()) {
    // The history says where the step was taken: "篇目审查（第1稿）：…".
    const std::string record = std::string(ScreenLabel(kind)) + "（第" + std::to_string(s.version.number) + "稿）" +
                               (blank ? std::string() : "：" + note);
    st = ctx->workflow->Transition(s.user.user, address, s.ms.id, from, to, record);
  }
  if (st.ok()) st = UpdateSummary(ctx, s, address, *data, nullptr);
  if (!st.ok()) return SendError(ctx, req, res, st);
  Redirect(res, ScreenHref(s.ms.id, s.version.number, kind) + "?done=status");
}

template <void (*F)(Context*, const httplib::Request&, httplib::Response&)>
httplib::Server::Handler Bind(Context* ctx) {
  return [ctx](const httplib::Request& req, httplib::Response& res) { F(ctx, req, res); };
}

}  // namespace

void RegisterReviewPages(httplib::Server* srv, Context* ctx) {
  srv->Get(R"(/manuscripts/(\d+)/versions/(\d+)/outline)", Bind<OutlinePage>(ctx));
  srv->Post(R"(/manuscripts/(\d+)/versions/(\d+)/comments)", Bind<AddComment>(ctx));
  srv->Post(R"(/manuscripts/(\d+)/versions/(\d+)/decision)", Bind<DecisionPost>(ctx));
  srv->Get(R"(/manuscripts/(\d+)/versions/(\d+)/recheck)", Bind<RecheckPage>(ctx));
  srv->Get(R"(/manuscripts/(\d+)/versions/(\d+)/spot-check)", Bind<SpotCheckPage>(ctx));
  srv->Post(R"(/manuscripts/(\d+)/versions/(\d+)/spot-check/sample)", Bind<DrawSamplePost>(ctx));
  srv->Post(R"(/manuscripts/(\d+)/versions/(\d+)/spot-check/marks)", Bind<AddMarkPost>(ctx));
  srv->Post(R"(/manuscripts/(\d+)/versions/(\d+)/spot-check/marks/delete)", Bind<DeleteMarkPost>(ctx));
  srv->Post(R"(/manuscripts/(\d+)/versions/(\d+)/spot-check/accept)", Bind<AcceptFindingPost>(ctx));
  srv->Get(R"(/manuscripts/(\d+)/versions/(\d+)/spot-check/report\.html)", Bind<ReportHtml>(ctx));
  srv->Get(R"(/manuscripts/(\d+)/versions/(\d+)/spot-check/report\.pdf)", Bind<ReportPdf>(ctx));
}

}  // namespace fangzhi::server
