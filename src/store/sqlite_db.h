// A thin RAII wrapper over the SQLite C API that turns every failure into a Status. Internal to
// the store layer (used by sqlite_store.cc and sqlite_schema.cc).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace s1mig::store::sqlite {

// Maps an SQLite result code to a Status: constraint violations are AlreadyExists, a busy store
// is FailedPrecondition, a file that is not a database is InvalidArgument, the rest IoError or
// Internal. `what` names the operation and `db` (may be null) supplies the message.
Status ErrorStatus(int rc, sqlite3* db, std::string_view what);

// A prepared statement. Bind indexes are 1-based; column indexes 0-based.
class Stmt {
 public:
  Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  ~Stmt() { sqlite3_finalize(stmt_); }

  static Result<Stmt> Prepare(sqlite3* db, std::string_view sql);

  Stmt& Bind(int i, std::string_view text);
  Stmt& Bind(int i, int64_t value);
  Stmt& Bind(int i, const std::optional<int64_t>& value);  // NULL when absent
  Stmt& BindNull(int i);

  // Steps once: true while there is a row, false when done.
  Result<bool> Step();
  // Steps to completion; for statements that return no rows.
  Status Run();

  std::string Text(int col) const;
  int64_t Int(int col) const;
  bool IsNull(int col) const;
  std::optional<int64_t> OptInt(int col) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// Runs one or more statements with no parameters and no results.
Status Exec(sqlite3* db, std::string_view sql);

}  // namespace s1mig::store::sqlite
