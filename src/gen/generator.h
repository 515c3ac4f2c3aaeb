// s1mig generate: writes a calibrated synthetic SMETS1 estate snapshot (the six CSVs of
// DATA.md) whose blocked counts per reason follow DOMAIN.md "Scale" (docs/calibration.md).
// Start here; calibration.h holds the model, installation_gen.h the per-row builder.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>

#include "base/status.h"
#include "base/time.h"
#include "gen/calibration.h"

namespace s1mig::gen {

struct GenerateOptions {
  uint64_t installations = 100'000;  // rows of inventory.csv; 0 .. kMaxInstallations
  uint64_t seed = 1;                 // same seed and size: byte-identical files
  Instant as_of = 1634115600LL * kMicrosPerSecond;  // 2021-10-13T09:00:00Z: snapshot time
  std::string out_dir;               // created if missing; the six files are replaced
  double invalid_rate = 0;           // share of rows given a deliberate fault, in [0, 1]
  int threads = 2;                   // row-building threads (1..16); output does not depend on it
};

// What was written, and the calibration cell of every row (the generator's intent).
struct GenerateReport {
  uint64_t installations = 0;
  uint64_t registration_rows = 0;
  uint64_t inventory_bytes = 0;
  uint64_t invalid_rows = 0;
  std::array<std::array<uint64_t, kScenarios>, kCohorts> cells{};  // [cohort][scenario]
};

// Called from the calling thread after each block of rows, with rows written so far.
using GenerateProgressFn = std::function<void(uint64_t rows_done, uint64_t rows_total)>;

// Checks options: InvalidArgument naming the option when one is out of range.
Status ValidateGenerateOptions(const GenerateOptions& options);

// Writes inventory.csv, registration.csv, certificates.csv, igt_mprn_ranges.csv, epcl.csv and
// ppmid_assessments.csv into options.out_dir through OutputFs. Each file is written to a
// temporary and renamed only after every file was written, so a failure (IoError) leaves no
// half-written file and keeps any previous snapshot's files. `progress` may be empty.
Result<GenerateReport> GenerateSnapshot(const GenerateOptions& options,
                                        const GenerateProgressFn& progress = {});

}  // namespace s1mig::gen
