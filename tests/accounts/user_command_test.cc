// `fangzhi user …` and `fangzhi office …` as a user runs them: exit codes,
// messages, and passwords only ever on stdin.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accounts/account_store.h"
#include "test_util.h"

namespace fangzhi {
namespace {

using testing::CommandResult;
using testing::TempDir;

// `fangzhi --data DATA ARGS` with `password` (and a newline) on stdin.
CommandResult WithStdin(const std::filesystem::path& data, const std::string& password, const std::string& args) {
  return testing::RunShell("printf '%s\\n' '" + password + "' | " + std::string(FANGZHI_BINARY) + " --data '" +
                           data.string() + "' " + args);
}

TEST(UserCommand, AddListDisablePasswd) {
  TempDir dir;
  const auto data = dir.path() / "data";
  CommandResult r = WithStdin(data, "county-pass-1",
                              "user add zhang --role compiler --office 510104 --office-name 锦江区地方志办公室 --password-stdin");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("zhang"), std::string::npos);
  r = WithStdin(data, "province-pass", "user add wang --role 省级审读 --office 51 --office-name 四川省地方志工作办公室 --password-stdin");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = testing::Fangzhi(data, "office add 5101 成都市地方志办公室");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = testing::Fangzhi(data, "office list --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["offices"].size(), 3u);

  r = testing::Fangzhi(data, "user list --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["users"].size(), 2u);
  EXPECT_EQ(j["users"][0]["name"], "wang");
  EXPECT_EQ(j["users"][0]["role"], "reviewer");
  EXPECT_EQ(j["users"][1]["office_name"], "锦江区地方志办公室");
  EXPECT_EQ(j["users"][1]["disabled"], false);
  r = testing::Fangzhi(data, "user list");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("省级审读"), std::string::npos);

  // The password works, then passwd changes it and ends sessions.
  std::unique_ptr<accounts::AccountStore> store;
  ASSERT_TRUE(accounts::AccountStore::Open(data, &store).ok());
  accounts::LoginResult login;
  ASSERT_TRUE(store->Login("zhang", "county-pass-1", "10.0.0.1", "", &login).ok());
  r = WithStdin(data, "county-pass-2", "user passwd zhang --password-stdin");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  accounts::Session s;
  EXPECT_FALSE(store->ResolveSession(login.session_id, &s).ok());
  EXPECT_FALSE(store->Login("zhang", "county-pass-1", "10.0.0.1", "", &login).ok());
  ASSERT_TRUE(store->Login("zhang", "county-pass-2", "10.0.0.1", "", &login).ok());
  r = testing::Fangzhi(data, "user disable zhang");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(store->ResolveSession(login.session_id, &s).ok());
  r = testing::Fangzhi(data, "user list --json");
  EXPECT_EQ(nlohmann::json::parse(r.out)["users"][1]["disabled"], true);
}

TEST(UserCommand, BadInputsGetClearMessagesAndExitCode2) {
  TempDir dir;
  const auto data = dir.path() / "data";
  ASSERT_EQ(testing::Fangzhi(data, "office add 51 四川省地方志工作办公室").exit_code, 0);
  struct Case {
    std::string password;
    std::string args;
    std::string message;
  } cases[] = {
      {"good-password", "user add a --role emperor --office 51 --password-stdin", "未知的角色"},
      {"good-password", "user add a --role reader --office 5x --password-stdin", "GB/T 2260"},
      {"good-password", "user add a --role reader --office 99 --office-name 某 --password-stdin", "GB/T 2260"},
      {"good-password", "user add a --role reader --office 510104 --password-stdin", "--office-name"},
      {"", "user add a --role reader --office 51 --password-stdin", "密码不能为空"},
      {"short", "user add a --role reader --office 51 --password-stdin", "太短"},
      {"good-password", "user add a --office 51 --password-stdin", "--role"},
      {"good-password", "user add a --role reader --password-stdin", "--office"},
      {"good-password", "user passwd nobody --password-stdin", "没有用户"},
      {"good-password", "user disable nobody", "没有用户"},
      {"good-password", "user frobnicate", "add、list、disable 或 passwd"},
      {"good-password", "user add a --role reader --office 51 --password secret", "没有选项 --password"},
      {"good-password", "office add 51 重复", "已存在"},
      // A reviewer of a county office would review its own county: refused,
      // and the office --office-name names is not created either.
      {"good-password", "user add rv2 --role reviewer --office 510105 --office-name 青羊区地方志办公室 --password-stdin",
       "县级机构 510105"},
  };
  for (const Case& c : cases) {
    CommandResult r = WithStdin(data, c.password, c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args << "\n" << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << "\n" << r.err;
    EXPECT_TRUE(r.err.starts_with("错误：")) << r.err;
  }
  // Without --password-stdin and without a terminal, no password is guessed.
  CommandResult r = testing::Fangzhi(data, "user add a --role reader --office 51");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--password-stdin"), std::string::npos) << r.err;
  // Nothing of the failed attempts was stored.
  r = testing::Fangzhi(data, "user list --json");
  EXPECT_EQ(nlohmann::json::parse(r.out)["users"].size(), 0u);
  r = testing::Fangzhi(data, "office list --json");
  EXPECT_EQ(nlohmann::json::parse(r.out)["offices"].size(), 1u) << r.out;
  // A city office may have reviewers (it reviews its counties).
  r = WithStdin(data, "good-password", "user add rv3 --role reviewer --office 5101 --office-name 成都市地方志办公室 --password-stdin");
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace fangzhi
