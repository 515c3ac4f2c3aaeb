// libFuzzer target: POST /v1/evaluate request bodies. JSON parsing (nlohmann, no exceptions,
// nesting depth bounded before parsing), field extraction as the API describes it (issue 4:
// inventory.csv names with text values, ihd_upgradable also a JSON boolean, as_of, rules_at,
// amendments), then DecideSingle against the worked example's reference data.
//
// Property besides "no crash": the decision for a body equals the decision of the batch engine
// for the same values written as a one-row inventory.csv (outcome and reasons).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/estate_evaluator.h"
#include "fuzz/fuzz_support.h"
#include "io/csv_reader.h"
#include "pipeline/single_installation.h"

namespace s1mig::fuzz {
namespace {

constexpr int kMaxDepth = 32;

// Nesting depth of JSON text, counting brackets outside strings; stops early past `limit`.
int JsonDepth(std::string_view s, int limit) {
  int depth = 0, max_depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth && (max_depth = depth) > limit) return max_depth;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return max_depth;
}

struct Request {
  std::vector<std::pair<std::string, std::string>> fields;
  std::string as_of, rules_at, amendments = "in-force";
};

// Returns nullopt for a body the API must refuse with 400 (wrong type, malformed JSON).
std::optional<Request> Extract(const nlohmann::json& body) {
  if (!body.is_object()) return std::nullopt;
  Request req;
  const auto& names = engine::ColumnNames();
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const nlohmann::json& v = it.value();
    if (key == "as_of" || key == "rules_at" || key == "amendments") {
      if (!v.is_string()) return std::nullopt;
      (key == "as_of" ? req.as_of : key == "rules_at" ? req.rules_at : req.amendments) = v.get<std::string>();
      continue;
    }
    if (std::find(names.begin(), names.end(), key) == names.end()) continue;  // unknown: ignored
    if (v.is_null()) continue;
    if (v.is_string()) req.fields.emplace_back(key, v.get<std::string>());
    else if (key == "ihd_upgradable" && v.is_boolean()) req.fields.emplace_back(key, v.get<bool>() ? "true" : "false");
    else return std::nullopt;
  }
  if (req.as_of.empty()) return std::nullopt;
  return req;
}

// The batch engine's decision for the same values as a one-row inventory.csv.
std::pair<std::string, std::string> BatchDecision(MemFile* file, const Request& req, const rules::CompiledRules& rules,
                                                  PreciseInstant as_of) {
  const auto& names = engine::ColumnNames();
  std::string csv;
  for (size_t c = 0; c < names.size(); ++c) csv += (c ? "," : "") + names[c];
  csv += '\n';
  for (size_t c = 0; c < names.size(); ++c) {
    if (c) csv += ',';
    for (const auto& [k, v] : req.fields)
      if (k == names[c]) { io::AppendCsvField(&csv, v); break; }
  }
  csv += '\n';
  file->Set(csv);
  engine::EstateRunOptions run;
  run.inventory_path = file->path();
  run.as_of = as_of.micros;
  run.as_of_nanos = as_of.nanos;
  run.threads = 1;
  run.variants = {&rules};
  Diagnostics diags;
  std::pair<std::string, std::string> out;
  int rows = 0;
  auto sink = [&](const engine::EvaluatedBatch& b) -> Status {
    for (size_t r = 0; r < b.rows->rows(); ++r, ++rows) {
      out.first = engine::OutcomeName(b.decisions[0][r].outcome);
      engine::AppendReasons(b.decisions[0][r], rules.reason_codes(), &out.second);
    }
    return Status::Ok();
  };
  auto result = engine::RunEstate(run, *GetFixture().index, &diags, sink);
  Check(result.ok() && rows == 1, "a one-row inventory written by AppendCsvField reads back as one row");
  return out;
}

}  // namespace
}  // namespace s1mig::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace s1mig;
  static fuzz::MemFile* file = new fuzz::MemFile("fuzz_http_row");
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (fuzz::JsonDepth(text, fuzz::kMaxDepth) > fuzz::kMaxDepth) return 0;  // 400: too deep
  nlohmann::json body = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return 0;  // 400: malformed JSON
  auto req = fuzz::Extract(body);
  if (!req) return 0;  // 400: a field of the wrong type
  auto as_of = ParseTimestampPrecise(req->as_of);
  if (!as_of) return 0;  // 400: bad as_of
  const fuzz::Fixture& fx = fuzz::GetFixture();
  pipeline::RuleOptions options;
  options.amendments = req->amendments;
  options.rules_at = req->rules_at;
  auto compiled = pipeline::CompileFor(fx.pack, options, as_of->micros);
  if (!compiled.ok()) return 0;  // 400: unknown amendment, bad rules_at
  pipeline::SingleDecision d = pipeline::DecideSingle(req->fields, *fx.index, *compiled, *as_of);
  // The response body is written with invalid UTF-8 replaced (src/http/service.cc); and since
  // the request parsed, every string in it is valid UTF-8, so the explanation must be too (a
  // message once cut a quoted value through a character).
  std::string dumped = d.explanation.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  try {
    (void)d.explanation.dump();
  } catch (const nlohmann::json::exception&) {
    fuzz::Check(false, "the explanation of a valid UTF-8 request is valid UTF-8");
  }
  fuzz::Check(d.invalid == (d.explanation["outcome"] == "INVALID"), "invalid flag matches the outcome");
  fuzz::Check(!d.invalid || !d.problems.empty(), "an INVALID installation lists its problems");
  auto [outcome, reasons] = fuzz::BatchDecision(file, *req, *compiled, *as_of);
  fuzz::Check(d.explanation["outcome"] == outcome, "DecideSingle and the batch engine agree on the outcome");
  std::string single_reasons;
  for (const auto& r : d.explanation["reasons"]) single_reasons += (single_reasons.empty() ? "" : ";") + r.get<std::string>();
  fuzz::Check(single_reasons == reasons, "DecideSingle and the batch engine agree on the reasons");
  return 0;
}
