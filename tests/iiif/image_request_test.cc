// Every parameter of the Image API request, good and bad, and how a request
// resolves against an image's size.
#include <gtest/gtest.h>

#include <tuple>

#include "iiif/image_request.h"

namespace fangzhi::iiif {
namespace {

Status Parse(const char* region, const char* size, const char* rotation, const char* qf, ImageRequest* r) {
  return ParseImageRequest(region, size, rotation, qf, r);
}

Plan MustPlan(const char* region, const char* size, const char* rotation = "0", int w = 1000, int h = 800) {
  ImageRequest r;
  Status s = Parse(region, size, rotation, "default.jpg", &r);
  EXPECT_TRUE(s.ok()) << region << " " << size << ": " << s.ToString();
  Plan p;
  s = PlanImageRequest(r, w, h, Limits{}, &p);
  EXPECT_TRUE(s.ok()) << region << " " << size << ": " << s.ToString();
  return p;
}

Status PlanStatus(const char* region, const char* size, int w = 1000, int h = 800) {
  ImageRequest r;
  Status s = Parse(region, size, "0", "default.jpg", &r);
  if (!s.ok()) return s;
  Plan p;
  return PlanImageRequest(r, w, h, Limits{}, &p);
}

// Each region of a 1000×800 image at size max: the pixels it covers.
TEST(ImageRequestTest, RegionForms) {
  struct Case {
    const char* region;
    int x, y, w, h;
  };
  const Case cases[] = {
      {"full", 0, 0, 1000, 800},
      {"square", 100, 0, 800, 800},
      {"10,20,300,400", 10, 20, 300, 400},
      {"900,700,500,500", 900, 700, 100, 100},  // past the edge: cut at the edge
      {"pct:50,25,50,50", 500, 200, 500, 400},
      {"pct:10.5,0,.5,100", 105, 0, 5, 800},
  };
  for (const Case& c : cases) {
    const Plan p = MustPlan(c.region, "max");
    EXPECT_EQ(std::tie(p.x, p.y, p.w, p.h), std::tie(c.x, c.y, c.w, c.h)) << c.region;
  }
}

// Each size of a region: the size it is scaled to.
TEST(ImageRequestTest, SizeForms) {
  struct Case {
    const char *region, *size;
    int out_w, out_h;
  };
  const Case cases[] = {
      {"full", "500,", 500, 400},
      {"full", ",200", 250, 200},
      {"full", "pct:25", 250, 200},
      {"full", "300,100", 300, 100},  // distorted on purpose
      {"full", "!300,300", 300, 240},
      {"0,0,100,50", "!3000,3000", 100, 50},  // never larger than the region without ^
      {"0,0,100,50", "^200,", 200, 100},
      {"0,0,100,50", "^pct:150", 150, 75},
      {"0,0,100,50", "^!400,400", 400, 200},
      {"0,0,100,50", "^max", 8944, 4472},  // up to maxArea 40,000,000
  };
  for (const Case& c : cases) {
    const Plan p = MustPlan(c.region, c.size);
    EXPECT_EQ(std::tie(p.out_w, p.out_h), std::tie(c.out_w, c.out_h)) << c.region << " " << c.size;
  }
}

TEST(ImageRequestTest, RotationQualityFormat) {
  ImageRequest r;
  ASSERT_TRUE(Parse("full", "max", "!90", "gray.png", &r).ok());
  EXPECT_TRUE(r.mirror);
  EXPECT_EQ(r.rotation, 90);
  EXPECT_EQ(r.quality, Quality::kGray);
  EXPECT_EQ(r.format, Format::kPng);
  ASSERT_TRUE(Parse("full", "max", "360", "bitonal.jpg", &r).ok());
  EXPECT_EQ(r.rotation, 0);
  ASSERT_TRUE(Parse("full", "max", "270", "color.jpg", &r).ok());
  EXPECT_EQ(r.rotation, 270);
}

TEST(ImageRequestTest, CanonicalKeySameForSamePixels) {
  EXPECT_EQ(MustPlan("full", "max").CanonicalKey(), MustPlan("0,0,1000,800", "1000,").CanonicalKey());
  EXPECT_EQ(MustPlan("full", "max").CanonicalKey(), MustPlan("pct:0,0,100,100", "pct:100").CanonicalKey());
  EXPECT_NE(MustPlan("full", "max").CanonicalKey(), MustPlan("full", "max", "90").CanonicalKey());
}

TEST(ImageRequestTest, BadParametersAreRefusedWithTheParameterNamed) {
  ImageRequest r;
  struct Bad {
    const char *region, *size, *rotation, *qf, *names;
  };
  const Bad bad[] = {
      {"", "max", "0", "default.jpg", "region"},
      {"ful", "max", "0", "default.jpg", "region"},
      {"1,2,3", "max", "0", "default.jpg", "region"},
      {"1,2,3,4,5", "max", "0", "default.jpg", "region"},
      {"-1,0,10,10", "max", "0", "default.jpg", "region"},
      {"+1,0,10,10", "max", "0", "default.jpg", "region"},
      {"1 ,0,10,10", "max", "0", "default.jpg", "region"},
      {"0,0,0,10", "max", "0", "default.jpg", "region"},
      {"1.5,0,10,10", "max", "0", "default.jpg", "region"},
      {"pct:101,0,10,10", "max", "0", "default.jpg", "region"},
      {"pct:1..2,0,10,10", "max", "0", "default.jpg", "region"},
      {"0,0,9999999999,10", "max", "0", "default.jpg", "region"},
      {"full", "", "0", "default.jpg", "size"},
      {"full", "full", "0", "default.jpg", "size"},
      {"full", ",", "0", "default.jpg", "size"},
      {"full", "0,", "0", "default.jpg", "size"},
      {"full", "!100,", "0", "default.jpg", "size"},
      {"full", "pct:0", "0", "default.jpg", "size"},
      {"full", "pct:101", "0", "default.jpg", "size"},
      {"full", "10,20,30", "0", "default.jpg", "size"},
      {"full", "abc,", "0", "default.jpg", "size"},
      {"full", "max", "", "default.jpg", "rotation"},
      {"full", "max", "-90", "default.jpg", "rotation"},
      {"full", "max", "361", "default.jpg", "rotation"},
      {"full", "max", "!!90", "default.jpg", "rotation"},
      {"full", "max", "0", "default", "质量.格式"},
      {"full", "max", "0", "best.jpg", "quality"},
      {"full", "max", "0", "default.exe", "format"},
      {"full", "max", "0", "default.", "format"},
  };
  for (const Bad& b : bad) {
    Status s = Parse(b.region, b.size, b.rotation, b.qf, &r);
    EXPECT_EQ(s.code(), Status::Code::kInvalidInput) << b.region << " " << b.size << " " << b.rotation << " " << b.qf;
    EXPECT_NE(s.message().find(b.names), std::string::npos) << s.message();
  }
}

TEST(ImageRequestTest, ValidButUnsupportedIsUnsupported) {
  ImageRequest r;
  EXPECT_EQ(Parse("full", "max", "45", "default.jpg", &r).code(), Status::Code::kUnsupported);
  EXPECT_EQ(Parse("full", "max", "0", "default.webp", &r).code(), Status::Code::kUnsupported);
  EXPECT_EQ(Parse("full", "max", "0", "default.tif", &r).code(), Status::Code::kUnsupported);
}

TEST(ImageRequestTest, RequestsThatDoNotFitTheImage) {
  EXPECT_EQ(PlanStatus("1000,0,10,10", "max").code(), Status::Code::kInvalidInput);  // x outside
  EXPECT_EQ(PlanStatus("0,800,10,10", "max").code(), Status::Code::kInvalidInput);   // y outside
  EXPECT_EQ(PlanStatus("pct:100,0,10,10", "max").code(), Status::Code::kInvalidInput);
  // Upscaling without ^.
  Status s = PlanStatus("0,0,100,100", "200,");
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_NE(s.message().find("^"), std::string::npos);
  EXPECT_EQ(PlanStatus("0,0,100,100", ",101").code(), Status::Code::kInvalidInput);
  EXPECT_EQ(PlanStatus("0,0,100,100", "100,101").code(), Status::Code::kInvalidInput);
  // Beyond the server's limits even with ^.
  EXPECT_EQ(PlanStatus("full", "^20000,").code(), Status::Code::kInvalidInput);
  EXPECT_EQ(PlanStatus("0,0,10,10", "pct:1").code(), Status::Code::kInvalidInput);  // rounds to 0 px
}

}  // namespace
}  // namespace fangzhi::iiif
