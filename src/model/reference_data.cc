// Names of the reference-data enums, as written in the CSV files.
#include "model/reference_data.h"

#include <algorithm>

namespace s1mig {

const char* EpclBasisName(EpclBasis b) {
  return b == EpclBasis::kTested ? "TESTED" : "SUBSTANTIVE_EQUIVALENCE";
}

const char* EpclDataName(EpclData d) {
  return d == EpclData::kObtained ? "OBTAINED" : "UNOBTAINABLE";
}

uint32_t ReferenceData::InternParty(std::string_view name) {
  auto it = party_index.find(std::string(name));
  if (it != party_index.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(party_names.size());
  party_names.emplace_back(name);
  party_index.emplace(std::string(name), id);
  return id;
}

const std::string* ReferenceData::FindGasTransporter(uint64_t mprn) const {
  auto it = std::lower_bound(registration.begin(), registration.end(), mprn,
                             [](const Registration& r, uint64_t m) { return r.mprn < m; });
  if (it == registration.end() || it->mprn != mprn) return nullptr;
  return &party_names[it->party];
}

}  // namespace s1mig
