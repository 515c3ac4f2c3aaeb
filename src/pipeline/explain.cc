// Explanations, built from the same RunCheck the batch engine uses, so they cannot disagree.
#include "pipeline/explain.h"

#include <cstdio>

#include "base/ids.h"
#include "base/text.h"
#include "engine/estate_evaluator.h"

namespace s1mig::pipeline {
namespace {

using engine::CheckResult;
using nlohmann::ordered_json;

const char* ResultName(CheckResult r) {
  switch (r) {
    case CheckResult::kNotApplicable: return "NOT_APPLICABLE";
    case CheckResult::kExempt: return "EXEMPT";
    case CheckResult::kPass: return "PASS";
    case CheckResult::kFail: return "FAIL";
  }
  return "?";
}

// The CHF Whitelist as Device IDs written back in upper case, joined by ';' (DATA.md "Device
// ID"). Entries were validated before the checks ran; blank ones are dropped.
std::string WhitelistText(std::string_view whitelist) {
  std::string out;
  while (true) {
    size_t semi = whitelist.find(';');
    std::string_view entry = TrimBlanks(whitelist.substr(0, semi));
    if (!entry.empty()) {
      if (!out.empty()) out += ';';
      std::optional<uint64_t> id = ParseDeviceId(entry);
      out += id ? FormatDeviceId(*id) : std::string(entry);
    }
    if (semi == std::string_view::npos) break;
    whitelist.remove_prefix(semi + 1);
  }
  return out;
}

std::string Hours(Instant micros) {
  char buf[64];
  double h = static_cast<double>(micros) / static_cast<double>(kMicrosPerHour);
  std::snprintf(buf, sizeof buf, "%.6g", h);
  return buf;
}

std::string DmcText(const engine::Installation& inst, bool with_display) {
  static const char* kNames[] = {"CHF", "ESME", "GSME", "GPF", "PPMID"};
  std::string out;
  for (int s = 0; s < engine::kSlots; ++s) {
    if (!inst.present[s] || (s == engine::kDisplay && !with_display)) continue;
    if (!out.empty()) out += ", ";
    out += std::string(kNames[s]) + " " + std::string(inst.model[s]) + "@" + std::string(inst.fw[s]);
  }
  return out;
}

// Amendments among those applied whose changes reach this check for this installation's scope.
ordered_json AmendmentsTouching(const rules::CompiledRules& rules, const std::string& check_id,
                                const engine::Installation& inst, bool display) {
  ordered_json out = ordered_json::array();
  for (const rules::Amendment* a : rules.applied()) {
    for (const auto& ch : a->changes) {
      bool same = display ? ch.kind == rules::ChangeKind::kDisplayClassification : ch.check == check_id;
      if (same && ch.scope.Contains(inst.cohort, inst.group_id, inst.meter_mode)) {
        out.push_back(a->id + " (" + a->clause + ", from " + FormatDate(a->effective) + ")");
        break;
      }
    }
  }
  return out;
}

}  // namespace

ordered_json ExplainInstallation(const engine::Installation& inst, const engine::RowFacts& f,
                                 const rules::CompiledRules& rules, const engine::ReferenceIndex& ref,
                                 PreciseInstant as_of) {
  engine::Decision d = engine::Decide(inst, f, rules);
  ordered_json e;
  e["installation_id"] = std::string(inst.id);
  e["outcome"] = engine::OutcomeName(d.outcome);
  ordered_json reasons = ordered_json::array();
  for (size_t i = 0; i < rules.reason_codes().size(); ++i)
    if (d.bits & (1u << i)) reasons.push_back(rules.reason_codes()[i]);
  e["reasons"] = reasons;
  e["display_class"] = engine::DisplayClassName(d.display);

  // Display classification.
  ordered_json disp;
  disp["class"] = engine::DisplayClassName(d.display);
  disp["clause"] = rules.pack().display.clause + (rules.unobtainable_display_is_ihd(f.key) ? ", as varied by " + rules.pack().display.amended_clause : "");
  ordered_json din;
  std::string why;
  if (!inst.present[engine::kDisplay]) {
    why = "no display in the installation";
  } else {
    din["ihd_model"] = std::string(inst.model[engine::kDisplay]);
    din["ihd_fw"] = std::string(inst.fw[engine::kDisplay]);
    din["ihd_upgradable"] = inst.upgradable;
    const auto& st = f.display_standing;
    std::string standing = st.latest == engine::PpmidStanding::Latest::kNone ? "none on or before " + FormatDate(ref.as_of_date())
                           : std::string(st.latest == engine::PpmidStanding::Latest::kObtained ? "OBTAINED" : "UNOBTAINABLE") + " on " + FormatDate(st.assessed_on);
    din["dmct_assessment"] = standing;
    if (st.reinstated) din["referral_upheld_from"] = FormatDate(st.reinstated_from);
    din["unobtainable_data_is_ihd_in_force"] = rules.unobtainable_display_is_ihd(f.key);
    if (!inst.upgradable) why = "cannot upgrade its firmware over the SMETS1 SM WAN, so it is a SMETS1 IHD";
    else if (d.display == engine::DisplayClass::kIhd) why = "EPCL data for this model and firmware was unobtainable in the DMCT Process, so under TMAD clause 3.1(g) it is a SMETS1 IHD, not a PPMID";
    else if (st.reinstated) why = "upgradable; the IHD reclassification was overturned on referral, so it is a PPMID again";
    else if (st.latest == engine::PpmidStanding::Latest::kUnobtainable) why = "upgradable, so a SMETS1 PPMID: its EPCL data is unobtainable but no amendment varying the PPMID definition is applied";
    else why = "can upgrade its firmware over the SMETS1 SM WAN, so it is a SMETS1 PPMID";
  }
  disp["reason"] = why;
  disp["inputs"] = din.is_null() ? ordered_json::object() : din;
  disp["amendments"] = AmendmentsTouching(rules, "", inst, true);
  e["display"] = disp;

  ordered_json checks = ordered_json::array();
  for (int c = 0; c < rules.num_checks(); ++c) {
    const rules::Check& check = rules.pack().checks[c];
    const rules::CheckSettings& s = rules.settings(f.key, c);
    engine::CheckOutcome o = engine::RunCheck(c, inst, f, d.display, rules);
    ordered_json cj;
    cj["id"] = check.id;
    cj["clause"] = check.clause;
    cj["title"] = check.title;
    cj["applies"] = o.result != CheckResult::kNotApplicable;
    ordered_json in;
    std::string why_text;
    if (!s.applies) {
      why_text = "not applied: the check covers " + check.applies_to.Describe() + "; this installation is cohort " +
                 rules::CohortName(inst.cohort) + ", GroupID " + rules::GroupIdName(inst.group_id) + ", " + rules::MeterModeName(inst.meter_mode);
    } else if (o.result == CheckResult::kNotApplicable) {
      why_text = "not applied: the installation has no " + std::string((check.requires_devices & static_cast<uint8_t>(rules::Device::kGsme)) && !inst.present[engine::kGsme] ? "GSME" : (check.requires_devices & static_cast<uint8_t>(rules::Device::kGpf)) && !inst.present[engine::kGpf] ? "GPF" : "display");
    }
    switch (check.kind) {
      case rules::CheckKind::kGsmeOnWhitelist:
        if (inst.present[engine::kGsme]) in["gsme_id"] = FormatDeviceId(inst.device_id[engine::kGsme]);
        in["chf_whitelist"] = WhitelistText(inst.whitelist);
        if (o.result == CheckResult::kPass) why_text = "the GSME's Device ID is on the CHF Whitelist";
        if (o.result == CheckResult::kFail) why_text = "the GSME's Device ID is not on the CHF Whitelist";
        break;
      case rules::CheckKind::kGsmeCommsWindow:
        in["as_of"] = FormatInstant(as_of);
        in["gsme_last_comms"] = inst.has_last_comms ? FormatInstant(PreciseInstant{inst.last_comms, inst.last_comms_nanos}) : "";
        if (inst.has_last_comms) in["hours_since_last_comms"] = Hours(f.comms_age_nanos / 1000);
        in["window_hours"] = Hours(s.window_micros);
        if (o.result == CheckResult::kPass) why_text = "communicated " + Hours(f.comms_age_nanos / 1000) + "h before as_of, within the " + Hours(s.window_micros) + "h window";
        if (o.result == CheckResult::kFail)
          why_text = inst.has_last_comms ? "last communicated " + Hours(f.comms_age_nanos / 1000) + "h before as_of, outside the " + Hours(s.window_micros) + "h window"
                                         : "the GSME has never communicated with the CHF (no gsme_last_comms)";
        break;
      case rules::CheckKind::kNetworkParty: {
        in["network_cert_id"] = std::string(inst.network_cert_id);
        in["null_certificate_id"] = rules.null_certificates()[s.null_certificate];
        in["mprn"] = std::string(inst.mprn_text);
        in["certificate_owner"] = f.cert_owner >= 0 ? ref.PartyName(f.cert_owner) : "";
        in["registered_gas_transporter"] = f.registered_gt >= 0 ? ref.PartyName(f.registered_gt) : "";
        const IgtRange* igt = inst.has_mprn ? ref.IgtFor(inst.mprn) : nullptr;
        in["igt_range"] = igt ? igt->igt_party + " " + std::to_string(igt->first_mprn) + "-" + std::to_string(igt->last_mprn) : "";
        in["igt_exemption_in_force"] = (s.exemptions & static_cast<uint8_t>(rules::Exemption::kIgtSupplyPoint)) != 0;
        if (o.result == CheckResult::kExempt) why_text = rules::ExemptionText(static_cast<rules::Exemption>(o.exempted_by));
        if (o.result == CheckResult::kPass) why_text = "the certificate's owner " + ref.PartyName(f.cert_owner) + " is the Gas Transporter in Registration Data";
        if (o.result == CheckResult::kFail) {
          if (f.registered_gt < 0) why_text = "no Registration Data for MPRN " + std::string(inst.mprn_text);
          else if (f.cert_owner < 0) why_text = "certificate '" + std::string(inst.network_cert_id) + "' is unknown";
          else why_text = "the certificate belongs to " + ref.PartyName(f.cert_owner) + " but Registration Data names " + ref.PartyName(f.registered_gt);
        }
        break;
      }
      case rules::CheckKind::kDmcOnEpcl: {
        bool with = d.display == engine::DisplayClass::kPpmid;
        in["dmc"] = DmcText(inst, with);
        in["epcl_as_of"] = FormatDate(ref.as_of_date());
        int32_t ids[engine::kSlots];
        for (int k = 0; k < engine::kSlots; ++k) ids[k] = f.model_fw[k];
        if (!with) ids[engine::kDisplay] = 0;
        std::string entry = ref.MatchingEntry(ids);
        in["matching_entry"] = entry;
        if (o.result == CheckResult::kPass) why_text = "the DMC equals EPCL entry " + entry;
        if (o.result == CheckResult::kFail)
          why_text = o.reason == rules.alternate_reason(c)
                         ? "no EPCL entry has this DMC, and the PPMID's EPCL data was assessed unobtainable"
                         : "no EPCL entry listed on or before " + FormatDate(ref.as_of_date()) + " has this DMC";
        break;
      }
    }
    cj["why"] = why_text;
    cj["inputs"] = in;
    cj["result"] = ResultName(o.result);
    cj["reason"] = o.result == CheckResult::kFail ? rules.reason_codes()[o.reason] : "";
    cj["amendments"] = AmendmentsTouching(rules, check.id, inst, false);
    checks.push_back(cj);
  }
  e["checks"] = checks;
  return e;
}

ordered_json ExplainInvalid(std::string_view id, const engine::Decision& d, const Diagnostics& problems) {
  ordered_json e;
  e["installation_id"] = std::string(id);
  e["outcome"] = "INVALID";
  ordered_json cols = ordered_json::array();
  for (int i = 0; i < engine::kNumColumns; ++i)
    if (d.bits & (1u << i)) cols.push_back(engine::ColumnNames()[i]);
  e["reasons"] = cols;
  e["display_class"] = "NONE";
  ordered_json ps = ordered_json::array();
  for (const auto& p : problems) ps.push_back({{"column", p.column}, {"message", p.message}});
  e["problems"] = ps;
  e["checks"] = ordered_json::array();
  return e;
}

Result<ordered_json> RunExplain(const ExplainOptions& o, Diagnostics* diags) {
  S1MIG_ASSIGN_OR_RETURN(LoadedSnapshot snap, LoadSnapshot(o.snapshot_dir, o.as_of, o.rules, o.overlay, diags));
  const Instant as_of = snap.as_of;
  const PreciseInstant as_of_given{as_of, snap.as_of_nanos};
  S1MIG_ASSIGN_OR_RETURN(auto selection, ResolveSelection(o.rules, as_of));
  S1MIG_ASSIGN_OR_RETURN(auto applied, rules::SelectAmendments(*snap.pack, selection));
  rules::CompiledRules compiled = rules::CompiledRules::Compile(*snap.pack, applied);
  const engine::ReferenceIndex& index = *snap.index;

  engine::EstateRunOptions run;
  run.inventory_path = o.snapshot_dir + "/inventory.csv";
  run.as_of = as_of;
  run.as_of_nanos = snap.as_of_nanos;
  run.variants = {&compiled};
  std::optional<ordered_json> found;
  Diagnostics row_diags;
  auto sink = [&](const engine::EvaluatedBatch& b) -> Status {
    // Only this batch's row problems are needed: drop them afterwards, so memory stays bounded.
    int64_t dropped = 0;
    struct Drain {
      Diagnostics* diags;
      int64_t* n;
      ~Drain() { (void)DrainErrors(diags, nullptr, n); }
    } drain{diags, &dropped};
    if (found) return Status::Ok();
    for (size_t r = 0; r < b.rows->rows(); ++r) {
      if (b.rows->field(r, 0) != o.installation_id) continue;
      const engine::Decision& d = b.decisions[0][r];
      if (d.outcome == engine::Outcome::kInvalid) {
        Diagnostics mine;
        for (const auto& p : *diags)
          if (p.file == run.display_name && p.line == b.rows->lines[r] && p.severity == Severity::kError) mine.push_back(p);
        found = ExplainInvalid(o.installation_id, d, mine);
      } else {
        engine::RowFacts facts;
        engine::GatherFacts(b.installations[r], index, as_of_given, &facts);
        found = ExplainInstallation(b.installations[r], facts, compiled, index, as_of_given);
      }
      (*found)["line"] = b.rows->lines[r];
      return Status::Ok();
    }
    return Status::Ok();
  };
  S1MIG_ASSIGN_OR_RETURN(auto result, engine::RunEstate(run, index, diags, sink));
  (void)result;
  if (!found) return NotFound("no installation '" + o.installation_id + "' in " + run.inventory_path);
  ordered_json out;
  out["as_of"] = FormatInstant(as_of_given);
  out["rules_at"] = FormatInstant(RulesAtAsGiven(o.rules, as_of_given));
  ordered_json ids = ordered_json::array();
  for (const auto* a : applied) ids.push_back(a->id);
  out["amendments_applied"] = ids;
  for (auto& [k, v] : found->items()) out[k] = v;
  return out;
}

std::string RenderExplanationText(const ordered_json& e) {
  std::string t;
  auto s = [](const ordered_json& v) { return v.is_string() ? v.get<std::string>() : v.dump(-1, ' ', false, ordered_json::error_handler_t::replace); };
  t += "Installation " + s(e["installation_id"]) + (e.contains("line") ? " (inventory.csv line " + s(e["line"]) + ")" : "") + "\n";
  if (e.contains("as_of")) t += "as_of " + s(e["as_of"]) + ", rules at " + s(e["rules_at"]) + ", amendments applied: " + (e["amendments_applied"].empty() ? std::string("none") : [&] { std::string a; for (auto& x : e["amendments_applied"]) a += (a.empty() ? "" : ", ") + s(x); return a; }()) + "\n";
  std::string reasons;
  for (auto& r : e["reasons"]) reasons += (reasons.empty() ? "" : ";") + s(r);
  t += "Outcome: " + s(e["outcome"]) + (reasons.empty() ? "" : " (" + reasons + ")") + "\n";
  if (e.contains("problems") && !e["problems"].empty()) {
    t += "\nThe row is INVALID; no checks were run:\n";
    for (auto& p : e["problems"]) t += "  - " + s(p["column"]) + ": " + s(p["message"]) + "\n";
    return t;
  }
  const auto& d = e["display"];
  t += "\nDisplay classification: " + s(d["class"]) + "\n  " + s(d["reason"]) + "\n  clause: " + s(d["clause"]) + "\n";
  for (auto& a : d["amendments"]) t += "  amended by: " + s(a) + "\n";
  t += "\nChecks (in rule-pack order):\n";
  for (auto& c : e["checks"]) {
    t += "  " + s(c["result"]) + "  " + s(c["id"]) + "  [" + s(c["clause"]) + "]\n";
    t += "        " + s(c["why"]) + "\n";
    for (auto& [k, v] : c["inputs"].items()) t += "        " + k + " = " + s(v) + "\n";
    for (auto& a : c["amendments"]) t += "        amended by: " + s(a) + "\n";
  }
  return t;
}

}  // namespace s1mig::pipeline
