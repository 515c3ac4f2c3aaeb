// evaluate / explain / rules subcommands: flag wiring only; the work is in src/pipeline.
#include <cstdio>
#include <iostream>

#include "apps/s1mig/commands.h"
#include "apps/s1mig/rule_flags.h"
#include "pipeline/evaluate_run.h"
#include "pipeline/explain.h"
#include "rules/rules_text.h"

namespace s1mig::cli {
namespace {

// Prints warnings (always) and up to `max_errors` row errors on stderr.
void PrintDiagnostics(const Diagnostics& diags, size_t max_errors) {
  size_t shown = 0;
  for (const auto& d : diags) {
    if (d.severity == Severity::kWarning) {
      std::fprintf(stderr, "warning: %s:%lld: %s\n", d.file.c_str(), static_cast<long long>(d.line), d.message.c_str());
    } else if (shown < max_errors) {
      ++shown;
      std::fprintf(stderr, "  %s:%lld: %s: %s\n", d.file.c_str(), static_cast<long long>(d.line), d.column.c_str(), d.message.c_str());
    }
  }
}

}  // namespace

// Set by cmd_dmct.cc when the store layer is linked in: opens --db and overlays the reference data.
pipeline::ReferenceOverlay (*g_store_overlay)(const std::string& db_path) = nullptr;

void RegisterEvaluateCommands(CLI::App& app, int* exit_code) {
  // evaluate
  auto* ev = app.add_subcommand("evaluate", "Decide every installation of a snapshot: ELIGIBLE, BLOCKED (with the failing checks) or INVALID");
  auto eo = std::make_shared<pipeline::EvaluateOptions>();
  auto db = std::make_shared<std::string>();
  ev->add_option("SNAPSHOT_DIR", eo->snapshot_dir, "Snapshot directory holding the six CSV files of DATA.md")->required();
  ev->add_option("--as-of", eo->as_of, "The instant of the snapshot, ISO 8601 with offset (e.g. 2021-10-13T09:00:00Z)")->required();
  ev->add_option("--out", eo->out_dir, "Output directory for decisions.csv, errors.csv and summary.json")->required();
  ev->add_option("--db", *db, "Take the EPCL and PPMID assessments from this DMCT store instead of the snapshot's CSVs");
  auto no_progress = std::make_shared<bool>(false);
  ev->add_flag("--no-progress", *no_progress, "Do not draw a progress bar");
  ev->add_option("--threads", eo->threads, "Worker threads that parse, validate and evaluate (0 = one per core; 1 = all on one thread); the output does not depend on it")->capture_default_str()->check(CLI::Range(0, 64));
  AddRuleFlags(ev, &eo->rules);
  ev->footer("Writes DIR/decisions.csv, DIR/errors.csv and DIR/summary.json all at once (nothing on failure).\n"
             "Exit codes: 0 done (even with INVALID rows), 2 bad input or usage, 1 internal error.");
  ev->callback([eo, db, no_progress, exit_code] {
    eo->progress = !*no_progress;
    if (!db->empty()) {
      if (!g_store_overlay) { *exit_code = Fail("evaluate", InvalidArgument("--db: this build has no DMCT store")); return; }
      eo->overlay = g_store_overlay(*db);
      eo->overlay_source = *db;
    }
    Diagnostics diags;
    auto report = pipeline::RunEvaluate(*eo, &diags);
    PrintDiagnostics(diags, 0);
    if (!report.ok()) { *exit_code = Fail("evaluate", report.status()); return; }
    const auto& c = report->counts;
    std::fprintf(stderr, "evaluate: %lld installations: %lld ELIGIBLE, %lld BLOCKED, %lld INVALID; %lld problem%s in %s/errors.csv\n",
                 static_cast<long long>(c.rows), static_cast<long long>(c.by_outcome[0]), static_cast<long long>(c.by_outcome[1]),
                 static_cast<long long>(c.by_outcome[2]), static_cast<long long>(report->errors), report->errors == 1 ? "" : "s",
                 report->out_dir.c_str());
    *exit_code = 0;
  });

  // explain
  auto* ex = app.add_subcommand("explain", "Explain one installation's decision clause by clause");
  auto xo = std::make_shared<pipeline::ExplainOptions>();
  auto json = std::make_shared<bool>(false);
  auto xdb = std::make_shared<std::string>();
  ex->add_option("SNAPSHOT_DIR", xo->snapshot_dir, "Snapshot directory")->required();
  ex->add_option("--id", xo->installation_id, "The installation_id to explain")->required();
  ex->add_option("--as-of", xo->as_of, "The instant of the snapshot, ISO 8601 with offset")->required();
  ex->add_option("--db", *xdb, "Take the EPCL and PPMID assessments from this DMCT store");
  ex->add_flag("--json", *json, "Print the explanation as JSON");
  AddRuleFlags(ex, &xo->rules);
  ex->callback([xo, json, xdb, exit_code] {
    if (!xdb->empty()) {
      if (!g_store_overlay) { *exit_code = Fail("explain", InvalidArgument("--db: this build has no DMCT store")); return; }
      xo->overlay = g_store_overlay(*xdb);
    }
    Diagnostics diags;
    auto e = pipeline::RunExplain(*xo, &diags);
    if (!e.ok()) { *exit_code = Fail("explain", e.status()); return; }
    std::cout << (*json ? e->dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n" : pipeline::RenderExplanationText(*e));
    *exit_code = 0;
  });
}

void RegisterRulesCommands(CLI::App& app, int* exit_code) {
  auto* rules_cmd = app.add_subcommand("rules", "Show the rule pack, or a red-line between two instants");
  rules_cmd->require_subcommand(1);
  auto ro = std::make_shared<pipeline::RuleOptions>();
  auto at = std::make_shared<std::string>();
  auto* show = rules_cmd->add_subcommand("show", "Print the pack as in force at --at: checks, clauses, parameters, amendments");
  show->add_option("--at", *at, "Instant, ISO 8601 with offset (default: now)");
  AddRuleFlags(show, ro.get(), false);
  show->callback([ro, at, exit_code] {
    auto pack = pipeline::LoadPack(*ro);
    if (!pack.ok()) { *exit_code = Fail("rules show", pack.status()); return; }
    Instant t = static_cast<Instant>(std::time(nullptr)) * kMicrosPerSecond;
    if (!at->empty()) {
      auto parsed = pipeline::ParseInstantFlag("--at", *at);
      if (!parsed.ok()) { *exit_code = Fail("rules show", parsed.status()); return; }
      t = *parsed;
    }
    auto sel = pipeline::ResolveSelection(*ro, t);
    if (!sel.ok()) { *exit_code = Fail("rules show", sel.status()); return; }
    auto check = rules::SelectAmendments(**pack, *sel);
    if (!check.ok()) { *exit_code = Fail("rules show", check.status()); return; }
    std::cout << rules::RenderPack(**pack, *sel);
    *exit_code = 0;
  });

  auto ro2 = std::make_shared<pipeline::RuleOptions>();
  auto t1 = std::make_shared<std::string>(), t2 = std::make_shared<std::string>();
  auto* diff = rules_cmd->add_subcommand("diff", "Red-line of what changes in the rules in force between instants T1 and T2");
  diff->add_option("T1", *t1, "From this instant (ISO 8601 with offset)")->required();
  diff->add_option("T2", *t2, "To this instant")->required();
  diff->add_option("--effective", ro2->effective, "Move an amendment's date: ID=YYYY-MM-DD (repeatable)");
  diff->add_option("--rules", ro2->rules_path, "Rule pack to use instead of the shipped one");
  diff->add_option("--rules-extra", ro2->rules_extra, "Extra rules file (repeatable)");
  diff->callback([ro2, t1, t2, exit_code] {
    auto pack = pipeline::LoadPack(*ro2);
    if (!pack.ok()) { *exit_code = Fail("rules diff", pack.status()); return; }
    auto a = pipeline::ParseInstantFlag("T1", *t1);
    auto b = pipeline::ParseInstantFlag("T2", *t2);
    if (!a.ok()) { *exit_code = Fail("rules diff", a.status()); return; }
    if (!b.ok()) { *exit_code = Fail("rules diff", b.status()); return; }
    auto sa = pipeline::ResolveSelection(*ro2, *a);
    auto sb = pipeline::ResolveSelection(*ro2, *b);
    if (!sa.ok()) { *exit_code = Fail("rules diff", sa.status()); return; }
    auto from = rules::SelectAmendments(**pack, *sa);
    auto to = rules::SelectAmendments(**pack, *sb);
    if (!from.ok()) { *exit_code = Fail("rules diff", from.status()); return; }
    std::cout << "Rules in force at " << FormatInstant(*a) << " -> " << FormatInstant(*b) << "\n";
    auto lines = rules::DiffLines(**pack, *from, *to);
    if (lines.empty()) std::cout << "  (no change)\n";
    for (const auto& l : lines) std::cout << "  " << l << "\n";
    *exit_code = 0;
  });
}

}  // namespace s1mig::cli
