// Pieces shared by the SQLite store's source files (schema migrations, the transaction object,
// the audit appender). Not part of the store's public interface.
#pragma once

#include <sqlite3.h>

#include <memory>

#include "base/status.h"
#include "store/store.h"

namespace s1mig::store::sqlite {

// 'S1MG': PRAGMA application_id of every s1mig DMCT store.
inline constexpr int kApplicationId = 0x53314D47;

// The device columns of a DMC, in DeviceSlot order (model, fw per slot), as in epcl.csv.
inline constexpr char kDmcColumns[] =
    "chf_model, chf_fw, esme_model, esme_fw, gsme_model, gsme_fw, gpf_model, gpf_fw, "
    "ppmid_model, ppmid_fw";

// Brings the schema of `db` to SqliteSchemaVersion(), one transaction per migration, and sets
// *version. Refuses a database that is not an s1mig store or is newer than this build.
Status ApplyMigrations(sqlite3* db, int* version);

// Appends one audit record inside the caller's open transaction: seq, recorded_at and hashes
// are computed here, and the audit head moves. Returns the new seq.
Result<int64_t> AppendAuditRow(sqlite3* db, const AuditEntry& e);

// DmctTxn::StateDigest over the state tables of `db` (sqlite_state.cc).
Result<std::string> StateDigestOf(sqlite3* db);

// A DmctTxn over `db`, whose transaction the caller has already begun. `writable` false makes
// every write method return FailedPrecondition.
std::unique_ptr<DmctTxn> NewSqliteTxn(sqlite3* db, bool writable);

}  // namespace s1mig::store::sqlite
