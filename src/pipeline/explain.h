// Row-level explanations: for every check its clause, whether it applied and why, the inputs it
// used and its result; and the display classification with its reason. Used by `s1mig explain`
// and the HTTP API.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "base/status.h"
#include "engine/evaluate.h"
#include "pipeline/evaluate_run.h"

namespace s1mig::pipeline {

// The explanation of a valid installation (outcome, reasons, display, checks).
nlohmann::ordered_json ExplainInstallation(const engine::Installation& inst, const engine::RowFacts& facts,
                                           const rules::CompiledRules& rules, const engine::ReferenceIndex& ref,
                                           PreciseInstant as_of);

// The explanation of an INVALID installation: its problems, by column.
nlohmann::ordered_json ExplainInvalid(std::string_view id, const engine::Decision& d, const Diagnostics& problems);

struct ExplainOptions {
  std::string snapshot_dir;
  std::string installation_id;
  std::string as_of;
  RuleOptions rules;
  ReferenceOverlay overlay;
};

// Finds the installation in the snapshot and explains it. NotFound when no row has that id.
Result<nlohmann::ordered_json> RunExplain(const ExplainOptions& options, Diagnostics* diags);

// Plain-text rendering of an explanation.
std::string RenderExplanationText(const nlohmann::ordered_json& e);

}  // namespace s1mig::pipeline
