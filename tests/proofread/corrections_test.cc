// Correcting an OCR line: the text, its confidences, the versioned record,
// refusals that leave everything untouched, and the search index following
// (through the real `fangzhi search`).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../iiif/scan_fixture.h"
#include "proofread/corrections.h"
#include "store/library.h"
#include "test_util.h"

namespace fangzhi::proofread {
namespace {

class CorrectionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store::Library::Open(dir_.path(), &lib_).ok());
    ASSERT_TRUE(lib_->Import(testing::ScanDocument(), false).ok());
    ASSERT_TRUE(Corrections::Open(dir_.path(), &corrections_).ok());
  }

  model::Block Line(uint32_t seq) {
    model::Node n;
    EXPECT_TRUE(lib_->LoadNode(testing::kScanWork, "ocr", "1", &n).ok());
    return n.blocks.at(seq);
  }

  int SearchCount(const std::string& q) {
    auto r = testing::Fangzhi(dir_.path(), "search '" + q + "' --json");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_TRUE(j.is_object()) << r.out;
    return j.value("total_occurrences", -1);
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Library> lib_;
  std::unique_ptr<Corrections> corrections_;
};

TEST_F(CorrectionsTest, ACorrectionIsVersionedAndSearchFollows) {
  ASSERT_EQ(SearchCount("黃常"), 1);
  ASSERT_EQ(SearchCount("至黃帝"), 0);
  store::WorkSummary before;
  ASSERT_TRUE(lib_->GetWork(testing::kScanWork, &before).ok());

  Correction c;
  Status s = corrections_->Correct(lib_.get(), testing::kScanWork, "ocr", "1", 2, "與巴同囿至黃常", "與巴同囿至黃帝",
                                   "digi1", &c);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_GT(c.id, 0);
  EXPECT_EQ(c.line_id, "p1_l2");
  EXPECT_EQ(c.user, "digi1");
  EXPECT_EQ(c.at.size(), 20u);  // 2026-11-26T07:00:00Z

  const model::Block b = Line(2);
  EXPECT_EQ(b.text, "與巴同囿至黃帝");
  EXPECT_EQ(b.attrs.at("conf"), "9999999");  // a person read it
  EXPECT_EQ(b.attrs.at("box"), "800,100,120,1100");  // the rest kept
  EXPECT_EQ(b.attrs.at("line"), "p1_l2");

  // A second correction of the same line: both kept, in order.
  ASSERT_TRUE(corrections_->Correct(lib_.get(), testing::kScanWork, "ocr", "1", 2, "與巴同囿至黃帝",
                                    "與巴同囿。至黃帝", "digi2", &c)
                  .ok());
  std::vector<Correction> h;
  ASSERT_TRUE(corrections_->History(testing::kScanWork, "ocr", "1", 2, &h).ok());
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].old_text, "與巴同囿至黃常");
  EXPECT_EQ(h[0].new_text, "與巴同囿至黃帝");
  EXPECT_EQ(h[0].user, "digi1");
  EXPECT_EQ(h[1].old_text, "與巴同囿至黃帝");
  EXPECT_EQ(h[1].new_text, "與巴同囿。至黃帝");
  EXPECT_EQ(h[1].user, "digi2");
  EXPECT_EQ(Line(2).attrs.at("conf"), "99999999");
  ASSERT_TRUE(corrections_->Recent(testing::kScanWork, 10, &h).ok());
  EXPECT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].user, "digi2");

  // The work's Han count is unchanged (帝 for 常; 。 is no Han character).
  store::WorkSummary after;
  ASSERT_TRUE(lib_->GetWork(testing::kScanWork, &after).ok());
  EXPECT_EQ(after.han_count, before.han_count);

  // `fangzhi search` brings its index up to date from the change log.
  EXPECT_EQ(SearchCount("黃常"), 0);
  EXPECT_EQ(SearchCount("至黃帝"), 1);
}

TEST_F(CorrectionsTest, RefusalsLeaveEverythingUntouched) {
  Correction c;
  struct Bad {
    uint32_t seq;
    std::string expected, text, user;
    Status::Code code;
  };
  const Bad bad[] = {
      {2, "與巴同囿至黃常", "", "u", Status::Code::kInvalidInput},                  // empty
      {2, "與巴同囿至黃常", "與巴\n同囿", "u", Status::Code::kInvalidInput},         // two lines
      {2, "與巴同囿至黃常", "與巴\x01", "u", Status::Code::kInvalidInput},            // control character
      {2, "與巴同囿至黃常", "\xE4\xB8", "u", Status::Code::kInvalidInput},           // broken UTF-8
      {2, "與巴同囿至黃常", std::string(5000, 'a'), "u", Status::Code::kInvalidInput},  // too long
      {2, "與巴同囿至黃常", "與巴同囿至黃常", "u", Status::Code::kInvalidInput},    // no change
      {2, "與巴同囿至黃常", "與巴同囿至黃帝", "", Status::Code::kInvalidInput},      // nobody
      {2, "別的文字", "與巴同囿至黃帝", "u", Status::Code::kAlreadyExists},          // changed meanwhile
      {0, "", "頁", "u", Status::Code::kInvalidInput},                              // a page block
      {99, "", "字", "u", Status::Code::kNotFound},
  };
  for (const Bad& b : bad) {
    Status s = corrections_->Correct(lib_.get(), testing::kScanWork, "ocr", "1", b.seq, b.expected, b.text, b.user, &c);
    EXPECT_EQ(s.code(), b.code) << b.seq << " " << b.text.substr(0, 20) << " " << s.ToString();
    EXPECT_FALSE(s.message().empty());
  }
  EXPECT_EQ(corrections_->Correct(lib_.get(), "no-such", "ocr", "1", 2, "x", "y", "u", &c).code(),
            Status::Code::kNotFound);
  EXPECT_EQ(Line(2).text, "與巴同囿至黃常");
  EXPECT_EQ(Line(2).attrs.at("conf"), "9999994");
  std::vector<Correction> h;
  ASSERT_TRUE(corrections_->History(testing::kScanWork, "ocr", "1", 2, &h).ok());
  EXPECT_TRUE(h.empty());
  // Nothing was logged for the index either: only the import's change.
  std::vector<store::Change> changes;
  ASSERT_TRUE(lib_->ListChanges(0, &changes).ok());
  EXPECT_EQ(changes.size(), 1u);
}

}  // namespace
}  // namespace fangzhi::proofread
