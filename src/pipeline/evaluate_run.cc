// RunEvaluate: the evaluate pipeline with all-or-nothing output.
#include "pipeline/evaluate_run.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

#include <nlohmann/json.hpp>

#include "base/output_file.h"
#include "engine/estate_evaluator.h"
#include "io/csv_reader.h"
#include "io/reference_reader.h"
#include "base/progress_bar.h"

namespace s1mig::pipeline {

Status LoadReference(const std::string& dir, const ReferenceOverlay& overlay, ReferenceData* ref,
                     Diagnostics* diags, std::vector<std::pair<std::string, std::string>>* hashes) {
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return IoError(dir + ": no such snapshot directory");
  S1MIG_RETURN_IF_ERROR(io::ReadReferenceData(dir, ref, diags, hashes));
  if (overlay) S1MIG_RETURN_IF_ERROR(overlay(ref));
  return Status::Ok();
}

std::string RenderErrorsCsv(const Diagnostics& diags) {
  std::string out = "file,line,column,message\n";
  for (const auto& d : diags) {
    if (d.severity != Severity::kError) continue;
    io::AppendCsvField(&out, d.file);
    out += ',';
    out += d.line > 0 ? std::to_string(d.line) : "";
    out += ',';
    io::AppendCsvField(&out, d.column);
    out += ',';
    io::AppendCsvField(&out, d.message);
    out += '\n';
  }
  return out;
}

Status DrainErrors(Diagnostics* diags, OutputFile* out, int64_t* errors) {
  auto first_error = std::stable_partition(diags->begin(), diags->end(),
                                           [](const Diagnostic& d) { return d.severity != Severity::kError; });
  if (first_error == diags->end()) return Status::Ok();
  Diagnostics drained(std::make_move_iterator(first_error), std::make_move_iterator(diags->end()));
  diags->erase(first_error, diags->end());
  *errors += static_cast<int64_t>(drained.size());
  if (out == nullptr) return Status::Ok();
  std::string rows = RenderErrorsCsv(drained);
  return out->Write(std::string_view(rows).substr(rows.find('\n') + 1));  // the header is written once
}

OutputDirGuard::~OutputDirGuard() {
  if (created_ && !keep_) ::rmdir(dir_.c_str());
}

Result<LoadedSnapshot> LoadSnapshot(const std::string& snapshot_dir, const std::string& as_of,
                                    const RuleOptions& rules, const ReferenceOverlay& overlay, Diagnostics* diags) {
  LoadedSnapshot s;
  S1MIG_ASSIGN_OR_RETURN(s.as_of, ParseInstantFlag("--as-of", as_of));
  s.as_of_nanos = ParseTimestampPrecise(as_of)->nanos;
  S1MIG_ASSIGN_OR_RETURN(s.pack, LoadPack(rules));
  s.ref = std::make_unique<ReferenceData>();
  S1MIG_RETURN_IF_ERROR(LoadReference(snapshot_dir, overlay, s.ref.get(), diags, &s.hashes));
  s.index = std::make_unique<engine::ReferenceIndex>(*s.ref, LondonDate(s.as_of));
  return s;
}

nlohmann::ordered_json InputsJson(const std::vector<std::pair<std::string, std::string>>& hashes) {
  nlohmann::ordered_json inputs = nlohmann::ordered_json::object();
  for (const auto& [file, sha] : hashes) inputs[file] = {{"sha256", sha}};
  return inputs;
}

nlohmann::ordered_json RulePackJson(const rules::RulePack& pack) {
  return {{"files", pack.files}, {"sha256", pack.sha256}};
}

Result<EvaluateReport> RunEvaluate(const EvaluateOptions& o, Diagnostics* diags) {
  auto started = std::chrono::steady_clock::now();
  S1MIG_ASSIGN_OR_RETURN(LoadedSnapshot snap, LoadSnapshot(o.snapshot_dir, o.as_of, o.rules, o.overlay, diags));
  const Instant as_of = snap.as_of;
  const auto& pack = snap.pack;
  S1MIG_ASSIGN_OR_RETURN(auto selection, ResolveSelection(o.rules, as_of));
  S1MIG_ASSIGN_OR_RETURN(auto applied, rules::SelectAmendments(*pack, selection));
  rules::CompiledRules compiled = rules::CompiledRules::Compile(*pack, applied);
  auto& hashes = snap.hashes;
  const engine::ReferenceIndex& index = *snap.index;

  OutputDirGuard dir_guard(o.out_dir);
  S1MIG_RETURN_IF_ERROR(dir_guard.Make());
  S1MIG_ASSIGN_OR_RETURN(auto decisions, OutputFs::Get()->Create(o.out_dir + "/decisions.csv"));
  S1MIG_RETURN_IF_ERROR(decisions->Write("installation_id,outcome,reasons,display_class\n"));
  // Row problems stream to errors.csv batch by batch (DrainErrors), so memory stays bounded.
  S1MIG_ASSIGN_OR_RETURN(auto errors, OutputFs::Get()->Create(o.out_dir + "/errors.csv"));
  S1MIG_RETURN_IF_ERROR(errors->Write("file,line,column,message\n"));

  engine::EstateRunOptions run;
  run.inventory_path = o.snapshot_dir + "/inventory.csv";
  run.as_of = as_of;
  run.as_of_nanos = snap.as_of_nanos;
  run.threads = o.threads;
  run.variants = {&compiled};
  struct stat st;
  int64_t total_bytes = ::stat(run.inventory_path.c_str(), &st) == 0 ? st.st_size : 0;
  ProgressBar bar("evaluate", o.progress);
  run.progress = [&](int64_t rows, int64_t bytes) { bar.Update(static_cast<uint64_t>(bytes), static_cast<uint64_t>(total_bytes)); };

  EvaluateReport report;
  std::string buf;
  const auto& reasons = compiled.reason_codes();
  auto sink = [&](const engine::EvaluatedBatch& b) -> Status {
    S1MIG_RETURN_IF_ERROR(DrainErrors(diags, errors.get(), &report.errors));
    buf.clear();
    const auto& ds = b.decisions[0];
    for (size_t r = 0; r < ds.size(); ++r) {
      const engine::Decision& d = ds[r];
      engine::AppendDecisionRow(b.rows->field(r, static_cast<size_t>(engine::Column::kInstallationId)), d, reasons, &buf);
      report.counts.Add(d, b.cohort[r]);
    }
    return decisions->Write(buf);
  };
  S1MIG_ASSIGN_OR_RETURN(auto result, engine::RunEstate(run, index, diags, sink));
  bar.Finish();
  hashes.insert(hashes.begin(), {"inventory.csv", result.inventory_sha256});

  S1MIG_RETURN_IF_ERROR(DrainErrors(diags, errors.get(), &report.errors));
  for (const auto& d : *diags) report.warnings += d.severity != Severity::kError;

  nlohmann::ordered_json j;
  j["tool"] = "s1mig";
  j["version"] = S1MIG_VERSION;
  j["as_of"] = FormatInstant(PreciseInstant{as_of, snap.as_of_nanos});
  j["as_of_london_date"] = FormatDate(LondonDate(as_of));
  j["rules_at"] = FormatInstant(RulesAtAsGiven(o.rules, PreciseInstant{as_of, snap.as_of_nanos}));
  j["amendment_selection"] = o.rules.amendments;
  nlohmann::ordered_json applied_json = nlohmann::ordered_json::array();
  for (const rules::Amendment* a : applied) {
    nlohmann::ordered_json aj;
    aj["id"] = a->id;
    aj["effective"] = FormatDate(a->effective);
    for (const auto& [id, date] : selection.effective_overrides)
      if (id == a->id) aj["effective"] = FormatDate(date);
    aj["clause"] = a->clause;
    applied_json.push_back(aj);
  }
  j["amendments_applied"] = applied_json;
  j["counts"] = report.counts.ToJson(reasons);
  j["problems"] = {{"errors", report.errors}, {"warnings", report.warnings}};
  j["inputs"] = InputsJson(hashes);
  if (!o.overlay_source.empty()) j["reference_store"] = o.overlay_source;
  j["rule_pack"] = RulePackJson(*pack);
  j["wall_time_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  S1MIG_ASSIGN_OR_RETURN(auto summary, OutputFs::Get()->Create(o.out_dir + "/summary.json"));
  S1MIG_RETURN_IF_ERROR(summary->Write(j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n"));

  // All three are complete: publish them together (summary.json last).
  S1MIG_RETURN_IF_ERROR(CommitAll({decisions.get(), errors.get(), summary.get()}));
  dir_guard.Keep();
  report.out_dir = o.out_dir;
  return report;
}

}  // namespace s1mig::pipeline
