// Hash chain of the audit log: canonical encoding, hashing and verification.
#include "store/audit_chain.h"

#include "base/sha256.h"

namespace s1mig::store {
namespace {

constexpr char kFormatTag[] = "s1mig-audit-v1";

void AppendNetstring(std::string* out, std::string_view bytes) {
  *out += std::to_string(bytes.size());
  *out += ':';
  *out += bytes;
  *out += ',';
}

std::string Num(int64_t n) { return std::to_string(n); }

AuditVerdict Bad(AuditProblem p, int64_t seq, int64_t records, std::string message) {
  AuditVerdict v;
  v.intact = false;
  v.problem = p;
  v.first_bad_seq = seq;
  v.records = records;
  v.message = std::move(message);
  return v;
}

bool HashesWithSeq(const AuditRecord& r, int64_t seq) {
  AuditRecord alt = r;
  alt.seq = seq;
  return AuditHash(r.prev_hash, alt) == r.hash;
}

}  // namespace

std::string CanonicalAuditContent(const AuditRecord& r) {
  std::string out;
  AppendNetstring(&out, kFormatTag);
  AppendNetstring(&out, Num(r.seq));
  AppendNetstring(&out, r.at ? Num(*r.at) : std::string());
  AppendNetstring(&out, r.recorded_at);
  AppendNetstring(&out, r.actor);
  AppendNetstring(&out, r.action);
  AppendNetstring(&out, r.subject);
  AppendNetstring(&out, r.before);
  AppendNetstring(&out, r.after);
  AppendNetstring(&out, r.state);
  return out;
}

std::string AuditHash(const std::string& prev_hash, const AuditRecord& r) {
  Sha256 h;
  h.Update(prev_hash);
  h.Update(CanonicalAuditContent(r));
  return h.HexDigest();
}

const char* AuditProblemName(AuditProblem p) {
  switch (p) {
    case AuditProblem::kNone:
      return "none";
    case AuditProblem::kEdited:
      return "edited";
    case AuditProblem::kInserted:
      return "inserted";
    case AuditProblem::kDeleted:
      return "deleted";
    case AuditProblem::kBrokenLink:
      return "broken link";
    case AuditProblem::kHeadMismatch:
      return "head mismatch";
    case AuditProblem::kStateEdited:
      return "state edited";
  }
  return "unknown";
}

AuditVerdict VerifyAuditChain(const std::vector<AuditRecord>& records,
                              const std::optional<AuditHead>& head) {
  const int64_t n = static_cast<int64_t>(records.size());
  int64_t expected_seq = 1;
  std::string expected_prev = kAuditGenesisHash;
  for (const AuditRecord& r : records) {
    const std::string at = "record #" + Num(r.seq);
    if (r.seq > expected_seq) {
      return Bad(AuditProblem::kDeleted, expected_seq, n,
                 "record #" + Num(expected_seq) + " was deleted: the log jumps from #" +
                     Num(expected_seq - 1) + " to #" + Num(r.seq));
    }
    if (r.seq < expected_seq) {
      return Bad(
          AuditProblem::kInserted, r.seq, n,
          at + " was inserted: its number repeats or goes back after #" + Num(expected_seq - 1));
    }
    if (head && r.seq > head->seq) {
      return Bad(AuditProblem::kInserted, r.seq, n,
                 at + " was inserted: it lies beyond the recorded head of the log (#" +
                     Num(head->seq) + ")");
    }
    if (AuditHash(r.prev_hash, r) != r.hash) {
      // A record that hashes with a neighbouring number was renumbered to hide an insertion or a
      // deletion just before it; anything else is an edit of this record.
      if (r.seq > 1 && HashesWithSeq(r, r.seq - 1)) {
        return Bad(AuditProblem::kInserted, r.seq - 1, n,
                   "record #" + Num(r.seq - 1) +
                       " was inserted: the records after it were renumbered (the record now #" +
                       Num(r.seq) + " was written as #" + Num(r.seq - 1) + ")");
      }
      if (HashesWithSeq(r, r.seq + 1)) {
        return Bad(AuditProblem::kDeleted, r.seq, n,
                   at + " was deleted: the records after it were renumbered (the record now #" +
                       Num(r.seq) + " was written as #" + Num(r.seq + 1) + ")");
      }
      return Bad(AuditProblem::kEdited, r.seq, n,
                 at + " was edited: its content does not match its hash");
    }
    if (r.prev_hash != expected_prev) {
      // This record is intact but does not chain to its predecessor, whose hash was therefore
      // recomputed after an edit (or the predecessor was replaced).
      return Bad(AuditProblem::kBrokenLink, r.seq - 1, n,
                 "record #" + Num(r.seq - 1) + " was edited or replaced: record #" + Num(r.seq) +
                     " was chained to a record with a different hash");
    }
    expected_prev = r.hash;
    ++expected_seq;
  }
  const int64_t last = expected_seq - 1;
  if (!head) {
    return Bad(AuditProblem::kHeadMismatch, last, n,
               "the audit head (the store's record of the last seq and hash) is missing");
  }
  if (head->seq > last) {
    return Bad(AuditProblem::kDeleted, last + 1, n,
               "record #" + Num(last + 1) + " was deleted: the log ends at #" + Num(last) +
                   " but its head records #" + Num(head->seq));
  }
  if (head->hash != expected_prev) {
    return Bad(AuditProblem::kHeadMismatch, last, n,
               "record #" + Num(last) +
                   " was edited or replaced: its hash differs from the one in the audit head");
  }
  AuditVerdict ok;
  ok.records = n;
  ok.head_hash = expected_prev;
  return ok;
}

AuditVerdict VerifyAuditState(const std::vector<AuditRecord>& records,
                              const std::string& current_state) {
  AuditVerdict ok;
  ok.records = static_cast<int64_t>(records.size());
  if (records.empty()) return ok;
  const AuditRecord& last = records.back();
  ok.head_hash = last.hash;
  if (last.state == current_state) return ok;
  // Both digests are "table=hash;" lists: name the tables whose hashes differ.
  auto split = [](const std::string& s) {
    std::vector<std::pair<std::string, std::string>> out;
    size_t pos = 0;
    while (pos < s.size()) {
      size_t end = s.find(';', pos);
      if (end == std::string::npos) end = s.size();
      std::string item = s.substr(pos, end - pos);
      size_t eq = item.find('=');
      out.emplace_back(item.substr(0, eq), eq == std::string::npos ? "" : item.substr(eq + 1));
      pos = end + 1;
    }
    return out;
  };
  auto want = split(last.state), have = split(current_state);
  std::string tables;
  int changed = 0;
  for (const auto& [table, hash] : have) {
    bool same = false;
    for (const auto& [t, h] : want) same = same || (t == table && h == hash);
    if (same) continue;
    tables += (tables.empty() ? "" : ", ") + table;
    ++changed;
  }
  if (changed == 0) tables = "the store's tables";
  return Bad(AuditProblem::kStateEdited, last.seq, ok.records,
             "state edited outside s1mig after record #" + Num(last.seq) + ": table" +
                 (changed > 1 ? "s " : " ") + tables + " no longer match" +
                 (changed > 1 ? "" : "es") + " the state recorded by record #" + Num(last.seq));
}

}  // namespace s1mig::store
