// `fangzhi user add|list|disable|passwd` and `fangzhi office add|list`: the
// accounts of the review system. Passwords are never taken from the command
// line (they would sit in the shell history and in `ps`): they come from
// stdin, the first line, with --password-stdin, or from a prompt without
// echo when stdin is a terminal.
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "accounts/account_store.h"
#include "accounts/region_scope.h"
#include "cli/commands.h"
#include "cli/display_width.h"

namespace fangzhi::cli {
namespace {

using accounts::AccountStore;

// One line from stdin without its line end; echo off when it is a terminal.
Status ReadPassword(const CommandLine& cl, const char* prompt, std::string* out) {
  const bool tty = ::isatty(STDIN_FILENO) != 0;
  if (!cl.Has("--password-stdin") && !tty) {
    return Status::InvalidInput("请用 --password-stdin 从标准输入提供密码（密码不接受命令行参数）"
                                " (give the password on stdin with --password-stdin)");
  }
  termios old{};
  const bool hide = tty && ::tcgetattr(STDIN_FILENO, &old) == 0;
  if (hide) {
    std::cerr << prompt << std::flush;
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (hide) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  if (!got && line.empty()) return Status::InvalidInput("标准输入中没有密码 (no password on stdin)");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  *out = std::move(line);
  return Status::Ok();
}

Status PasswordTwice(const CommandLine& cl, std::string* out) {
  FZ_RETURN_IF_ERROR(ReadPassword(cl, "密码 Password: ", out));
  if (!cl.Has("--password-stdin")) {
    std::string again;
    FZ_RETURN_IF_ERROR(ReadPassword(cl, "再输一次 Again: ", &again));
    if (again != *out) return Status::InvalidInput("两次输入的密码不一致 (passwords differ)");
  }
  return Status::Ok();
}

void PrintTable(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width(rows.front().size(), 0);
  for (const auto& r : rows) {
    for (size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], DisplayWidth(r[c]));
  }
  for (const auto& r : rows) {
    std::string line;
    for (size_t c = 0; c < r.size(); ++c) line += (c + 1 == r.size() ? r[c] : PadRight(r[c], width[c]) + "  ");
    std::cout << line << "\n";
  }
}

int UserAdd(const CommandLine& cl, AccountStore* store) {
  if (cl.args.size() != 2) {
    return Fail(Status::InvalidInput("用法：fangzhi user add 用户名 --role 角色 --office 地区代码 [--office-name 名称]"
                                     " [--password-stdin]"));
  }
  const std::string& name = cl.args[1];
  if (!cl.values.count("--role")) {
    return Fail(Status::InvalidInput("请用 --role 指定角色：admin、reviewer、compiler、digitizer、reader"));
  }
  if (!cl.values.count("--office")) return Fail(Status::InvalidInput("请用 --office 指定所属机构的地区代码，如 510104"));
  accounts::Role role{};
  Status s = accounts::ParseRole(cl.Value("--role"), &role);
  if (!s.ok()) return Fail(s);
  const std::string office = cl.Value("--office");
  s = accounts::CheckRegionCode(office);
  // Refused before --office-name could create the office.
  if (s.ok()) s = accounts::CheckRoleOffice(role, office);
  if (!s.ok()) return Fail(s);
  // The office is created on the fly when --office-name names it, so that
  // one command sets up a new county; without it the office must exist.
  accounts::Office o;
  s = store->GetOffice(office, &o);
  if (s.code() == Status::Code::kNotFound) {
    if (!cl.values.count("--office-name")) {
      return Fail(Status::InvalidInput("机构 " + office + " 尚未建立：加 --office-name 名称 一并建立，或先运行 fangzhi office add " +
                                       office + " 名称 (no such office; add --office-name)"));
    }
    s = store->AddOffice(office, cl.Value("--office-name"));
  } else if (s.ok() && cl.values.count("--office-name") && cl.Value("--office-name") != o.name) {
    s = Status::InvalidInput("机构 " + office + " 已存在，名称为 " + o.name + "，与 --office-name 不符");
  }
  if (!s.ok()) return Fail(s);
  std::string password;
  s = PasswordTwice(cl, &password);
  if (s.ok()) s = store->AddUser(name, role, office, password, "cli", "cli");
  if (!s.ok()) return Fail(s);
  std::cout << "已添加用户 " << name << "（" << accounts::RoleLabel(role) << "，" << office << "）\n";
  return kExitOk;
}

int UserList(const CommandLine& cl, AccountStore* store) {
  if (cl.args.size() != 1) return Fail(Status::InvalidInput("user list 不接受参数"));
  std::vector<accounts::User> users;
  Status s = store->ListUsers(&users);
  if (!s.ok()) return Fail(s);
  if (cl.Has("--json")) {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const auto& u : users) {
      arr.push_back({{"name", u.name}, {"role", accounts::RoleName(u.role)}, {"role_label", accounts::RoleLabel(u.role)},
                     {"office", u.office}, {"office_name", u.office_name}, {"disabled", u.disabled},
                     {"created_at", u.created_at}});
    }
    std::cout << nlohmann::ordered_json{{"users", arr}}.dump(2) << "\n";
    return kExitOk;
  }
  if (users.empty()) {
    std::cout << "还没有用户。用 fangzhi user add 用户名 --role 角色 --office 地区代码 添加。\n";
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows = {{"用户名", "角色", "机构", "状态"}};
  for (const auto& u : users) {
    rows.push_back({u.name, std::string(accounts::RoleName(u.role)) + " " + std::string(accounts::RoleLabel(u.role)),
                    u.office + " " + u.office_name, u.disabled ? "已停用" : "正常"});
  }
  PrintTable(rows);
  return kExitOk;
}

int OfficeCommand(const CommandLine& cl) {
  std::unique_ptr<AccountStore> store;
  Status s = AccountStore::Open(cl.data_dir, &store);
  if (!s.ok()) return Fail(s);
  const std::string sub = cl.args.empty() ? "" : cl.args.front();
  if (sub == "add") {
    if (cl.args.size() != 3) return Fail(Status::InvalidInput("用法：fangzhi office add 地区代码 名称"));
    s = store->AddOffice(cl.args[1], cl.args[2]);
    if (!s.ok()) return Fail(s);
    std::cout << "已添加机构 " << cl.args[1] << " " << cl.args[2] << "\n";
    return kExitOk;
  }
  if (sub == "list") {
    std::vector<accounts::Office> offices;
    s = store->ListOffices(&offices);
    if (!s.ok()) return Fail(s);
    if (cl.Has("--json")) {
      nlohmann::ordered_json arr = nlohmann::ordered_json::array();
      for (const auto& o : offices) arr.push_back({{"region_code", o.region_code}, {"name", o.name}});
      std::cout << nlohmann::ordered_json{{"offices", arr}}.dump(2) << "\n";
      return kExitOk;
    }
    if (offices.empty()) {
      std::cout << "还没有机构。用 fangzhi office add 地区代码 名称 添加。\n";
      return kExitOk;
    }
    std::vector<std::vector<std::string>> rows = {{"地区代码", "名称"}};
    for (const auto& o : offices) rows.push_back({o.region_code, o.name});
    PrintTable(rows);
    return kExitOk;
  }
  return Fail(Status::InvalidInput("office 的子命令是 add 或 list，而不是 “" + sub + "”"));
}

}  // namespace

int RunUser(const CommandLine& cl) {
  const std::string sub = cl.args.empty() ? "" : cl.args.front();
  if (sub != "add" && sub != "list" && sub != "disable" && sub != "passwd") {
    return Fail(Status::InvalidInput("user 的子命令是 add、list、disable 或 passwd，而不是 “" + sub +
                                     "”；运行 fangzhi user --help 查看用法"));
  }
  std::unique_ptr<AccountStore> store;
  Status s = AccountStore::Open(cl.data_dir, &store);
  if (!s.ok()) return Fail(s);
  if (sub == "add") return UserAdd(cl, store.get());
  if (sub == "list") return UserList(cl, store.get());
  if (cl.args.size() != 2) return Fail(Status::InvalidInput("用法：fangzhi user " + sub + " 用户名"));
  const std::string& name = cl.args[1];
  if (sub == "disable") {
    s = store->DisableUser(name, "cli", "cli");
    if (!s.ok()) return Fail(s);
    std::cout << "已停用用户 " << name << "，其登录会话全部失效\n";
    return kExitOk;
  }
  accounts::User u;
  s = store->FindUser(name, &u);  // before asking for a password
  std::string password;
  if (s.ok()) s = PasswordTwice(cl, &password);
  if (s.ok()) s = store->SetPassword(name, password, "cli", "cli");
  if (!s.ok()) return Fail(s);
  std::cout << "已为用户 " << name << " 设置新密码，其登录会话全部失效\n";
  return kExitOk;
}

int RunOffice(const CommandLine& cl) { return OfficeCommand(cl); }

}  // namespace fangzhi::cli
