// The five roles of the provincial review system. A user has exactly one.
// What each may do is decided in one place per concern: pages and API by
// the route table (server/routes.h), manuscript steps by
// workflow/manuscript_status.h; this file only names them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace fangzhi::accounts {

enum class Role {
  kAdmin,      // 管理员: accounts and offices; sees everything, takes no review step
  kReviewer,   // 省级审读: sees the manuscripts of offices within its own (province or city)
               // region (region_scope.h), takes the review steps
  kCompiler,   // 编纂: sees, uploads and resubmits its own office's manuscripts only
  kDigitizer,  // 数字化: proofreading of scanned texts (issue #7); no manuscripts
  kReader,     // 读者: public pages only
};

// "admin", "reviewer", "compiler", "digitizer", "reader": what the CLI, the
// database and the JSON API use.
std::string_view RoleName(Role r);
// "管理员", "省级审读", "编纂", "数字化", "读者".
std::string_view RoleLabel(Role r);
// Accepts the English name or the Chinese label; an unknown role is refused
// with a message that lists the valid ones.
Status ParseRole(std::string_view text, Role* out);
const std::vector<Role>& AllRoles();

}  // namespace fangzhi::accounts
