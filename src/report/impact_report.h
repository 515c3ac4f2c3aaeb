// Renders impact.json (`s1mig impact`) as one self-contained HTML page: report.html.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace s1mig::report {

// Returns the complete HTML document for `impact`, an impact.json document as written by
// `s1mig impact` (docs/report.md describes the page). The page loads nothing from the network:
// the stylesheet is inline, the charts are inline SVG, and there is no executable script. Every
// string taken from `impact` is HTML-escaped; every count appears in plain digits in a
// data-value attribute, and `impact` itself is embedded in <script type="application/json"
// id="impact-data">. Missing or mistyped fields are drawn as dashes: this never throws and never
// fails, so the caller only has to write the string (through OutputFs).
std::string RenderImpactReport(const nlohmann::ordered_json& impact);

}  // namespace s1mig::report
