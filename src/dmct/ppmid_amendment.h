// Whether the SMETS1 PPMID definition change (U1-PPMID, bringing in SMETS1 SVTAD clause 20.5A) is
// in force at an instant. The one place the DMCT workflow asks this.
#pragma once

#include "base/time.h"

namespace s1mig::dmct {

// The date used when the shipped rule pack cannot be read (DOMAIN.md: 2021-07-29).
inline constexpr char kPpmidAmendmentEffectiveDate[] = "2021-07-29";

// True when `at` >= 00:00 Europe/London on the effective date of the shipped rule pack's
// amendment that changes the display classification (U1-PPMID in rules/tmad.toml), so a slipped
// date is a one-line edit of the pack, with no rebuild.
bool PpmidAmendmentInForce(Instant at);

}  // namespace s1mig::dmct
