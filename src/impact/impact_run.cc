// The impact pass and its attribution (DOMAIN.md "The re-designation dates, and what-if").
#include "impact/impact_run.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>

#include "base/output_file.h"
#include "engine/estate_evaluator.h"
#include "io/csv_reader.h"
#include "base/progress_bar.h"
#include "rules/rules_text.h"

namespace s1mig::impact {
namespace {

using nlohmann::ordered_json;
using engine::Decision;
using engine::Outcome;

// Installations counted by cohort and by reason.
struct Tally {
  int64_t total = 0;
  std::array<int64_t, 5> by_cohort{};
  std::array<int64_t, 32> by_reason{};
  void Add(int cohort, uint32_t reason_bits) {
    ++total;
    ++by_cohort[cohort < 0 ? 4 : cohort];
    for (int i = 0; reason_bits; ++i, reason_bits >>= 1)
      if (reason_bits & 1) ++by_reason[i];
  }
  ordered_json ToJson(const std::vector<std::string>& reasons) const {
    ordered_json j;
    j["total"] = total;
    ordered_json c = ordered_json::object();
    for (int i = 0; i < 4; ++i) c[rules::CohortName(static_cast<rules::Cohort>(i))] = by_cohort[i];
    j["by_cohort"] = c;
    ordered_json r = ordered_json::object();
    for (size_t i = 0; i < reasons.size(); ++i) r[reasons[i]] = by_reason[i];
    j["by_reason"] = r;
    return j;
  }
};

bool LooksLikeInstant(const std::string& s) { return s.size() >= 20 && s[4] == '-' && s[10] == 'T'; }

ordered_json AmendmentIds(const std::vector<const rules::Amendment*>& list) {
  ordered_json ids = ordered_json::array();
  for (const auto* a : list) ids.push_back(a->id);
  return ids;
}

}  // namespace

Result<std::vector<const rules::Amendment*>> ResolveSpec(const rules::RulePack& pack, const std::string& spec,
                                                        const std::vector<std::pair<std::string, Days>>& effective) {
  rules::AmendmentSelection sel;
  if (LooksLikeInstant(spec)) {
    S1MIG_ASSIGN_OR_RETURN(sel.rules_at, pipeline::ParseInstantFlag("baseline/proposed", spec));
  } else {
    if (spec == "in-force") return InvalidArgument("'in-force' needs an instant here: give a timestamp instead");
    S1MIG_ASSIGN_OR_RETURN(sel, rules::ParseAmendmentSelection(spec));
  }
  sel.effective_overrides = effective;
  return rules::SelectAmendments(pack, sel);
}

Result<ordered_json> RunImpact(const ImpactOptions& o, Diagnostics* diags) {
  auto started = std::chrono::steady_clock::now();
  S1MIG_ASSIGN_OR_RETURN(pipeline::LoadedSnapshot snap, pipeline::LoadSnapshot(o.snapshot_dir, o.as_of, o.rules, o.overlay, diags));
  const rules::RulePack& pack = *snap.pack;
  std::vector<std::pair<std::string, Days>> effective;
  for (const auto& e : o.rules.effective) {
    S1MIG_ASSIGN_OR_RETURN(auto ov, rules::ParseEffectiveOverride(e));
    effective.push_back(ov);
  }
  S1MIG_ASSIGN_OR_RETURN(auto base, ResolveSpec(pack, o.baseline, effective));
  S1MIG_ASSIGN_OR_RETURN(auto prop, ResolveSpec(pack, o.proposed, effective));
  // Weighed: in the proposal but not in the baseline.
  std::vector<const rules::Amendment*> weighed;
  for (const auto* a : prop)
    if (std::find(base.begin(), base.end(), a) == base.end()) weighed.push_back(a);

  // Variants: 0 baseline, 1 proposed, 2+i baseline plus weighed[i] alone.
  std::vector<rules::CompiledRules> compiled;
  compiled.reserve(2 + weighed.size());
  compiled.push_back(rules::CompiledRules::Compile(pack, base));
  compiled.push_back(rules::CompiledRules::Compile(pack, prop));
  for (const auto* a : weighed) {
    rules::AmendmentSelection sel;
    sel.mode = rules::AmendmentSelection::Mode::kList;
    for (const auto* b : base) sel.ids.push_back(b->id);
    sel.ids.push_back(a->id);
    sel.effective_overrides = effective;
    S1MIG_ASSIGN_OR_RETURN(auto list, rules::SelectAmendments(pack, sel));
    compiled.push_back(rules::CompiledRules::Compile(pack, list));
  }
  const auto& reasons = compiled[0].reason_codes();

  pipeline::OutputDirGuard dir_guard(o.out_dir);
  std::unique_ptr<OutputFile> changes, errors_csv;
  if (!o.out_dir.empty()) {
    S1MIG_RETURN_IF_ERROR(dir_guard.Make());
    S1MIG_ASSIGN_OR_RETURN(changes, OutputFs::Get()->Create(o.out_dir + "/impact_changes.csv"));
    S1MIG_RETURN_IF_ERROR(changes->Write("installation_id,before,after,reasons_before,reasons_after\n"));
    // Row problems stream to errors.csv batch by batch (DrainErrors), so memory stays bounded.
    S1MIG_ASSIGN_OR_RETURN(errors_csv, OutputFs::Get()->Create(o.out_dir + "/errors.csv"));
    S1MIG_RETURN_IF_ERROR(errors_csv->Write("file,line,column,message\n"));
  }
  int64_t errors = 0;

  engine::EstateRunOptions run;
  run.inventory_path = o.snapshot_dir + "/inventory.csv";
  run.as_of = snap.as_of;
  run.as_of_nanos = snap.as_of_nanos;
  run.threads = o.threads;
  for (const auto& c : compiled) run.variants.push_back(&c);
  struct stat st;
  int64_t total_bytes = ::stat(run.inventory_path.c_str(), &st) == 0 ? st.st_size : 0;
  ProgressBar bar("impact", o.progress);
  run.progress = [&](int64_t rows, int64_t bytes) { bar.Update(static_cast<uint64_t>(bytes), static_cast<uint64_t>(total_bytes)); };

  pipeline::OutcomeCounts base_counts, prop_counts;
  std::vector<Tally> unblocked_alone(weighed.size()), newly_blocked_alone(weighed.size());
  Tally unblocked_total, newly_blocked_total, needs_combination;
  std::string buf;
  auto sink = [&](const engine::EvaluatedBatch& b) -> Status {
    S1MIG_RETURN_IF_ERROR(pipeline::DrainErrors(diags, errors_csv.get(), &errors));
    buf.clear();
    const size_t n = b.rows->rows();
    for (size_t r = 0; r < n; ++r) {
      const Decision& db = b.decisions[0][r];
      const Decision& dp = b.decisions[1][r];
      int cohort = b.cohort[r];
      base_counts.Add(db, cohort);
      prop_counts.Add(dp, cohort);
      if (db.outcome == Outcome::kInvalid) continue;
      bool any_alone = false;
      for (size_t i = 0; i < weighed.size(); ++i) {
        const Decision& da = b.decisions[2 + i][r];
        if (db.outcome == Outcome::kBlocked && da.outcome == Outcome::kEligible) {
          unblocked_alone[i].Add(cohort, db.bits);
          any_alone = true;
        } else if (db.outcome == Outcome::kEligible && da.outcome == Outcome::kBlocked) {
          newly_blocked_alone[i].Add(cohort, da.bits);
        }
      }
      if (db.outcome == Outcome::kBlocked && dp.outcome == Outcome::kEligible) {
        unblocked_total.Add(cohort, db.bits);
        if (!any_alone) needs_combination.Add(cohort, db.bits);
      } else if (db.outcome == Outcome::kEligible && dp.outcome == Outcome::kBlocked) {
        newly_blocked_total.Add(cohort, dp.bits);
      }
      if (changes && (db.outcome != dp.outcome || db.bits != dp.bits)) {
        io::AppendCsvField(&buf, b.rows->field(r, static_cast<size_t>(engine::Column::kInstallationId)));
        buf += ',';
        buf += engine::OutcomeName(db.outcome);
        buf += ',';
        buf += engine::OutcomeName(dp.outcome);
        buf += ',';
        engine::AppendReasons(db, reasons, &buf);
        buf += ',';
        engine::AppendReasons(dp, reasons, &buf);
        buf += '\n';
      }
    }
    return changes ? changes->Write(buf) : Status::Ok();
  };
  S1MIG_ASSIGN_OR_RETURN(auto result, engine::RunEstate(run, *snap.index, diags, sink));
  bar.Finish();
  snap.hashes.insert(snap.hashes.begin(), {"inventory.csv", result.inventory_sha256});

  ordered_json j;
  j["tool"] = "s1mig";
  j["version"] = S1MIG_VERSION;
  j["as_of"] = FormatInstant(PreciseInstant{snap.as_of, snap.as_of_nanos});
  j["as_of_london_date"] = FormatDate(LondonDate(snap.as_of));
  j["rows"] = result.rows;
  j["baseline"] = {{"spec", o.baseline}, {"amendments", AmendmentIds(base)}, {"counts", base_counts.ToJson(reasons)}};
  j["proposed"] = {{"spec", o.proposed}, {"amendments", AmendmentIds(prop)}, {"counts", prop_counts.ToJson(reasons)}};
  j["weighed"] = AmendmentIds(weighed);
  ordered_json per = ordered_json::array();
  for (size_t i = 0; i < weighed.size(); ++i) {
    const rules::Amendment* a = weighed[i];
    Days eff = a->effective;
    for (const auto& [id, d] : effective)
      if (id == a->id) eff = d;
    ordered_json aj;
    aj["id"] = a->id;
    aj["title"] = a->title;
    aj["clause"] = a->clause;
    aj["effective"] = FormatDate(eff);
    aj["unblocked_alone"] = unblocked_alone[i].ToJson(reasons);
    aj["newly_blocked_alone"] = newly_blocked_alone[i].ToJson(reasons);
    per.push_back(aj);
  }
  j["amendments"] = per;
  j["unblocked_total"] = unblocked_total.ToJson(reasons);
  j["newly_blocked_total"] = newly_blocked_total.ToJson(reasons);
  j["needs_combination"] = needs_combination.ToJson(reasons);
  j["redline"] = rules::DiffLines(pack, base, prop);
  j["inputs"] = pipeline::InputsJson(snap.hashes);
  j["rule_pack"] = pipeline::RulePackJson(pack);
  S1MIG_RETURN_IF_ERROR(pipeline::DrainErrors(diags, errors_csv.get(), &errors));
  j["problems"] = {{"errors", errors}};
  j["wall_time_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  if (!o.out_dir.empty()) {
    S1MIG_ASSIGN_OR_RETURN(auto impact_json, OutputFs::Get()->Create(o.out_dir + "/impact.json"));
    S1MIG_RETURN_IF_ERROR(impact_json->Write(j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n"));
    std::unique_ptr<OutputFile> report;
    if (o.render_report) {
      S1MIG_ASSIGN_OR_RETURN(std::string html, o.render_report(j));
      S1MIG_ASSIGN_OR_RETURN(report, OutputFs::Get()->Create(o.out_dir + "/report.html"));
      S1MIG_RETURN_IF_ERROR(report->Write(html));
    }
    std::vector<OutputFile*> all = {changes.get(), errors_csv.get()};
    if (report) all.push_back(report.get());
    all.push_back(impact_json.get());  // last: its presence marks a complete set
    S1MIG_RETURN_IF_ERROR(CommitAll(all));
    dir_guard.Keep();
  }
  return j;
}

}  // namespace s1mig::impact
