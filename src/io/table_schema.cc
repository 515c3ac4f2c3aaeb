// OpenTable: header checks shared by every snapshot file.
#include "io/table_schema.h"

#include <algorithm>

namespace s1mig::io {

Result<std::unique_ptr<CsvReader>> OpenTable(const std::string& path, const std::string& display_name,
                                             const TableSchema& schema, Diagnostics* diags,
                                             CsvLimits limits) {
  S1MIG_ASSIGN_OR_RETURN(auto reader, CsvReader::Open(path, display_name, limits));
  std::vector<std::string> names = schema.required;
  names.insert(names.end(), schema.optional.begin(), schema.optional.end());
  std::vector<int> where = reader->Select(names);
  for (size_t i = 0; i < schema.required.size(); ++i) {
    if (where[i] < 0)
      return InvalidArgument(display_name + ":1: missing required column '" + schema.required[i] + "'");
  }
  const auto& header = reader->header();
  for (size_t h = 0; h < header.size(); ++h) {
    bool known = std::find(names.begin(), names.end(), header[h]) != names.end();
    bool duplicate = known && std::find(header.begin(), header.begin() + h, header[h]) != header.begin() + h;
    if (!known || duplicate) {
      Diagnostic d;
      d.file = display_name;
      d.line = 1;
      d.column = header[h];
      d.message = duplicate ? "duplicate column '" + header[h] + "' ignored (the first one is used)"
                            : "unknown column '" + header[h] + "' ignored";
      d.severity = Severity::kWarning;
      diags->push_back(std::move(d));
    }
  }
  return reader;
}

void AddRowError(Diagnostics* diags, const std::string& file, int64_t line, std::string column,
                 std::string message) {
  Diagnostic d;
  d.file = file;
  d.line = line;
  d.column = std::move(column);
  d.message = std::move(message);
  diags->push_back(std::move(d));
}

}  // namespace s1mig::io
