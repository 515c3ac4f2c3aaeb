// Tests for the HTML impact report: every figure, id, reason and hash of impact.json appears;
// user text is escaped; nothing is loaded from the network; the embedded JSON parses back.
#include "report/impact_report.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "report/html_text.h"
#include "report/svg_chart.h"

namespace s1mig::report {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kBlockOpen = "<script type=\"application/json\" id=\"impact-data\">";

Json LoadSample() {
  std::ifstream in(std::string(S1MIG_SOURCE_DIR) + "/tests/data/impact-sample.json");
  EXPECT_TRUE(in) << "tests/data/impact-sample.json is missing";
  return Json::parse(in);
}

// The page without the embedded JSON block: what a reader sees (markup included).
std::string Visible(const std::string& page) {
  size_t open = page.find(kBlockOpen);
  if (open == std::string::npos) return page;
  size_t close = page.find("</script>", open);
  return page.substr(0, open) + page.substr(close == std::string::npos ? page.size() : close);
}

std::string EmbeddedJson(const std::string& page) {
  size_t open = page.find(kBlockOpen);
  if (open == std::string::npos) return "";
  open += kBlockOpen.size();
  return page.substr(open, page.find("</script>", open) - open);
}

size_t Occurrences(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

// Every integer leaf under `j`, with its JSON pointer, for error messages.
void CollectIntegers(const Json& j, const std::string& where,
                     std::vector<std::pair<std::string, int64_t>>* out) {
  if (j.is_number_integer()) {
    out->emplace_back(where, j.get<int64_t>());
  } else if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it)
      CollectIntegers(it.value(), where + "/" + it.key(), out);
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i)
      CollectIntegers(j[i], where + "/" + std::to_string(i), out);
  }
}

void CollectKeys(const Json& j, const std::string& name, std::vector<std::string>* out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == name && it.value().is_object())
        for (auto r = it.value().begin(); r != it.value().end(); ++r) out->push_back(r.key());
      CollectKeys(it.value(), name, out);
    }
  } else if (j.is_array()) {
    for (const auto& e : j) CollectKeys(e, name, out);
  }
}

TEST(ImpactReportTest, EveryFigureAppearsInPlainDigitsAndFormatted) {
  Json impact = LoadSample();
  std::string visible = Visible(RenderImpactReport(impact));
  std::vector<std::pair<std::string, int64_t>> figures;
  for (const char* key : {"baseline", "proposed", "amendments", "unblocked_total",
                          "newly_blocked_total", "needs_combination", "rows", "problems"}) {
    CollectIntegers(impact[key], std::string("/") + key, &figures);
  }
  ASSERT_GT(figures.size(), 150u);
  for (const auto& [where, n] : figures) {
    EXPECT_NE(visible.find("data-value=\"" + std::to_string(n) + "\""), std::string::npos)
        << where << " = " << n << " has no data-value outside the JSON block";
    EXPECT_NE(visible.find(">" + FormatCount(n) + "<"), std::string::npos)
        << where << " = " << n << " is not shown as " << FormatCount(n);
  }
}

TEST(ImpactReportTest, EveryAmendmentReasonHashAndRedlineAppears) {
  Json impact = LoadSample();
  std::string visible = Visible(RenderImpactReport(impact));
  for (const auto& a : impact["amendments"]) {
    std::string id = a["id"].get<std::string>();
    EXPECT_NE(visible.find(HtmlEscape(id)), std::string::npos) << id;
    EXPECT_NE(visible.find(HtmlEscape(a["title"].get<std::string>())), std::string::npos) << id;
    EXPECT_NE(visible.find(HtmlEscape(a["clause"].get<std::string>())), std::string::npos) << id;
  }
  std::vector<std::string> reasons;
  CollectKeys(impact, "by_reason", &reasons);
  ASSERT_FALSE(reasons.empty());
  for (const auto& r : reasons)
    EXPECT_NE(visible.find("<code>" + HtmlEscape(r) + "</code>"), std::string::npos) << r;
  for (auto it = impact["inputs"].begin(); it != impact["inputs"].end(); ++it) {
    EXPECT_NE(visible.find(it.key()), std::string::npos);
    EXPECT_NE(visible.find(it.value()["sha256"].get<std::string>()), std::string::npos) << it.key();
  }
  EXPECT_NE(visible.find(impact["rule_pack"]["sha256"].get<std::string>()), std::string::npos);
  for (const auto& f : impact["rule_pack"]["files"])
    EXPECT_NE(visible.find(f.get<std::string>()), std::string::npos);
  for (const auto& line : impact["redline"])
    EXPECT_NE(visible.find("<li>" + HtmlEscape(line.get<std::string>()) + "</li>"),
              std::string::npos)
        << line;
  EXPECT_NE(visible.find(impact["as_of"].get<std::string>()), std::string::npos);
  EXPECT_NE(visible.find("0.1.0"), std::string::npos);
  EXPECT_NE(visible.find("3.84 s"), std::string::npos);  // wall time
}

TEST(ImpactReportTest, UserWrittenTextIsEscaped) {
  Json impact = LoadSample();
  impact["amendments"][0]["title"] = "<script>alert('x')</script> & \"co\"";
  impact["amendments"][0]["id"] = "LOCAL<b>1";
  impact["weighed"][0] = "LOCAL<b>1";
  impact["redline"].push_back("GT01 window <img src=x onerror=alert(1)> & more");
  impact["baseline"]["counts"]["by_reason"]["R<i>X"] = 7;
  std::string page = RenderImpactReport(impact);
  std::string visible = Visible(page);
  EXPECT_EQ(visible.find("<script>alert"), std::string::npos);
  EXPECT_EQ(visible.find("<b>"), std::string::npos);
  EXPECT_EQ(visible.find("<i>"), std::string::npos);
  EXPECT_EQ(visible.find("<img"), std::string::npos);
  EXPECT_NE(visible.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;"),
            std::string::npos);
  EXPECT_NE(visible.find("LOCAL&lt;b&gt;1"), std::string::npos);
  EXPECT_NE(visible.find("&lt;img src=x onerror=alert(1)&gt; &amp; more"), std::string::npos);
  EXPECT_NE(visible.find("R&lt;i&gt;X"), std::string::npos);
  // The only script element is the inert JSON block, and "</script>" in a string did not end it.
  EXPECT_EQ(Occurrences(page, "<script"), 1u);
  EXPECT_EQ(Occurrences(page, "</script>"), 1u);
  EXPECT_EQ(Json::parse(EmbeddedJson(page)), impact);
}

TEST(ImpactReportTest, LoadsNothingFromTheNetwork) {
  Json impact = LoadSample();
  impact["amendments"][1]["title"] = "see https://example.org/x.js and http://example.org/y.css";
  std::string page = RenderImpactReport(impact);
  std::string visible = Visible(page);
  std::regex remote(R"((src|href|action|poster|srcset|xlink:href)\s*=\s*["']?\s*(https?:)?//)",
                    std::regex::icase);
  EXPECT_FALSE(std::regex_search(page, remote));
  EXPECT_EQ(visible.find("url("), std::string::npos);
  EXPECT_EQ(visible.find("@import"), std::string::npos);
  EXPECT_EQ(visible.find("<link"), std::string::npos);
  EXPECT_EQ(visible.find("<img"), std::string::npos);
  EXPECT_EQ(visible.find("<iframe"), std::string::npos);
  EXPECT_EQ(visible.find(" src="), std::string::npos);
  // The only links are to sections of the page itself.
  std::regex href(R"(href\s*=\s*"([^"]*)\")");
  for (auto it = std::sregex_iterator(visible.begin(), visible.end(), href);
       it != std::sregex_iterator(); ++it)
    EXPECT_EQ((*it)[1].str().rfind('#', 0), 0u) << (*it)[1].str();
  EXPECT_NE(page.find("Content-Security-Policy"), std::string::npos);
}

TEST(ImpactReportTest, EmbeddedJsonParsesBackToTheInput) {
  Json impact = LoadSample();
  std::string page = RenderImpactReport(impact);
  Json back = Json::parse(EmbeddedJson(page));
  EXPECT_EQ(back, impact);
  EXPECT_EQ(back.dump(), impact.dump());  // key order kept too
}

TEST(ImpactReportTest, PageIsStructurallySound) {
  std::string page = RenderImpactReport(LoadSample());
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  for (const char* tag :
       {"table", "svg", "section", "figure", "tr", "td", "th", "ol", "li", "dl", "main", "g"}) {
    std::string open = std::string("<") + tag;
    size_t opens = Occurrences(page, open + " ") + Occurrences(page, open + ">");
    EXPECT_EQ(opens, Occurrences(page, std::string("</") + tag + ">")) << tag;
  }
  EXPECT_EQ(Occurrences(page, "<svg"), 2u);
  EXPECT_NE(page.find("Impact of rule amendments"), std::string::npos);
}

TEST(ImpactReportTest, MissingOrMistypedFieldsDrawDashesNotErrors) {
  for (const char* text :
       {"{}", "[]", "null", "3", R"({"baseline": 5, "amendments": {"x": 1}, "rows": "many"})",
        R"({"amendments": [{"id": 5, "unblocked_alone": []}], "inputs": {"a.csv": "abc"}})"}) {
    std::string page = RenderImpactReport(Json::parse(text));
    EXPECT_NE(page.find("</html>"), std::string::npos) << text;
    EXPECT_EQ(Occurrences(page, "<svg"), 2u) << text;
  }
  Json bad_utf8 = LoadSample();
  bad_utf8["amendments"][0]["title"] = std::string("caf\xC3 \xFF end");
  std::string page = RenderImpactReport(bad_utf8);
  EXPECT_NE(page.find("caf\xEF\xBF\xBD \xEF\xBF\xBD end"), std::string::npos);
}

TEST(ImpactReportTest, SampleIsConsistent) {
  Json impact = LoadSample();
  for (const char* side : {"baseline", "proposed"}) {
    const Json& c = impact[side]["counts"];
    int64_t total = c["total"], sum = 0, invalid = 0;
    for (auto& [k, v] : c["by_outcome"].items()) sum += v.get<int64_t>();
    EXPECT_EQ(sum, total) << side;
    for (auto& [outcome, n] : c["by_outcome"].items()) {
      int64_t across = 0;
      for (auto& [cohort, by] : c["by_cohort"].items()) across += by[outcome].get<int64_t>();
      EXPECT_EQ(across, n.get<int64_t>()) << side << " " << outcome;
    }
    for (auto& [k, v] : c["invalid_by_column"].items()) invalid += v.get<int64_t>();
    EXPECT_EQ(invalid, c["by_outcome"]["INVALID"].get<int64_t>()) << side;
  }
  auto cohort_sum = [](const Json& b) {
    int64_t s = 0;
    for (auto& [k, v] : b["by_cohort"].items()) s += v.get<int64_t>();
    return s;
  };
  for (const char* key : {"unblocked_total", "newly_blocked_total", "needs_combination"})
    EXPECT_EQ(cohort_sum(impact[key]), impact[key]["total"].get<int64_t>()) << key;
  for (const auto& a : impact["amendments"]) {
    EXPECT_EQ(cohort_sum(a["unblocked_alone"]), a["unblocked_alone"]["total"].get<int64_t>());
    EXPECT_EQ(cohort_sum(a["newly_blocked_alone"]),
              a["newly_blocked_alone"]["total"].get<int64_t>());
  }
  int64_t before = impact["baseline"]["counts"]["by_outcome"]["BLOCKED"];
  int64_t after = impact["proposed"]["counts"]["by_outcome"]["BLOCKED"];
  EXPECT_EQ(after, before - impact["unblocked_total"]["total"].get<int64_t>() +
                       impact["newly_blocked_total"]["total"].get<int64_t>());
}

TEST(HtmlTextTest, FormatsAndEscapes) {
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1000), "1,000");
  EXPECT_EQ(FormatCount(13000000), "13,000,000");
  EXPECT_EQ(FormatCount(-1234),
            "\xE2\x88\x92"
            "1,234");
  EXPECT_EQ(FormatSignedCount(35728), "+35,728");
  EXPECT_EQ(FormatSignedCount(0), "0");
  EXPECT_EQ(FormatCompact(0), "0");
  EXPECT_EQ(FormatCompact(5000), "5k");
  EXPECT_EQ(FormatCompact(12500), "12.5k");
  EXPECT_EQ(FormatCompact(1200000), "1.2M");
  EXPECT_EQ(FormatPercent(1, 3), "33.3%");
  EXPECT_EQ(FormatPercent(1, 0), "\xE2\x80\x93");
  EXPECT_EQ(HtmlEscape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  EXPECT_EQ(HtmlEscape("\xE2\x86\x92 ok"), "\xE2\x86\x92 ok");    // valid UTF-8 kept
  EXPECT_EQ(HtmlEscape("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/' rejected
  EXPECT_EQ(JsonForScriptBlock(Json{{"t", "</script><!--&"}}),
            R"({"t":"\u003c/script\u003e\u003c!--\u0026"})");
}

TEST(SvgChartTest, StackedBarsSkipZeroSegmentsAndLabelTotals) {
  BarChart c;
  c.id = "c";
  c.title = "t";
  c.categories = {"A", "B", "Total"};
  c.series = {{"IOC", "#000", {5, 0, 5}}, {"FOC", "#111", {7, 0, 7}}};
  c.reference_from = 2;
  std::string svg = RenderStackedBarChart(c);
  EXPECT_EQ(Occurrences(svg, "<rect x="), 4u + 2u);  // 4 segments + 2 legend swatches
  EXPECT_NE(svg.find("data-value=\"12\">12<"), std::string::npos);
  EXPECT_NE(svg.find("class=\"divider\""), std::string::npos);
  EXPECT_NE(svg.find("class=\"cat ref\""), std::string::npos);
}

}  // namespace
}  // namespace s1mig::report
