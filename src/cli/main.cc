// fangzhi: the command-line entry point. Parses, dispatches, maps errors to
// exit codes; the work happens in the *_command.cc files.
#include <clocale>
#include <cstdio>
#include <iostream>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/help.h"

namespace fangzhi::cli {

int Fail(const Status& s) {
  std::cerr << "错误：" << s.message() << "\n";
  switch (s.code()) {
    case Status::Code::kIoError:
    case Status::Code::kCorruption:
      return kExitFailure;
    default:
      return kExitBadInput;
  }
}

Status OpenLibrary(const CommandLine& cl, std::unique_ptr<store::Library>* out) {
  return store::Library::Open(cl.data_dir, out);
}

namespace {

int Main(int argc, char** argv) {
  CommandLine cl;
  Status s = ParseCommandLine(argc, argv, &cl);
  if (!s.ok()) return Fail(s);
  if (cl.command.empty() || (cl.command == "help" && cl.args.empty())) {
    std::cout << MainHelp();
    return cl.command.empty() && !cl.help ? kExitBadInput : kExitOk;
  }
  if (cl.command == "help") {
    const std::string h = CommandHelp(cl.args.front());
    if (h.empty()) return Fail(Status::InvalidInput("未知的命令 “" + cl.args.front() + "”"));
    std::cout << h;
    return kExitOk;
  }
  if (cl.help) {
    std::cout << CommandHelp(cl.command);
    return kExitOk;
  }
  if (cl.command == "version") {
    std::cout << "fangzhi 0.1.0\n";
    return kExitOk;
  }
  if (cl.command == "import") return RunImport(cl);
  if (cl.command == "works") return RunWorks(cl);
  if (cl.command == "show") return RunShow(cl);
  if (cl.command == "export") return RunExport(cl);
  if (cl.command == "remove") return RunRemove(cl);
  if (cl.command == "index") return RunIndex(cl);
  if (cl.command == "search") return RunSearch(cl);
  if (cl.command == "check") return RunCheck(cl);
  if (cl.command == "serve") return RunServe(cl);
  if (cl.command == "user") return RunUser(cl);
  if (cl.command == "office") return RunOffice(cl);
  if (cl.command == "review") return RunReview(cl);
  if (cl.command == "submission") return RunSubmission(cl);
  if (cl.command == "ocr") return RunOcr(cl);
  return Fail(Status::InvalidInput("未知的命令 " + cl.command));
}

}  // namespace
}  // namespace fangzhi::cli

int main(int argc, char** argv) {
  std::setlocale(LC_ALL, "C.UTF-8");
  try {
    return fangzhi::cli::Main(argc, argv);
  } catch (const std::exception& e) {
    // Nothing should throw past the commands; if something does, say so
    // plainly instead of aborting.
    std::cerr << "错误：内部错误：" << e.what() << "\n";
    return fangzhi::cli::kExitFailure;
  }
}
