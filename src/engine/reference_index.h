// Reference data indexed for one evaluation instant: the EPCL as listed on as_of's London date,
// each display model's latest DMCT assessment on or before that date, iGT ranges, Registration
// Data and certificates. Built once per run; immutable and shareable between threads.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "engine/flat_maps.h"
#include "model/reference_data.h"

namespace s1mig::engine {

// A display model's standing at as_of (DATA.md: the latest assessment dated on or before
// as_of's London date counts; later ones are ignored).
struct PpmidStanding {
  enum class Latest : uint8_t { kNone, kObtained, kUnobtainable };
  Latest latest = Latest::kNone;
  Days assessed_on = 0;
  bool reinstated = false;  // a referral upheld on/after that assessment (project decision)
  Days reinstated_from = 0;
};

struct StringPairHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

class ReferenceIndex {
 public:
  // REQUIRES: `data` outlives the index.
  ReferenceIndex(const ReferenceData& data, Days as_of_london_date);

  const ReferenceData& data() const { return *data_; }
  Days as_of_date() const { return as_of_date_; }

  // Id of a (model, fw) pair known to the reference data: >= 1; 0 for absent (both empty); -1
  // when no EPCL entry or assessment mentions it.
  int32_t ModelFirmwareId(std::string_view model, std::string_view fw) const;
  // True when an EPCL entry listed on or before as_of's London date has exactly these devices.
  bool OnEpcl(const int32_t ids[kDeviceSlots]) const;
  // The first entry id matching, for explanations ("" when none).
  std::string MatchingEntry(const int32_t ids[kDeviceSlots]) const;
  const PpmidStanding& Standing(int32_t model_fw_id) const;

  // The iGT whose range holds `mprn`, or nullptr.
  const IgtRange* IgtFor(uint64_t mprn) const;
  // Party index of the certificate's owner, or -1.
  int32_t CertificateOwner(std::string_view cert_id) const;
  // Party index of the Gas Transporter that Registration Data names for the MPRN with this
  // MprnKey (exact text), or -1.
  int32_t RegisteredTransporter(uint64_t mprn_key) const;
  const std::string& PartyName(int32_t party) const { return data_->party_names[party]; }

 private:
  struct DmcHash {
    size_t operator()(const std::array<int32_t, kDeviceSlots>& k) const;
  };
  const ReferenceData* data_;
  Days as_of_date_;
  StringPairIds model_fw_;
  SortedKeyIndex registration_;  // MprnKey -> party, over data_->registration
  std::unordered_map<std::array<int32_t, kDeviceSlots>, std::string, DmcHash> epcl_;
  std::vector<PpmidStanding> standing_;  // by model/fw id
  std::vector<IgtRange> igt_;            // sorted by first_mprn
  std::vector<uint64_t> max_last_;       // max last_mprn of igt_[0..i]
  std::unordered_map<std::string, uint32_t, StringPairHash, std::equal_to<>> certs_;
};

}  // namespace s1mig::engine
