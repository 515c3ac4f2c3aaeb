// Amendment selection and compilation of a pack into per-scope tables.
#include "rules/compiled_rules.h"

#include <algorithm>

namespace s1mig::rules {

Result<AmendmentSelection> ParseAmendmentSelection(std::string_view text) {
  AmendmentSelection sel;
  if (text == "in-force") return sel;
  if (text == "none") { sel.mode = AmendmentSelection::Mode::kNone; return sel; }
  if (text == "all") { sel.mode = AmendmentSelection::Mode::kAll; return sel; }
  sel.mode = AmendmentSelection::Mode::kList;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string id(text.substr(start, comma - start));
    if (id.empty())
      return InvalidArgument("--amendments: expected in-force, none, all or a comma list of amendment ids, got '" + std::string(text) + "'");
    sel.ids.push_back(id);
    start = comma + 1;
  }
  return sel;
}

Result<std::pair<std::string, Days>> ParseEffectiveOverride(std::string_view text) {
  size_t eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    return InvalidArgument("--effective: expected ID=YYYY-MM-DD, got '" + std::string(text) + "'");
  auto d = ParseDate(text.substr(eq + 1));
  if (!d) return InvalidArgument("--effective: '" + std::string(text.substr(eq + 1)) + "' is not a date YYYY-MM-DD");
  return std::make_pair(std::string(text.substr(0, eq)), *d);
}

static Days EffectiveDate(const Amendment& a, const AmendmentSelection& sel) {
  Days d = a.effective;
  for (const auto& [id, date] : sel.effective_overrides)
    if (id == a.id) d = date;
  return d;
}

Instant EffectiveInstant(const Amendment& a, const AmendmentSelection& sel) {
  return LondonMidnight(EffectiveDate(a, sel));
}

Result<std::vector<const Amendment*>> SelectAmendments(const RulePack& pack, const AmendmentSelection& sel) {
  auto known = [&](const std::string& id) -> Status {
    if (pack.FindAmendment(id)) return Status::Ok();
    std::string list;
    for (const auto& a : pack.amendments) list += (list.empty() ? "" : ", ") + a.id;
    return InvalidArgument("unknown amendment '" + id + "' (the pack has: " + list + ")");
  };
  for (const auto& [id, date] : sel.effective_overrides) S1MIG_RETURN_IF_ERROR(known(id));
  std::vector<const Amendment*> out;
  switch (sel.mode) {
    case AmendmentSelection::Mode::kNone: break;
    case AmendmentSelection::Mode::kAll:
      for (const auto& a : pack.amendments) out.push_back(&a);
      break;
    case AmendmentSelection::Mode::kList:
      for (const auto& id : sel.ids) {
        S1MIG_RETURN_IF_ERROR(known(id));
        const Amendment* a = pack.FindAmendment(id);
        if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
      }
      break;
    case AmendmentSelection::Mode::kInForce:
      // "In force from date D" applies when rules_at >= 00:00 Europe/London on D (DOMAIN.md).
      for (const auto& a : pack.amendments)
        if (sel.rules_at >= EffectiveInstant(a, sel)) out.push_back(&a);
      break;
  }
  // Later amendments override earlier ones where they touch the same parameter.
  std::stable_sort(out.begin(), out.end(), [&](const Amendment* x, const Amendment* y) {
    Days dx = EffectiveDate(*x, sel), dy = EffectiveDate(*y, sel);
    if (dx != dy) return dx < dy;
    return x < y;  // pack order (amendments live in one vector)
  });
  return out;
}

CompiledRules CompiledRules::Compile(const RulePack& pack, const std::vector<const Amendment*>& applied) {
  CompiledRules r;
  r.pack_ = &pack;
  r.applied_ = applied;
  const size_t nchecks = pack.checks.size();
  r.settings_.resize(static_cast<size_t>(kKeys) * nchecks);
  r.display_ihd_.assign(kKeys, 0);
  auto null_index = [&](const std::string& id) -> uint16_t {
    for (size_t i = 0; i < r.null_certs_.size(); ++i)
      if (r.null_certs_[i] == id) return static_cast<uint16_t>(i);
    r.null_certs_.push_back(id);
    return static_cast<uint16_t>(r.null_certs_.size() - 1);
  };
  for (size_t c = 0; c < nchecks; ++c) {
    const Check& check = pack.checks[c];
    r.primary_.push_back(static_cast<int>(r.reasons_.size()));
    r.reasons_.push_back(check.id);
    if (!check.alternate_reason.empty()) {
      r.alternate_.push_back(static_cast<int>(r.reasons_.size()));
      r.reasons_.push_back(check.alternate_reason);
    } else {
      r.alternate_.push_back(-1);
    }
  }
  for (int ci = 0; ci < kCohorts; ++ci) {
    for (int g = 0; g < kGroupIds; ++g) {
      for (int mi = 0; mi < kMeterModes; ++mi) {
        Cohort cohort = static_cast<Cohort>(ci);
        MeterMode mode = static_cast<MeterMode>(mi);
        int key = Key(cohort, g, mode);
        for (size_t c = 0; c < nchecks; ++c) {
          const Check& check = pack.checks[c];
          CheckSettings& s = r.settings_[static_cast<size_t>(key) * nchecks + c];
          s.applies = check.applies_to.Contains(cohort, g, mode);
          for (const auto& e : check.exemptions)
            if (e.scope.Contains(cohort, g, mode)) s.exemptions |= static_cast<uint8_t>(e.when);
          s.window_micros = check.window_hours * kMicrosPerHour;
          s.null_certificate = null_index(check.null_certificate_id);
        }
        for (const Amendment* a : applied) {
          for (const Change& ch : a->changes) {
            if (!ch.scope.Contains(cohort, g, mode)) continue;
            if (ch.kind == ChangeKind::kDisplayClassification) {
              r.display_ihd_[key] = 1;  // TMAD clause 3.1(g) as varied
              continue;
            }
            for (size_t c = 0; c < nchecks; ++c) {
              if (pack.checks[c].id != ch.check) continue;
              CheckSettings& s = r.settings_[static_cast<size_t>(key) * nchecks + c];
              switch (ch.kind) {
                case ChangeKind::kSetParameter:
                  if (ch.parameter == "window_hours") s.window_micros = ch.int_value * kMicrosPerHour;
                  else if (ch.parameter == "null_certificate_id") s.null_certificate = null_index(ch.string_value);
                  break;
                case ChangeKind::kAddExemption: s.exemptions |= static_cast<uint8_t>(ch.exemption); break;
                case ChangeKind::kRemoveExemption: s.exemptions &= static_cast<uint8_t>(~static_cast<uint8_t>(ch.exemption)); break;
                case ChangeKind::kDisplayClassification: break;
              }
            }
          }
        }
      }
    }
  }
  return r;
}

}  // namespace s1mig::rules
