// Builds one synthetic SMETS1 Installation from (seed, row index) and writes it as a row of
// inventory.csv (and, for gas sites, of registration.csv). Rows are independent, so blocks of
// rows can be built on several threads and still give byte-identical files.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "gen/calibration.h"
#include "gen/catalogue.h"
#include "gen/random.h"

namespace s1mig::gen {

enum class MeterMode { kActive, kDormant, kMixed };

// A deliberate data fault (only with --invalid-rate > 0): each makes the row INVALID (DATA.md).
enum class Defect {
  kNone = 0,
  kMpanCheckDigit,     // mpan: check digit off by one
  kMalformedDeviceId,  // esme_id: seven octets
  kGsmeWithoutGpf,     // gpf_*: removed from a gas site
  kUnknownCohort,      // cohort: "MOC"
  kBadGroupId,         // group_id: lower case
  kFutureLastComms,    // gsme_last_comms: after as_of
  kDuplicateId,        // installation_id: repeats the previous row's
  kBadBoolean,         // ihd_upgradable: "yes"
  kPartialDevice,      // chf_model: empty while chf_id and chf_fw are given
  kShortMprn,          // mprn: five digits
};
constexpr int kDefects = 11;

struct SyntheticDevice {
  uint64_t id = 0;
  const char* model = nullptr;  // nullptr: the device is absent
  const char* fw = nullptr;
  bool present() const { return model != nullptr; }
};

// One installation, before formatting. Plain data: no heap.
struct SyntheticInstallation {
  uint64_t index = 0;
  Cohort cohort = Cohort::kFoc;
  Scenario scenario = Scenario::kEligible;
  int group_id = 0;  // GroupIdName() index
  MeterMode meter_mode = MeterMode::kActive;
  int elec_supplier = 0;   // 0-based SUPnn index
  int gas_supplier = -1;   // -1: no gas meter
  char mpan[13] = {};
  uint64_t mprn = 0;       // 0: no gas meter
  SyntheticDevice chf, esme, gsme, gpf, ihd;
  bool ihd_upgradable = false;
  bool whitelist_has_gsme = false;
  bool has_last_comms = false;
  int64_t last_comms_seconds = 0;       // since the epoch, UTC
  std::string_view network_cert_id;     // empty without a GPF
  const char* registered_transporter = nullptr;  // nullptr: no Registration Data row
  Defect defect = Defect::kNone;
  bool has_gas() const { return gsme.present(); }
};

// Upper bound on the bytes one inventory row or registration row takes.
constexpr size_t kMaxInventoryRowBytes = 1024;
constexpr size_t kMaxRegistrationRowBytes = 64;

// Largest estate the identifier schemes keep unique (MPRNs within an iGT's range of 5e7).
constexpr uint64_t kMaxInstallations = 50'000'000;

class InstallationGenerator {
 public:
  // An estate of `rows` installations; `invalid_rate` in [0, 1]: share of rows given a Defect.
  InstallationGenerator(uint64_t seed, uint64_t rows, Instant as_of, double invalid_rate);

  // Fills *out for row `index` (< rows). Thread-safe (const, no shared mutable state).
  void Generate(uint64_t index, SyntheticInstallation* out) const;

  // Appends the inventory row (with trailing LF) at `p`; returns the new end.
  char* AppendInventoryRow(const SyntheticInstallation& s, char* p) const;
  // Appends "mprn,gas_transporter\n" when the site has Registration Data; returns the new end.
  char* AppendRegistrationRow(const SyntheticInstallation& s, char* p) const;

 private:
  void ChooseDisplay(const DeviceFamily& family, Rng& rng, SyntheticInstallation* out) const;
  void ChooseGas(const Region& region, Rng& rng, SyntheticInstallation* out) const;
  void ChooseLastComms(Rng& rng, SyntheticInstallation* out) const;
  uint64_t DeviceIdFor(uint32_t oui, uint64_t index, int slot) const;

  uint64_t seed_;
  int64_t as_of_seconds_;
  uint32_t invalid_per_million_;
  CellSelector cells_;
  std::vector<Weighted> families_by_cohort_[kCohorts];
  std::vector<Weighted> regions_, igts_, suppliers_;
  uint64_t mix_[8];  // seed-derived offsets for the identifier maps
};

const char* MeterModeName(MeterMode m);

}  // namespace s1mig::gen
