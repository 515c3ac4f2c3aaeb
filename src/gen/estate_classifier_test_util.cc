// Test-only classifier of generated snapshots: DOMAIN.md's five checks and DATA.md's validation,
// written plainly and separately from the generator (see the header).
#include "gen/estate_classifier_test_util.h"

#include <fstream>

#include "base/ids.h"

namespace s1mig::gen::testing {

const char* const kColumnNames[kColumns] = {
    "installation_id", "cohort", "group_id", "meter_mode", "elec_supplier", "gas_supplier",
    "mpan", "mprn", "chf_id", "chf_model", "chf_fw", "esme_id", "esme_model", "esme_fw",
    "gsme_id", "gsme_model", "gsme_fw", "gpf_id", "gpf_model", "gpf_fw", "ihd_id", "ihd_model",
    "ihd_fw", "ihd_upgradable", "chf_whitelist", "gsme_last_comms", "network_cert_id"};
const char* const kReasonNames[kReasonBits] = {"GT01_WHITELIST", "GT01_COMMS", "NETWORK_PARTY",
                                               "EPCL_DMC", "PPMID_EPCL_DATA"};

bool SplitLine(std::string_view line, std::string_view* out, size_t count) {
  size_t n = 0, start = 0;
  for (size_t k = 0; k <= line.size(); ++k) {
    if (k == line.size() || line[k] == ',') {
      if (n == count) return false;
      out[n++] = line.substr(start, k - start);
      start = k + 1;
    }
  }
  return n == count;
}

namespace {

// Reads `path` and calls fn(fields) for each data row; checks the header names.
Status ReadCsv(const std::string& path, const std::vector<std::string>& header,
               const std::function<void(const std::string_view*)>& fn) {
  std::ifstream in(path);
  if (!in) return NotFound(path + ": cannot open");
  std::string line;
  std::vector<std::string_view> fields(header.size());
  if (!std::getline(in, line) || !SplitLine(line, fields.data(), fields.size()))
    return InvalidArgument(path + ": bad header");
  for (size_t k = 0; k < header.size(); ++k)
    if (fields[k] != header[k]) return InvalidArgument(path + ": column " + std::to_string(k) + " is not " + header[k]);
  while (std::getline(in, line)) {
    if (!SplitLine(line, fields.data(), fields.size())) return InvalidArgument(path + ": bad row: " + line);
    fn(fields.data());
  }
  return Status::Ok();
}

std::string Join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (auto p : parts) {
    out.append(p);
    out.push_back('|');
  }
  return out;
}

bool IsTableA3(std::string_view group) {
  return group == "AA" || group == "BA" || group == "CA" || group == "CB";
}

}  // namespace

Result<EstateClassifier> EstateClassifier::Load(const std::string& dir, Instant as_of) {
  EstateClassifier c;
  c.dir_ = dir;
  c.as_of_ = as_of;
  c.as_of_date_ = LondonDate(as_of);
  S1MIG_RETURN_IF_ERROR(ReadCsv(dir + "/certificates.csv", {"cert_id", "party_id"},
                                [&](const std::string_view* f) { c.certificates_[std::string(f[0])] = f[1]; }));
  S1MIG_RETURN_IF_ERROR(ReadCsv(dir + "/registration.csv", {"mprn", "gas_transporter"},
                                [&](const std::string_view* f) {
                                  c.registration_[*ParseUnsigned(f[0])] = std::string(f[1]);
                                }));
  S1MIG_RETURN_IF_ERROR(ReadCsv(dir + "/igt_mprn_ranges.csv", {"igt_party", "first_mprn", "last_mprn"},
                                [&](const std::string_view* f) {
                                  c.igt_ranges_.emplace_back(*ParseUnsigned(f[1]), *ParseUnsigned(f[2]));
                                }));
  S1MIG_RETURN_IF_ERROR(ReadCsv(
      dir + "/epcl.csv",
      {"entry_id", "chf_model", "chf_fw", "esme_model", "esme_fw", "gsme_model", "gsme_fw", "gpf_model",
       "gpf_fw", "ppmid_model", "ppmid_fw", "basis", "listed_on"},
      [&](const std::string_view* f) {
        if (*ParseDate(f[12]) <= c.as_of_date_)
          c.epcl_.insert(Join({f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10]}));
      }));
  S1MIG_RETURN_IF_ERROR(ReadCsv(dir + "/ppmid_assessments.csv",
                                {"ppmid_model", "ppmid_fw", "epcl_data", "assessed_on"},
                                [&](const std::string_view* f) {
                                  Days d = *ParseDate(f[3]);
                                  if (d > c.as_of_date_) return;
                                  auto& slot = c.assessment_[Join({f[0], f[1]})];
                                  if (slot.first <= d) slot = {d, f[2] == "UNOBTAINABLE"};
                                }));
  return c;
}

Status EstateClassifier::ForEachRow(const std::function<void(const Row&)>& fn) const {
  std::vector<std::string> header(kColumnNames, kColumnNames + kColumns);
  Row row;
  uint64_t line = 1;
  return ReadCsv(dir_ + "/inventory.csv", header, [&](const std::string_view* f) {
    for (int k = 0; k < kColumns; ++k) row.f[k] = f[k];
    row.line = ++line;
    fn(row);
  });
}

bool EstateClassifier::InIgtRange(uint64_t mprn) const {
  for (const auto& [first, last] : igt_ranges_)
    if (mprn >= first && mprn <= last) return true;
  return false;
}

bool EstateClassifier::IsPpmid(const Row& r, const Amendments& a) const {
  if (r[kIhdId].empty() || r[kIhdUpgradable] != "true") return false;
  if (!a.ppmid) return true;
  // U1-PPMID (TMAD 3.1(g)): an upgradable display whose EPCL data was unobtainable is an IHD.
  auto it = assessment_.find(Join({r[kIhdModel], r[kIhdFw]}));
  return it == assessment_.end() || !it->second.second;
}

uint32_t EstateClassifier::Reasons(const Row& r, const Amendments& a) const {
  uint32_t reasons = 0;
  // GT01 (TMAD Appendix A): not FOC, only with a GSME.
  if (r[kCohort] != "FOC" && !r[kGsmeId].empty()) {
    bool listed = false;
    std::string_view wl = r[kChfWhitelist];
    while (!wl.empty()) {
      size_t semi = wl.find(';');
      if (ParseDeviceId(wl.substr(0, semi)) == ParseDeviceId(r[kGsmeId])) listed = true;
      wl = semi == std::string_view::npos ? std::string_view() : wl.substr(semi + 1);
    }
    if (!listed) reasons |= kGt01Whitelist;
    int hours = (a.gt01_72h && IsTableA3(r[kGroupId])) || a.gt01_72h_all_groups ? 72 : 24;
    auto last = ParseTimestamp(r[kGsmeLastComms]);
    if (!last || as_of_ - *last > hours * kMicrosPerHour) reasons |= kGt01Comms;
  }
  // NETWORK_PARTY (TMAD 5.10.17).
  if (!r[kGpfId].empty() && r[kNetworkCertId] != "0000000000000000") {
    uint64_t mprn = *ParseUnsigned(r[kMprn]);
    if (!(a.igt && InIgtRange(mprn))) {
      auto reg = registration_.find(mprn);
      auto owner = certificates_.find(std::string(r[kNetworkCertId]));
      if (reg == registration_.end() || owner == certificates_.end() || reg->second != owner->second)
        reasons |= kNetworkParty;
    }
  }
  // EPCL: the DMC (display only when a PPMID) must be a listed entry.
  const bool ppmid = IsPpmid(r, a);
  std::string key = Join({r[kChfModel], r[kChfFw], r[kEsmeModel], r[kEsmeFw], r[kGsmeModel], r[kGsmeFw],
                          r[kGpfModel], r[kGpfFw], ppmid ? r[kIhdModel] : "", ppmid ? r[kIhdFw] : ""});
  if (!epcl_.count(key)) {
    auto it = ppmid ? assessment_.find(Join({r[kIhdModel], r[kIhdFw]})) : assessment_.end();
    reasons |= it != assessment_.end() && it->second.second ? kPpmidEpclData : kEpclDmc;
  }
  return reasons;
}

std::string EstateClassifier::InvalidColumn(const Row& r, std::unordered_set<std::string>* seen) const {
  if (r[kInstallationId].empty() || !seen->insert(std::string(r[kInstallationId])).second)
    return "installation_id";
  std::string_view c = r[kCohort];
  if (c != "IOC" && c != "MOC_MDS" && c != "MOC_SECURE" && c != "FOC") return "cohort";
  std::string_view g = r[kGroupId];
  if (g.size() != 2 || g[0] < 'A' || g[0] > 'Z' || g[1] < 'A' || g[1] > 'Z') return "group_id";
  std::string_view m = r[kMeterMode];
  if (m != "ACTIVE" && m != "DORMANT" && m != "MIXED") return "meter_mode";
  for (Col id : {kChfId, kEsmeId, kGsmeId, kGpfId, kIhdId}) {
    const bool has_id = !r[id].empty(), has_model = !r[Col(id + 1)].empty(), has_fw = !r[Col(id + 2)].empty();
    if (has_id && !ParseDeviceId(r[id])) return kColumnNames[id];
    if (has_id != has_model) return kColumnNames[has_id ? id + 1 : id];
    if (has_id != has_fw) return kColumnNames[has_id ? id + 2 : id];
  }
  if (r[kChfId].empty()) return "chf_id";
  if (r[kEsmeId].empty()) return "esme_id";
  std::string_view up = r[kIhdUpgradable];
  if (!up.empty() && up != "true" && up != "false") return "ihd_upgradable";
  if (!r[kIhdId].empty() && up.empty()) return "ihd_upgradable";
  if (r[kGsmeId].empty() != r[kGpfId].empty()) return r[kGsmeId].empty() ? "gsme_id" : "gpf_id";
  if (!r[kGsmeId].empty() && r[kMprn].empty()) return "mprn";
  if (!IsValidMpan(r[kMpan])) return "mpan";
  if (!r[kMprn].empty() && !IsValidMprn(r[kMprn])) return "mprn";
  if (!r[kGsmeLastComms].empty()) {
    auto t = ParseTimestamp(r[kGsmeLastComms]);
    if (!t || *t > as_of_) return "gsme_last_comms";
  }
  if (!r[kGpfId].empty() && r[kNetworkCertId].empty()) return "network_cert_id";
  return "";
}

}  // namespace s1mig::gen::testing
