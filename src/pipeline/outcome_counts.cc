// OutcomeCounts: accumulation and JSON form.
#include "pipeline/outcome_counts.h"

namespace s1mig::pipeline {

void OutcomeCounts::Add(const engine::Decision& d, int cohort) {
  ++rows;
  int o = static_cast<int>(d.outcome);
  ++by_outcome[o];
  ++by_cohort[cohort < 0 ? 4 : cohort][o];
  ++by_display[static_cast<int>(d.display)];
  uint32_t bits = d.bits;
  for (int i = 0; bits; ++i, bits >>= 1) {
    if (!(bits & 1)) continue;
    if (d.outcome == engine::Outcome::kBlocked) ++by_reason[i];
    else if (d.outcome == engine::Outcome::kInvalid) ++invalid_by_column[i];
  }
}

nlohmann::ordered_json OutcomeCounts::ToJson(const std::vector<std::string>& reason_codes) const {
  using engine::Outcome;
  nlohmann::ordered_json j;
  auto outcomes = [](const std::array<int64_t, 3>& a) {
    nlohmann::ordered_json o;
    o["ELIGIBLE"] = a[0];
    o["BLOCKED"] = a[1];
    o["INVALID"] = a[2];
    return o;
  };
  j["total"] = rows;
  j["by_outcome"] = outcomes(by_outcome);
  nlohmann::ordered_json reasons = nlohmann::ordered_json::object();
  for (size_t i = 0; i < reason_codes.size(); ++i) reasons[reason_codes[i]] = by_reason[i];
  j["by_reason"] = reasons;
  nlohmann::ordered_json cohorts = nlohmann::ordered_json::object();
  for (int c = 0; c < 4; ++c) cohorts[rules::CohortName(static_cast<rules::Cohort>(c))] = outcomes(by_cohort[c]);
  if (by_cohort[4][0] + by_cohort[4][1] + by_cohort[4][2] > 0) cohorts["UNKNOWN"] = outcomes(by_cohort[4]);
  j["by_cohort"] = cohorts;
  nlohmann::ordered_json display;
  display["PPMID"] = by_display[1];
  display["IHD"] = by_display[2];
  display["NONE"] = by_display[0];
  j["by_display_class"] = display;
  nlohmann::ordered_json invalid = nlohmann::ordered_json::object();
  for (int c = 0; c < engine::kNumColumns; ++c)
    if (invalid_by_column[c]) invalid[engine::ColumnNames()[c]] = invalid_by_column[c];
  j["invalid_by_column"] = invalid;
  return j;
}

int CohortIndexOf(const engine::Installation& inst) {
  return inst.cohort_known ? static_cast<int>(inst.cohort) : -1;
}

}  // namespace s1mig::pipeline
