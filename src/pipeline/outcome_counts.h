// Counting decisions by outcome, reason, cohort and display class, as summary.json, impact.json
// and /v1/summary report them.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/installation.h"

namespace s1mig::pipeline {

struct OutcomeCounts {
  int64_t rows = 0;
  std::array<int64_t, 3> by_outcome{};                  // Outcome
  std::array<int64_t, 32> by_reason{};                  // reason-code index (BLOCKED rows)
  std::array<std::array<int64_t, 3>, 5> by_cohort{};    // Cohort (4 = unknown) x Outcome
  std::array<int64_t, 3> by_display{};                  // DisplayClass
  std::array<int64_t, engine::kNumColumns> invalid_by_column{};

  // `cohort` is the row's cohort, or -1 when it is not a known one.
  void Add(const engine::Decision& d, int cohort);
  // {"by_outcome": {...}, "by_reason": {...}, "by_cohort": {...}, "by_display_class": {...},
  //  "invalid_by_column": {...}}; every reason code and cohort appears, zero or not.
  nlohmann::ordered_json ToJson(const std::vector<std::string>& reason_codes) const;
};

// The cohort index of a row for OutcomeCounts::Add (-1 when its cohort is not a known one).
int CohortIndexOf(const engine::Installation& inst);

}  // namespace s1mig::pipeline
