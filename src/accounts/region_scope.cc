#include "accounts/region_scope.h"

#include "model/region.h"

namespace fangzhi::accounts {

bool IsCountyOffice(const std::string& office) { return model::RegionCodePrefix(office).size() >= 6; }

Status CheckRoleOffice(Role role, const std::string& office) {
  if (role == Role::kReviewer && IsCountyOffice(office)) {
    return Status::InvalidInput("审读人员只能属于省级或市级机构（如 51、5101），不能属于县级机构 " + office +
                                "：县级机构的用户请用 compiler 角色 (a reviewer must belong to a province or city office,"
                                " not the county office " + office + ")");
  }
  return Status::Ok();
}

}  // namespace fangzhi::accounts
