// demo subcommand: generate an estate, evaluate it after all three changes, weigh them from none
// to all, write the report, and print a short summary. Wiring only; the steps live in src/.
#include <cstdio>

#include "apps/s1mig/commands.h"
#include "base/progress_bar.h"
#include "apps/s1mig/rule_flags.h"
#include "gen/generator.h"
#include "impact/impact_run.h"
#include "pipeline/evaluate_run.h"
#ifdef HAVE_S1MIG_REPORT
#include "report/impact_report.h"
#endif

namespace s1mig::cli {
namespace {

struct DemoFlags {
  uint64_t installations = 5'000'000;  // about a minute here, all three steps
  uint64_t seed = 1;
  std::string as_of = "2021-10-13T09:00:00Z";
  std::string out = "out/demo";
};

int RunDemo(const DemoFlags& f) {
  auto as_of = ParseTimestamp(f.as_of);
  if (!as_of) return Fail("demo", InvalidArgument("--as-of '" + f.as_of + "' is not an ISO 8601 timestamp with an offset"));
  const std::string snapshot = f.out + "/snapshot";
  std::fprintf(stderr, "1/3 generate %s installations into %s\n", WithThousands(f.installations).c_str(), snapshot.c_str());
  gen::GenerateOptions g;
  g.installations = f.installations;
  g.seed = f.seed;
  g.as_of = *as_of;
  g.out_dir = snapshot;
  if (Status s = gen::ValidateGenerateOptions(g); !s.ok()) return Fail("demo", s);
  {
    ProgressBar bar("generate", true);
    auto r = gen::GenerateSnapshot(g, [&](uint64_t done, uint64_t total) { bar.Update(done, total); });
    bar.Finish();
    if (!r.ok()) return Fail("demo", r.status());
  }

  std::fprintf(stderr, "2/3 evaluate at %s (all three amendments in force)\n", f.as_of.c_str());
  pipeline::EvaluateOptions e;
  e.snapshot_dir = snapshot;
  e.out_dir = f.out + "/evaluate";
  e.as_of = f.as_of;
  e.progress = true;
  Diagnostics diags;
  auto ev = pipeline::RunEvaluate(e, &diags);
  if (!ev.ok()) return Fail("demo", ev.status());

  std::fprintf(stderr, "3/3 impact from none to all\n");
  impact::ImpactOptions im;
  im.snapshot_dir = snapshot;
  im.out_dir = f.out + "/impact";
  im.as_of = f.as_of;
  im.baseline = "none";
  im.proposed = "all";
  im.progress = true;
#ifdef HAVE_S1MIG_REPORT
  im.render_report = [](const nlohmann::ordered_json& j) -> Result<std::string> { return report::RenderImpactReport(j); };
#endif
  Diagnostics idiags;
  auto ij = impact::RunImpact(im, &idiags);
  if (!ij.ok()) return Fail("demo", ij.status());
  const auto& j = *ij;

  const auto& c = ev->counts;
  std::printf("\ns1mig demo: %s installations at %s\n\n", WithThousands(c.rows).c_str(), f.as_of.c_str());
  std::printf("  %-22s %12s %12s\n", "", "no amendment", "all three");
  for (const char* o : {"ELIGIBLE", "BLOCKED", "INVALID"})
    std::printf("  %-22s %12s %12s\n", o, WithThousands(j["baseline"]["counts"]["by_outcome"][o].get<int64_t>()).c_str(),
                WithThousands(j["proposed"]["counts"]["by_outcome"][o].get<int64_t>()).c_str());
  std::printf("\n  blocked by reason\n");
  for (auto& [reason, n] : j["baseline"]["counts"]["by_reason"].items())
    std::printf("  %-22s %12s %12s\n", reason.c_str(), WithThousands(n.get<int64_t>()).c_str(),
                WithThousands(j["proposed"]["counts"]["by_reason"][reason].get<int64_t>()).c_str());
  std::printf("\n  unblocked by each amendment alone\n");
  for (const auto& a : j["amendments"])
    std::printf("  %-22s %12s\n", a["id"].get<std::string>().c_str(), WithThousands(a["unblocked_alone"]["total"].get<int64_t>()).c_str());
  std::printf("  %-22s %12s\n  %-22s %12s\n", "all together", WithThousands(j["unblocked_total"]["total"].get<int64_t>()).c_str(),
              "only in combination", WithThousands(j["needs_combination"]["total"].get<int64_t>()).c_str());
  std::printf("\n  decisions: %s/evaluate/decisions.csv\n", f.out.c_str());
#ifdef HAVE_S1MIG_REPORT
  std::printf("  report:    %s/impact/report.html\n", f.out.c_str());
#else
  std::printf("  impact:    %s/impact/impact.json\n", f.out.c_str());
#endif
  return 0;
}

}  // namespace

void RegisterDemoCommands(CLI::App& app, int* exit_code) {
  auto f = std::make_shared<DemoFlags>();
  auto* cmd = app.add_subcommand("demo", "Generate a calibrated estate, evaluate it, weigh the three Unblocking 1 amendments and write the report");
  cmd->add_option("--installations,-n", f->installations, "Estate size")->capture_default_str();
  cmd->add_option("--seed", f->seed, "Generator seed")->capture_default_str();
  cmd->add_option("--as-of", f->as_of, "Snapshot instant (after all three changes by default)")->capture_default_str();
  cmd->add_option("--out", f->out, "Output directory")->capture_default_str();
  cmd->callback([f, exit_code] { *exit_code = RunDemo(*f); });
}

}  // namespace s1mig::cli
