// Rule and what-if endpoints: GET /v1/rules (the pack as in force at an instant), GET
// /v1/rules/diff (a red-line between two instants), POST /v1/impact (impact.json, DCC only) and
// POST /v1/admin/reload (DCC only).
#include <algorithm>

#include "http/service.h"
#include "dmct/reference_overlay.h"
#include "impact/impact_run.h"
#include "rules/rules_text.h"

namespace s1mig::http {
namespace {

Result<rules::AmendmentSelection> SelectionAt(const ServiceState& state, const std::string& amendments, Instant at) {
  pipeline::RuleOptions o = state.config().rules;
  o.amendments = amendments.empty() ? "in-force" : amendments;
  o.rules_at.clear();
  auto sel = pipeline::ResolveSelection(o, at);
  if (!sel.ok()) return FieldError("amendments", sel.status().message());
  return sel;
}

Result<Reply> Rules(Service& svc, const httplib::Request& req) {
  auto state = svc.state();
  S1MIG_ASSIGN_OR_RETURN(PreciseInstant at, state->AsOf(Query(req, "at"), "at"));
  S1MIG_ASSIGN_OR_RETURN(auto sel, SelectionAt(*state, Query(req, "amendments").value_or(""), at.micros));
  const rules::RulePack& pack = state->pack();
  auto applied = rules::SelectAmendments(pack, sel);
  if (!applied.ok()) return FieldError("amendments", applied.status().message());
  ordered_json out;
  out["at"] = FormatInstant(at.micros);
  out["pack"] = {{"name", pack.name}, {"version", pack.version}, {"files", pack.files}, {"sha256", pack.sha256}};
  ordered_json ids = ordered_json::array();
  for (const rules::Amendment* a : *applied) ids.push_back(a->id);
  out["amendments_applied"] = ids;
  ordered_json checks = ordered_json::array();
  for (const rules::Check& c : pack.checks) {
    checks.push_back({{"id", c.id}, {"clause", c.clause}, {"title", c.title}, {"kind", rules::CheckKindName(c.kind)},
                      {"applies_to", c.applies_to.Describe()}});
  }
  out["checks"] = checks;
  ordered_json amendments = ordered_json::array();
  for (const rules::Amendment& a : pack.amendments) {
    ordered_json changes = ordered_json::array();
    for (const rules::Change& ch : a.changes) changes.push_back(rules::DescribeChange(pack, ch));
    bool on = std::find(applied->begin(), applied->end(), &a) != applied->end();
    amendments.push_back({{"id", a.id}, {"title", a.title}, {"clause", a.clause},
                          {"effective", FormatDate(LondonDate(rules::EffectiveInstant(a, sel)))},
                          {"applied", on}, {"changes", changes}});
  }
  out["amendments"] = amendments;
  out["text"] = rules::RenderPack(pack, sel);
  return Reply::Json(std::move(out));
}

Result<Reply> RulesDiff(Service& svc, const httplib::Request& req) {
  auto state = svc.state();
  std::optional<std::string> from_text = Query(req, "from"), to_text = Query(req, "to");
  if (!from_text || from_text->empty()) return FieldError("from", "is required (an ISO 8601 instant)");
  if (!to_text || to_text->empty()) return FieldError("to", "is required (an ISO 8601 instant)");
  S1MIG_ASSIGN_OR_RETURN(PreciseInstant from, state->AsOf(from_text, "from"));
  S1MIG_ASSIGN_OR_RETURN(PreciseInstant to, state->AsOf(to_text, "to"));
  S1MIG_ASSIGN_OR_RETURN(auto sa, SelectionAt(*state, "in-force", from.micros));
  S1MIG_ASSIGN_OR_RETURN(auto sb, SelectionAt(*state, "in-force", to.micros));
  S1MIG_ASSIGN_OR_RETURN(auto a, rules::SelectAmendments(state->pack(), sa));
  S1MIG_ASSIGN_OR_RETURN(auto b, rules::SelectAmendments(state->pack(), sb));
  ordered_json out;
  out["from"] = FormatInstant(from.micros);
  out["to"] = FormatInstant(to.micros);
  out["changes"] = rules::DiffLines(state->pack(), a, b);
  return Reply::Json(std::move(out));
}

Result<Reply> Impact(Service& svc, const httplib::Request& req) {
  S1MIG_ASSIGN_OR_RETURN(nlohmann::json body, Body(svc, req));
  S1MIG_RETURN_IF_ERROR(OnlyFields(body, {"as_of", "baseline", "proposed"}));
  S1MIG_ASSIGN_OR_RETURN(std::string as_of_text, RequiredString(body, "as_of"));
  S1MIG_ASSIGN_OR_RETURN(std::optional<std::string> baseline, OptionalStringOrList(body, "baseline", ','));
  S1MIG_ASSIGN_OR_RETURN(std::optional<std::string> proposed, OptionalStringOrList(body, "proposed", ','));
  auto state = svc.state();
  S1MIG_ASSIGN_OR_RETURN(PreciseInstant as_of, state->AsOf(as_of_text, "as_of"));
  impact::ImpactOptions o;
  o.snapshot_dir = state->config().snapshot_dir;
  o.as_of = as_of_text;
  o.baseline = baseline && !baseline->empty() ? *baseline : "none";
  o.proposed = proposed && !proposed->empty() ? *proposed : "all";
  o.rules = state->config().rules;
  const std::string db = state->config().db_path;
  if (!db.empty()) o.overlay = [db](ReferenceData* ref) { return dmct::OverlayReferenceFromStore(db, ref); };
  // Check the specs against the pack first, so that a bad one is a 400 naming its field.
  std::vector<std::pair<std::string, Days>> effective;
  for (const auto& e : o.rules.effective) {
    S1MIG_ASSIGN_OR_RETURN(auto ov, rules::ParseEffectiveOverride(e));
    effective.push_back(ov);
  }
  if (auto r = impact::ResolveSpec(state->pack(), o.baseline, effective); !r.ok()) return FieldError("baseline", r.status().message());
  if (auto r = impact::ResolveSpec(state->pack(), o.proposed, effective); !r.ok()) return FieldError("proposed", r.status().message());

  const std::string key = "impact\n" + std::to_string(as_of.micros) + "." + std::to_string(as_of.nanos) + "\n" + o.baseline + "\n" + o.proposed;
  if (auto cached = state->Cached(key)) return Reply::Json(std::move(*cached));
  // One impact run at a time: each streams the whole estate.
  std::lock_guard<std::mutex> lock(svc.impact_mutex());
  if (auto cached = state->Cached(key)) return Reply::Json(std::move(*cached));
  Diagnostics diags;
  S1MIG_ASSIGN_OR_RETURN(ordered_json result, impact::RunImpact(o, &diags));
  state->Remember(key, result);
  return Reply::Json(std::move(result));
}

Result<Reply> AdminReload(Service& svc) {
  S1MIG_ASSIGN_OR_RETURN(auto state, svc.Reload());
  ordered_json out;
  out["generation"] = state->generation();
  out["loaded_at"] = state->loaded_at();
  out["rows"] = state->estate().rows();
  out["snapshot"] = state->config().snapshot_dir;
  ordered_json inputs = ordered_json::object();
  for (const auto& [file, sha] : state->hashes()) inputs[file] = {{"sha256", sha}};
  out["inputs"] = inputs;
  return Reply::Json(std::move(out));
}

}  // namespace

void AddRulesRoutes(httplib::Server& server, Service& svc) {
  server.Get("/v1/rules", Authed(svc, Need::kAnyRole, [&svc](const httplib::Request& req, const Caller&) { return Rules(svc, req); }));
  server.Get("/v1/rules/diff", Authed(svc, Need::kAnyRole, [&svc](const httplib::Request& req, const Caller&) { return RulesDiff(svc, req); }));
  server.Post("/v1/impact", Authed(svc, Need::kDcc, [&svc](const httplib::Request& req, const Caller&) { return Impact(svc, req); }));
  server.Post("/v1/admin/reload", Authed(svc, Need::kDcc, [&svc](const httplib::Request&, const Caller&) { return AdminReload(svc); }));
}

}  // namespace s1mig::http
