// Helpers for the review tests: manuscripts written on the fly.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "check/finding.h"
#include "review/manuscript.h"
#include "test_util.h"

namespace fangzhi::review::testing {

inline const char* kFrontMatter = "---\ntitle: 测试县年鉴（2025）\nkind: 年鉴\nid: test-2025\nperiod: 2024\nregion: 测试县\n---\n\n";

// Writes `body` under yearbook front matter and imports it.
inline model::Document Manuscript(const fangzhi::testing::TempDir& dir, const std::string& name, const std::string& body,
                                  const std::string& front = kFrontMatter) {
  const auto path = dir / name;
  fangzhi::testing::WriteFile(path, front + body);
  model::Document doc;
  const Status s = LoadManuscript(path.string(), "", &doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return doc;
}

inline std::vector<check::Finding> WithRule(const std::vector<check::Finding>& fs, const std::string& rule) {
  std::vector<check::Finding> out;
  std::copy_if(fs.begin(), fs.end(), std::back_inserter(out), [&](const check::Finding& f) { return f.rule == rule; });
  return out;
}

inline std::string Dump(const std::vector<check::Finding>& fs) {
  std::string out;
  for (const auto& f : fs) out += f.rule + " " + f.path + " “" + f.excerpt + "” " + f.message + "\n";
  return out;
}

}  // namespace fangzhi::review::testing
