// Helpers shared by the DMCT workflow's source files: time-order and party checks, and the
// canonical JSON of records for the audit log's before/after states. Internal to src/dmct.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "base/status.h"
#include "store/records.h"
#include "store/store.h"

namespace s1mig::dmct {

// InvalidArgument when `at` is earlier than the latest recorded state change.
Status CheckInOrder(store::DmctTxn& tx, Instant at);

// The registered party `id`, or NotFound naming it.
Result<store::Party> RequireParty(store::DmctTxn& tx, const std::string& id);

// JSON views of records for the audit log (keys sorted by nlohmann::json, so dump() is
// canonical).
nlohmann::json DmcJson(const store::Dmc& dmc);
nlohmann::json EntryJson(const EpclEntry& e);
nlohmann::json SubmissionJson(const store::Submission& s);
nlohmann::json AssessmentJson(const store::AssessmentRecord& a);
nlohmann::json NoticeJson(const store::Notice& n, bool with_text);

// Appends the audit record of one state change. `before`/`after` are dumped canonically.
Status Audit(store::DmctTxn& tx, std::optional<Instant> at, const std::string& actor,
             const std::string& action, const std::string& subject, const nlohmann::json& before,
             const nlohmann::json& after);

}  // namespace s1mig::dmct
