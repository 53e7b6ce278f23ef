// The result of an operation that can fail on bad input or a bad
// environment, in the manner of LevelDB's Status: cheap when OK, and when
// not, a code plus a message that names the file, line or field at fault.
#pragma once

#include <string>
#include <utility>

namespace fangzhi {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidInput,   // the user's file or argument is wrong
    kNotFound,       // a work, node or path that does not exist
    kAlreadyExists,  // e.g. a work id already in the library
    kIoError,        // the disk or the data dir failed us
    kCorruption,     // stored data we cannot read
    kUnsupported,    // a format or option we do not handle
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string m) { return Status(Code::kInvalidInput, std::move(m)); }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status AlreadyExists(std::string m) { return Status(Code::kAlreadyExists, std::move(m)); }
  static Status IoError(std::string m) { return Status(Code::kIoError, std::move(m)); }
  static Status Corruption(std::string m) { return Status(Code::kCorruption, std::move(m)); }
  static Status Unsupported(std::string m) { return Status(Code::kUnsupported, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "code: message", for logs and tests.
  std::string ToString() const;

 private:
  Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Returns early from the enclosing function when `expr` is not OK.
#define FZ_RETURN_IF_ERROR(expr)        \
  do {                                  \
    ::fangzhi::Status fz_s_ = (expr);   \
    if (!fz_s_.ok()) return fz_s_;      \
  } while (0)

}  // namespace fangzhi
