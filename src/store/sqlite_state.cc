// The state digest of the SQLite store: every state table's rows, canonically encoded, sorted
// and hashed, so that `audit verify` notices rows edited outside s1mig (docs/dmct.md).
#include <algorithm>
#include <string>
#include <vector>

#include "base/sha256.h"
#include "store/sqlite_db.h"
#include "store/sqlite_internal.h"

namespace s1mig::store::sqlite {
namespace {

// Every table that holds workflow state; the audit log, its head and schema_migrations are not
// state (the chain protects the log itself).
constexpr const char* kStateTables[] = {"parties",           "submissions",         "epcl_entries",
                                        "ppmid_assessments", "notifications",       "referrals",
                                        "decisions",         "ppmid_reinstatements"};

void AppendNetstring(std::string* out, const char* bytes, size_t n) {
  *out += std::to_string(n);
  *out += ':';
  out->append(bytes, n);
  *out += ',';
}

// One row as type-tagged netstrings: unambiguous, and independent of the physical row order.
std::string EncodeRow(sqlite3_stmt* st) {
  std::string row;
  const int n = sqlite3_column_count(st);
  for (int i = 0; i < n; ++i) {
    switch (sqlite3_column_type(st, i)) {
      case SQLITE_NULL:
        row += 'n';
        break;
      case SQLITE_INTEGER: {
        std::string v = std::to_string(sqlite3_column_int64(st, i));
        row += 'i';
        AppendNetstring(&row, v.data(), v.size());
        break;
      }
      default: {  // text, real and blob compare as their bytes
        const char* p = static_cast<const char*>(sqlite3_column_blob(st, i));
        row += 't';
        AppendNetstring(&row, p == nullptr ? "" : p,
                        static_cast<size_t>(sqlite3_column_bytes(st, i)));
      }
    }
  }
  return row;
}

}  // namespace

Result<std::string> StateDigestOf(sqlite3* db) {
  std::string digest;
  for (const char* table : kStateTables) {
    sqlite3_stmt* st = nullptr;
    const std::string sql = std::string("SELECT * FROM ") + table;
    int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    if (rc != SQLITE_OK) return ErrorStatus(rc, db, std::string("state digest of ") + table);
    std::vector<std::string> rows;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) rows.push_back(EncodeRow(st));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return ErrorStatus(rc, db, std::string("state digest of ") + table);
    std::sort(rows.begin(), rows.end());
    Sha256 h;
    for (const std::string& r : rows) {
      h.Update(std::to_string(r.size()) + ":");
      h.Update(r);
    }
    digest += std::string(digest.empty() ? "" : ";") + table + "=" + h.HexDigest();
  }
  return digest;
}

}  // namespace s1mig::store::sqlite
