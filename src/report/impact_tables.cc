// The report's table sections (amendments, attribution, baseline against proposed).
#include <optional>
#include <vector>

#include "report/html_text.h"
#include "report/impact_sections.h"

namespace s1mig::report {
namespace {

// A row of an attribution table: a label and the breakdown object it reads.
struct BreakdownRow {
  std::string label;
  bool mono = false;  // label is an identifier
  bool ref = false;   // a reference row (totals), set apart from the per-amendment rows
  const Json* breakdown = nullptr;
};

std::string RowHeader(const std::string& label, bool mono) {
  return "<th scope=\"row\">" + std::string(mono ? "<code>" : "") + HtmlEscape(label) +
         (mono ? "</code>" : "") + "</th>";
}

std::string Wrap(const std::string& table) {
  return "<div class=\"table-wrap\">" + table + "</div>";
}

// One table: rows x (keys of `field` in each row's breakdown) plus the breakdown's total.
std::string BreakdownTable(const std::string& caption, const std::string& corner,
                           const std::vector<BreakdownRow>& rows, std::string_view field,
                           bool cohort_labels, const std::vector<const Json*>& extra_key_sources) {
  std::vector<const Json*> sources = extra_key_sources;
  for (const auto& r : rows) sources.push_back(&Field(*r.breakdown, field));
  std::vector<std::string> keys = KeyUnion(sources);
  std::string t = "<table><caption>" + HtmlEscape(caption) +
                  "</caption><thead><tr><th scope=\"col\">" + HtmlEscape(corner) + "</th>";
  for (const auto& k : keys) {
    t += "<th scope=\"col\" class=\"num\">" +
         (cohort_labels ? HtmlEscape(CohortLabel(k)) : "<code>" + HtmlEscape(k) + "</code>") +
         "</th>";
  }
  t += "<th scope=\"col\" class=\"num sep\">Installations</th></tr></thead><tbody>";
  bool seen_ref = false;
  for (const auto& r : rows) {
    std::string cls;
    if (r.ref) cls = seen_ref ? "ref" : "ref first-ref";
    seen_ref = seen_ref || r.ref;
    t += "<tr" + (cls.empty() ? "" : " class=\"" + cls + "\"") + ">" + RowHeader(r.label, r.mono);
    const Json& by = Field(*r.breakdown, field);
    for (const auto& k : keys) t += CountCell(CountOf(Field(by, k)));
    t += CountCell(CountOf(Field(*r.breakdown, "total")), "sep") + "</tr>";
  }
  return Wrap(t + "</tbody></table>");
}

std::vector<BreakdownRow> AmendmentRows(const Json& impact, std::string_view which) {
  std::vector<BreakdownRow> rows;
  const Json& amendments = Field(impact, "amendments");
  if (!amendments.is_array()) return rows;
  for (const auto& a : amendments)
    rows.push_back({TextOf(Field(a, "id")), true, false, &Field(a, which)});
  return rows;
}

// Columns for "by cohort" tables also come from the baseline, so every cohort shows even at 0.
std::vector<const Json*> CohortKeySources(const Json& impact) {
  return {&Path(impact, {"baseline", "counts", "by_cohort"}),
          &Path(impact, {"proposed", "counts", "by_cohort"})};
}

std::optional<int64_t> Count(const Json& counts, std::string_view field, std::string_view key) {
  return CountOf(Field(Field(counts, field), key));
}

// Rows = keys of counts[field] in baseline and proposed; columns = baseline, proposed, change.
std::string BeforeAfterTable(const Json& impact, const std::string& caption,
                             const std::string& corner, std::string_view field, bool mono,
                             bool with_share, bool with_total_row) {
  const Json& b = Path(impact, {"baseline", "counts"});
  const Json& p = Path(impact, {"proposed", "counts"});
  std::vector<std::string> keys = KeyUnion({&Field(b, field), &Field(p, field)});
  auto b_total = CountOf(Field(b, "total")), p_total = CountOf(Field(p, "total"));
  std::string t = "<table class=\"compact\"><caption>" + HtmlEscape(caption) +
                  "</caption><thead><tr><th scope=\"col\">" + HtmlEscape(corner) +
                  "</th><th scope=\"col\" class=\"num\">Baseline</th>";
  if (with_share) t += "<th scope=\"col\" class=\"num\">% of rows</th>";
  t += "<th scope=\"col\" class=\"num sep\">Proposed</th>";
  if (with_share) t += "<th scope=\"col\" class=\"num\">% of rows</th>";
  t += "<th scope=\"col\" class=\"num sep\">Change</th></tr></thead><tbody>";
  auto share = [](std::optional<int64_t> n, std::optional<int64_t> total) {
    return "<td class=\"num\">" +
           (n && total ? HtmlEscape(FormatPercent(*n, *total)) : "\xE2\x80\x93") + "</td>";
  };
  auto row = [&](const std::string& label, bool is_mono, std::optional<int64_t> x,
                 std::optional<int64_t> y, const std::string& cls) {
    std::string r = "<tr" + (cls.empty() ? "" : " class=\"" + cls + "\"") + ">" +
                    RowHeader(label, is_mono) + CountCell(x);
    if (with_share) r += share(x, b_total);
    r += CountCell(y, "sep");
    if (with_share) r += share(y, p_total);
    return r + ChangeCell(x, y, "sep") + "</tr>";
  };
  for (const auto& k : keys) t += row(k, mono, Count(b, field, k), Count(p, field, k), "");
  if (with_total_row) t += row("All rows", false, b_total, p_total, "ref first-ref");
  if (keys.empty()) t += "<tr><td colspan=\"6\" class=\"none\">Not in impact.json.</td></tr>";
  return Wrap(t + "</tbody></table>");
}

// Cohorts down, outcomes across, baseline then proposed.
std::string CohortOutcomeTable(const Json& impact) {
  const Json& b = Path(impact, {"baseline", "counts", "by_cohort"});
  const Json& p = Path(impact, {"proposed", "counts", "by_cohort"});
  std::vector<std::string> cohorts = KeyUnion({&b, &p});
  std::vector<const Json*> outcome_sources;
  for (const auto& c : cohorts) {
    outcome_sources.push_back(&Field(b, c));
    outcome_sources.push_back(&Field(p, c));
  }
  std::vector<std::string> outcomes = KeyUnion(outcome_sources);
  std::string span = std::to_string(outcomes.size());
  std::string t =
      "<table class=\"compact\"><caption>Installations by cohort and outcome</caption><thead>"
      "<tr class=\"group\"><th></th><th colspan=\"" +
      span + "\">Baseline</th><th colspan=\"" + span +
      "\" class=\"sep\">Proposed</th></tr><tr><th scope=\"col\">Cohort</th>";
  for (int side = 0; side < 2; ++side)
    for (size_t i = 0; i < outcomes.size(); ++i)
      t += "<th scope=\"col\" class=\"num" + std::string(side == 1 && i == 0 ? " sep" : "") +
           "\">" + HtmlEscape(outcomes[i]) + "</th>";
  t += "</tr></thead><tbody>";
  for (const auto& c : cohorts) {
    t += "<tr>" + RowHeader(CohortLabel(c), false);
    for (int side = 0; side < 2; ++side)
      for (size_t i = 0; i < outcomes.size(); ++i)
        t += CountCell(CountOf(Field(Field(side == 0 ? b : p, c), outcomes[i])),
                       side == 1 && i == 0 ? "sep" : "");
    t += "</tr>";
  }
  if (cohorts.empty()) t += "<tr><td class=\"none\">Not in impact.json.</td></tr>";
  return Wrap(t + "</tbody></table>");
}

}  // namespace

std::string RenderAmendmentOverview(const Json& impact) {
  const Json& amendments = Field(impact, "amendments");
  std::vector<std::string> base = TextsOf(Path(impact, {"baseline", "amendments"}));
  std::string t =
      "<div class=\"table-wrap\"><table><caption>Amendments weighed (in the proposal, not in the "
      "baseline)</caption><thead><tr><th scope=\"col\">Amendment</th><th scope=\"col\">Title</th>"
      "<th scope=\"col\">Clause</th><th scope=\"col\">In force from</th>"
      "<th scope=\"col\" class=\"num sep\">Unblocked alone</th>"
      "<th scope=\"col\" class=\"num\">Newly blocked alone</th></tr></thead><tbody>";
  size_t n = 0;
  if (amendments.is_array()) {
    for (const auto& a : amendments) {
      ++n;
      std::string eff = TextOf(Field(a, "effective"));
      t += "<tr>" + RowHeader(TextOf(Field(a, "id")), true) + "<td class=\"title-cell\">" +
           HtmlEscape(TextOf(Field(a, "title"))) + "</td><td>" +
           HtmlEscape(TextOf(Field(a, "clause"))) + "</td><td class=\"mono\">" +
           (eff.empty() ? "\xE2\x80\x93" : HtmlEscape(eff)) + "</td>" +
           CountCell(CountOf(Path(a, {"unblocked_alone", "total"})), "sep") +
           CountCell(CountOf(Path(a, {"newly_blocked_alone", "total"}))) + "</tr>";
    }
  }
  if (n == 0)
    t += "<tr><td colspan=\"6\" class=\"none\">No amendment is weighed: the proposal adds nothing "
         "to the baseline.</td></tr>";
  return t + "</tbody></table></div>";
}

std::string RenderAttributionTables(const Json& impact) {
  std::string out;
  std::vector<BreakdownRow> un = AmendmentRows(impact, "unblocked_alone");
  un.push_back({"All weighed amendments together", false, true, &Field(impact, "unblocked_total")});
  un.push_back({"Only in combination", false, true, &Field(impact, "needs_combination")});
  std::vector<BreakdownRow> nb = AmendmentRows(impact, "newly_blocked_alone");
  nb.push_back(
      {"All weighed amendments together", false, true, &Field(impact, "newly_blocked_total")});

  out += "<h3>Unblocked: BLOCKED under the baseline, ELIGIBLE after</h3>";
  out += BreakdownTable("Unblocked installations by cohort", "Amendment", un, "by_cohort", true,
                        CohortKeySources(impact));
  out +=
      BreakdownTable("Unblocked installations by the reason that blocked them under the baseline",
                     "Amendment", un, "by_reason", false, {});
  out +=
      "<p class=\"note\">Each amendment row is the baseline against the baseline plus that "
      "amendment alone. "
      "\xE2\x80\x9C"
      "Only in combination\xE2\x80\x9D counts installations that the whole set unblocks but no "
      "single amendment does. Rows need not add up: an installation that either of two amendments "
      "unblocks on "
      "its own is counted under both. In the by-reason table an installation blocked for several "
      "reasons is "
      "counted under each, so the reason columns can add up to more than the installations "
      "column.</p>";

  out += "<h3>Newly blocked: ELIGIBLE under the baseline, BLOCKED after</h3>";
  auto nb_total = CountOf(Path(impact, {"newly_blocked_total", "total"}));
  if (nb_total && *nb_total == 0)
    out += "<p class=\"note\">No installation is newly blocked by the proposal.</p>";
  out += BreakdownTable("Newly blocked installations by cohort", "Amendment", nb, "by_cohort", true,
                        CohortKeySources(impact));
  out += BreakdownTable("Newly blocked installations by the reason that blocks them afterwards",
                        "Amendment", nb, "by_reason", false, {});
  return out;
}

std::string RenderCountTables(const Json& impact) {
  std::string out;
  out += BeforeAfterTable(impact, "Installations by outcome", "Outcome", "by_outcome", false, true,
                          true);
  out += BeforeAfterTable(impact, "Blocked installations by reason", "Reason", "by_reason", true,
                          false, false);
  out +=
      "<p class=\"note\">An installation blocked for several reasons is counted under each, so the "
      "reasons add "
      "up to at least the number BLOCKED.</p>";
  out += CohortOutcomeTable(impact);
  out += BeforeAfterTable(impact, "Installations by display class", "Display class",
                          "by_display_class", false, false, false);
  out += BeforeAfterTable(impact, "INVALID rows by the column at fault", "Column",
                          "invalid_by_column", true, false, false);
  return out;
}

}  // namespace s1mig::report
