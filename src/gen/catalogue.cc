// The fixed catalogue of the synthetic estate (invented models and parties; see catalogue.h).
#include "gen/catalogue.h"

#include <array>
#include <string>

#include "gen/random.h"

namespace s1mig::gen {
namespace {

using C = Cohort;

// Weights are shares within a cohort. OUIs are 24-bit prefixes; GPFs share their CHF's OUI.
constexpr DeviceFamily kFamilies[] = {
    {C::kIoc, 45, "ARQ-CH310", {"3.1.2", "3.2.0"}, "ARQ-E470", {"4.7.1", "4.7.3"}, "4.8.0-rc2",
     "ARQ-G370", "3.7.0", "ARQ-GP310", 0x00124B, 0x00124B, 0x00124B, false},
    {C::kIoc, 35, "ARQ-CH310", {"3.2.0", nullptr}, "BRV-E2", {"2.11", nullptr}, "2.12",
     "BRV-G2", "2.05", "ARQ-GP310", 0x00124B, 0x70B3D5, 0x70B3D5, false},
    {C::kIoc, 20, "CTX-HUB1", {"1.0.9", nullptr}, "CTX-EM1", {"1.4.0", "1.4.2"}, "1.5.0",
     "CTX-GM1", "1.2.1", "CTX-GP1", 0x000D6F, 0x000D6F, 0x000D6F, true},
    {C::kMocMds, 60, "DLM-C200", {"5.0.4", "5.1.1"}, "DLM-E210", {"5.1.0", nullptr}, "5.2.0",
     "DLM-G110", "2.3.0", "DLM-P200", 0x0015BC, 0x0015BC, 0x0015BC, false},
    {C::kMocMds, 40, "DLM-C200", {"5.1.1", nullptr}, "EKO-M3", {"3.03", nullptr}, "3.04",
     "EKO-G3", "3.01", "DLM-P200", 0x0015BC, 0x001C74, 0x001C74, true},
    {C::kMocSecure, 50, "SCR-CH1", {"2.8.4", "2.9.1"}, "SCR-L1", {"1.22", nullptr}, "1.23",
     "SCR-G1", "1.10", "SCR-GPF1", 0x0004A3, 0x0004A3, 0x0004A3, false},
    {C::kMocSecure, 30, "SCR-CH2", {"3.0.0", nullptr}, "SCR-L2", {"2.01", "2.02"}, "2.10",
     "SCR-G2", "2.00", "SCR-GPF2", 0x0004A3, 0x0004A3, 0x0004A3, false},
    {C::kMocSecure, 20, "SCR-CH2", {"3.0.0", nullptr}, "FNX-E5", {"5.0", nullptr}, "5.1",
     "SCR-G2", "2.00", "SCR-GPF2", 0x0004A3, 0x3C6A2C, 0x0004A3, true},
    {C::kFoc, 35, "GLX-CH5", {"5.2.0", "5.3.1"}, "GLX-E5", {"5.0.7", nullptr}, "5.1.0", "GLX-G5",
     "5.0.2", "GLX-GP5", 0x0022A3, 0x0022A3, 0x0022A3, false},
    {C::kFoc, 25, "HWL-CH2", {"2.4", nullptr}, "HWL-E2", {"2.4", "2.6"}, "2.7", "HWL-G2", "2.3",
     "HWL-GP2", 0x001D5E, 0x001D5E, 0x001D5E, false},
    {C::kFoc, 25, "GLX-CH5", {"5.3.1", nullptr}, "ACL-E1", {"1.9.0", nullptr}, "2.0.0", "ACL-G1",
     "1.3.0", "GLX-GP5", 0x0022A3, 0x58E6BA, 0x58E6BA, false},
    {C::kFoc, 15, "TSB-CH1", {"1.1", nullptr}, "TSB-E1", {"1.0.5", nullptr}, "1.0.6", "TSB-G1",
     "1.0.2", "TSB-GP1", 0x08002E, 0x08002E, 0x08002E, true},
};

using D = DisplayKind;
constexpr DisplayModel kDisplays[] = {
    /*0*/ {"IHD-NX1", "1.6", 0x00158D, D::kIhd},
    /*1*/ {"CHM-D2", "2.0", 0x000D6F, D::kIhd},
    /*2*/ {"SCR-IHD2", "4.1", 0x0004A3, D::kIhd},
    /*3*/ {"GLX-IHD5", "5.1", 0x0022A3, D::kIhd},
    /*4*/ {"PPM-K4", "2.04", 0x00158D, D::kPpmidObtained},
    /*5*/ {"PPM-R2", "1.10", 0x000D6F, D::kPpmidObtained},  // unobtainable at first, later obtained
    /*6*/ {"PPM-S9", "3.0.1", 0x001C74, D::kPpmidObtained},
    /*7*/ {"SCR-PPM3", "4.2.0", 0x0004A3, D::kPpmidObtained},
    /*8*/ {"GLX-PPM6", "6.0.2", 0x0022A3, D::kPpmidObtained},
    /*9*/ {"PPM-Q1", "0.9", 0x00158D, D::kPpmidUnobtainable},   // manufacturer support ended
    /*10*/ {"PPM-T7", "FFFF", 0x000D6F, D::kPpmidUnobtainable}, // SMSO firmware id unrecognised
    /*11*/ {"PPM-M3", "1.0.3", 0x001C74, D::kPpmidUnobtainable},
    /*12*/ {"SCR-PPM1", "1.0", 0x0004A3, D::kPpmidUnobtainable},
    /*13*/ {"GLX-PPM4", "4.0.0", 0x0022A3, D::kPpmidUnobtainable},
    /*14*/ {"PPM-N5", "0.2", 0x00158D, D::kPpmidUnassessed},
};

constexpr Weighted kIocIhd[] = {{0, 3}, {1, 2}};
constexpr Weighted kIocObtained[] = {{4, 3}, {5, 2}};
constexpr Weighted kIocUnobtainable[] = {{9, 2}, {10, 1}};
constexpr Weighted kMdsIhd[] = {{0, 1}};
constexpr Weighted kMdsObtained[] = {{6, 1}};
constexpr Weighted kMdsUnobtainable[] = {{11, 1}};
constexpr Weighted kSecIhd[] = {{2, 2}, {0, 1}};
constexpr Weighted kSecObtained[] = {{7, 2}, {4, 1}};
constexpr Weighted kSecUnobtainable[] = {{12, 2}, {9, 1}};
constexpr Weighted kFocIhd[] = {{3, 2}, {1, 1}};
constexpr Weighted kFocObtained[] = {{8, 3}, {6, 1}, {5, 1}};
constexpr Weighted kFocUnobtainable[] = {{13, 2}, {11, 1}};

const DisplayMenu kMenus[kCohorts] = {
    {kIocIhd, kIocObtained, kIocUnobtainable, 8},
    {kMdsIhd, kMdsObtained, kMdsUnobtainable, 7},
    {kSecIhd, kSecObtained, kSecUnobtainable, 8},
    {kFocIhd, kFocObtained, kFocUnobtainable, 7},
};

constexpr const char* kGroupIds[] = {"AA", "BA", "CA", "CB", "DA", "DB", "DC", "EA", "EB", "EC", "FA"};
constexpr Weighted kIocGroups[] = {{0, 40}, {1, 25}, {2, 20}, {3, 15}};
constexpr Weighted kMdsGroups[] = {{1, 30}, {2, 40}, {3, 30}};
constexpr Weighted kSecGroups[] = {{4, 50}, {5, 30}, {6, 20}};
constexpr Weighted kFocGroups[] = {{7, 45}, {8, 25}, {9, 20}, {10, 10}};

constexpr const char* kTransporters[] = {"CADENT", "NGN", "SGN", "WWU"};
// Distributor ids 10-23 (the GB DNO areas) with rough meter shares and their large GT.
constexpr Region kRegions[] = {
    {10, 0, 8}, {11, 0, 8}, {12, 0, 8}, {13, 0, 5}, {14, 0, 7}, {15, 1, 5}, {16, 0, 8},
    {17, 2, 3}, {18, 2, 6}, {19, 2, 7}, {20, 2, 9}, {21, 3, 4}, {22, 3, 5}, {23, 1, 7},
};

constexpr IgtParty kIgts[] = {
    {"IGT-A", 7400000000, 7449999999, 30}, {"IGT-B", 7450000000, 7499999999, 25},
    {"IGT-C", 7500000000, 7549999999, 15}, {"IGT-D", 7550000000, 7599999999, 12},
    {"IGT-E", 7600000000, 7649999999, 10}, {"IGT-F", 7650000000, 7699999999, 8},
};

constexpr uint16_t kSupplierWeights[] = {180, 160, 140, 120, 100, 80, 60, 40, 30, 25,
                                         20,  15,  12,  10,  8,   6,  5,  4,  3,  2};

constexpr int kTransporterCount = sizeof(kTransporters) / sizeof(kTransporters[0]);
constexpr int kIgtCount = sizeof(kIgts) / sizeof(kIgts[0]);
constexpr int kUnknownCount = 4;

// 16 upper-case hex digits derived from a fixed key; never the Null Certificate ID.
struct CertificateTable {
  std::array<std::array<char, 16>, (kTransporterCount + kIgtCount) * kCertificatesPerParty +
                                       kUnknownCount>
      ids;
  CertificateTable() {
    static const char kHex[] = "0123456789ABCDEF";
    for (size_t k = 0; k < ids.size(); ++k) {
      uint64_t v = Mix64(0xCE57CE57ULL + k) | (1ULL << 60);
      for (int d = 0; d < 16; ++d) ids[k][d] = kHex[(v >> (60 - 4 * d)) & 0xF];
    }
  }
  std::string_view Get(size_t k) const { return {ids[k].data(), 16}; }
};

const CertificateTable& Certificates() {
  static const CertificateTable kTable;
  return kTable;
}

}  // namespace

std::span<const DeviceFamily> DeviceFamilies() { return kFamilies; }
std::span<const DisplayModel> DisplayModels() { return kDisplays; }
const DisplayMenu& DisplayMenuFor(Cohort c) { return kMenus[static_cast<int>(c)]; }

std::span<const Weighted> GroupIdWeights(Cohort c) {
  switch (c) {
    case Cohort::kIoc: return kIocGroups;
    case Cohort::kMocMds: return kMdsGroups;
    case Cohort::kMocSecure: return kSecGroups;
    case Cohort::kFoc: return kFocGroups;
  }
  return kFocGroups;
}

const char* GroupIdName(int index) { return kGroupIds[index]; }
std::span<const Region> Regions() { return kRegions; }
std::span<const char* const> GasTransporters() { return kTransporters; }
std::span<const IgtParty> IgtParties() { return kIgts; }
int SupplierCount() { return static_cast<int>(std::size(kSupplierWeights)); }
std::span<const uint16_t> SupplierWeights() { return kSupplierWeights; }

std::string_view TransporterCertificate(int transporter, int k) {
  return Certificates().Get(static_cast<size_t>(transporter * kCertificatesPerParty + k));
}
std::string_view IgtCertificate(int igt, int k) {
  return Certificates().Get(
      static_cast<size_t>((kTransporterCount + igt) * kCertificatesPerParty + k));
}
std::string_view UnknownCertificate(int k) {
  return Certificates().Get(
      static_cast<size_t>((kTransporterCount + kIgtCount) * kCertificatesPerParty + k % kUnknownCount));
}

uint32_t TotalWeight(std::span<const Weighted> items) {
  uint32_t total = 0;
  for (const auto& w : items) total += w.weight;
  return total;
}

int PickWeighted(std::span<const Weighted> items, uint32_t r) {
  for (const auto& w : items) {
    if (r < w.weight) return w.index;
    r -= w.weight;
  }
  return items.back().index;
}

}  // namespace s1mig::gen
