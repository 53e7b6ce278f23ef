#include "store/library.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "formats/kanripo_importer.h"
#include "formats/plain_text_importer.h"
#include "test_util.h"

namespace fangzhi::store {
namespace {

using testing::TempDir;
using testing::WriteFile;

model::Document SmallWork(const std::string& id, const std::string& text) {
  model::Document d;
  d.work.id = id;
  d.work.title = "試 " + id;
  d.work.kind = "志书";
  model::Edition e;
  e.id = "master";
  e.base = true;
  model::Node juan;
  juan.key = "001";
  juan.level = "卷";
  juan.blocks.push_back({model::BlockKind::kPage, 1, "", {{"ref", id + "_WYG_001-1a"}}});
  juan.blocks.push_back({model::BlockKind::kText, 1, text, {}});
  juan.blocks.push_back({model::BlockKind::kNote, 1, "小注/雙行", {}});
  model::Node child;
  child.key = "1";
  child.level = "节";
  child.title = "子目";
  child.blocks.push_back({model::BlockKind::kText, 1, "𥆳督", {}});
  juan.children.push_back(child);
  e.nodes.push_back(juan);
  d.editions.push_back(e);
  return d;
}

std::unique_ptr<Library> OpenOrDie(const std::filesystem::path& dir) {
  std::unique_ptr<Library> lib;
  Status s = Library::Open(dir, &lib);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return lib;
}

TEST(Library, StoresAndLoadsTheModelExactly) {
  TempDir dir;
  auto lib = OpenOrDie(dir / "data");
  const model::Document doc = SmallWork("KR9z0001", "昔在唐堯\n洪水滔天&KR0561;");
  ASSERT_TRUE(lib->Import(doc, false).ok());
  model::Document back;
  ASSERT_TRUE(lib->LoadDocument("KR9z0001", "", &back).ok());
  EXPECT_TRUE(back.editions == doc.editions);
  EXPECT_EQ(back.work.title, doc.work.title);
  std::vector<NodeSummary> nodes;
  ASSERT_TRUE(lib->ListNodes("KR9z0001", "", &nodes).ok());
  ASSERT_EQ(nodes.size(), 2u);
  EXPECT_EQ(nodes[1].path, "001/1");
  EXPECT_EQ(nodes[1].depth, 1);
  EXPECT_EQ(nodes[1].han_count, 4u);  // 子目 + 𥆳督
  model::Node node;
  ASSERT_TRUE(lib->LoadNode("KR9z0001", "master", "001/1", &node).ok());
  EXPECT_EQ(node.blocks.at(0).text, "𥆳督");
  EXPECT_EQ(lib->LoadNode("KR9z0001", "master", "002", &node).code(), Status::Code::kNotFound);
  EXPECT_EQ(lib->LoadNode("KR9z0001", "SBCK", "001", &node).code(), Status::Code::kNotFound);
}

TEST(Library, DuplicateIdRefusedUnlessReplaceAndLibraryUnchanged) {
  TempDir dir;
  auto lib = OpenOrDie(dir / "data");
  ASSERT_TRUE(lib->Import(SmallWork("KR9z0001", "舊文"), false).ok());
  Status s = lib->Import(SmallWork("KR9z0001", "新文"), false);
  EXPECT_EQ(s.code(), Status::Code::kAlreadyExists);
  model::Node n;
  ASSERT_TRUE(lib->LoadNode("KR9z0001", "", "001", &n).ok());
  EXPECT_EQ(n.blocks.at(1).text, "舊文");
  ASSERT_TRUE(lib->Import(SmallWork("KR9z0001", "新文"), true).ok());
  ASSERT_TRUE(lib->LoadNode("KR9z0001", "", "001", &n).ok());
  EXPECT_EQ(n.blocks.at(1).text, "新文");
  std::vector<WorkSummary> works;
  ASSERT_TRUE(lib->ListWorks(&works).ok());
  EXPECT_EQ(works.size(), 1u);
}

TEST(Library, ImportOfManyIsAllOrNothing) {
  TempDir dir;
  auto lib = OpenOrDie(dir / "data");
  ASSERT_TRUE(lib->Import(SmallWork("KR9z0002", "甲"), false).ok());
  const auto a = SmallWork("KR9z0001", "乙"), b = SmallWork("KR9z0002", "丙");
  Status s = lib->Import({&a, &b}, false);  // b clashes after a was written
  EXPECT_FALSE(s.ok());
  std::vector<WorkSummary> works;
  ASSERT_TRUE(lib->ListWorks(&works).ok());
  ASSERT_EQ(works.size(), 1u);
  EXPECT_EQ(works[0].work.id, "KR9z0002");
  EXPECT_FALSE(lib->Import({&a, &a}, false).ok());  // the same id twice
}

TEST(Library, RemoveDeletesEverythingOfTheWork) {
  TempDir dir;
  auto lib = OpenOrDie(dir / "data");
  ASSERT_TRUE(lib->Import(SmallWork("KR9z0001", "甲"), false).ok());
  ASSERT_TRUE(lib->Remove("KR9z0001").ok());
  EXPECT_EQ(lib->Remove("KR9z0001").code(), Status::Code::kNotFound);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir / "data" / "fangzhi.db").c_str(), &db), SQLITE_OK);
  for (const char* table : {"works", "editions", "nodes", "blocks", "sources"}) {
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, (std::string("SELECT count(*) FROM ") + table).c_str(), -1, &st, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(st, 0), 0) << table;
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
}

TEST(DataDir, ForeignFolderAndForeignDatabaseAreRefused) {
  TempDir dir;
  WriteFile(dir / "docs" / "report.docx", "mine");
  std::unique_ptr<Library> lib;
  Status s = Library::Open(dir / "docs", &lib);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("不是方志平台的数据目录"), std::string::npos) << s.message();
  EXPECT_EQ(testing::ReadFile(dir / "docs" / "report.docx"), "mine");
  EXPECT_FALSE(std::filesystem::exists(dir / "docs" / "fangzhi.db"));

  // Another program's SQLite database under our file name.
  sqlite3* db = nullptr;
  std::filesystem::create_directories(dir / "other");
  ASSERT_EQ(sqlite3_open((dir / "other" / "fangzhi.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES(1);", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  s = Library::Open(dir / "other", &lib);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("不是方志平台的数据库"), std::string::npos) << s.message();

  // Not a database at all.
  WriteFile(dir / "junk" / "fangzhi.db", std::string(4096, 'x'));
  s = Library::Open(dir / "junk", &lib);
  EXPECT_FALSE(s.ok());

  // A file where the folder should be.
  WriteFile(dir / "afile", "x");
  s = Library::Open(dir / "afile", &lib);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("不是目录"), std::string::npos);
}

TEST(DataDir, NewerSchemaIsRefused) {
  TempDir dir;
  { auto lib = OpenOrDie(dir / "data"); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir / "data" / "fangzhi.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 999", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  std::unique_ptr<Library> lib;
  Status s = Library::Open(dir / "data", &lib);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("999"), std::string::npos);
}

}  // namespace
}  // namespace fangzhi::store
