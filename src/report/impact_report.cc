// Renders impact.json as one self-contained HTML page: masthead, headline figures, charts,
// amendments and red-line, tables, provenance, and the embedded JSON.
#include "report/impact_report.h"

#include <optional>
#include <vector>

#include "report/html_text.h"
#include "report/impact_json.h"
#include "report/impact_sections.h"
#include "report/report_style.h"
#include "report/svg_chart.h"

namespace s1mig::report {
namespace {

constexpr std::string_view kDash = "\xE2\x80\x93";
constexpr std::string_view kArrow = " \xE2\x86\x92 ";

std::string Digits(std::optional<int64_t> n) {
  if (!n) return std::string(kDash);
  return "<span data-value=\"" + std::to_string(*n) + "\">" + FormatCount(*n) + "</span>";
}

std::string Chips(const std::vector<std::string>& ids, std::string_view if_empty) {
  if (ids.empty()) return "<span class=\"none\">" + std::string(if_empty) + "</span>";
  std::string out;
  for (const auto& id : ids) out += "<span class=\"chip\">" + HtmlEscape(id) + "</span>";
  return out;
}

std::string SpecFacts(const Json& side) {
  std::string spec = TextOf(Field(side, "spec"));
  return "<code>" + (spec.empty() ? std::string(kDash) : HtmlEscape(spec)) + "</code> &nbsp;" +
         Chips(TextsOf(Field(side, "amendments")), "no amendments");
}

std::string Masthead(const Json& impact) {
  std::string as_of = TextOf(Field(impact, "as_of"));
  std::string london = TextOf(Field(impact, "as_of_london_date"));
  std::string out =
      "<header class=\"masthead\"><div class=\"eyebrow\">s1mig &middot; what-if impact of rule "
      "amendments</div><h1>Impact of rule amendments on the SMETS1 estate</h1>";
  out += "<p class=\"lede\">How the migration outcomes of a snapshot of " +
         Digits(CountOf(Field(impact, "rows"))) +
         " installations change when the proposed amendments replace the baseline, and which "
         "amendment each "
         "change is owed to. Every figure on this page is taken from the run's impact.json, which "
         "is embedded at "
         "the end of this file.</p>";
  out += "<dl class=\"facts\"><dt>Snapshot as of</dt><dd><code>" +
         HtmlEscape(as_of.empty() ? "?" : as_of) + "</code>" +
         (london.empty() ? "" : " (London date " + HtmlEscape(london) + ")") + "</dd>";
  out += "<dt>Installations (rows)</dt><dd>" + Digits(CountOf(Field(impact, "rows"))) + "</dd>";
  out += "<dt>Baseline</dt><dd>" + SpecFacts(Field(impact, "baseline")) + "</dd>";
  out += "<dt>Proposed</dt><dd>" + SpecFacts(Field(impact, "proposed")) + "</dd>";
  out += "<dt>Weighed</dt><dd>" +
         Chips(TextsOf(Field(impact, "weighed")), "nothing: the proposal adds no amendment") +
         "</dd>";
  const Json& problems = Field(impact, "problems");
  if (problems.is_object() && !problems.empty()) {
    out += "<dt>Data problems</dt><dd>";
    std::string sep;
    for (auto it = problems.begin(); it != problems.end(); ++it) {
      out += sep + HtmlEscape(it.key()) + ": " + Digits(CountOf(it.value()));
      sep = ", ";
    }
    out += " <span class=\"note\">(each listed in errors.csv)</span></dd>";
  }
  out += "</dl>";
  out +=
      "<nav class=\"toc\" aria-label=\"Contents\"><a href=\"#headline\">Headline</a><a "
      "href=\"#charts\">Charts</a>"
      "<a href=\"#amendments\">Amendments &amp; red-line</a><a href=\"#attribution\">By "
      "amendment</a>"
      "<a href=\"#counts\">Baseline vs proposed</a><a href=\"#inputs\">Inputs</a></nav></header>";
  return out;
}

std::string Kpi(std::string_view tone, std::string_view label, const std::string& value,
                const std::string& sub) {
  return "<div class=\"kpi " + std::string(tone) + "\"><div class=\"k\">" + std::string(label) +
         "</div><div class=\"v\">" + value + "</div><div class=\"s\">" + sub + "</div></div>";
}

std::string Headline(const Json& impact) {
  const Json& b = Path(impact, {"baseline", "counts"});
  const Json& p = Path(impact, {"proposed", "counts"});
  auto b_blocked = CountOf(Path(b, {"by_outcome", "BLOCKED"}));
  auto p_blocked = CountOf(Path(p, {"by_outcome", "BLOCKED"}));
  auto b_elig = CountOf(Path(b, {"by_outcome", "ELIGIBLE"}));
  auto p_elig = CountOf(Path(p, {"by_outcome", "ELIGIBLE"}));
  auto b_total = CountOf(Field(b, "total")), p_total = CountOf(Field(p, "total"));
  auto unblocked = CountOf(Path(impact, {"unblocked_total", "total"}));
  auto pct = [](std::optional<int64_t> a, std::optional<int64_t> whole) {
    return a && whole ? HtmlEscape(FormatPercent(*a, *whole)) : std::string(kDash);
  };
  std::string out = "<section id=\"headline\"><h2>Headline figures</h2><div class=\"kpis\">";
  out += Kpi("pos", "Unblocked by the proposal", Digits(unblocked),
             "of " + Digits(b_blocked) + " BLOCKED under the baseline (" +
                 pct(unblocked, b_blocked) + ")");
  out +=
      Kpi("neg", "Newly blocked", Digits(CountOf(Path(impact, {"newly_blocked_total", "total"}))),
          "ELIGIBLE under the baseline, BLOCKED under the proposal");
  out += Kpi("mid", "Only in combination",
             Digits(CountOf(Path(impact, {"needs_combination", "total"}))),
             "unblocked by the whole set, but by no single amendment");
  out += Kpi(
      "", "BLOCKED, baseline" + std::string(kArrow) + "proposed",
      Digits(b_blocked) + "<span class=\"s\">" + std::string(kArrow) + "</span>" +
          Digits(p_blocked),
      "ELIGIBLE " + pct(b_elig, b_total) + std::string(kArrow) + pct(p_elig, p_total) + " of rows");
  return out + "</div></section>";
}

std::string Charts(const Json& impact) {
  std::string base_spec = TextOf(Path(impact, {"baseline", "spec"}));
  std::string prop_spec = TextOf(Path(impact, {"proposed", "spec"}));
  const Json& b_reason = Path(impact, {"baseline", "counts", "by_reason"});
  const Json& p_reason = Path(impact, {"proposed", "counts", "by_reason"});

  BarChart by_reason;
  by_reason.id = "chart-reasons";
  by_reason.title = "Blocked installations by reason, baseline against proposed";
  by_reason.description =
      "Grouped horizontal bars: for each reason code, the number of installations it blocks "
      "under the baseline and under the proposal. The figures are in the tables below.";
  by_reason.categories = KeyUnion({&b_reason, &p_reason});
  ChartSeries bs{"Baseline (" + base_spec + ")", std::string(kBaselineColor), {}};
  ChartSeries ps{"Proposed (" + prop_spec + ")", std::string(kProposedColor), {}};
  for (const auto& r : by_reason.categories) {
    bs.values.push_back(CountOf(Field(b_reason, r)).value_or(0));
    ps.values.push_back(CountOf(Field(p_reason, r)).value_or(0));
  }
  by_reason.series = {bs, ps};

  BarChart by_amendment;
  by_amendment.id = "chart-amendments";
  by_amendment.title = "Installations unblocked by each amendment alone, by cohort";
  by_amendment.description =
      "Stacked horizontal bars: for each weighed amendment, the installations it unblocks "
      "on its own, split by cohort; then all amendments together, and those unblocked only "
      "in combination. The figures are in the tables below.";
  std::vector<const Json*> rows;
  const Json& amendments = Field(impact, "amendments");
  if (amendments.is_array()) {
    for (const auto& a : amendments) {
      by_amendment.categories.push_back(TextOf(Field(a, "id")));
      rows.push_back(&Field(a, "unblocked_alone"));
    }
  }
  by_amendment.reference_from = rows.size();
  by_amendment.categories.push_back("All together");
  rows.push_back(&Field(impact, "unblocked_total"));
  by_amendment.categories.push_back("Only in combination");
  rows.push_back(&Field(impact, "needs_combination"));
  std::vector<const Json*> cohort_sources = {&Path(impact, {"baseline", "counts", "by_cohort"})};
  for (const Json* r : rows) cohort_sources.push_back(&Field(*r, "by_cohort"));
  std::vector<std::string> cohorts = KeyUnion(cohort_sources);
  for (size_t i = 0; i < cohorts.size(); ++i) {
    ChartSeries s{CohortLabel(cohorts[i]), SeriesColor(i), {}};
    for (const Json* r : rows)
      s.values.push_back(CountOf(Path(*r, {"by_cohort", cohorts[i]})).value_or(0));
    by_amendment.series.push_back(std::move(s));
  }

  std::string out = "<section id=\"charts\"><h2>Charts</h2>";
  out +=
      "<figure><figcaption>Blocked installations by reason: baseline against "
      "proposed</figcaption>" +
      std::string("<div class=\"chart-wrap\">") + RenderGroupedBarChart(by_reason) + "</div>" +
      "<p class=\"note\">An installation blocked for several reasons is counted under each "
      "reason.</p></figure>";
  out +=
      "<figure><figcaption>Installations unblocked by each amendment alone, by "
      "cohort</figcaption>" +
      std::string("<div class=\"chart-wrap\">") + RenderStackedBarChart(by_amendment) + "</div>" +
      "<p class=\"note\">Each amendment is measured as the baseline plus that amendment only. "
      "\xE2\x80\x9C"
      "All together\xE2\x80\x9D is the baseline against the whole proposal; \xE2\x80\x9COnly in "
      "combination"
      "\xE2\x80\x9D are the installations no single amendment unblocks.</p></figure>";
  return out + "</section>";
}

std::string Amendments(const Json& impact) {
  std::string out = "<section id=\"amendments\"><h2>Amendments and red-line</h2>" +
                    RenderAmendmentOverview(impact);
  out += "<h3>Red-line: what the proposal changes in the rules</h3>";
  std::vector<std::string> lines = TextsOf(Field(impact, "redline"));
  if (lines.empty()) {
    out += "<p class=\"none\">No change to the rules.</p>";
  } else {
    out += "<ol class=\"redline\">";
    for (const auto& l : lines) out += "<li>" + HtmlEscape(l) + "</li>";
    out += "</ol>";
  }
  out +=
      "<p class=\"note\">As <code>s1mig rules diff</code> prints it: each line names the rule "
      "changed, its "
      "scope, the value before and after, the amendment and its clause.</p>";
  return out + "</section>";
}

std::string HashRow(const std::string& what, const Json& v, std::string_view row_class = "") {
  std::string hash = v.is_string() ? v.get<std::string>() : TextOf(Field(v, "sha256"));
  std::string tr = row_class.empty() ? "<tr>" : "<tr class=\"" + std::string(row_class) + "\">";
  return tr + "<th scope=\"row\"><code>" + HtmlEscape(what) + "</code></th><td class=\"hash\">" +
         (hash.empty() ? std::string(kDash) : HtmlEscape(hash)) + "</td></tr>";
}

std::string Inputs(const Json& impact) {
  std::string out =
      "<section id=\"inputs\"><h2>Inputs and rule pack</h2><div class=\"table-wrap\"><table>"
      "<caption>SHA-256 of each input file and of the rule pack</caption><thead><tr><th "
      "scope=\"col\">"
      "File</th><th scope=\"col\">SHA-256</th></tr></thead><tbody>";
  const Json& inputs = Field(impact, "inputs");
  if (inputs.is_object())
    for (auto it = inputs.begin(); it != inputs.end(); ++it) out += HashRow(it.key(), it.value());
  const Json& pack = Field(impact, "rule_pack");
  std::vector<std::string> files = TextsOf(Field(pack, "files"));
  std::string label = "rule pack";
  if (!files.empty()) {
    label += ":";
    for (const auto& f : files) label += " " + f;
  }
  out += HashRow(label, Field(pack, "sha256"), "ref first-ref");
  out +=
      "</tbody></table></div><p class=\"note\">Recompute with <code>sha256sum</code> to confirm "
      "that a figure "
      "came from these files and this rule pack.</p></section>";
  return out;
}

std::string Footer(const Json& impact) {
  std::string tool = TextOf(Field(impact, "tool"));
  std::string version = TextOf(Field(impact, "version"));
  const Json& wall = Field(impact, "wall_time_seconds");
  std::string out = "<footer>Generated by " + HtmlEscape(tool.empty() ? "s1mig" : tool) + " " +
                    HtmlEscape(version.empty() ? "?" : version);
  if (wall.is_number()) {
    out += " &middot; impact run wall time <span data-value=\"" + HtmlEscape(wall.dump()) + "\">" +
           HtmlEscape(FormatSeconds(wall.get<double>())) + "</span>";
  }
  out += " &middot; snapshot as of " + HtmlEscape(TextOf(Field(impact, "as_of"))) +
         ". This page is self-contained and loads nothing from the network; the impact.json it was "
         "drawn from is "
         "embedded in it (<code>script#impact-data</code>).</footer>";
  return out;
}

}  // namespace

std::string RenderImpactReport(const nlohmann::ordered_json& impact) {
  std::string base = TextOf(Path(impact, {"baseline", "spec"}));
  std::string prop = TextOf(Path(impact, {"proposed", "spec"}));
  std::string tool_version = TextOf(Field(impact, "tool")) + " " + TextOf(Field(impact, "version"));
  std::string page;
  page.reserve(64 * 1024);
  page +=
      "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      // Belt and braces: even a bug here could not make the page fetch anything.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'; "
      "img-src data:\">"
      "<meta name=\"generator\" content=\"" +
      HtmlEscape(tool_version) + "\">";
  page += "<title>Impact of rule amendments: " + HtmlEscape(base.empty() ? "?" : base) +
          std::string(kArrow) + HtmlEscape(prop.empty() ? "?" : prop) + ", as of " +
          HtmlEscape(TextOf(Field(impact, "as_of"))) + "</title><style>";
  page += ReportCss();
  page += "</style></head>\n<body><main>\n";
  page += Masthead(impact);
  page += "\n" + Headline(impact);
  page += "\n" + Charts(impact);
  page += "\n" + Amendments(impact);
  page += "\n<section id=\"attribution\"><h2>What each amendment changes</h2>" +
          RenderAttributionTables(impact) + "</section>";
  page += "\n<section id=\"counts\"><h2>Baseline against proposed</h2>" +
          RenderCountTables(impact) + "</section>";
  page += "\n" + Inputs(impact);
  page += "\n" + Footer(impact);
  page += "\n</main>\n<script type=\"application/json\" id=\"impact-data\">";
  page += JsonForScriptBlock(impact);
  page += "</script>\n</body></html>\n";
  return page;
}

}  // namespace s1mig::report
