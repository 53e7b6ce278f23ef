#include "submission/bag.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "model/region.h"
#include "submission/bag_builder.h"
#include "submission/submission.h"
#include "test_util.h"
#include "text/utf8.h"

namespace fangzhi::submission {
namespace {

using fangzhi::testing::TempDir;
using namespace fangzhi::submission::testing;
namespace fs = std::filesystem;

const Problem* Find(const BagReport& r, const std::string& code) {
  for (const Problem& p : r.problems) {
    if (p.code == code) return &p;
  }
  return nullptr;
}

std::string Dump(const BagReport& r) {
  std::string s;
  for (const Problem& p : r.problems) s += p.code + " | " + p.file + " | " + p.message + "\n";
  return s;
}

const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "not really pixels";

TEST(Bag, WellFormedBagIsValid) {
  TempDir dir;
  ASSERT_TRUE(WriteBag(dir / "good.zip", BagSpec()));
  BagReport r;
  ASSERT_TRUE(CheckBag(dir / "good.zip", BagLimits(), &r).ok());
  EXPECT_TRUE(r.ok()) << Dump(r);
  EXPECT_EQ(r.root, "shili-bag");
  ASSERT_EQ(r.payload.size(), 1u);
  EXPECT_EQ(r.payload[0].path, "data/shili.md");
  EXPECT_EQ(r.payload[0].type, PayloadType::kMarkdown);
  EXPECT_EQ(r.payload[0].sha256, Sha(kMarkdown));
  EXPECT_EQ(r.Info("fangzhi-region-code"), "510104");  // labels compare case-insensitively
  EXPECT_EQ(r.zip_sha256, Sha(fangzhi::testing::ReadFile(dir / "good.zip")));
}

TEST(Bag, TopLevelBagWithTagManifestAndImagesIsValid) {
  TempDir dir;
  BagSpec spec;
  spec.root = "";
  spec.tagmanifest = true;
  spec.payload.emplace_back("data/scans/p1.png", kPng);
  spec.payload.emplace_back("data/scans/p2.jpg", std::string("\xFF\xD8\xFF\xE0", 4) + "jfif");
  ASSERT_TRUE(WriteBag(dir / "top.zip", spec));
  BagReport r;
  ASSERT_TRUE(CheckBag(dir / "top.zip", BagLimits(), &r).ok());
  EXPECT_TRUE(r.ok()) << Dump(r);
  EXPECT_EQ(r.root, "");
  EXPECT_EQ(r.payload.size(), 3u);
}

TEST(Bag, ReportsEveryProblemAtOnceWithFileLineAndField) {
  TempDir dir;
  BagSpec spec;
  spec.payload.emplace_back("data/p1.png", kPng);
  spec.payload.emplace_back("data/notes.exe", "MZ");
  spec.leave_out_of_manifest = {"data/p1.png"};
  spec.bad_checksum = {{"data/shili.md", "something else"}};
  spec.extra_manifest_paths = {"data/gone.txt"};
  spec.payload_oxum = false;
  spec.info = {{"Source-Organization", "示例县地方志办"},
               {"Bagging-Date", "2026-02-30"},
               {"Fangzhi-Region-Code", "991234"},
               {"Fangzhi-Work-Id", "shili"},
               {"Fangzhi-Work-Title", "示例"},
               {"Fangzhi-Work-Kind", "报告"},
               {"Payload-Oxum", "12.1"}};
  ASSERT_TRUE(WriteBag(dir / "bad.zip", spec));
  BagReport r;
  ASSERT_TRUE(CheckBag(dir / "bad.zip", BagLimits(), &r).ok());
  const Problem* p = Find(r, "missing-checksum");
  ASSERT_NE(p, nullptr) << Dump(r);
  EXPECT_EQ(p->file, "data/p1.png");
  p = Find(r, "checksum-mismatch");
  ASSERT_NE(p, nullptr) << Dump(r);
  EXPECT_EQ(p->file, "data/shili.md");
  EXPECT_EQ(p->line, 1u);
  EXPECT_NE(p->message.find("manifest-sha256.txt 第 1 行"), std::string::npos) << p->message;
  p = Find(r, "missing-file");
  ASSERT_NE(p, nullptr) << Dump(r);
  EXPECT_EQ(p->file, "data/gone.txt");
  p = Find(r, "unknown-file-type");
  ASSERT_NE(p, nullptr) << Dump(r);
  EXPECT_EQ(p->file, "data/notes.exe");
  p = Find(r, "missing-field");
  ASSERT_NE(p, nullptr) << Dump(r);
  EXPECT_EQ(p->field, "Fangzhi-Licence");
  p = Find(r, "bad-region-code");
  ASSERT_NE(p, nullptr) << Dump(r);
  EXPECT_EQ(p->line, 3u);
  EXPECT_NE(p->message.find("GB/T 2260"), std::string::npos);
  p = Find(r, "bad-date");
  ASSERT_NE(p, nullptr) << Dump(r);
  EXPECT_EQ(p->field, "Bagging-Date");
  EXPECT_EQ(p->line, 2u);
  ASSERT_NE(Find(r, "bad-kind"), nullptr) << Dump(r);
  p = Find(r, "oxum-mismatch");
  ASSERT_NE(p, nullptr) << Dump(r);
  EXPECT_EQ(p->line, 7u);
  EXPECT_GE(r.problems.size(), 9u) << Dump(r);
}

TEST(Bag, MissingTagFilesAndBadBagitTxt) {
  TempDir dir;
  BagSpec spec;
  spec.manifest = false;
  spec.bagit = "BagIt-Version: 2.0\nTag-File-Character-Encoding: GBK\n";
  Members m = BagMembers(spec);
  m.erase(std::remove_if(m.begin(), m.end(), [](const auto& e) { return e.first.ends_with("bag-info.txt"); }), m.end());
  ASSERT_TRUE(WriteZip(dir / "b.zip", m));
  BagReport r;
  ASSERT_TRUE(CheckBag(dir / "b.zip", BagLimits(), &r).ok());
  EXPECT_NE(Find(r, "missing-manifest"), nullptr) << Dump(r);
  EXPECT_NE(Find(r, "missing-bag-info"), nullptr) << Dump(r);
  int bagit = 0;
  for (const Problem& p : r.problems) bagit += p.code == "bad-bagit-txt";
  EXPECT_EQ(bagit, 2) << Dump(r);

  // No bagit.txt anywhere: not a bag.
  ASSERT_TRUE(WriteZip(dir / "none.zip", {{"data/x.md", kMarkdown}}));
  ASSERT_TRUE(CheckBag(dir / "none.zip", BagLimits(), &r).ok());
  EXPECT_NE(Find(r, "missing-bagit"), nullptr) << Dump(r);

  // Not a zip at all.
  fangzhi::testing::WriteFile(dir / "text.zip", "hello");
  ASSERT_TRUE(CheckBag(dir / "text.zip", BagLimits(), &r).ok());
  ASSERT_NE(Find(r, "bad-zip"), nullptr) << Dump(r);
  EXPECT_NE(Find(r, "bad-zip")->message.find("不是 zip 压缩包"), std::string::npos);
  EXPECT_EQ(CheckBag(dir / "absent.zip", BagLimits(), &r).code(), Status::Code::kNotFound);
}

// The full GB/T 2260 table, not just the shape: a code no revision has is a
// problem naming the nearest unit; a retired one (双流县, 2016 双流区) passes.
TEST(Bag, RegionCodeMustBeInTheCodeTable) {
  TempDir dir;
  auto with_code = [&](const std::string& code) {
    BagSpec spec;
    for (auto& [label, value] : spec.info) {
      if (label == "Fangzhi-Region-Code") value = code;
    }
    const fs::path zip = dir / (code + ".zip");
    EXPECT_TRUE(WriteBag(zip, spec));
    BagReport r;
    EXPECT_TRUE(CheckBag(zip, BagLimits(), &r).ok());
    return r;
  };
  BagReport r = with_code("510199");
  const Problem* p = Find(r, "bad-region-code");
  ASSERT_NE(p, nullptr) << Dump(r);
  EXPECT_EQ(p->line, 3u);
  EXPECT_EQ(p->field, "Fangzhi-Region-Code");
  EXPECT_NE(p->message.find("“510199” 不在 GB/T 2260 代码表"), std::string::npos) << p->message;
  EXPECT_NE(p->message.find("四川省成都市下没有这个代码"), std::string::npos) << p->message;
  EXPECT_EQ(r.problems.size(), 1u) << Dump(r);
  r = with_code("130171");  // an NBS development-zone number, not an administrative division
  EXPECT_NE(Find(r, "bad-region-code"), nullptr) << Dump(r);
  EXPECT_TRUE(with_code("510122").ok()) << Dump(with_code("510122"));
  EXPECT_TRUE(with_code("510118").ok());  // 新津区, 2020: only in today's table
}

TEST(Bag, BaggingDateInTheFutureIsRefused) {
  TempDir dir;
  BagSpec spec;
  for (auto& [label, value] : spec.info) {
    if (label == "Bagging-Date") value = "2099-01-01";
  }
  ASSERT_TRUE(WriteBag(dir / "future.zip", spec));
  BagReport r;
  ASSERT_TRUE(CheckBag(dir / "future.zip", BagLimits(), &r).ok());
  const Problem* p = Find(r, "bad-date");
  ASSERT_NE(p, nullptr) << Dump(r);
  EXPECT_NE(p->message.find("将来"), std::string::npos) << p->message;
  EXPECT_EQ(p->line, 2u);
}

TEST(Bag, TagFileDetails) {
  TempDir dir;
  // A folded bag-info value, a BOM, CRLF lines, and a percent-encoded manifest path.
  BagSpec spec;
  spec.payload = {{"data/50%.md", kMarkdown}};
  Members m = BagMembers(spec);
  for (auto& [name, bytes] : m) {
    if (name.ends_with("bag-info.txt")) {
      bytes = "\xEF\xBB\xBF" + bytes + "External-Description: 第一行\r\n  第二行\r\n";
    }
    if (name.ends_with("manifest-sha256.txt")) {
      const size_t at = bytes.find("50%");
      bytes.replace(at, 3, "50%25");
    }
  }
  ASSERT_TRUE(WriteZip(dir / "a.zip", m));
  BagReport r;
  ASSERT_TRUE(CheckBag(dir / "a.zip", BagLimits(), &r).ok());
  EXPECT_TRUE(r.ok()) << Dump(r);
  EXPECT_EQ(r.Info("External-Description"), "第一行 第二行");
  EXPECT_EQ(r.Info("Source-Organization"), "示例县地方志编纂委员会办公室");

  // bag-info that is not UTF-8 (GBK), and a line that is not "Label: value".
  for (auto& [name, bytes] : m) {
    if (name.ends_with("bag-info.txt")) bytes = "Source-Organization: \xCA\xBE\xC0\xFD\n";
  }
  ASSERT_TRUE(WriteZip(dir / "b.zip", m));
  ASSERT_TRUE(CheckBag(dir / "b.zip", BagLimits(), &r).ok());
  ASSERT_NE(Find(r, "tag-encoding"), nullptr) << Dump(r);
  EXPECT_EQ(Find(r, "tag-encoding")->line, 1u);
  for (auto& [name, bytes] : m) {
    if (name.ends_with("bag-info.txt")) bytes = "Source-Organization: 甲\n没有冒号的一行\n";
  }
  ASSERT_TRUE(WriteZip(dir / "c.zip", m));
  ASSERT_TRUE(CheckBag(dir / "c.zip", BagLimits(), &r).ok());
  ASSERT_NE(Find(r, "tag-syntax"), nullptr) << Dump(r);
  EXPECT_EQ(Find(r, "tag-syntax")->line, 2u);
}

TEST(Bag, PayloadMustBeOneReadableText) {
  TempDir dir;
  BagSpec two;
  two.payload.emplace_back("data/second.txt", "第二部");
  ASSERT_TRUE(WriteBag(dir / "two.zip", two));
  BagReport r;
  ASSERT_TRUE(CheckBag(dir / "two.zip", BagLimits(), &r).ok());
  EXPECT_NE(Find(r, "several-texts"), nullptr) << Dump(r);

  BagSpec none;
  none.payload = {{"data/p1.png", kPng}};
  ASSERT_TRUE(WriteBag(dir / "none.zip", none));
  ASSERT_TRUE(CheckBag(dir / "none.zip", BagLimits(), &r).ok());
  EXPECT_NE(Find(r, "no-text"), nullptr) << Dump(r);

  BagSpec broken;
  broken.payload = {{"data/bad.md", "# 没有前置元数据\n\n正文。\n"}};
  ASSERT_TRUE(WriteBag(dir / "broken.zip", broken));
  ASSERT_TRUE(CheckBag(dir / "broken.zip", BagLimits(), &r).ok());
  const Problem* p = Find(r, "payload-unreadable");
  ASSERT_NE(p, nullptr) << Dump(r);
  // Named by its path in the bag, not by the scratch folder it was unpacked to.
  EXPECT_TRUE(p->message.starts_with("data/bad.md")) << p->message;
  EXPECT_NE(p->message.find("前置元数据"), std::string::npos) << p->message;
}

// Hostile archives: refused with a reason, and nothing written anywhere,
// not even inside the staging folder.
class Hostile : public ::testing::Test {
 protected:
  // Validates with a staging folder inside `dir_`; returns the report.
  BagReport Check(const fs::path& zip, const BagLimits& limits = BagLimits()) {
    const fs::path staging = dir_ / "box" / "staging";
    fs::create_directories(staging);
    BagReport r;
    EXPECT_TRUE(ValidateBag(zip, limits, staging, &r).ok());
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(fs::is_empty(staging)) << "something was unpacked from a hostile bag";
    size_t in_box = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir_ / "box")) {
      (void)e;
      ++in_box;
    }
    EXPECT_EQ(in_box, 1u) << "something was written beside the staging folder";
    fs::remove_all(dir_ / "box");
    return r;
  }
  TempDir dir_;
};

TEST_F(Hostile, DotDotAndAbsoluteAndBackslashPaths) {
  for (const std::string name : {"shili-bag/data/../../escape.txt", "../escape.txt", "/tmp/fangzhi-bag-escape.txt",
                                 "shili-bag\\data\\x.txt", "C:/escape.txt", "shili-bag//data/x.txt"}) {
    std::vector<RawEntry> entries = RawMembers(BagSpec());
    entries.push_back({name, "逃逸", 0, 0, 0, 1u << 11, 0100644u << 16});
    ASSERT_TRUE(WriteRawZip(dir_ / "h.zip", entries));
    const BagReport r = Check(dir_ / "h.zip");
    const Problem* p = Find(r, "unsafe-path");
    ASSERT_NE(p, nullptr) << name << "\n" << Dump(r);
    EXPECT_NE(p->message.find(name), std::string::npos) << p->message;
  }
  EXPECT_FALSE(fs::exists("/tmp/fangzhi-bag-escape.txt"));
  EXPECT_FALSE(fs::exists(dir_ / "escape.txt"));
}

TEST_F(Hostile, Symlink) {
  std::vector<RawEntry> entries = RawMembers(BagSpec());
  entries.push_back({"shili-bag/data/link.md", "/etc/passwd", 0, 0, 0, 1u << 11, 0120777u << 16});
  ASSERT_TRUE(WriteRawZip(dir_ / "h.zip", entries));
  const BagReport r = Check(dir_ / "h.zip");
  ASSERT_NE(Find(r, "symlink"), nullptr) << Dump(r);
  EXPECT_EQ(Find(r, "symlink")->file, "shili-bag/data/link.md");
}

TEST_F(Hostile, TenGigabytesDeclared) {
  std::vector<RawEntry> entries = RawMembers(BagSpec());
  RawEntry big;
  big.name = "shili-bag/data/big.txt";
  big.data = RawDeflate("x");
  big.method = 8;
  big.crc = Crc("x");
  big.declared = 10ull << 30;
  big.flags = 1u << 11;
  entries.push_back(big);
  ASSERT_TRUE(WriteRawZip(dir_ / "h.zip", entries));
  const BagReport r = Check(dir_ / "h.zip");
  const Problem* p = Find(r, "zip-bomb");
  ASSERT_NE(p, nullptr) << Dump(r);
  EXPECT_NE(p->message.find(std::to_string(10ull << 30)), std::string::npos) << p->message;
}

TEST_F(Hostile, ZipBombByRatio) {
  BagSpec spec;
  spec.payload.emplace_back("data/zeros.txt", std::string(16u << 20, '0'));
  ASSERT_TRUE(WriteBag(dir_ / "h.zip", spec));
  ASSERT_LT(fs::file_size(dir_ / "h.zip"), 1u << 20);
  const BagReport r = Check(dir_ / "h.zip");
  const Problem* p = Find(r, "zip-bomb");
  ASSERT_NE(p, nullptr) << Dump(r);
  EXPECT_NE(p->message.find("压缩比"), std::string::npos) << p->message;
}

TEST_F(Hostile, MemberThatInflatesPastItsDeclaredSize) {
  std::vector<RawEntry> entries = RawMembers(BagSpec());
  const std::string zeros(2u << 20, '\0');
  RawEntry liar;
  liar.name = "shili-bag/data/liar.txt";
  liar.data = RawDeflate(zeros);
  liar.method = 8;
  liar.crc = Crc(zeros);
  liar.declared = 1000;
  liar.flags = 1u << 11;
  entries.push_back(liar);
  ASSERT_TRUE(WriteRawZip(dir_ / "h.zip", entries));
  // Validated without staging (the member is only found out while inflating).
  BagReport r;
  ASSERT_TRUE(ValidateBag(dir_ / "h.zip", BagLimits(), fs::path(), &r).ok());
  const Problem* p = Find(r, "bad-member");
  ASSERT_NE(p, nullptr) << Dump(r);
  EXPECT_EQ(p->file, "data/liar.txt");
}

TEST_F(Hostile, InvalidUtf8Name) {
  std::vector<RawEntry> entries = RawMembers(BagSpec());
  entries.push_back({"shili-bag/data/\xB5\xD8\xD6\xBE.txt", "GBK name", 0, 0, 0, 0, 0100644u << 16});
  ASSERT_TRUE(WriteRawZip(dir_ / "h.zip", entries));
  const BagReport r = Check(dir_ / "h.zip");
  const Problem* p = Find(r, "bad-name-encoding");
  ASSERT_NE(p, nullptr) << Dump(r);
  EXPECT_NE(p->message.find("\\xB5\\xD8"), std::string::npos) << p->message;
  EXPECT_EQ(text::FindInvalidUtf8(p->message), text::kValid) << "the message itself must be valid UTF-8";
}

TEST_F(Hostile, DuplicateNames) {
  std::vector<RawEntry> entries = RawMembers(BagSpec());
  entries.push_back({"shili-bag/data/shili.md", "另一份", 0, 0, 0, 1u << 11, 0100644u << 16});
  ASSERT_TRUE(WriteRawZip(dir_ / "h.zip", entries));
  const BagReport r = Check(dir_ / "h.zip");
  const Problem* p = Find(r, "duplicate-name");
  ASSERT_NE(p, nullptr) << Dump(r);
  EXPECT_NE(p->message.find("重名"), std::string::npos) << p->message;
}

TEST_F(Hostile, EncryptedMember) {
  std::vector<RawEntry> entries = RawMembers(BagSpec());
  entries.back().flags |= 1;  // the payload file claims traditional PKWARE encryption
  ASSERT_TRUE(WriteRawZip(dir_ / "h.zip", entries));
  const BagReport r = Check(dir_ / "h.zip");
  ASSERT_NE(Find(r, "encrypted"), nullptr) << Dump(r);
}

TEST_F(Hostile, TooManyEntries) {
  ASSERT_TRUE(WriteBag(dir_ / "h.zip", BagSpec()));
  BagLimits limits;
  limits.max_entries = 3;
  const BagReport r = Check(dir_ / "h.zip", limits);
  ASSERT_NE(Find(r, "too-many-entries"), nullptr) << Dump(r);
}

TEST_F(Hostile, ZipTooLarge) {
  ASSERT_TRUE(WriteBag(dir_ / "h.zip", BagSpec()));
  BagLimits limits;
  limits.max_zip_bytes = 100;
  const BagReport r = Check(dir_ / "h.zip", limits);
  ASSERT_NE(Find(r, "zip-too-large"), nullptr) << Dump(r);
}

TEST(Region, WithinOffice) {
  EXPECT_TRUE(model::RegionWithin("510104", "510104"));
  EXPECT_TRUE(model::RegionWithin("510104", "510100"));
  EXPECT_TRUE(model::RegionWithin("510104", "5101"));
  EXPECT_TRUE(model::RegionWithin("510104", "510000"));
  EXPECT_TRUE(model::RegionWithin("5101", "51"));
  EXPECT_FALSE(model::RegionWithin("510704", "510100"));
  EXPECT_FALSE(model::RegionWithin("510100", "510104"));
  EXPECT_FALSE(model::RegionWithin("610104", "51"));
  EXPECT_FALSE(model::RegionWithin("", "51"));
}

}  // namespace
}  // namespace fangzhi::submission
