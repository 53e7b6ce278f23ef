// One witness of a work (the Kanripo master, SBCK, WYG …) or one numbered
// version of a manuscript. Each carries its own node tree.
#pragma once

#include <string>
#include <vector>

#include "model/node.h"

namespace fangzhi::model {

struct Edition {
  std::string id;     // "master", "SBCK", "WYG", "v1"
  std::string label;  // 【四部叢刊】, 【四庫全書・文淵閣】, 底本 …
  bool base = false;  // the text other editions are compared with
  std::vector<Node> nodes;

  bool operator==(const Edition&) const = default;
};

}  // namespace fangzhi::model
