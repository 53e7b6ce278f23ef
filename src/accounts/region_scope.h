// Which offices' manuscripts a reviewer answers for: those within its own
// office's region (model::RegionWithin: the province office 51 covers 5101
// and 510104, the city office 5101 covers 510104 but not 510704).
//
// A reviewer belongs to a province or a city office (a city may run its
// counties' reviews); a reviewer of a county office would review its own
// manuscripts, so AddUser refuses it.
#pragma once

#include <string>

#include "accounts/role.h"
#include "base/status.h"

namespace fangzhi::accounts {

// Whether `office` is county-level: six digits, not ending in "00".
bool IsCountyOffice(const std::string& office);

// InvalidInput, naming the office, for a reviewer of a county-level office;
// Ok for every other pair.
Status CheckRoleOffice(Role role, const std::string& office);

}  // namespace fangzhi::accounts
