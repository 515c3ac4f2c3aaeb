// The report's table sections, each rendered from impact.json (internal to s1mig_report).
#pragma once

#include <string>

#include "report/impact_json.h"

namespace s1mig::report {

// The weighed amendments: id, title, clause, date, and their totals alone.
std::string RenderAmendmentOverview(const Json& impact);

// Unblocked and newly blocked, per amendment alone and all together, by cohort and by reason.
std::string RenderAttributionTables(const Json& impact);

// Baseline against proposed: outcomes, reasons, cohort x outcome, display classes, INVALID rows.
std::string RenderCountTables(const Json& impact);

}  // namespace s1mig::report
