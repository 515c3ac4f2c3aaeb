// The audit log's hash chain: the canonical bytes of a record, its hash, and the verifier that
// finds the first edited, inserted or deleted record. Backend-independent (docs/dmct.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/records.h"

namespace s1mig::store {

// prev_hash of the first record.
inline constexpr char kAuditGenesisHash[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The canonical content of a record (everything but prev_hash and hash): a version tag and the
// fields seq, at (microseconds since the epoch, empty when absent), recorded_at, actor, action,
// subject, before, after, state, each written as a netstring "<length>:<bytes>,". Unambiguous
// for any bytes, so no two different records share a content.
std::string CanonicalAuditContent(const AuditRecord& r);

// SHA-256 (lower-case hex) of prev_hash followed by CanonicalAuditContent(r).
std::string AuditHash(const std::string& prev_hash, const AuditRecord& r);

enum class AuditProblem {
  kNone,
  kEdited,
  kInserted,
  kDeleted,
  kBrokenLink,
  kHeadMismatch,
  kStateEdited,  // the chain is intact but a state table no longer matches the last record
};
const char* AuditProblemName(AuditProblem p);  // "edited", "inserted", ...

struct AuditVerdict {
  bool intact = true;
  int64_t records = 0;    // records read
  std::string head_hash;  // hash of the last record (when intact)
  AuditProblem problem = AuditProblem::kNone;
  int64_t first_bad_seq = 0;  // the first record edited, inserted or deleted
  std::string message;        // one line naming that record and what is wrong with it
};

// Checks `records` (in seq order, as stored) against the chain rules and `head`. Reports the
// first record, in log order, that was edited, inserted or deleted. Never fails: a malformed
// record is itself a finding.
AuditVerdict VerifyAuditChain(const std::vector<AuditRecord>& records,
                              const std::optional<AuditHead>& head);

// Checks the store's current state digest against the one the last record left (call after
// VerifyAuditChain passed). Names the state tables edited outside s1mig since that record.
AuditVerdict VerifyAuditState(const std::vector<AuditRecord>& records,
                              const std::string& current_state);

}  // namespace s1mig::store
