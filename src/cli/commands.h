// One function per subcommand. Each returns the process exit code and
// prints its own output; errors go through Fail().
#pragma once

#include <chrono>
#include <memory>

#include "base/status.h"
#include "cli/command_line.h"
#include "store/library.h"

namespace fangzhi::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;   // the environment failed (disk, data dir)
inline constexpr int kExitBadInput = 2;  // the user's input or usage is wrong

// Prints "错误：…" to stderr and returns the exit code for `s`.
int Fail(const Status& s);

Status OpenLibrary(const CommandLine& cl, std::unique_ptr<store::Library>* out);

int RunImport(const CommandLine& cl);
int RunWorks(const CommandLine& cl);
int RunShow(const CommandLine& cl);
int RunExport(const CommandLine& cl);
int RunRemove(const CommandLine& cl);
int RunIndex(const CommandLine& cl);
int RunSearch(const CommandLine& cl);
int RunCheck(const CommandLine& cl);
int RunServe(const CommandLine& cl);
int RunUser(const CommandLine& cl);    // user_command.cc
int RunOffice(const CommandLine& cl);  // user_command.cc
int RunReview(const CommandLine& cl);
int RunSubmission(const CommandLine& cl);
int RunOcr(const CommandLine& cl);

// Brings the search index up to date after the library changed. A failure
// here does not undo the change: it is reported as a warning, and the next
// search or `fangzhi index` catches up.
void UpdateIndexAfterChange(store::Library* lib,
                            std::chrono::steady_clock::time_point job_start = std::chrono::steady_clock::now());

}  // namespace fangzhi::cli
