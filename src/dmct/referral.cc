// Notices, referrals to the Secretary of State within 10 Working Days, and the Secretary of
// State's final decision (SMETS1 SVTAD clause 20.5A).
#include "dmct/workflow.h"
#include "dmct/workflow_support.h"

namespace s1mig::dmct {
namespace {

using nlohmann::json;
using store::DmctTxn;
using store::NoticeStatus;

constexpr int kPpmid = static_cast<int>(DeviceSlot::kPpmid);

std::string DeadlineText(const store::Notice& n) {
  return "the referral deadline of notice " + n.id + " is the end of " +
         WeekdayName(n.referral_deadline) + " " + FormatDate(n.referral_deadline) + " (" +
         std::to_string(kReferralWorkingDays) + " Working Days after the notification on " +
         FormatDate(LondonDate(n.notified_at)) + ")";
}

}  // namespace

Result<std::vector<store::Notice>> ListNotices(store::DmctStore& st,
                                               const std::optional<std::string>& party) {
  std::vector<store::Notice> out;
  Status s = st.Read([&](DmctTxn& tx) -> Status {
    if (party) S1MIG_RETURN_IF_ERROR(RequireParty(tx, *party).status());
    S1MIG_ASSIGN_OR_RETURN(std::vector<store::Notice> all, tx.ListNotices());
    for (store::Notice& n : all) {
      if (!party || n.party == *party) out.push_back(std::move(n));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::string> Refer(store::DmctStore& st, const ReferRequest& req) {
  std::string id;
  Status s = st.Write([&](DmctTxn& tx) -> Status {
    S1MIG_RETURN_IF_ERROR(CheckInOrder(tx, req.at));
    S1MIG_RETURN_IF_ERROR(RequireParty(tx, req.party).status());
    S1MIG_ASSIGN_OR_RETURN(std::optional<store::Notice> found, tx.FindNotice(req.notice_id));
    if (!found) return NotFound("unknown notice '" + req.notice_id + "'");
    const store::Notice& n = *found;
    if (n.party != req.party) {
      return PermissionDenied(
          "party '" + req.party + "' was not notified by notice " + n.id + " (it was sent to " +
          n.party + "); only the notified Supplier Party may refer it; " + DeadlineText(n));
    }
    S1MIG_ASSIGN_OR_RETURN(std::optional<store::Referral> prior, tx.FindReferralForNotice(n.id));
    if (prior) {
      return AlreadyExists("notice " + n.id + " was already referred as " + prior->id + " on " +
                           FormatInstant(prior->referred_at));
    }
    if (n.status != NoticeStatus::kNotified) {
      return FailedPrecondition("notice " + n.id + " is " + store::NoticeStatusName(n.status) +
                                ": the reclassification of " + n.model + "@" + n.fw +
                                " no longer stands, so there is nothing to refer");
    }
    const Days on = LondonDate(req.at);
    if (on > n.referral_deadline) {
      return FailedPrecondition("referral refused: too late; " + DeadlineText(n) + ", and --at " +
                                FormatInstant(req.at) + " is " + FormatDate(on) + " in London");
    }
    store::Referral r{"", n.id, req.party, req.at};
    S1MIG_ASSIGN_OR_RETURN(id, tx.InsertReferral(r));
    S1MIG_RETURN_IF_ERROR(tx.SetNoticeStatus(n.id, NoticeStatus::kReferred));
    json before{{"notice", {{"id", n.id}, {"status", store::NoticeStatusName(n.status)}}}};
    json after{{"referral",
                {{"id", id},
                 {"notice_id", n.id},
                 {"party", req.party},
                 {"referred_at", FormatInstant(req.at)},
                 {"referral_deadline", FormatDate(n.referral_deadline)}}},
               {"notice", {{"id", n.id}, {"status", "REFERRED"}}}};
    return Audit(tx, req.at, req.party, "dmct.refer", id, before, after);
  });
  if (!s.ok()) return s;
  return id;
}

Result<DecideOutcome> Decide(store::DmctStore& st, const DecideRequest& req) {
  DecideOutcome out;
  Status s = st.Write([&](DmctTxn& tx) -> Status {
    out = DecideOutcome();
    S1MIG_RETURN_IF_ERROR(CheckInOrder(tx, req.at));
    S1MIG_ASSIGN_OR_RETURN(std::optional<store::Referral> ref, tx.FindReferral(req.referral_id));
    if (!ref) return NotFound("unknown referral '" + req.referral_id + "'");
    S1MIG_ASSIGN_OR_RETURN(std::optional<store::Decision> prior,
                           tx.FindDecisionForReferral(ref->id));
    if (prior) {
      return AlreadyExists("referral " + ref->id + " was already decided (" + prior->id + ", " +
                           store::OutcomeName(prior->outcome) + ", " +
                           FormatInstant(prior->decided_at) +
                           "): the Secretary of State's decision is final");
    }
    S1MIG_ASSIGN_OR_RETURN(std::optional<store::Notice> notice, tx.FindNotice(ref->notice_id));
    if (!notice) return Internal("referral " + ref->id + " names a missing notice");
    store::Decision d;
    d.referral_id = ref->id;
    d.outcome = req.outcome;
    d.decided_at = req.at;
    d.effective_from = LondonDate(req.at);
    S1MIG_ASSIGN_OR_RETURN(d.id, tx.InsertDecision(d));
    out.decision_id = d.id;
    out.outcome = d.outcome;
    out.model = notice->model;
    out.fw = notice->fw;
    out.effective_from = d.effective_from;
    const bool upheld = req.outcome == store::Outcome::kUpheld;
    const NoticeStatus status = upheld ? NoticeStatus::kUpheld : NoticeStatus::kDismissed;
    S1MIG_RETURN_IF_ERROR(tx.SetNoticeStatus(notice->id, status));
    json after_subs = json::array();
    json reinstatement = nullptr;
    if (upheld) {
      // project decision (DOMAIN.md): upheld means the model is a PPMID again from the date of
      // the decision, for every submission that lists it.
      S1MIG_ASSIGN_OR_RETURN(std::vector<PpmidReinstatement> rs, tx.ListReinstatements());
      bool already = false;
      for (const PpmidReinstatement& r : rs) {
        already = already || (r.model == notice->model && r.fw == notice->fw);
      }
      if (!already) {
        PpmidReinstatement r{notice->model, notice->fw, d.effective_from};
        S1MIG_RETURN_IF_ERROR(tx.InsertReinstatement(r, d.id));
        reinstatement = {{"model", r.model}, {"fw", r.fw}, {"from", FormatDate(r.from)}};
      }
      S1MIG_ASSIGN_OR_RETURN(std::vector<store::Submission> subs, tx.ListSubmissions());
      for (const store::Submission& sub : subs) {
        if (sub.dmc.model[kPpmid] != notice->model || sub.dmc.fw[kPpmid] != notice->fw) continue;
        if (sub.display_class != store::DisplayClass::kIhd) continue;
        S1MIG_RETURN_IF_ERROR(tx.SetDisplayClass(sub.id, store::DisplayClass::kPpmid));
        out.restored.push_back(sub.id);
        after_subs.push_back({{"id", sub.id}, {"display_class", "PPMID"}});
      }
      S1MIG_ASSIGN_OR_RETURN(std::vector<store::Notice> all, tx.ListNotices());
      for (const store::Notice& n : all) {
        if (n.model != notice->model || n.fw != notice->fw) continue;
        if (n.status != NoticeStatus::kNotified) continue;
        S1MIG_RETURN_IF_ERROR(tx.SetNoticeStatus(n.id, NoticeStatus::kReversed));
        out.reversed_notices.push_back(n.id);
      }
    }
    json before{
        {"referral", ref->id},
        {"notice", {{"id", notice->id}, {"status", store::NoticeStatusName(notice->status)}}}};
    json after{{"decision",
                {{"id", d.id},
                 {"referral_id", ref->id},
                 {"decided_by", "Secretary of State"},
                 {"outcome", store::OutcomeName(d.outcome)},
                 {"decided_at", FormatInstant(d.decided_at)},
                 {"effective_from", FormatDate(d.effective_from)}}},
               {"notice", {{"id", notice->id}, {"status", store::NoticeStatusName(status)}}},
               {"reinstatement", reinstatement},
               {"submissions", after_subs},
               {"reversed_notices", out.reversed_notices}};
    return Audit(tx, req.at, std::string(store::kDccPartyId), "dmct.decide", d.id, before, after);
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace s1mig::dmct
