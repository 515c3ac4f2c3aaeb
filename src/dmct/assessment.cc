// DMCT assessment of a display model and its consequences under SMETS1 SVTAD clause 20.5A:
// reclassification as a SMETS1 IHD, notices with their referral deadlines, and EPCL listing by
// substantive equivalence.
#include <cstdio>
#include <map>
#include <set>

#include "dmct/ppmid_amendment.h"
#include "dmct/workflow.h"
#include "dmct/workflow_support.h"

namespace s1mig::dmct {
namespace {

using nlohmann::json;
using store::DisplayClass;
using store::DmctTxn;

constexpr int kPpmid = static_cast<int>(DeviceSlot::kPpmid);

bool ListsDisplay(const store::Submission& s, const std::string& model, const std::string& fw) {
  return s.dmc.model[kPpmid] == model && s.dmc.fw[kPpmid] == fw;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// SMETS1 SVTAD clause 20.5A: "promptly notify ... of the reclassification ... together with the
// associated rationale". The text is rendered once and stored as sent.
std::string RenderNotice(const std::string& party, const AssessRequest& req,
                         const std::vector<std::string>& submissions,
                         const std::string& assessment_id, Days assessed_on, Days deadline,
                         const std::string& calendar) {
  const char* from =
      req.source == store::DataSource::kSupplier ? "the Supplier Party" : "the SMETS1 SMSO";
  std::string text;
  text += "SMETS1 SVTAD clause 20.5A notice to Supplier Party " + party + ".\n";
  text += "The DCC has reclassified Device Model " + req.model + " (firmware " + req.fw +
          "), which you included as a SMETS1 PPMID in Device Model Combination submission" +
          (submissions.size() > 1 ? "s " : " ") + Join(submissions) + ", as a SMETS1 IHD.\n";
  text += "Rationale: while assessing it under the DMCT Process (assessment " + assessment_id +
          ", " + FormatDate(assessed_on) + ") the DCC tried to obtain from " + from +
          " the set of data for the SMETS1 PPMID Device Model that is required to list it as a "
          "SMETS1 PPMID on the list of SMETS1 Eligible Product Combinations, and could not "
          "obtain it. The DCC is therefore proceeding with the DMCT Process as if the Device "
          "Model had been included as a SMETS1 IHD.\n";
  text +=
      "If you disagree with the reclassification you may refer the matter to the Secretary "
      "of State within " +
      std::to_string(kReferralWorkingDays) +
      " Working Days of this notification, that is by the end of " + WeekdayName(deadline) + " " +
      FormatDate(deadline) + " (Working Days per " + calendar +
      "). The decision of the Secretary of State is final and binding.";
  return text;
}

// A fresh entry id "SE-000001" not used by any entry.
std::string NextSeId(const std::vector<EpclEntry>& epcl) {
  std::set<std::string> used;
  for (const EpclEntry& e : epcl) used.insert(e.entry_id);
  for (int n = 1;; ++n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "SE-%06d", n);
    if (used.count(buf) == 0) return buf;
  }
}

bool SameMeters(const store::Dmc& a, const store::Dmc& b) {
  for (int i = 0; i < kPpmid; ++i) {
    if (a.model[i] != b.model[i] || a.fw[i] != b.fw[i]) return false;
  }
  return true;
}

// DOMAIN.md step 5, "substantive equivalence". project decision (docs/dmct.md): the DMC without
// its PPMID is listed, with basis SUBSTANTIVE_EQUIVALENCE and the assessment's date, when an
// entry already listed on that date has the same CHF, ESME, GSME and GPF and some PPMID. An
// entry equal to it exactly means it is listed already; no entry with those meters means the
// combination still needs testing.
Status ListBySubstantiveEquivalence(DmctTxn& tx, const std::vector<store::Submission>& affected,
                                    Days on, AssessOutcome* out) {
  S1MIG_ASSIGN_OR_RETURN(std::vector<EpclEntry> epcl, tx.ListEpcl());
  std::set<std::string> seen;
  for (const store::Submission& s : affected) {
    store::Dmc without = s.dmc;
    without.model[kPpmid].clear();
    without.fw[kPpmid].clear();
    const std::string label = store::FormatDmc(without);
    if (!seen.insert(label).second) continue;
    bool exact = false;
    bool equivalent = false;
    for (const EpclEntry& e : epcl) {
      if (e.listed_on > on) continue;
      store::Dmc d = store::DmcOf(e);
      if (d == without) exact = true;
      if (!d.model[kPpmid].empty() && SameMeters(d, without)) equivalent = true;
    }
    if (exact) {
      out->already_listed.push_back(label);
    } else if (equivalent) {
      EpclEntry e;
      e.entry_id = NextSeId(epcl);
      for (int i = 0; i < kDeviceSlots; ++i) {
        e.model[i] = without.model[i];
        e.fw[i] = without.fw[i];
      }
      e.basis = EpclBasis::kSubstantiveEquivalence;
      e.listed_on = on;
      S1MIG_RETURN_IF_ERROR(tx.InsertEpclEntry(e));
      epcl.push_back(e);
      out->listed.push_back(e);
    } else {
      out->unlisted.push_back(label);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<AssessOutcome> Assess(store::DmctStore& st, const AssessRequest& req) {
  if (req.model.empty() || req.fw.empty()) {
    return InvalidArgument("--ppmid: give both model and firmware (MODEL@FW)");
  }
  const WorkingDayCalendar& cal =
      req.calendar != nullptr ? *req.calendar : WorkingDayCalendar::EnglandAndWales();
  AssessOutcome out;
  Status s = st.Write([&](DmctTxn& tx) -> Status {
    out = AssessOutcome();
    S1MIG_RETURN_IF_ERROR(CheckInOrder(tx, req.at));
    store::AssessmentRecord a;
    a.model = req.model;
    a.fw = req.fw;
    a.epcl_data = req.epcl_data;
    a.source = req.source;
    a.assessed_at = req.at;
    a.assessed_on = LondonDate(req.at);
    if (req.epcl_data == EpclData::kUnobtainable) {
      // The Secretary of State's decision is final and binding (SVTAD 20.5A): once a referral on
      // this model is upheld, a new UNOBTAINABLE result may not make it an IHD again (the
      // engine would otherwise let the later assessment override the reinstatement).
      S1MIG_ASSIGN_OR_RETURN(std::vector<PpmidReinstatement> rs, tx.ListReinstatements());
      for (const PpmidReinstatement& r : rs) {
        if (r.model != req.model || r.fw != req.fw) continue;
        return FailedPrecondition(req.model + "@" + req.fw +
                                  " was reinstated as a SMETS1 PPMID from " + FormatDate(r.from) +
                                  " by an upheld referral; the Secretary of State's decision is "
                                  "final, so it cannot be assessed UNOBTAINABLE again");
      }
    }
    S1MIG_ASSIGN_OR_RETURN(a.id, tx.InsertAssessment(a));
    out.assessment_id = a.id;
    out.assessed_on = a.assessed_on;
    out.amendment_in_force = PpmidAmendmentInForce(req.at);

    S1MIG_ASSIGN_OR_RETURN(std::vector<store::Submission> subs, tx.ListSubmissions());
    json before = json::array(), after = json::array();
    std::vector<store::Submission> affected;  // listing the model, IHD after this assessment
    std::map<std::string, std::vector<std::string>> by_party;  // Supplier Party -> submissions
    std::vector<std::string> party_order;
    for (store::Submission& sub : subs) {
      if (!ListsDisplay(sub, req.model, req.fw)) continue;
      const DisplayClass was = sub.display_class;
      if (req.epcl_data == EpclData::kUnobtainable && out.amendment_in_force) {
        // SMETS1 SVTAD clause 20.5A: deemed included in the DMCT Process as a SMETS1 IHD.
        sub.display_class = DisplayClass::kIhd;
        affected.push_back(sub);
        if (was == DisplayClass::kPpmid) {
          out.reclassified.push_back(sub.id);
          S1MIG_ASSIGN_OR_RETURN(store::Party p, RequireParty(tx, sub.party));
          if (p.role == store::PartyRole::kSupplier) {
            if (by_party.count(sub.party) == 0) party_order.push_back(sub.party);
            by_party[sub.party].push_back(sub.id);
          }
        }
      } else if (req.epcl_data == EpclData::kObtained && was == DisplayClass::kIhd) {
        sub.display_class = DisplayClass::kPpmid;
        out.restored.push_back(sub.id);
      }
      if (sub.display_class != was) {
        S1MIG_RETURN_IF_ERROR(tx.SetDisplayClass(sub.id, sub.display_class));
        before.push_back({{"id", sub.id}, {"display_class", store::DisplayClassName(was)}});
        after.push_back(
            {{"id", sub.id}, {"display_class", store::DisplayClassName(sub.display_class)}});
      }
    }

    json notices = json::array();
    if (!party_order.empty()) {
      S1MIG_ASSIGN_OR_RETURN(Days deadline, cal.ReferralDeadline(req.at));
      for (const std::string& party : party_order) {
        store::Notice n;
        n.party = party;
        n.model = req.model;
        n.fw = req.fw;
        n.assessment_id = a.id;
        n.notified_at = req.at;
        n.referral_deadline = deadline;
        n.calendar = cal.name();
        n.status = store::NoticeStatus::kNotified;
        n.text =
            RenderNotice(party, req, by_party[party], a.id, a.assessed_on, deadline, cal.name());
        S1MIG_ASSIGN_OR_RETURN(n.id, tx.InsertNotice(n));
        notices.push_back(NoticeJson(n, /*with_text=*/false));
        out.notices.push_back(std::move(n));
      }
    }
    json reversed = json::array();
    if (req.epcl_data == EpclData::kObtained) {
      S1MIG_ASSIGN_OR_RETURN(std::vector<store::Notice> all, tx.ListNotices());
      for (const store::Notice& n : all) {
        if (n.model != req.model || n.fw != req.fw) continue;
        if (n.status != store::NoticeStatus::kNotified) continue;
        S1MIG_RETURN_IF_ERROR(tx.SetNoticeStatus(n.id, store::NoticeStatus::kReversed));
        out.reversed_notices.push_back(n.id);
        reversed.push_back(n.id);
      }
    }
    if (!affected.empty()) {
      S1MIG_RETURN_IF_ERROR(ListBySubstantiveEquivalence(tx, affected, a.assessed_on, &out));
    }
    json listed = json::array();
    for (const EpclEntry& e : out.listed) listed.push_back(EntryJson(e));
    json after_all{{"assessment", AssessmentJson(a)},
                   {"u1_ppmid_in_force", out.amendment_in_force},
                   {"submissions", after},
                   {"notices", notices},
                   {"reversed_notices", reversed},
                   {"epcl_added", listed}};
    return Audit(tx, req.at, std::string(store::kDccPartyId), "dmct.assess", a.id,
                 json{{"submissions", before}}, after_all);
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace s1mig::dmct
