// Test-only: an independent, deliberately simple reading of DOMAIN.md and DATA.md over a
// generated snapshot (well-formed CSV without quoting), used to check that the generator's
// rows are valid and that their decisions land where the calibration says. Not the engine.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/status.h"
#include "base/time.h"

namespace s1mig::gen::testing {

// inventory.csv columns in DATA.md order.
enum Col {
  kInstallationId, kCohort, kGroupId, kMeterMode, kElecSupplier, kGasSupplier, kMpan, kMprn,
  kChfId, kChfModel, kChfFw, kEsmeId, kEsmeModel, kEsmeFw, kGsmeId, kGsmeModel, kGsmeFw,
  kGpfId, kGpfModel, kGpfFw, kIhdId, kIhdModel, kIhdFw, kIhdUpgradable, kChfWhitelist,
  kGsmeLastComms, kNetworkCertId, kColumns
};
extern const char* const kColumnNames[kColumns];

struct Row {
  std::array<std::string_view, kColumns> f;
  uint64_t line = 0;
  std::string_view operator[](Col c) const { return f[c]; }
};

// Failing checks, as bits in rule-pack order.
enum Reason : uint32_t {
  kGt01Whitelist = 1, kGt01Comms = 2, kNetworkParty = 4, kEpclDmc = 8, kPpmidEpclData = 16
};
constexpr int kReasonBits = 5;
extern const char* const kReasonNames[kReasonBits];

struct Amendments {
  bool ppmid = false;    // U1-PPMID
  bool gt01_72h = false; // U1-GT01-72H
  bool igt = false;      // U1-IGT
  bool gt01_72h_all_groups = false;  // hypothetical: 72h for every GroupID (MOC (Secure) too)
};

class EstateClassifier {
 public:
  // Reads the five reference files of `dir`.
  static Result<EstateClassifier> Load(const std::string& dir, Instant as_of);

  // Calls `fn` for each inventory row (the header is checked against DATA.md's order).
  Status ForEachRow(const std::function<void(const Row&)>& fn) const;

  // Reason bits of a valid row under `amendments`; 0 means ELIGIBLE.
  uint32_t Reasons(const Row& row, const Amendments& amendments) const;
  // Whether the display is a PPMID after `amendments` (false without an upgradable display).
  bool IsPpmid(const Row& row, const Amendments& amendments) const;
  bool InIgtRange(uint64_t mprn) const;

  // DATA.md validation: the first invalid column's name, or "" when the row is valid. `seen`
  // collects installation ids to catch repeats.
  std::string InvalidColumn(const Row& row, std::unordered_set<std::string>* seen) const;

  const std::unordered_map<uint64_t, std::string>& registration() const { return registration_; }
  const std::unordered_map<std::string, std::string>& certificates() const { return certificates_; }

 private:
  std::string dir_;
  Instant as_of_ = 0;
  Days as_of_date_ = 0;
  std::unordered_map<std::string, std::string> certificates_;
  std::unordered_map<uint64_t, std::string> registration_;
  std::vector<std::pair<uint64_t, uint64_t>> igt_ranges_;
  std::unordered_set<std::string> epcl_;  // listed DMC keys
  // model|fw -> (date, unobtainable) of the latest assessment on or before as_of.
  std::unordered_map<std::string, std::pair<Days, bool>> assessment_;
};

// Splits one CSV line without quoting into `out`; false when the field count differs.
bool SplitLine(std::string_view line, std::string_view* out, size_t count);

}  // namespace s1mig::gen::testing
