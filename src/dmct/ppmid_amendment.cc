// U1-PPMID's effective instant, read from the shipped rule pack.
#include "dmct/ppmid_amendment.h"

#include <optional>

#include "rules/rule_pack_parser.h"

namespace s1mig::dmct {

bool PpmidAmendmentInForce(Instant at) {
  static const Instant kFrom = [] {
    std::optional<Days> date;
    auto pack = rules::LoadRulePack(rules::DefaultRulePackPath());
    if (pack.ok()) {
      for (const auto& a : pack->amendments)
        for (const auto& ch : a.changes)
          if (ch.kind == rules::ChangeKind::kDisplayClassification && ch.scope.IsEverything() && !date) date = a.effective;
    }
    return LondonMidnight(date ? *date : *ParseDate(kPpmidAmendmentEffectiveDate));
  }();
  return at >= kFrom;
}

}  // namespace s1mig::dmct
