// DmctStore: the storage interface of the DMCT workflow. SQLite implements it today
// (sqlite_store.h); a PostgreSQL backend for multi-user deployments can implement the same
// interface without touching the workflow (src/dmct).
//
// Every state change runs inside DmctStore::Write, as one transaction: all its changes commit
// together or none do, also when the process is killed. Workflow rules (who may act, deadlines,
// reclassification) live in src/dmct; the store only keeps records and the audit chain.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/reference_data.h"
#include "store/records.h"

namespace s1mig::store {

// The operations available inside one transaction. Only valid during the callback that received
// it; not thread-safe. In a read transaction every write method returns FailedPrecondition.
// Lookups return nullopt for a missing id; errors are storage failures.
class DmctTxn {
 public:
  virtual ~DmctTxn() = default;

  // Parties. InsertParty returns AlreadyExists when the id is taken.
  virtual Result<std::optional<Party>> FindParty(const std::string& id) = 0;
  virtual Result<std::vector<Party>> ListParties() = 0;
  virtual Status InsertParty(const Party& party) = 0;

  // DMC submissions, in submission order. Insert ignores s.id and returns the new id;
  // AlreadyExists when the same party already submitted the same DMC.
  virtual Result<std::string> InsertSubmission(const Submission& s) = 0;
  virtual Result<std::vector<Submission>> ListSubmissions() = 0;
  virtual Status SetDisplayClass(const std::string& submission_id, DisplayClass c) = 0;

  // The EPCL, in listing order. Insert returns AlreadyExists when entry_id is taken.
  virtual Result<std::vector<EpclEntry>> ListEpcl() = 0;
  virtual Status InsertEpclEntry(const EpclEntry& e) = 0;

  // PPMID assessments, in recording order. Insert ignores a.id and returns the new id.
  virtual Result<std::string> InsertAssessment(const AssessmentRecord& a) = 0;
  virtual Result<std::vector<AssessmentRecord>> ListAssessments() = 0;

  // Reclassification notices. Insert ignores n.id and returns the new id.
  virtual Result<std::string> InsertNotice(const Notice& n) = 0;
  virtual Result<std::optional<Notice>> FindNotice(const std::string& id) = 0;
  virtual Result<std::vector<Notice>> ListNotices() = 0;
  virtual Status SetNoticeStatus(const std::string& id, NoticeStatus status) = 0;

  // Referrals (at most one per notice: AlreadyExists) and decisions (at most one per referral).
  virtual Result<std::string> InsertReferral(const Referral& r) = 0;
  virtual Result<std::optional<Referral>> FindReferral(const std::string& id) = 0;
  virtual Result<std::optional<Referral>> FindReferralForNotice(const std::string& notice_id) = 0;
  virtual Result<std::string> InsertDecision(const Decision& d) = 0;
  virtual Result<std::optional<Decision>> FindDecisionForReferral(
      const std::string& referral_id) = 0;

  // Models treated as a PPMID again after an upheld referral (DOMAIN.md project decision).
  virtual Status InsertReinstatement(const PpmidReinstatement& r,
                                     const std::string& decision_id) = 0;
  virtual Result<std::vector<PpmidReinstatement>> ListReinstatements() = 0;

  // The audit log. AppendAudit assigns seq, recorded_at, the state digest, prev_hash and hash
  // (audit_chain.h) and moves the head; it returns the new seq. REQUIRES: it is the last write
  // of its transaction, so that the digest is the state the change leaves behind.
  // LatestActionTime is the largest `at` recorded.
  virtual Result<int64_t> AppendAudit(const AuditEntry& e) = 0;
  virtual Result<std::optional<Instant>> LatestActionTime() = 0;
  virtual Result<std::vector<AuditRecord>> ListAudit() = 0;
  virtual Result<std::optional<AuditHead>> ReadAuditHead() = 0;

  // "parties=<sha256>;submissions=<sha256>;..." over every state table (all but the audit
  // log): each table's rows in a canonical encoding, sorted, hashed. Equal states give equal
  // digests whatever the physical row order.
  virtual Result<std::string> StateDigest() = 0;
};

// A DMCT store. One object per process connection; not thread-safe (use one per thread).
class DmctStore {
 public:
  virtual ~DmctStore() = default;

  // Runs `fn` in one write transaction. Writers are serialized (the lock is taken at the start,
  // so reads inside `fn` see the state that the writes will replace). When `fn` returns an
  // error, or throws, nothing it did is kept and that error is returned.
  virtual Status Write(const std::function<Status(DmctTxn&)>& fn) = 0;

  // Runs `fn` in a read-only transaction: one consistent snapshot of the store.
  virtual Status Read(const std::function<Status(DmctTxn&)>& fn) = 0;

  // The schema version of the open store (docs/dmct.md "Schema versions").
  virtual int schema_version() const = 0;
};

}  // namespace s1mig::store
