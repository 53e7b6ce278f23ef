// Printing the report with headless Chromium: the browser the web tests
// already use, so the PDF looks like the page. Chromium runs with its own
// throw-away profile (two runs at once must not share one) and a deadline.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "review/quality_report.h"

extern char** environ;

namespace fs = std::filesystem;

namespace fangzhi::review {

namespace {

constexpr auto kDeadline = std::chrono::seconds(120);

// Removes the directory (and what Chromium left in it) on every path out.
struct TempDir {
  fs::path path;
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

}  // namespace

Status PrintHtmlToPdf(const std::string& html, const std::string& pdf_path, const std::string& chromium) {
  std::error_code ec;
  if (!fs::exists(chromium, ec)) {
    return Status::IoError("找不到 Chromium（" + chromium + "），无法生成 PDF；请安装 chromium 软件包，或改用 --format html");
  }
  std::string tmpl = (fs::temp_directory_path(ec) / "fangzhi-pdf-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) return Status::IoError("无法创建临时目录 " + tmpl);
  TempDir dir{tmpl};
  const fs::path html_file = dir.path / "report.html";
  {
    std::ofstream f(html_file, std::ios::binary);
    f << html;
    if (!f.good()) return Status::IoError("无法写入 " + html_file.string());
  }
  // The PDF is written beside its destination and renamed into place only
  // when Chromium succeeded: never half a file under the user's name.
  const fs::path dest = fs::absolute(pdf_path, ec);
  const fs::path partial = dest.parent_path() / ("." + dest.filename().string() + ".part-" + std::to_string(getpid()));
  const std::string log = (dir.path / "chromium.log").string();
  std::vector<std::string> args = {chromium,
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--no-first-run",
                                   "--no-pdf-header-footer",
                                   "--user-data-dir=" + (dir.path / "profile").string(),
                                   "--print-to-pdf=" + partial.string(),
                                   "file://" + html_file.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, chromium.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return Status::IoError("无法启动 Chromium（" + chromium + "）：" + std::to_string(rc));
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0) return Status::IoError("等待 Chromium 时出错");
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      fs::remove(partial, ec);
      return Status::IoError("Chromium 在 120 秒内没有完成 PDF，已终止");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::string head;
  {
    std::ifstream f(partial, std::ios::binary);
    head.resize(5);
    if (!f.read(head.data(), 5)) head.clear();
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || head != "%PDF-") {
    fs::remove(partial, ec);
    std::string tail;
    std::ifstream lf(log);
    std::string line;
    while (std::getline(lf, line)) tail = line;
    return Status::IoError("Chromium 未能生成 PDF（退出状态 " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                           "）" + (tail.empty() ? "" : "：" + tail));
  }
  fs::rename(partial, dest, ec);
  if (ec) {
    const std::string why = ec.message();
    fs::remove(partial, ec);
    return Status::IoError("无法写入 " + pdf_path + "：" + why);
  }
  return Status::Ok();
}

}  // namespace fangzhi::review
