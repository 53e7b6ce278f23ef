// Proofreading in the web: who may open and post the form, CSRF, the crop
// of the scan beside the field, a correction through the form, and a stale
// form refused.
#include <gtest/gtest.h>
#include <httplib.h>

#include "../iiif/scan_fixture.h"
#include "accounts/account_store.h"
#include "proofread/corrections.h"
#include "server/test_server.h"
#include "store/library.h"
#include "test_util.h"

namespace fangzhi {
namespace {

constexpr const char* kPassword = "correct-horse-battery";

class ProofreadHttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    std::unique_ptr<store::Library> lib;
    ASSERT_TRUE(store::Library::Open(dir_->path(), &lib).ok());
    ASSERT_TRUE(lib->Import(testing::ScanDocument(), false).ok());
    lib.reset();
    ASSERT_TRUE(testing::WriteFixtureImages(dir_->path()));
    std::unique_ptr<accounts::AccountStore> acc;
    ASSERT_TRUE(accounts::AccountStore::Open(dir_->path(), &acc).ok());
    Status s = acc->AddOffice("51", "四川省地方志工作办公室");
    ASSERT_TRUE(s.ok() || s.code() == Status::Code::kAlreadyExists) << s.ToString();
    s = testing::AddUsers(acc.get(),
                          {{"digi", accounts::Role::kDigitizer, "51"}, {"reader1", accounts::Role::kReader, "51"}},
                          kPassword, "test", "127.0.0.1");
    ASSERT_TRUE(s.ok()) << s.ToString();
    testing::TestSession digi, reader;
    s = testing::SignIn(acc.get(), "digi", kPassword, &digi);
    ASSERT_TRUE(s.ok()) << s.ToString();
    s = testing::SignIn(acc.get(), "reader1", kPassword, &reader);
    ASSERT_TRUE(s.ok()) << s.ToString();
    digi_ = digi.cookie;
    csrf_ = digi.csrf;
    reader_ = reader.cookie;
    acc.reset();
    s = testing::TestServer::Start(testing::LoopbackOptions(dir_->path()), &server_);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  static void TearDownTestSuite() {
    server_.reset();
    delete dir_;
  }

  static httplib::Client Client() { return server_->Client(); }

  static httplib::Result Post(const std::string& cookie, const httplib::Params& form) {
    return Client().Post("/proofread/scan-test/1", {{"Cookie", cookie}}, form);
  }

  static std::string LineText(uint32_t seq) {
    std::unique_ptr<store::Library> lib;
    EXPECT_TRUE(store::Library::Open(dir_->path(), &lib).ok());
    model::Node n;
    EXPECT_TRUE(lib->LoadNode(testing::kScanWork, "ocr", "1", &n).ok());
    return n.blocks.at(seq).text;
  }

  static testing::TempDir* dir_;
  static std::unique_ptr<testing::TestServer> server_;
  static std::string digi_, reader_, csrf_;
};

testing::TempDir* ProofreadHttpTest::dir_ = nullptr;
std::unique_ptr<testing::TestServer> ProofreadHttpTest::server_;
std::string ProofreadHttpTest::digi_, ProofreadHttpTest::reader_, ProofreadHttpTest::csrf_;

TEST_F(ProofreadHttpTest, OnlyDigitizersAndAdminsMayOpenTheForm) {
  auto r = Client().Get("/proofread/scan-test/1?seq=2");
  EXPECT_EQ(r->status, 303);
  EXPECT_TRUE(r->get_header_value("Location").starts_with("/login"));
  r = Client().Get("/proofread/scan-test/1?seq=2", {{"Cookie", reader_}});
  EXPECT_EQ(r->status, 403);
  r = Client().Get("/proofread/scan-test/1?seq=2", {{"Cookie", digi_}});
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Cache-Control"), "private, no-store");
  EXPECT_NE(r->body.find("/iiif/3/scan-test%2Fp1.png/800,100,120,1100/!1200,1200/0/default.jpg"), std::string::npos);
  EXPECT_NE(r->body.find("name=\"csrf\" value=\"" + csrf_ + "\""), std::string::npos);
  EXPECT_NE(r->body.find("至黃<span class=\"lc\" title=\"识别置信度低\">常</span>"), std::string::npos);
  // The crop it shows is served.
  EXPECT_EQ(Client().Get("/iiif/3/scan-test%2Fp1.png/800,100,120,1100/!1200,1200/0/default.jpg")->status, 200);
  // Not an OCR line, no such block.
  EXPECT_EQ(Client().Get("/proofread/scan-test/1?seq=0", {{"Cookie", digi_}})->status, 400);
  EXPECT_EQ(Client().Get("/proofread/scan-test/1?seq=99", {{"Cookie", digi_}})->status, 404);
  EXPECT_EQ(Client().Get("/proofread/scan-test/1?seq=x", {{"Cookie", digi_}})->status, 400);
  // The reading view links each line to its form, for this reader only.
  r = Client().Get("/works/scan-test/1", {{"Cookie", digi_}});
  EXPECT_NE(r->body.find("href=\"/proofread/scan-test/1?ed=ocr&amp;seq=2\""), std::string::npos);
  EXPECT_EQ(r->get_header_value("Cache-Control"), "private, no-store");
  r = Client().Get("/works/scan-test/1", {{"Cookie", reader_}});
  EXPECT_EQ(r->body.find("class=\"pf\""), std::string::npos);
}

TEST_F(ProofreadHttpTest, ACorrectionThroughTheForm) {
  // Without the token: refused, nothing changed.
  auto r = Post(digi_, {{"ed", "ocr"}, {"seq", "7"}, {"old", "世爲侯伯"}, {"text", "世為侯伯"}});
  EXPECT_EQ(r->status, 403);
  r = Post(reader_, {{"csrf", csrf_}, {"ed", "ocr"}, {"seq", "7"}, {"old", "世爲侯伯"}, {"text", "世為侯伯"}});
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(LineText(7), "世爲侯伯");

  r = Post(digi_, {{"csrf", csrf_}, {"ed", "ocr"}, {"seq", "7"}, {"old", "世爲侯伯"}, {"text", "世為侯伯"}});
  ASSERT_EQ(r->status, 303) << r->body;
  EXPECT_EQ(r->get_header_value("Location"), "/works/scan-test/1#l7");
  EXPECT_EQ(LineText(7), "世為侯伯");

  // A second form opened on the old text is stale now.
  r = Post(digi_, {{"csrf", csrf_}, {"ed", "ocr"}, {"seq", "7"}, {"old", "世爲侯伯"}, {"text", "世爲侯白"}});
  EXPECT_EQ(r->status, 409);
  EXPECT_NE(r->body.find("已被他人改动"), std::string::npos);
  EXPECT_EQ(LineText(7), "世為侯伯");
  // Bad text: the form again, with the reason.
  r = Post(digi_, {{"csrf", csrf_}, {"ed", "ocr"}, {"seq", "7"}, {"old", "世為侯伯"}, {"text", ""}});
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("为空"), std::string::npos);

  // The history shows who changed what.
  r = Client().Get("/proofread/scan-test/1?seq=7", {{"Cookie", digi_}});
  EXPECT_NE(r->body.find("<td>digi</td><td lang=\"zh-Hant\">世爲侯伯</td><td lang=\"zh-Hant\">世為侯伯</td>"),
            std::string::npos)
      << r->body;
  std::unique_ptr<proofread::Corrections> c;
  ASSERT_TRUE(proofread::Corrections::Open(dir_->path(), &c).ok());
  std::vector<proofread::Correction> h;
  ASSERT_TRUE(c->History(testing::kScanWork, "ocr", "1", 7, &h).ok());
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].user, "digi");
  EXPECT_EQ(h[0].line_id, "p2_l3");
}

}  // namespace
}  // namespace fangzhi
