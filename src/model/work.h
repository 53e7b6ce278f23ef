// A work (著作): one gazetteer, yearbook or body of local records, whatever
// editions and versions of it the library holds.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace fangzhi::model {

// Kinds as the offices name them; stored and shown in Chinese.
inline constexpr const char* kKindGazetteer = "志书";
inline constexpr const char* kKindYearbook = "年鉴";
inline constexpr const char* kKindLocalRecord = "地情资料";
inline constexpr const char* kKindPeriodical = "期刊";
inline constexpr const char* kKindOther = "其他";
bool IsKnownKind(const std::string& kind);

struct Work {
  std::string id;           // KR2i0003, or a readable id for manuscripts
  std::string title;
  std::string kind = kKindOther;
  std::string region_code;  // GB/T 2260 where there is one ("51", "510104")
  std::string place_name;   // the place as the work names it (蜀, 華陽, 示例县)
  std::string period;       // 断限, e.g. "2024" or "1986-2005"
  std::string year;         // compiled or published year
  std::string dynasty;      // 朝代 or era of compilation (晉, 清, 当代)
  std::vector<std::string> compilers;
  std::string source;       // where the text came from
  std::string licence;
  std::map<std::string, std::string> extra;  // anything else the source states

  bool operator==(const Work&) const = default;
};

}  // namespace fangzhi::model
