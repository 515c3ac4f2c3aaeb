// The SQLite implementation of DmctStore: one database file in WAL mode, schema versioned by
// PRAGMA user_version with ordered migrations, every Write one BEGIN IMMEDIATE transaction.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "base/status.h"
#include "store/store.h"

namespace s1mig::store {

struct SqliteStoreOptions {
  // Create the file (and the schema, with party DCC) when it does not exist. When false, a
  // missing file is NotFound.
  bool create_if_missing = true;
  // How long a writer waits for another process's lock before giving up (FailedPrecondition).
  int busy_timeout_ms = 5000;
  // For crash tests only: called inside every Write at "begin" (after BEGIN IMMEDIATE),
  // "before_commit" (all writes done, COMMIT not yet issued) and "after_commit".
  std::function<void(const char* point)> test_hook;
  // For crash tests only: when > 0, PRAGMA cache_size in pages. A tiny cache makes SQLite spill
  // uncommitted pages into the WAL before COMMIT, so a kill leaves torn transactions on disk.
  int test_cache_pages = 0;
};

// The newest schema version this build knows (docs/dmct.md "Schema versions").
int SqliteSchemaVersion();

// Opens (and, if allowed, creates) the store at `path`, applying pending migrations. Refuses a
// file that is not an s1mig store, or whose schema is newer than this build (InvalidArgument).
Result<std::unique_ptr<DmctStore>> OpenSqliteStore(const std::string& path,
                                                   const SqliteStoreOptions& options = {});

}  // namespace s1mig::store
