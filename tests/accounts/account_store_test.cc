// Offices, users, passwords, sessions, throttling and the audit log's
// triggers, against a real data dir (a fake clock moves time).
#include "accounts/account_store.h"

#include <gtest/gtest.h>

#include <atomic>

#include "accounts/audit_log.h"
#include "accounts/region_scope.h"
#include "model/region.h"
#include "store/component_store.h"
#include "test_util.h"

namespace fangzhi::accounts {
namespace {

using testing::TempDir;

class AccountStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    now_ = 1'800'000'000;
    ASSERT_TRUE(AccountStore::Open(dir_.path() / "data", &store_, [this] { return now_.load(); }).ok());
    ASSERT_TRUE(store_->AddOffice("51", "四川省地方志工作办公室").ok());
    ASSERT_TRUE(store_->AddOffice("510104", "锦江区地方志办公室").ok());
  }

  int64_t CountRows(const char* sql) {
    store::Statement st;
    EXPECT_TRUE(store_->database_for_testing()->Prepare(sql, &st).ok());
    bool row = false;
    EXPECT_TRUE(st.Step(&row).ok());
    return row ? st.Int(0) : -1;
  }

  TempDir dir_;
  std::atomic<int64_t> now_;
  std::unique_ptr<AccountStore> store_;
};

TEST(Roles, ParseNamesAndLabels) {
  Role r{};
  ASSERT_TRUE(ParseRole("reviewer", &r).ok());
  EXPECT_EQ(r, Role::kReviewer);
  ASSERT_TRUE(ParseRole("编纂", &r).ok());
  EXPECT_EQ(r, Role::kCompiler);
  Status s = ParseRole("superuser", &r);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("未知的角色"), std::string::npos);
  EXPECT_NE(s.message().find("digitizer"), std::string::npos);
  for (Role each : AllRoles()) {
    Role back{};
    ASSERT_TRUE(ParseRole(RoleName(each), &back).ok());
    EXPECT_EQ(back, each);
  }
}

TEST_F(AccountStoreTest, OfficesNeedRealRegionCodes) {
  for (const char* bad : {"", "5", "510", "5101041", "99", "51a1", "00", "510199", "5199"}) {
    Status s = store_->AddOffice(bad, "某办");
    EXPECT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.code(), Status::Code::kInvalidInput) << bad;
    EXPECT_NE(s.message().find("GB/T 2260"), std::string::npos) << s.message();
  }
  EXPECT_EQ(store_->AddOffice("5101", "").code(), Status::Code::kInvalidInput);
  EXPECT_EQ(store_->AddOffice("510104", "又一个").code(), Status::Code::kAlreadyExists);
  ASSERT_TRUE(store_->AddOffice("5101", "成都市地方志办公室").ok());
  std::vector<Office> offices;
  ASSERT_TRUE(store_->ListOffices(&offices).ok());
  ASSERT_EQ(offices.size(), 3u);
  EXPECT_EQ(offices[1].region_code, "5101");
}

TEST_F(AccountStoreTest, UsersAndTheirBadInputs) {
  User u;
  ASSERT_TRUE(store_->AddUser("张三", Role::kCompiler, "510104", "correct horse", "cli", "cli", &u).ok());
  EXPECT_GT(u.id, 0);
  EXPECT_EQ(u.office_name, "锦江区地方志办公室");
  EXPECT_EQ(store_->AddUser("张三", Role::kReader, "51", "another pass", "cli", "cli").code(),
            Status::Code::kAlreadyExists);
  Status s = store_->AddUser("李四", Role::kReader, "510105", "long enough", "cli", "cli");
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_NE(s.message().find("510105"), std::string::npos);
  s = store_->AddUser("李四", Role::kReader, "51x", "long enough", "cli", "cli");
  EXPECT_NE(s.message().find("GB/T 2260"), std::string::npos) << s.message();
  s = store_->AddUser("李四", Role::kReader, "51", "", "cli", "cli");
  EXPECT_NE(s.message().find("密码不能为空"), std::string::npos) << s.message();
  s = store_->AddUser("李四", Role::kReader, "51", "short", "cli", "cli");
  EXPECT_NE(s.message().find("太短"), std::string::npos) << s.message();
  s = store_->AddUser("", Role::kReader, "51", "long enough", "cli", "cli");
  EXPECT_NE(s.message().find("用户名不能为空"), std::string::npos) << s.message();
  s = store_->AddUser("a b", Role::kReader, "51", "long enough", "cli", "cli");
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  s = store_->AddUser("<x>", Role::kReader, "51", "long enough", "cli", "cli");
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  // The stored hash is Argon2id, never the password.
  EXPECT_EQ(CountRows("SELECT count(*) FROM accounts_users WHERE password_hash LIKE '$argon2id$%'"), 1);
  EXPECT_EQ(CountRows("SELECT count(*) FROM accounts_users WHERE instr(password_hash, 'correct horse') > 0"), 0);
  std::vector<User> users;
  ASSERT_TRUE(store_->ListUsers(&users).ok());
  ASSERT_EQ(users.size(), 1u);
  EXPECT_EQ(users[0].role, Role::kCompiler);
}

TEST_F(AccountStoreTest, ReviewersBelongToProvinceOrCityOffices) {
  ASSERT_TRUE(store_->AddOffice("5101", "成都市地方志办公室").ok());
  Status s = store_->AddUser("rv2", Role::kReviewer, "510104", "password-1", "cli", "cli");
  EXPECT_EQ(s.code(), Status::Code::kInvalidInput);
  EXPECT_NE(s.message().find("县级机构 510104"), std::string::npos) << s.message();
  EXPECT_EQ(CountRows("SELECT count(*) FROM accounts_users"), 0);
  EXPECT_TRUE(store_->AddUser("rv1", Role::kReviewer, "51", "password-1", "cli", "cli").ok());
  EXPECT_TRUE(store_->AddUser("rv3", Role::kReviewer, "5101", "password-1", "cli", "cli").ok());
  EXPECT_TRUE(store_->AddUser("bian", Role::kCompiler, "510104", "password-1", "cli", "cli").ok());
  EXPECT_TRUE(CheckRoleOffice(Role::kReviewer, "510100").ok());
  EXPECT_TRUE(CheckRoleOffice(Role::kReviewer, "510000").ok());
  EXPECT_FALSE(CheckRoleOffice(Role::kReviewer, "510105").ok());
  EXPECT_TRUE(CheckRoleOffice(Role::kAdmin, "510105").ok());
  // The region a reviewer's office covers.
  EXPECT_TRUE(model::RegionWithin("510104", "51"));
  EXPECT_TRUE(model::RegionWithin("510104", "510000"));
  EXPECT_TRUE(model::RegionWithin("510104", "5101"));
  EXPECT_TRUE(model::RegionWithin("5101", "51"));
  EXPECT_TRUE(model::RegionWithin("51", "51"));
  EXPECT_FALSE(model::RegionWithin("510704", "5101"));
  EXPECT_FALSE(model::RegionWithin("110101", "51"));
  EXPECT_FALSE(model::RegionWithin("51", "5101"));
  EXPECT_FALSE(model::RegionWithin("", "51"));
  EXPECT_FALSE(model::RegionWithin("510104", ""));
}

TEST_F(AccountStoreTest, LoginMakesAFreshSessionAndLogoutEndsIt) {
  ASSERT_TRUE(store_->AddUser("reviewer1", Role::kReviewer, "51", "password-1", "cli", "cli").ok());
  LoginResult a;
  ASSERT_TRUE(store_->Login("reviewer1", "password-1", "10.0.0.1", "", &a).ok());
  EXPECT_EQ(a.session_id.size(), 64u);
  EXPECT_EQ(a.session.csrf_token.size(), 64u);
  EXPECT_NE(a.session_id, a.session.csrf_token);
  // Stored hashed: the id itself is nowhere in the database.
  const std::string sql = "SELECT count(*) FROM accounts_sessions WHERE id_hash = '" + a.session_id + "'";
  EXPECT_EQ(CountRows(sql.c_str()), 0);
  EXPECT_EQ(CountRows("SELECT count(*) FROM accounts_sessions"), 1);
  Session s;
  ASSERT_TRUE(store_->ResolveSession(a.session_id, &s).ok());
  EXPECT_EQ(s.user.name, "reviewer1");
  EXPECT_EQ(s.csrf_token, a.session.csrf_token);
  // Logging in again from the same browser ends the old id (rotation).
  LoginResult b;
  ASSERT_TRUE(store_->Login("reviewer1", "password-1", "10.0.0.1", a.session_id, &b).ok());
  EXPECT_NE(a.session_id, b.session_id);
  EXPECT_NE(a.session.csrf_token, b.session.csrf_token);
  EXPECT_EQ(store_->ResolveSession(a.session_id, &s).code(), Status::Code::kNotFound);
  ASSERT_TRUE(store_->ResolveSession(b.session_id, &s).ok());
  ASSERT_TRUE(store_->Logout(b.session_id, "10.0.0.1").ok());
  EXPECT_EQ(store_->ResolveSession(b.session_id, &s).code(), Status::Code::kNotFound);
  EXPECT_TRUE(store_->Logout(b.session_id, "10.0.0.1").ok());  // idempotent
  // Garbage ids are simply unknown.
  EXPECT_EQ(store_->ResolveSession("", &s).code(), Status::Code::kNotFound);
  EXPECT_EQ(store_->ResolveSession("' OR 1=1 --", &s).code(), Status::Code::kNotFound);
}

TEST_F(AccountStoreTest, SessionsExpire) {
  ASSERT_TRUE(store_->AddUser("c1", Role::kCompiler, "510104", "password-1", "cli", "cli").ok());
  LoginResult a;
  ASSERT_TRUE(store_->Login("c1", "password-1", "10.0.0.1", "", &a).ok());
  Session s;
  now_ += kSessionLifetime - 1;
  EXPECT_TRUE(store_->ResolveSession(a.session_id, &s).ok());
  now_ += 1;
  EXPECT_EQ(store_->ResolveSession(a.session_id, &s).code(), Status::Code::kNotFound);
}

TEST_F(AccountStoreTest, BadLoginsSayWhatIsWrongWithoutProbing) {
  ASSERT_TRUE(store_->AddUser("c1", Role::kCompiler, "510104", "password-1", "cli", "cli").ok());
  LoginResult r;
  Status unknown = store_->Login("nobody", "password-1", "10.0.0.1", "", &r);
  Status wrong = store_->Login("c1", "password-2", "10.0.0.1", "", &r);
  EXPECT_EQ(unknown.code(), Status::Code::kInvalidInput);
  EXPECT_EQ(unknown.message(), wrong.message());  // no telling which names exist
  EXPECT_NE(wrong.message().find("用户名或密码不正确"), std::string::npos);
  EXPECT_NE(store_->Login("", "x", "10.0.0.1", "", &r).message().find("请输入用户名"), std::string::npos);
  EXPECT_NE(store_->Login("c1", "", "10.0.0.1", "", &r).message().find("请输入密码"), std::string::npos);
}

TEST_F(AccountStoreTest, ThrottlePerAccountAndPerAddress) {
  ASSERT_TRUE(store_->AddUser("c1", Role::kCompiler, "510104", "password-1", "cli", "cli").ok());
  LoginResult r;
  for (int i = 0; i < kMaxFailuresPerAccount; ++i) {
    EXPECT_FALSE(store_->Login("c1", "wrong-pass", "10.0.0." + std::to_string(i), "", &r).ok());
  }
  bool throttled = false;
  ASSERT_TRUE(store_->Throttled("c1", "10.9.9.9", &throttled).ok());
  EXPECT_TRUE(throttled);
  // Now even the right password is refused, from any address …
  Status s = store_->Login("c1", "password-1", "10.9.9.9", "", &r);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("过多"), std::string::npos) << s.message();
  // … until the window has passed.
  now_ += kThrottleWindow + 1;
  ASSERT_TRUE(store_->Login("c1", "password-1", "10.9.9.9", "", &r).ok());

  // Per address: many names from one address.
  for (int i = 0; i < kMaxFailuresPerAddress; ++i) {
    EXPECT_FALSE(store_->Login("guess" + std::to_string(i), "wrong-pass", "10.6.6.6", "", &r).ok());
  }
  s = store_->Login("c1", "password-1", "10.6.6.6", "", &r);
  EXPECT_NE(s.message().find("过多"), std::string::npos) << s.message();
  EXPECT_TRUE(store_->Login("c1", "password-1", "10.7.7.7", "", &r).ok());  // another address is fine
}

TEST_F(AccountStoreTest, DisableAndPasswordChangeEndSessions) {
  ASSERT_TRUE(store_->AddUser("c1", Role::kCompiler, "510104", "password-1", "cli", "cli").ok());
  LoginResult a;
  Session s;
  ASSERT_TRUE(store_->Login("c1", "password-1", "10.0.0.1", "", &a).ok());
  ASSERT_TRUE(store_->SetPassword("c1", "password-2", "cli", "cli").ok());
  EXPECT_EQ(store_->ResolveSession(a.session_id, &s).code(), Status::Code::kNotFound);
  LoginResult r;
  EXPECT_FALSE(store_->Login("c1", "password-1", "10.0.0.1", "", &r).ok());
  ASSERT_TRUE(store_->Login("c1", "password-2", "10.0.0.1", "", &a).ok());
  ASSERT_TRUE(store_->DisableUser("c1", "cli", "cli").ok());
  EXPECT_EQ(store_->ResolveSession(a.session_id, &s).code(), Status::Code::kNotFound);
  Status d = store_->Login("c1", "password-2", "10.0.0.1", "", &r);
  EXPECT_NE(d.message().find("已停用"), std::string::npos) << d.message();
  EXPECT_EQ(store_->DisableUser("ghost", "cli", "cli").code(), Status::Code::kNotFound);
  EXPECT_EQ(store_->SetPassword("c1", "", "cli", "cli").code(), Status::Code::kInvalidInput);
}

TEST_F(AccountStoreTest, AuditLogIsAppendOnlyEvenForSql) {
  ASSERT_TRUE(store_->AddUser("c1", Role::kCompiler, "510104", "password-1", "cli", "cli").ok());
  LoginResult r;
  ASSERT_TRUE(store_->Login("c1", "password-1", "10.0.0.1", "", &r).ok());
  EXPECT_FALSE(store_->Login("c1", "nope-nope", "10.0.0.2", "", &r).ok());
  std::vector<AuditEntry> log;
  ASSERT_TRUE(ReadAudit(store_->database_for_testing(), 0, 100, &log).ok());
  ASSERT_GE(log.size(), 5u);  // 2 offices, user, login, failure
  EXPECT_EQ(log[0].action, "login_failed");
  EXPECT_EQ(log[0].address, "10.0.0.2");
  EXPECT_EQ(log[1].action, "login");
  EXPECT_EQ(log[1].actor, "c1");
  EXPECT_EQ(log[1].at, now_.load());
  const int64_t before = CountRows("SELECT count(*) FROM audit_log");
  store::Database* db = store_->database_for_testing();
  Status s = db->Exec("UPDATE audit_log SET actor = 'someone-else'");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("append-only"), std::string::npos) << s.message();
  EXPECT_FALSE(db->Exec("DELETE FROM audit_log").ok());
  EXPECT_FALSE(db->Exec("DELETE FROM audit_log WHERE id = 1").ok());
  EXPECT_FALSE(db->Exec("INSERT OR REPLACE INTO audit_log(id, at, actor, action, address) VALUES(1, 0, 'x', 'y', 'z')").ok());
  EXPECT_EQ(CountRows("SELECT count(*) FROM audit_log"), before);
  EXPECT_EQ(CountRows("SELECT count(*) FROM audit_log WHERE actor = 'someone-else'"), 0);
}

TEST(Tokens, ConstantTimeCompareAndRandomness) {
  const std::string a = RandomHex(32), b = RandomHex(32);
  EXPECT_EQ(a.size(), 64u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(TokensEqual(a, a));
  EXPECT_FALSE(TokensEqual(a, b));
  EXPECT_FALSE(TokensEqual(a, a.substr(0, 63)));
  EXPECT_FALSE(TokensEqual("", ""));
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace fangzhi::accounts
