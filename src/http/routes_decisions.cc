// Decision endpoints: POST /v1/evaluate (one installation given in the body), GET
// /v1/installations/{id} (one of the loaded snapshot) and GET /v1/summary (counts over what
// the caller may see). Decisions come from the engine's own validation and checks
// (pipeline::DecideSingle), so they equal `evaluate` and `explain --json`.
#include <algorithm>
#include <future>
#include <thread>

#include "base/text.h"
#include "engine/installation.h"
#include "http/service.h"
#include "pipeline/evaluate_run.h"
#include "pipeline/single_installation.h"

namespace s1mig::http {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

// The rule-related request options, from the body or the query.
struct RuleQuery {
  std::optional<std::string> as_of, rules_at, amendments;
};

// {"as_of", "rules_at", "amendments_applied"} followed by the explanation's own fields.
ordered_json WithContext(const PreciseInstant& as_of, const RulesAt& rules, ordered_json explanation) {
  ordered_json out;
  out["as_of"] = FormatInstant(as_of);
  out["rules_at"] = FormatInstant(rules.rules_at);
  out["amendments_applied"] = rules.applied;
  for (auto& [k, v] : explanation.items()) out[k] = std::move(v);
  return out;
}

ordered_json ProblemsJson(const Diagnostics& problems) {
  ordered_json arr = ordered_json::array();
  for (const Diagnostic& p : problems) {
    if (p.severity != Severity::kError) continue;
    arr.push_back({{"file", p.file}, {"line", p.line > 0 ? ordered_json(p.line) : ordered_json(nullptr)},
                   {"column", p.column}, {"message", p.message}});
  }
  return arr;
}

Result<Reply> Evaluate(Service& svc, const httplib::Request& req) {
  S1MIG_ASSIGN_OR_RETURN(nlohmann::json body, Body(svc, req));
  std::vector<std::string> allowed = engine::ColumnNames();
  allowed.insert(allowed.end(), {"as_of", "rules_at", "amendments"});
  S1MIG_RETURN_IF_ERROR(OnlyFields(body, allowed));
  Fields fields;
  for (const std::string& column : engine::ColumnNames()) {
    if (column == engine::ColumnName(engine::Column::kIhdUpgradable)) {
      S1MIG_ASSIGN_OR_RETURN(std::string v, OptionalBoolText(body, column));
      fields.emplace_back(column, std::move(v));
    } else {
      S1MIG_ASSIGN_OR_RETURN(std::optional<std::string> v, OptionalString(body, column));
      fields.emplace_back(column, v ? std::move(*v) : std::string());
    }
  }
  S1MIG_ASSIGN_OR_RETURN(std::string as_of_text, RequiredString(body, "as_of"));
  S1MIG_ASSIGN_OR_RETURN(std::optional<std::string> rules_at, OptionalString(body, "rules_at"));
  S1MIG_ASSIGN_OR_RETURN(std::optional<std::string> amendments, OptionalStringOrList(body, "amendments", ','));

  auto state = svc.state();
  S1MIG_ASSIGN_OR_RETURN(PreciseInstant as_of, state->AsOf(as_of_text, "as_of"));
  S1MIG_ASSIGN_OR_RETURN(auto rules, state->RulesFor(amendments.value_or(""), rules_at.value_or(""), as_of.micros));
  auto index = state->IndexFor(as_of.micros);
  pipeline::SingleDecision d = pipeline::DecideSingle(fields, *index, rules->compiled, as_of, "request");
  if (d.invalid) {
    ordered_json out = ErrorBody(422, OutOfRange("the installation data is invalid: " + std::to_string(d.problems.size()) +
                                                 " problem(s), as errors.csv would list them"));
    out["error"]["code"] = "INVALID_INSTALLATION";
    out["outcome"] = "INVALID";
    out["reasons"] = d.explanation["reasons"];
    out["display_class"] = "NONE";
    out["problems"] = ProblemsJson(d.problems);
    out["errors_csv"] = pipeline::RenderErrorsCsv(d.problems);
    return Reply::Json(std::move(out), 422);
  }
  return Reply::Json(WithContext(as_of, *rules, std::move(d.explanation)));
}

Result<Reply> Installation(Service& svc, const httplib::Request& req, const Caller& caller) {
  const std::string id = req.matches.size() > 1 ? std::string(req.matches[1]) : "";
  auto state = svc.state();
  const Estate& estate = state->estate();
  std::optional<size_t> row = estate.Find(id);
  std::string_view f[engine::kNumColumns];
  if (row) estate.Fields(*row, f);
  // Another party's installation is answered exactly as a missing one (its existence is not
  // revealed).
  if (!row || !MaySeeInstallation(caller, f[static_cast<int>(engine::Column::kElecSupplier)],
                                  f[static_cast<int>(engine::Column::kGasSupplier)]))
    return NotFound("no installation '" + std::string(Utf8Prefix(id, 200)) + "'");
  S1MIG_ASSIGN_OR_RETURN(PreciseInstant as_of, state->AsOf(Query(req, "as_of"), "as_of"));
  S1MIG_ASSIGN_OR_RETURN(auto rules, state->RulesFor(Query(req, "amendments").value_or(""),
                                                     Query(req, "rules_at").value_or(""), as_of.micros));
  auto index = state->IndexFor(as_of.micros);
  Fields fields;
  for (int c = 0; c < engine::kNumColumns; ++c) fields.emplace_back(engine::ColumnNames()[c], std::string(f[c]));
  pipeline::SingleDecision d = pipeline::DecideSingle(fields, *index, rules->compiled, as_of, "inventory.csv");
  ordered_json out = WithContext(as_of, *rules, std::move(d.explanation));
  out["line"] = estate.line(*row);
  out["elec_supplier"] = std::string(f[static_cast<int>(engine::Column::kElecSupplier)]);
  out["gas_supplier"] = std::string(f[static_cast<int>(engine::Column::kGasSupplier)]);
  out["cohort"] = std::string(f[static_cast<int>(engine::Column::kCohort)]);
  return Reply::Json(std::move(out));
}

void Merge(const pipeline::OutcomeCounts& from, pipeline::OutcomeCounts* to) {
  to->rows += from.rows;
  for (size_t i = 0; i < from.by_outcome.size(); ++i) to->by_outcome[i] += from.by_outcome[i];
  for (size_t i = 0; i < from.by_reason.size(); ++i) to->by_reason[i] += from.by_reason[i];
  for (size_t c = 0; c < from.by_cohort.size(); ++c)
    for (size_t o = 0; o < from.by_cohort[c].size(); ++o) to->by_cohort[c][o] += from.by_cohort[c][o];
  for (size_t i = 0; i < from.by_display.size(); ++i) to->by_display[i] += from.by_display[i];
  for (size_t i = 0; i < from.invalid_by_column.size(); ++i) to->invalid_by_column[i] += from.invalid_by_column[i];
}

Result<Reply> Summary(Service& svc, const httplib::Request& req, const Caller& caller) {
  auto state = svc.state();
  const Estate& estate = state->estate();
  S1MIG_ASSIGN_OR_RETURN(PreciseInstant as_of, state->AsOf(Query(req, "as_of"), "as_of"));
  S1MIG_ASSIGN_OR_RETURN(auto rules, state->RulesFor(Query(req, "amendments").value_or(""),
                                                     Query(req, "rules_at").value_or(""), as_of.micros));
  // The DCC sees the estate, or one party's share with ?party=; a Supplier Party its own share.
  std::optional<std::string> party = caller.is_dcc() ? Query(req, "party") : std::optional<std::string>(caller.party);
  if (party && party->empty()) party.reset();
  if (!caller.is_dcc() && Query(req, "party") && *Query(req, "party") != caller.party)
    return PermissionDenied("a Supplier Party sees only its own summary");
  std::string key = "summary\n" + party.value_or("*") + "\n" + std::to_string(as_of.micros) + "." +
                    std::to_string(as_of.nanos) + "\n" + std::to_string(rules->rules_at);
  for (const auto& a : rules->applied) key += "\n" + a;
  if (auto cached = state->Cached(key)) return Reply::Json(std::move(*cached));

  auto index = state->IndexFor(as_of.micros);
  std::optional<int32_t> party_index;
  if (party) party_index = estate.PartyIndex(*party);
  pipeline::OutcomeCounts counts;
  const size_t rows = estate.rows();
  const size_t threads = rows < 200'000 ? 1 : std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  if (threads == 1) {
    estate.Count(0, rows, as_of, *index, rules->compiled, party_index, &counts);
  } else {
    std::vector<std::future<pipeline::OutcomeCounts>> parts;
    const size_t per = (rows + threads - 1) / threads;
    for (size_t t = 0; t < threads; ++t) {
      parts.push_back(std::async(std::launch::async, [&, t] {
        pipeline::OutcomeCounts c;
        estate.Count(t * per, std::min(rows, (t + 1) * per), as_of, *index, rules->compiled, party_index, &c);
        return c;
      }));
    }
    for (auto& p : parts) Merge(p.get(), &counts);
  }
  ordered_json out;
  out["as_of"] = FormatInstant(as_of);
  out["as_of_london_date"] = FormatDate(LondonDate(as_of.micros));
  out["rules_at"] = FormatInstant(rules->rules_at);
  out["amendments_applied"] = rules->applied;
  out["scope"] = party ? ordered_json{{"party", *party}} : ordered_json{{"party", nullptr}};
  out["counts"] = counts.ToJson(rules->compiled.reason_codes());
  out["snapshot"] = {{"generation", state->generation()}, {"loaded_at", state->loaded_at()}};
  state->Remember(key, out);
  return Reply::Json(std::move(out));
}

}  // namespace

void AddDecisionRoutes(httplib::Server& server, Service& svc) {
  server.Post("/v1/evaluate", Authed(svc, Need::kAnyRole, [&svc](const httplib::Request& req, const Caller&) {
    return Evaluate(svc, req);
  }));
  server.Get(R"(/v1/installations/(.+))", Authed(svc, Need::kAnyRole, [&svc](const httplib::Request& req, const Caller& c) {
    return Installation(svc, req, c);
  }));
  server.Get("/v1/summary", Authed(svc, Need::kAnyRole, [&svc](const httplib::Request& req, const Caller& c) {
    return Summary(svc, req, c);
  }));
}

}  // namespace s1mig::http
