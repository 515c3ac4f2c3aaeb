// The calibration model of the synthetic estate: each installation falls in exactly one cell
// (cohort x scenario); each cell has a count per 13,000,000 installations (DOMAIN.md "Scale").
// docs/calibration.md explains every figure.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace s1mig::gen {

// The GB estate the counts below are calibrated for.
constexpr double kCalibrationEstate = 13'000'000;

enum class Cohort { kIoc = 0, kMocMds, kMocSecure, kFoc };
constexpr int kCohorts = 4;
const char* CohortName(Cohort c);  // "IOC", "MOC_MDS", "MOC_SECURE", "FOC"
// Share of the estate: IOC 22%, MOC (MDS) 4%, MOC (Secure) 32%, FOC 42%.
double CohortShare(Cohort c);
// GT01 (TMAD Appendix A) applies to IOC, MOC (MDS) and MOC (Secure), not FOC.
inline bool Gt01Applies(Cohort c) { return c != Cohort::kFoc; }

// What an installation is built to show. Every scenario other than kEligible makes exactly the
// named checks fail and all others pass, so each reason's count is the sum of its cells.
enum class Scenario {
  kEligible = 0,               // every check passes (Null Certificate IDs included)
  kEligibleIgtNullCertificate, // iGT site carrying the Null Certificate ID: exempt, ELIGIBLE
  kPpmidUnobtainable,          // PPMID_EPCL_DATA; ELIGIBLE once U1-PPMID applies
  kIgtCertificate,             // NETWORK_PARTY at an iGT site; ELIGIBLE once U1-IGT applies
  kGt01CommsWindow,            // GT01_COMMS, last comms 24h..72h ago
  kGt01CommsLong,              // GT01_COMMS, last comms over 72h ago or never
  kGt01Whitelist,              // GT01_WHITELIST: GSME missing from the CHF Whitelist
  kWrongCertificate,           // NETWORK_PARTY: certificate of another (large) GT; stays
  kUnregisteredMprn,           // NETWORK_PARTY: MPRN has no Registration Data; stays
  kUnknownCertificate,         // NETWORK_PARTY: certificate not in certificates.csv; stays
  kEpclDmc,                    // EPCL_DMC: the DMC is on no EPCL entry; stays
  kIgtAndGt01Window,           // NETWORK_PARTY + GT01_COMMS: needs U1-IGT and U1-GT01-72H
  kIgtAndPpmid,                // NETWORK_PARTY + PPMID_EPCL_DATA: needs U1-IGT and U1-PPMID
  kPpmidAndWrongCertificate,   // PPMID_EPCL_DATA + NETWORK_PARTY: reasons change, stays BLOCKED
};
constexpr int kScenarios = 14;
const char* ScenarioName(Scenario s);

// True when the scenario needs a GSME and GPF (gas checks must be able to fail).
bool ScenarioNeedsGas(Scenario s);
// True when the scenario puts an upgradable display with EPCL data unobtainable at the site.
bool ScenarioHasUnobtainablePpmid(Scenario s);

struct CalibrationCell {
  Cohort cohort;
  Scenario scenario;
  double per_13m;  // expected installations in an estate of 13,000,000
};

// Every non-empty cell, cohort by cohort; per cohort the counts sum to share x 13M.
const std::vector<CalibrationCell>& CalibrationCells();

// Picks cells by a Weyl (golden-ratio) sequence u_k = x0 + k * 2^64/phi (mod 2^64): the count
// of every cell over k = 0..N-1 is within a few installations of rate x N, unlike independent
// draws whose error grows as sqrt(N). Row i takes k = P(i) for a seeded permutation P of
// 0..N-1, so the whole file has exactly those counts while cohorts and scenarios appear in no
// visible order. Immutable; thread-safe.
class CellSelector {
 public:
  CellSelector(uint64_t seed, uint64_t rows);
  // The cell of row `index` (< rows).
  const CalibrationCell& CellOf(uint64_t index) const;

 private:
  uint64_t Permute(uint64_t index) const;  // a bijection on [0, rows)

  uint64_t x0_;
  uint64_t rows_;
  int half_bits_;  // the Feistel network works on 2 * half_bits_ >= log2(rows) bits
  uint64_t round_keys_[4];
  std::vector<uint64_t> upper_;  // cumulative upper bounds in [0, 2^64), one per cell
};

}  // namespace s1mig::gen
