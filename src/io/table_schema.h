// Opening a snapshot CSV against its expected columns: a missing required column is an error
// naming the file and column; an unknown column gives one warning.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/status.h"
#include "io/csv_reader.h"

namespace s1mig::io {

struct TableSchema {
  std::vector<std::string> required;  // batch columns 0..required.size()-1
  std::vector<std::string> optional;  // batch columns after the required ones
};

// Opens `path` (named `display_name` in messages), checks the header against `schema` and
// selects its columns (required first, then optional, in schema order). Warnings for unknown
// columns go to *diags.
Result<std::unique_ptr<CsvReader>> OpenTable(const std::string& path, const std::string& display_name,
                                             const TableSchema& schema, Diagnostics* diags,
                                             CsvLimits limits = {});

// Adds an error diagnostic for a row.
void AddRowError(Diagnostics* diags, const std::string& file, int64_t line, std::string column,
                 std::string message);

}  // namespace s1mig::io
