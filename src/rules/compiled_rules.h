// Choosing amendments (in force at an instant, none, all, or a list) and compiling a pack with
// them into flat per-scope tables, once per run, so that evaluating a row is table lookups.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "rules/rule_pack.h"

namespace s1mig::rules {

struct AmendmentSelection {
  enum class Mode { kInForce, kNone, kAll, kList };
  Mode mode = Mode::kInForce;
  std::vector<std::string> ids;  // kList
  Instant rules_at = 0;          // kInForce: amendments whose date has come at this instant
  std::vector<std::pair<std::string, Days>> effective_overrides;  // --effective ID=DATE
};

// Parses "in-force", "none", "all" or "ID,ID,...". The ids are checked by SelectAmendments.
Result<AmendmentSelection> ParseAmendmentSelection(std::string_view text);
// Parses "ID=YYYY-MM-DD".
Result<std::pair<std::string, Days>> ParseEffectiveOverride(std::string_view text);

// The instant an amendment comes into force: 00:00 Europe/London on its (possibly overridden) date.
Instant EffectiveInstant(const Amendment& a, const AmendmentSelection& sel);

// The amendments to apply, in the order they apply: by effective date, then pack order.
// Errors name an unknown id (in the list or in an override).
Result<std::vector<const Amendment*>> SelectAmendments(const RulePack& pack, const AmendmentSelection& sel);

// The per-scope settings of one check.
struct CheckSettings {
  bool applies = false;        // the scope of the check covers the key
  uint8_t exemptions = 0;      // Exemption bits
  int64_t window_micros = 0;   // kGsmeCommsWindow
  uint16_t null_certificate = 0;  // index into CompiledRules::null_certificates()
};

// Immutable after Compile; safe to share between threads.
class CompiledRules {
 public:
  static CompiledRules Compile(const RulePack& pack, const std::vector<const Amendment*>& applied);

  static int Key(Cohort c, int group_id, MeterMode m) {
    return (static_cast<int>(c) * kGroupIds + group_id) * kMeterModes + static_cast<int>(m);
  }
  static constexpr int kKeys = kCohorts * kGroupIds * kMeterModes;

  const RulePack& pack() const { return *pack_; }
  int num_checks() const { return static_cast<int>(pack_->checks.size()); }
  const CheckSettings& settings(int key, int check) const {
    return settings_[static_cast<size_t>(key) * pack_->checks.size() + check];
  }
  // TMAD clause 3.1(g) as varied by U1-PPMID: does an unobtainable-data display count as an IHD?
  bool unobtainable_display_is_ihd(int key) const { return display_ihd_[key] != 0; }
  const std::vector<std::string>& null_certificates() const { return null_certs_; }

  // Reason codes in pack order; each check's primary and alternate (-1 for none) index.
  const std::vector<std::string>& reason_codes() const { return reasons_; }
  int primary_reason(int check) const { return primary_[check]; }
  int alternate_reason(int check) const { return alternate_[check]; }
  const std::vector<const Amendment*>& applied() const { return applied_; }

 private:
  const RulePack* pack_ = nullptr;
  std::vector<CheckSettings> settings_;
  std::vector<uint8_t> display_ihd_;
  std::vector<std::string> null_certs_;
  std::vector<std::string> reasons_;
  std::vector<int> primary_, alternate_;
  std::vector<const Amendment*> applied_;
};

}  // namespace s1mig::rules
