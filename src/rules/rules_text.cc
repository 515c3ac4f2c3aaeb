// Rendering of packs and red-lines.
#include "rules/rules_text.h"

#include <algorithm>

namespace s1mig::rules {
namespace {

std::string ParamLabel(const Check& c, const std::string& parameter) {
  std::string stem = c.id.substr(0, c.id.find('_'));
  if (parameter == "window_hours") return stem + " window";
  if (parameter == "null_certificate_id") return c.id + " Null Certificate ID";
  return c.id + " " + parameter;
}

// The distinct values a parameter takes over the keys inside both the check's scope and
// `scope`, most common first, joined by " or " (e.g. "24h or 72h").
template <typename ValueFn>
std::string ValuesOver(const Check& c, const Scope& scope, ValueFn value) {
  std::vector<std::pair<std::string, int>> seen;
  for (int ci = 0; ci < kCohorts; ++ci)
    for (int g = 0; g < kGroupIds; ++g)
      for (int m = 0; m < kMeterModes; ++m) {
        auto co = static_cast<Cohort>(ci);
        auto mo = static_cast<MeterMode>(m);
        if (!scope.Contains(co, g, mo) || !c.applies_to.Contains(co, g, mo)) continue;
        std::string v = value(CompiledRules::Key(co, g, mo));
        auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& p) { return p.first == v; });
        if (it == seen.end()) seen.emplace_back(v, 1); else ++it->second;
      }
  std::stable_sort(seen.begin(), seen.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string out;
  for (const auto& [v, n] : seen) out += (out.empty() ? "" : " or ") + v;
  return out.empty() ? "?" : out;
}

std::string Hours(int64_t micros) { return std::to_string(micros / kMicrosPerHour) + "h"; }

}  // namespace

std::string DescribeChange(const RulePack& pack, const Change& ch) {
  std::string where = ch.scope.IsEverything() ? "" : " for " + ch.scope.Describe();
  switch (ch.kind) {
    case ChangeKind::kSetParameter:
      return ch.check + " " + ch.parameter + " = " + (ch.parameter == "window_hours" ? std::to_string(ch.int_value) : "'" + ch.string_value + "'") + where;
    case ChangeKind::kAddExemption:
      return ch.check + ": " + ExemptionText(ch.exemption) + where;
    case ChangeKind::kRemoveExemption:
      return ch.check + ": no longer " + ExemptionText(ch.exemption) + where;
    case ChangeKind::kDisplayClassification:
      return "an upgradable display whose EPCL data is unobtainable is a SMETS1 IHD, not a PPMID" + where;
  }
  return "?";
}

std::string RenderPack(const RulePack& pack, const AmendmentSelection& sel) {
  std::string t;
  t += "Rule pack: " + pack.name + (pack.version.empty() ? "" : " (version " + pack.version + ")") + "\n";
  for (const auto& f : pack.files) t += "  from " + f + "\n";
  t += "  sha256 " + pack.sha256 + "\n";
  auto applied = SelectAmendments(pack, sel);
  std::vector<const Amendment*> in_force = applied.ok() ? applied.value() : std::vector<const Amendment*>{};
  if (sel.mode == AmendmentSelection::Mode::kInForce) t += "\nAs in force at " + FormatInstant(sel.rules_at) + " (" + FormatLondon(sel.rules_at) + " London)\n";
  CompiledRules compiled = CompiledRules::Compile(pack, in_force);
  t += "\nChecks, in order (each id is also its reason code):\n";
  for (int c = 0; c < compiled.num_checks(); ++c) {
    const Check& check = pack.checks[c];
    t += "  " + std::to_string(c + 1) + ". " + check.id + "  [" + check.clause + "]\n";
    if (!check.title.empty()) t += "     " + check.title + "\n";
    t += "     applies to: " + check.applies_to.Describe();
    if (check.requires_devices & static_cast<uint8_t>(Device::kGsme)) t += ", with a GSME";
    if (check.requires_devices & static_cast<uint8_t>(Device::kGpf)) t += ", with a GPF";
    t += "\n";
    if (check.kind == CheckKind::kGsmeCommsWindow) t += "     window: " + std::to_string(check.window_hours) + "h\n";
    if (check.kind == CheckKind::kNetworkParty) t += "     Null Certificate ID: " + check.null_certificate_id + "\n";
    for (const auto& e : check.exemptions) t += "     " + ExemptionText(e.when) + (e.scope.IsEverything() ? "" : " for " + e.scope.Describe()) + "\n";
    if (!check.alternate_reason.empty()) t += "     reason " + check.alternate_reason + " instead when the PPMID's EPCL data is unobtainable\n";
  }
  t += "\nDisplay classification: " + pack.display.clause + "; varied by " + pack.display.amended_clause + "\n";
  t += "\nAmendments:\n";
  for (const auto& a : pack.amendments) {
    bool on = std::find(in_force.begin(), in_force.end(), &a) != in_force.end();
    Days eff = a.effective;
    for (const auto& [id, d] : sel.effective_overrides)
      if (id == a.id) eff = d;
    t += "  [" + std::string(on ? "applied" : "not applied") + "] " + a.id + ", in force from " + FormatDate(eff) +
         " 00:00 Europe/London" + (eff != a.effective ? " (moved from " + FormatDate(a.effective) + ")" : "") + "\n";
    if (!a.title.empty()) t += "     " + a.title + "\n";
    t += "     clause: " + a.clause + "\n";
    for (const auto& ch : a.changes) t += "     change: " + DescribeChange(pack, ch) + "\n";
  }
  if (!in_force.empty()) {
    t += "\nEffect of the applied amendments on the base pack:\n";
    for (const auto& line : DiffLines(pack, {}, in_force)) t += "  " + line + "\n";
  }
  return t;
}

std::vector<std::string> DiffLines(const RulePack& pack, const std::vector<const Amendment*>& from,
                                   const std::vector<const Amendment*>& to) {
  CompiledRules a = CompiledRules::Compile(pack, from);
  CompiledRules b = CompiledRules::Compile(pack, to);
  std::vector<std::string> lines;
  auto emit = [&](const Amendment* am, bool added) {
    for (const Change& ch : am->changes) {
      std::string tag = " (" + std::string(added ? "" : "withdrawn: ") + am->id + ", " + am->clause + ")";
      std::string where = ch.scope.IsEverything() ? "all installations" : ch.scope.Describe();
      if (ch.kind == ChangeKind::kDisplayClassification) {
        lines.push_back("Display classification, " + where + ": an upgradable display whose EPCL data is unobtainable: " +
                        (added ? "PPMID -> IHD" : "IHD -> PPMID") + tag);
        continue;
      }
      const Check* check = pack.FindCheck(ch.check);
      if (!check) continue;
      int ci = static_cast<int>(check - pack.checks.data());
      if (ch.kind == ChangeKind::kSetParameter) {
        auto param = [&](const CompiledRules& r) {
          return ValuesOver(*check, ch.scope, [&](int key) {
            const CheckSettings& s = r.settings(key, ci);
            return ch.parameter == "window_hours" ? Hours(s.window_micros) : "'" + r.null_certificates()[s.null_certificate] + "'";
          });
        };
        std::string before = param(a), after = param(b);
        lines.push_back(ParamLabel(*check, ch.parameter) + ", " + where + ": " + before + " -> " + after + tag);
      } else {
        bool adds = (ch.kind == ChangeKind::kAddExemption) == added;
        lines.push_back(check->id + ", " + where + ": " + (adds ? "+ " : "- ") + ExemptionText(ch.exemption) + tag);
      }
    }
  };
  for (const Amendment* am : to)
    if (std::find(from.begin(), from.end(), am) == from.end()) emit(am, true);
  for (const Amendment* am : from)
    if (std::find(to.begin(), to.end(), am) == to.end()) emit(am, false);
  return lines;
}

}  // namespace s1mig::rules
