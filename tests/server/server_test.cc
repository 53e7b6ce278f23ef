// HTTP-level tests of every route of `fangzhi serve`: a server started in
// this process on an ephemeral loopback port, over a library of three
// Ba-Shu works plus one work whose metadata and text are hostile markup.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "formats/json_format.h"
#include "formats/kanripo_importer.h"
#include "formats/txt_exporter.h"
#include "search/index.h"
#include "search/result_json.h"
#include "search/searcher.h"
#include "server/test_server.h"
#include "store/library.h"
#include "test_util.h"

namespace fangzhi {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* kEvilTitle = "<script>alert('title')</script>惡意志";

// A manuscript whose every field tries to break out of its context.
model::Document EvilDocument() {
  model::Document d;
  d.work.id = "evil-1";
  d.work.title = kEvilTitle;
  d.work.kind = model::kKindYearbook;
  d.work.region_code = "510104";
  d.work.place_name = "\"><img src=x onerror=alert(1)>";
  d.work.dynasty = "当代";
  d.work.compilers = {"</script><script>alert('c')</script>"};
  d.work.source = "测试 & <b>source</b>";
  d.work.licence = "CC0-1.0";
  model::Edition e;
  e.id = "v1";
  e.label = "第1稿<script>";
  e.base = true;
  model::Node n;
  n.key = "1";
  n.level = "类目";
  n.title = "<script>alert('node')</script>";
  n.blocks.push_back({model::BlockKind::kText, 1, "巴郡<script>alert('text')</script>之地\x01。", {}});
  n.blocks.push_back({model::BlockKind::kNote, 1, "注<i>/x</i>", {}});
  e.nodes.push_back(n);
  d.editions.push_back(e);
  return d;
}

// A connected loopback socket to `port`, or -1.
int ConnectTo(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    data_ = dir_->path() / "data";
    std::unique_ptr<store::Library> lib;
    ASSERT_TRUE(store::Library::Open(data_, &lib).ok());
    std::vector<model::Document> docs(3);
    const char* ids[] = {"KR2i0003", "KR2i0014", "KR2k0109"};
    for (int i = 0; i < 3; ++i) {
      Status s = formats::ImportKanripoFolder(testing::BashuDir() / ids[i], &docs[i]);
      ASSERT_TRUE(s.ok()) << s.ToString();
    }
    docs.push_back(EvilDocument());
    std::vector<const model::Document*> ptrs;
    for (const auto& d : docs) ptrs.push_back(&d);
    Status s = lib->Import(ptrs, false);
    ASSERT_TRUE(s.ok()) << s.ToString();
    lib.reset();

    server::ServerOptions opt = testing::LoopbackOptions(data_);
    opt.oai_page_size = 2;
    opt.admin_email = "admin@fangzhi.test";
    s = testing::TestServer::Start(opt, &server_);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  static void TearDownTestSuite() {
    server_.reset();
    delete dir_;
  }

  static httplib::Result Get(const std::string& path) { return server_->Client().Get(path.c_str()); }

  // Sends `target` as it is, bytes and all: no client-side normalisation of
  // "..". Returns the status code, or 0 when the server closed without one.
  static int RawStatus(const std::string& target, std::string* body = nullptr, std::string* head = nullptr) {
    const int fd = ConnectTo(server_->port());
    if (fd < 0) return -1;
    const std::string req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    size_t sent = 0;
    while (sent < req.size()) {
      const ssize_t n = send(fd, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;  // the server may stop reading a hostile request early
      sent += static_cast<size_t>(n);
    }
    std::string resp;
    char buf[65536];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof buf, 0)) > 0) {
      resp.append(buf, static_cast<size_t>(n));
      if (resp.find("\r\n\r\n") != std::string::npos && body == nullptr) break;
    }
    close(fd);
    if (head != nullptr) *head = resp.substr(0, resp.find("\r\n\r\n") + 2);
    if (body != nullptr) {
      const size_t at = resp.find("\r\n\r\n");
      *body = at == std::string::npos ? "" : resp.substr(at + 4);
    }
    int status = 0;
    std::sscanf(resp.c_str(), "HTTP/1.1 %d", &status);
    return status;
  }

  static json GetJson(const std::string& path, int expect_status = 200) {
    auto r = Get(path);
    EXPECT_TRUE(r) << path;
    if (!r) return json();
    EXPECT_EQ(r->status, expect_status) << path << "\n" << r->body.substr(0, 500);
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8") << path;
    return json::parse(r->body);
  }

  static std::string Utf8Url(const std::string& s) {
    std::string out;
    static const char* kHex = "0123456789ABCDEF";
    for (unsigned char c : s) {
      if (isalnum(c) || c == '-' || c == '_' || c == '.') {
        out.push_back(static_cast<char>(c));
      } else {
        out += '%';
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
    }
    return out;
  }

  static testing::TempDir* dir_;
  static fs::path data_;
  static std::unique_ptr<testing::TestServer> server_;
};

testing::TempDir* ServerTest::dir_ = nullptr;
fs::path ServerTest::data_;
std::unique_ptr<testing::TestServer> ServerTest::server_;

// No response may carry the hostile markup as markup.
void ExpectNoRawScript(const std::string& body, const std::string& where) {
  EXPECT_EQ(body.find("<script>alert"), std::string::npos) << where;
  EXPECT_EQ(body.find("</script><script>"), std::string::npos) << where;
  EXPECT_EQ(body.find("<img src=x"), std::string::npos) << where;
  EXPECT_EQ(body.find("<b>source"), std::string::npos) << where;
}

// ------------------------------------------------------------ pages

// An import by another process (the CLI) while the server runs is seen
// even when every request is answered from the response cache.
TEST_F(ServerTest, CachedAnswersFollowImportsByAnotherProcess) {
  const std::string path = "/api/v1/search?q=" + Utf8Url("鼋鼍鼋鼍") + "&limit=1";
  EXPECT_EQ(GetJson(path)["total_occurrences"], 0);
  auto r = Get(path);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->get_header_value("X-Cache"), "hit");
  model::Document d = EvilDocument();
  d.work.id = "late-1";
  d.work.title = "後來者";
  d.editions[0].nodes[0].blocks = {{model::BlockKind::kText, 1, "鼋鼍鼋鼍也", {}}};
  d.editions[0].nodes[0].children.clear();
  {
    std::unique_ptr<store::Library> lib;
    ASSERT_TRUE(store::Library::Open(data_, &lib).ok());
    ASSERT_TRUE(lib->Import(d, false).ok());
  }
  auto total_after_a_while = [&](int want) {
    int got = -1;
    for (int i = 0; i < 60 && got != want; ++i) {  // kFreshness is 2 s: give it up to 6 s
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      got = GetJson(path)["total_occurrences"].get<int>();
    }
    return got;
  };
  EXPECT_EQ(total_after_a_while(1), 1);
  {
    std::unique_ptr<store::Library> lib;
    ASSERT_TRUE(store::Library::Open(data_, &lib).ok());
    ASSERT_TRUE(lib->Remove("late-1").ok());
  }
  EXPECT_EQ(total_after_a_while(0), 0);
}

TEST_F(ServerTest, HomeShowsHoldings) {
  auto r = Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(r->body.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(r->body.find("<strong>4</strong> 部作品"), std::string::npos);
  EXPECT_NE(r->body.find("/works?kind=%E5%BF%97%E4%B9%A6"), std::string::npos);  // 志书
  EXPECT_NE(r->body.find("按朝代"), std::string::npos);
  EXPECT_NE(r->body.find("四川省"), std::string::npos);
  EXPECT_NE(r->body.find("rel=\"canonical\" href=\"http://127.0.0.1:"), std::string::npos);
  EXPECT_NE(r->body.find("action=\"/search\""), std::string::npos);
  ExpectNoRawScript(r->body, "/");
}

TEST_F(ServerTest, BrowseFiltersAndPages) {
  auto r = Get("/works?kind=" + Utf8Url("志书"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("華陽國志"), std::string::npos);
  EXPECT_EQ(r->body.find("錦里耆舊傳"), std::string::npos);
  EXPECT_NE(r->body.find("共 1 部"), std::string::npos);
  r = Get("/works?region=5101");
  EXPECT_NE(r->body.find("錦里耆舊傳"), std::string::npos);
  EXPECT_EQ(r->body.find("華陽國志</a>"), std::string::npos);
  r = Get("/works?dynasty=" + Utf8Url("宋"));
  EXPECT_NE(r->body.find("共 2 部"), std::string::npos);
  EXPECT_EQ(Get("/works?offset=abc")->status, 400);
  EXPECT_EQ(Get("/works?offset=-1")->status, 400);
  r = Get("/works?offset=100");
  EXPECT_EQ(r->status, 200);
  ExpectNoRawScript(Get("/works")->body, "/works");
}

TEST_F(ServerTest, WorkPageHasMetadataEditionsTocAndLicence) {
  auto r = Get("/works/KR2i0003");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  for (const char* s : {"《華陽國志》", "常璩", "CC BY-SA 4.0", "Kanripo 漢籍リポジトリ", "【四部叢刊】",
                        "【四庫全書・文淵閣】", "href=\"/works/KR2i0003/001\"", "/works/KR2i0003?ed=SBCK",
                        "format=tei", "@book{KR2i0003", "rel=\"license\""}) {
    EXPECT_NE(r->body.find(s), std::string::npos) << s;
  }
  r = Get("/works/KR2i0003?ed=SBCK");
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("href=\"/works/KR2i0003/001?ed=SBCK\""), std::string::npos);
  EXPECT_EQ(Get("/works/KR2i0003?ed=NOPE")->status, 404);
  EXPECT_EQ(Get("/works/KR9z9999")->status, 404);
  r = Get("/works/evil-1");
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;惡意志"), std::string::npos);
  ExpectNoRawScript(r->body, "/works/evil-1");
}

TEST_F(ServerTest, ReadingViewShowsPagesNotesPermalinksAndCitations) {
  auto r = Get("/works/KR2i0003/001");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  for (const char* s : {"id=\"p3\"", "href=\"#p3\"", "class=\"pb\"", "〔SBCK 1a〕", "class=\"note\"", "class=\"nc\"",
                        "@book{KR2i0003_001", "&quot;container-title&quot;: &quot;華陽國志&quot;", "aria-current=\"page\"",
                        "rel=\"next\" href=\"/works/KR2i0003/002\"", "/compare/KR2i0003/001?a=master&amp;b=SBCK"}) {
    EXPECT_NE(r->body.find(s), std::string::npos) << s;
  }
  // The page anchors of the base edition's own witness print bare.
  r = Get("/works/KR2i0003/001?ed=WYG");
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(std::regex_search(r->body, std::regex("class=\"pb\"[^>]*>〔[0-9]+[ab]〕")));  // own pages bare
  EXPECT_NE(r->body.find("rel=\"canonical\" href=\"http://127.0.0.1:" + std::to_string(server_->port()) +
                         "/works/KR2i0003/001?ed=WYG\""),
            std::string::npos);
  EXPECT_EQ(Get("/works/KR2i0003/999")->status, 404);
  EXPECT_EQ(Get("/works/KR2i0003/001?ed=XX")->status, 404);
  EXPECT_EQ(Get("/works/KR2i0003/001?hp=x")->status, 400);
  r = Get("/works/evil-1/1");
  EXPECT_EQ(r->status, 200);
  ExpectNoRawScript(r->body, "/works/evil-1/1");
}

TEST_F(ServerTest, HitLinkLandsOnHighlightedParagraph) {
  json j = GetJson("/api/v1/search?q=" + Utf8Url("巴郡 work:KR2i0003") + "&limit=1");
  ASSERT_EQ(j["hits"].size(), 1u);
  const json& h = j["hits"][0];
  const std::string para = std::to_string(h["paragraph"].get<int>());
  auto r = Get("/works/KR2i0003/" + h["node_path"].get<std::string>() + "?hl=" + Utf8Url(h["match"]) + "&hp=" + para);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  const std::string target = "<div class=\"para hit\" id=\"p" + para + "\">";
  const size_t at = r->body.find(target);
  ASSERT_NE(at, std::string::npos);
  const size_t end = r->body.find("</div>", at);
  const std::string para_html = r->body.substr(at, end - at);
  // Every mark in the paragraph, tags removed, spells the hit.
  std::regex mark("<mark>([^<]*)</mark>");
  std::string marked;
  for (auto it = std::sregex_iterator(para_html.begin(), para_html.end(), mark); it != std::sregex_iterator(); ++it) {
    marked += (*it)[1].str();
  }
  EXPECT_NE(marked.find("巴郡"), std::string::npos) << para_html.substr(0, 400);
  // Other paragraphs carry no marks.
  EXPECT_EQ(r->body.substr(0, at).find("<mark>"), std::string::npos);
}

// A character Unicode lacks (&KR…;) reads as 〓 with its code at hand; a
// hit on it is marked; the stored text and the JSON keep the entity.
TEST_F(ServerTest, KanripoEntitiesReadAsGetaMarks) {
  json j = GetJson("/api/v1/search?q=" + Utf8Url("&KR0738;") + "&limit=1");
  ASSERT_GE(j["total_occurrences"].get<int>(), 1) << j.dump();
  const json& h = j["hits"][0];
  EXPECT_EQ(h["match"], "&KR0738;");
  const std::string para = std::to_string(h["paragraph"].get<int>());
  auto r = Get("/works/" + h["work"].get<std::string>() + "/" + h["node_path"].get<std::string>() + "?hl=" +
               Utf8Url(h["match"]) + "&hp=" + para + "&hb=" + std::to_string(h["block"].get<int>()) + "&hu=" +
               std::to_string(h["block_unit"].get<int>()) + "&ed=" + h["edition"].get<std::string>());
  ASSERT_TRUE(r && r->status == 200);
  EXPECT_NE(r->body.find("<mark><span class=\"gaiji\" data-entity=\"KR0738\""), std::string::npos);
  // The KWIC line too, escaped around it.
  auto page = Get("/search?q=" + Utf8Url("&KR0738;"));
  ASSERT_TRUE(page && page->status == 200);
  EXPECT_NE(page->body.find("\">" "<span class=\"gaiji\" data-entity=\"KR0738\""), std::string::npos);
  EXPECT_EQ(page->body.find("&amp;KR0738;</a>"), std::string::npos);
  // No entity shown raw in the text (the note above it repeats the query as typed).
  const std::string text = r->body.substr(r->body.find("<div class=\"para"));
  const size_t raw = text.find("&amp;KR");
  EXPECT_EQ(raw, std::string::npos) << text.substr(raw == std::string::npos ? 0 : raw - 100, 300);
}

// Two hits in one paragraph each open with their own occurrence marked, not
// every 之 of the paragraph; without hb/hu (an old link) every one is.
TEST_F(ServerTest, HitLinkMarksOnlyItsOwnOccurrence) {
  json j = GetJson("/api/v1/search?q=" + Utf8Url("之 work:KR2i0003") + "&limit=2&sort=pos");
  ASSERT_EQ(j["hits"].size(), 2u);
  ASSERT_EQ(j["hits"][0]["paragraph"], j["hits"][1]["paragraph"]) << j["hits"].dump();
  ASSERT_EQ(j["hits"][0]["node_path"], j["hits"][1]["node_path"]);
  std::regex mark("<mark>");
  auto marks_in_para = [&](const std::string& query, std::string* html) {
    auto r = Get("/works/KR2i0003/" + j["hits"][0]["node_path"].get<std::string>() + "?" + query);
    EXPECT_TRUE(r && r->status == 200);
    if (!r) return 0l;
    const size_t at = r->body.find("<div class=\"para hit\"");
    EXPECT_NE(at, std::string::npos);
    *html = r->body.substr(at, r->body.find("</div>", at) - at);
    return static_cast<long>(std::distance(std::sregex_iterator(html->begin(), html->end(), mark), std::sregex_iterator()));
  };
  std::string first, second, all;
  for (int i = 0; i < 2; ++i) {
    const json& h = j["hits"][i];
    EXPECT_GE(h["block"].get<int>(), 0);
    const std::string q = "hl=" + Utf8Url(h["match"]) + "&hp=" + std::to_string(h["paragraph"].get<int>()) +
                          "&hb=" + std::to_string(h["block"].get<int>()) + "&hu=" + std::to_string(h["block_unit"].get<int>());
    EXPECT_EQ(marks_in_para(q, i == 0 ? &first : &second), 1) << (i == 0 ? first : second).substr(0, 600);
  }
  EXPECT_NE(first, second);  // the mark moved to the second occurrence
  const json& h = j["hits"][0];
  EXPECT_GT(marks_in_para("hl=" + Utf8Url(h["match"]) + "&hp=" + std::to_string(h["paragraph"].get<int>()), &all), 1);
  // Across works, notes and editions: every hit's link marks exactly one 蜀.
  json many = GetJson("/api/v1/search?q=" + Utf8Url("蜀") + "&limit=60");
  ASSERT_EQ(many["hits"].size(), 60u);
  for (const json& x : many["hits"]) {
    const std::string para = std::to_string(x["paragraph"].get<int>());
    std::string url = "/works/" + x["work"].get<std::string>() + "/" + x["node_path"].get<std::string>() + "?hl=" +
                      Utf8Url(x["match"]) + "&hp=" + para + "&hb=" + std::to_string(x["block"].get<int>()) +
                      "&hu=" + std::to_string(x["block_unit"].get<int>()) + "&ed=" + x["edition"].get<std::string>();
    auto r = Get(url);
    ASSERT_TRUE(r && r->status == 200) << url;
    const size_t at = r->body.find("<div class=\"para hit\" id=\"p" + para + "\"");
    ASSERT_NE(at, std::string::npos) << url;
    const std::string html = r->body.substr(at, r->body.find("</div>", at) - at);
    EXPECT_EQ(std::distance(std::sregex_iterator(html.begin(), html.end(), mark), std::sregex_iterator()), 1) << url;
  }
  // The search page links carry hb/hu.
  auto page = Get("/search?q=" + Utf8Url("之 work:KR2i0003") + "&sort=pos");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("&amp;hb=" + std::to_string(h["block"].get<int>()) + "&amp;hu=" +
                            std::to_string(h["block_unit"].get<int>())),
            std::string::npos);
}

TEST_F(ServerTest, ComparisonMarksDifferences) {
  auto r = Get("/compare/KR2i0003/001?a=master&b=SBCK");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("<ins>"), std::string::npos);
  EXPECT_NE(r->body.find("逐字比对"), std::string::npos);
  EXPECT_EQ(Get("/compare/KR2i0003/001?a=master&b=NOPE")->status, 404);
  EXPECT_EQ(Get("/compare/evil-1/1")->status, 400);  // one edition only
  EXPECT_EQ(Get("/compare/KR2i0003/001")->status, 200);
}

TEST_F(ServerTest, SearchPageKwicFacetsChartsAndState) {
  auto r = Get("/search?q=" + Utf8Url("巴"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  json api = GetJson("/api/v1/search?q=" + Utf8Url("巴") + "&limit=50&facets=work,dynasty,kind,region");
  EXPECT_NE(r->body.find(">" + std::to_string(api["total_occurrences"].get<int>()) + "</strong> 处"),
            std::string::npos);
  // Facet links add a filter to the query; the charts get their data and
  // ECharts comes from our own URL.
  EXPECT_NE(r->body.find("/search?q=%E5%B7%B4%20work%3AKR2i0003"), std::string::npos);
  EXPECT_NE(r->body.find("/search?q=%E5%B7%B4%20dynasty%3A%E6%99%89"), std::string::npos);
  EXPECT_NE(r->body.find("<script type=\"application/json\" id=\"chart-data\">{\"work\":[["), std::string::npos);
  EXPECT_NE(r->body.find("src=\"/static/vendor/echarts/echarts.min.js\""), std::string::npos);
  EXPECT_NE(r->body.find("href=\"/search.csv?q=%E5%B7%B4\""), std::string::npos);
  EXPECT_NE(r->body.find("href=\"/search.xlsx?q=%E5%B7%B4\""), std::string::npos);
  EXPECT_NE(r->body.find("rel=\"next\" href=\"/search?q=%E5%B7%B4&amp;offset=50\""), std::string::npos);
  EXPECT_NE(r->body.find("#p"), std::string::npos);

  // Sorted by right context, the page lists the API's hits in its order.
  r = Get("/search?q=" + Utf8Url("巴") + "&sort=right");
  api = GetJson("/api/v1/search?q=" + Utf8Url("巴") + "&sort=right&limit=50");
  size_t pos = 0;
  for (const auto& h : api["hits"]) {
    const size_t at = r->body.find("<td class=\"right\">" + h["right"].get<std::string>() + "</td>", pos);
    ASSERT_NE(at, std::string::npos) << h["right"];
    pos = at + 1;
  }
  EXPECT_NE(r->body.find("class=\"right\" aria-sort=\"ascending\""), std::string::npos);

  // An active filter shows as a link that removes it.
  r = Get("/search?q=" + Utf8Url("巴 work:KR2i0003"));
  EXPECT_NE(r->body.find("class=\"active\""), std::string::npos);
  // "Search in this work" redirects to the canonical URL.
  std::string head;
  EXPECT_EQ(RawStatus("/search?q=" + Utf8Url("巴") + "&within=KR2i0003", nullptr, &head), 303);
  EXPECT_NE(head.find("\r\nLocation: /search?q=%E5%B7%B4%20work%3AKR2i0003\r\n"), std::string::npos) << head;

  EXPECT_EQ(Get("/search")->status, 200);
  r = Get("/search?q=" + Utf8Url("\"巴"));
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("role=\"alert\""), std::string::npos);
  EXPECT_EQ(Get("/search?q=a&sort=up")->status, 400);
  EXPECT_EQ(Get("/search?q=a&limit=5000")->status, 400);
}

TEST_F(ServerTest, HostileInputIsEscapedEverywhere) {
  const std::string q = Utf8Url("<script>alert(1)</script>");
  for (const std::string& path : std::vector<std::string>{"/search?q=" + q, "/search?q=" + Utf8Url("巴郡"), "/works/evil-1",
                                  "/works/evil-1/1", "/works", "/", "/works/" + q, "/nope/" + q}) {
    auto r = Get(path);
    ASSERT_TRUE(r) << path;
    ExpectNoRawScript(r->body, path);
  }
  // The title shows in the search facets, escaped.
  auto r = Get("/search?q=" + Utf8Url("巴郡"));
  EXPECT_NE(r->body.find("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;惡意志"), std::string::npos);
  // In JSON it is a string; in XML it is text.
  r = Get("/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:fangzhi:evil-1");
  EXPECT_NE(r->body.find("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;惡意志"), std::string::npos);
  ExpectNoRawScript(r->body, "oai");
  EXPECT_EQ(r->body.find('\x01'), std::string::npos);
}

TEST_F(ServerTest, PathTraversalIsRefused) {
  for (const std::string t :
       {"/works/../../etc/passwd", "/works/KR2i0003/../../../etc/passwd", "/works/KR2i0003/001/..",
        "/works/..%2F..%2Fetc%2Fpasswd", "/works/KR2i0003/..%2F..%2Fx", "/static/../../../../etc/passwd",
        "/static/..%2F..%2F..%2Fetc%2Fpasswd", "/api/v1/works/..%2Fx", "/api/v1/works/KR2i0003/nodes/../001",
        "/api/v1/works/KR2i0003/nodes/001/..%2F..", "/api/v1/works/..%2F..%2Fetc/export?format=txt",
        "/compare/KR2i0003/..%2F001", "/works/.hidden", "/static/%2e%2e/%2e%2e/etc/passwd"}) {
    const int status = RawStatus(t);
    EXPECT_TRUE(status == 400 || status == 404) << t << " → " << status;
  }
}

TEST_F(ServerTest, HugeQueryStringGets414Or400AndServerLives) {
  const std::string big(1 << 20, 'a');
  for (const std::string prefix : {"/search?q=", "/api/v1/search?q=", "/oai?verb="}) {
    const int status = RawStatus(prefix + big);
    EXPECT_TRUE(status == 414 || status == 400) << prefix << " → " << status;
  }
  // Under the URI limit but over the query limit: a clear 400.
  json err = GetJson("/api/v1/search?q=" + std::string(5000, 'a'), 400);
  EXPECT_EQ(err["error"]["status"], 400);
  EXPECT_EQ(Get("/")->status, 200);
}

TEST_F(ServerTest, UnknownRoutesAndMethods) {
  auto r = Get("/nope");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(r->body.find("找不到页面"), std::string::npos);
  json j = GetJson("/api/v1/nope", 404);
  EXPECT_EQ(j["error"]["status"], 404);
  httplib::Client c("127.0.0.1", server_->port());
  auto p = c.Post("/api/v1/works", "x", "text/plain");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->status, 405);
  EXPECT_EQ(json::parse(p->body)["error"]["status"], 405);
  EXPECT_EQ(Get("/static/site.css")->status, 200);
  EXPECT_EQ(Get("/static/search.js")->get_header_value("Content-Type"), "text/javascript");
}

// ------------------------------------------------------------ API

TEST_F(ServerTest, ApiWorksIsPagedAndMatchesTheCli) {
  json j = GetJson("/api/v1/works?limit=2");
  EXPECT_EQ(j["total"], 4);
  EXPECT_EQ(j["limit"], 2);
  ASSERT_EQ(j["works"].size(), 2u);
  json rest = GetJson("/api/v1/works?offset=2&limit=2");
  ASSERT_EQ(rest["works"].size(), 2u);
  EXPECT_NE(j["works"][0]["id"], rest["works"][0]["id"]);
  EXPECT_EQ(GetJson("/api/v1/works?offset=10")["works"].size(), 0u);
  EXPECT_EQ(GetJson("/api/v1/works?kind=" + Utf8Url("年鉴"))["total"], 1);
  EXPECT_EQ(GetJson("/api/v1/works?limit=5000", 400)["error"]["status"], 400);
  GetJson("/api/v1/works?offset=x", 400);

  const auto cli = testing::Fangzhi(data_, "works --json");
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  const json listed = json::parse(cli.out);
  for (const auto& w : listed["works"]) {
    json one = GetJson("/api/v1/works/" + w["id"].get<std::string>());
    EXPECT_EQ(one, w) << w["id"];
  }
  EXPECT_EQ(GetJson("/api/v1/works/KR9z9999", 404)["error"]["message"], "库中没有作品 KR9z9999");
}

TEST_F(ServerTest, ApiNodesAndNodeText) {
  json j = GetJson("/api/v1/works/KR2i0003/nodes?limit=3");
  EXPECT_EQ(j["edition"], "master");
  EXPECT_GT(j["total"].get<int>(), 3);
  EXPECT_EQ(j["nodes"].size(), 3u);
  EXPECT_EQ(j["nodes"][1]["path"], "001");
  GetJson("/api/v1/works/KR2i0003/nodes?edition=NOPE", 404);

  j = GetJson("/api/v1/works/KR2i0003/nodes/001?edition=SBCK");
  EXPECT_EQ(j["work"], "KR2i0003");
  EXPECT_EQ(j["edition"], "SBCK");
  EXPECT_EQ(j["path"], "001");
  EXPECT_EQ(j["level"], "卷");
  EXPECT_GT(j["total"].get<int>(), 10);
  EXPECT_EQ(j["blocks"][0]["kind"], "page");
  // The same blocks as `fangzhi show --json`.
  const auto cli = testing::Fangzhi(data_, "show KR2i0003/001 --edition SBCK --json");
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  const json shown = json::parse(cli.out);
  EXPECT_EQ(j["blocks"], shown["blocks"]);

  j = GetJson("/api/v1/works/KR2i0003/nodes/001?para=3&limit=2&offset=1");
  EXPECT_EQ(j["offset"], 1);
  EXPECT_LE(j["blocks"].size(), 2u);
  for (const auto& b : j["blocks"]) EXPECT_EQ(b["para"], 3);
  GetJson("/api/v1/works/KR2i0003/nodes/001?para=99999", 404);
  GetJson("/api/v1/works/KR2i0003/nodes/999", 404);
  GetJson("/api/v1/works/KR2i0003/nodes/001?limit=-3", 400);
}

TEST_F(ServerTest, ApiSearchIsExactlySearchResultJson) {
  std::unique_ptr<store::Library> lib;
  ASSERT_TRUE(store::Library::Open(data_, &lib).ok());
  std::unique_ptr<search::Index> index;
  ASSERT_TRUE(search::Index::Open(lib.get(), &index).ok());
  std::unique_ptr<search::Searcher> searcher;
  ASSERT_TRUE(search::Searcher::Open(lib.get(), index.get(), &searcher).ok());
  struct Case {
    std::string query, params;
    search::SearchOptions opt;
  };
  search::SearchOptions right;
  right.sort = search::KwicSort::kRight;
  right.limit = 7;
  right.offset = 3;
  right.facets = {"work", "edition"};
  search::SearchOptions all;
  all.window = 5;
  for (const Case& c : {Case{"巴郡", "", {}}, Case{"巴 | 蜀", "&sort=right&limit=7&offset=3&facets=work,edition", right},
                        Case{"華陽 edition:all", "&window=5", all}}) {
    search::SearchResult r;
    ASSERT_TRUE(searcher->Search(c.query, c.opt, &r).ok());
    json expected = json::parse(search::SearchResultJson(r).dump());
    json got = GetJson("/api/v1/search?q=" + Utf8Url(c.query) + c.params);
    expected.erase("took_ms");
    ASSERT_TRUE(got.contains("took_ms"));
    got.erase("took_ms");
    EXPECT_EQ(got, expected) << c.query;
  }
  json err = GetJson("/api/v1/search?q=" + Utf8Url("巴 -"), 400);
  EXPECT_NE(err["error"]["message"].get<std::string>().find("查询"), std::string::npos);
  GetJson("/api/v1/search", 400);
  GetJson("/api/v1/search?q=a&facets=author", 400);
  GetJson("/api/v1/search?q=a&facet_limit=-1", 400);
  const json cut = GetJson("/api/v1/search?q=" + Utf8Url("之") + "&facets=work&facet_limit=2");
  EXPECT_EQ(cut["facets"]["work"].size(), 2u);
  EXPECT_GT(cut["facet_distinct"]["work"].get<int>(), 2);
  GetJson("/api/v1/search?q=a&window=999", 400);
  GetJson("/api/v1/search?q=%FF", 400);
}

// ------------------------------------------------------------ exports

TEST_F(ServerTest, WorkExportsTxtJsonTei) {
  std::unique_ptr<store::Library> lib;
  ASSERT_TRUE(store::Library::Open(data_, &lib).ok());
  model::Document doc;
  ASSERT_TRUE(lib->LoadDocument("KR2i0003", "", &doc).ok());

  auto r = Get("/api/v1/works/KR2i0003/export?format=txt&edition=SBCK");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(r->body, formats::ExportTxt(*doc.FindEdition("SBCK")));
  EXPECT_NE(r->get_header_value("Content-Disposition").find("filename=\"KR2i0003-SBCK.txt\""), std::string::npos);

  r = Get("/api/v1/works/KR2i0003/export?format=json");
  EXPECT_EQ(r->status, 200);
  model::Document back;
  ASSERT_TRUE(formats::ParseJson("export", r->body, &back).ok());
  EXPECT_EQ(back, doc);

  for (const std::string id : {"KR2i0003", "evil-1"}) {
    r = Get("/api/v1/works/" + id + "/export?format=tei");
    ASSERT_EQ(r->status, 200);
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/tei+xml; charset=utf-8");
    const fs::path file = dir_->path() / (id + ".tei.xml");
    testing::WriteFile(file, r->body);
    const auto lint = testing::RunShell("xmllint --noout --nonet '" + file.string() + "'");
    EXPECT_EQ(lint.exit_code, 0) << lint.err;
  }
  r = Get("/api/v1/works/KR2i0003/export?format=tei&edition=WYG");
  for (const char* s : {"<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"", "<div type=\"juan\" n=\"001\">",
                        "<note place=\"interlinear\">", "<pb n=\"", "<lb/>", "<p n=\"3\">", "CC BY-SA 4.0"}) {
    EXPECT_NE(r->body.find(s), std::string::npos) << s;
  }
  EXPECT_EQ(GetJson("/api/v1/works/KR2i0003/export?format=pdf", 400)["error"]["status"], 400);
  GetJson("/api/v1/works/KR2i0003/export", 400);
  GetJson("/api/v1/works/KR2i0003/export?format=txt&edition=NOPE", 404);
  GetJson("/api/v1/works/NOPE/export?format=txt", 404);
}

// Splits RFC 4180 CSV (quoted fields may hold commas and line ends).
std::vector<std::vector<std::string>> ParseCsv(const std::string& s) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  rows.back().clear();
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

TEST_F(ServerTest, SearchExportsEveryHitAsCsvAndXlsx) {
  const std::string q = Utf8Url("之");
  json api = GetJson("/api/v1/search?q=" + q + "&limit=1");
  const size_t total = api["total_occurrences"].get<size_t>();
  ASSERT_GT(total, 1000u);  // more than one page of the exporter

  auto r = Get("/search.csv?q=" + q + "&sort=right");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  ASSERT_TRUE(r->body.starts_with("\xEF\xBB\xBF"));
  const auto rows = ParseCsv(r->body.substr(3));
  ASSERT_EQ(rows.size(), total + 1);
  EXPECT_EQ(rows[0][0], "序号");
  EXPECT_EQ(rows[0].size(), 13u);
  json first = GetJson("/api/v1/search?q=" + q + "&sort=right&limit=3&offset=1000");
  for (size_t i = 0; i < 3; ++i) {
    const auto& row = rows[1001 + i];
    ASSERT_EQ(row.size(), 13u);
    EXPECT_EQ(row[0], std::to_string(1001 + i));
    EXPECT_EQ(row[3], first["hits"][i]["right"]);
    EXPECT_EQ(row[4], first["hits"][i]["citation"]);
  }

  r = Get("/search.xlsx?q=" + q);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_TRUE(r->body.starts_with("PK"));
  EXPECT_EQ(r->get_header_value("X-Total-Occurrences"), std::to_string(total));
  const fs::path xlsx = dir_->path() / "r.xlsx";
  testing::WriteFile(xlsx, r->body);
  // The sheet holds one row per hit plus the header.
  const auto dim = testing::RunShell("unzip -p '" + xlsx.string() + "' xl/worksheets/sheet1.xml | grep -o '<dimension ref=\"[A-Z0-9:]*\"'");
  EXPECT_EQ(dim.out, "<dimension ref=\"A1:M" + std::to_string(total + 1) + "\"\n") << dim.err;

  EXPECT_EQ(GetJson("/search.csv", 400)["error"]["status"], 400);
  GetJson("/search.xlsx?q=" + Utf8Url("\""), 400);
}

// ------------------------------------------------------------ OAI-PMH

class OaiTest : public ServerTest {
 protected:
  // The official OAI-PMH schema plus oai_dc/simpledc schemas written from
  // the specification (tests/server/schemas): no network needed.
  static std::string SchemaFile() {
    const fs::path f = dir_->path() / "oai-validate.xsd";
    if (!fs::exists(f)) {
      const fs::path oai = testing::CorpusDir() / ".." / "reference" / "schemas" / "OAI-PMH.xsd";
      const fs::path dc = testing::SourceDir() / "tests" / "server" / "schemas" / "oai_dc.xsd";
      testing::WriteFile(f, "<?xml version=\"1.0\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n"
                            "<xs:import namespace=\"http://www.openarchives.org/OAI/2.0/\" schemaLocation=\"" +
                                fs::absolute(oai).lexically_normal().string() +
                                "\"/>\n<xs:import namespace=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" "
                                "schemaLocation=\"" +
                                dc.string() + "\"/>\n</xs:schema>\n");
    }
    return f.string();
  }

  // Fetches, checks 200 text/xml, validates against the schema.
  static std::string Oai(const std::string& query) {
    auto r = Get("/oai?" + query);
    EXPECT_TRUE(r);
    if (!r) return "";
    EXPECT_EQ(r->status, 200) << query;
    EXPECT_EQ(r->get_header_value("Content-Type"), "text/xml; charset=utf-8");
    static int n = 0;
    const fs::path file = dir_->path() / ("oai-" + std::to_string(n++) + ".xml");
    testing::WriteFile(file, r->body);
    const auto lint =
        testing::RunShell("xmllint --noout --nonet --schema '" + SchemaFile() + "' '" + file.string() + "'");
    EXPECT_EQ(lint.exit_code, 0) << query << "\n" << lint.err << "\n" << r->body.substr(0, 1500);
    return r->body;
  }

  static std::string ErrorCode(const std::string& body) {
    std::smatch m;
    return std::regex_search(body, m, std::regex("<error code=\"([a-zA-Z]+)\"")) ? m[1].str() : "";
  }
};

TEST_F(OaiTest, IdentifyFormatsSets) {
  std::string b = Oai("verb=Identify");
  EXPECT_NE(b.find("<repositoryName>四川数字方志馆</repositoryName>"), std::string::npos);
  EXPECT_NE(b.find("<protocolVersion>2.0</protocolVersion>"), std::string::npos);
  EXPECT_NE(b.find("<adminEmail>admin@fangzhi.test</adminEmail>"), std::string::npos);
  EXPECT_NE(b.find("<request verb=\"Identify\">http://127.0.0.1:"), std::string::npos);
  b = Oai("verb=ListMetadataFormats");
  EXPECT_NE(b.find("<metadataPrefix>oai_dc</metadataPrefix>"), std::string::npos);
  b = Oai("verb=ListMetadataFormats&identifier=oai:fangzhi:KR2i0003");
  EXPECT_NE(b.find("oai_dc"), std::string::npos);
  EXPECT_EQ(ErrorCode(Oai("verb=ListMetadataFormats&identifier=oai:fangzhi:NOPE")), "idDoesNotExist");
  b = Oai("verb=ListSets");
  for (const char* s : {"<setSpec>kind:gazetteer</setSpec>", "<setSpec>kind:yearbook</setSpec>",
                        "<setSpec>region:51</setSpec>", "<setSpec>region:51:5101</setSpec>",
                        "<setSpec>region:51:5101:510104</setSpec>", "<setName>类型：志书</setName>"}) {
    EXPECT_NE(b.find(s), std::string::npos) << s;
  }
}

TEST_F(OaiTest, RecordsWithResumptionTokens) {
  std::set<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    const std::string b = Oai(token.empty() ? "verb=ListIdentifiers&metadataPrefix=oai_dc"
                                            : "verb=ListIdentifiers&resumptionToken=" + token);
    std::regex id("<identifier>(oai:fangzhi:[^<]+)</identifier>");
    for (auto it = std::sregex_iterator(b.begin(), b.end(), id); it != std::sregex_iterator(); ++it) {
      EXPECT_TRUE(seen.insert((*it)[1].str()).second) << "listed twice: " << (*it)[1];
    }
    std::smatch m;
    ASSERT_TRUE(std::regex_search(b, m, std::regex("<resumptionToken completeListSize=\"4\" cursor=\"(\\d+)\">([^<]*)<")))
        << b;
    EXPECT_EQ(m[1].str(), std::to_string(pages * 2));
    token = m[2].str();
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(seen.size(), 4u);
  EXPECT_TRUE(seen.count("oai:fangzhi:KR2i0003"));

  std::string b = Oai("verb=ListRecords&metadataPrefix=oai_dc&set=kind:gazetteer");
  EXPECT_NE(b.find("<dc:title>華陽國志</dc:title>"), std::string::npos);
  EXPECT_NE(b.find("<dc:creator>常璩</dc:creator>"), std::string::npos);
  EXPECT_NE(b.find("<dc:rights>CC BY-SA 4.0</dc:rights>"), std::string::npos);
  EXPECT_EQ(b.find("resumptionToken"), std::string::npos);  // one record: no token
  b = Oai("verb=ListRecords&metadataPrefix=oai_dc&set=region:51:5101");
  EXPECT_NE(b.find("錦里耆舊傳"), std::string::npos);
  EXPECT_NE(b.find("evil-1"), std::string::npos);
  EXPECT_EQ(b.find("華陽國志"), std::string::npos);
  b = Oai("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:fangzhi:KR2i0003");
  EXPECT_NE(b.find("<setSpec>region:51</setSpec>"), std::string::npos);
  EXPECT_NE(b.find("/works/KR2i0003</dc:identifier>"), std::string::npos);
  b = Oai("verb=ListIdentifiers&metadataPrefix=oai_dc&from=2000-01-01&until=2999-12-31");
  EXPECT_EQ(ErrorCode(b), "");
  httplib::Client c("127.0.0.1", server_->port());
  auto p = c.Post("/oai", "verb=Identify", "application/x-www-form-urlencoded");
  ASSERT_TRUE(p);
  EXPECT_NE(p->body.find("<Identify>"), std::string::npos);
}

TEST_F(OaiTest, ErrorCodes) {
  EXPECT_EQ(ErrorCode(Oai("")), "badVerb");
  EXPECT_EQ(ErrorCode(Oai("verb=Dance")), "badVerb");
  EXPECT_EQ(ErrorCode(Oai("verb=Identify&verb=Identify")), "badVerb");
  EXPECT_EQ(ErrorCode(Oai("verb=ListRecords")), "badArgument");
  EXPECT_EQ(ErrorCode(Oai("verb=Identify&x=1")), "badArgument");
  EXPECT_EQ(ErrorCode(Oai("verb=GetRecord&identifier=oai:fangzhi:KR2i0003")), "badArgument");
  EXPECT_EQ(ErrorCode(Oai("verb=ListRecords&metadataPrefix=oai_dc&set=a&set=b")), "badArgument");
  EXPECT_EQ(ErrorCode(Oai("verb=ListRecords&metadataPrefix=oai_dc&from=2020-13-01")), "badArgument");
  EXPECT_EQ(ErrorCode(Oai("verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2021-01-01T00:00:00Z")),
            "badArgument");
  EXPECT_EQ(ErrorCode(Oai("verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-01&until=2020-01-01")), "badArgument");
  EXPECT_EQ(ErrorCode(Oai("verb=ListRecords&metadataPrefix=marc21")), "cannotDisseminateFormat");
  EXPECT_EQ(ErrorCode(Oai("verb=GetRecord&metadataPrefix=marc21&identifier=oai:fangzhi:KR2i0003")),
            "cannotDisseminateFormat");
  EXPECT_EQ(ErrorCode(Oai("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:fangzhi:NOPE")), "idDoesNotExist");
  EXPECT_EQ(ErrorCode(Oai("verb=GetRecord&metadataPrefix=oai_dc&identifier=" + Utf8Url("<script>"))),
            "idDoesNotExist");
  EXPECT_EQ(ErrorCode(Oai("verb=ListRecords&metadataPrefix=oai_dc&set=kind:periodical")), "noRecordsMatch");
  EXPECT_EQ(ErrorCode(Oai("verb=ListRecords&metadataPrefix=oai_dc&until=1999-01-01")), "noRecordsMatch");
  EXPECT_EQ(ErrorCode(Oai("verb=ListRecords&resumptionToken=bogus")), "badResumptionToken");
  EXPECT_EQ(ErrorCode(Oai("verb=ListRecords&resumptionToken=v1-zz")), "badResumptionToken");
  EXPECT_EQ(ErrorCode(Oai("verb=ListSets&resumptionToken=v1-00")), "badResumptionToken");
  EXPECT_EQ(ErrorCode(Oai("verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=x")), "badArgument");
}

// ------------------------------------------------------------ the command

// `fangzhi serve --port 0` prints its address, answers, and stops cleanly on
// SIGTERM with exit code 0.
TEST(ServeCommand, StartsAnswersAndStopsOnSigterm) {
  testing::TempDir tmp;
  ASSERT_EQ(testing::Fangzhi(tmp / "data", "import '" + (testing::BashuDir() / "KR2k0109").string() + "'").exit_code, 0);
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    const std::string data = (tmp / "data").string();
    const std::string web = (testing::SourceDir() / "web").string();
    execl(FANGZHI_BINARY, FANGZHI_BINARY, "--data", data.c_str(), "serve", "--port", "0", "--web", web.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(line, m, std::regex("http://127\\.0\\.0\\.1:(\\d+)/"))) << line;
  httplib::Client client("127.0.0.1", std::stoi(m[1].str()));
  auto r = client.Get("/api/v1/works");
  ASSERT_TRUE(r);
  EXPECT_EQ(json::parse(r->body)["total"], 1);
  kill(pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::string rest;
  while (read(out[0], &c, 1) == 1) rest += c;
  close(out[0]);
  EXPECT_NE(rest.find("已停止"), std::string::npos);

  const auto bad = testing::Fangzhi(tmp / "data", "serve --port 70000");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--port"), std::string::npos);
}

// ------------------------------------------------------------ review findings (issue #4)


// 32 connections that hold a worker each — 16 idle keep-alive sockets and 16
// that sent half a request — must not keep a normal request waiting. With
// the old pool of 16 threads and a 5 s keep-alive the GET waited ≥ 5 s, past
// the client's 3 s read timeout. The half requests are finished afterwards
// and answered: their connections were open, holding threads, all along.
TEST_F(ServerTest, IdleConnectionsDoNotStallTheSite) {
  server::ServerOptions opt = testing::LoopbackOptions(data_, /*threads=*/0);  // the default pool
  std::unique_ptr<testing::TestServer> srv;
  Status s = testing::TestServer::Start(opt, &srv);
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::vector<int> idle, half;
  for (int i = 0; i < 16; ++i) {
    idle.push_back(ConnectTo(srv->port()));
    ASSERT_GE(idle.back(), 0);
    half.push_back(ConnectTo(srv->port()));
    ASSERT_GE(half.back(), 0);
    const std::string start = "GET /api/v1/works?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    ASSERT_EQ(send(half.back(), start.data(), start.size(), MSG_NOSIGNAL), static_cast<ssize_t>(start.size()));
  }
  httplib::Client c = srv->Client(/*read_timeout_seconds=*/3);
  c.set_connection_timeout(3);
  auto r = c.Get("/api/v1/works?limit=1");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(json::parse(r->body)["total"], 4);
  for (int fd : half) {
    const std::string end = "Connection: close\r\n\r\n";
    EXPECT_EQ(send(fd, end.data(), end.size(), MSG_NOSIGNAL), static_cast<ssize_t>(end.size()));
    std::string resp;
    char buf[4096];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof buf, 0)) > 0) resp.append(buf, static_cast<size_t>(n));
    EXPECT_TRUE(resp.starts_with("HTTP/1.1 200")) << resp.substr(0, 200);
    close(fd);
  }
  for (int fd : idle) close(fd);
  EXPECT_GE(server::DefaultThreads(), 64u);
}

// cpp-httplib's default SO_REUSEPORT let a second server bind a port in use
// and share its connections; now the second one fails, saying why.
TEST_F(ServerTest, PortInUseIsAClearError) {
  const std::string where = "127.0.0.1:" + std::to_string(server_->port());
  server::ServerOptions opt = testing::LoopbackOptions(data_);
  opt.port = server_->port();
  std::unique_ptr<server::Server> second;
  Status s = server::Server::Open(opt, &second);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kIoError);
  EXPECT_NE(s.message().find(where), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("端口已被占用"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("address in use"), std::string::npos) << s.message();
  // The command exits 1 (an environment failure) instead of serving; the
  // timeout turns a regression into exit code 124 rather than a hung test.
  const auto cli = testing::RunShell("timeout 60 " + std::string(FANGZHI_BINARY) + " --data '" + data_.string() +
                                     "' serve --port " + std::to_string(server_->port()) + " --web '" +
                                     (testing::SourceDir() / "web").string() + "'");
  EXPECT_EQ(cli.exit_code, 1) << cli.out << cli.err;
  EXPECT_NE(cli.err.find(where), std::string::npos) << cli.err;
  EXPECT_NE(cli.err.find("端口已被占用"), std::string::npos) << cli.err;
  // The first server still answers.
  EXPECT_EQ(Get("/api/v1/works")->status, 200);
}

// OWASP CSV injection: a title, heading or context that a spreadsheet would
// run as a formula arrives in the CSV with a leading '; XLSX cells are
// strings. The library keeps the text as written.
TEST_F(ServerTest, ExportsDoNotCarryFormulas) {
  testing::TempDir tmp;
  const fs::path md = tmp / "evil.md";
  const std::string title = "=HYPERLINK(\"http://x\",\"点\")";
  testing::WriteFile(md, "---\ntitle: '" + title + "'\nkind: 年鉴\nid: csv-evil\n---\n\n# =cmd|x\n\n"
                         "-2巴蜀+3甲乙。\n\n@x巴蜀=1+1。\n");
  const auto imp = testing::Fangzhi(tmp / "data", "import '" + md.string() + "'");
  ASSERT_EQ(imp.exit_code, 0) << imp.out << imp.err;
  std::unique_ptr<testing::TestServer> srv;
  Status s = testing::TestServer::Start(testing::LoopbackOptions(tmp / "data"), &srv);
  ASSERT_TRUE(s.ok()) << s.ToString();
  auto works = srv->Client().Get("/api/v1/works");
  ASSERT_TRUE(works);
  EXPECT_EQ(json::parse(works->body)["works"][0]["title"], title);  // stored as written

  auto r = srv->Client().Get("/search.csv?q=" + Utf8Url("巴蜀"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const auto rows = ParseCsv(r->body.substr(3));
  ASSERT_EQ(rows.size(), 3u) << r->body;
  size_t prefixed = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 13u);
    EXPECT_EQ(rows[i][6], "'" + title);
    for (const std::string& cell : rows[i]) {
      EXPECT_TRUE(cell.empty() || std::string("=+-@\t\r").find(cell[0]) == std::string::npos) << cell;
      prefixed += cell.starts_with("'");
    }
  }
  EXPECT_TRUE(rows[1][1].starts_with("'") && rows[1][1].ends_with("-2")) << rows[1][1];
  EXPECT_TRUE(rows[1][3].starts_with("'+3")) << rows[1][3];
  EXPECT_NE(rows[1][4].find("=cmd|x"), std::string::npos) << rows[1][4];  // the heading, in the citation
  EXPECT_GE(prefixed, 6u);

  r = srv->Client().Get("/search.xlsx?q=" + Utf8Url("巴蜀"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const fs::path xlsx = tmp / "r.xlsx";
  testing::WriteFile(xlsx, r->body);
  const auto sheet = testing::RunShell("unzip -p '" + xlsx.string() + "' xl/worksheets/sheet1.xml");
  ASSERT_EQ(sheet.exit_code, 0) << sheet.err;
  EXPECT_EQ(sheet.out.find("<f>"), std::string::npos);
  EXPECT_EQ(sheet.out.find("<f "), std::string::npos);
  EXPECT_NE(sheet.out.find(">=HYPERLINK(\"http://x\",\"点\")</t>"), std::string::npos) << sheet.out.substr(0, 3000);
}

// The search page and the CLI when no hit is shown, and the limits of the
// search box, the query and the request line agreeing.
TEST_F(ServerTest, SearchPagingEdgesAndLimits) {
  json api = GetJson("/api/v1/search?q=" + Utf8Url("巴") + "&limit=1");
  const std::string total = std::to_string(api["total_occurrences"].get<int>());

  // Past the last hit: say so and link to the first page, not "没有找到".
  auto r = Get("/search?q=" + Utf8Url("巴") + "&offset=100000");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body.find("没有找到"), std::string::npos);
  EXPECT_NE(r->body.find("这一页已在最后一条之后"), std::string::npos);
  EXPECT_NE(r->body.find("href=\"/search?q=%E5%B7%B4\" id=\"first-page\""), std::string::npos);
  // A query with no hit still says "没有找到".
  r = Get("/search?q=" + Utf8Url("鼋鼍鼋鼍"));
  EXPECT_NE(r->body.find("没有找到"), std::string::npos);
  EXPECT_EQ(r->body.find("这一页已在最后一条之后"), std::string::npos);

  // The box allows 600 characters, and 600 Han characters are accepted.
  EXPECT_NE(r->body.find("name=\"q\" type=\"search\" value=\"鼋鼍鼋鼍\" maxlength=\"600\""), std::string::npos);
  std::string long_q;
  for (int i = 0; i < 600; ++i) long_q += "巴";
  EXPECT_EQ(Get("/search?q=" + Utf8Url(long_q))->status, 200);
  // Over the request line limit: a Chinese HTML page, not JSON.
  std::string body, head;
  EXPECT_EQ(RawStatus("/search?q=" + Utf8Url(long_q + long_q), &body, &head), 414);
  EXPECT_NE(head.find("Content-Type: text/html; charset=utf-8"), std::string::npos) << head;
  EXPECT_NE(body.find("请求地址过长"), std::string::npos) << body.substr(0, 500);

  // The CLI: no "第 1–0 条" for --limit 0, a hint past the end.
  auto cli = testing::Fangzhi(data_, "search --limit 0 巴");
  EXPECT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_NE(cli.out.find("共 " + total + " 处"), std::string::npos) << cli.out;
  EXPECT_EQ(cli.out.find("（第 "), std::string::npos) << cli.out;
  cli = testing::Fangzhi(data_, "search --offset 100000 巴");
  EXPECT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_NE(cli.out.find("--offset 100000 已超过最后一条：共 " + total + " 处"), std::string::npos) << cli.out;
  cli = testing::Fangzhi(data_, "search --limit 5 巴");
  EXPECT_NE(cli.out.find("（第 1–5 条；用 --offset 翻页）"), std::string::npos) << cli.out;
}

// An unknown edition id is an error naming it (API, page, CLI), not zero
// hits; NEAR/k is read in any case, a bare "near" stays a term.
TEST_F(ServerTest, UnknownEditionAndLowercaseNear) {
  json err = GetJson("/api/v1/search?q=" + Utf8Url("巴 edition:NOPE"), 400);
  EXPECT_EQ(err["error"]["status"], 400);
  const std::string message = err["error"]["message"];
  EXPECT_NE(message.find("“NOPE”"), std::string::npos) << message;
  EXPECT_NE(message.find("WYG"), std::string::npos) << message;  // the editions there are
  auto r = Get("/search?q=" + Utf8Url("巴 edition:NOPE"));
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("NOPE"), std::string::npos);
  const auto cli = testing::Fangzhi(data_, "search '巴 edition:NOPE'");
  EXPECT_EQ(cli.exit_code, 2);
  EXPECT_NE(cli.err.find("“NOPE”"), std::string::npos) << cli.err;
  // A known edition, and all, still work.
  EXPECT_GT(GetJson("/api/v1/search?q=" + Utf8Url("巴 edition:WYG"))["total_occurrences"].get<int>(), 0);
  EXPECT_GT(GetJson("/api/v1/search?q=" + Utf8Url("巴 edition:all"))["total_occurrences"].get<int>(), 0);

  const json upper = GetJson("/api/v1/search?q=" + Utf8Url("巴 NEAR/5 蜀"));
  ASSERT_GT(upper["total_occurrences"].get<int>(), 0);
  for (const char* q : {"巴 near/5 蜀", "巴 Near/5 蜀"}) {
    const json lower = GetJson("/api/v1/search?q=" + Utf8Url(q));
    EXPECT_EQ(lower["total_occurrences"], upper["total_occurrences"]) << q;
    EXPECT_EQ(lower["query"], upper["query"]) << q;
  }
  GetJson("/api/v1/search?q=" + Utf8Url("巴 near/0 蜀"), 400);
  EXPECT_EQ(GetJson("/api/v1/search?q=near")["total_occurrences"], 0);  // a term, not an error
}

}  // namespace
}  // namespace fangzhi
