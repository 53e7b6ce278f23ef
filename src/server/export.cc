// Downloads: the whole result of a search as CSV or XLSX (every hit, read
// page by page from the searcher), and a work as txt, JSON or TEI P5.
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

#include "formats/json_format.h"
#include "formats/tei_exporter.h"
#include "formats/txt_exporter.h"
#include "model/citation.h"
#include "server/app.h"
#include "server/catalog.h"
#include "server/escape.h"
#include "server/http_util.h"

namespace fangzhi::server {
namespace {

// Hits read from the searcher per round trip while exporting.
constexpr size_t kExportPage = 1000;
// An XLSX sheet holds 1,048,576 rows, one of them the header.
constexpr uint64_t kXlsxMaxHits = 1048575;

const std::vector<std::string>& Columns() {
  static const std::vector<std::string> kColumns = {"序号", "左文", "检索词", "右文", "出处", "作品编号", "题名",
                                                    "版本", "节点", "段", "页", "行", "链接"};
  return kColumns;
}

struct ExportState {
  BackendPool::Lease lease;
  std::string q;
  search::SearchOptions opt;
  std::map<std::string, std::string> titles;
  std::string base_url;
  search::SearchResult first;  // the first page, read before answering
  uint64_t written = 0;
  bool done = false;
};

std::vector<std::string> Row(const ExportState& st, const search::Hit& h, uint64_t n) {
  auto it = st.titles.find(h.work);
  const std::string para = std::to_string(h.paragraph);
  return {std::to_string(n),
          h.left,
          h.match,
          h.right,
          h.citation,
          h.work,
          it == st.titles.end() ? "" : it->second,
          h.edition,
          h.node_path,
          para,
          h.page,
          std::to_string(h.line),
          st.base_url + NodeHref(h.work, h.node_path, h.edition, HitHighlightQuery(h)) + "#p" +
              para};
}

// Whether a spreadsheet would read the cell as a formula (or, for TAB and CR,
// strip what hides one): OWASP's list for CSV injection. A title such as
// =HYPERLINK("http://…","点") would otherwise become a live link in Excel.
bool LooksLikeFormula(const std::string& s) {
  return !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

// RFC 4180: a field with a comma, quote or line end is quoted, quotes
// doubled. A field that looks like a formula gets a leading ' (OWASP), so
// that spreadsheets take it as text; only the export carries the ', never
// the stored text.
void CsvField(const std::string& s, std::string* out) {
  const std::string field = LooksLikeFormula(s) ? "'" + s : s;
  if (field.find_first_of(",\"\r\n") == std::string::npos) {
    *out += field;
    return;
  }
  *out += '"';
  for (char c : field) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

void CsvRow(const std::vector<std::string>& row, std::string* out) {
  for (size_t i = 0; i < row.size(); ++i) {
    if (i) *out += ',';
    CsvField(row[i], out);
  }
  *out += "\r\n";
}

// Reads the query, runs its first page and the work titles; on failure the
// response is already the error.
std::shared_ptr<ExportState> Prepare(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  auto st = std::make_shared<ExportState>();
  Status s = ParseSearchParams(req, &st->q, &st->opt, kExportPage);
  if (s.ok() && st->q.empty()) s = Status::InvalidInput("缺少查询参数 q");
  if (!s.ok()) {
    SendJsonError(res, s);
    return nullptr;
  }
  st->opt.offset = 0;
  st->opt.limit = kExportPage;
  st->opt.facets.clear();
  s = ctx->pool->Acquire(&st->lease);
  if (s.ok()) s = st->lease->searcher->Search(st->q, st->opt, &st->first);
  if (!s.ok()) {
    SendJsonError(res, s);
    return nullptr;
  }
  for (const auto& w : st->lease->works) st->titles[w.work.id] = w.work.title;
  st->base_url = BaseUrl(req, ctx->options.host, ctx->options.port);
  return st;
}

// The next page of hits after `st->written`, the first page from memory.
Status NextPage(ExportState* st, search::SearchResult* r) {
  if (st->written == 0) {
    *r = std::move(st->first);
    st->first = {};
    return Status::Ok();
  }
  st->opt.offset = st->written;
  return st->lease->searcher->Search(st->q, st->opt, r);
}

void Csv(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  std::shared_ptr<ExportState> st = Prepare(ctx, req, res);
  if (st == nullptr) return;
  SetAttachment(res, "fangzhi-search.csv", "检索-" + st->q.substr(0, 60) + ".csv");
  res.set_header("X-Total-Occurrences", std::to_string(st->first.total_occurrences));
  // Streamed in chunks: a result of a million hits never sits in memory.
  res.set_chunked_content_provider("text/csv; charset=utf-8", [st](size_t, httplib::DataSink& sink) {
    if (st->done) {
      sink.done();
      return true;
    }
    std::string out;
    if (st->written == 0) {
      out += "\xEF\xBB\xBF";  // a BOM, so that Excel opens the UTF-8 as such
      CsvRow(Columns(), &out);
    }
    search::SearchResult r;
    Status s = NextPage(st.get(), &r);
    if (!s.ok()) {
      // Too late for a status code: the error is the last line, and the
      // file is visibly incomplete.
      out += "# 错误：" + s.message() + "\r\n";
      st->done = true;
    } else {
      for (const search::Hit& h : r.hits) CsvRow(Row(*st, h, ++st->written), &out);
      if (r.hits.empty() || st->written >= r.total_occurrences) st->done = true;
    }
    sink.write(out.data(), out.size());
    return true;
  });
}

void Xlsx(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  std::shared_ptr<ExportState> st = Prepare(ctx, req, res);
  if (st == nullptr) return;
  if (st->first.total_occurrences > kXlsxMaxHits) {
    return SendJsonError(res, 400,
                         "结果共 " + std::to_string(st->first.total_occurrences) +
                             " 条，超过 XLSX 工作表的行数上限（1048575 条），请改用 CSV 导出");
  }
  char path[] = "/tmp/fangzhi-xlsx-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return SendJsonError(res, 500, "无法创建临时文件");
  close(fd);
  lxw_workbook_options wopt{};
  // Rows go to disk as they are written: memory stays flat for big results.
  wopt.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path, &wopt);
  Status s;
  if (wb == nullptr) {
    s = Status::IoError("无法创建 XLSX 工作簿");
  } else {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "检索结果");
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* right = workbook_add_format(wb);
    format_set_align(right, LXW_ALIGN_RIGHT);
    worksheet_set_column(ws, 1, 1, 40, right);
    worksheet_set_column(ws, 3, 3, 40, nullptr);
    worksheet_set_column(ws, 4, 4, 50, nullptr);
    const auto& cols = Columns();
    for (size_t c = 0; c < cols.size(); ++c) {
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), cols[c].c_str(), bold);
    }
    while (s.ok()) {
      search::SearchResult r;
      s = NextPage(st.get(), &r);
      if (!s.ok()) break;
      for (const search::Hit& h : r.hits) {
        const uint64_t n = ++st->written;
        const std::vector<std::string> row = Row(*st, h, n);
        const auto xr = static_cast<lxw_row_t>(n);
        for (size_t c = 0; c < row.size(); ++c) {
          const auto xc = static_cast<lxw_col_t>(c);
          if (c == 0 || c == 9 || c == 11) {
            worksheet_write_number(ws, xr, xc, std::strtod(row[c].c_str(), nullptr), nullptr);
          } else {
            // Always a string cell, never a formula, whatever the text starts with.
            worksheet_write_string(ws, xr, xc, row[c].c_str(), c == 1 ? right : nullptr);
          }
        }
      }
      if (r.hits.empty() || st->written >= r.total_occurrences) break;
    }
    if (workbook_close(wb) != LXW_NO_ERROR && s.ok()) s = Status::IoError("写 XLSX 文件失败");
  }
  std::string body;
  if (s.ok()) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    body = ss.str();
  }
  std::remove(path);
  if (!s.ok()) return SendJsonError(res, s);
  SetAttachment(res, "fangzhi-search.xlsx", "检索-" + st->q.substr(0, 60) + ".xlsx");
  res.set_header("X-Total-Occurrences", std::to_string(st->written));
  res.set_content(std::move(body), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

void WorkExport(Context* ctx, const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  if (!model::IsValidWorkId(id)) return SendJsonError(res, 404, "“" + id + "” 不是合法的作品编号");
  const std::string format = Param(req, "format");
  if (format != "txt" && format != "json" && format != "tei") {
    return SendJsonError(res, 400,
                         format.empty() ? "缺少参数 format（txt、json 或 tei）"
                                        : "不支持的导出格式 “" + format.substr(0, 40) + "”（可用 txt、json、tei）");
  }
  const std::string edition = Param(req, "edition");
  BackendPool::Lease b;
  model::Document doc;
  Status s = ctx->pool->Acquire(&b);
  if (s.ok()) s = b->lib->LoadDocument(id, format == "json" ? edition : "", &doc);
  if (!s.ok()) return SendJsonError(res, s);
  const model::Edition* e = edition.empty() ? doc.BaseEdition() : doc.FindEdition(edition);
  if (e == nullptr) return SendJsonError(res, 404, "作品 " + id + " 没有版本 “" + edition.substr(0, 60) + "”");
  const std::string stem = id + (edition.empty() ? "" : "-" + e->id);
  const std::string name = doc.work.title + (edition.empty() ? "" : "（" + e->id + "）");
  if (format == "txt") {
    SetAttachment(res, stem + ".txt", name + ".txt");
    res.set_content(formats::ExportTxt(*e), "text/plain; charset=utf-8");
  } else if (format == "json") {
    SetAttachment(res, stem + ".json", name + ".json");
    res.set_content(formats::ExportJson(doc, edition), kJsonType);
  } else {
    SetAttachment(res, stem + ".tei.xml", name + ".tei.xml");
    res.set_content(formats::ExportTei(doc, *e), "application/tei+xml; charset=utf-8");
  }
}

}  // namespace

void RegisterExports(httplib::Server* srv, Context* ctx) {
  using Req = const httplib::Request&;
  using Res = httplib::Response&;
  srv->Get("/search.csv", [ctx](Req req, Res res) { Csv(ctx, req, res); });
  srv->Get("/search.xlsx", [ctx](Req req, Res res) { Xlsx(ctx, req, res); });
  srv->Get(R"(/api/v1/works/([^/]+)/export)", [ctx](Req req, Res res) { WorkExport(ctx, req, res); });
}

}  // namespace fangzhi::server
