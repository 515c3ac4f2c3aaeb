// The calibration table: counts per 13M installations for every (cohort, scenario) cell.
#include "gen/calibration.h"

#include <algorithm>
#include <cmath>

#include "gen/random.h"

namespace s1mig::gen {
namespace {

// Source figures (SMETS1 Unblocking 1 consultation, 24 June 2021), per 13M installations.
constexpr double kPpmidBlocked = 81'000;    // 3.1: blocked by PPMID EPCL data
constexpr double kIgtBlocked = 380'000;     // 3.3: iGT sites failing the certificate check
constexpr double kGt01Recovered = 5'000;    // 3.2: IOC + MOC (MDS) recovered by 72h
constexpr double kGt01RecoveredShare = 0.20;      // 3.2: ~20% of IOC + MOC (MDS) failures
constexpr double kGt01SecureRecoveredShare = 0.0085;  // 3.2: ~0.85% in MOC (Secure)
// Project choices (docs/calibration.md): the source gives no figure for these.
constexpr double kGt01SecureFailures = 40'000;  // MOC (Secure) GT01_COMMS failures
constexpr double kGt01WhitelistFailures = 6'000;  // across IOC, MOC (MDS), MOC (Secure)
constexpr double kIgtNullCertificate = 12'000;    // iGT sites exempt by the Null Certificate ID
constexpr double kWrongCertificate = 9'000;
constexpr double kUnregisteredMprn = 2'500;
constexpr double kUnknownCertificate = 800;
constexpr double kEpclDmc = 30'000;
constexpr double kIgtAndGt01Window = 250;  // IOC + MOC (MDS) only
constexpr double kIgtAndPpmid = 150;
constexpr double kPpmidAndWrongCertificate = 100;

std::vector<CalibrationCell> BuildCells() {
  std::vector<CalibrationCell> cells;
  const double ioc_mds = CohortShare(Cohort::kIoc) + CohortShare(Cohort::kMocMds);
  const double gt01_scope = ioc_mds + CohortShare(Cohort::kMocSecure);
  for (int ci = 0; ci < kCohorts; ++ci) {
    const Cohort c = static_cast<Cohort>(ci);
    const double share = CohortShare(c);
    const bool table_a3 = c == Cohort::kIoc || c == Cohort::kMocMds;  // GroupIDs AA BA CA CB
    const double a3_share = table_a3 ? share / ioc_mds : 0;
    std::vector<CalibrationCell> mine = {
        {c, Scenario::kEligibleIgtNullCertificate, kIgtNullCertificate * share},
        {c, Scenario::kPpmidUnobtainable, kPpmidBlocked * share},
        {c, Scenario::kIgtCertificate, kIgtBlocked * share},
        {c, Scenario::kWrongCertificate, kWrongCertificate * share},
        {c, Scenario::kUnregisteredMprn, kUnregisteredMprn * share},
        {c, Scenario::kUnknownCertificate, kUnknownCertificate * share},
        {c, Scenario::kEpclDmc, kEpclDmc * share},
        {c, Scenario::kIgtAndPpmid, kIgtAndPpmid * share},
        {c, Scenario::kPpmidAndWrongCertificate, kPpmidAndWrongCertificate * share},
    };
    if (table_a3) {
      const double failures = kGt01Recovered / kGt01RecoveredShare;  // 25,000
      mine.push_back({c, Scenario::kGt01CommsWindow, kGt01Recovered * a3_share});
      mine.push_back({c, Scenario::kGt01CommsLong, (failures - kGt01Recovered) * a3_share});
      mine.push_back({c, Scenario::kIgtAndGt01Window, kIgtAndGt01Window * a3_share});
    } else if (c == Cohort::kMocSecure) {
      const double window = kGt01SecureFailures * kGt01SecureRecoveredShare;  // 340
      mine.push_back({c, Scenario::kGt01CommsWindow, window});
      mine.push_back({c, Scenario::kGt01CommsLong, kGt01SecureFailures - window});
    }
    if (Gt01Applies(c))
      mine.push_back({c, Scenario::kGt01Whitelist, kGt01WhitelistFailures * share / gt01_scope});
    double blocked = 0;
    for (const auto& cell : mine) blocked += cell.per_13m;
    cells.push_back({c, Scenario::kEligible, share * kCalibrationEstate - blocked});
    cells.insert(cells.end(), mine.begin(), mine.end());
  }
  return cells;
}

}  // namespace

const char* CohortName(Cohort c) {
  switch (c) {
    case Cohort::kIoc: return "IOC";
    case Cohort::kMocMds: return "MOC_MDS";
    case Cohort::kMocSecure: return "MOC_SECURE";
    case Cohort::kFoc: return "FOC";
  }
  return "?";
}

double CohortShare(Cohort c) {
  switch (c) {
    case Cohort::kIoc: return 0.22;
    case Cohort::kMocMds: return 0.04;
    case Cohort::kMocSecure: return 0.32;
    case Cohort::kFoc: return 0.42;
  }
  return 0;
}

const char* ScenarioName(Scenario s) {
  static const char* const kNames[kScenarios] = {
      "eligible",          "eligible_igt_null_certificate", "ppmid_unobtainable",
      "igt_certificate",   "gt01_comms_window",             "gt01_comms_long",
      "gt01_whitelist",    "wrong_certificate",             "unregistered_mprn",
      "unknown_certificate", "epcl_dmc",                    "igt_and_gt01_window",
      "igt_and_ppmid",     "ppmid_and_wrong_certificate"};
  return kNames[static_cast<int>(s)];
}

bool ScenarioNeedsGas(Scenario s) {
  return s != Scenario::kEligible && s != Scenario::kPpmidUnobtainable && s != Scenario::kEpclDmc;
}

bool ScenarioHasUnobtainablePpmid(Scenario s) {
  return s == Scenario::kPpmidUnobtainable || s == Scenario::kIgtAndPpmid ||
         s == Scenario::kPpmidAndWrongCertificate;
}

const std::vector<CalibrationCell>& CalibrationCells() {
  static const std::vector<CalibrationCell> kCells = BuildCells();
  return kCells;
}

CellSelector::CellSelector(uint64_t seed, uint64_t rows)
    : x0_(Mix64(seed ^ 0xCE11CE11CE11CE11ULL)), rows_(rows), half_bits_(1) {
  while (half_bits_ < 32 && (1ULL << (2 * half_bits_)) < rows) ++half_bits_;
  for (int r = 0; r < 4; ++r) round_keys_[r] = Mix64(seed * 4 + static_cast<uint64_t>(r) + 0xFE1571E1ULL);
  const auto& cells = CalibrationCells();
  // 2^64 as a double is exact; each bound is rounded once, so the table is the same everywhere.
  const double kTwo64 = 18446744073709551616.0;
  double cumulative = 0;
  for (size_t k = 0; k < cells.size(); ++k) {
    cumulative += cells[k].per_13m / kCalibrationEstate;
    double bound = std::min(cumulative, 1.0) * kTwo64;
    upper_.push_back(k + 1 == cells.size() || bound >= kTwo64 ? UINT64_MAX
                                                              : static_cast<uint64_t>(bound));
  }
}

uint64_t CellSelector::Permute(uint64_t index) const {
  // A 4-round balanced Feistel network on 2 * half_bits_ bits, cycle-walked into [0, rows):
  // a bijection there, and at most ~4 walks on average since 4^half_bits_ < 4 * rows.
  const uint64_t mask = (1ULL << half_bits_) - 1;
  uint64_t x = index;
  do {
    uint64_t left = x >> half_bits_, right = x & mask;
    for (uint64_t key : round_keys_) {
      uint64_t next = left ^ (Mix64(right ^ key) & mask);
      left = right;
      right = next;
    }
    x = (left << half_bits_) | right;
  } while (x >= rows_);
  return x;
}

const CalibrationCell& CellSelector::CellOf(uint64_t index) const {
  const uint64_t u = x0_ + Permute(index) * kGoldenGamma;
  size_t k = static_cast<size_t>(std::upper_bound(upper_.begin(), upper_.end(), u) - upper_.begin());
  if (k >= upper_.size()) k = upper_.size() - 1;
  return CalibrationCells()[k];
}

}  // namespace s1mig::gen
