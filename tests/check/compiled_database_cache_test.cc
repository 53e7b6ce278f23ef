#include "check/compiled_database_cache.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "check/checker.h"
#include "check/rule_pack.h"
#include "check_test_util.h"

namespace fangzhi::check {
namespace {

namespace fs = std::filesystem;
using fangzhi::testing::ReadFile;
using fangzhi::testing::TempDir;
using fangzhi::testing::WriteFile;

hs_database_t* Compile(const DatabaseInput& in) {
  std::vector<const char*> ptrs;
  for (const auto& e : in.expressions) ptrs.push_back(e.c_str());
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  EXPECT_EQ(hs_compile_multi(ptrs.data(), in.flags.data(), in.ids.data(), static_cast<unsigned>(ptrs.size()),
                             HS_MODE_BLOCK, nullptr, &db, &err),
            HS_SUCCESS);
  return db;
}

// (id, from, to) of every match of `db` in `text`.
std::vector<std::tuple<unsigned, unsigned long long, unsigned long long>> Scan(const hs_database_t* db,
                                                                               const std::string& text) {
  std::vector<std::tuple<unsigned, unsigned long long, unsigned long long>> out;
  hs_scratch_t* scratch = nullptr;
  EXPECT_EQ(hs_alloc_scratch(db, &scratch), HS_SUCCESS);
  hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch,
          [](unsigned id, unsigned long long from, unsigned long long to, unsigned, void* ctx) {
            static_cast<decltype(out)*>(ctx)->emplace_back(id, from, to);
            return 0;
          },
          &out);
  hs_free_scratch(scratch);
  return out;
}

const unsigned kFlags = HS_FLAG_UTF8 | HS_FLAG_UCP;

TEST(CompiledDatabaseCache, RoundTripsAndRefusesDamagedFiles) {
  TempDir dir;
  const std::vector<DatabaseInput> inputs = {{{"巴郡", "蜀[国國]"}, {kFlags, kFlags}, {0, 1}},
                                             {{"巴.+郡"}, {kFlags | HS_FLAG_SOM_LEFTMOST}, {0}}};
  std::vector<hs_database_t*> made = {Compile(inputs[0]), Compile(inputs[1])};
  const CompiledDatabaseCache cache(dir.path() / "cache");
  const std::string key = CompiledDatabaseCache::Key(inputs);
  std::vector<hs_database_t*> loaded;
  EXPECT_FALSE(cache.Load(key, &loaded));
  cache.Store(key, {made[0], made[1]});
  ASSERT_TRUE(cache.Load(key, &loaded));
  ASSERT_EQ(loaded.size(), 2u);
  const std::string text = "巴郡者，蜀國之東也；巴東之郡";
  EXPECT_EQ(Scan(loaded[0], text), Scan(made[0], text));
  EXPECT_EQ(Scan(loaded[1], text), Scan(made[1], text));
  EXPECT_EQ(Scan(loaded[1], text).size(), 1u);  // one end (the last 郡), its leftmost start
  for (hs_database_t* db : loaded) hs_free_database(db);

  // Another expression, flag or order is another file.
  auto other = inputs;
  other[0].expressions[1] = "蜀国";
  EXPECT_NE(CompiledDatabaseCache::Key(other), key);
  other = inputs;
  other[1].flags[0] = kFlags;
  EXPECT_NE(CompiledDatabaseCache::Key(other), key);

  // A flipped byte or a cut file is not loaded.
  const fs::path file = cache.PathOf(key);
  const std::string good = ReadFile(file);
  std::string bad = good;
  bad[bad.size() / 2] ^= 0x55;
  WriteFile(file, bad);
  EXPECT_FALSE(cache.Load(key, &loaded));
  EXPECT_TRUE(loaded.empty());
  WriteFile(file, good.substr(0, good.size() - 1));
  EXPECT_FALSE(cache.Load(key, &loaded));
  WriteFile(file, good);
  ASSERT_TRUE(cache.Load(key, &loaded));
  for (hs_database_t* db : loaded) hs_free_database(db);

  // No folder: never anything, and storing is harmless.
  const CompiledDatabaseCache none{fs::path()};
  none.Store(key, {made[0], made[1]});
  EXPECT_FALSE(none.Load(key, &loaded));
  for (hs_database_t* db : made) hs_free_database(db);
}

// Sets FANGZHI_CACHE_DIR for one scope.
class CacheDirScope {
 public:
  explicit CacheDirScope(const fs::path& dir) {
    if (const char* old = std::getenv("FANGZHI_CACHE_DIR")) old_ = old;
    setenv("FANGZHI_CACHE_DIR", dir.c_str(), 1);
  }
  ~CacheDirScope() {
    if (old_.empty()) {
      unsetenv("FANGZHI_CACHE_DIR");
    } else {
      setenv("FANGZHI_CACHE_DIR", old_.c_str(), 1);
    }
  }

 private:
  std::string old_;
};

std::vector<std::string> Findings(const model::Document& doc) {
  RuleSet rules;
  EXPECT_TRUE(LoadBuiltinRules(&rules).ok());
  std::unique_ptr<Checker> c;
  const Status s = Checker::Create(std::move(rules), &c);
  EXPECT_TRUE(s.ok()) << s.message();
  if (!c) return {};
  std::vector<Finding> found;
  EXPECT_TRUE(c->Check(doc, {.kind = "yearbook", .edition = ""}, &found).ok());
  std::vector<std::string> out;
  for (const Finding& f : found) out.push_back(f.rule + "@" + std::to_string(f.start) + "-" + std::to_string(f.end));
  return out;
}

ino_t Inode(const fs::path& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

// The checker's findings are the same whether its rules were compiled now,
// loaded from the cache, loaded from a damaged file (recompiled), or could
// not be cached at all.
TEST(CompiledDatabaseCache, CheckerFindsTheSameWithAndWithoutIt) {
  TempDir dir;
  const model::Document doc = testing::MakeDoc(
      "yearbook", "示例", {"我县2024年全年共接待游客1，234万人次，同比增长百分之十五。", "在党的领导下，我们的的工作取得了进步。"});
  std::vector<std::string> compiled, loaded, recompiled, uncached;
  fs::path file;
  {
    CacheDirScope scope(dir / "cache");
    compiled = Findings(doc);
    ASSERT_EQ(std::distance(fs::directory_iterator(dir / "cache"), fs::directory_iterator()), 1);
    file = fs::directory_iterator(dir / "cache")->path();
    const ino_t before = Inode(file);
    loaded = Findings(doc);
    EXPECT_EQ(Inode(file), before);  // read, not written again
    std::string bytes = ReadFile(file);
    bytes[bytes.size() / 3] ^= 0x20;
    WriteFile(file, bytes);
    recompiled = Findings(doc);
    EXPECT_NE(ReadFile(file), bytes);  // written anew
  }
  {
    WriteFile(dir / "not-a-folder", "x");
    CacheDirScope scope(dir / "not-a-folder" / "cache");
    uncached = Findings(doc);
  }
  EXPECT_GE(compiled.size(), 2u);
  EXPECT_EQ(loaded, compiled);
  EXPECT_EQ(recompiled, compiled);
  EXPECT_EQ(uncached, compiled);
}

}  // namespace
}  // namespace fangzhi::check
