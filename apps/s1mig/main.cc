// s1mig's entry point: builds the command line from the registered subcommands and runs one.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "apps/s1mig/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "s1mig: decide which SMETS1 Installations may migrate under the TMAD rules in force at any\n"
      "instant, weigh rule amendments, and run the DMCT reclassification workflow.\n"
      "Exit codes: 0 done (even with INVALID rows), 1 internal error, 2 usage error or bad input."};
  app.require_subcommand(1);
  app.set_version_flag("--version", S1MIG_VERSION);
  int exit_code = 0;
  s1mig::cli::RegisterEvaluateCommands(app, &exit_code);
  s1mig::cli::RegisterRulesCommands(app, &exit_code);
#ifdef HAVE_S1MIG_DMCT
  s1mig::cli::RegisterDmctCommands(app, &exit_code);
#endif
#ifdef HAVE_S1MIG_GEN
  s1mig::cli::RegisterGenerateCommands(app, &exit_code);
#endif
#ifdef HAVE_S1MIG_IMPACT
  s1mig::cli::RegisterImpactCommands(app, &exit_code);
#endif
#if defined(HAVE_S1MIG_GEN) && defined(HAVE_S1MIG_IMPACT)
  s1mig::cli::RegisterDemoCommands(app, &exit_code);
#endif
#ifdef HAVE_S1MIG_HTTP
  s1mig::cli::RegisterServeCommands(app, &exit_code);
#endif
  // A usage error reads like every other error: "s1mig evaluate: error: ..." (docs/exit-codes.md).
  app.failure_message([](const CLI::App* top, const CLI::Error& e) {
    std::string who = "s1mig";
    for (const CLI::App* at = top;;) {
      std::vector<CLI::App*> chosen = at->get_subcommands();
      if (chosen.empty()) break;
      at = chosen.front();
      who += " " + at->get_name();
    }
    return who + ": error: " + e.what() + "\nRun '" + who + " --help' for more information.\n";
  });
  if (argc > 1 && argv[1][0] != '-') {
    std::string names;
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
      known = known || sub->get_name() == argv[1];
      names += (names.empty() ? "" : ", ") + sub->get_name();
    }
    if (!known) {
      std::fprintf(stderr, "s1mig: error: unknown command '%s' (the commands: %s)\nRun 's1mig --help' for more information.\n",
                   argv[1], names.c_str());
      return 2;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "s1mig: internal error: %s\n", e.what());
    return 1;
  }
  return exit_code;
}
