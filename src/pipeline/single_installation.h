// Deciding one installation given as field values (the HTTP API's POST /v1/evaluate, and tests):
// the same validation, checks and explanation as a snapshot row, against a loaded snapshot's
// reference data.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "base/status.h"
#include "pipeline/evaluate_run.h"
#include "rules/compiled_rules.h"

namespace s1mig::pipeline {

struct SingleDecision {
  bool invalid = false;
  Diagnostics problems;                 // when invalid: as errors.csv would list them
  nlohmann::ordered_json explanation;   // outcome, reasons, display_class, display, checks
};

// `fields` maps inventory.csv column names to their text ("" or absent = empty). Unknown names
// are ignored. `file` names the source in problems (e.g. "request").
SingleDecision DecideSingle(const std::vector<std::pair<std::string, std::string>>& fields,
                            const engine::ReferenceIndex& ref, const rules::CompiledRules& rules,
                            PreciseInstant as_of, const std::string& file = "request");

// Compiles the pack for the rule flags at `as_of` (amendments in force at rules_at, a list, ...).
Result<rules::CompiledRules> CompileFor(const rules::RulePack& pack, const RuleOptions& options, Instant as_of);

}  // namespace s1mig::pipeline
