// Tests for the rule pack: the shipped pack, parse errors with positions, extras, selection and
// compilation at the London midnight boundaries.
#include <gtest/gtest.h>

#include "rules/compiled_rules.h"
#include "rules/rule_pack_parser.h"
#include "rules/rules_text.h"

namespace s1mig::rules {
namespace {

RulePack Shipped() {
  auto p = LoadRulePack(std::string(S1MIG_SOURCE_DIR) + "/rules/tmad.toml");
  EXPECT_TRUE(p.ok()) << p.status().message();
  return p.ok() ? *p : RulePack();
}

Instant T(const char* s) { return *ParseTimestamp(s); }

TEST(RulePack, ShippedPackHasChecksAndDatedAmendments) {
  RulePack p = Shipped();
  ASSERT_EQ(p.checks.size(), 4u);
  EXPECT_EQ(p.ReasonCodes(), (std::vector<std::string>{"GT01_WHITELIST", "GT01_COMMS", "NETWORK_PARTY", "EPCL_DMC", "PPMID_EPCL_DATA"}));
  ASSERT_EQ(p.amendments.size(), 3u);
  EXPECT_EQ(FormatDate(p.FindAmendment("U1-PPMID")->effective), "2021-07-29");
  EXPECT_EQ(FormatDate(p.FindAmendment("U1-GT01-72H")->effective), "2021-10-12");
  EXPECT_EQ(FormatDate(p.FindAmendment("U1-IGT")->effective), "2021-10-12");
  for (const auto& a : p.amendments) EXPECT_FALSE(a.clause.empty());
}

TEST(RulePack, SyntaxErrorHasFileLineColumn) {
  auto r = ParseRulePack("[pack]\nname = \"x\"\n[[checks]\n", "bad.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message().rfind("bad.toml:3:", 0), 0u) << r.status().message();
}

TEST(RulePack, SemanticErrorsHavePositions) {
  const char* text =
      "[[checks]]\nid = \"A\"\nkind = \"gsme_comms_window\"\nclause = \"c\"\nwindow_hours = -3\n"
      "[[amendments]]\nid = \"X\"\nclause = \"c\"\neffective = 2022-12-01\n"
      "  [[amendments.changes]]\n  kind = \"set_parameter\"\n  check = \"NOPE\"\n  parameter = \"window_hours\"\n  value = 1\n";
  auto r = ParseRulePack(text, "p.toml");
  ASSERT_FALSE(r.ok());
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("p.toml:5:"), std::string::npos) << m;  // window_hours
  EXPECT_NE(m.find("unknown check 'NOPE'"), std::string::npos) << m;
}

TEST(RulePack, UnknownKeyIsAnError) {
  auto r = ParseRulePack("[[checks]]\nid = \"A\"\nkind = \"dmc_on_epcl\"\nclause = \"c\"\nwindow_hourz = 3\n", "k.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("k.toml:5:16: unknown key 'window_hourz'"), std::string::npos) << r.status().message();
}

TEST(RulePack, ExtraFileAddsAmendmentsUsingNamedScopes) {
  RulePack p = Shipped();
  Status s = ParseRulesExtra(
      "[[amendments]]\nid = \"X-96\"\nclause = \"c\"\neffective = \"2022-01-10\"\n"
      "  [[amendments.changes]]\n  kind = \"set_parameter\"\n  check = \"GT01_COMMS\"\n  parameter = \"window_hours\"\n  value = 96\n  scope = \"table_a3_group_ids\"\n",
      "extra.toml", &p);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_NE(p.FindAmendment("X-96"), nullptr);
  Status dup = ParseRulesExtra("[[amendments]]\nid = \"U1-IGT\"\nclause = \"c\"\neffective = 2022-01-10\n  [[amendments.changes]]\n  kind = \"add_exemption\"\n  check = \"NETWORK_PARTY\"\n  when = \"always\"\n", "dup.toml", &p);
  EXPECT_FALSE(dup.ok());
  EXPECT_NE(dup.message().find("defined twice"), std::string::npos);
}

TEST(Selection, LondonMidnightInSummerTime) {
  RulePack p = Shipped();
  AmendmentSelection sel;
  sel.rules_at = T("2021-10-11T22:59:59Z");
  EXPECT_EQ(SelectAmendments(p, sel)->size(), 1u);  // U1-PPMID only
  sel.rules_at = T("2021-10-11T23:00:00Z");
  EXPECT_EQ(SelectAmendments(p, sel)->size(), 3u);
  sel.rules_at = T("2021-07-28T22:59:59Z");
  EXPECT_EQ(SelectAmendments(p, sel)->size(), 0u);
  sel.rules_at = T("2021-07-29T00:00:00+01:00");
  EXPECT_EQ(SelectAmendments(p, sel)->size(), 1u);
}

TEST(Selection, ListsOverridesAndUnknownIds) {
  RulePack p = Shipped();
  auto sel = ParseAmendmentSelection("U1-IGT,U1-PPMID");
  ASSERT_TRUE(sel.ok());
  auto list = SelectAmendments(p, *sel);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0]->id, "U1-PPMID");  // ordered by date
  auto bad = SelectAmendments(p, *ParseAmendmentSelection("U1-NOPE"));
  EXPECT_FALSE(bad.ok());
  EXPECT_FALSE(ParseAmendmentSelection("a,,b").ok());
  AmendmentSelection moved;
  moved.rules_at = T("2021-10-13T00:00:00Z");
  moved.effective_overrides.push_back(*ParseEffectiveOverride("U1-IGT=2021-11-01"));
  EXPECT_EQ(SelectAmendments(p, moved)->size(), 2u);
}

TEST(Compile, WindowScopedToTableA3GroupIds) {
  RulePack p = Shipped();
  AmendmentSelection all;
  all.mode = AmendmentSelection::Mode::kAll;
  CompiledRules c = CompiledRules::Compile(p, *SelectAmendments(p, all));
  int aa = CompiledRules::Key(Cohort::kIoc, *ParseGroupId("AA"), MeterMode::kActive);
  int da = CompiledRules::Key(Cohort::kMocSecure, *ParseGroupId("DA"), MeterMode::kDormant);
  int foc = CompiledRules::Key(Cohort::kFoc, *ParseGroupId("AA"), MeterMode::kActive);
  EXPECT_EQ(c.settings(aa, 1).window_micros, 72 * kMicrosPerHour);
  EXPECT_EQ(c.settings(da, 1).window_micros, 24 * kMicrosPerHour);
  EXPECT_FALSE(c.settings(foc, 1).applies);
  EXPECT_TRUE(c.unobtainable_display_is_ihd(aa));
  EXPECT_TRUE(c.settings(da, 2).exemptions & static_cast<uint8_t>(Exemption::kIgtSupplyPoint));
}

TEST(RulesText, DiffNamesTheWindowChange) {
  RulePack p = Shipped();
  AmendmentSelection a, b;
  a.rules_at = T("2021-10-11T22:59:59Z");
  b.rules_at = T("2021-10-11T23:00:00Z");
  auto lines = DiffLines(p, *SelectAmendments(p, a), *SelectAmendments(p, b));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "GT01 window, GroupIDs AA BA CA CB: 24h -> 72h (U1-GT01-72H, TMAD App. A Table A3 step 4)");
}

}  // namespace
}  // namespace s1mig::rules
