// Streams inventory.csv through validation and evaluation under one or more rule variants, batch
// by batch, handing each evaluated batch to a sink. Memory stays bounded by the batch size.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/status.h"
#include "engine/evaluate.h"
#include "engine/validate.h"
#include "io/csv_reader.h"
#include "io/table_schema.h"

namespace s1mig::engine {

// One evaluated batch. Row r's Installation is meaningful only when invalid_bits[r] == 0.
struct EvaluatedBatch {
  const io::RowBatch* rows = nullptr;
  std::vector<Installation> installations;
  std::vector<uint32_t> invalid_bits;
  std::vector<int8_t> cohort;                    // Cohort index, -1 when not a known cohort
  std::vector<std::vector<Decision>> decisions;  // [variant][row]
  int64_t first_row = 0;                         // index of row 0 within the file
};

struct EstateRunOptions {
  std::string inventory_path;
  std::string display_name = "inventory.csv";  // as errors.csv names the file
  Instant as_of = 0;
  int32_t as_of_nanos = 0;  // below the microsecond
  std::vector<const rules::CompiledRules*> variants;
  ValidationLimits validation;
  io::CsvLimits csv;
  // Threads parsing, validating and evaluating chunks: 0 = one per core. Reading, the duplicate-id
  // rule and the sink stay in input order whatever the count; the output does not depend on it.
  int threads = 0;
  // Called after each batch with rows done and bytes read (for progress bars); may be empty.
  std::function<void(int64_t rows, int64_t bytes)> progress;
};

struct EstateRunResult {
  int64_t rows = 0;
  std::string inventory_sha256;
  int64_t inventory_bytes = 0;
};

// Runs the estate. Row problems go to *diags (and make INVALID decisions); an unreadable file or a
// sink error stops the run and is returned. Unknown-column warnings go to *diags too. The sink is
// called from the calling thread, once per batch, in input order.
Result<EstateRunResult> RunEstate(const EstateRunOptions& options, const ReferenceIndex& ref,
                                  Diagnostics* diags,
                                  const std::function<Status(const EvaluatedBatch&)>& sink);

// The inventory columns, all required in the header (DATA.md: the contract's columns).
const io::TableSchema& InventorySchema();

}  // namespace s1mig::engine
