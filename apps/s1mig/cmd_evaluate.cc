// evaluate / explain subcommands (placeholder until the engine lands).
#include "apps/s1mig/commands.h"
namespace s1mig::cli {
void RegisterEvaluateCommands(CLI::App& app, int* exit_code) {}
void RegisterRulesCommands(CLI::App& app, int* exit_code) {}
}  // namespace s1mig::cli
