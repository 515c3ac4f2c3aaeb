// Names and small helpers of the rule-pack model.
#include "rules/rule_pack.h"

namespace s1mig::rules {

const char* CohortName(Cohort c) {
  switch (c) {
    case Cohort::kIoc: return "IOC";
    case Cohort::kMocMds: return "MOC_MDS";
    case Cohort::kMocSecure: return "MOC_SECURE";
    case Cohort::kFoc: return "FOC";
  }
  return "?";
}

std::optional<Cohort> ParseCohort(std::string_view s) {
  if (s == "IOC") return Cohort::kIoc;
  if (s == "MOC_MDS") return Cohort::kMocMds;
  if (s == "MOC_SECURE") return Cohort::kMocSecure;
  if (s == "FOC") return Cohort::kFoc;
  return std::nullopt;
}

const char* MeterModeName(MeterMode m) {
  switch (m) {
    case MeterMode::kActive: return "ACTIVE";
    case MeterMode::kDormant: return "DORMANT";
    case MeterMode::kMixed: return "MIXED";
  }
  return "?";
}

std::optional<MeterMode> ParseMeterMode(std::string_view s) {
  if (s == "ACTIVE") return MeterMode::kActive;
  if (s == "DORMANT") return MeterMode::kDormant;
  if (s == "MIXED") return MeterMode::kMixed;
  return std::nullopt;
}

std::optional<int> ParseGroupId(std::string_view s) {
  if (s.size() != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z') return std::nullopt;
  return (s[0] - 'A') * 26 + (s[1] - 'A');
}

std::string GroupIdName(int g) {
  return std::string{static_cast<char>('A' + g / 26), static_cast<char>('A' + g % 26)};
}

bool Scope::Contains(Cohort c, int group, MeterMode m) const {
  auto has = [](const auto& list, auto v) {
    if (list.empty()) return true;
    for (auto x : list)
      if (x == v) return true;
    return false;
  };
  return has(cohorts, c) && has(group_ids, group) && has(meter_modes, m);
}

std::string Scope::Describe() const {
  if (IsEverything()) return "all installations";
  std::string out;
  auto part = [&](const std::string& text) {
    if (!out.empty()) out += ", ";
    out += text;
  };
  if (!cohorts.empty()) {
    std::string t = cohorts.size() == 1 ? "cohort" : "cohorts";
    for (auto c : cohorts) t += std::string(" ") + CohortName(c);
    part(t);
  }
  if (!group_ids.empty()) {
    std::string t = group_ids.size() == 1 ? "GroupID" : "GroupIDs";
    for (int g : group_ids) t += " " + GroupIdName(g);
    part(t);
  }
  if (!meter_modes.empty()) {
    std::string t = "meter mode";
    for (auto m : meter_modes) t += std::string(" ") + MeterModeName(m);
    part(t);
  }
  return out;
}

const char* CheckKindName(CheckKind k) {
  switch (k) {
    case CheckKind::kGsmeOnWhitelist: return "gsme_on_whitelist";
    case CheckKind::kGsmeCommsWindow: return "gsme_comms_window";
    case CheckKind::kNetworkParty: return "network_party";
    case CheckKind::kDmcOnEpcl: return "dmc_on_epcl";
  }
  return "?";
}

const char* ExemptionName(Exemption e) {
  switch (e) {
    case Exemption::kAlways: return "always";
    case Exemption::kNullCertificate: return "null_certificate";
    case Exemption::kIgtSupplyPoint: return "igt_supply_point";
  }
  return "?";
}

std::string ExemptionText(Exemption e) {
  switch (e) {
    case Exemption::kAlways: return "exempt";
    case Exemption::kNullCertificate: return "exempt when the certificate is the Null Certificate ID";
    case Exemption::kIgtSupplyPoint: return "exempt when the Gas Transporter is an independent Gas Transporter (MPRN in an iGT range)";
  }
  return "?";
}

const Check* RulePack::FindCheck(std::string_view id) const {
  for (const auto& c : checks)
    if (c.id == id) return &c;
  return nullptr;
}

const Amendment* RulePack::FindAmendment(std::string_view id) const {
  for (const auto& a : amendments)
    if (a.id == id) return &a;
  return nullptr;
}

std::vector<std::string> RulePack::ReasonCodes() const {
  std::vector<std::string> out;
  for (const auto& c : checks) {
    out.push_back(c.id);
    if (!c.alternate_reason.empty()) out.push_back(c.alternate_reason);
  }
  return out;
}

}  // namespace s1mig::rules
