// The DMCT workflow around the PPMID change (SMETS1 SVTAD clause 20, new clause 20.5A): party
// registration, DMC submissions, assessments with reclassification, notices, substantive
// equivalence, referrals to the Secretary of State and their decisions.
//
// Every function that changes state runs as ONE store transaction that also appends its audit
// record: on any error nothing changes. Errors caused by the request (unknown party, notice or
// referral, duplicate, out-of-order time, late referral, calendar out of range) are non-internal
// Status codes (CLI exit 2); storage failures are whatever the store returns.
//
// Time order: a request's `at` may not be earlier than the latest `at` already recorded in the
// audit log (equal is fine). Untimed changes (party add without --at) do not move that clock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "dmct/working_day_calendar.h"
#include "model/reference_data.h"
#include "store/records.h"
#include "store/store.h"

namespace s1mig::dmct {

struct AddPartyRequest {
  std::string id;  // letters, digits, '_', '-', '.'; at most 64
  store::PartyRole role = store::PartyRole::kSupplier;
  std::string name;
  std::optional<Instant> at;
};
// Registers a party. AlreadyExists for a taken id.
Status AddParty(store::DmctStore& store, const AddPartyRequest& req);

struct SubmitRequest {
  std::string party;
  Instant at = 0;
  store::Dmc dmc;  // CHF, ESME and PPMID required; GSME and GPF both or neither
  store::MeterMode mode = store::MeterMode::kActive;
};
// Records a DMC submission (SVTAD 20.2) and returns its id. Supplier Parties submit for Active
// meters; submissions for Dormant meters use a party of role dcc (the DCC). The display is
// recorded as a SMETS1 PPMID.
Result<std::string> Submit(store::DmctStore& store, const SubmitRequest& req);

struct AssessRequest {
  std::string model;  // the display (PPMID) model and firmware assessed
  std::string fw;
  EpclData epcl_data = EpclData::kObtained;
  store::DataSource source = store::DataSource::kSupplier;  // whom the DCC asked
  Instant at = 0;
  // Working Days for the referral deadline; nullptr means WorkingDayCalendar::EnglandAndWales().
  const WorkingDayCalendar* calendar = nullptr;
};

struct AssessOutcome {
  std::string assessment_id;
  Days assessed_on = 0;                       // London date of `at`
  bool amendment_in_force = false;            // U1-PPMID in force at `at`
  std::vector<std::string> reclassified;      // submissions whose display became a SMETS1 IHD
  std::vector<std::string> restored;          // submissions whose display became a PPMID again
  std::vector<store::Notice> notices;         // notices created (one per Supplier Party)
  std::vector<std::string> reversed_notices;  // open notices withdrawn by an OBTAINED result
  std::vector<EpclEntry> listed;              // entries added by substantive equivalence
  std::vector<std::string> already_listed;    // DMCs (without PPMID) already on the EPCL
  std::vector<std::string> unlisted;          // DMCs (without PPMID) with no equivalent entry
};

// Records an assessment of a display model and applies SVTAD clause 20.5A:
// - UNOBTAINABLE while U1-PPMID is in force: every submission listing the model is reclassified
//   (display class IHD); each Supplier Party with a newly reclassified submission gets one
//   notice with the rationale and a referral deadline; each affected DMC without its PPMID that
//   equals an existing EPCL entry apart from that entry's PPMID is listed with basis
//   SUBSTANTIVE_EQUIVALENCE (docs/dmct.md gives the exact rule).
// - UNOBTAINABLE before U1-PPMID is in force: recorded only; the model stays a PPMID.
// - OBTAINED: recorded; submissions reclassified earlier become PPMID again and their
//   un-referred notices are REVERSED.
// Refused, with nothing recorded: OutOfRange when a deadline falls outside the calendar's years;
// FailedPrecondition for UNOBTAINABLE on a model reinstated by an upheld referral (final).
Result<AssessOutcome> Assess(store::DmctStore& store, const AssessRequest& req);

// The notices, oldest first; only `party`'s when given (NotFound for an unknown party).
Result<std::vector<store::Notice>> ListNotices(store::DmctStore& store,
                                               const std::optional<std::string>& party);

struct ReferRequest {
  std::string party;
  std::string notice_id;
  Instant at = 0;
};
// Records the notified party's referral to the Secretary of State and returns its id. Refused
// (with the deadline in the message) when `party` is not the notified party, when the London
// date of `at` is after the notice's referral deadline, or when the notice was already referred
// or reversed.
Result<std::string> Refer(store::DmctStore& store, const ReferRequest& req);

struct DecideRequest {
  std::string referral_id;
  store::Outcome outcome = store::Outcome::kDismissed;
  Instant at = 0;
};
struct DecideOutcome {
  std::string decision_id;
  store::Outcome outcome = store::Outcome::kDismissed;
  std::string model;
  std::string fw;
  Days effective_from = 0;            // London date of the decision
  std::vector<std::string> restored;  // submissions whose display is a PPMID again
  std::vector<std::string> reversed_notices;
};
// Records the Secretary of State's decision, which is final: a second decision on the same
// referral is refused (AlreadyExists). Upheld: the model is treated as a SMETS1 PPMID again from
// the decision's London date (a PpmidReinstatement); its submissions are PPMID again and other
// parties' open notices on it are REVERSED. Dismissed: the model stays a SMETS1 IHD.
Result<DecideOutcome> Decide(store::DmctStore& store, const DecideRequest& req);

}  // namespace s1mig::dmct
