// SqliteStore: opening the file (WAL, busy timeout, foreign keys, migrations), the transaction
// bracket of every Write and Read, and the audit appender.
#include "store/sqlite_store.h"

#include <sys/stat.h>

#include <chrono>
#include <exception>

#include "store/audit_chain.h"
#include "store/sqlite_db.h"
#include "store/sqlite_internal.h"

namespace s1mig::store {
namespace sqlite {
namespace {

std::string WallClockNow() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  int64_t secs = std::chrono::duration_cast<std::chrono::seconds>(now).count();
  return FormatInstant(secs * kMicrosPerSecond);
}

// Refuses to build on a store whose state was edited outside s1mig since the last audit record:
// the next change would record the edited state as its own and hide the edit for good.
Status CheckUntampered(sqlite3* db) {
  S1MIG_ASSIGN_OR_RETURN(Stmt last, Stmt::Prepare(db,
                                                  "SELECT h.seq, a.seq, a.state FROM "
                                                  "audit_head h LEFT JOIN audit_log a "
                                                  "ON a.seq = h.seq WHERE h.id = 1"));
  S1MIG_ASSIGN_OR_RETURN(bool row, last.Step());
  if (!row) return Status::Ok();  // no head yet: the store is being created
  const std::string advice = "; run 's1mig audit verify' and restore the store from a backup";
  if (last.IsNull(1)) {
    return FailedPrecondition("the store's audit log lost its last record #" +
                              std::to_string(last.Int(0)) + "; refusing to record changes" +
                              advice);
  }
  AuditRecord r;
  r.seq = last.Int(1);
  r.state = last.Text(2);
  S1MIG_ASSIGN_OR_RETURN(std::string now, StateDigestOf(db));
  AuditVerdict v = VerifyAuditState({r}, now);
  if (v.intact) return Status::Ok();
  return FailedPrecondition(v.message + "; refusing to record changes on top of it" + advice);
}

class SqliteStore : public DmctStore {
 public:
  SqliteStore(sqlite3* db, int version, SqliteStoreOptions options)
      : db_(db), version_(version), options_(std::move(options)) {}
  ~SqliteStore() override { sqlite3_close_v2(db_); }

  Status Write(const std::function<Status(DmctTxn&)>& fn) override {
    // IMMEDIATE takes the write lock now, so the reads that decide a change cannot go stale.
    S1MIG_RETURN_IF_ERROR(Exec(db_, "BEGIN IMMEDIATE"));
    Hook("begin");
    Status s = CheckUntampered(db_);
    if (s.ok()) s = RunGuarded(fn, /*writable=*/true);
    if (!s.ok()) {
      (void)Exec(db_, "ROLLBACK");
      return s;
    }
    Hook("before_commit");
    Status c = Exec(db_, "COMMIT");
    if (!c.ok()) {
      (void)Exec(db_, "ROLLBACK");
      return c;
    }
    Hook("after_commit");
    return Status::Ok();
  }

  Status Read(const std::function<Status(DmctTxn&)>& fn) override {
    S1MIG_RETURN_IF_ERROR(Exec(db_, "BEGIN"));
    Status s = RunGuarded(fn, /*writable=*/false);
    (void)Exec(db_, s.ok() ? "COMMIT" : "ROLLBACK");
    return s;
  }

  int schema_version() const override { return version_; }

 private:
  Status RunGuarded(const std::function<Status(DmctTxn&)>& fn, bool writable) {
    std::unique_ptr<DmctTxn> txn = NewSqliteTxn(db_, writable);
    try {
      return fn(*txn);
    } catch (const std::exception& e) {
      return Internal(std::string("unexpected exception in a store transaction: ") + e.what());
    } catch (...) {
      return Internal("unexpected exception in a store transaction");
    }
  }

  void Hook(const char* point) {
    if (options_.test_hook) options_.test_hook(point);
  }

  sqlite3* db_;
  int version_;
  SqliteStoreOptions options_;
};

Status Configure(sqlite3* db, const SqliteStoreOptions& options) {
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  // WAL: readers never block the writer, and a killed writer leaves only uncommitted frames,
  // which the next open ignores. FULL: a commit is on disk before COMMIT returns.
  S1MIG_ASSIGN_OR_RETURN(Stmt wal, Stmt::Prepare(db, "PRAGMA journal_mode = WAL"));
  S1MIG_ASSIGN_OR_RETURN(bool row, wal.Step());
  if (!row || wal.Text(0) != "wal") {
    return IoError("could not switch the store to WAL mode (journal_mode is '" +
                   (row ? wal.Text(0) : std::string()) + "')");
  }
  S1MIG_RETURN_IF_ERROR(Exec(db, "PRAGMA synchronous = FULL"));
  if (options.test_cache_pages > 0) {
    S1MIG_RETURN_IF_ERROR(
        Exec(db, "PRAGMA cache_size = " + std::to_string(options.test_cache_pages)));
  }
  return Exec(db, "PRAGMA foreign_keys = ON");
}

}  // namespace

Result<int64_t> AppendAuditRow(sqlite3* db, const AuditEntry& e) {
  // Chain from the head, not from the last row: a record deleted from the end then shows as a
  // gap in the numbers instead of being silently reused.
  AuditRecord r;
  r.seq = 1;
  r.prev_hash = kAuditGenesisHash;
  {
    S1MIG_ASSIGN_OR_RETURN(Stmt head,
                           Stmt::Prepare(db, "SELECT seq, hash FROM audit_head WHERE id = 1"));
    S1MIG_ASSIGN_OR_RETURN(bool row, head.Step());
    if (row) {
      r.seq = head.Int(0) + 1;
      r.prev_hash = head.Text(1);
    }
  }
  r.at = e.at;
  r.recorded_at = WallClockNow();
  r.actor = e.actor;
  r.action = e.action;
  r.subject = e.subject;
  r.before = e.before;
  r.after = e.after;
  S1MIG_ASSIGN_OR_RETURN(r.state, StateDigestOf(db));
  r.hash = AuditHash(r.prev_hash, r);
  S1MIG_ASSIGN_OR_RETURN(
      Stmt ins, Stmt::Prepare(db,
                              "INSERT INTO audit_log(seq, at_us, recorded_at, actor, action, "
                              "subject, before, after, state, prev_hash, hash) "
                              "VALUES(?,?,?,?,?,?,?,?,?,?,?)"));
  ins.Bind(1, r.seq).Bind(2, r.at).Bind(3, r.recorded_at).Bind(4, r.actor).Bind(5, r.action);
  ins.Bind(6, r.subject).Bind(7, r.before).Bind(8, r.after).Bind(9, r.state);
  ins.Bind(10, r.prev_hash).Bind(11, r.hash);
  S1MIG_RETURN_IF_ERROR(ins.Run());
  S1MIG_ASSIGN_OR_RETURN(Stmt head,
                         Stmt::Prepare(db,
                                       "INSERT INTO audit_head(id, seq, hash) VALUES(1, ?, ?) "
                                       "ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, "
                                       "hash = excluded.hash"));
  head.Bind(1, r.seq).Bind(2, r.hash);
  S1MIG_RETURN_IF_ERROR(head.Run());
  return r.seq;
}

}  // namespace sqlite

Result<std::unique_ptr<DmctStore>> OpenSqliteStore(const std::string& path,
                                                   const SqliteStoreOptions& options) {
  struct stat st;
  bool exists = ::stat(path.c_str(), &st) == 0;
  if (!exists && !options.create_if_missing) {
    return NotFound("no DMCT store at '" + path +
                    "' (it is created by the commands that change "
                    "state, e.g. 'party add' or 'import-reference')");
  }
  if (exists && S_ISDIR(st.st_mode)) {
    return InvalidArgument("'" + path + "' is a directory, not a DMCT store file");
  }
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | (options.create_if_missing ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = sqlite::ErrorStatus(rc, db, "open '" + path + "'");
    sqlite3_close_v2(db);
    return s;
  }
  int version = 0;
  Status s = sqlite::Configure(db, options);
  if (s.ok()) s = sqlite::ApplyMigrations(db, &version);
  if (!s.ok()) {
    sqlite3_close_v2(db);
    return Status(s.code(), "store '" + path + "': " + s.message());
  }
  return std::unique_ptr<DmctStore>(new sqlite::SqliteStore(db, version, options));
}

}  // namespace s1mig::store
