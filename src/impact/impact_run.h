// `s1mig impact`: what-if of rule amendments over an estate. One pass over the snapshot decides
// every installation under the baseline, the proposal, and the baseline plus each weighed
// amendment alone; then attributes what each unblocks or newly blocks.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "base/status.h"
#include "pipeline/evaluate_run.h"

namespace s1mig::impact {

struct ImpactOptions {
  std::string snapshot_dir;
  std::string out_dir;        // empty: compute only (no files)
  std::string as_of;
  std::string baseline = "none";  // none | all | ID,ID | an ISO 8601 instant (amendments in force then)
  std::string proposed = "all";
  pipeline::RuleOptions rules;    // rules_path, rules_extra and effective are used
  pipeline::ReferenceOverlay overlay;
  bool progress = false;
  int threads = 0;  // evaluation threads; 0 = one per core
  // Called with impact.json before the files are committed (report.html is rendered from it).
  std::function<Result<std::string>(const nlohmann::ordered_json&)> render_report;
};

// Resolves a baseline/proposed spec into the amendments it applies (pack order by date).
Result<std::vector<const rules::Amendment*>> ResolveSpec(const rules::RulePack& pack, const std::string& spec,
                                                        const std::vector<std::pair<std::string, Days>>& effective);

// Runs the impact; writes impact.json, impact_changes.csv (and report.html when render_report is
// set) to out_dir, all or nothing. Returns impact.json's content.
Result<nlohmann::ordered_json> RunImpact(const ImpactOptions& options, Diagnostics* diags);

}  // namespace s1mig::impact
