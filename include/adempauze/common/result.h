// Error values and Result<T>, the project's way to report expected failures.
//
// Error policy: a failure that a user's file, a user's command or the environment can cause
// (bad row, wrong key, missing file, locked database) is returned as an Error, never thrown
// across a module boundary and never asserted. Programmer errors are assertions.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "adempauze/common/messages.h"

namespace adempauze {

enum class ErrorCode {
  kInvalidArgument,     // the input is malformed; the user must correct it
  kNotFound,            // a file, dossier or key does not exist
  kAlreadyExists,       // the thing to create exists already
  kFailedPrecondition,  // the state forbids the action (e.g. a workflow transition)
  kConflict,            // another user changed the record first (optimistic locking)
  kIo,                  // reading or writing a file failed
  kCorrupt,             // stored data or a file does not have the expected format
  kCrypto,              // a key is wrong or a ciphertext failed authentication
  kPermissionDenied,    // file mode or role forbids it
  kInternal,            // a bug or an unexpected library failure
};

// Error carries a catalog key and positional arguments, so that the CLI and the web
// application render the same failure in the user's language. `detail` is an optional
// operator-facing English text; it must never contain personal data.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message_key;
  std::vector<std::string> args;
  std::string detail;

  // Renders the user-facing message in `language`.
  std::string Render(Language language) const;
};

// Builds an Error from a catalog key and arguments formatted with fmt's "{}" rules.
template <typename... Args>
Error MakeError(ErrorCode code, std::string message_key, const Args&... args) {
  return Error{code, std::move(message_key), {ToMessageArg(args)...}, {}};
}

// Result<T> holds either a value or an Error. Accessing the wrong alternative is a
// programmer error (asserted).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Error error) : data_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<T>(data_); }
  const T& value() const& { assert(ok()); return std::get<T>(data_); }
  T&& value() && { assert(ok()); return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { assert(!ok()); return std::get<Error>(data_); }

 private:
  std::variant<T, Error> data_;
};

// Status is a Result without a value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT(google-explicit-constructor)

  static Status Ok() { return Status(); }
  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { assert(failed_); return error_; }

 private:
  Error error_;
  bool failed_ = false;
};

}  // namespace adempauze
