// Deciding one Installation under compiled rules. Facts that do not depend on the rules
// (whitelist membership, EPCL lookups, registration) are gathered once per row, so an impact
// run weighs many rule variants for the price of table lookups.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/installation.h"
#include "engine/reference_index.h"
#include "rules/compiled_rules.h"

namespace s1mig::engine {

// What the row's data says, independent of which amendments apply.
struct RowFacts {
  int key = 0;                      // CompiledRules::Key
  int32_t model_fw[kSlots] = {};    // ReferenceIndex::ModelFirmwareId per device (display in kDisplay)
  bool gsme_on_whitelist = false;
  int64_t comms_age_nanos = 0;      // as_of - gsme_last_comms in ns (when has_last_comms)
  bool in_igt_range = false;
  int32_t cert_owner = -1;          // party index, -1 unknown certificate
  int32_t registered_gt = -1;       // party index, -1 no Registration Data
  bool epcl_with_display = false;   // DMC with the display as PPMID is on the EPCL
  bool epcl_without_display = false;
  PpmidStanding display_standing;
};

// `registered_gt`, when given, is ref.RegisteredTransporter(inst.mprn_key) looked up already
// (the batch pipeline does all of a batch's first; see estate_evaluator.cc).
void GatherFacts(const Installation& inst, const ReferenceIndex& ref, PreciseInstant as_of, RowFacts* facts,
                 const int32_t* registered_gt = nullptr);

// The display classification (SEC Section A "SMETS1 PPMID", TMAD clause 3.1(g) as amended).
DisplayClass ClassifyDisplay(const Installation& inst, const RowFacts& f, const rules::CompiledRules& rules);

enum class CheckResult : uint8_t { kNotApplicable, kExempt, kPass, kFail };
struct CheckOutcome {
  CheckResult result = CheckResult::kNotApplicable;
  int reason = -1;          // reason-code index when kFail
  uint8_t exempted_by = 0;  // the Exemption that applied when kExempt
};

// Runs check `c` of the pack for this row.
CheckOutcome RunCheck(int c, const Installation& inst, const RowFacts& f, DisplayClass display,
                      const rules::CompiledRules& rules);

// The decision for a valid row: every failing check, in pack order.
Decision Decide(const Installation& inst, const RowFacts& f, const rules::CompiledRules& rules);

}  // namespace s1mig::engine
