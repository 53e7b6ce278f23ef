#include "model/region.h"

#include <array>

namespace fangzhi::model {
namespace {

struct Province {
  const char* code;
  const char* name;
  // Short names as titles write them, both scripts; historical names where a
  // title uses one (畿輔 = 直隶, now 河北; 盛京 = 奉天, now 辽宁).
  std::array<const char*, 4> aliases;
};

constexpr Province kProvinces[] = {
    {"11", "北京市", {"北京", nullptr, nullptr, nullptr}},
    {"12", "天津市", {"天津", nullptr, nullptr, nullptr}},
    {"13", "河北省", {"河北", "畿輔", "畿辅", nullptr}},
    {"14", "山西省", {"山西", nullptr, nullptr, nullptr}},
    {"15", "内蒙古自治区", {"内蒙古", "內蒙古", nullptr, nullptr}},
    {"21", "辽宁省", {"辽宁", "遼寧", "盛京", nullptr}},
    {"22", "吉林省", {"吉林", nullptr, nullptr, nullptr}},
    {"23", "黑龙江省", {"黑龙江", "黑龍江", nullptr, nullptr}},
    {"31", "上海市", {"上海", nullptr, nullptr, nullptr}},
    {"32", "江苏省", {"江苏", "江蘇", nullptr, nullptr}},
    {"33", "浙江省", {"浙江", nullptr, nullptr, nullptr}},
    {"34", "安徽省", {"安徽", nullptr, nullptr, nullptr}},
    {"35", "福建省", {"福建", nullptr, nullptr, nullptr}},
    {"36", "江西省", {"江西", nullptr, nullptr, nullptr}},
    {"37", "山东省", {"山东", "山東", nullptr, nullptr}},
    {"41", "河南省", {"河南", nullptr, nullptr, nullptr}},
    {"42", "湖北省", {"湖北", nullptr, nullptr, nullptr}},
    {"43", "湖南省", {"湖南", nullptr, nullptr, nullptr}},
    {"44", "广东省", {"广东", "廣東", nullptr, nullptr}},
    {"45", "广西壮族自治区", {"广西", "廣西", nullptr, nullptr}},
    {"46", "海南省", {"海南", nullptr, nullptr, nullptr}},
    {"50", "重庆市", {"重庆", "重慶", nullptr, nullptr}},
    {"51", "四川省", {"四川", nullptr, nullptr, nullptr}},
    {"52", "贵州省", {"贵州", "貴州", nullptr, nullptr}},
    {"53", "云南省", {"云南", "雲南", nullptr, nullptr}},
    {"54", "西藏自治区", {"西藏", nullptr, nullptr, nullptr}},
    {"61", "陕西省", {"陕西", "陝西", nullptr, nullptr}},
    {"62", "甘肃省", {"甘肃", "甘肅", nullptr, nullptr}},
    {"63", "青海省", {"青海", nullptr, nullptr, nullptr}},
    {"64", "宁夏回族自治区", {"宁夏", "寧夏", nullptr, nullptr}},
    {"65", "新疆维吾尔自治区", {"新疆", nullptr, nullptr, nullptr}},
    {"71", "台湾省", {"台湾", "臺灣", "台灣", nullptr}},
    {"81", "香港特别行政区", {"香港", nullptr, nullptr, nullptr}},
    {"82", "澳门特别行政区", {"澳门", "澳門", nullptr, nullptr}},
};

}  // namespace

bool IsWellFormedRegionCode(std::string_view code) {
  if (code.size() != 2 && code.size() != 4 && code.size() != 6) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return !ProvinceName(code.substr(0, 2)).empty();
}

std::string RegionCodePrefix(std::string_view code) {
  std::string c(code);
  while (c.size() > 2 && c.ends_with("00")) c.resize(c.size() - 2);
  return c;
}

bool RegionWithin(std::string_view code, std::string_view region) {
  if (code.empty() || region.empty()) return false;
  return RegionCodePrefix(code).starts_with(RegionCodePrefix(region));
}

std::string ProvinceName(std::string_view code) {
  for (const Province& p : kProvinces) {
    if (code == p.code) return p.name;
  }
  return "";
}

std::string ProvinceCodeInTitle(std::string_view title) {
  std::string found;
  for (const Province& p : kProvinces) {
    for (const char* alias : p.aliases) {
      if (alias == nullptr || title.find(alias) == std::string_view::npos) continue;
      if (!found.empty() && found != p.code) return "";  // 湖廣 etc.: ambiguous
      found = p.code;
    }
  }
  return found;
}

}  // namespace fangzhi::model
