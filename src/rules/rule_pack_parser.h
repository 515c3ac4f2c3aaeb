// Loading a rule pack from TOML. A broken rules file is a diagnostic with file:line:column, never
// a crash; see docs/rule-pack.md for the syntax.
#pragma once

#include <string>

#include "base/status.h"
#include "rules/rule_pack.h"

namespace s1mig::rules {

struct RuleFileLimits {
  size_t max_bytes = 1 << 20;   // a rules file larger than this is refused
  size_t max_checks = 16;
  size_t max_amendments = 1000;
  size_t max_changes = 100;     // per amendment
  size_t max_scope_items = 1000;
};

// Parses a complete pack. Errors are InvalidArgument with "file:line:column: message" lines.
Result<RulePack> ParseRulePack(std::string_view text, const std::string& file_name,
                               const RuleFileLimits& limits = {});
Result<RulePack> LoadRulePack(const std::string& path, const RuleFileLimits& limits = {});

// Adds the amendments (and named scopes) of an extra rules file to `pack`.
Status ParseRulesExtra(std::string_view text, const std::string& file_name, RulePack* pack,
                       const RuleFileLimits& limits = {});
Status LoadRulesExtra(const std::string& path, RulePack* pack, const RuleFileLimits& limits = {});

// The shipped pack: rules/tmad.toml, found next to the binary or in the source tree.
std::string DefaultRulePackPath();

}  // namespace s1mig::rules
