// A problem found in user data: a row of errors.csv (file, line, column, message).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace s1mig {

enum class Severity { kWarning, kError };

struct Diagnostic {
  std::string file;    // file name as given (e.g. "inventory.csv")
  int64_t line = 0;    // 1-based; the header is line 1; 0 when not tied to a line
  std::string column;  // column name, or empty
  std::string message;
  Severity severity = Severity::kError;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace s1mig
