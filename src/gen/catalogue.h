// The synthetic estate's fixed catalogue: device families (DMCs) per cohort, displays, GroupIDs,
// regions and Gas Transporters, iGTs and their MPRN ranges, Network Operator certificates and
// Supplier Parties. Names are invented; shapes follow DATA.md. All tables are immutable.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "gen/calibration.h"

namespace s1mig::gen {

// A hardware family: CHF (with its GPF), ESME and GSME models, with firmware variants seen in
// the field. Every variant combination is on the EPCL except `esme_unlisted_fw`.
struct DeviceFamily {
  Cohort cohort;
  uint16_t weight;  // relative share within the cohort
  const char* chf_model;
  const char* chf_fw[2];  // second may be nullptr; the GPF runs the CHF's firmware
  const char* esme_model;
  const char* esme_fw[2];
  const char* esme_unlisted_fw;  // firmware on some meters but on no EPCL entry (EPCL_DMC)
  const char* gsme_model;
  const char* gsme_fw;
  const char* gpf_model;
  uint32_t chf_oui, esme_oui, gsme_oui;  // 24-bit prefixes of the EUI-64 Device IDs
  // Deployed only with a PPMID: no TESTED entry without one, so its display-less DMCs reach the
  // EPCL by substantive equivalence after U1-PPMID (DOMAIN.md, DMCT workflow step 5).
  bool ppmid_only;
};

enum class DisplayKind {
  kIhd,                // cannot upgrade over the SM WAN: a SMETS1 IHD, outside the DMC
  kPpmidObtained,      // upgradable, EPCL data obtained: listed with the families of its cohort
  kPpmidUnobtainable,  // upgradable, assessed "EPCL data unobtainable" before 2021-07-29
  kPpmidUnassessed,    // upgradable, never assessed: its DMCs are on no entry (EPCL_DMC)
};

struct DisplayModel {
  const char* model;
  const char* fw;
  uint32_t oui;
  DisplayKind kind;
};

struct Weighted {
  int index;
  uint16_t weight;
};

// The displays fitted in one cohort, by kind, with relative weights.
struct DisplayMenu {
  std::span<const Weighted> ihd, obtained, unobtainable;
  int foreign_obtained;  // an OBTAINED PPMID listed only with other cohorts' families
};

struct Region {
  int distributor_id;  // first two digits of the MPAN
  int transporter;     // index into GasTransporters(): the large GT of the region
  uint16_t weight;
};

struct IgtParty {
  const char* party_id;
  uint64_t first_mprn, last_mprn;  // its MPRN range (inclusive)
  uint16_t weight;
};

std::span<const DeviceFamily> DeviceFamilies();
std::span<const DisplayModel> DisplayModels();
const DisplayMenu& DisplayMenuFor(Cohort c);
// TMAD GroupIDs per cohort (Table A3 codes AA, BA, CA, CB for IOC and MOC (MDS)).
std::span<const Weighted> GroupIdWeights(Cohort c);
const char* GroupIdName(int index);
std::span<const Region> Regions();
std::span<const char* const> GasTransporters();  // CADENT, NGN, SGN, WWU
std::span<const IgtParty> IgtParties();
int SupplierCount();
std::span<const uint16_t> SupplierWeights();  // SUP01..SUP20, largest first

// Network Operator certificates: 16 hex digits, fixed (not seed-dependent).
constexpr int kCertificatesPerParty = 3;
constexpr std::string_view kNullCertificateId = "0000000000000000";
// Certificate k of large GT `transporter` or of iGT `igt` (k < kCertificatesPerParty).
std::string_view TransporterCertificate(int transporter, int k);
std::string_view IgtCertificate(int igt, int k);
// Certificates owned by no known party (never written to certificates.csv).
std::string_view UnknownCertificate(int k);

// Weighted choice among `items` using r in [0, total weight).
int PickWeighted(std::span<const Weighted> items, uint32_t r);
uint32_t TotalWeight(std::span<const Weighted> items);

}  // namespace s1mig::gen
