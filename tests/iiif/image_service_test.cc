// The Image API over real files: the pixels a region returns, sizes,
// rotation, qualities and formats, identifiers that try to leave the
// images folder, and the tile cache.
#include <gtest/gtest.h>
#include <vips/vips.h>

#include <nlohmann/json.hpp>

#include "iiif/image_service.h"
#include "iiif/tile_cache.h"
#include "scan_fixture.h"
#include "test_util.h"

namespace fangzhi::iiif {
namespace {

namespace fs = std::filesystem;
using testing::FixturePages;

class ImageServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(testing::WriteFixtureImages(dir_.path()));
    ImageService::Options o;
    o.data_dir = dir_.path();
    svc_ = std::make_unique<ImageService>(o);
  }

  ImageService::Rendered Render(const std::string& id, const char* region, const char* size, const char* rot,
                                const char* qf) {
    ImageRequest r;
    Status s = ParseImageRequest(region, size, rot, qf, &r);
    EXPECT_TRUE(s.ok()) << s.ToString();
    ImageService::Rendered out;
    s = svc_->Render(id, r, &out);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }

  // Decodes an answer; the caller unrefs.
  static VipsImage* Decode(const std::string& bytes) {
    VipsImage* img = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
    EXPECT_NE(img, nullptr) << vips_error_buffer();
    return img;
  }

  static std::vector<double> Pixel(VipsImage* img, int x, int y) {
    double* v = nullptr;
    int n = 0;
    EXPECT_EQ(vips_getpoint(img, &v, &n, x, y, nullptr), 0);
    std::vector<double> out(v, v + n);
    g_free(v);
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<ImageService> svc_;
};

TEST_F(ImageServiceTest, RegionReturnsThatPartOfTheImage) {
  // Each line's box is filled with its own colour: ask for the box, get
  // the colour, at exactly the box's size.
  for (const auto& l : FixturePages()[0]) {
    const std::string region = std::to_string(l.x) + "," + std::to_string(l.y) + "," + std::to_string(l.w) + "," +
                               std::to_string(l.h);
    auto out = Render("scan-test/p1.png", region.c_str(), "max", "0", "default.png");
    EXPECT_STREQ(out.media_type, "image/png");
    VipsImage* img = Decode(out.bytes);
    ASSERT_NE(img, nullptr);
    EXPECT_EQ(vips_image_get_width(img), l.w);
    EXPECT_EQ(vips_image_get_height(img), l.h);
    for (auto [x, y] : {std::pair{0, 0}, {l.w - 1, l.h - 1}, {l.w / 2, l.h / 2}}) {
      auto px = Pixel(img, x, y);
      ASSERT_GE(px.size(), 3u);
      EXPECT_EQ(px[0], l.rgb[0]);
      EXPECT_EQ(px[1], l.rgb[1]);
      EXPECT_EQ(px[2], l.rgb[2]);
    }
    g_object_unref(img);
  }
  // Between the first two boxes: white paper.
  auto out = Render("scan-test/p1.png", "940,100,50,50", "max", "0", "default.png");
  VipsImage* img = Decode(out.bytes);
  auto px = Pixel(img, 10, 10);
  EXPECT_EQ(px[0], 255);
  EXPECT_EQ(px[1], 255);
  g_object_unref(img);
}

TEST_F(ImageServiceTest, SizesRotationQualityFormat) {
  auto out = Render("scan-test/p1.png", "full", "300,", "0", "default.jpg");
  EXPECT_STREQ(out.media_type, "image/jpeg");
  EXPECT_EQ(out.bytes.substr(0, 3), std::string("\xFF\xD8\xFF"));
  VipsImage* img = Decode(out.bytes);
  EXPECT_EQ(vips_image_get_width(img), 300);
  EXPECT_EQ(vips_image_get_height(img), 400);
  g_object_unref(img);

  out = Render("scan-test/p1.png", "full", "!100,100", "90", "default.png");
  EXPECT_EQ(out.bytes.substr(1, 3), "PNG");
  img = Decode(out.bytes);
  EXPECT_EQ(vips_image_get_width(img), 100);  // 75×100, turned a quarter
  EXPECT_EQ(vips_image_get_height(img), 75);
  g_object_unref(img);

  // The red box at x 1000..1119 of 1200: after a quarter turn clockwise
  // it lies at the bottom (y 1000..1119 of 1200); mirrored first, at the top.
  out = Render("scan-test/p1.png", "full", "max", "90", "default.png");
  img = Decode(out.bytes);
  EXPECT_EQ(vips_image_get_width(img), 1600);
  EXPECT_EQ(vips_image_get_height(img), 1200);
  EXPECT_EQ(Pixel(img, 1600 - 150, 1050)[0], 255);
  EXPECT_EQ(Pixel(img, 1600 - 150, 1050)[1], 0);
  g_object_unref(img);
  out = Render("scan-test/p1.png", "full", "max", "!90", "default.png");
  img = Decode(out.bytes);
  EXPECT_EQ(Pixel(img, 1600 - 150, 150)[1], 0);
  EXPECT_EQ(Pixel(img, 1600 - 150, 1050)[1], 255);
  g_object_unref(img);

  out = Render("scan-test/p1.png", "1000,100,120,1200", "60,", "0", "gray.png");
  img = Decode(out.bytes);
  EXPECT_EQ(vips_image_get_bands(img), 1);
  EXPECT_EQ(vips_image_get_width(img), 60);
  EXPECT_EQ(vips_image_get_height(img), 600);
  g_object_unref(img);

  out = Render("scan-test/p1.png", "0,0,100,100", "max", "0", "bitonal.png");
  img = Decode(out.bytes);
  EXPECT_EQ(vips_image_get_bands(img), 1);
  EXPECT_EQ(Pixel(img, 5, 5)[0], 255);
  g_object_unref(img);
}

TEST_F(ImageServiceTest, TilesComeFromTheCacheTheSecondTime) {
  auto first = Render("scan-test/p2.png", "0,0,512,512", "256,", "0", "default.jpg");
  EXPECT_FALSE(first.from_cache);
  auto second = Render("scan-test/p2.png", "0,0,512,512", "256,256", "0", "default.jpg");  // same pixels
  EXPECT_TRUE(second.from_cache);
  EXPECT_EQ(first.bytes, second.bytes);
  size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir_.path() / "cache" / "iiif")) {
    if (e.is_regular_file()) {
      ++files;
      EXPECT_FALSE(e.path().filename().string().starts_with(".tmp-"));
    }
  }
  EXPECT_EQ(files, 1u);
}

TEST_F(ImageServiceTest, TheCacheStaysUnderItsBudget) {
  TileCache cache(dir_.path() / "small-cache", 10000);
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(cache.Put("key" + std::to_string(i), "jpg", std::string(1000, 'x')).ok());
    EXPECT_LE(cache.size_bytes(), 10000u);
  }
  std::string got;
  EXPECT_TRUE(cache.Get("key19", "jpg", &got));  // the newest survive
  EXPECT_EQ(got.size(), 1000u);
  EXPECT_FALSE(cache.Get("key0", "jpg", &got));  // the oldest went
}

TEST_F(ImageServiceTest, InfoDescribesTheImage) {
  std::string json;
  ASSERT_TRUE(svc_->Info("scan-test/p1.png", "http://h/iiif/3/scan-test%2Fp1.png", &json).ok());
  const auto j = nlohmann::json::parse(json);
  EXPECT_EQ(j["@context"], "http://iiif.io/api/image/3/context.json");
  EXPECT_EQ(j["id"], "http://h/iiif/3/scan-test%2Fp1.png");
  EXPECT_EQ(j["type"], "ImageService3");
  EXPECT_EQ(j["protocol"], "http://iiif.io/api/image");
  EXPECT_EQ(j["profile"], "level1");
  EXPECT_EQ(j["width"], 1200);
  EXPECT_EQ(j["height"], 1600);
  ASSERT_EQ(j["tiles"].size(), 1u);
  EXPECT_EQ(j["tiles"][0]["width"], kTileSize);
  EXPECT_EQ(j["tiles"][0]["scaleFactors"], nlohmann::json::parse("[1,2,4]"));
  EXPECT_GE(j["sizes"].size(), 2u);
}

TEST_F(ImageServiceTest, IdentifiersCannotLeaveTheImagesFolder) {
  fs::path file;
  for (const char* bad : {"../fangzhi.db", "scan-test/../../fangzhi.db", "scan-test/..", "scan-test/.hidden.png",
                          "/etc/passwd", "scan-test", "scan-test/p1.png/x.png", "scan-test/p1.exe", "a\\b/p1.png",
                          "scan-test/p1 .png", ""}) {
    EXPECT_EQ(svc_->Resolve(bad, &file).code(), Status::Code::kInvalidInput) << bad;
  }
  EXPECT_EQ(svc_->Resolve("scan-test/p9.png", &file).code(), Status::Code::kNotFound);
  EXPECT_EQ(svc_->Resolve("other/p1.png", &file).code(), Status::Code::kNotFound);
  // A symbolic link inside the images folder is not followed.
  testing::WriteFile(dir_.path() / "secret.png", "not an image");
  fs::create_symlink(dir_.path() / "secret.png", dir_.path() / "images" / "scan-test" / "link.png");
  EXPECT_EQ(svc_->Resolve("scan-test/link.png", &file).code(), Status::Code::kNotFound);
  fs::create_directories(dir_.path() / "elsewhere");
  testing::WriteFile(dir_.path() / "elsewhere" / "p1.png", "x");
  fs::create_directory_symlink(dir_.path() / "elsewhere", dir_.path() / "images" / "linked");
  EXPECT_EQ(svc_->Resolve("linked/p1.png", &file).code(), Status::Code::kNotFound);
  EXPECT_TRUE(svc_->Resolve("scan-test/p1.png", &file).ok());
}

TEST_F(ImageServiceTest, ImageAttrsMapToIdentifiers) {
  std::string id;
  EXPECT_TRUE(IdentifierForImageAttr("images/scan-test/p1.png", &id));
  EXPECT_EQ(id, "scan-test/p1.png");
  EXPECT_FALSE(IdentifierForImageAttr("https://example.org/p1.png", &id));
  EXPECT_FALSE(IdentifierForImageAttr("images/../x/p1.png", &id));
  EXPECT_FALSE(IdentifierForImageAttr("KR2i0003/1a.png", &id));
  EXPECT_EQ(EncodeIdentifier("示例/p1.png"), "%E7%A4%BA%E4%BE%8B%2Fp1.png");
}

TEST_F(ImageServiceTest, ARegionOutsideIsAnError) {
  ImageRequest r;
  ASSERT_TRUE(ParseImageRequest("5000,0,10,10", "max", "0", "default.jpg", &r).ok());
  ImageService::Rendered out;
  EXPECT_EQ(svc_->Render("scan-test/p1.png", r, &out).code(), Status::Code::kInvalidInput);
  // Not an image at all: an error, not a crash.
  testing::WriteFile(dir_.path() / "images" / "scan-test" / "broken.png", "PNG? no");
  ASSERT_TRUE(ParseImageRequest("full", "max", "0", "default.jpg", &r).ok());
  Status s = svc_->Render("scan-test/broken.png", r, &out);
  EXPECT_EQ(s.code(), Status::Code::kIoError) << s.ToString();
}

}  // namespace
}  // namespace fangzhi::iiif
