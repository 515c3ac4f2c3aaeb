// Whether change U1-PPMID (the SMETS1 PPMID definition change that brings in SMETS1 SVTAD clause
// 20.5A) is in force at an instant. The one place the DMCT workflow asks this.
#pragma once

#include "base/time.h"

namespace s1mig::dmct {

// The date the shipped rule pack gives U1-PPMID (DOMAIN.md: in force from 2021-07-29).
inline constexpr char kPpmidAmendmentEffectiveDate[] = "2021-07-29";

// True when U1-PPMID is in force at `at`: at >= 00:00 Europe/London on its effective date.
// TODO(lead): replace the constant with a lookup of amendment U1-PPMID in the loaded rule pack
// (src/rules) once its API lands, so that a slipped date needs no rebuild.
bool PpmidAmendmentInForce(Instant at);

}  // namespace s1mig::dmct
