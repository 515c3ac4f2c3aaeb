// What `s1mig serve` answers from: the loaded snapshot (inventory in memory, rule pack,
// reference data overlaid by the DMCT store) plus caches of reference indexes and compiled
// rules. A ServiceState is immutable once published; a reload or a DMCT change builds a new one
// and swaps it in, while requests in flight keep the one they started with (shared_ptr).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostic.h"
#include "base/status.h"
#include "base/time.h"
#include "engine/reference_index.h"
#include "http/estate.h"
#include "pipeline/rule_options.h"
#include "rules/compiled_rules.h"

namespace s1mig::http {

struct ServeConfig {
  std::string snapshot_dir;     // DATA.md snapshot directory
  std::string db_path;          // the DMCT store (must exist); its EPCL and assessments replace the snapshot's
  std::string default_as_of;    // ISO 8601; empty: each request's own arrival time
  pipeline::RuleOptions rules;  // rules_path, rules_extra, effective (amendments/rules_at come per request)
};

// Rules compiled for one selection of amendments. Keeps the pack alive (CompiledRules points
// into it).
struct RulesAt {
  std::shared_ptr<const rules::RulePack> pack;
  rules::CompiledRules compiled;
  Instant rules_at = 0;
  std::vector<std::string> applied;  // amendment ids, in the order they apply
};

class ServiceState {
 public:
  // Loads the pack, the snapshot's reference files overlaid by the store, and the inventory.
  // Errors are those of `evaluate --db` (exit-2 kinds) and name the file.
  static Result<std::shared_ptr<const ServiceState>> Load(const ServeConfig& config, Diagnostics* diags,
                                                         uint64_t generation = 1);

  // A new state with the same inventory and pack whose reference data is re-read from the store
  // (after a DMCT change). Generation + 1.
  Result<std::shared_ptr<const ServiceState>> WithFreshReference() const;

  const ServeConfig& config() const { return config_; }
  const Estate& estate() const { return *estate_; }
  const rules::RulePack& pack() const { return *pack_; }
  std::shared_ptr<const rules::RulePack> shared_pack() const { return pack_; }
  uint64_t generation() const { return generation_; }
  const std::string& loaded_at() const { return loaded_at_; }
  const std::vector<std::pair<std::string, std::string>>& hashes() const { return hashes_; }

  // The instant a request means: its `as_of` text, else --as-of, else now. The error is a
  // FieldError naming `field`.
  Result<PreciseInstant> AsOf(const std::optional<std::string>& text, const char* field) const;

  // The reference index at as_of's London date (built once per date, a few kept).
  std::shared_ptr<const engine::ReferenceIndex> IndexFor(Instant as_of) const;

  // Rules for `amendments` (in-force | none | all | ID,ID; empty = in-force) at `rules_at`
  // (empty = as_of). Errors are FieldErrors naming amendments or rules_at.
  Result<std::shared_ptr<const RulesAt>> RulesFor(const std::string& amendments, const std::string& rules_at,
                                                  Instant as_of) const;

  // A small cache of JSON answers that depend only on this state and `key` (summaries,
  // impacts). Thread-safe.
  std::optional<nlohmann::ordered_json> Cached(const std::string& key) const;
  void Remember(const std::string& key, const nlohmann::ordered_json& value) const;

 private:
  ServeConfig config_;
  std::shared_ptr<const Estate> estate_;
  std::shared_ptr<const rules::RulePack> pack_;
  std::shared_ptr<const ReferenceData> base_ref_;  // the snapshot's files, before the store overlay
  std::shared_ptr<const ReferenceData> ref_;       // what decisions use
  std::vector<std::pair<std::string, std::string>> hashes_;
  std::optional<PreciseInstant> default_as_of_;
  uint64_t generation_ = 1;
  std::string loaded_at_;

  mutable std::mutex mu_;
  mutable std::map<Days, std::shared_ptr<const engine::ReferenceIndex>> indexes_;
  mutable std::map<std::string, std::shared_ptr<const RulesAt>> rules_;
  mutable std::map<std::string, nlohmann::ordered_json> answers_;
};

// The current time as an Instant (whole microseconds).
Instant NowInstant();

}  // namespace s1mig::http
