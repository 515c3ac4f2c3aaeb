// Time-order and party checks, and JSON views of store records for the audit log.
#include "dmct/workflow_support.h"

namespace s1mig::dmct {

using nlohmann::json;

Status CheckInOrder(store::DmctTxn& tx, Instant at) {
  S1MIG_ASSIGN_OR_RETURN(std::optional<Instant> latest, tx.LatestActionTime());
  if (latest && at < *latest) {
    return InvalidArgument("--at " + FormatInstant(at) +
                           " is out of order: it is earlier than the latest recorded state "
                           "change (" +
                           FormatInstant(*latest) + "); record changes in time order");
  }
  return Status::Ok();
}

Result<store::Party> RequireParty(store::DmctTxn& tx, const std::string& id) {
  S1MIG_ASSIGN_OR_RETURN(std::optional<store::Party> p, tx.FindParty(id));
  if (!p) {
    return NotFound("unknown party '" + id + "': register it first with 's1mig party add'");
  }
  return *p;
}

json DmcJson(const store::Dmc& dmc) {
  static const char* kSlots[] = {"chf", "esme", "gsme", "gpf", "ppmid"};
  json j = json::object();
  for (int i = 0; i < kDeviceSlots; ++i) {
    if (dmc.model[i].empty() && dmc.fw[i].empty()) continue;
    j[kSlots[i]] = dmc.model[i] + "@" + dmc.fw[i];
  }
  return j;
}

json EntryJson(const EpclEntry& e) {
  return json{{"entry_id", e.entry_id},
              {"dmc", DmcJson(store::DmcOf(e))},
              {"basis", EpclBasisName(e.basis)},
              {"listed_on", FormatDate(e.listed_on)}};
}

json SubmissionJson(const store::Submission& s) {
  return json{{"id", s.id},
              {"party", s.party},
              {"mode", store::MeterModeName(s.mode)},
              {"dmc", DmcJson(s.dmc)},
              {"display_class", store::DisplayClassName(s.display_class)},
              {"submitted_at", FormatInstant(s.submitted_at)}};
}

json AssessmentJson(const store::AssessmentRecord& a) {
  json j{{"id", a.id},
         {"model", a.model},
         {"fw", a.fw},
         {"epcl_data", EpclDataName(a.epcl_data)},
         {"assessed_on", FormatDate(a.assessed_on)}};
  if (a.source) j["source"] = store::DataSourceName(*a.source);
  if (a.assessed_at) j["assessed_at"] = FormatInstant(*a.assessed_at);
  return j;
}

json NoticeJson(const store::Notice& n, bool with_text) {
  json j{{"notice_id", n.id},
         {"party", n.party},
         {"model", n.model},
         {"fw", n.fw},
         {"assessment_id", n.assessment_id},
         {"notified_at", FormatInstant(n.notified_at)},
         {"referral_deadline", FormatDate(n.referral_deadline)},
         {"calendar", n.calendar},
         {"status", store::NoticeStatusName(n.status)}};
  if (with_text) j["text"] = n.text;
  return j;
}

Status Audit(store::DmctTxn& tx, std::optional<Instant> at, const std::string& actor,
             const std::string& action, const std::string& subject, const json& before,
             const json& after) {
  store::AuditEntry e;
  e.at = at;
  e.actor = actor;
  e.action = action;
  e.subject = subject;
  // Invalid UTF-8 in user text is replaced rather than thrown on: the record is still written.
  e.before = before.dump(-1, ' ', false, json::error_handler_t::replace);
  e.after = after.dump(-1, ' ', false, json::error_handler_t::replace);
  return tx.AppendAudit(e).status();
}

}  // namespace s1mig::dmct
