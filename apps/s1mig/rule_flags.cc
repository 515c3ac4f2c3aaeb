// Shared rule flags and error printing for the subcommands.
#include "apps/s1mig/rule_flags.h"

#include <cstdio>

namespace s1mig::cli {

void AddRuleFlags(CLI::App* cmd, pipeline::RuleOptions* o, bool with_rules_at) {
  if (with_rules_at)
    cmd->add_option("--rules-at", o->rules_at, "Choose the rules in force at this instant (default: --as-of)");
  cmd->add_option("--amendments", o->amendments,
                  "Which amendments apply: in-force (by date, at --rules-at), none, all, or a comma list of ids "
                  "applied whatever their dates")
      ->default_str("in-force");
  cmd->add_option("--effective", o->effective, "Move an amendment's date for a what-if: ID=YYYY-MM-DD (repeatable)");
  cmd->add_option("--rules", o->rules_path, "Rule pack to use instead of the shipped rules/tmad.toml");
  cmd->add_option("--rules-extra", o->rules_extra, "Extra rules file whose amendments are added to the pack (repeatable)");
}

int Fail(const std::string& cmd, const Status& s) {
  std::fprintf(stderr, "s1mig %s: %s%s\n", cmd.c_str(), s.code() == StatusCode::kInternal ? "internal error: " : "error: ",
               s.message().c_str());
  return s.ExitCode();
}

}  // namespace s1mig::cli
