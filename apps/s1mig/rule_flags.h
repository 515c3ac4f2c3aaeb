// The rule flags shared by several subcommands (--rules, --rules-extra, --amendments, ...).
#pragma once

#include <CLI/CLI.hpp>

#include "pipeline/rule_options.h"

namespace s1mig::cli {

// Adds --rules-at, --amendments, --effective, --rules and --rules-extra to `cmd`.
void AddRuleFlags(CLI::App* cmd, pipeline::RuleOptions* o, bool with_rules_at = true);

// Prints "s1mig <cmd>: <message>" on stderr and returns the Status's exit code.
int Fail(const std::string& cmd, const Status& s);

}  // namespace s1mig::cli
