// Status and Result<T>: the error values that cross layer boundaries (no exceptions across layers).
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace s1mig {

// Canonical codes; each maps to one CLI exit code and one HTTP status (see docs/exit-codes.md).
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,    // bad user input: usage error, malformed file or request
  kNotFound,           // a named thing does not exist (file, installation, notice)
  kIoError,            // a file could not be read or written
  kFailedPrecondition, // the request is well formed but the state forbids it
  kAlreadyExists,      // a duplicate (submission, decision)
  kPermissionDenied,   // outside the caller's role
  kOutOfRange,         // beyond a configured limit or the calendar's range
  kInternal,           // a bug: never caused by input
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Exit code for the CLI: 0 ok, 1 internal error, 2 bad input / unreadable file.
  int ExitCode() const;
  const char* CodeName() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status FailedPrecondition(std::string m) { return {StatusCode::kFailedPrecondition, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status PermissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }
inline Status OutOfRange(std::string m) { return {StatusCode::kOutOfRange, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// A value or the Status that explains why there is none. REQUIRES: ok() before value().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) { assert(!std::get<Status>(v_).ok()); }  // NOLINT

  bool ok() const { return v_.index() == 0; }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<1>(v_);
  }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  // On a temporary Result the value is moved out, so `for (auto& x : *MakeResult())` owns it
  // instead of dangling into the destroyed temporary.
  T value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace s1mig

// Returns early from the enclosing function when `expr` (a Status) is not ok.
#define S1MIG_RETURN_IF_ERROR(expr)          \
  do {                                       \
    ::s1mig::Status s1mig_status_ = (expr);  \
    if (!s1mig_status_.ok()) return s1mig_status_; \
  } while (0)

#define S1MIG_CONCAT_INNER(a, b) a##b
#define S1MIG_CONCAT(a, b) S1MIG_CONCAT_INNER(a, b)
// Declares `lhs` from a Result, or returns its Status from the enclosing function.
#define S1MIG_ASSIGN_OR_RETURN(lhs, expr) \
  S1MIG_ASSIGN_OR_RETURN_IMPL(S1MIG_CONCAT(s1mig_result_, __LINE__), lhs, expr)
#define S1MIG_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()
