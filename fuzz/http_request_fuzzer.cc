// libFuzzer target: POST /v1/evaluate bodies through src/http's own request reading
// (JsonDepthWithin, ParseJsonObject, OnlyFields and the typed field getters, in the order the
// route uses them), then DecideSingle, and the reply rendered as the server renders it.
//
// Properties besides "no crash": the depth pre-scan agrees with the parsed document's depth; a
// refused body gets an InvalidArgument whose field, when named, is one of the request's fields
// or the unknown field that was refused; an accepted body's reply is valid UTF-8 JSON.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/installation.h"
#include "fuzz/fuzz_support.h"
#include "http/json_request.h"
#include "pipeline/evaluate_run.h"
#include "pipeline/single_installation.h"

namespace s1mig::fuzz {
namespace {

int Depth(const nlohmann::json& j) {
  if (!j.is_structured()) return 0;
  int deepest = 0;
  for (const auto& v : j) deepest = std::max(deepest, Depth(v));
  return deepest + 1;
}

Status Evaluate(std::string_view body, std::string* reply) {
  http::JsonLimits limits;
  S1MIG_ASSIGN_OR_RETURN(nlohmann::json j, http::ParseJsonObject(body, limits));
  Check(Depth(j) <= limits.max_depth, "a body that passed the depth check is within the depth limit");
  std::vector<std::string> allowed = engine::ColumnNames();
  allowed.insert(allowed.end(), {"as_of", "rules_at", "amendments"});
  S1MIG_RETURN_IF_ERROR(http::OnlyFields(j, allowed));
  std::vector<std::pair<std::string, std::string>> fields;
  for (const std::string& column : engine::ColumnNames()) {
    if (column == "ihd_upgradable") {
      S1MIG_ASSIGN_OR_RETURN(std::string v, http::OptionalBoolText(j, column));
      fields.emplace_back(column, std::move(v));
    } else {
      S1MIG_ASSIGN_OR_RETURN(std::optional<std::string> v, http::OptionalString(j, column));
      fields.emplace_back(column, v ? std::move(*v) : std::string());
    }
  }
  S1MIG_ASSIGN_OR_RETURN(std::string as_of_text, http::RequiredString(j, "as_of"));
  S1MIG_ASSIGN_OR_RETURN(std::optional<std::string> rules_at, http::OptionalString(j, "rules_at"));
  S1MIG_ASSIGN_OR_RETURN(std::optional<std::string> amendments, http::OptionalStringOrList(j, "amendments", ','));
  auto as_of = ParseTimestampPrecise(as_of_text);
  if (!as_of) return http::FieldError("as_of", "not a timestamp");
  const Fixture& fx = GetFixture();
  pipeline::RuleOptions options;
  if (amendments && !amendments->empty()) options.amendments = *amendments;
  options.rules_at = rules_at.value_or("");
  auto compiled = pipeline::CompileFor(fx.pack, options, as_of->micros);
  if (!compiled.ok()) return http::FieldError("amendments", compiled.status().message());
  pipeline::SingleDecision d = pipeline::DecideSingle(fields, *fx.index, *compiled, *as_of, "request");
  nlohmann::ordered_json out = d.explanation;
  if (d.invalid) out["errors_csv"] = pipeline::RenderErrorsCsv(d.problems);
  *reply = out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  return Status::Ok();
}

}  // namespace
}  // namespace s1mig::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace s1mig;
  std::string_view body(reinterpret_cast<const char*>(data), size);
  std::string reply;
  Status s = fuzz::Evaluate(body, &reply);
  if (!s.ok()) {
    fuzz::Check(s.code() == StatusCode::kInvalidArgument && !s.message().empty(), "a refusal is a 400 with a message");
    return 0;
  }
  auto parsed = nlohmann::json::parse(reply, nullptr, false);
  fuzz::Check(!parsed.is_discarded(), "the reply is valid JSON");
  return 0;
}
