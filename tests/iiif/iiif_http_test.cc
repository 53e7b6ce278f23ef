// The IIIF routes and the reading view beside the scans, over HTTP against
// a server started in this process on the scanned fixture work.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "scan_fixture.h"
#include "server/test_server.h"
#include "store/library.h"
#include "test_util.h"

namespace fangzhi {
namespace {

using nlohmann::json;

// A work whose page anchors name images the library does not hold (as the
// Kanripo texts do): read as before, with no viewer.
model::Document RemoteImagesDocument() {
  model::Document d;
  d.work.id = "remote-1";
  d.work.title = "遠程圖像志";
  model::Edition e;
  e.id = "master";
  e.base = true;
  model::Node n;
  n.key = "1";
  n.blocks.push_back({model::BlockKind::kPage, 1, "", {{"page", "1a"}, {"image", "https://example.org/1a.png"}}});
  n.blocks.push_back({model::BlockKind::kText, 1, "巴郡", {{"box", "1,1,10,10"}}});
  n.blocks.push_back({model::BlockKind::kPage, 1, "", {{"page", "1b"}, {"image", "images/remote-1/1b.png"}}});
  n.blocks.push_back({model::BlockKind::kText, 1, "江州", {{"box", "1,1,10,10"}}});
  e.nodes.push_back(n);
  d.editions.push_back(e);
  return d;
}

class IiifHttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    std::unique_ptr<store::Library> lib;
    ASSERT_TRUE(store::Library::Open(dir_->path(), &lib).ok());
    const model::Document scan = testing::ScanDocument(), remote = RemoteImagesDocument();
    ASSERT_TRUE(lib->Import({&scan, &remote}, false).ok());
    lib.reset();
    ASSERT_TRUE(testing::WriteFixtureImages(dir_->path()));
    Status s = testing::TestServer::Start(testing::LoopbackOptions(dir_->path()), &server_);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  static void TearDownTestSuite() {
    server_.reset();
    delete dir_;
  }

  static httplib::Result Get(const std::string& path, const httplib::Headers& headers = {}) {
    return server_->Client().Get(path.c_str(), headers);
  }

  static std::string Base() { return server_->Base(); }

  static testing::TempDir* dir_;
  static std::unique_ptr<testing::TestServer> server_;
};

testing::TempDir* IiifHttpTest::dir_ = nullptr;
std::unique_ptr<testing::TestServer> IiifHttpTest::server_;

TEST_F(IiifHttpTest, InfoJson) {
  for (const char* path : {"/iiif/3/scan-test%2Fp1.png/info.json", "/iiif/3/scan-test/p1.png/info.json"}) {
    auto r = Get(path);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << path;
    EXPECT_EQ(r->get_header_value("Access-Control-Allow-Origin"), "*");
    const json j = json::parse(r->body);
    EXPECT_EQ(j["@context"], "http://iiif.io/api/image/3/context.json");
    EXPECT_EQ(j["id"], Base() + "/iiif/3/scan-test%2Fp1.png");
    EXPECT_EQ(j["type"], "ImageService3");
    EXPECT_EQ(j["profile"], "level1");
    EXPECT_EQ(j["width"], 1200);
    EXPECT_EQ(j["height"], 1600);
  }
  auto r = Get("/iiif/3/scan-test%2Fp1.png/info.json", {{"Accept", "application/ld+json"}});
  EXPECT_NE(r->get_header_value("Content-Type").find("application/ld+json"), std::string::npos);
  r = Get("/iiif/3/scan-test%2Fp1.png");
  EXPECT_EQ(r->status, 303);
  // To info.json (the client may show the %2F decoded; both forms are served).
  const std::string to = r->get_header_value("Location");
  EXPECT_TRUE(to.ends_with("/info.json")) << to;
  EXPECT_EQ(Get(to)->status, 200) << to;
}

TEST_F(IiifHttpTest, ImageRequests) {
  auto r = Get("/iiif/3/scan-test%2Fp1.png/1000,100,120,1200/60,/0/default.jpg");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "image/jpeg");
  EXPECT_EQ(r->get_header_value("X-IIIF-Cache"), "miss");
  EXPECT_EQ(r->body.substr(0, 3), std::string("\xFF\xD8\xFF"));
  r = Get("/iiif/3/scan-test%2Fp1.png/1000,100,120,1200/60,/0/default.jpg");
  EXPECT_EQ(r->get_header_value("X-IIIF-Cache"), "hit");
  r = Get("/iiif/3/scan-test%2Fp2.png/square/!64,64/180/gray.png");
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "image/png");
}

TEST_F(IiifHttpTest, BadRequestsSayWhatIsWrong) {
  struct Case {
    const char* path;
    int status;
    const char* says;
  };
  const Case cases[] = {
      {"/iiif/3/scan-test%2Fp1.png/0,0,a,10/max/0/default.jpg", 400, "region"},
      {"/iiif/3/scan-test%2Fp1.png/full/5000,/0/default.jpg", 400, "^"},
      {"/iiif/3/scan-test%2Fp1.png/full/max/45/default.jpg", 501, "rotation"},
      {"/iiif/3/scan-test%2Fp1.png/full/max/0/default.webp", 501, "format"},
      {"/iiif/3/scan-test%2Fp1.png/full/max/0/fancy.jpg", 400, "quality"},
      {"/iiif/3/scan-test%2Fp1.png/9000,0,10,10/max/0/default.jpg", 400, "区域在图像之外"},
      {"/iiif/3/scan-test%2Fp9.png/full/max/0/default.jpg", 404, "没有图像"},
      {"/iiif/3/scan-test%2Fp9.png/info.json", 404, "没有图像"},
      {"/iiif/3/..%2Ffangzhi.db/info.json", 400, "identifier"},
      {"/iiif/3/scan-test%2F..%2F..%2Ffangzhi.db/full/max/0/default.jpg", 400, "identifier"},
      {"/iiif/3/manifest/no-such-work", 404, "no-such-work"},
      {"/iiif/3/manifest/scan-test/nope", 404, "nope"},
      {"/iiif/3/manifest/remote-1", 404, "页面图像"},
  };
  for (const Case& c : cases) {
    auto r = Get(c.path);
    ASSERT_TRUE(r) << c.path;
    EXPECT_EQ(r->status, c.status) << c.path << " " << r->body;
    const json j = json::parse(r->body, nullptr, false);
    ASSERT_TRUE(j.is_object()) << c.path;
    EXPECT_NE(j["error"]["message"].get<std::string>().find(c.says), std::string::npos) << c.path << " " << r->body;
  }
}

TEST_F(IiifHttpTest, ManifestStructure) {
  auto r = Get("/iiif/3/manifest/scan-test");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json m = json::parse(r->body);
  EXPECT_EQ(m["@context"], "http://iiif.io/api/presentation/3/context.json");
  EXPECT_EQ(m["type"], "Manifest");
  EXPECT_EQ(m["id"], Base() + "/iiif/3/manifest/scan-test/ocr");
  EXPECT_EQ(m["label"]["zh"][0], "測試方志 OCR");
  EXPECT_EQ(m["viewingDirection"], "right-to-left");
  EXPECT_EQ(m["behavior"], json::parse(R"(["paged"])"));
  EXPECT_EQ(m["rights"], "http://creativecommons.org/publicdomain/zero/1.0/");
  ASSERT_EQ(m["items"].size(), 2u);
  for (int i = 0; i < 2; ++i) {
    const json& c = m["items"][i];
    const std::string cid = Base() + "/iiif/3/manifest/scan-test/ocr/canvas/" + std::to_string(i + 1);
    EXPECT_EQ(c["id"], cid);
    EXPECT_EQ(c["type"], "Canvas");
    EXPECT_EQ(c["width"], 1200);
    EXPECT_EQ(c["height"], 1600);
    EXPECT_EQ(c["label"]["zh"][0], "第 " + std::to_string(i + 1) + " 页");
    const json& paint = c["items"][0]["items"][0];
    EXPECT_EQ(paint["motivation"], "painting");
    EXPECT_EQ(paint["target"], cid);
    EXPECT_EQ(paint["body"]["service"][0]["type"], "ImageService3");
    EXPECT_EQ(paint["body"]["service"][0]["id"], Base() + "/iiif/3/scan-test%2Fp" + std::to_string(i + 1) + ".png");
    const json& lines = c["annotations"][0]["items"];
    ASSERT_EQ(lines.size(), 3u);
    for (size_t k = 0; k < 3; ++k) {
      const auto& fl = testing::FixturePages()[i][k];
      EXPECT_EQ(lines[k]["motivation"], "supplementing");
      EXPECT_EQ(lines[k]["body"]["type"], "TextualBody");
      EXPECT_EQ(lines[k]["body"]["value"], fl.text);
      EXPECT_EQ(lines[k]["target"], cid + "#xywh=" + std::to_string(fl.x) + "," + std::to_string(fl.y) + "," +
                                        std::to_string(fl.w) + "," + std::to_string(fl.h));
    }
  }
  // The painting body's own URL serves the image.
  const std::string body_id = m["items"][0]["items"][0]["items"][0]["body"]["id"];
  auto img = Get(body_id.substr(Base().size()));
  EXPECT_EQ(img->status, 200);
  EXPECT_EQ(img->get_header_value("Content-Type"), "image/jpeg");
  // Naming the edition gives the same manifest.
  auto r2 = Get("/iiif/3/manifest/scan-test/ocr");
  EXPECT_EQ(json::parse(r2->body), m);
}

TEST_F(IiifHttpTest, ReadingViewBesideTheScans) {
  auto r = Get("/works/scan-test/1");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const std::string& html = r->body;
  EXPECT_NE(html.find("id=\"scan-viewer\""), std::string::npos);
  EXPECT_NE(html.find("/static/vendor/openseadragon/openseadragon.min.js"), std::string::npos);
  EXPECT_NE(html.find("/static/scanview.js"), std::string::npos);
  EXPECT_NE(html.find("scan-test%2Fp2.png/info.json"), std::string::npos);
  // Line 2 of page 1 is block 2: its box, and its last character marked low.
  EXPECT_NE(html.find("id=\"l2\" data-seq=\"2\" data-page=\"0\" data-box=\"800,100,120,1100\""), std::string::npos);
  EXPECT_NE(html.find("至黃<span class=\"lc\" title=\"识别置信度低\">常</span>"), std::string::npos);
  EXPECT_NE(html.find("data-page=\"1\" data-box=\"600,100,120,600\""), std::string::npos);
  EXPECT_NE(html.find("data-scan=\"1\""), std::string::npos);
  // Nobody signed in: no proofreading links.
  EXPECT_EQ(html.find("class=\"pf\""), std::string::npos);
  // A search hit: marked inside its line.
  r = Get("/works/scan-test/1?hl=%E5%B0%81%E5%85%B6&hp=2");
  EXPECT_NE(r->body.find("<mark>封其</mark>"), std::string::npos);
  EXPECT_NE(r->body.find("class=\"ocr-line\" id=\"l6\""), std::string::npos);
  // The viewer's script is served.
  EXPECT_EQ(Get("/static/scanview.js")->status, 200);
}

TEST_F(IiifHttpTest, NoViewerWithoutLocalImages) {
  auto r = Get("/works/remote-1/1");
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->body.find("scan-viewer"), std::string::npos);
  EXPECT_EQ(r->body.find("ocr-line"), std::string::npos);
  EXPECT_NE(r->body.find("巴郡"), std::string::npos);
}

}  // namespace
}  // namespace fangzhi
