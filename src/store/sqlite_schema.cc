// The SQLite store's schema and its migrations. PRAGMA user_version holds the schema version;
// each migration runs in its own transaction and records itself in schema_migrations. A
// migration, once released, is never edited: change the schema by appending a new one.
#include <chrono>
#include <string>
#include <vector>

#include "base/time.h"
#include "store/sqlite_db.h"
#include "store/sqlite_internal.h"
#include "store/sqlite_store.h"

namespace s1mig::store {
namespace sqlite {
namespace {

struct Migration {
  int version;
  const char* description;
  const char* sql;
  // Data the migration seeds, inside its transaction (may be null).
  Status (*seed)(sqlite3* db);
};

Status SeedDccParty(sqlite3* db) {
  S1MIG_ASSIGN_OR_RETURN(Stmt ins,
                         Stmt::Prepare(db, "INSERT INTO parties(id, role, name) VALUES(?,?,?)"));
  ins.Bind(1, kDccPartyId).Bind(2, "dcc").Bind(3, "Data Communications Company");
  S1MIG_RETURN_IF_ERROR(ins.Run());
  AuditEntry e;
  e.actor = std::string(kDccPartyId);
  e.action = "store.create";
  e.subject = std::string(kDccPartyId);
  e.before = "null";
  e.after = R"({"party":{"id":"DCC","name":"Data Communications Company","role":"dcc"}})";
  Result<int64_t> seq = AppendAuditRow(db, e);
  return seq.status();
}

// Version 1: every table of the DMCT workflow (docs/dmct.md "Store schema").
constexpr char kSchemaV1[] = R"sql(
CREATE TABLE parties(
  id   TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('supplier', 'dcc')),
  name TEXT NOT NULL DEFAULT ''
);
CREATE TABLE submissions(
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  party TEXT NOT NULL REFERENCES parties(id),
  mode TEXT NOT NULL CHECK (mode IN ('active', 'dormant')),
  chf_model TEXT NOT NULL, chf_fw TEXT NOT NULL,
  esme_model TEXT NOT NULL, esme_fw TEXT NOT NULL,
  gsme_model TEXT NOT NULL DEFAULT '', gsme_fw TEXT NOT NULL DEFAULT '',
  gpf_model TEXT NOT NULL DEFAULT '', gpf_fw TEXT NOT NULL DEFAULT '',
  ppmid_model TEXT NOT NULL DEFAULT '', ppmid_fw TEXT NOT NULL DEFAULT '',
  display_class TEXT NOT NULL CHECK (display_class IN ('PPMID', 'IHD')),
  submitted_at_us INTEGER NOT NULL,
  UNIQUE (party, chf_model, chf_fw, esme_model, esme_fw, gsme_model, gsme_fw, gpf_model, gpf_fw,
          ppmid_model, ppmid_fw)
);
CREATE INDEX submissions_by_ppmid ON submissions(ppmid_model, ppmid_fw);
CREATE TABLE epcl_entries(
  n INTEGER PRIMARY KEY,
  entry_id TEXT NOT NULL UNIQUE,
  chf_model TEXT NOT NULL DEFAULT '', chf_fw TEXT NOT NULL DEFAULT '',
  esme_model TEXT NOT NULL DEFAULT '', esme_fw TEXT NOT NULL DEFAULT '',
  gsme_model TEXT NOT NULL DEFAULT '', gsme_fw TEXT NOT NULL DEFAULT '',
  gpf_model TEXT NOT NULL DEFAULT '', gpf_fw TEXT NOT NULL DEFAULT '',
  ppmid_model TEXT NOT NULL DEFAULT '', ppmid_fw TEXT NOT NULL DEFAULT '',
  basis TEXT NOT NULL CHECK (basis IN ('TESTED', 'SUBSTANTIVE_EQUIVALENCE')),
  listed_on TEXT NOT NULL
);
CREATE TABLE ppmid_assessments(
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  ppmid_model TEXT NOT NULL,
  ppmid_fw TEXT NOT NULL,
  epcl_data TEXT NOT NULL CHECK (epcl_data IN ('OBTAINED', 'UNOBTAINABLE')),
  source TEXT CHECK (source IN ('supplier', 'smso')),
  assessed_at_us INTEGER,
  assessed_on TEXT NOT NULL
);
CREATE TABLE notifications(
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  party TEXT NOT NULL REFERENCES parties(id),
  ppmid_model TEXT NOT NULL,
  ppmid_fw TEXT NOT NULL,
  assessment_id TEXT NOT NULL REFERENCES ppmid_assessments(id),
  notified_at_us INTEGER NOT NULL,
  referral_deadline TEXT NOT NULL,
  calendar TEXT NOT NULL,
  status TEXT NOT NULL
    CHECK (status IN ('NOTIFIED', 'REFERRED', 'UPHELD', 'DISMISSED', 'REVERSED')),
  text TEXT NOT NULL
);
CREATE TABLE referrals(
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  notice_id TEXT NOT NULL UNIQUE REFERENCES notifications(id),
  party TEXT NOT NULL REFERENCES parties(id),
  referred_at_us INTEGER NOT NULL
);
CREATE TABLE decisions(
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  referral_id TEXT NOT NULL UNIQUE REFERENCES referrals(id),
  outcome TEXT NOT NULL CHECK (outcome IN ('UPHELD', 'DISMISSED')),
  decided_at_us INTEGER NOT NULL,
  effective_from TEXT NOT NULL
);
CREATE TABLE ppmid_reinstatements(
  n INTEGER PRIMARY KEY,
  ppmid_model TEXT NOT NULL,
  ppmid_fw TEXT NOT NULL,
  from_date TEXT NOT NULL,
  decision_id TEXT NOT NULL UNIQUE REFERENCES decisions(id)
);
CREATE TABLE audit_log(
  seq INTEGER PRIMARY KEY,
  at_us INTEGER,
  recorded_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  before TEXT NOT NULL,
  after TEXT NOT NULL,
  state TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE audit_head(
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
)sql";

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "DMCT workflow tables, audit log, party DCC", kSchemaV1, &SeedDccParty},
  };
  return kMigrations;
}

Result<int64_t> PragmaInt(sqlite3* db, const char* pragma) {
  S1MIG_ASSIGN_OR_RETURN(Stmt s, Stmt::Prepare(db, std::string("PRAGMA ") + pragma));
  S1MIG_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

Status CheckIsOurs(sqlite3* db, int64_t app_id, int64_t version) {
  const std::string latest = std::to_string(SqliteSchemaVersion());
  if (version > SqliteSchemaVersion()) {
    return InvalidArgument("the store's schema version " + std::to_string(version) +
                           " is newer than this s1mig supports (" + latest +
                           "); use a newer s1mig");
  }
  if (app_id == kApplicationId) return Status::Ok();
  if (app_id != 0 || version != 0) {
    return InvalidArgument("not an s1mig DMCT store (its SQLite application_id is " +
                           std::to_string(app_id) + ")");
  }
  S1MIG_ASSIGN_OR_RETURN(Stmt s, Stmt::Prepare(db, "SELECT count(*) FROM sqlite_master"));
  S1MIG_ASSIGN_OR_RETURN(bool row, s.Step());
  if (row && s.Int(0) > 0) {
    return InvalidArgument("not an s1mig DMCT store: it is an SQLite database with other tables");
  }
  return Status::Ok();
}

Status RunMigration(sqlite3* db, const Migration& m) {
  S1MIG_RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE"));
  auto body = [&]() -> Status {
    // Another process may have migrated between our check and our lock.
    S1MIG_ASSIGN_OR_RETURN(int64_t now, PragmaInt(db, "user_version"));
    if (now >= m.version) return Status::Ok();
    S1MIG_RETURN_IF_ERROR(Exec(db, m.sql));
    if (m.version == 1) {
      S1MIG_RETURN_IF_ERROR(Exec(db,
                                 "CREATE TABLE schema_migrations(version INTEGER PRIMARY KEY, "
                                 "description TEXT NOT NULL, applied_at TEXT NOT NULL)"));
    }
    if (m.seed != nullptr) S1MIG_RETURN_IF_ERROR(m.seed(db));
    S1MIG_ASSIGN_OR_RETURN(Stmt ins,
                           Stmt::Prepare(db, "INSERT INTO schema_migrations VALUES(?, ?, ?)"));
    auto wall = std::chrono::system_clock::now().time_since_epoch();
    ins.Bind(1, static_cast<int64_t>(m.version))
        .Bind(2, m.description)
        .Bind(3,
              FormatInstant(std::chrono::duration_cast<std::chrono::microseconds>(wall).count()));
    S1MIG_RETURN_IF_ERROR(ins.Run());
    S1MIG_RETURN_IF_ERROR(Exec(db, "PRAGMA application_id = " + std::to_string(kApplicationId)));
    return Exec(db, "PRAGMA user_version = " + std::to_string(m.version));
  };
  Status s = body();
  if (!s.ok()) {
    (void)Exec(db, "ROLLBACK");
    return Status(s.code(), "schema migration to version " + std::to_string(m.version) +
                                " failed: " + s.message());
  }
  return Exec(db, "COMMIT");
}

}  // namespace

Status ApplyMigrations(sqlite3* db, int* version) {
  S1MIG_ASSIGN_OR_RETURN(int64_t app_id, PragmaInt(db, "application_id"));
  S1MIG_ASSIGN_OR_RETURN(int64_t current, PragmaInt(db, "user_version"));
  S1MIG_RETURN_IF_ERROR(CheckIsOurs(db, app_id, current));
  for (const Migration& m : Migrations()) {
    if (m.version > current) S1MIG_RETURN_IF_ERROR(RunMigration(db, m));
  }
  S1MIG_ASSIGN_OR_RETURN(int64_t final_version, PragmaInt(db, "user_version"));
  *version = static_cast<int>(final_version);
  return Status::Ok();
}

}  // namespace sqlite

int SqliteSchemaVersion() { return sqlite::Migrations().back().version; }

}  // namespace s1mig::store
