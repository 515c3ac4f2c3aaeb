// impact subcommand: flag wiring only; the work is in src/impact (and src/report for the page).
#include <cstdio>

#include "apps/s1mig/commands.h"
#include "apps/s1mig/rule_flags.h"
#include "impact/impact_run.h"
#ifdef HAVE_S1MIG_REPORT
#include "report/impact_report.h"
#endif

namespace s1mig::cli {

extern pipeline::ReferenceOverlay (*g_store_overlay)(const std::string& db_path);

void RegisterImpactCommands(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("impact", "Weigh amendments over an estate: what each unblocks or newly blocks, alone and together");
  auto o = std::make_shared<impact::ImpactOptions>();
  auto db = std::make_shared<std::string>();
  auto no_progress = std::make_shared<bool>(false);
  cmd->add_option("SNAPSHOT_DIR", o->snapshot_dir, "Snapshot directory (DATA.md)")->required();
  cmd->add_option("--as-of", o->as_of, "The instant of the snapshot, ISO 8601 with offset")->required();
  cmd->add_option("--baseline", o->baseline, "Rules to compare from: none, all, ID,ID, or an instant (the amendments in force then)")->default_str("none");
  cmd->add_option("--proposed", o->proposed, "Rules to compare to: none, all, ID,ID, or an instant")->default_str("all");
  cmd->add_option("--out", o->out_dir, "Output directory for impact.json, impact_changes.csv, errors.csv and report.html")->required();
  cmd->add_option("--db", *db, "Take the EPCL and PPMID assessments from this DMCT store");
  cmd->add_option("--effective", o->rules.effective, "Move an amendment's date: ID=YYYY-MM-DD (repeatable)");
  cmd->add_option("--rules", o->rules.rules_path, "Rule pack to use instead of the shipped rules/tmad.toml");
  cmd->add_option("--rules-extra", o->rules.rules_extra, "Extra rules file whose amendments are added (repeatable)");
  cmd->add_flag("--no-progress", *no_progress, "Do not draw a progress bar");
  cmd->add_option("--threads", o->threads, "Worker threads that parse, validate and evaluate (0 = one per core; 1 = all on one thread); the output does not depend on it")->capture_default_str()->check(CLI::Range(0, 64));
  cmd->footer("The amendments weighed are those in --proposed but not in --baseline. Exit codes: 0 done, 2 bad input, 1 internal error.");
  cmd->callback([o, db, no_progress, exit_code] {
    o->progress = !*no_progress;
    if (!db->empty()) {
      if (!g_store_overlay) { *exit_code = Fail("impact", InvalidArgument("--db: this build has no DMCT store")); return; }
      o->overlay = g_store_overlay(*db);
    }
#ifdef HAVE_S1MIG_REPORT
    o->render_report = [](const nlohmann::ordered_json& j) -> Result<std::string> { return report::RenderImpactReport(j); };
#endif
    Diagnostics diags;
    auto j = impact::RunImpact(*o, &diags);
    for (const auto& d : diags)
      if (d.severity == Severity::kWarning) std::fprintf(stderr, "warning: %s:%lld: %s\n", d.file.c_str(), static_cast<long long>(d.line), d.message.c_str());
    if (!j.ok()) { *exit_code = Fail("impact", j.status()); return; }
    const auto& r = *j;
    std::fprintf(stderr, "impact: %lld installations; blocked %lld -> %lld; unblocked %lld, newly blocked %lld, needing several amendments %lld\n",
                 r["rows"].get<long long>(), r["baseline"]["counts"]["by_outcome"]["BLOCKED"].get<long long>(),
                 r["proposed"]["counts"]["by_outcome"]["BLOCKED"].get<long long>(), r["unblocked_total"]["total"].get<long long>(),
                 r["newly_blocked_total"]["total"].get<long long>(), r["needs_combination"]["total"].get<long long>());
    for (const auto& a : r["amendments"])
      std::fprintf(stderr, "  %-14s unblocks %lld alone, newly blocks %lld\n", a["id"].get<std::string>().c_str(),
                   a["unblocked_alone"]["total"].get<long long>(), a["newly_blocked_alone"]["total"].get<long long>());
    std::fprintf(stderr, "  written to %s/\n", o->out_dir.c_str());
    *exit_code = 0;
  });
}

}  // namespace s1mig::cli
