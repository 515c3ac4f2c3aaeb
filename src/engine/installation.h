// An Installation as the engine sees it: the inventory.csv columns (DATA.md), a row parsed into
// typed values with views into the reader's block, and the Decision made for it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"
#include "rules/rule_pack.h"

namespace s1mig::engine {

// inventory.csv columns in DATA.md order; INVALID reasons are listed in this order.
enum class Column : uint8_t {
  kInstallationId, kCohort, kGroupId, kMeterMode, kElecSupplier, kGasSupplier, kMpan, kMprn,
  kChfId, kChfModel, kChfFw, kEsmeId, kEsmeModel, kEsmeFw, kGsmeId, kGsmeModel, kGsmeFw,
  kGpfId, kGpfModel, kGpfFw, kIhdId, kIhdModel, kIhdFw, kIhdUpgradable, kChfWhitelist,
  kGsmeLastComms, kNetworkCertId,
};
constexpr int kNumColumns = 27;
const std::vector<std::string>& ColumnNames();
inline const std::string& ColumnName(Column c) { return ColumnNames()[static_cast<size_t>(c)]; }

// Device slots in DMC order; the display takes the PPMID slot.
constexpr int kChf = 0, kEsme = 1, kGsme = 2, kGpf = 3, kDisplay = 4;
constexpr int kSlots = 5;

// A validated row. Views point into the RowBatch it came from.
struct Installation {
  std::string_view id;
  rules::Cohort cohort = rules::Cohort::kIoc;
  bool cohort_known = false;  // cohort parsed (also set on INVALID rows whose cohort is fine)
  rules::MeterMode meter_mode = rules::MeterMode::kActive;
  int group_id = 0;
  std::string_view elec_supplier, gas_supplier;
  bool present[kSlots] = {};      // device present (any of id/model/fw given)
  uint64_t device_id[kSlots] = {};
  std::string_view model[kSlots], fw[kSlots];
  bool upgradable = false;        // display can upgrade over the SM WAN
  std::string_view whitelist;     // raw ';'-joined text (entries already validated)
  bool gsme_on_whitelist = false; // the GSME's id is among the entries (found while validating)
  bool has_last_comms = false;
  Instant last_comms = 0;
  int32_t last_comms_nanos = 0;  // below the microsecond
  bool has_mprn = false;
  uint64_t mprn = 0;      // as a number (iGT ranges)
  uint64_t mprn_key = 0;  // MprnKey of its text (Registration Data)
  std::string_view mprn_text, mpan;
  std::string_view network_cert_id;

  int Key() const;  // rules::CompiledRules::Key for its cohort, GroupID and meter mode
};

enum class Outcome : uint8_t { kEligible = 0, kBlocked, kInvalid };
const char* OutcomeName(Outcome o);
enum class DisplayClass : uint8_t { kNone = 0, kPpmid, kIhd };
const char* DisplayClassName(DisplayClass d);

struct Decision {
  Outcome outcome = Outcome::kEligible;
  DisplayClass display = DisplayClass::kNone;
  uint32_t bits = 0;  // BLOCKED: reason-code bits (pack order); INVALID: Column bits
};

// "GT01_COMMS;NETWORK_PARTY" or "mpan;mprn", as decisions.csv writes it.
void AppendReasons(const Decision& d, const std::vector<std::string>& reason_codes, std::string* out);

// One decisions.csv row (DATA.md): "installation_id,outcome,reasons,display_class\n".
void AppendDecisionRow(std::string_view installation_id, const Decision& d, const std::vector<std::string>& reason_codes,
                       std::string* out);

}  // namespace s1mig::engine
