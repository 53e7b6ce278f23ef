#include "check/finding.h"

namespace fangzhi::check {

namespace {
struct CategoryInfo {
  Category c;
  const char* name;
  const char* label;
};
constexpr CategoryInfo kCategories[] = {
    {Category::kPerson, "person", "第一人称"},       {Category::kTime, "time", "时间表述"},
    {Category::kNumber, "number", "数字与计量"},     {Category::kPunctuation, "punctuation", "标点符号"},
    {Category::kTerminology, "terminology", "规范表述"}, {Category::kStyle, "style", "文风"},
    {Category::kStructure, "structure", "体例结构"}, {Category::kConsistency, "consistency", "全书一致"},
    {Category::kTypo, "typo", "错别字"},
};
}  // namespace

const char* CategoryName(Category c) {
  for (const auto& i : kCategories) {
    if (i.c == c) return i.name;
  }
  return "style";
}

const char* CategoryLabel(Category c) {
  for (const auto& i : kCategories) {
    if (i.c == c) return i.label;
  }
  return "";
}

bool ParseCategory(std::string_view name, Category* out) {
  for (const auto& i : kCategories) {
    if (name == i.name) {
      *out = i.c;
      return true;
    }
  }
  return false;
}

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo: return "info";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "warning";
}

const char* SeverityLabel(Severity s) {
  switch (s) {
    case Severity::kInfo: return "提示";
    case Severity::kWarning: return "警告";
    case Severity::kError: return "错误";
  }
  return "";
}

bool ParseSeverity(std::string_view name, Severity* out) {
  if (name == "info") {
    *out = Severity::kInfo;
  } else if (name == "warning") {
    *out = Severity::kWarning;
  } else if (name == "error") {
    *out = Severity::kError;
  } else {
    return false;
  }
  return true;
}

std::string Quoted(std::string_view s) {
  constexpr std::string_view kOpen = "“", kClose = "”";
  if (s.size() > kOpen.size() + kClose.size() && s.starts_with(kOpen) && s.ends_with(kClose)) {
    const std::string_view inner = s.substr(kOpen.size(), s.size() - kOpen.size() - kClose.size());
    // Only when the marks pair up with each other: “甲”和“乙” is two quotes.
    if (inner.find(kOpen) == std::string_view::npos && inner.find(kClose) == std::string_view::npos) {
      return std::string(s);
    }
  }
  return std::string(kOpen) + std::string(s) + std::string(kClose);
}

}  // namespace fangzhi::check
