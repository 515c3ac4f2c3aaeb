// DMCT endpoints (SMETS1 SVTAD clause 20.5A, docs/dmct.md), matching the CLI: submissions,
// assessments (DCC), notices, referrals (Supplier Parties), decisions (DCC) and the EPCL list.
// The acting party is always the caller's own: a Supplier Party sees and acts on only its own
// submissions and notices; another party's notice is answered as a missing one (404).
#include "base/ids.h"
#include "base/text.h"
#include "dmct/outcome_text.h"
#include "dmct/reference_exchange.h"
#include "dmct/workflow.h"
#include "http/service.h"

namespace s1mig::http {
namespace {

constexpr const char* kSlotNames[kDeviceSlots] = {"chf", "esme", "gsme", "gpf", "ppmid"};

Result<Instant> AtField(const nlohmann::json& body) {
  S1MIG_ASSIGN_OR_RETURN(std::string text, RequiredString(body, "at"));
  std::optional<Instant> t = ParseTimestamp(text);
  if (!t) return FieldError("at", "'" + std::string(Utf8Prefix(text, 80)) + "' is not an ISO 8601 timestamp with seconds and an offset (e.g. 2021-12-22T10:00:00Z)");
  return *t;
}

Result<std::optional<ModelFirmware>> ModelFirmwareField(const nlohmann::json& body, const char* field, bool required) {
  S1MIG_ASSIGN_OR_RETURN(std::optional<std::string> text, OptionalString(body, field));
  if (!text || text->empty()) {
    if (required) return FieldError(field, "is required (MODEL@FW)");
    return std::optional<ModelFirmware>();
  }
  std::optional<ModelFirmware> mf = ParseModelFirmware(*text);
  if (!mf) return FieldError(field, "'" + std::string(Utf8Prefix(*text, 80)) + "' is not MODEL@FW (split at the last '@'; both parts non-empty)");
  return mf;
}

std::string SlotText(const store::Dmc& dmc, int slot) {
  if (dmc.model[slot].empty() && dmc.fw[slot].empty()) return "";
  return dmc.model[slot] + "@" + dmc.fw[slot];
}

ordered_json NoticeJson(const store::Notice& n) {
  return {{"notice_id", n.id}, {"party", n.party}, {"model", n.model}, {"fw", n.fw},
          {"notified_at", FormatInstant(n.notified_at)}, {"referral_deadline", FormatDate(n.referral_deadline)},
          {"status", store::NoticeStatusName(n.status)}, {"text", n.text}, {"assessment_id", n.assessment_id},
          {"calendar", n.calendar}};
}

ordered_json EpclEntryJson(const EpclEntry& e) {
  ordered_json j;
  j["entry_id"] = e.entry_id;
  for (int s = 0; s < kDeviceSlots; ++s) {
    j[std::string(kSlotNames[s]) + "_model"] = e.model[s];
    j[std::string(kSlotNames[s]) + "_fw"] = e.fw[s];
  }
  j["basis"] = EpclBasisName(e.basis);
  j["listed_on"] = FormatDate(e.listed_on);
  return j;
}

ordered_json SubmissionJson(const store::Submission& s) {
  ordered_json dmc;
  for (int slot = 0; slot < kDeviceSlots; ++slot) dmc[kSlotNames[slot]] = SlotText(s.dmc, slot);
  return {{"submission_id", s.id}, {"party", s.party}, {"mode", store::MeterModeName(s.mode)}, {"dmc", dmc},
          {"display_class", store::DisplayClassName(s.display_class)}, {"submitted_at", FormatInstant(s.submitted_at)}};
}

// After a change that moves the EPCL or display classification, later decisions must see it.
void Refresh(Service& svc, ordered_json* out) {
  Status s = svc.RefreshReference();
  (*out)["reference_refreshed"] = s.ok();
  if (!s.ok()) (*out)["reference_refresh_error"] = s.message();
}

Result<Reply> ListSubmissions(Service& svc, const Caller& caller) {
  ordered_json arr = ordered_json::array();
  S1MIG_RETURN_IF_ERROR(svc.store().With([&](store::DmctStore& st) {
    return st.Read([&](store::DmctTxn& tx) -> Status {
      S1MIG_ASSIGN_OR_RETURN(auto all, tx.ListSubmissions());
      for (const auto& s : all)
        if (MaySeePartyRecord(caller, s.party)) arr.push_back(SubmissionJson(s));
      return Status::Ok();
    });
  }));
  return Reply::Json(ordered_json{{"submissions", arr}});
}

Result<Reply> Submit(Service& svc, const httplib::Request& req, const Caller& caller) {
  S1MIG_ASSIGN_OR_RETURN(nlohmann::json body, Body(svc, req));
  S1MIG_RETURN_IF_ERROR(OnlyFields(body, {"party", "at", "chf", "esme", "gsme", "gpf", "ppmid", "mode"}));
  S1MIG_ASSIGN_OR_RETURN(std::optional<std::string> party, OptionalString(body, "party"));
  if (party && *party != caller.party) return PermissionDenied("a party submits only for itself ('" + caller.party + "')");
  dmct::SubmitRequest sr;
  sr.party = caller.party;
  S1MIG_ASSIGN_OR_RETURN(sr.at, AtField(body));
  for (int s = 0; s < kDeviceSlots; ++s) {
    bool required = s == static_cast<int>(DeviceSlot::kChf) || s == static_cast<int>(DeviceSlot::kEsme) ||
                    s == static_cast<int>(DeviceSlot::kPpmid);
    S1MIG_ASSIGN_OR_RETURN(std::optional<ModelFirmware> mf, ModelFirmwareField(body, kSlotNames[s], required));
    if (mf) {
      sr.dmc.model[s] = mf->model;
      sr.dmc.fw[s] = mf->fw;
    }
  }
  if (sr.dmc.model[2].empty() != sr.dmc.model[3].empty())
    return FieldError(sr.dmc.model[2].empty() ? "gsme" : "gpf", "a GSME and a GPF go together: give both or neither");
  S1MIG_ASSIGN_OR_RETURN(std::optional<std::string> mode, OptionalString(body, "mode"));
  std::string mode_text = mode.value_or(caller.is_dcc() ? "dormant" : "active");
  std::optional<store::MeterMode> m = store::ParseMeterMode(mode_text);
  if (!m) return FieldError("mode", "must be \"active\" or \"dormant\"");
  sr.mode = *m;
  std::string id;
  S1MIG_RETURN_IF_ERROR(svc.store().With([&](store::DmctStore& st) -> Status {
    S1MIG_ASSIGN_OR_RETURN(id, dmct::Submit(st, sr));
    return Status::Ok();
  }));
  return Reply::Json(ordered_json{{"submission_id", id}}, 201);
}

Result<Reply> Assess(Service& svc, const httplib::Request& req) {
  S1MIG_ASSIGN_OR_RETURN(nlohmann::json body, Body(svc, req));
  S1MIG_RETURN_IF_ERROR(OnlyFields(body, {"ppmid", "data", "source", "at"}));
  dmct::AssessRequest ar;
  S1MIG_ASSIGN_OR_RETURN(std::optional<ModelFirmware> mf, ModelFirmwareField(body, "ppmid", true));
  ar.model = mf->model;
  ar.fw = mf->fw;
  S1MIG_ASSIGN_OR_RETURN(std::string data, RequiredString(body, "data"));
  if (data != "obtained" && data != "unobtainable") return FieldError("data", "must be \"obtained\" or \"unobtainable\"");
  ar.epcl_data = data == "obtained" ? EpclData::kObtained : EpclData::kUnobtainable;
  S1MIG_ASSIGN_OR_RETURN(std::string source, RequiredString(body, "source"));
  std::optional<store::DataSource> src = store::ParseDataSource(source);
  if (!src) return FieldError("source", "must be \"supplier\" or \"smso\"");
  ar.source = *src;
  S1MIG_ASSIGN_OR_RETURN(ar.at, AtField(body));
  dmct::AssessOutcome o;
  S1MIG_RETURN_IF_ERROR(svc.store().With([&](store::DmctStore& st) -> Status {
    S1MIG_ASSIGN_OR_RETURN(o, dmct::Assess(st, ar));
    return Status::Ok();
  }));
  ordered_json out;
  out["assessment_id"] = o.assessment_id;
  out["assessed_on"] = FormatDate(o.assessed_on);
  out["amendment_in_force"] = o.amendment_in_force;
  out["reclassified"] = o.reclassified;
  out["restored"] = o.restored;
  ordered_json notices = ordered_json::array();
  for (const auto& n : o.notices) notices.push_back(NoticeJson(n));
  out["notices"] = notices;
  out["reversed_notices"] = o.reversed_notices;
  ordered_json listed = ordered_json::array();
  for (const auto& e : o.listed) listed.push_back(EpclEntryJson(e));
  out["listed"] = listed;
  out["already_listed"] = o.already_listed;
  out["unlisted"] = o.unlisted;
  out["report"] = dmct::AssessOutcomeText(ar, o);
  Refresh(svc, &out);
  return Reply::Json(std::move(out), 201);
}

// The notice `id` if the caller may see it; NotFound otherwise (another party's notice is
// indistinguishable from a missing one).
Result<store::Notice> VisibleNotice(Service& svc, const Caller& caller, const std::string& id) {
  std::optional<store::Notice> found;
  S1MIG_RETURN_IF_ERROR(svc.store().With([&](store::DmctStore& st) {
    return st.Read([&](store::DmctTxn& tx) -> Status {
      S1MIG_ASSIGN_OR_RETURN(found, tx.FindNotice(id));
      return Status::Ok();
    });
  }));
  if (!found || !MaySeePartyRecord(caller, found->party)) return NotFound("no notice '" + std::string(Utf8Prefix(id, 80)) + "'");
  return *found;
}

Result<Reply> Notices(Service& svc, const httplib::Request& req, const Caller& caller) {
  std::optional<std::string> party = Query(req, "party");
  if (party && party->empty()) party.reset();
  if (!caller.is_dcc()) {
    if (party && *party != caller.party) return PermissionDenied("a Supplier Party sees only its own notices");
    party.reset();  // filtered below, so an unregistered party simply has none
  }
  std::vector<store::Notice> notices;
  S1MIG_RETURN_IF_ERROR(svc.store().With([&](store::DmctStore& st) -> Status {
    S1MIG_ASSIGN_OR_RETURN(notices, dmct::ListNotices(st, party));
    return Status::Ok();
  }));
  ordered_json arr = ordered_json::array();
  for (const auto& n : notices)
    if (MaySeePartyRecord(caller, n.party)) arr.push_back(NoticeJson(n));
  return Reply::Json(ordered_json{{"notices", arr}});
}

Result<Reply> Refer(Service& svc, const httplib::Request& req, const Caller& caller) {
  S1MIG_ASSIGN_OR_RETURN(nlohmann::json body, Body(svc, req));
  S1MIG_RETURN_IF_ERROR(OnlyFields(body, {"notice_id", "at"}));
  dmct::ReferRequest rr;
  rr.party = caller.party;
  S1MIG_ASSIGN_OR_RETURN(rr.notice_id, RequiredString(body, "notice_id"));
  S1MIG_ASSIGN_OR_RETURN(rr.at, AtField(body));
  S1MIG_RETURN_IF_ERROR(VisibleNotice(svc, caller, rr.notice_id).status());
  std::string id;
  S1MIG_RETURN_IF_ERROR(svc.store().With([&](store::DmctStore& st) -> Status {
    S1MIG_ASSIGN_OR_RETURN(id, dmct::Refer(st, rr));
    return Status::Ok();
  }));
  return Reply::Json(ordered_json{{"referral_id", id}, {"notice_id", rr.notice_id}}, 201);
}

Result<Reply> Decide(Service& svc, const httplib::Request& req) {
  S1MIG_ASSIGN_OR_RETURN(nlohmann::json body, Body(svc, req));
  S1MIG_RETURN_IF_ERROR(OnlyFields(body, {"referral_id", "outcome", "at"}));
  dmct::DecideRequest dr;
  S1MIG_ASSIGN_OR_RETURN(dr.referral_id, RequiredString(body, "referral_id"));
  S1MIG_ASSIGN_OR_RETURN(std::string outcome, RequiredString(body, "outcome"));
  if (outcome != "upheld" && outcome != "dismissed") return FieldError("outcome", "must be \"upheld\" or \"dismissed\"");
  dr.outcome = outcome == "upheld" ? store::Outcome::kUpheld : store::Outcome::kDismissed;
  S1MIG_ASSIGN_OR_RETURN(dr.at, AtField(body));
  dmct::DecideOutcome o;
  S1MIG_RETURN_IF_ERROR(svc.store().With([&](store::DmctStore& st) -> Status {
    S1MIG_ASSIGN_OR_RETURN(o, dmct::Decide(st, dr));
    return Status::Ok();
  }));
  ordered_json out;
  out["decision_id"] = o.decision_id;
  out["referral_id"] = dr.referral_id;
  out["outcome"] = store::OutcomeName(o.outcome);
  out["model"] = o.model;
  out["fw"] = o.fw;
  out["effective_from"] = FormatDate(o.effective_from);
  out["restored"] = o.restored;
  out["reversed_notices"] = o.reversed_notices;
  out["report"] = dmct::DecideOutcomeText(dr, o);
  Refresh(svc, &out);
  return Reply::Json(std::move(out), 201);
}

Result<Reply> Epcl(Service& svc, const httplib::Request& req) {
  std::vector<EpclEntry> entries;
  S1MIG_RETURN_IF_ERROR(svc.store().With([&](store::DmctStore& st) -> Status {
    S1MIG_ASSIGN_OR_RETURN(entries, dmct::ListEpcl(st));
    return Status::Ok();
  }));
  std::string format = Query(req, "format").value_or("json");
  if (format == "csv") return Reply::Text(dmct::EpclCsv(entries), "text/csv; charset=utf-8");
  if (format != "json") return FieldError("format", "must be json or csv");
  ordered_json arr = ordered_json::array();
  for (const auto& e : entries) arr.push_back(EpclEntryJson(e));
  return Reply::Json(ordered_json{{"entries", arr}});
}

}  // namespace

void AddDmctRoutes(httplib::Server& server, Service& svc) {
  server.Get("/v1/dmct/submissions", Authed(svc, Need::kAnyRole, [&svc](const httplib::Request&, const Caller& c) { return ListSubmissions(svc, c); }));
  server.Post("/v1/dmct/submissions", Authed(svc, Need::kAnyRole, [&svc](const httplib::Request& r, const Caller& c) { return Submit(svc, r, c); }));
  server.Post("/v1/dmct/assessments", Authed(svc, Need::kDcc, [&svc](const httplib::Request& r, const Caller&) { return Assess(svc, r); }));
  server.Get("/v1/dmct/notices", Authed(svc, Need::kAnyRole, [&svc](const httplib::Request& r, const Caller& c) { return Notices(svc, r, c); }));
  server.Get(R"(/v1/dmct/notices/([^/]+))", Authed(svc, Need::kAnyRole, [&svc](const httplib::Request& r, const Caller& c) -> Result<Reply> {
    S1MIG_ASSIGN_OR_RETURN(store::Notice n, VisibleNotice(svc, c, std::string(r.matches[1])));
    return Reply::Json(NoticeJson(n));
  }));
  server.Post("/v1/dmct/referrals", Authed(svc, Need::kSupplier, [&svc](const httplib::Request& r, const Caller& c) { return Refer(svc, r, c); }));
  server.Post("/v1/dmct/decisions", Authed(svc, Need::kDcc, [&svc](const httplib::Request& r, const Caller&) { return Decide(svc, r); }));
  server.Get("/v1/epcl", Authed(svc, Need::kAnyRole, [&svc](const httplib::Request& r, const Caller&) { return Epcl(svc, r); }));
}

}  // namespace s1mig::http
