// The rows of the DMCT store (parties, DMC submissions, assessments, notices, referrals,
// decisions, audit records) as plain values shared by every DmctStore backend.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/time.h"
#include "model/reference_data.h"

namespace s1mig::store {

enum class PartyRole { kSupplier, kDcc };
const char* PartyRoleName(PartyRole r);  // "supplier" / "dcc"
std::optional<PartyRole> ParsePartyRole(std::string_view text);

// A registered party. Only registered parties can act in the DMCT workflow.
struct Party {
  std::string id;
  PartyRole role = PartyRole::kSupplier;
  std::string name;
};

// The party that exists in every store from its creation (role dcc).
inline constexpr std::string_view kDccPartyId = "DCC";

enum class MeterMode { kActive, kDormant };
const char* MeterModeName(MeterMode m);  // "active" / "dormant"
std::optional<MeterMode> ParseMeterMode(std::string_view text);

// How a submission's display device is classed (SEC Section A "SMETS1 PPMID", SVTAD 20.5A).
enum class DisplayClass { kPpmid, kIhd };
const char* DisplayClassName(DisplayClass c);  // "PPMID" / "IHD"
std::optional<DisplayClass> ParseDisplayClass(std::string_view text);

// A Device Model Combination: model and firmware per DeviceSlot; empty strings mean absent.
struct Dmc {
  std::string model[kDeviceSlots];
  std::string fw[kDeviceSlots];
  bool operator==(const Dmc&) const = default;
};
// "CHF-L@1.4 ESME-L@2.1 PPMID DSP-OLD@0.9": present slots only, each as SLOT MODEL@FW.
std::string FormatDmc(const Dmc& dmc);
// The DMC of an EPCL entry, and whether an entry lists exactly `dmc`.
Dmc DmcOf(const EpclEntry& e);

// A DMC submitted into the DMCT Process (SMETS1 SVTAD clause 20.2).
struct Submission {
  std::string id;  // "S-000001", assigned by the store
  std::string party;
  MeterMode mode = MeterMode::kActive;
  Dmc dmc;
  DisplayClass display_class = DisplayClass::kPpmid;  // of dmc's kPpmid slot
  Instant submitted_at = 0;
};

// Whom the DCC asked for the PPMID's EPCL data (SVTAD 20.5A: the Supplier Party or the SMSO).
enum class DataSource { kSupplier, kSmso };
const char* DataSourceName(DataSource s);  // "supplier" / "smso"
std::optional<DataSource> ParseDataSource(std::string_view text);

// A DMCT assessment. Imported ones (ppmid_assessments.csv) have no source and no instant.
struct AssessmentRecord {
  std::string id;  // "A-000001", assigned by the store
  std::string model;
  std::string fw;
  EpclData epcl_data = EpclData::kObtained;
  std::optional<DataSource> source;
  std::optional<Instant> assessed_at;
  Days assessed_on = 0;
};

enum class NoticeStatus { kNotified, kReferred, kUpheld, kDismissed, kReversed };
const char* NoticeStatusName(NoticeStatus s);  // "NOTIFIED", "REFERRED", ...
std::optional<NoticeStatus> ParseNoticeStatus(std::string_view text);

// A reclassification notice to one Supplier Party for one display model (SVTAD 20.5A).
struct Notice {
  std::string id;  // "N-000001", assigned by the store
  std::string party;
  std::string model;
  std::string fw;
  std::string assessment_id;
  Instant notified_at = 0;
  Days referral_deadline = 0;  // last Working Day on which a referral is on time
  std::string calendar;        // the Working Day calendar the deadline was counted with
  NoticeStatus status = NoticeStatus::kNotified;
  std::string text;  // the rendered notice, as sent
};

// A referral of a notice to the Secretary of State by the notified party.
struct Referral {
  std::string id;  // "R-000001", assigned by the store
  std::string notice_id;
  std::string party;
  Instant referred_at = 0;
};

enum class Outcome { kUpheld, kDismissed };
const char* OutcomeName(Outcome o);  // "UPHELD" / "DISMISSED"
std::optional<Outcome> ParseOutcome(std::string_view text);

// The Secretary of State's decision on a referral; final (at most one per referral).
struct Decision {
  std::string id;  // "D-000001", assigned by the store
  std::string referral_id;
  Outcome outcome = Outcome::kDismissed;
  Instant decided_at = 0;
  Days effective_from = 0;  // London date of decided_at
};

// What a caller appends to the audit log; the store adds seq, recorded_at and the hashes.
struct AuditEntry {
  std::optional<Instant> at;  // the business time (--at); absent for untimed changes
  std::string actor;          // acting party id
  std::string action;         // e.g. "dmct.assess"
  std::string subject;        // the main record's id
  std::string before;         // canonical JSON of the state before ("null" when none)
  std::string after;          // canonical JSON of the state after
};

// One record of the append-only, hash-chained audit log (docs/dmct.md "Audit chain").
struct AuditRecord {
  int64_t seq = 0;  // 1, 2, 3, ...
  std::optional<Instant> at;
  std::string recorded_at;  // wall-clock UTC time of the commit, informational
  std::string actor;
  std::string action;
  std::string subject;
  std::string before;
  std::string after;
  // Digest of every state table just after this change (DmctTxn::StateDigest), so that a state
  // row edited outside s1mig after the last change is found too.
  std::string state;
  std::string prev_hash;  // hash of record seq-1; 64 zeros for seq 1
  std::string hash;       // SHA-256 hex over prev_hash and this record's canonical content
};

// The anchor that the store keeps beside the log: the last record's seq and hash. It lets the
// verifier notice records deleted from the end of the log.
struct AuditHead {
  int64_t seq = 0;
  std::string hash;
};

}  // namespace s1mig::store
