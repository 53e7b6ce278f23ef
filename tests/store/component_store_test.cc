#include "store/component_store.h"

#include <gtest/gtest.h>

#include "store/library.h"
#include "test_util.h"

namespace fangzhi::store {
namespace {

using testing::TempDir;

int64_t CountRows(Database* db, const char* sql) {
  Statement st;
  EXPECT_TRUE(db->Prepare(sql, &st).ok());
  bool row = false;
  EXPECT_TRUE(st.Step(&row).ok());
  return row ? st.Int(0) : -1;
}

TEST(ComponentStore, MigratesOnceAndKeepsRows) {
  TempDir dir;
  const std::vector<const char*> v1 = {"CREATE TABLE review_things(id INTEGER PRIMARY KEY, name TEXT);"};
  {
    std::unique_ptr<Database> db;
    ASSERT_TRUE(OpenComponentDatabase(dir.path() / "data", "review", v1, &db).ok());
    ASSERT_TRUE(db->Exec("INSERT INTO review_things(name) VALUES('甲')").ok());
  }
  // A second migration is applied on top; the first is not rerun (it would fail: table exists).
  const std::vector<const char*> v2 = {v1[0], "ALTER TABLE review_things ADD COLUMN note TEXT;"};
  std::unique_ptr<Database> db;
  ASSERT_TRUE(OpenComponentDatabase(dir.path() / "data", "review", v2, &db).ok());
  EXPECT_EQ(CountRows(db.get(), "SELECT count(*) FROM review_things WHERE note IS NULL"), 1);
  // Another component has its own numbering.
  std::unique_ptr<Database> other;
  ASSERT_TRUE(OpenComponentDatabase(dir.path() / "data", "digitize",
                                    {"CREATE TABLE digitize_pages(id INTEGER PRIMARY KEY);"}, &other)
                  .ok());
  // And the library still opens the same data dir.
  std::unique_ptr<Library> lib;
  ASSERT_TRUE(Library::Open(dir.path() / "data", &lib).ok());
}

TEST(ComponentStore, RefusesNewerComponentVersionAndBrokenMigration) {
  TempDir dir;
  std::unique_ptr<Database> db;
  ASSERT_TRUE(OpenComponentDatabase(dir.path() / "data", "review",
                                    {"CREATE TABLE a(x);", "CREATE TABLE b(x);"}, &db)
                  .ok());
  db.reset();
  Status s = OpenComponentDatabase(dir.path() / "data", "review", {"CREATE TABLE a(x);"}, &db);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("review"), std::string::npos) << s.message();
  // A failing migration leaves the component at its old version.
  s = OpenComponentDatabase(dir.path() / "data", "review",
                            {"CREATE TABLE a(x);", "CREATE TABLE b(x);", "CREATE TABLE c(x); SELEC broken;"}, &db);
  EXPECT_FALSE(s.ok());
  ASSERT_TRUE(OpenComponentDatabase(dir.path() / "data", "review",
                                    {"CREATE TABLE a(x);", "CREATE TABLE b(x);", "CREATE TABLE c(x);"}, &db)
                  .ok());
}

// A component's rows and a work stand or fall together (ingest of a
// submission: the work and its provenance).
TEST(ComponentStore, ImportWithRunsInTheImportsTransaction) {
  TempDir dir;
  const auto data = dir.path() / "data";
  std::unique_ptr<Database> db;
  ASSERT_TRUE(OpenComponentDatabase(data, "prov", {"CREATE TABLE prov(work TEXT);"}, &db).ok());
  model::Document doc;
  doc.work.id = "w1";
  doc.work.title = "試";
  doc.work.kind = "志书";
  model::Edition e;
  e.id = "master";
  e.base = true;
  model::Node n;
  n.key = "1";
  n.blocks.push_back({model::BlockKind::kText, 1, "巴蜀", {}});
  e.nodes.push_back(n);
  doc.editions.push_back(e);
  std::unique_ptr<Library> lib;
  ASSERT_TRUE(Library::Open(data, &lib).ok());
  auto record = [](Database* d) { return d->Exec("INSERT INTO prov(work) VALUES('w1')"); };
  // `also` fails: neither the work nor the row.
  Status s = lib->ImportWith(doc, false, [&](Database* d) {
    FZ_RETURN_IF_ERROR(record(d));
    return Status::IoError("模拟：来源记录写入失败");
  });
  EXPECT_FALSE(s.ok());
  std::vector<WorkSummary> works;
  ASSERT_TRUE(lib->ListWorks(&works).ok());
  EXPECT_TRUE(works.empty());
  EXPECT_EQ(CountRows(db.get(), "SELECT count(*) FROM prov"), 0);
  // `also` succeeds: both.
  ASSERT_TRUE(lib->ImportWith(doc, false, record).ok());
  ASSERT_TRUE(lib->ListWorks(&works).ok());
  EXPECT_EQ(works.size(), 1u);
  EXPECT_EQ(CountRows(db.get(), "SELECT count(*) FROM prov"), 1);
}

// A cached statement comes back reset with no bindings, and a caller that
// asks for the same SQL while it is in use gets a statement of its own.
TEST(ComponentStore, CachedStatementsAreResetAndNestedUsesGetTheirOwn) {
  TempDir dir;
  std::unique_ptr<Database> db;
  ASSERT_TRUE(OpenComponentDatabase(dir.path() / "data", "t", {"CREATE TABLE t(n INTEGER);"}, &db).ok());
  ASSERT_TRUE(db->Exec("INSERT INTO t VALUES (1), (2), (3);").ok());
  constexpr const char* kSql = "SELECT n FROM t WHERE n >= ? ORDER BY n";
  {
    Statement outer;
    ASSERT_TRUE(db->PrepareCached(kSql, &outer).ok());
    outer.Bind(1, int64_t{2});
    bool row = false;
    ASSERT_TRUE(outer.Step(&row).ok());
    ASSERT_TRUE(row);
    EXPECT_EQ(outer.Int(0), 2);
    {
      Statement inner;
      ASSERT_TRUE(db->PrepareCached(kSql, &inner).ok());
      inner.Bind(1, int64_t{1});
      ASSERT_TRUE(inner.Step(&row).ok());
      EXPECT_EQ(inner.Int(0), 1);
    }
    ASSERT_TRUE(outer.Step(&row).ok());  // the outer one was not disturbed
    ASSERT_TRUE(row);
    EXPECT_EQ(outer.Int(0), 3);
  }
  Statement again;
  ASSERT_TRUE(db->PrepareCached(kSql, &again).ok());
  bool row = false;
  ASSERT_TRUE(again.Step(&row).ok());  // unbound: n >= NULL matches nothing
  EXPECT_FALSE(row);
}

}  // namespace
}  // namespace fangzhi::store
