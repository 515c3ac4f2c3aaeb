// The checks of DOMAIN.md, each next to the clause it implements.
#include "engine/evaluate.h"

#include "base/ids.h"

namespace s1mig::engine {

using rules::CheckKind;
using rules::Exemption;

void GatherFacts(const Installation& inst, const ReferenceIndex& ref, PreciseInstant as_of, RowFacts* f,
                 const int32_t* registered_gt) {
  *f = RowFacts();
  f->key = inst.Key();
  for (int s = 0; s < kSlots; ++s)
    f->model_fw[s] = inst.present[s] ? ref.ModelFirmwareId(inst.model[s], inst.fw[s]) : 0;
  f->gsme_on_whitelist = inst.present[kGsme] && inst.gsme_on_whitelist;
  if (inst.has_last_comms)
    f->comms_age_nanos = NanosBetween(as_of.micros, as_of.nanos, inst.last_comms, inst.last_comms_nanos);
  if (inst.has_mprn) {
    f->in_igt_range = ref.IgtFor(inst.mprn) != nullptr;
    f->registered_gt = registered_gt ? *registered_gt : ref.RegisteredTransporter(inst.mprn_key);
  }
  if (!inst.network_cert_id.empty()) f->cert_owner = ref.CertificateOwner(inst.network_cert_id);
  int32_t ids[kSlots];
  for (int s = 0; s < kSlots; ++s) ids[s] = f->model_fw[s];
  if (inst.present[kDisplay]) {
    f->display_standing = ref.Standing(f->model_fw[kDisplay]);
    f->epcl_with_display = ref.OnEpcl(ids);
  }
  ids[kDisplay] = 0;
  f->epcl_without_display = ref.OnEpcl(ids);
}

DisplayClass ClassifyDisplay(const Installation& inst, const RowFacts& f, const rules::CompiledRules& rules) {
  if (!inst.present[kDisplay]) return DisplayClass::kNone;
  // SEC Section A: a SMETS1 PPMID is a display that can upgrade its firmware over the SM WAN.
  if (!inst.upgradable) return DisplayClass::kIhd;
  // TMAD clause 3.1(g) as varied by U1-PPMID: not a PPMID when the DCC could not obtain its EPCL
  // data during the DMCT Process (an UNOBTAINABLE assessment counting at as_of), unless a
  // referral to the Secretary of State was upheld since (project decision).
  if (rules.unobtainable_display_is_ihd(f.key) &&
      f.display_standing.latest == PpmidStanding::Latest::kUnobtainable && !f.display_standing.reinstated)
    return DisplayClass::kIhd;
  return DisplayClass::kPpmid;
}

CheckOutcome RunCheck(int c, const Installation& inst, const RowFacts& f, DisplayClass display,
                      const rules::CompiledRules& rules) {
  const rules::Check& check = rules.pack().checks[c];
  const rules::CheckSettings& s = rules.settings(f.key, c);
  CheckOutcome out;
  if (!s.applies) return out;
  if ((check.requires_devices & static_cast<uint8_t>(rules::Device::kGsme)) && !inst.present[kGsme]) return out;
  if ((check.requires_devices & static_cast<uint8_t>(rules::Device::kGpf)) && !inst.present[kGpf]) return out;
  if ((check.requires_devices & static_cast<uint8_t>(rules::Device::kDisplay)) && !inst.present[kDisplay]) return out;
  if (s.exemptions & static_cast<uint8_t>(Exemption::kAlways)) {
    out.result = CheckResult::kExempt;
    out.exempted_by = static_cast<uint8_t>(Exemption::kAlways);
    return out;
  }
  // TMAD Table 5.10 step 5.10.17: "Unless ... the Null Certificate ID".
  if ((s.exemptions & static_cast<uint8_t>(Exemption::kNullCertificate)) &&
      inst.network_cert_id == rules.null_certificates()[s.null_certificate]) {
    out.result = CheckResult::kExempt;
    out.exempted_by = static_cast<uint8_t>(Exemption::kNullCertificate);
    return out;
  }
  // U1-IGT: "... or the Gas Transporter is an independent Gas Transporter" (known from the MPRN).
  if ((s.exemptions & static_cast<uint8_t>(Exemption::kIgtSupplyPoint)) && f.in_igt_range) {
    out.result = CheckResult::kExempt;
    out.exempted_by = static_cast<uint8_t>(Exemption::kIgtSupplyPoint);
    return out;
  }
  bool pass = true;
  int reason = rules.primary_reason(c);
  switch (check.kind) {
    case CheckKind::kGsmeOnWhitelist:
      // TMAD App. A GT01, Table A3 step 4: the GSME's Device ID is on that CHF Whitelist.
      pass = f.gsme_on_whitelist;
      break;
    case CheckKind::kGsmeCommsWindow:
      // TMAD App. A GT01, Table A3 step 4: communicated in the last N hours (inclusive); never
      // having communicated fails.
      // (window_hours <= 1,000,000, so the product stays within int64.)
      pass = inst.has_last_comms && f.comms_age_nanos <= s.window_micros * 1000;
      break;
    case CheckKind::kNetworkParty:
      // TMAD Table 5.10 step 5.10.17: per Registration Data, the Gas Network Party (owner of the
      // certificate) is the Gas Transporter for the MPRN.
      pass = f.registered_gt >= 0 && f.cert_owner >= 0 && f.registered_gt == f.cert_owner;
      break;
    case CheckKind::kDmcOnEpcl: {
      // The DMC (CHF, ESME, GSME, GPF and a display only when classed as a PPMID) must equal an
      // EPCL entry listed on or before as_of's London date.
      pass = display == DisplayClass::kPpmid ? f.epcl_with_display : f.epcl_without_display;
      if (!pass && display == DisplayClass::kPpmid && rules.alternate_reason(c) >= 0 &&
          f.display_standing.latest == PpmidStanding::Latest::kUnobtainable)
        reason = rules.alternate_reason(c);  // PPMID_EPCL_DATA: its data could not be obtained
      break;
    }
  }
  out.result = pass ? CheckResult::kPass : CheckResult::kFail;
  if (!pass) out.reason = reason;
  return out;
}

Decision Decide(const Installation& inst, const RowFacts& f, const rules::CompiledRules& rules) {
  Decision d;
  d.display = ClassifyDisplay(inst, f, rules);
  const int n = rules.num_checks();
  for (int c = 0; c < n; ++c) {
    CheckOutcome o = RunCheck(c, inst, f, d.display, rules);
    if (o.result == CheckResult::kFail) d.bits |= 1u << o.reason;
  }
  d.outcome = d.bits ? Outcome::kBlocked : Outcome::kEligible;
  return d;
}

}  // namespace s1mig::engine
