// The human-readable reports of the DMCT workflow's steps, as the CLI prints them (one line per
// fact, each ending in '\n').
#pragma once

#include <string>

#include "dmct/workflow.h"

namespace s1mig::dmct {

// What an assessment did: the record, whether SVTAD 20.5A applied, the submissions reclassified
// or restored, the notices and their deadlines, and the EPCL listing by substantive equivalence.
std::string AssessOutcomeText(const AssessRequest& req, const AssessOutcome& o);

// The decision and its effect (upheld: PPMID again from its date; dismissed: stays IHD).
std::string DecideOutcomeText(const DecideRequest& req, const DecideOutcome& o);

// One notice: a line of key=value fields, then its text indented by four spaces.
std::string NoticeText(const store::Notice& n);

}  // namespace s1mig::dmct
