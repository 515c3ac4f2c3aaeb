// The rule flags shared by evaluate, explain, impact and serve: which pack, which amendments,
// at which instant; and loading + compiling them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/time.h"
#include "rules/compiled_rules.h"
#include "rules/rule_pack.h"

namespace s1mig::pipeline {

struct RuleOptions {
  std::string rules_path;                  // empty: the shipped rules/tmad.toml
  std::vector<std::string> rules_extra;    // amendments layered on top
  std::string amendments = "in-force";     // in-force | none | all | ID,ID
  std::vector<std::string> effective;      // ID=YYYY-MM-DD
  std::string rules_at;                    // ISO 8601; empty: as_of
};

// Loads the pack and its extras. Errors carry file:line:column.
Result<std::shared_ptr<const rules::RulePack>> LoadPack(const RuleOptions& options);

// Resolves the amendment selection for `rules_at` (as_of when options.rules_at is empty).
Result<rules::AmendmentSelection> ResolveSelection(const RuleOptions& options, Instant as_of);

// rules_at to write back in outputs, to the nanosecond given: as_of when options.rules_at is
// empty. REQUIRES: options.rules_at, when set, was accepted by ResolveSelection.
PreciseInstant RulesAtAsGiven(const RuleOptions& options, PreciseInstant as_of);

// Parses a timestamp flag; the error names the flag.
Result<Instant> ParseInstantFlag(const std::string& flag, const std::string& value);

}  // namespace s1mig::pipeline
