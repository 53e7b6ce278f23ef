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

}  // namespace
}  // namespace fangzhi::store
