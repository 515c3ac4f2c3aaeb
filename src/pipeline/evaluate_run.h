// `s1mig evaluate` end to end: load the rules and the snapshot, decide every installation, and
// write decisions.csv, errors.csv and summary.json (DATA.md) atomically into the output folder.
#pragma once

#include <functional>
#include <string>

#include <memory>

#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "base/output_file.h"
#include "base/status.h"
#include "engine/reference_index.h"
#include "model/reference_data.h"
#include "pipeline/outcome_counts.h"
#include "pipeline/rule_options.h"

namespace s1mig::pipeline {

// Replaces parts of the snapshot's reference data (the DMCT store behind --db does this).
using ReferenceOverlay = std::function<Status(ReferenceData*)>;

struct EvaluateOptions {
  std::string snapshot_dir;
  std::string out_dir;
  std::string as_of;       // ISO 8601 with offset (required)
  RuleOptions rules;
  ReferenceOverlay overlay;     // may be empty
  std::string overlay_source;   // e.g. the --db path, recorded in summary.json
  bool progress = false;        // draw a progress bar on stderr
  int threads = 0;              // evaluation threads; 0 = one per core
};

struct EvaluateReport {
  OutcomeCounts counts;
  int64_t errors = 0;
  int64_t warnings = 0;
  std::string out_dir;
};

// Runs an evaluation. On any error nothing is left in out_dir (a folder it created is removed).
// Warnings are returned in *diags, for the caller to print; row problems are written to
// errors.csv as the run goes (and counted in EvaluateReport::errors).
Result<EvaluateReport> RunEvaluate(const EvaluateOptions& options, Diagnostics* diags);

// What every run over a snapshot needs: the pack, the reference data and its index at as_of.
struct LoadedSnapshot {
  Instant as_of = 0;
  int32_t as_of_nanos = 0;  // below the microsecond
  std::shared_ptr<const rules::RulePack> pack;
  std::unique_ptr<ReferenceData> ref;
  std::unique_ptr<engine::ReferenceIndex> index;
  std::vector<std::pair<std::string, std::string>> hashes;  // reference file -> sha256
};
Result<LoadedSnapshot> LoadSnapshot(const std::string& snapshot_dir, const std::string& as_of,
                                    const RuleOptions& rules, const ReferenceOverlay& overlay, Diagnostics* diags);

// {"inventory.csv": {"sha256": ...}, ...} and {"files": [...], "sha256": ...} for JSON outputs.
nlohmann::ordered_json InputsJson(const std::vector<std::pair<std::string, std::string>>& hashes);
nlohmann::ordered_json RulePackJson(const rules::RulePack& pack);

// Removes a folder a run created when the run fails; keeps it once Keep() is called.
class OutputDirGuard {
 public:
  explicit OutputDirGuard(std::string dir) : dir_(std::move(dir)) {}
  ~OutputDirGuard();
  Status Make() { return MakeDirs(dir_, &created_); }
  void Keep() { keep_ = true; }

 private:
  std::string dir_;
  bool created_ = false, keep_ = false;
};

// Loads the snapshot's reference files (and the overlay); records input hashes.
Status LoadReference(const std::string& snapshot_dir, const ReferenceOverlay& overlay, ReferenceData* ref,
                     Diagnostics* diags, std::vector<std::pair<std::string, std::string>>* hashes);

// Writes errors.csv content (file,line,column,message) for the error diagnostics.
std::string RenderErrorsCsv(const Diagnostics& diags);
// Moves the error diagnostics out of *diags (warnings stay): appends them to `out` as errors.csv
// rows (no header; nothing is written when out is null) and adds their number to *errors. Runs
// call it from their sink, so that the problems of a huge malformed snapshot stream to disk
// instead of piling up in memory.
Status DrainErrors(Diagnostics* diags, OutputFile* out, int64_t* errors);

}  // namespace s1mig::pipeline
