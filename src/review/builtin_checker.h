// CheckVersion (recheck.h) with the built-in rule packs, compiled once per
// process: compiling the Hyperscan database costs more than checking a
// yearbook, and both the upload (workflow, which stores the count of open
// findings for the dashboard) and the review screens check versions, so
// they share one checker and count the same findings the same way.
//
// Thread-safe: a Checker's scratch space is not shared between threads, so
// checks take turns behind a mutex.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "check/finding.h"
#include "model/document.h"
#include "review/framework.h"

namespace fangzhi::review {

// The checks' findings, then the outline review's against `framework`, of
// the base edition of `doc`; `kind` "yearbook" or "gazetteer".
Status CheckVersionWithBuiltinRules(const model::Document& doc, const std::string& kind, const Framework& framework,
                                    std::vector<check::Finding>* out);

// The same with the built-in framework of `kind`: what the review screens
// list as a version's open findings before a reviewer has done anything.
Status CheckVersionWithBuiltinFramework(const model::Document& doc, const std::string& kind,
                                        std::vector<check::Finding>* out);

}  // namespace fangzhi::review
