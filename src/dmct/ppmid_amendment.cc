// U1-PPMID's effective instant (temporary constant until the rule-pack lookup exists).
#include "dmct/ppmid_amendment.h"

namespace s1mig::dmct {

bool PpmidAmendmentInForce(Instant at) {
  // TODO(lead): rule-pack lookup; see the header.
  static const Instant kFrom = LondonMidnight(*ParseDate(kPpmidAmendmentEffectiveDate));
  return at >= kFrom;
}

}  // namespace s1mig::dmct
