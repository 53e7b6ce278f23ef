#include "formats/kanripo_catalog.h"

namespace fangzhi::formats {
namespace {

// The ten Ba-Shu texts of the bundled corpus (see shared/corpus/README.md).
// 華陽國志 and the provincial 通志 are 志书; histories, anthologies and
// notes on local products are 地情资料.
constexpr KanripoCatalogEntry kEntries[] = {
    {"KR2i0003", "志书", "51", "華陽（巴蜀）", "晉", "常璩"},
    {"KR2k0052", "志书", "51", "四川", "清", "黃廷桂、張晉生"},
    {"KR2k0126", "志书", "51", "蜀", "明", "曹學佺"},
    {"KR4h0109", "地情资料", "51", "蜀", "明", "周復俊"},
    {"KR2c0005", "地情资料", "51", "蜀", "宋", "郭允蹈"},
    {"KR2i0014", "地情资料", "5101", "錦里（成都）", "宋", "句延慶"},
    {"KR2i0016", "地情资料", "51", "蜀", "宋", "張唐英"},
    {"KR2k0127", "地情资料", "51", "益部（蜀）", "明", "何宇度"},
    {"KR2k0109", "地情资料", "51", "益部（蜀）", "宋", "宋祁"},
    {"KR2k0121", "地情资料", "5101", "成都", "元", "費著"},
};

}  // namespace

const KanripoCatalogEntry* FindKanripoCatalogEntry(const std::string& id) {
  for (const KanripoCatalogEntry& e : kEntries) {
    if (id == e.id) return &e;
  }
  return nullptr;
}

}  // namespace fangzhi::formats
