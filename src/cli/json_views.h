// The JSON the CLI prints (and the web API will serve). One place, so the
// shapes documented in docs/cli.md stay the same everywhere.
#pragma once

#include <nlohmann/json.hpp>

#include "model/document.h"
#include "store/library.h"

namespace fangzhi::cli {

nlohmann::json WorkJson(const store::WorkSummary& w);
nlohmann::json NodeSummaryJson(const store::NodeSummary& n);
nlohmann::json BlockJson(const model::Block& b);

}  // namespace fangzhi::cli
