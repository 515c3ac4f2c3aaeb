// Tests of the audit hash chain verifier: every kind of tampering is found at the right record.
#include "store/audit_chain.h"

#include <gtest/gtest.h>

namespace s1mig::store {
namespace {

// A well-formed chain of `n` records, and its head.
std::vector<AuditRecord> Chain(int n, AuditHead* head) {
  std::vector<AuditRecord> out;
  std::string prev = kAuditGenesisHash;
  for (int i = 1; i <= n; ++i) {
    AuditRecord r;
    r.seq = i;
    r.at = i * 1000;
    r.recorded_at = "2024-01-01T00:00:00Z";
    r.actor = "DCC";
    r.action = "test.step";
    r.subject = "X-" + std::to_string(i);
    r.before = "null";
    r.after = "{\"i\":" + std::to_string(i) + "}";
    r.prev_hash = prev;
    r.hash = AuditHash(prev, r);
    prev = r.hash;
    out.push_back(r);
  }
  *head = AuditHead{n, prev};
  return out;
}

// Re-hashes records from index `from` on, as a careful forger would.
void Rehash(std::vector<AuditRecord>* v, size_t from) {
  for (size_t i = from; i < v->size(); ++i) {
    (*v)[i].prev_hash = i == 0 ? kAuditGenesisHash : (*v)[i - 1].hash;
    (*v)[i].hash = AuditHash((*v)[i].prev_hash, (*v)[i]);
  }
}

TEST(AuditChain, IntactChainVerifies) {
  AuditHead head;
  auto v = Chain(5, &head);
  AuditVerdict r = VerifyAuditChain(v, head);
  EXPECT_TRUE(r.intact) << r.message;
  EXPECT_EQ(r.records, 5);
  EXPECT_EQ(r.head_hash, head.hash);
}

TEST(AuditChain, CanonicalContentIsUnambiguous) {
  AuditRecord a, b;
  a.actor = "AB";
  a.action = "C";
  b.actor = "A";
  b.action = "BC";
  EXPECT_NE(CanonicalAuditContent(a), CanonicalAuditContent(b));
  a.at = std::nullopt;
  b = a;
  b.at = 0;
  EXPECT_NE(CanonicalAuditContent(a), CanonicalAuditContent(b));
}

TEST(AuditChain, EditedContentIsFound) {
  AuditHead head;
  auto v = Chain(5, &head);
  v[2].after = "{\"i\":999}";
  AuditVerdict r = VerifyAuditChain(v, head);
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.problem, AuditProblem::kEdited);
  EXPECT_EQ(r.first_bad_seq, 3);
  EXPECT_NE(r.message.find("record #3"), std::string::npos) << r.message;
}

TEST(AuditChain, EditedAndRehashedRecordIsFoundByTheNextLink) {
  AuditHead head;
  auto v = Chain(5, &head);
  v[1].actor = "SUP01";
  v[1].hash = AuditHash(v[1].prev_hash, v[1]);
  AuditVerdict r = VerifyAuditChain(v, head);
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.first_bad_seq, 2) << r.message;
}

TEST(AuditChain, DeletedMiddleRecordIsFound) {
  AuditHead head;
  auto v = Chain(5, &head);
  v.erase(v.begin() + 2);
  AuditVerdict r = VerifyAuditChain(v, head);
  EXPECT_EQ(r.problem, AuditProblem::kDeleted);
  EXPECT_EQ(r.first_bad_seq, 3) << r.message;
}

TEST(AuditChain, DeletedRecordWithRenumberingIsFound) {
  AuditHead head;
  auto v = Chain(5, &head);
  v.erase(v.begin() + 1);
  for (size_t i = 1; i < v.size(); ++i) v[i].seq -= 1;
  AuditVerdict r = VerifyAuditChain(v, head);
  EXPECT_EQ(r.problem, AuditProblem::kDeleted);
  EXPECT_EQ(r.first_bad_seq, 2) << r.message;
}

TEST(AuditChain, DeletedLastRecordIsFoundByTheHead) {
  AuditHead head;
  auto v = Chain(5, &head);
  v.pop_back();
  AuditVerdict r = VerifyAuditChain(v, head);
  EXPECT_EQ(r.problem, AuditProblem::kDeleted);
  EXPECT_EQ(r.first_bad_seq, 5) << r.message;
}

TEST(AuditChain, AppendedRecordIsFound) {
  AuditHead head;
  auto v = Chain(5, &head);
  AuditHead unused;
  auto longer = Chain(6, &unused);
  v.push_back(longer.back());
  AuditVerdict r = VerifyAuditChain(v, head);
  EXPECT_EQ(r.problem, AuditProblem::kInserted);
  EXPECT_EQ(r.first_bad_seq, 6) << r.message;
}

TEST(AuditChain, InsertedRecordWithRenumberingIsFound) {
  AuditHead head;
  auto v = Chain(4, &head);
  AuditRecord forged = v[1];
  forged.subject = "FORGED";
  v.insert(v.begin() + 2, forged);
  v[2].seq = 3;
  v[2].prev_hash = v[1].hash;
  v[2].hash = AuditHash(v[2].prev_hash, v[2]);
  for (size_t i = 3; i < v.size(); ++i) v[i].seq += 1;
  head.seq += 1;  // even with the head moved
  AuditVerdict r = VerifyAuditChain(v, head);
  EXPECT_FALSE(r.intact);
  EXPECT_EQ(r.problem, AuditProblem::kInserted) << r.message;
  EXPECT_EQ(r.first_bad_seq, 3) << r.message;
}

TEST(AuditChain, FullyRehashedForgeryIsCaughtByTheHead) {
  AuditHead head;
  auto v = Chain(4, &head);
  v[0].actor = "MALLORY";
  Rehash(&v, 0);
  AuditVerdict r = VerifyAuditChain(v, head);
  EXPECT_EQ(r.problem, AuditProblem::kHeadMismatch) << r.message;
}

TEST(AuditChain, MissingHeadIsAFinding) {
  AuditHead head;
  auto v = Chain(2, &head);
  EXPECT_FALSE(VerifyAuditChain(v, std::nullopt).intact);
}

}  // namespace
}  // namespace s1mig::store
