// Reference data that decisions depend on besides the inventory: EPCL, DMCT assessments,
// certificates, Registration Data and iGT MPRN ranges. Filled from a snapshot's CSVs (io layer)
// or from the DMCT store (store layer); read by the engine.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/huge_page_allocator.h"

#include "base/time.h"

namespace s1mig {

// The five device slots of a Device Model Combination, in DATA.md column order.
enum class DeviceSlot { kChf = 0, kEsme, kGsme, kGpf, kPpmid };
constexpr int kDeviceSlots = 5;

enum class EpclBasis { kTested, kSubstantiveEquivalence };
const char* EpclBasisName(EpclBasis b);  // "TESTED" / "SUBSTANTIVE_EQUIVALENCE"

// One entry of the list of SMETS1 Eligible Product Combinations. Empty model and fw: absent.
struct EpclEntry {
  std::string entry_id;
  std::string model[kDeviceSlots];
  std::string fw[kDeviceSlots];
  EpclBasis basis = EpclBasis::kTested;
  Days listed_on = 0;
};

enum class EpclData { kObtained, kUnobtainable };
const char* EpclDataName(EpclData d);  // "OBTAINED" / "UNOBTAINABLE"

// A DMCT assessment of a display model and firmware (SMETS1 SVTAD 20.4, 20.5).
struct PpmidAssessment {
  std::string model;
  std::string fw;
  EpclData epcl_data = EpclData::kObtained;
  Days assessed_on = 0;
};

// project decision (DOMAIN.md): a referral upheld by the Secretary of State makes the model a
// PPMID again from the decision's date. Only the DMCT store produces these.
struct PpmidReinstatement {
  std::string model;
  std::string fw;
  Days from = 0;
};

struct IgtRange {
  std::string igt_party;
  uint64_t first_mprn = 0;
  uint64_t last_mprn = 0;
};

// Registration Data for one supply point; `party` indexes ReferenceData::party_names.
struct Registration {
  uint64_t mprn = 0;  // MprnKey of the MPRN's text (base/ids.h)
  uint32_t party = 0;
};

struct ReferenceData {
  // Party ids are interned: certificates and Registration Data refer to them by index.
  std::vector<std::string> party_names;
  std::unordered_map<std::string, uint32_t> party_index;
  std::unordered_map<std::string, uint32_t> certificate_owner;  // cert_id -> party
  // Sorted by MprnKey, one per key (the reader does this). Huge pages: the engine probes it at
  // random once per gas installation, and TLB misses on 4 KiB pages were a quarter of the CPU
  // time at 13M installations.
  std::vector<Registration, HugePageAllocator<Registration>> registration;
  std::vector<IgtRange> igt_ranges;
  std::vector<EpclEntry> epcl;
  std::vector<PpmidAssessment> assessments;
  std::vector<PpmidReinstatement> reinstatements;

  uint32_t InternParty(std::string_view name);
  // The Gas Transporter that Registration Data names for the MPRN with this MprnKey, or nullptr.
  const std::string* FindGasTransporter(uint64_t mprn_key) const;
};

}  // namespace s1mig
