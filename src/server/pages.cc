// The HTML pages: home, browse, work, reading view, comparison and search.
// Server-rendered and complete without JavaScript; the only script is the
// charts on the search page.
#include <algorithm>
#include <map>
#include <set>

#include "model/citation.h"
#include "search/result_json.h"
#include "server/app.h"
#include "server/catalog.h"
#include "server/cite.h"
#include "server/escape.h"
#include "server/http_util.h"
#include "server/reading.h"
#include "server/scan_view.h"
#include "server/text_diff.h"
#include "text/utf8.h"

namespace fangzhi::server {
namespace {

using ctemplate::TemplateDictionary;

constexpr size_t kBrowsePage = 50;
constexpr size_t kSearchPageDefault = 50;
// 2,000 bytes: 666 Han characters of 3 bytes, so the search box's
// maxlength of 600 (web/templates/search.tpl) always fits; percent-encoded
// (9 bytes a character) such a query also stays under cpp-httplib's 8 KiB
// request line, beyond which it answers 414 itself.
constexpr size_t kMaxQueryBytes = 2000;
constexpr size_t kFacetValuesShown = 30;

const char* Heading(int status) {
  switch (status) {
    case 400: return "请求有误";
    case 403: return "无权访问";
    case 404: return "找不到页面";
    case 405: return "不支持的请求方法";
    case 413: return "上传内容过大";
    case 414: return "地址过长";
    case 429: return "请求过多";
    default: return "服务器出错";
  }
}

void SendPage(Context* ctx, const httplib::Request& req, httplib::Response& res, int status, const std::string& tpl,
              const std::string& title, const std::string& canonical, TemplateDictionary* d) {
  d->SetValue("TITLE", title);
  d->SetValue("CANONICAL", BaseUrl(req, ctx->options.host, ctx->options.port) + canonical);
  if (status >= 400) d->ShowSection("NOINDEX");
  res.status = status;
  res.set_content(ctx->templates->RenderPage(tpl, d), kHtmlType);
}

void ErrorPage(Context* ctx, const httplib::Request& req, httplib::Response& res, int status,
               const std::string& message) {
  TemplateDictionary d("error");
  d.SetIntValue("STATUS", status);
  d.SetValue("HEADING", Heading(status));
  d.SetValue("MESSAGE", message);
  SendPage(ctx, req, res, status, "error.tpl", std::to_string(status) + " " + Heading(status), req.path, &d);
}

void ErrorPage(Context* ctx, const httplib::Request& req, httplib::Response& res, const Status& s) {
  ErrorPage(ctx, req, res, HttpStatusFor(s), s.message());
}

std::string Join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// ---------------------------------------------------------------- home

struct Tally {
  size_t works = 0;
  uint64_t han = 0;
};

void FillTally(TemplateDictionary* d, const char* section, const std::map<std::string, Tally>& m,
               const std::map<std::string, std::string>& labels) {
  std::vector<std::pair<std::string, Tally>> v(m.begin(), m.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second.han > b.second.han; });
  for (const auto& [value, t] : v) {
    TemplateDictionary* s = d->AddSectionDictionary(section);
    s->SetValue("VALUE", value);
    auto it = labels.find(value);
    s->SetValue("LABEL", it != labels.end() ? it->second : (value.empty() ? "未详" : value));
    s->SetValue("COUNT", std::to_string(t.works));
    s->SetValue("HAN", GroupDigits(t.han));
  }
}

void Home(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  BackendPool::Lease b;
  Status s = ctx->pool->Acquire(&b);
  if (!s.ok()) return ErrorPage(ctx, req, res, s);
  const std::vector<store::WorkSummary>& works = b->works;
  TemplateDictionary d("home");
  d.ShowSection("NAV_HOME");
  std::map<std::string, Tally> kinds, dynasties, regions;
  std::map<std::string, std::string> region_labels;
  uint64_t han = 0;
  size_t editions = 0;
  for (const auto& w : works) {
    han += w.han_count;
    editions += w.editions.size();
    for (auto* m : {&kinds[w.work.kind], &dynasties[w.work.dynasty]}) {
      m->works++;
      m->han += w.han_count;
    }
    const std::string province = w.work.region_code.substr(0, std::min<size_t>(2, w.work.region_code.size()));
    regions[province].works++;
    regions[province].han += w.han_count;
    region_labels[province] = province.empty() ? "未详" : RegionLabel(province);
    TemplateDictionary* row = d.AddSectionDictionary("WORK");
    row->SetValue("ID", w.work.id);
    row->SetValue("TITLE", w.work.title);
    row->SetValue("DYNASTY", w.work.dynasty.empty() ? "—" : w.work.dynasty);
    row->SetValue("COMPILERS", w.work.compilers.empty() ? "佚名" : Join(w.work.compilers, "、"));
    row->SetValue("KIND", w.work.kind);
    row->SetValue("HAN", GroupDigits(w.han_count));
  }
  d.SetValue("WORK_COUNT", std::to_string(works.size()));
  d.SetValue("HAN_TOTAL", GroupDigits(han));
  d.SetValue("EDITION_COUNT", std::to_string(editions));
  FillTally(&d, "KIND", kinds, {});
  FillTally(&d, "DYNASTY", dynasties, {});
  FillTally(&d, "REGION", regions, region_labels);
  SendPage(ctx, req, res, 200, "home.tpl", "首页", "/", &d);
}

// ---------------------------------------------------------------- browse

struct BrowseFilter {
  std::string kind, region, dynasty;
  bool Match(const model::Work& w, const std::string& skip = "") const {
    if (skip != "kind" && !kind.empty() && w.kind != kind) return false;
    if (skip != "dynasty" && !dynasty.empty() && w.dynasty != dynasty) return false;
    if (skip != "region" && !region.empty() && !w.region_code.starts_with(region)) return false;
    return true;
  }
  std::string Query(const std::string& field, const std::string& value) const {
    std::string k = field == "kind" ? value : kind, r = field == "region" ? value : region,
                dy = field == "dynasty" ? value : dynasty;
    std::string q;
    if (!k.empty()) q += "&kind=" + UrlEncode(k);
    if (!r.empty()) q += "&region=" + UrlEncode(r);
    if (!dy.empty()) q += "&dynasty=" + UrlEncode(dy);
    return q;
  }
};

std::string BrowseHref(const std::string& filter_query, size_t offset) {
  std::string q = filter_query;
  if (offset > 0) q += "&offset=" + std::to_string(offset);
  return q.empty() ? "/works" : "/works?" + q.substr(1);
}

void Browse(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  BrowseFilter f{Param(req, "kind"), Param(req, "region"), Param(req, "dynasty")};
  size_t offset = 0;
  Status s = SizeParam(req, "offset", 0, 100000000, &offset);
  if (!s.ok()) return ErrorPage(ctx, req, res, s);
  BackendPool::Lease b;
  s = ctx->pool->Acquire(&b);
  if (!s.ok()) return ErrorPage(ctx, req, res, s);
  const std::vector<store::WorkSummary>& works = b->works;

  TemplateDictionary d("browse");
  d.ShowSection("NAV_WORKS");
  struct Group {
    const char* field;
    const char* name;
    std::string current;
  };
  for (const Group& g : {Group{"kind", "类型", f.kind}, Group{"dynasty", "朝代", f.dynasty},
                         Group{"region", "地区", f.region}}) {
    std::map<std::string, size_t> counts;
    for (const auto& w : works) {
      if (!f.Match(w.work, g.field)) continue;
      std::string v = std::string(g.field) == "kind" ? w.work.kind
                      : std::string(g.field) == "dynasty" ? w.work.dynasty
                                                          : w.work.region_code.substr(0, std::min<size_t>(2, w.work.region_code.size()));
      counts[v]++;
    }
    TemplateDictionary* gd = d.AddSectionDictionary("FILTER_GROUP");
    gd->SetValue("NAME", g.name);
    for (const auto& [value, n] : counts) {
      if (value.empty()) continue;
      TemplateDictionary* o = gd->AddSectionDictionary("OPTION");
      const bool active = value == g.current;
      o->SetValue("HREF", BrowseHref(f.Query(g.field, active ? "" : value), 0));
      o->SetValue("LABEL", std::string(g.field) == "region" ? RegionLabel(value) : value);
      o->SetValue("COUNT", std::to_string(n));
      if (active) o->ShowSection("ACTIVE");
    }
  }
  if (!f.kind.empty() || !f.region.empty() || !f.dynasty.empty()) d.ShowSection("HAS_FILTER");

  std::vector<const store::WorkSummary*> hits;
  for (const auto& w : works) {
    if (f.Match(w.work)) hits.push_back(&w);
  }
  d.SetValue("TOTAL", std::to_string(hits.size()));
  const size_t end = std::min(hits.size(), offset + kBrowsePage);
  if (offset < end) {
    TemplateDictionary* sh = d.AddSectionDictionary("SHOWING");
    sh->SetValue("FROM", std::to_string(offset + 1));
    sh->SetValue("TO", std::to_string(end));
  }
  for (size_t i = offset; i < end; ++i) {
    const store::WorkSummary& w = *hits[i];
    TemplateDictionary* row = d.AddSectionDictionary("ROW");
    row->SetValue("ID", w.work.id);
    row->SetValue("TITLE", w.work.title);
    row->SetValue("KIND", w.work.kind);
    row->SetValue("REGION", RegionLabel(w.work.region_code));
    row->SetValue("DYNASTY", w.work.dynasty);
    row->SetValue("COMPILERS", Join(w.work.compilers, "、"));
    std::vector<std::string> eds;
    for (const auto& e : w.editions) eds.push_back(e.id);
    row->SetValue("EDITIONS", Join(eds, "、"));
    row->SetValue("HAN", GroupDigits(w.han_count));
  }
  if (hits.empty()) d.ShowSection("EMPTY");
  const std::string fq = f.Query("", "");
  if (offset > 0) {
    d.AddSectionDictionary("PREV")->SetValue("HREF", BrowseHref(fq, offset > kBrowsePage ? offset - kBrowsePage : 0));
  }
  if (end < hits.size()) d.AddSectionDictionary("NEXT")->SetValue("HREF", BrowseHref(fq, end));
  SendPage(ctx, req, res, 200, "browse.tpl", "馆藏", BrowseHref(fq, offset), &d);
}

// ---------------------------------------------------------------- work

void FillCite(TemplateDictionary* d, const CiteTarget& t) {
  TemplateDictionary* c = d->AddIncludeDictionary("CITE");
  c->SetFilename("cite.tpl");
  c->SetValue("CITE_PLAIN", CitePlain(t));
  c->SetValue("CITE_BIBTEX", CiteBibtex(t));
  c->SetValue("CITE_CSL", DumpJson(CiteCslJson(t), 2));
}

// Resolves ?ed= against the work: empty means the base edition.
Status ResolveEdition(const store::WorkSummary& w, const std::string& requested, const store::EditionSummary** out) {
  if (requested.empty()) {
    *out = BaseEdition(w);
    if (*out == nullptr) return Status::NotFound("作品 " + w.work.id + " 没有任何版本");
    return Status::Ok();
  }
  for (const auto& e : w.editions) {
    if (e.id == requested) {
      *out = &e;
      return Status::Ok();
    }
  }
  std::vector<std::string> ids;
  for (const auto& e : w.editions) ids.push_back(e.id);
  return Status::NotFound("《" + w.work.title + "》没有版本 “" + requested + "”（现有：" + Join(ids, "、") + "）");
}

// The edition parameter for links: empty for the base edition, so that the
// base text has the shortest canonical URL.
std::string EdParam(const store::EditionSummary& e) { return e.base ? std::string() : e.id; }

std::string NodeHeading(const std::string& level, const std::string& key, const std::string& name) {
  std::string out = level.empty() ? key : level + " " + key;
  if (!name.empty()) out += " " + name;
  return out;
}

void Work(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  if (!model::IsValidWorkId(id)) return ErrorPage(ctx, req, res, 404, "“" + id + "” 不是合法的作品编号");
  BackendPool::Lease b;
  store::WorkSummary w;
  Status s = ctx->pool->Acquire(&b);
  if (s.ok()) s = b->lib->GetWork(id, &w);
  if (!s.ok()) return ErrorPage(ctx, req, res, s);
  const store::EditionSummary* ed = nullptr;
  s = ResolveEdition(w, Param(req, "ed"), &ed);
  if (!s.ok()) return ErrorPage(ctx, req, res, s);
  std::vector<store::NodeSummary> nodes;
  s = b->lib->ListNodes(id, ed->id, &nodes);
  if (!s.ok()) return ErrorPage(ctx, req, res, s);

  TemplateDictionary d("work");
  d.ShowSection("NAV_WORKS");
  const model::Work& m = w.work;
  d.SetValue("WORK_ID", m.id);
  d.SetValue("WORK_TITLE", m.title);
  d.SetValue("KIND", m.kind);
  if (!m.compilers.empty()) d.SetValueAndShowSection("COMPILERS", Join(m.compilers, "、"), "HAS_COMPILERS");
  if (!m.dynasty.empty()) d.SetValueAndShowSection("DYNASTY", m.dynasty, "HAS_DYNASTY");
  if (!m.region_code.empty()) {
    d.SetValue("REGION_CODE", m.region_code);
    d.SetValueAndShowSection("REGION_NAME", RegionLabel(m.region_code), "HAS_REGION");
  }
  if (!m.place_name.empty()) d.SetValueAndShowSection("PLACE", m.place_name, "HAS_PLACE");
  if (!m.period.empty()) d.SetValueAndShowSection("PERIOD", m.period, "HAS_PERIOD");
  if (!m.year.empty()) d.SetValueAndShowSection("YEAR", m.year, "HAS_YEAR");
  if (!m.source.empty()) d.SetValueAndShowSection("SOURCE", m.source, "HAS_SOURCE");
  d.SetValue("LICENCE", m.licence.empty() ? "未注明" : m.licence);
  d.SetValue("HAN", GroupDigits(w.han_count));
  d.SetValue("IMPORTED_AT", w.imported_at);
  if (IsKanripo(m)) {
    d.SetValueAndShowSection("KANRIPO_ID", m.id, "KANRIPO");
  } else {
    d.ShowSection("OTHER_LICENCE");
  }
  d.SetValue("EDITION", ed->id);
  d.SetValue("EDITION_LABEL", ed->label.empty() ? ed->id : ed->label);
  for (const auto& e : w.editions) {
    TemplateDictionary* ee = d.AddSectionDictionary("ED");
    ee->SetValue("HREF", WorkHref(m.id) + (e.base ? "" : "?ed=" + UrlEncode(e.id)));
    ee->SetValue("LABEL", e.label.empty() ? e.id : e.label);
    ee->SetValue("ID", e.id);
    ee->SetValue("HAN", GroupDigits(e.han_count));
    if (e.base) ee->ShowSection("BASE");
    if (&e == ed) ee->ShowSection("CURRENT");
  }
  for (const auto& n : nodes) {
    TemplateDictionary* nd = d.AddSectionDictionary("NODE");
    nd->SetValue("HREF", NodeHref(m.id, n.path, EdParam(*ed)));
    nd->SetIntValue("DEPTH", std::min(n.depth, 6));
    nd->SetValue("LEVEL", n.level);
    nd->SetValue("KEY", n.key);
    const std::string& name = NodeName(n.title, n.label);
    if (!name.empty()) nd->SetValueAndShowSection("NAME", name, "HAS_NAME");
    nd->SetValue("HAN", GroupDigits(n.han_count));
  }
  const std::string canonical = WorkHref(m.id) + (ed->base ? "" : "?ed=" + UrlEncode(ed->id));
  CiteTarget t;
  t.work = &m;
  t.edition_id = ed->id;
  t.edition_label = ed->label;
  t.url = BaseUrl(req, ctx->options.host, ctx->options.port) + canonical;
  t.accessed = TodayUtc();
  FillCite(&d, t);
  SendPage(ctx, req, res, 200, "work.tpl", "《" + m.title + "》", canonical, &d);
}

// ---------------------------------------------------------------- reading view

// /works/ID/PATH: parses and validates both, refusing '..' and friends.
Status ParseNodeRoute(const httplib::Request& req, model::CitationPath* out) {
  const std::string id = req.matches[1];
  const std::string rest = req.matches[2];
  if (!model::IsValidWorkId(id)) return Status::NotFound("“" + id + "” 不是合法的作品编号");
  if (!model::ParseCitationPath(id + "/" + rest, out) || out->node_path.empty()) {
    return Status::NotFound("“" + rest + "” 不是合法的节点路径（不可含空段、. 或 ..）");
  }
  return Status::Ok();
}

void Read(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  model::CitationPath cite;
  Status s = ParseNodeRoute(req, &cite);
  if (!s.ok()) return ErrorPage(ctx, req, res, s);
  size_t hp = 0;
  s = SizeParam(req, "hp", 0, 1000000, &hp);
  if (!s.ok()) return ErrorPage(ctx, req, res, s);
  const std::string hl = Param(req, "hl");
  if (hl.size() > kMaxQueryBytes) return ErrorPage(ctx, req, res, 400, "标记文字过长");
  // hb/hu: the block and unit the hit starts at, so only that occurrence is marked.
  size_t hb = 0, hu = 0;
  s = SizeParam(req, "hb", 0, 10000000, &hb);
  if (s.ok()) s = SizeParam(req, "hu", 0, 100000000, &hu);
  if (!s.ok()) return ErrorPage(ctx, req, res, s);
  const bool print_lines = Param(req, "lines") == "1";

  BackendPool::Lease b;
  store::WorkSummary w;
  s = ctx->pool->Acquire(&b);
  if (s.ok()) s = b->lib->GetWork(cite.work, &w);
  if (!s.ok()) return ErrorPage(ctx, req, res, s);
  const store::EditionSummary* ed = nullptr;
  s = ResolveEdition(w, Param(req, "ed"), &ed);
  if (!s.ok()) return ErrorPage(ctx, req, res, s);
  model::Node node;
  s = b->lib->LoadNode(cite.work, ed->id, cite.node_path, &node);
  if (!s.ok()) return ErrorPage(ctx, req, res, s);
  std::vector<store::NodeSummary> nodes;
  s = b->lib->ListNodes(cite.work, ed->id, &nodes);
  if (!s.ok()) return ErrorPage(ctx, req, res, s);

  const model::Work& m = w.work;
  const std::string ed_param = EdParam(*ed);
  TemplateDictionary d("read");
  d.ShowSection("NAV_WORKS");
  d.SetValue("WORK_ID", m.id);
  d.SetValue("WORK_TITLE", m.title);
  const std::string heading = NodeHeading(node.level, cite.node_path, NodeName(node.title, node.label));
  d.SetValue("NODE_HEADING", heading);
  for (const auto& e : w.editions) {
    TemplateDictionary* ee = d.AddSectionDictionary("ED");
    ee->SetValue("HREF", NodeHref(m.id, cite.node_path, EdParam(e)));
    ee->SetValue("LABEL", e.label.empty() ? e.id : e.label);
    if (&e == ed) ee->ShowSection("CURRENT");
  }
  for (const auto& e : w.editions) {
    if (&e == ed) continue;
    TemplateDictionary* c = d.AddSectionDictionary("COMPARE");
    c->SetValue("HREF", "/compare/" + NodeHref(m.id, cite.node_path, "").substr(7) + "?a=" + UrlEncode(ed->id) +
                            "&b=" + UrlEncode(e.id));
    c->SetValue("LABEL", e.id);
  }
  const std::string base_query = print_lines ? "lines=1" : "";
  d.SetValue("LAYOUT_HREF", NodeHref(m.id, cite.node_path, ed_param, print_lines ? "" : "lines=1"));
  d.SetValue("LAYOUT_LABEL", print_lines ? "连排显示" : "按原书分行");
  if (print_lines) d.ShowSection("PRINT_LINES");

  ReadingOptions ro;
  ro.edition = ed->id;
  const int paragraphs = ParagraphCount(node);
  if (!hl.empty() && hp > 0 && static_cast<int>(hp) <= paragraphs) {
    ro.highlight = hl;
    ro.highlight_para = static_cast<int>(hp);
    if (req.has_param("hb")) {
      ro.highlight_block = static_cast<int>(hb);
      ro.highlight_unit = static_cast<int>(hu);
    }
    TemplateDictionary* h = d.AddSectionDictionary("HIGHLIGHT");
    h->SetValue("HL", hl);
    h->SetIntValue("HP", static_cast<long>(hp));
    h->SetValue("CLEAR_HREF", NodeHref(m.id, cite.node_path, ed_param, base_query) + "#p" + std::to_string(hp));
  }
  PrepareScanView(ctx, node, m.id, cite.node_path, ed_param, MayProofread(ctx, req, res), &ro, &d);
  d.SetValue("TEXT", RenderNodeHtml(node, ro));

  for (size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].path != cite.node_path) continue;
    auto link = [&](const char* section, const store::NodeSummary& n) {
      TemplateDictionary* l = d.AddSectionDictionary(section);
      l->SetValue("HREF", NodeHref(m.id, n.path, ed_param, base_query));
      l->SetValue("LABEL", NodeHeading(n.level, n.path, NodeName(n.title, n.label)));
    };
    if (i > 0) link("PREV", nodes[i - 1]);
    if (i + 1 < nodes.size()) link("NEXT", nodes[i + 1]);
  }
  if (!node.children.empty()) {
    TemplateDictionary* cs = d.AddSectionDictionary("CHILDREN_SECTION");
    for (const auto& c : node.children) {
      TemplateDictionary* cd = cs->AddSectionDictionary("CHILD");
      cd->SetValue("HREF", NodeHref(m.id, cite.node_path + "/" + c.key, ed_param));
      cd->SetValue("LEVEL", c.level);
      cd->SetValue("NAME", NodeName(c.title, c.label).empty() ? c.key : NodeName(c.title, c.label));
    }
  }
  const std::string canonical = NodeHref(m.id, cite.node_path, ed_param, base_query);
  const std::string url = BaseUrl(req, ctx->options.host, ctx->options.port) + NodeHref(m.id, cite.node_path, ed_param);
  d.SetValue("PERMALINK", url);
  CiteTarget t;
  t.work = &m;
  t.edition_id = ed->id;
  t.edition_label = ed->label;
  t.node_path = cite.node_path;
  t.node_name = NodeName(node.title, node.label);
  t.node_level = node.level;
  t.url = url;
  t.accessed = TodayUtc();
  FillCite(&d, t);
  d.SetValue("LICENCE_LINE", IsKanripo(m) ? "文本来源：" + m.source + "，依 " + m.licence + " 许可使用。"
                                          : "来源：" + m.source + (m.licence.empty() ? "" : "；许可：" + m.licence));
  SendPage(ctx, req, res, 200, "read.tpl", "《" + m.title + "》" + heading, canonical, &d);
}

// ---------------------------------------------------------------- comparison

std::string DiffSide(const std::vector<DiffPiece>& pieces, DiffPiece::Op own, const char* tag) {
  std::string out;
  for (const DiffPiece& p : pieces) {
    if (p.op != DiffPiece::Op::kSame && p.op != own) continue;
    std::string utf8;
    for (char32_t c : p.text) {
      if (c == U'\n') {
        utf8 += "\n";
      } else {
        text::AppendUtf8(utf8, c);
      }
    }
    std::string esc = HtmlEscape(utf8);
    if (p.op == own) {
      // Paragraph ends inside a marked run stay outside the element, so the
      // mark never spans blocks.
      std::string marked;
      size_t start = 0;
      while (start <= esc.size()) {
        size_t nl = esc.find('\n', start);
        if (nl == std::string::npos) nl = esc.size();
        if (nl > start) marked += std::string("<") + tag + ">" + esc.substr(start, nl - start) + "</" + tag + ">";
        if (nl == esc.size()) break;
        marked += "<br>";
        start = nl + 1;
      }
      out += marked;
    } else {
      size_t pos = 0;
      while ((pos = esc.find('\n', pos)) != std::string::npos) {
        esc.replace(pos, 1, "<br>");
        pos += 4;
      }
      out += esc;
    }
  }
  return out;
}

void Compare(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  model::CitationPath cite;
  Status s = ParseNodeRoute(req, &cite);
  if (!s.ok()) return ErrorPage(ctx, req, res, s);
  BackendPool::Lease b;
  store::WorkSummary w;
  s = ctx->pool->Acquire(&b);
  if (s.ok()) s = b->lib->GetWork(cite.work, &w);
  if (!s.ok()) return ErrorPage(ctx, req, res, s);
  const store::EditionSummary* ea = nullptr;
  const store::EditionSummary* eb = nullptr;
  s = ResolveEdition(w, Param(req, "a"), &ea);
  if (!s.ok()) return ErrorPage(ctx, req, res, s);
  std::string b_id = Param(req, "b");
  if (b_id.empty()) {
    for (const auto& e : w.editions) {
      if (&e != ea) {
        b_id = e.id;
        break;
      }
    }
    if (b_id.empty()) return ErrorPage(ctx, req, res, 400, "《" + w.work.title + "》只有一个版本，无可对照");
  }
  s = ResolveEdition(w, b_id, &eb);
  if (!s.ok()) return ErrorPage(ctx, req, res, s);
  model::Node na, nb;
  s = b->lib->LoadNode(cite.work, ea->id, cite.node_path, &na);
  if (s.ok()) s = b->lib->LoadNode(cite.work, eb->id, cite.node_path, &nb);
  if (!s.ok()) return ErrorPage(ctx, req, res, s);

  const std::vector<DiffPiece> pieces = DiffChars(ComparableText(na), ComparableText(nb));
  size_t same = 0, only_a = 0, only_b = 0;
  for (const DiffPiece& p : pieces) {
    size_t n = 0;
    for (char32_t c : p.text) n += c != U'\n';
    (p.op == DiffPiece::Op::kSame ? same : p.op == DiffPiece::Op::kOnlyA ? only_a : only_b) += n;
  }
  TemplateDictionary d("compare");
  d.ShowSection("NAV_WORKS");
  const model::Work& m = w.work;
  d.SetValue("WORK_ID", m.id);
  d.SetValue("WORK_TITLE", m.title);
  const std::string heading = NodeHeading(na.level, cite.node_path, NodeName(na.title, na.label));
  d.SetValue("NODE_HEADING", heading);
  d.SetValue("READ_HREF", NodeHref(m.id, cite.node_path, EdParam(*ea)));
  const std::string action = "/compare" + NodeHref(m.id, cite.node_path, "").substr(6);
  d.SetValue("FORM_ACTION", action);
  for (const auto& e : w.editions) {
    for (const char* sec : {"OPT_A", "OPT_B"}) {
      TemplateDictionary* o = d.AddSectionDictionary(sec);
      o->SetValue("ID", e.id);
      const bool shows_id = e.label.find(e.id) != std::string::npos;
      o->SetValue("LABEL", e.label.empty() ? e.id : shows_id ? e.label : e.label + "（" + e.id + "）");
      if (&e == (std::string(sec) == "OPT_A" ? ea : eb)) o->ShowSection("SEL");
    }
  }
  d.SetValue("LABEL_A", ea->label.empty() ? ea->id : ea->label);
  d.SetValue("LABEL_B", eb->label.empty() ? eb->id : eb->label);
  d.SetValue("SAME", GroupDigits(same));
  d.SetValue("ONLY_A", GroupDigits(only_a));
  d.SetValue("ONLY_B", GroupDigits(only_b));
  d.SetValue("TEXT_A", DiffSide(pieces, DiffPiece::Op::kOnlyA, "del"));
  d.SetValue("TEXT_B", DiffSide(pieces, DiffPiece::Op::kOnlyB, "ins"));
  const std::string canonical = action + "?a=" + UrlEncode(ea->id) + "&b=" + UrlEncode(eb->id);
  SendPage(ctx, req, res, 200, "compare.tpl", "《" + m.title + "》" + heading + " 版本对照", canonical, &d);
}

// ---------------------------------------------------------------- search

const char* SortName(search::KwicSort s) {
  return s == search::KwicSort::kLeft ? "left" : s == search::KwicSort::kRight ? "right" : "pos";
}

std::string SearchHref(const std::string& base, const std::string& q, search::KwicSort sort, size_t offset,
                       size_t limit) {
  std::string out = base + "?q=" + UrlEncode(q);
  if (sort != search::KwicSort::kPosition) out += std::string("&sort=") + SortName(sort);
  if (offset > 0) out += "&offset=" + std::to_string(offset);
  if (limit != kSearchPageDefault) out += "&limit=" + std::to_string(limit);
  return out;
}

// `field:value`, quoted when the value holds characters the query language
// reads as syntax; "" when it cannot be written at all.
std::string FilterToken(const std::string& field, const std::string& value) {
  if (value.empty() || value.find('"') != std::string::npos) return "";
  const bool plain = value.find_first_of(" \t|()-:") == std::string::npos;
  return field + ":" + (plain ? value : "\"" + value + "\"");
}

// Whether `q` holds `token` as a whole word, and where.
size_t FindToken(const std::string& q, const std::string& token) {
  size_t pos = 0;
  while ((pos = q.find(token, pos)) != std::string::npos) {
    const bool start_ok = pos == 0 || q[pos - 1] == ' ';
    const size_t end = pos + token.size();
    const bool end_ok = end == q.size() || q[end] == ' ';
    if (start_ok && end_ok) return pos;
    ++pos;
  }
  return std::string::npos;
}

void Search(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  const std::string within = Param(req, "within");
  if (!within.empty()) {
    // The "search this work" form: fold the work into the query, and send the
    // browser to the canonical URL so that the state lives in `q` alone.
    const std::string token = FilterToken("work", within);
    std::string q = Param(req, "q");
    if (!token.empty() && FindToken(q, token) == std::string::npos) q += (q.empty() ? "" : " ") + token;
    res.set_redirect("/search?q=" + UrlEncode(q), 303);
    return;
  }
  std::string key;
  if (AnswerFromCache(ctx, req, res, &key)) return;
  std::string q;
  search::SearchOptions opt;
  TemplateDictionary d("search");
  d.ShowSection("NAV_SEARCH");
  d.ShowSection("NOINDEX");
  Status s = ParseSearchParams(req, &q, &opt, kSearchPageDefault);
  d.SetValue("Q", q);
  d.SetValue("HEADER_Q", q);
  d.ShowSection(opt.sort == search::KwicSort::kLeft    ? "SORT_LEFT"
                : opt.sort == search::KwicSort::kRight ? "SORT_RIGHT"
                                                       : "SORT_POS");
  const std::string canonical = q.empty() ? "/search" : SearchHref("/search", q, opt.sort, opt.offset, opt.limit);
  if (!s.ok()) {
    d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", s.message());
    return SendPage(ctx, req, res, HttpStatusFor(s), "search.tpl", "检索出错", canonical, &d);
  }
  if (q.empty()) return SendPage(ctx, req, res, 200, "search.tpl", "全文检索", "/search", &d);

  opt.facets = {"work", "dynasty", "kind", "region"};
  // The commonest values; the rest are a click away as a filter in the
  // query, and a list of two thousand works helps no one.
  opt.facet_limit = kFacetValuesShown;
  BackendPool::Lease b;
  search::SearchResult r;
  s = ctx->pool->Acquire(&b);
  if (s.ok()) s = b->searcher->Search(q, opt, &r);
  if (!s.ok()) {
    d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", s.message());
    return SendPage(ctx, req, res, HttpStatusFor(s), "search.tpl", "检索出错", canonical, &d);
  }
  TemplateDictionary* rd = d.AddSectionDictionary("RESULT");
  rd->SetValue("CANONICAL_Q", r.query);
  rd->SetValue("TOTAL", GroupDigits(r.total_occurrences));
  rd->SetValue("NODES", GroupDigits(r.total_nodes));
  char took[32];
  std::snprintf(took, sizeof took, "%.1f", r.took_ms);
  rd->SetValue("TOOK", took);
  if (!r.hits.empty()) {
    TemplateDictionary* sh = rd->AddSectionDictionary("SHOWING");
    sh->SetValue("FROM", std::to_string(opt.offset + 1));
    sh->SetValue("TO", std::to_string(opt.offset + r.hits.size()));
  }
  rd->SetValue("CSV_HREF", SearchHref("/search.csv", q, opt.sort, 0, kSearchPageDefault));
  rd->SetValue("XLSX_HREF", SearchHref("/search.xlsx", q, opt.sort, 0, kSearchPageDefault));
  rd->SetValue("API_HREF", SearchHref("/api/v1/search", q, opt.sort, opt.offset, opt.limit));
  rd->SetValue("SORT_POS_HREF", SearchHref("/search", q, search::KwicSort::kPosition, 0, opt.limit));
  rd->SetValue("SORT_LEFT_HREF", SearchHref("/search", q, search::KwicSort::kLeft, 0, opt.limit));
  rd->SetValue("SORT_RIGHT_HREF", SearchHref("/search", q, search::KwicSort::kRight, 0, opt.limit));
  rd->ShowSection(opt.sort == search::KwicSort::kLeft    ? "SORT_LEFT"
                  : opt.sort == search::KwicSort::kRight ? "SORT_RIGHT"
                                                         : "SORT_POS");

  static const std::vector<std::pair<std::string, std::string>> kFacetNames = {
      {"work", "作品"}, {"dynasty", "朝代"}, {"kind", "类型"}, {"region", "地区"}};
  nlohmann::ordered_json charts = nlohmann::ordered_json::object();
  for (const auto& [field, name] : kFacetNames) {
    auto it = r.facets.find(field);
    if (it == r.facets.end() || it->second.empty()) continue;
    TemplateDictionary* fd = rd->AddSectionDictionary("FACET");
    fd->SetValue("NAME", name);
    const uint64_t top = it->second.front().occurrences;
    nlohmann::ordered_json series = nlohmann::ordered_json::array();
    size_t shown = 0;
    for (const search::FacetValue& v : it->second) {
      ++shown;
      TemplateDictionary* vd = fd->AddSectionDictionary("VALUE");
      const std::string label = v.label.empty() ? v.value : v.label;
      const std::string token = FilterToken(field, v.value);
      const size_t at = token.empty() ? std::string::npos : FindToken(q, token);
      if (token.empty()) {
        vd->AddSectionDictionary("PLAIN")->SetValue("LABEL", label);
      } else if (at != std::string::npos) {
        std::string without = q;
        without.erase(at, token.size());
        while (without.find("  ") != std::string::npos) without.erase(without.find("  "), 1);
        while (!without.empty() && without.back() == ' ') without.pop_back();
        while (!without.empty() && without.front() == ' ') without.erase(0, 1);
        TemplateDictionary* a = vd->AddSectionDictionary("ACTIVE");
        a->SetValue("HREF", without.empty() ? "/search" : SearchHref("/search", without, opt.sort, 0, opt.limit));
        a->SetValue("LABEL", label);
      } else {
        TemplateDictionary* l = vd->AddSectionDictionary("LINK");
        l->SetValue("HREF", SearchHref("/search", q + " " + token, opt.sort, 0, opt.limit));
        l->SetValue("TITLE", "只看 " + label + "（加入筛选 " + token + "）");
        l->SetValue("LABEL", label);
      }
      vd->SetValue("COUNT", GroupDigits(v.occurrences));
      vd->SetIntValue("PCT", top == 0 ? 0 : static_cast<long>(v.occurrences * 100 / top));
      if ((field == "work" || field == "dynasty") && series.size() < 40) series.push_back({label, v.occurrences});
    }
    if (const size_t distinct = r.facet_distinct[field]; distinct > shown) {
      fd->SetValueAndShowSection("MORE", std::to_string(distinct - shown), "HAS_MORE");
    }
    if (field == "work" || field == "dynasty") charts[field] = std::move(series);
  }
  rd->SetValue("CHART_JSON", JsonForScript(DumpJson(charts)));
  for (size_t i = 0; i < r.hits.size(); ++i) {
    const search::Hit& h = r.hits[i];
    TemplateDictionary* hd = rd->AddSectionDictionary("HIT");
    hd->SetValue("N", std::to_string(opt.offset + i + 1));
    hd->SetValue("LEFT", TextHtml(h.left));  // escaped here: the template writes them :none
    hd->SetValue("MATCH", TextHtml(h.match));
    hd->SetValue("RIGHT", TextHtml(h.right));
    hd->SetValue("CITATION", h.citation);
    const bool base = h.base_edition;
    const std::string para = std::to_string(h.paragraph);
    hd->SetValue("HREF", NodeHref(h.work, h.node_path, base ? "" : h.edition,
                                  HitHighlightQuery(h)) +
                             "#p" + para);
  }
  if (r.total_occurrences == 0) {
    rd->ShowSection("NO_HITS");
  } else if (r.hits.empty() && opt.offset >= r.total_occurrences) {
    // Hits exist, only not this far: "没有找到" under "共 334 处" would be wrong.
    TemplateDictionary* pe = rd->AddSectionDictionary("PAST_END");
    pe->SetValue("TOTAL", GroupDigits(r.total_occurrences));
    pe->SetValue("FIRST_HREF", SearchHref("/search", q, opt.sort, 0, opt.limit));
  }
  if (opt.offset > 0) {
    rd->AddSectionDictionary("PREV")->SetValue(
        "HREF", SearchHref("/search", q, opt.sort, opt.offset > opt.limit ? opt.offset - opt.limit : 0, opt.limit));
  }
  if (opt.offset + r.hits.size() < r.total_occurrences && !r.hits.empty()) {
    rd->AddSectionDictionary("NEXT")->SetValue("HREF",
                                               SearchHref("/search", q, opt.sort, opt.offset + opt.limit, opt.limit));
  }
  d.AddSectionDictionary("SCRIPT")->SetValue("SRC", "/static/vendor/echarts/echarts.min.js");
  d.AddSectionDictionary("SCRIPT")->SetValue("SRC", "/static/search.js");
  SendPage(ctx, req, res, 200, "search.tpl", q + " · 检索", canonical, &d);
  ctx->cache->Put(key, {res.body, kHtmlType});
}

}  // namespace

// Shared with the API and the exports: q, sort, offset, limit, window,
// facets, with the CLI's ranges and messages.
Status ParseSearchParams(const httplib::Request& req, std::string* q, search::SearchOptions* o, size_t default_limit) {
  *q = Param(req, "q");
  if (q->size() > kMaxQueryBytes) {
    const std::string n = std::to_string(q->size());
    q->clear();
    return Status::InvalidInput("查询过长（" + n + " 字节，最多 " + std::to_string(kMaxQueryBytes) +
                                " 字节，约 600 个汉字）");
  }
  if (text::FindInvalidUtf8(*q) != text::kValid) {
    q->clear();
    return Status::InvalidInput("查询不是合法的 UTF-8 文本");
  }
  FZ_RETURN_IF_ERROR(SizeParam(req, "limit", default_limit, 1000, &o->limit));
  FZ_RETURN_IF_ERROR(SizeParam(req, "offset", 0, 100000000, &o->offset));
  FZ_RETURN_IF_ERROR(SizeParam(req, "window", 20, 200, &o->window));
  FZ_RETURN_IF_ERROR(
      SizeParam(req, "facet_limit", search::SearchOptions::kDefaultFacetLimit, 100000, &o->facet_limit));
  const std::string sort = Param(req, "sort");
  if (sort.empty() || sort == "pos") {
    o->sort = search::KwicSort::kPosition;
  } else if (sort == "left") {
    o->sort = search::KwicSort::kLeft;
  } else if (sort == "right") {
    o->sort = search::KwicSort::kRight;
  } else {
    return Status::InvalidInput("sort 应为 pos、left 或 right，而不是 “" + sort.substr(0, 40) + "”");
  }
  if (req.has_param("facets")) {
    static const std::set<std::string> kKnown = {"work", "dynasty", "region", "kind", "edition"};
    o->facets.clear();
    const std::string f = Param(req, "facets");
    size_t start = 0;
    while (start <= f.size()) {
      size_t comma = f.find(',', start);
      if (comma == std::string::npos) comma = f.size();
      const std::string name = f.substr(start, comma - start);
      if (!name.empty()) {
        if (!kKnown.count(name)) {
          return Status::InvalidInput("facets 只能是 work、dynasty、region、kind、edition，而不是 “" +
                                      name.substr(0, 40) + "”");
        }
        o->facets.push_back(name);
      }
      start = comma + 1;
    }
  }
  return Status::Ok();
}

void SendErrorPage(Context* ctx, const httplib::Request& req, httplib::Response& res, int status,
                   const std::string& message) {
  ErrorPage(ctx, req, res, status, message);
}

void RegisterPages(httplib::Server* srv, Context* ctx) {
  srv->Get("/", [ctx](const httplib::Request& req, httplib::Response& res) { Home(ctx, req, res); });
  srv->Get("/works", [ctx](const httplib::Request& req, httplib::Response& res) { Browse(ctx, req, res); });
  srv->Get(R"(/works/([^/]+))", [ctx](const httplib::Request& req, httplib::Response& res) { Work(ctx, req, res); });
  srv->Get(R"(/works/([^/]+)/(.+))",
           [ctx](const httplib::Request& req, httplib::Response& res) { Read(ctx, req, res); });
  srv->Get(R"(/compare/([^/]+)/(.+))",
           [ctx](const httplib::Request& req, httplib::Response& res) { Compare(ctx, req, res); });
  srv->Get("/search", [ctx](const httplib::Request& req, httplib::Response& res) { Search(ctx, req, res); });
}

}  // namespace fangzhi::server
