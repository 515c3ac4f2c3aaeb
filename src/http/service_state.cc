// Loading and refreshing the served snapshot, and its per-date / per-selection caches.
#include "http/service_state.h"

#include <chrono>

#include "base/text.h"
#include "dmct/reference_overlay.h"
#include "http/json_request.h"
#include "pipeline/evaluate_run.h"
#include "pipeline/single_installation.h"

namespace s1mig::http {
namespace {

// Bounds on the caches: a handful of dates and selections is what a dashboard uses; an
// adversarial caller asking for many dates only evicts (the cache is cleared when full).
constexpr size_t kMaxIndexes = 16;
constexpr size_t kMaxRules = 64;
constexpr size_t kMaxAnswers = 64;

Status OverlayFromStore(const std::string& db, ReferenceData* ref) {
  if (db.empty()) return Status::Ok();
  return dmct::OverlayReferenceFromStore(db, ref);
}

}  // namespace

Instant NowInstant() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

Result<std::shared_ptr<const ServiceState>> ServiceState::Load(const ServeConfig& config, Diagnostics* diags,
                                                             uint64_t generation) {
  auto s = std::make_shared<ServiceState>();
  s->config_ = config;
  s->generation_ = generation;
  if (!config.default_as_of.empty()) {
    std::optional<PreciseInstant> t = ParseTimestampPrecise(config.default_as_of);
    if (!t) return InvalidArgument("--as-of '" + config.default_as_of + "' is not an ISO 8601 timestamp with seconds and an offset");
    s->default_as_of_ = *t;
  }
  S1MIG_ASSIGN_OR_RETURN(s->pack_, pipeline::LoadPack(config.rules));
  auto base = std::make_shared<ReferenceData>();
  S1MIG_RETURN_IF_ERROR(pipeline::LoadReference(config.snapshot_dir, nullptr, base.get(), diags, &s->hashes_));
  auto ref = std::make_shared<ReferenceData>(*base);
  S1MIG_RETURN_IF_ERROR(OverlayFromStore(config.db_path, ref.get()));
  s->base_ref_ = std::move(base);
  s->ref_ = std::move(ref);
  S1MIG_ASSIGN_OR_RETURN(s->estate_, Estate::Load(config.snapshot_dir + "/inventory.csv", diags));
  s->hashes_.insert(s->hashes_.begin(), {"inventory.csv", s->estate_->sha256()});
  s->loaded_at_ = FormatInstant(NowInstant() / kMicrosPerSecond * kMicrosPerSecond);
  // Check the pack against the server's --effective overrides now rather than on each request.
  S1MIG_ASSIGN_OR_RETURN(auto sel, pipeline::ResolveSelection(config.rules, NowInstant()));
  S1MIG_RETURN_IF_ERROR(rules::SelectAmendments(*s->pack_, sel).status());
  return std::shared_ptr<const ServiceState>(std::move(s));
}

Result<std::shared_ptr<const ServiceState>> ServiceState::WithFreshReference() const {
  auto s = std::make_shared<ServiceState>();
  s->config_ = config_;
  s->estate_ = estate_;
  s->pack_ = pack_;
  s->base_ref_ = base_ref_;
  auto ref = std::make_shared<ReferenceData>(*base_ref_);
  S1MIG_RETURN_IF_ERROR(OverlayFromStore(config_.db_path, ref.get()));
  s->ref_ = std::move(ref);
  s->hashes_ = hashes_;
  s->default_as_of_ = default_as_of_;
  s->generation_ = generation_ + 1;
  s->loaded_at_ = loaded_at_;
  return std::shared_ptr<const ServiceState>(std::move(s));
}

Result<PreciseInstant> ServiceState::AsOf(const std::optional<std::string>& text, const char* field) const {
  if (text && !text->empty()) {
    std::optional<PreciseInstant> t = ParseTimestampPrecise(*text);
    if (!t) return FieldError(field, "'" + std::string(Utf8Prefix(*text, 80)) + "' is not an ISO 8601 timestamp with seconds and an offset (e.g. 2021-10-13T09:00:00Z)");
    return *t;
  }
  if (default_as_of_) return *default_as_of_;
  return PreciseInstant{NowInstant() / kMicrosPerSecond * kMicrosPerSecond, 0};
}

std::shared_ptr<const engine::ReferenceIndex> ServiceState::IndexFor(Instant as_of) const {
  const Days date = LondonDate(as_of);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = indexes_.find(date);
    if (it != indexes_.end()) return it->second;
  }
  // Built outside the lock: two requests for a new date may both build it; one copy is kept.
  auto index = std::make_shared<const engine::ReferenceIndex>(*ref_, date);
  std::lock_guard<std::mutex> lock(mu_);
  if (indexes_.size() >= kMaxIndexes) indexes_.clear();
  auto [it, added] = indexes_.emplace(date, std::move(index));
  return it->second;
}

Result<std::shared_ptr<const RulesAt>> ServiceState::RulesFor(const std::string& amendments, const std::string& rules_at,
                                                              Instant as_of) const {
  pipeline::RuleOptions o = config_.rules;
  o.amendments = amendments.empty() ? "in-force" : amendments;
  o.rules_at.clear();
  Instant at = as_of;
  if (!rules_at.empty()) {
    std::optional<Instant> t = ParseTimestamp(rules_at);
    if (!t) return FieldError("rules_at", "'" + std::string(Utf8Prefix(rules_at, 80)) + "' is not an ISO 8601 timestamp with seconds and an offset");
    at = *t;
  }
  auto sel = pipeline::ResolveSelection(o, at);
  if (!sel.ok()) return FieldError("amendments", sel.status().message());
  auto applied = rules::SelectAmendments(*pack_, *sel);
  if (!applied.ok()) return FieldError("amendments", applied.status().message());
  std::string key;
  for (const rules::Amendment* a : *applied) key += a->id + '\n';
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = rules_.find(key);
    if (it != rules_.end()) {
      if (it->second->rules_at == sel->rules_at) return it->second;
      // Same amendments, other rules_at: share the compiled tables, report this request's instant.
      auto copy = std::make_shared<RulesAt>(*it->second);
      copy->rules_at = sel->rules_at;
      return std::shared_ptr<const RulesAt>(std::move(copy));
    }
  }
  auto r = std::make_shared<RulesAt>(RulesAt{pack_, rules::CompiledRules::Compile(*pack_, *applied), sel->rules_at, {}});
  for (const rules::Amendment* a : *applied) r->applied.push_back(a->id);
  std::lock_guard<std::mutex> lock(mu_);
  if (rules_.size() >= kMaxRules) rules_.clear();
  rules_.emplace(key, r);
  return std::shared_ptr<const RulesAt>(std::move(r));
}

std::optional<nlohmann::ordered_json> ServiceState::Cached(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = answers_.find(key);
  if (it == answers_.end()) return std::nullopt;
  return it->second;
}

void ServiceState::Remember(const std::string& key, const nlohmann::ordered_json& value) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (answers_.size() >= kMaxAnswers) answers_.clear();
  answers_[key] = value;
}

}  // namespace s1mig::http
