#include "accounts/role.h"

namespace fangzhi::accounts {

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kAdmin: return "admin";
    case Role::kReviewer: return "reviewer";
    case Role::kCompiler: return "compiler";
    case Role::kDigitizer: return "digitizer";
    case Role::kReader: return "reader";
  }
  return "reader";
}

std::string_view RoleLabel(Role r) {
  switch (r) {
    case Role::kAdmin: return "管理员";
    case Role::kReviewer: return "省级审读";
    case Role::kCompiler: return "编纂";
    case Role::kDigitizer: return "数字化";
    case Role::kReader: return "读者";
  }
  return "读者";
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> kAll = {Role::kAdmin, Role::kReviewer, Role::kCompiler, Role::kDigitizer,
                                         Role::kReader};
  return kAll;
}

Status ParseRole(std::string_view text, Role* out) {
  for (Role r : AllRoles()) {
    if (text == RoleName(r) || text == RoleLabel(r)) {
      *out = r;
      return Status::Ok();
    }
  }
  std::string valid;
  for (Role r : AllRoles()) {
    valid += (valid.empty() ? "" : "、") + std::string(RoleName(r)) + "（" + std::string(RoleLabel(r)) + "）";
  }
  return Status::InvalidInput("未知的角色 “" + std::string(text) + "”；可用的角色：" + valid +
                              " (unknown role; valid: admin, reviewer, compiler, digitizer, reader)");
}

}  // namespace fangzhi::accounts
