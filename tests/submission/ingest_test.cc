#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/library.h"
#include "submission/bag_builder.h"
#include "submission/submission.h"
#include "test_util.h"

namespace fangzhi::submission {
namespace {

using fangzhi::testing::Fangzhi;
using fangzhi::testing::TempDir;
using namespace fangzhi::submission::testing;
namespace fs = std::filesystem;

std::vector<std::string> DirEntries(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string name = fs::relative(e.path(), dir).string();
    // SQLite's WAL side files come and go with connections; they are not state.
    if (name.starts_with("fangzhi.db")) continue;
    out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Ingest, StoresWorkArchiveAndProvenance) {
  TempDir dir;
  ASSERT_TRUE(WriteBag(dir / "good.zip", BagSpec()));
  IngestOptions options;
  options.submitter = "张三";
  IngestResult result;
  Status s = IngestBag(dir / "data", dir / "good.zip", options, &result);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(result.record.work_id, "shili-zhi-2026");
  EXPECT_EQ(result.title, "示例县志（征集稿）");

  std::unique_ptr<store::Library> lib;
  ASSERT_TRUE(store::Library::Open(dir / "data", &lib).ok());
  model::Document doc;
  ASSERT_TRUE(lib->LoadDocument("shili-zhi-2026", "", &doc).ok());
  EXPECT_EQ(doc.work.region_code, "510104");
  EXPECT_EQ(doc.work.kind, "志书");
  EXPECT_EQ(doc.work.licence, "CC0-1.0");
  EXPECT_NE(doc.work.source.find("示例县地方志编纂委员会办公室"), std::string::npos);
  lib.reset();

  std::vector<SubmissionRecord> records;
  ASSERT_TRUE(ListSubmissions(dir / "data", &records).ok());
  ASSERT_EQ(records.size(), 1u);
  const SubmissionRecord& r = records[0];
  EXPECT_EQ(r.submitter, "张三");
  EXPECT_EQ(r.organization, "示例县地方志编纂委员会办公室");
  EXPECT_EQ(r.region_code, "510104");
  EXPECT_EQ(r.bagging_date, "2026-11-20");
  EXPECT_EQ(r.bag_sha256, Sha(fangzhi::testing::ReadFile(dir / "good.zip")));
  ASSERT_EQ(r.files.size(), 1u);
  EXPECT_EQ(r.files[0].path, "data/shili.md");
  EXPECT_EQ(r.files[0].sha256, Sha(kMarkdown));
  EXPECT_FALSE(r.received_at.empty());
  // The zip is kept as received; staging is gone.
  EXPECT_EQ(fangzhi::testing::ReadFile(dir / "data" / r.archive), fangzhi::testing::ReadFile(dir / "good.zip"));
  EXPECT_FALSE(fs::exists(dir / "data" / "submission-staging"));

  // The same bag twice is refused, and nothing changes.
  const auto before = DirEntries(dir / "data");
  s = IngestBag(dir / "data", dir / "good.zip", options, &result);
  EXPECT_EQ(s.code(), Status::Code::kAlreadyExists) << s.message();
  EXPECT_EQ(DirEntries(dir / "data"), before);
  // Another bag for a work id already in the library too.
  BagSpec again;
  again.info[1].second = "2026-11-21";
  ASSERT_TRUE(WriteBag(dir / "again.zip", again));
  s = IngestBag(dir / "data", dir / "again.zip", options, &result);
  EXPECT_EQ(s.code(), Status::Code::kAlreadyExists) << s.message();
  EXPECT_NE(s.message().find("shili-zhi-2026"), std::string::npos);
  EXPECT_EQ(DirEntries(dir / "data"), before);
}

TEST(Ingest, BadBagLeavesNoTrace) {
  TempDir dir;
  BagSpec spec;
  spec.bad_checksum = {{"data/shili.md", "x"}};
  ASSERT_TRUE(WriteBag(dir / "bad.zip", spec));
  IngestResult result;
  Status s = IngestBag(dir / "fresh", dir / "bad.zip", IngestOptions(), &result);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_FALSE(result.report.ok());
  EXPECT_FALSE(fs::exists(dir / "fresh")) << "a refused bag must not create the data dir";

  // A bag whose problem only shows when its text is parsed, into a library that exists.
  ASSERT_TRUE(WriteBag(dir / "good.zip", BagSpec()));
  ASSERT_TRUE(IngestBag(dir / "data", dir / "good.zip", IngestOptions(), &result).ok());
  const auto before = DirEntries(dir / "data");
  BagSpec broken;
  broken.info[3].second = "other-work";
  broken.payload = {{"data/bad.md", "---\ntitle: 缺类别\n---\n\n正文。\n"}};
  ASSERT_TRUE(WriteBag(dir / "broken.zip", broken));
  s = IngestBag(dir / "data", dir / "broken.zip", IngestOptions(), &result);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  ASSERT_FALSE(result.report.problems.empty());
  EXPECT_EQ(result.report.problems[0].code, "payload-unreadable");
  EXPECT_EQ(DirEntries(dir / "data"), before);
  std::vector<SubmissionRecord> records;
  ASSERT_TRUE(ListSubmissions(dir / "data", &records).ok());
  EXPECT_EQ(records.size(), 1u);

  // A refused bag into a fresh data dir whose problem shows only in staging.
  s = IngestBag(dir / "fresh2", dir / "broken.zip", IngestOptions(), &result);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_FALSE(fs::exists(dir / "fresh2"));
}

TEST(Ingest, OfficeMayOnlySubmitForItsRegion) {
  TempDir dir;
  ASSERT_TRUE(WriteBag(dir / "good.zip", BagSpec()));  // 510104
  IngestOptions options;
  options.office_region = "510700";
  IngestResult result;
  Status s = IngestBag(dir / "data", dir / "good.zip", options, &result);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  ASSERT_FALSE(result.report.problems.empty());
  EXPECT_EQ(result.report.problems[0].code, "region-not-yours");
  EXPECT_FALSE(fs::exists(dir / "data"));
  options.office_region = "510100";
  s = IngestBag(dir / "data", dir / "good.zip", options, &result);
  EXPECT_TRUE(s.ok()) << s.message();
}

std::string Alto(const std::string& image, const std::string& text) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\">\n"
         "<Description><MeasurementUnit>pixel</MeasurementUnit>"
         "<sourceImageInformation><fileName>" + image + "</fileName></sourceImageInformation></Description>\n"
         "<Layout><Page ID=\"P1\" WIDTH=\"400\" HEIGHT=\"300\" PHYSICAL_IMG_NR=\"1\"><PrintSpace>"
         "<TextBlock ID=\"TB1\"><TextLine ID=\"TL1\" HPOS=\"10\" VPOS=\"10\" WIDTH=\"300\" HEIGHT=\"40\">"
         "<String CONTENT=\"" + text + "\" HPOS=\"10\" VPOS=\"10\" WIDTH=\"300\" HEIGHT=\"40\" WC=\"0.9\"/>"
         "</TextLine></TextBlock></PrintSpace></Page></Layout></alto>\n";
}

TEST(Ingest, AltoPagesWithTheirImages) {
  TempDir dir;
  const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + "pixels";
  BagSpec spec;
  spec.payload = {{"data/pages/p1.alto.xml", Alto("p1.png", "蜀志卷第一")}, {"data/pages/p1.png", png}};
  ASSERT_TRUE(WriteBag(dir / "alto.zip", spec));
  IngestResult result;
  Status s = IngestBag(dir / "data", dir / "alto.zip", IngestOptions(), &result);
  ASSERT_TRUE(s.ok()) << s.message();
  // The page image went where the page block says, under the bag's work id.
  EXPECT_EQ(fangzhi::testing::ReadFile(dir / "data" / "images" / "shili-zhi-2026" / "p1.png"), png);
  std::unique_ptr<store::Library> lib;
  ASSERT_TRUE(store::Library::Open(dir / "data", &lib).ok());
  model::Document doc;
  ASSERT_TRUE(lib->LoadDocument("shili-zhi-2026", "", &doc).ok());
  bool page = false, line = false;
  for (const model::Edition& e : doc.editions) {
    model::ForEachNode(e.nodes, [&](const model::Node& n, const std::string&, int) {
      for (const model::Block& b : n.blocks) {
        if (b.attrs.count("image")) page = page || b.attrs.at("image") == "images/shili-zhi-2026/p1.png";
        line = line || b.text == "蜀志卷第一";
      }
    });
  }
  EXPECT_TRUE(page);
  EXPECT_TRUE(line);

  // An ALTO that points at a file outside the bag is refused, and nothing of it is copied.
  BagSpec evil;
  evil.info[3].second = "evil-alto";
  evil.payload = {{"data/pages/p1.alto.xml", Alto("/etc/passwd", "偷")}, {"data/pages/p1.png", png}};
  ASSERT_TRUE(WriteBag(dir / "evil.zip", evil));
  s = IngestBag(dir / "data", dir / "evil.zip", IngestOptions(), &result);
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  ASSERT_FALSE(result.report.problems.empty());
  EXPECT_EQ(result.report.problems.back().code, "alto-image-outside") << s.message();
  EXPECT_FALSE(fs::exists(dir / "data" / "images" / "evil-alto"));
}

// The command line as an office would use it.
TEST(SubmissionCli, ValidateIngestShowSearchList) {
  TempDir dir;
  const fs::path data = dir / "data";
  ASSERT_TRUE(WriteBag(dir / "good.zip", BagSpec()));
  BagSpec bad;
  bad.leave_out_of_manifest = {"data/shili.md"};
  bad.info[2].second = "5101x4";
  ASSERT_TRUE(WriteBag(dir / "bad.zip", bad));
  std::vector<RawEntry> hostile = RawMembers(BagSpec());
  hostile.push_back({"shili-bag/../../evil.md", "x", 0, 0, 0, 1u << 11, 0100644u << 16});
  ASSERT_TRUE(WriteRawZip(dir / "hostile.zip", hostile));

  auto r = Fangzhi(data, "submission validate '" + (dir / "good.zip").string() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("有效"), std::string::npos) << r.out;

  r = Fangzhi(data, "submission validate --json '" + (dir / "bad.zip").string() + "'");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_FALSE(j["valid"].get<bool>());
  std::set<std::string> codes;
  for (const auto& p : j["problems"]) codes.insert(p["code"].get<std::string>());
  EXPECT_TRUE(codes.count("missing-checksum")) << r.out;
  EXPECT_TRUE(codes.count("bad-region-code")) << r.out;
  EXPECT_FALSE(fs::exists(data)) << "validate never writes to the data dir";

  r = Fangzhi(data, "submission validate '" + (dir / "hostile.zip").string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("../"), std::string::npos) << r.err;

  // Ingest the good bag next to a work already there; failures leave `works` unchanged.
  fangzhi::testing::WriteFile(dir / "other.txt", "另一部作品的正文。\n");
  r = Fangzhi(data, "import '" + (dir / "other.txt").string() + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string works_before = Fangzhi(data, "works --json").out;
  for (const char* zip : {"bad.zip", "hostile.zip"}) {
    r = Fangzhi(data, std::string("submission ingest '") + (dir / zip).string() + "'");
    EXPECT_EQ(r.exit_code, 2) << zip << r.err;
    EXPECT_EQ(Fangzhi(data, "works --json").out, works_before) << zip;
  }
  EXPECT_FALSE(fs::exists(dir / "evil.md"));
  EXPECT_FALSE(fs::exists(data / "submission-staging"));

  r = Fangzhi(data, "submission ingest '" + (dir / "good.zip").string() + "' --submitter 李四");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("shili-zhi-2026"), std::string::npos) << r.out;

  r = Fangzhi(data, "show shili-zhi-2026/1");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("山川秀丽"), std::string::npos) << r.out;
  r = Fangzhi(data, "search 山川秀丽 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json hits = nlohmann::json::parse(r.out);
  EXPECT_NE(hits.dump().find("shili-zhi-2026"), std::string::npos) << r.out;

  r = Fangzhi(data, "submission list --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json list = nlohmann::json::parse(r.out);
  ASSERT_EQ(list["submissions"].size(), 1u);
  EXPECT_EQ(list["submissions"][0]["submitter"], "李四");
  EXPECT_EQ(list["submissions"][0]["work_id"], "shili-zhi-2026");
  EXPECT_EQ(list["submissions"][0]["bag_sha256"], Sha(fangzhi::testing::ReadFile(dir / "good.zip")));
  EXPECT_EQ(list["submissions"][0]["files"][0]["sha256"], Sha(kMarkdown));
  r = Fangzhi(data, "submission list");
  EXPECT_NE(r.out.find("李四"), std::string::npos) << r.out;

  r = Fangzhi(data, "submission frobnicate");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("validate"), std::string::npos);
}

}  // namespace
}  // namespace fangzhi::submission
