// The `fangzhi` command as a user meets it: real processes, real files, the
// real corpus. Every bad input must print a clear message, exit non-zero and
// leave the library exactly as it was.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_util.h"

namespace fangzhi {
namespace {

using testing::CommandResult;
using testing::Fangzhi;
using testing::RunShell;
using testing::TempDir;
using testing::WriteFile;

const std::string kHuayang = (testing::BashuDir() / "KR2i0003").string();
const std::string kSample = (testing::SourceDir() / "examples/shili-county-yearbook-2025.md").string();

std::string Q(const std::string& s) { return "'" + s + "'"; }

// The library as `works --json` shows it, minus import times.
std::string Snapshot(const std::filesystem::path& data) {
  CommandResult r = Fangzhi(data, "works --json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  if (j.is_discarded()) return "unparseable: " + r.out;
  for (auto& w : j["works"]) w.erase("imported_at");
  return j.dump();
}

TEST(Cli, HelpInChineseAndEnglish) {
  CommandResult r = RunShell(std::string(FANGZHI_BINARY) + " --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("用法"), std::string::npos);
  EXPECT_NE(r.out.find("Usage"), std::string::npos);
  for (const char* cmd : {"import", "works", "show", "export", "remove", "index", "search"}) {
    r = RunShell(std::string(FANGZHI_BINARY) + " " + cmd + " --help");
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.out.find("用法 Usage: fangzhi"), std::string::npos) << cmd;
  }
  r = RunShell(std::string(FANGZHI_BINARY) + " frobnicate");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("未知的命令"), std::string::npos);
  r = RunShell(std::string(FANGZHI_BINARY) + " works --bogus");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--bogus"), std::string::npos);
}

TEST(Cli, DefaultDataDirIsCreatedInTheWorkingDirectory) {
  TempDir dir;
  CommandResult r = RunShell("cd " + Q(dir.path().string()) + " && " + FANGZHI_BINARY + " works");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "fangzhi-data" / "fangzhi.db"));
}

TEST(Cli, ImportListShowExportRemove) {
  TempDir dir;
  const auto data = dir / "data";
  WriteFile(dir / "概况.txt", "示例县位于四川盆地西部。\n\n境内有河流12条。\n");
  CommandResult r = Fangzhi(data, "import " + Q(kHuayang) + " " + Q(kSample) + " " + Q((dir / "概况.txt").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("已导入 KR2i0003"), std::string::npos);
  EXPECT_EQ(r.err.find('\r'), std::string::npos) << "no progress bar when stderr is not a terminal";

  r = Fangzhi(data, "works");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("華陽國志"), std::string::npos);
  EXPECT_NE(r.out.find("master,SBCK,WYG"), std::string::npos);
  EXPECT_NE(r.out.find("共 3 部作品"), std::string::npos);
  EXPECT_NE(r.out.find("510121 四川省成都市金堂县"), std::string::npos) << r.out;  // the sample's code, named

  r = Fangzhi(data, "works --json");
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["works"].size(), 3u);
  const auto& hy = j["works"][0];
  EXPECT_EQ(hy["id"], "KR2i0003");
  EXPECT_EQ(hy["kind"], "志书");
  EXPECT_EQ(hy["dynasty"], "晉");
  EXPECT_EQ(hy["region_code"], "51");
  EXPECT_EQ(hy["region_name"], "四川省");
  EXPECT_EQ(hy["editions"].size(), 3u);
  EXPECT_GT(hy["han_count"].get<int>(), 90000);

  r = Fangzhi(data, "show KR2i0003 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["nodes"].size(), 13u);
  EXPECT_EQ(j["edition"], "master");

  r = Fangzhi(data, "show KR2i0003/001");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("昔在唐堯洪水滔天"), std::string::npos);
  EXPECT_NE(r.out.find("〔1a〕"), std::string::npos);
  r = Fangzhi(data, "show KR2i0003/001 --edition WYG --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("常璩"), std::string::npos);
  r = Fangzhi(data, "show KR2i0003/999");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("999"), std::string::npos);
  r = Fangzhi(data, "show KR2i0003/../x");
  EXPECT_EQ(r.exit_code, 2);

  r = Fangzhi(data, "export KR2i0003 --format txt --edition SBCK -o " + Q((dir / "hy.txt").string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string txt = testing::ReadFile(dir / "hy.txt");
  EXPECT_NE(txt.find("[001]"), std::string::npos);
  EXPECT_NE(txt.find("昔在唐堯"), std::string::npos);
  r = Fangzhi(data, "export KR2i0003 --format docx");
  EXPECT_EQ(r.exit_code, 2);

  // json export → import into another library gives the same works.
  for (const char* id : {"KR2i0003", "shili-2025"}) {
    r = Fangzhi(data, std::string("export ") + id + " --format json -o " + Q((dir / (std::string(id) + ".json")).string()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = Fangzhi(dir / "copy", "import " + Q((dir / (std::string(id) + ".json")).string()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  r = Fangzhi(dir / "copy", "export shili-2025 --format json");
  EXPECT_EQ(r.out, testing::ReadFile(dir / "shili-2025.json"));

  r = Fangzhi(data, "remove KR2i0003");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Fangzhi(data, "remove KR2i0003");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("KR2i0003"), std::string::npos);
  r = Fangzhi(data, "works --json");
  EXPECT_EQ(nlohmann::json::parse(r.out)["works"].size(), 2u);
}

// Each bad input: non-zero exit, a message naming what is wrong, library unchanged.
class CliBadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_ / "data";
    ASSERT_EQ(Fangzhi(data_, "import " + Q((testing::BashuDir() / "KR2k0109").string())).exit_code, 0);
    before_ = Snapshot(data_);
  }
  void ExpectRefused(const std::string& args, const std::string& needle, int code = 2) {
    CommandResult r = Fangzhi(data_, args);
    EXPECT_EQ(r.exit_code, code) << args << "\n" << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << args << "\nstderr: " << r.err;
    EXPECT_EQ(r.err.rfind("错误：", 0), 0u) << r.err;
    EXPECT_EQ(Snapshot(data_), before_) << "library changed by: " << args;
  }
  TempDir dir_;
  std::filesystem::path data_;
  std::string before_;
};

TEST_F(CliBadInput, MalformedUtf8) {
  WriteFile(dir_ / "bad.md", std::string("---\ntitle: 示例\nkind: 年鉴\n---\n# 概况\n\xC3\x28"));
  ExpectRefused("import " + Q((dir_ / "bad.md").string()), "不是有效的 UTF-8");
  WriteFile(dir_ / "bad.txt", std::string("abc\xFF"));
  ExpectRefused("import " + Q((dir_ / "bad.txt").string()), "第 4 字节");
}

TEST_F(CliBadInput, EmptyFile) {
  WriteFile(dir_ / "empty.txt", "");
  ExpectRefused("import " + Q((dir_ / "empty.txt").string()), "empty.txt");
}

TEST_F(CliBadInput, UnknownFormat) {
  WriteFile(dir_ / "scan.tiff", "II*");
  ExpectRefused("import " + Q((dir_ / "scan.tiff").string()), "无法识别的格式");
}

TEST_F(CliBadInput, FolderThatIsNotKanripo) {
  WriteFile(dir_ / "photos" / "a.jpg", "x");
  ExpectRefused("import " + Q((dir_ / "photos").string()), "不是 Kanripo 文本目录");
}

TEST_F(CliBadInput, JuanWithUnclosedNote) {
  WriteFile(dir_ / "KR9z0001" / "master" / "KR9z0001_001.txt", "#+TITLE: 試\n甲乙¶\n丙(丁戊¶\n己庚¶\n");
  ExpectRefused("import " + Q((dir_ / "KR9z0001").string()), "没有闭合");
}

TEST_F(CliBadInput, DuplicateWorkIdUnlessReplace) {
  ExpectRefused("import " + Q((testing::BashuDir() / "KR2k0109").string()), "--replace");
  CommandResult r = Fangzhi(data_, "import --replace " + Q((testing::BashuDir() / "KR2k0109").string()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(CliBadInput, PathThatDoesNotExist) {
  ExpectRefused("import " + Q((dir_ / "nowhere").string()), "不存在");
}

TEST_F(CliBadInput, OneBadPathAmongGoodOnesImportsNothing) {
  ExpectRefused("import " + Q(kHuayang) + " " + Q((dir_ / "nowhere.md").string()), "nowhere.md");
}

TEST(CliDataDir, FolderThatIsNotOurs) {
  TempDir dir;
  WriteFile(dir / "mine" / "thesis.docx", "precious");
  CommandResult r = Fangzhi(dir / "mine", "import " + Q(kHuayang));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("不是方志平台的数据目录"), std::string::npos) << r.err;
  EXPECT_EQ(testing::ReadFile(dir / "mine" / "thesis.docx"), "precious");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir / "mine"), {}), 1);
}

// Disk full and read-only data dirs are made real with a small tmpfs in a
// private mount namespace (`unshare -rm` works for root and, where user
// namespaces are allowed, for anyone); everything happens inside one shell.
std::string InNamespace(const TempDir& dir, const std::string& script) {
  WriteFile(dir / "script.sh", "set -u\nFZ=" + std::string(FANGZHI_BINARY) + "\n" + script);
  return "unshare -rm sh " + Q((dir / "script.sh").string());
}

TEST(CliDataDir, DiskFullLeavesLibraryUnchanged) {
  TempDir dir;
  const std::string mnt = (dir / "mnt").string();
  std::filesystem::create_directories(mnt);
  CommandResult r = RunShell(InNamespace(dir,
      "mount -t tmpfs -o size=3m tmpfs " + mnt + " || exit 90\n"
      "$FZ --data " + mnt + "/data import " + (testing::BashuDir() / "KR2k0109").string() + " || exit 91\n"
      "$FZ --data " + mnt + "/data works --json > " + (dir / "before.json").string() + "\n"
      "$FZ --data " + mnt + "/data import " + (testing::BashuDir() / "KR2k0052").string() + "\n"
      "echo \"exit=$?\"\n"
      "$FZ --data " + mnt + "/data works --json > " + (dir / "after.json").string() + "\n"));
  ASSERT_NE(r.out.find("exit="), std::string::npos) << r.out << r.err;
  EXPECT_NE(r.out.find("exit=1"), std::string::npos) << r.out << r.err;
  EXPECT_NE(r.err.find("磁盘已满"), std::string::npos) << r.err;
  auto before = nlohmann::json::parse(testing::ReadFile(dir / "before.json"));
  auto after = nlohmann::json::parse(testing::ReadFile(dir / "after.json"));
  ASSERT_EQ(after["works"].size(), 1u);
  EXPECT_EQ(after, before);
}

TEST(CliDataDir, ReadOnlyDataDirIsReportedAndUnchanged) {
  TempDir dir;
  const std::string mnt = (dir / "mnt").string();
  std::filesystem::create_directories(mnt);
  CommandResult r = RunShell(InNamespace(dir,
      "mount -t tmpfs -o size=20m tmpfs " + mnt + " || exit 90\n"
      "$FZ --data " + mnt + "/data import " + (testing::BashuDir() / "KR2k0109").string() + " || exit 91\n"
      "$FZ --data " + mnt + "/data works --json > " + (dir / "before.json").string() + "\n"
      "mount -o remount,ro " + mnt + " || exit 92\n"
      "$FZ --data " + mnt + "/data import " + (testing::BashuDir() / "KR2k0121").string() + "\n"
      "echo \"exit=$?\"\n"
      "mount -o remount,rw " + mnt + "\n"
      "$FZ --data " + mnt + "/data works --json > " + (dir / "after.json").string() + "\n"));
  ASSERT_NE(r.out.find("exit="), std::string::npos) << r.out << r.err;
  EXPECT_NE(r.out.find("exit=1"), std::string::npos) << r.out << r.err;
  EXPECT_NE(r.err.find("不可写"), std::string::npos) << r.err;
  EXPECT_EQ(nlohmann::json::parse(testing::ReadFile(dir / "after.json")),
            nlohmann::json::parse(testing::ReadFile(dir / "before.json")));
}

}  // namespace
}  // namespace fangzhi
