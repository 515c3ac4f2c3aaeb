// Column names and the text forms of outcomes and display classes.
#include "engine/installation.h"

#include "io/csv_reader.h"
#include "rules/compiled_rules.h"

namespace s1mig::engine {

const std::vector<std::string>& ColumnNames() {
  static const std::vector<std::string> kNames = {
      "installation_id", "cohort", "group_id", "meter_mode", "elec_supplier", "gas_supplier",
      "mpan", "mprn", "chf_id", "chf_model", "chf_fw", "esme_id", "esme_model", "esme_fw",
      "gsme_id", "gsme_model", "gsme_fw", "gpf_id", "gpf_model", "gpf_fw", "ihd_id", "ihd_model",
      "ihd_fw", "ihd_upgradable", "chf_whitelist", "gsme_last_comms", "network_cert_id"};
  return kNames;
}

int Installation::Key() const { return rules::CompiledRules::Key(cohort, group_id, meter_mode); }

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kEligible: return "ELIGIBLE";
    case Outcome::kBlocked: return "BLOCKED";
    case Outcome::kInvalid: return "INVALID";
  }
  return "?";
}

const char* DisplayClassName(DisplayClass d) {
  switch (d) {
    case DisplayClass::kNone: return "NONE";
    case DisplayClass::kPpmid: return "PPMID";
    case DisplayClass::kIhd: return "IHD";
  }
  return "?";
}

void AppendReasons(const Decision& d, const std::vector<std::string>& reason_codes, std::string* out) {
  if (d.outcome == Outcome::kEligible) return;
  bool first = true;
  uint32_t bits = d.bits;
  for (int i = 0; bits != 0; ++i, bits >>= 1) {
    if (!(bits & 1)) continue;
    if (!first) out->push_back(';');
    first = false;
    out->append(d.outcome == Outcome::kInvalid ? ColumnNames()[i] : reason_codes[i]);
  }
}

void AppendDecisionRow(std::string_view installation_id, const Decision& d, const std::vector<std::string>& reason_codes,
                       std::string* out) {
  io::AppendCsvField(out, installation_id);
  out->push_back(',');
  out->append(OutcomeName(d.outcome));
  out->push_back(',');
  AppendReasons(d, reason_codes, out);
  out->push_back(',');
  out->append(DisplayClassName(d.display));
  out->push_back('\n');
}

}  // namespace s1mig::engine
