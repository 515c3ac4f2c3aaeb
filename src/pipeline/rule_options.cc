// Loading and selecting rules from the shared command-line flags.
#include "pipeline/rule_options.h"

#include "rules/rule_pack_parser.h"

namespace s1mig::pipeline {

Result<std::shared_ptr<const rules::RulePack>> LoadPack(const RuleOptions& o) {
  std::string path = o.rules_path.empty() ? rules::DefaultRulePackPath() : o.rules_path;
  S1MIG_ASSIGN_OR_RETURN(rules::RulePack pack, rules::LoadRulePack(path));
  // The shipped pack is named as in the repository, not by this machine's absolute path.
  if (o.rules_path.empty() && !pack.files.empty()) pack.files[0] = "rules/tmad.toml (shipped)";
  for (const auto& extra : o.rules_extra) S1MIG_RETURN_IF_ERROR(rules::LoadRulesExtra(extra, &pack));
  return std::shared_ptr<const rules::RulePack>(std::make_shared<rules::RulePack>(std::move(pack)));
}

Result<Instant> ParseInstantFlag(const std::string& flag, const std::string& value) {
  auto t = ParseTimestamp(value);
  if (!t)
    return InvalidArgument(flag + ": '" + value +
                           "' is not an ISO 8601 timestamp with seconds and an offset (e.g. 2021-10-13T09:00:00Z or 2021-07-01T12:00:00+01:00)");
  return *t;
}

Result<rules::AmendmentSelection> ResolveSelection(const RuleOptions& o, Instant as_of) {
  S1MIG_ASSIGN_OR_RETURN(rules::AmendmentSelection sel, rules::ParseAmendmentSelection(o.amendments));
  sel.rules_at = as_of;
  if (!o.rules_at.empty()) {
    S1MIG_ASSIGN_OR_RETURN(sel.rules_at, ParseInstantFlag("--rules-at", o.rules_at));
  }
  for (const auto& e : o.effective) {
    S1MIG_ASSIGN_OR_RETURN(auto override_date, rules::ParseEffectiveOverride(e));
    sel.effective_overrides.push_back(override_date);
  }
  return sel;
}

PreciseInstant RulesAtAsGiven(const RuleOptions& options, PreciseInstant as_of) {
  if (options.rules_at.empty()) return as_of;
  return ParseTimestampPrecise(options.rules_at).value_or(as_of);
}

}  // namespace s1mig::pipeline
