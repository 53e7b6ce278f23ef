// OAI-PMH 2.0 at /oai (https://www.openarchives.org/OAI/openarchivesprotocol.html):
// every work is one record, identifier oai:fangzhi:ID, metadata oai_dc;
// sets by kind (kind:gazetteer …) and by region, hierarchical along GB/T
// 2260 (region:51, region:51:5101). Errors are OAI errors in a 200 answer,
// as the protocol requires.
#include <algorithm>
#include <ctime>
#include <map>
#include <set>

#include "server/app.h"
#include "server/catalog.h"
#include "server/escape.h"
#include "server/http_util.h"

namespace fangzhi::server {
namespace {

constexpr const char* kIdPrefix = "oai:fangzhi:";
constexpr const char* kEarliestFallback = "1970-01-01T00:00:00Z";

// Kinds as ASCII set specs (setSpec allows no Chinese), named in Chinese.
const std::vector<std::pair<std::string, std::string>>& KindSets() {
  static const std::vector<std::pair<std::string, std::string>> kSets = {
      {"gazetteer", "志书"}, {"yearbook", "年鉴"}, {"local-records", "地情资料"}, {"periodical", "期刊"}, {"other", "其他"}};
  return kSets;
}

std::string KindSpec(const std::string& kind) {
  for (const auto& [spec, name] : KindSets()) {
    if (name == kind) return "kind:" + spec;
  }
  return "kind:other";
}

bool IsDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// region:51, region:51:5101, region:51:5101:510104 for a code 510104.
std::vector<std::string> RegionSpecs(const std::string& code) {
  std::vector<std::string> out;
  if (!IsDigits(code)) return out;
  std::string spec = "region";
  for (size_t len = 2; len <= code.size(); len += 2) {
    spec += ":" + code.substr(0, len);
    out.push_back(spec);
  }
  return out;
}

std::vector<std::string> SetSpecs(const model::Work& w) {
  std::vector<std::string> out = {KindSpec(w.kind)};
  for (std::string& r : RegionSpecs(w.region_code)) out.push_back(std::move(r));
  return out;
}

std::string NowUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// A datestamp argument: YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ; `day` tells
// which. Normalised to seconds, at the start or end of the day.
bool ParseDatestamp(const std::string& s, bool end_of_day, std::string* out, bool* day) {
  auto digits = [&](size_t at, size_t n) {
    for (size_t i = at; i < at + n; ++i) {
      if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    }
    return true;
  };
  const bool date_ok = s.size() >= 10 && digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2);
  if (!date_ok) return false;
  const int month = std::stoi(s.substr(5, 2)), mday = std::stoi(s.substr(8, 2));
  if (month < 1 || month > 12 || mday < 1 || mday > 31) return false;
  if (s.size() == 10) {
    *day = true;
    *out = s + (end_of_day ? "T23:59:59Z" : "T00:00:00Z");
    return true;
  }
  const bool time_ok = s.size() == 20 && s[10] == 'T' && digits(11, 2) && s[13] == ':' && digits(14, 2) &&
                       s[16] == ':' && digits(17, 2) && s[19] == 'Z';
  if (!time_ok) return false;
  if (std::stoi(s.substr(11, 2)) > 23 || std::stoi(s.substr(14, 2)) > 59 || std::stoi(s.substr(17, 2)) > 59) {
    return false;
  }
  *day = false;
  *out = s;
  return true;
}

std::string Hex(const std::string& s) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

bool Unhex(const std::string& s, std::string* out) {
  if (s.size() % 2) return false;
  auto val = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  out->clear();
  for (size_t i = 0; i < s.size(); i += 2) {
    const int hi = val(s[i]), lo = val(s[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
  }
  return true;
}

// What a list request asks for; a resumption token carries it between pages,
// with the library's change number, so that a token outlives no change.
struct ListArgs {
  std::string prefix, set, from, until;
  size_t offset = 0;
  int64_t change = 0;
};

std::string EncodeToken(const ListArgs& a) {
  const std::string raw = std::to_string(a.offset) + "\n" + std::to_string(a.change) + "\n" + a.prefix + "\n" +
                          a.set + "\n" + a.from + "\n" + a.until;
  return "v1-" + Hex(raw);
}

bool DecodeToken(const std::string& token, ListArgs* a) {
  if (!token.starts_with("v1-") || token.size() > 2000) return false;
  std::string raw;
  if (!Unhex(token.substr(3), &raw)) return false;
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t nl = raw.find('\n', start);
    parts.push_back(raw.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  if (parts.size() != 6 || !IsDigits(parts[0]) || parts[0].size() > 12 || parts[1].size() > 18) return false;
  if (!IsDigits(parts[1]) && parts[1] != "0") return false;
  a->offset = std::stoull(parts[0]);
  a->change = std::stoll(parts[1]);
  a->prefix = parts[2];
  a->set = parts[3];
  a->from = parts[4];
  a->until = parts[5];
  return true;
}

class OaiResponse {
 public:
  OaiResponse(const std::string& base_url) : base_url_(base_url) {}

  void Request(const std::map<std::string, std::string>& attrs) {
    request_ = "<request";
    for (const auto& [k, v] : attrs) request_ += " " + k + "=\"" + XmlEscape(v) + "\"";
    request_ += ">" + XmlEscape(base_url_) + "</request>";
  }
  void BareRequest() { request_ = "<request>" + XmlEscape(base_url_) + "</request>"; }

  // badVerb and badArgument answers echo the base URL only, without the
  // request's arguments (protocol §3.6).
  void Error(const std::string& code, const std::string& message) {
    if (code == "badVerb" || code == "badArgument") BareRequest();
    errors_ += "<error code=\"" + code + "\">" + XmlEscape(message) + "</error>";
  }
  bool has_error() const { return !errors_.empty(); }

  std::string body;  // the verb's element

  std::string Finish() const {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
           "xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/ "
           "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd\">\n";
    out += "<responseDate>" + NowUtc() + "</responseDate>\n";
    out += request_ + "\n";
    out += errors_.empty() ? body : errors_;
    out += "\n</OAI-PMH>\n";
    return out;
  }

 private:
  std::string base_url_;
  std::string request_;
  std::string errors_;
};

std::string Header(const store::WorkSummary& w) {
  std::string out = "<header><identifier>" + XmlEscape(kIdPrefix + w.work.id) + "</identifier><datestamp>" +
                    XmlEscape(w.imported_at) + "</datestamp>";
  for (const std::string& s : SetSpecs(w.work)) out += "<setSpec>" + XmlEscape(s) + "</setSpec>";
  return out + "</header>";
}

std::string DublinCore(const store::WorkSummary& s, const std::string& base_url) {
  const model::Work& w = s.work;
  std::string out =
      "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
      "xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/oai_dc/ "
      "http://www.openarchives.org/OAI/2.0/oai_dc.xsd\">";
  auto el = [&](const char* name, const std::string& v) {
    if (!v.empty()) out += std::string("<dc:") + name + ">" + XmlEscape(v) + "</dc:" + name + ">";
  };
  el("title", w.title);
  for (const std::string& c : w.compilers) el("creator", c);
  el("subject", "地方志");
  el("subject", w.kind);
  std::string desc = w.kind;
  if (!w.dynasty.empty()) desc += "，" + w.dynasty;
  desc += "。" + std::to_string(s.editions.size()) + " 个版本";
  std::string eds;
  for (const auto& e : s.editions) eds += (eds.empty() ? "" : "、") + (e.label.empty() ? e.id : e.label);
  if (!eds.empty()) desc += "（" + eds + "）";
  desc += "；底本 " + std::to_string(s.han_count) + " 字。";
  el("description", desc);
  el("publisher", "四川数字方志馆");
  el("date", w.year.empty() ? w.dynasty : w.year);
  el("type", "Text");
  el("type", w.kind);
  el("format", "text/html");
  el("identifier", base_url + WorkHref(w.id));
  el("identifier", kIdPrefix + w.id);
  el("source", w.source);
  el("language", IsKanripo(w) ? "lzh" : "zh");
  el("coverage", w.place_name);
  if (!w.region_code.empty()) el("coverage", RegionLabel(w.region_code) + "（GB/T 2260 " + w.region_code + "）");
  el("coverage", w.period);
  el("rights", w.licence);
  return out + "</oai_dc:dc>";
}

bool InSet(const store::WorkSummary& w, const std::string& set) {
  if (set.empty()) return true;
  for (const std::string& s : SetSpecs(w.work)) {
    if (s == set || s.starts_with(set + ":")) return true;
  }
  return false;
}

std::string IdFromOai(const std::string& identifier) {
  return identifier.starts_with(kIdPrefix) ? identifier.substr(std::string(kIdPrefix).size()) : std::string();
}

void Handle(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  OaiResponse out(BaseUrl(req, ctx->options.host, ctx->options.port) + "/oai");
  auto finish = [&] {
    res.status = 200;
    res.set_content(out.Finish(), kXmlType);
  };
  // Arguments, each at most once (the protocol makes a repeat badArgument).
  // Read from the raw query (or form body) because cpp-httplib's parsed
  // params drop a repeated identical pair, which OAI-PMH must report.
  std::map<std::string, std::string> args;
  std::map<std::string, int> counts;
  const size_t qmark = req.target.find('?');
  const std::string raw = req.method == "POST" ? req.body
                          : qmark == std::string::npos ? std::string()
                                                       : req.target.substr(qmark + 1);
  size_t start = 0;
  while (start < raw.size()) {
    size_t amp = raw.find('&', start);
    if (amp == std::string::npos) amp = raw.size();
    const std::string pair = raw.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    const std::string key = httplib::detail::decode_url(pair.substr(0, eq), true);
    const std::string value = eq == std::string::npos ? "" : httplib::detail::decode_url(pair.substr(eq + 1), true);
    if (++counts[key] == 1) args[key] = value;
  }
  bool repeated = false;
  for (const auto& [k, n] : counts) {
    if (n > 1) repeated = true;
  }
  const std::string verb = args.count("verb") ? args["verb"] : "";
  static const std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> kVerbs = {
      // verb → (required, optional); resumptionToken is handled apart
      {"Identify", {{}, {}}},
      {"ListMetadataFormats", {{}, {"identifier"}}},
      {"ListSets", {{}, {"resumptionToken"}}},
      {"ListIdentifiers", {{"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}}},
      {"ListRecords", {{"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}}},
      {"GetRecord", {{"identifier", "metadataPrefix"}, {}}},
  };
  auto vit = kVerbs.find(verb);
  if (vit == kVerbs.end() || counts["verb"] > 1) {
    out.Error("badVerb", verb.empty()         ? "缺少 verb 参数 (missing verb)"
                         : counts["verb"] > 1 ? "verb 重复 (repeated verb)"
                                              : "不支持的 verb (illegal verb): " + verb.substr(0, 60));
    return finish();
  }
  const auto& [required, optional] = vit->second;
  std::string problem;
  if (repeated) problem = "参数重复 (repeated argument)";
  for (const auto& [k, v] : args) {
    if (k != "verb" && !required.count(k) && !optional.count(k)) {
      problem = "不允许的参数 (illegal argument): " + k.substr(0, 60);
    }
  }
  const bool token = args.count("resumptionToken") > 0;
  if (token && args.size() != 2) problem = "resumptionToken 须单独使用 (resumptionToken is exclusive)";
  if (!token) {
    for (const std::string& r : required) {
      if (!args.count(r)) problem = "缺少参数 (missing argument): " + r;
    }
  }
  if (!problem.empty()) {
    out.Error("badArgument", problem);
    return finish();
  }
  out.Request(args);

  BackendPool::Lease b;
  Status s = ctx->pool->Acquire(&b);
  if (!s.ok()) {
    res.status = 500;
    res.set_content("<?xml version=\"1.0\"?><error>" + XmlEscape(s.message()) + "</error>", kXmlType);
    return;
  }
  const std::vector<store::WorkSummary>& works = b->works;
  const int64_t change = b->seen_change;

  if (verb == "Identify") {
    std::string earliest;
    for (const auto& w : works) {
      if (earliest.empty() || w.imported_at < earliest) earliest = w.imported_at;
    }
    out.body = "<Identify><repositoryName>四川数字方志馆</repositoryName><baseURL>" +
               XmlEscape(BaseUrl(req, ctx->options.host, ctx->options.port) + "/oai") +
               "</baseURL><protocolVersion>2.0</protocolVersion><adminEmail>" +
               XmlEscape(ctx->options.admin_email) + "</adminEmail><earliestDatestamp>" +
               (earliest.empty() ? kEarliestFallback : XmlEscape(earliest)) +
               "</earliestDatestamp><deletedRecord>no</deletedRecord>"
               "<granularity>YYYY-MM-DDThh:mm:ssZ</granularity></Identify>";
    return finish();
  }
  if (verb == "ListMetadataFormats") {
    if (args.count("identifier")) {
      const std::string id = IdFromOai(args["identifier"]);
      const bool found = std::any_of(works.begin(), works.end(), [&](const auto& w) { return w.work.id == id; });
      if (!found) {
        out.Error("idDoesNotExist", "没有这条记录 (no such identifier): " + args["identifier"].substr(0, 200));
        return finish();
      }
    }
    out.body =
        "<ListMetadataFormats><metadataFormat><metadataPrefix>oai_dc</metadataPrefix>"
        "<schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</schema>"
        "<metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/</metadataNamespace>"
        "</metadataFormat></ListMetadataFormats>";
    return finish();
  }
  if (verb == "ListSets") {
    if (token) {
      // Every set fits in one answer: no token was ever issued for ListSets.
      out.Error("badResumptionToken", "ListSets 不分页，没有可用的续传令牌 (no resumption token was issued)");
      return finish();
    }
    std::map<std::string, std::string> sets;
    for (const auto& [spec, name] : KindSets()) sets["kind:" + spec] = "类型：" + name;
    for (const auto& w : works) {
      for (const std::string& r : RegionSpecs(w.work.region_code)) {
        const std::string code = r.substr(r.rfind(':') + 1);
        sets[r] = "地区：" + RegionLabel(code);
      }
    }
    out.body = "<ListSets>";
    for (const auto& [spec, name] : sets) {
      out.body += "<set><setSpec>" + XmlEscape(spec) + "</setSpec><setName>" + XmlEscape(name) + "</setName></set>";
    }
    out.body += "</ListSets>";
    return finish();
  }
  if (verb == "GetRecord") {
    if (args["metadataPrefix"] != "oai_dc") {
      out.Error("cannotDisseminateFormat", "只提供 oai_dc (only oai_dc is supported): " +
                                               args["metadataPrefix"].substr(0, 60));
      return finish();
    }
    const std::string id = IdFromOai(args["identifier"]);
    for (const auto& w : works) {
      if (w.work.id == id) {
        out.body = "<GetRecord><record>" + Header(w) + "<metadata>" +
                   DublinCore(w, BaseUrl(req, ctx->options.host, ctx->options.port)) +
                   "</metadata></record></GetRecord>";
        return finish();
      }
    }
    out.Error("idDoesNotExist", "没有这条记录 (no such identifier): " + args["identifier"].substr(0, 200));
    return finish();
  }

  // ListIdentifiers and ListRecords.
  ListArgs la;
  if (token) {
    if (!DecodeToken(args["resumptionToken"], &la) || la.change != change) {
      out.Error("badResumptionToken", "续传令牌无效或已过期（库已变动） (invalid or expired resumption token)");
      return finish();
    }
  } else {
    la.prefix = args["metadataPrefix"];
    la.set = args.count("set") ? args["set"] : "";
    la.change = change;
    bool from_day = false, until_day = false;
    if (args.count("from") && !ParseDatestamp(args["from"], false, &la.from, &from_day)) {
      out.Error("badArgument", "from 不是合法的日期 (bad from): " + args["from"].substr(0, 40));
      return finish();
    }
    if (args.count("until") && !ParseDatestamp(args["until"], true, &la.until, &until_day)) {
      out.Error("badArgument", "until 不是合法的日期 (bad until): " + args["until"].substr(0, 40));
      return finish();
    }
    if (args.count("from") && args.count("until") && from_day != until_day) {
      out.Error("badArgument", "from 与 until 的精度不同 (from and until differ in granularity)");
      return finish();
    }
    if (!la.from.empty() && !la.until.empty() && la.from > la.until) {
      out.Error("badArgument", "from 晚于 until (from is later than until)");
      return finish();
    }
  }
  if (la.prefix != "oai_dc") {
    out.Error("cannotDisseminateFormat", "只提供 oai_dc (only oai_dc is supported): " + la.prefix.substr(0, 60));
    return finish();
  }
  std::vector<const store::WorkSummary*> match;
  for (const auto& w : works) {
    if (!InSet(w, la.set)) continue;
    if (!la.from.empty() && w.imported_at < la.from) continue;
    if (!la.until.empty() && w.imported_at > la.until) continue;
    match.push_back(&w);
  }
  if (match.empty()) {
    out.Error("noRecordsMatch", "没有符合条件的记录 (no records match)");
    return finish();
  }
  if (la.offset >= match.size()) {
    out.Error("badResumptionToken", "续传令牌超出列表 (resumption token past the end of the list)");
    return finish();
  }
  const bool records = verb == "ListRecords";
  const size_t page = std::max<size_t>(1, ctx->options.oai_page_size);
  const size_t end = std::min(match.size(), la.offset + page);
  const std::string base = BaseUrl(req, ctx->options.host, ctx->options.port);
  out.body = records ? "<ListRecords>" : "<ListIdentifiers>";
  for (size_t i = la.offset; i < end; ++i) {
    if (records) {
      out.body += "<record>" + Header(*match[i]) + "<metadata>" + DublinCore(*match[i], base) + "</metadata></record>";
    } else {
      out.body += Header(*match[i]);
    }
  }
  if (end < match.size() || la.offset > 0) {
    // The last page of a list carries an empty token, as the protocol asks.
    std::string next;
    if (end < match.size()) {
      ListArgs n = la;
      n.offset = end;
      next = EncodeToken(n);
    }
    out.body += "<resumptionToken completeListSize=\"" + std::to_string(match.size()) + "\" cursor=\"" +
                std::to_string(la.offset) + "\">" + next + "</resumptionToken>";
  }
  out.body += records ? "</ListRecords>" : "</ListIdentifiers>";
  finish();
}

}  // namespace

void RegisterOai(httplib::Server* srv, Context* ctx) {
  srv->Get("/oai", [ctx](const httplib::Request& req, httplib::Response& res) { Handle(ctx, req, res); });
  srv->Post("/oai", [ctx](const httplib::Request& req, httplib::Response& res) { Handle(ctx, req, res); });
}

}  // namespace fangzhi::server
