// Registration of the s1mig subcommands. Each Register* adds its subcommands to the CLI11 app;
// a subcommand's callback stores its process exit code in *exit_code (0 ok, 1 internal, 2 input).
#pragma once

#include <CLI/CLI.hpp>

namespace s1mig::cli {

void RegisterEvaluateCommands(CLI::App& app, int* exit_code);  // evaluate, explain
void RegisterRulesCommands(CLI::App& app, int* exit_code);     // rules show|diff
void RegisterDmctCommands(CLI::App& app, int* exit_code);  // party, dmct, epcl, *-reference, audit
void RegisterGenerateCommands(CLI::App& app, int* exit_code);  // generate
void RegisterImpactCommands(CLI::App& app, int* exit_code);    // impact
void RegisterDemoCommands(CLI::App& app, int* exit_code);      // demo
void RegisterServeCommands(CLI::App& app, int* exit_code);     // serve, token

}  // namespace s1mig::cli
