// Building and querying the per-run reference index.
#include "engine/reference_index.h"

#include <algorithm>
#include <array>

namespace s1mig::engine {
size_t ReferenceIndex::DmcHash::operator()(const std::array<int32_t, kDeviceSlots>& k) const {
  uint64_t h = 0x9E3779B97F4A7C15ull;
  for (int32_t v : k) h = (h ^ static_cast<uint32_t>(v)) * 0xff51afd7ed558ccdull;
  return static_cast<size_t>(h ^ (h >> 32));
}

ReferenceIndex::ReferenceIndex(const ReferenceData& data, Days as_of_date)
    : data_(&data), as_of_date_(as_of_date) {
  auto intern = [&](const std::string& model, const std::string& fw) -> int32_t {
    if (model.empty() && fw.empty()) return 0;
    return model_fw_.Intern(model, fw, static_cast<int32_t>(model_fw_.size() + 1));
  };
  // The EPCL on as_of's London date: entries listed on or before it.
  for (const EpclEntry& e : data.epcl) {
    if (e.listed_on > as_of_date) continue;
    std::array<int32_t, kDeviceSlots> ids;
    bool usable = true;
    for (int s = 0; s < kDeviceSlots; ++s) {
      if (e.model[s].empty() != e.fw[s].empty()) usable = false;
      ids[s] = intern(e.model[s], e.fw[s]);
    }
    if (usable) epcl_.emplace(ids, e.entry_id);
  }
  std::vector<int32_t> assessed_ids;
  for (const PpmidAssessment& a : data.assessments) assessed_ids.push_back(intern(a.model, a.fw));
  std::vector<int32_t> reinstated_ids;
  for (const PpmidReinstatement& r : data.reinstatements) reinstated_ids.push_back(intern(r.model, r.fw));
  standing_.assign(model_fw_.size() + 1, PpmidStanding());
  // Latest assessment on or before as_of's date; on the same date a later row wins.
  for (size_t i = 0; i < data.assessments.size(); ++i) {
    const PpmidAssessment& a = data.assessments[i];
    if (a.assessed_on > as_of_date) continue;
    PpmidStanding& s = standing_[assessed_ids[i]];
    if (s.latest == PpmidStanding::Latest::kNone || a.assessed_on >= s.assessed_on) {
      s.latest = a.epcl_data == EpclData::kObtained ? PpmidStanding::Latest::kObtained
                                                    : PpmidStanding::Latest::kUnobtainable;
      s.assessed_on = a.assessed_on;
    }
  }
  for (size_t i = 0; i < data.reinstatements.size(); ++i) {
    const PpmidReinstatement& r = data.reinstatements[i];
    PpmidStanding& s = standing_[reinstated_ids[i]];
    if (r.from <= as_of_date && s.latest == PpmidStanding::Latest::kUnobtainable && r.from >= s.assessed_on) {
      s.reinstated = true;
      s.reinstated_from = r.from;
    }
  }
  igt_ = data.igt_ranges;
  std::sort(igt_.begin(), igt_.end(), [](const IgtRange& a, const IgtRange& b) { return a.first_mprn < b.first_mprn; });
  uint64_t reach = 0;
  for (const IgtRange& r : igt_) max_last_.push_back(reach = std::max(reach, r.last_mprn));
  for (const auto& [cert, party] : data.certificate_owner) certs_.emplace(cert, party);
  registration_.Build(&data.registration);
}

int32_t ReferenceIndex::ModelFirmwareId(std::string_view model, std::string_view fw) const {
  if (model.empty() && fw.empty()) return 0;
  return model_fw_.Find(model, fw);
}

bool ReferenceIndex::OnEpcl(const int32_t ids[kDeviceSlots]) const {
  std::array<int32_t, kDeviceSlots> k;
  for (int s = 0; s < kDeviceSlots; ++s) {
    if (ids[s] < 0) return false;
    k[s] = ids[s];
  }
  return epcl_.count(k) > 0;
}

std::string ReferenceIndex::MatchingEntry(const int32_t ids[kDeviceSlots]) const {
  std::array<int32_t, kDeviceSlots> k;
  for (int s = 0; s < kDeviceSlots; ++s) {
    if (ids[s] < 0) return "";
    k[s] = ids[s];
  }
  auto it = epcl_.find(k);
  return it == epcl_.end() ? "" : it->second;
}

const PpmidStanding& ReferenceIndex::Standing(int32_t id) const {
  static const PpmidStanding kNone;
  if (id <= 0 || static_cast<size_t>(id) >= standing_.size()) return kNone;
  return standing_[id];
}

const IgtRange* ReferenceIndex::IgtFor(uint64_t mprn) const {
  // Ranges may overlap; scan back from the last range starting at or before mprn.
  auto it = std::upper_bound(igt_.begin(), igt_.end(), mprn,
                             [](uint64_t m, const IgtRange& r) { return m < r.first_mprn; });
  // Ranges may overlap: walk back while some earlier range still reaches this far.
  size_t i = static_cast<size_t>(it - igt_.begin());
  while (i > 0) {
    --i;
    if (max_last_[i] < mprn) break;
    if (mprn <= igt_[i].last_mprn) return &igt_[i];
  }
  return nullptr;
}

int32_t ReferenceIndex::CertificateOwner(std::string_view cert_id) const {
  auto it = certs_.find(cert_id);
  return it == certs_.end() ? -1 : static_cast<int32_t>(it->second);
}

int32_t ReferenceIndex::RegisteredTransporter(uint64_t mprn_key) const {
  return registration_.Find(mprn_key);
}

}  // namespace s1mig::engine
