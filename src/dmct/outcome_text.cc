// Renders the outcomes of assess, decide and the notices for people (CLI output).
#include "dmct/outcome_text.h"

namespace s1mig::dmct {
namespace {

std::string Join(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

void AddList(std::string* out, const char* what, const std::vector<std::string>& ids) {
  if (ids.empty()) return;
  *out += std::string(what) + " (" + std::to_string(ids.size()) + "): " + Join(ids) + "\n";
}

}  // namespace

std::string AssessOutcomeText(const AssessRequest& req, const AssessOutcome& o) {
  const std::string mf = req.model + "@" + req.fw;
  std::string out =
      "assessment " + o.assessment_id + ": " + mf + " " + EpclDataName(req.epcl_data) + " (asked " +
      (req.source == store::DataSource::kSupplier ? "the Supplier Party" : "the SMETS1 SMSO") +
      ") on " + FormatDate(o.assessed_on) + "\n";
  const bool unobtainable = req.epcl_data == EpclData::kUnobtainable;
  if (!unobtainable) {
    out += mf + " is a SMETS1 PPMID: its EPCL data was obtained\n";
  } else if (!o.amendment_in_force) {
    out += "U1-PPMID is not in force at " + FormatInstant(req.at) + ": " + mf +
           " remains a SMETS1 PPMID (SVTAD clause 20.5A does not apply yet); nothing "
           "reclassified, no notices; its DMCs cannot be listed (PPMID_EPCL_DATA)\n";
  }
  AddList(&out, "reclassified as a SMETS1 IHD (SVTAD clause 20.5A)", o.reclassified);
  AddList(&out, "display is a SMETS1 PPMID again", o.restored);
  AddList(&out, "notices reversed", o.reversed_notices);
  for (const store::Notice& n : o.notices) {
    out += "notice " + n.id + " to " + n.party + ": referral deadline " +
           WeekdayName(n.referral_deadline) + " " + FormatDate(n.referral_deadline) + "\n";
  }
  for (const EpclEntry& e : o.listed) {
    out += "EPCL: listed " + e.entry_id + " (" + store::FormatDmc(store::DmcOf(e)) + ") basis " +
           EpclBasisName(e.basis) + " from " + FormatDate(e.listed_on) + "\n";
  }
  for (const std::string& d : o.already_listed) out += "EPCL: already listed: " + d + "\n";
  for (const std::string& d : o.unlisted) {
    out += "EPCL: no equivalent entry, needs testing: " + d + "\n";
  }
  if (unobtainable && o.amendment_in_force && o.reclassified.empty()) {
    out += "no submission lists " + mf + " as a SMETS1 PPMID: nothing reclassified\n";
  }
  return out;
}

std::string DecideOutcomeText(const DecideRequest& req, const DecideOutcome& o) {
  const std::string mf = o.model + "@" + o.fw;
  std::string out = "decision " + o.decision_id + ": referral " + req.referral_id + " " +
                    store::OutcomeName(o.outcome) + " by the Secretary of State (final)\n";
  if (o.outcome == store::Outcome::kDismissed) return out + mf + " stays a SMETS1 IHD\n";
  out += mf + " is a SMETS1 PPMID again from " + FormatDate(o.effective_from) + "\n";
  for (const std::string& id : o.restored) out += "submission " + id + ": display PPMID\n";
  for (const std::string& id : o.reversed_notices) out += "notice " + id + ": REVERSED\n";
  return out;
}

std::string NoticeText(const store::Notice& n) {
  std::string out = "notice_id=" + n.id + " party=" + n.party + " model=" + n.model +
                    " fw=" + n.fw + " notified_at=" + FormatInstant(n.notified_at) +
                    " referral_deadline=" + FormatDate(n.referral_deadline) +
                    " status=" + store::NoticeStatusName(n.status) + "\n    ";
  for (char c : n.text) {
    out += c;
    if (c == '\n') out += "    ";
  }
  return out + "\n";
}

}  // namespace s1mig::dmct
