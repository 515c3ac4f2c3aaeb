// End-to-end tests of the s1mig binary: exit codes, messages naming file/line/column, no output
// left behind on failure, user amendments, and impact attribution on small golden snapshots.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/cli_support.h"

namespace fs = std::filesystem;

namespace s1mig {
namespace {

using testing_support::CliRun;
using testing_support::Slurp;

class Cli : public testing_support::CliTest {
 protected:
  // A copy of the bundled worked example.
  fs::path Example() {
    fs::path snap = dir_ / "snap";
    fs::copy(fs::path(S1MIG_SOURCE_DIR) / "examples/basic/snapshot", snap);
    return snap;
  }
};

TEST_F(Cli, HelpListsCommands) {
  CliRun r = S1mig("--help");
  EXPECT_EQ(r.exit_code, 0);
  for (const char* c : {"evaluate", "explain", "rules", "impact"}) EXPECT_NE(r.out.find(c), std::string::npos) << c;
  EXPECT_EQ(S1mig("evaluate --help").exit_code, 0);
  EXPECT_EQ(S1mig("no-such-command").exit_code, 2);
  EXPECT_EQ(S1mig("evaluate").exit_code, 2);
}

TEST_F(Cli, WorkedExampleMatchesBothExpectedFiles) {
  fs::path ex = fs::path(S1MIG_SOURCE_DIR) / "examples/basic";
  CliRun a = S1mig("evaluate " + (ex / "snapshot").string() + " --as-of 2021-10-13T09:00:00Z --rules-at 2021-07-01T12:00:00+01:00 --out " + (dir_ / "a").string());
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(Slurp(dir_ / "a/decisions.csv"), Slurp(ex / "expected-rules-at-2021-07-01.csv"));
  CliRun b = S1mig("evaluate " + (ex / "snapshot").string() + " --as-of 2021-10-13T09:00:00Z --out " + (dir_ / "b").string());
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(Slurp(dir_ / "b/decisions.csv"), Slurp(ex / "expected-rules-at-2021-10-13.csv"));
  auto summary = nlohmann::json::parse(Slurp(dir_ / "b/summary.json"));
  EXPECT_EQ(summary["counts"]["by_outcome"]["ELIGIBLE"], 7);
  EXPECT_EQ(summary["counts"]["by_reason"]["NETWORK_PARTY"], 1);
  EXPECT_EQ(summary["inputs"]["inventory.csv"]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(summary["amendments_applied"].size(), 3u);
  EXPECT_NE(Slurp(dir_ / "b/errors.csv").find("inventory.csv,12,mpan,"), std::string::npos);
}

TEST_F(Cli, MissingColumnExits2AndLeavesNothing) {
  fs::path snap = Example();
  std::string inv = Slurp(snap / "inventory.csv");
  inv.replace(inv.find("cohort,"), 7, "");  // header only: the column is gone
  std::ofstream(snap / "inventory.csv", std::ios::trunc) << inv;
  CliRun r = S1mig("evaluate " + snap.string() + " --as-of 2021-10-13T09:00:00Z --out " + (dir_ / "out").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("inventory.csv:1: missing required column 'cohort'"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

TEST_F(Cli, UnclosedQuoteExits2AndLeavesNoFileInAnExistingFolder) {
  fs::path snap = Example();
  std::ofstream(snap / "inventory.csv", std::ios::app) << "\"Z9-open,FOC\n";
  fs::create_directories(dir_ / "out");
  CliRun r = S1mig("evaluate " + snap.string() + " --as-of 2021-10-13T09:00:00Z --out " + (dir_ / "out").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("inventory.csv:14"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::is_empty(dir_ / "out"));
}

TEST_F(Cli, MissingSnapshotAndBadFlagsExit2) {
  EXPECT_EQ(S1mig("evaluate " + (dir_ / "nope").string() + " --as-of 2021-10-13T09:00:00Z --out " + (dir_ / "o").string()).exit_code, 2);
  fs::path snap = Example();
  CliRun bad_time = S1mig("evaluate " + snap.string() + " --as-of 2021-10-13 --out " + (dir_ / "o").string());
  EXPECT_EQ(bad_time.exit_code, 2);
  EXPECT_NE(bad_time.err.find("--as-of"), std::string::npos);
  CliRun bad_amendment = S1mig("evaluate " + snap.string() + " --as-of 2021-10-13T09:00:00Z --amendments U1-NOPE --out " + (dir_ / "o").string());
  EXPECT_EQ(bad_amendment.exit_code, 2);
  EXPECT_NE(bad_amendment.err.find("unknown amendment 'U1-NOPE'"), std::string::npos) << bad_amendment.err;
  EXPECT_FALSE(fs::exists(dir_ / "o"));
}

TEST_F(Cli, MalformedRulesFileNamesLineAndColumn) {
  fs::path snap = Example();
  std::ofstream(dir_ / "bad.toml") << "[[amendments]]\nid = \"X\"\nclause = \"c\"\neffective = 2022-01-10\n  [[amendments.changes]]\n  kind = \"set_parameter\"\n  check = \"GT01_COMMS\"\n  parameter = \"window_hours\"\n  value = \"many\"\n";
  CliRun r = S1mig("evaluate " + snap.string() + " --as-of 2021-10-13T09:00:00Z --rules-extra " + (dir_ / "bad.toml").string() + " --out " + (dir_ / "o").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad.toml:9:"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "o"));
}

TEST_F(Cli, UserAmendmentsApplyFromTheirDates) {
  fs::path snap = Example();
  std::string extra = (fs::path(S1MIG_SOURCE_DIR) / "examples/rules/user-amendments.toml").string();
  // G2 is MOC_SECURE/DA, 30h since its GSME spoke: blocked under 24h, eligible under 96h.
  CliRun before = S1mig("explain " + snap.string() + " --id G2-secure-30h --as-of 2021-10-13T09:00:00Z --rules-extra " + extra + " --json");
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(nlohmann::json::parse(before.out)["outcome"], "BLOCKED");
  CliRun after = S1mig("explain " + snap.string() + " --id G2-secure-30h --as-of 2021-10-13T09:00:00Z --rules-at 2022-01-10T00:00:00Z --rules-extra " + extra + " --json");
  ASSERT_EQ(after.exit_code, 0) << after.err;
  auto j = nlohmann::json::parse(after.out);
  EXPECT_EQ(j["outcome"], "ELIGIBLE");
  EXPECT_EQ(j["checks"][1]["inputs"]["window_hours"], "96");
  CliRun diff = S1mig("rules diff 2021-12-01T00:00:00Z 2022-03-01T00:00:00Z --rules-extra " + extra);
  EXPECT_NE(diff.out.find("GT01 window, cohort MOC_SECURE: 24h or 72h -> 96h (X-GT01-96H-SECURE"), std::string::npos) << diff.out;
  EXPECT_NE(diff.out.find("NETWORK_PARTY, GroupID DA: + exempt"), std::string::npos) << diff.out;
}

// Usage errors read like every other error, naming the command and its --help (docs/exit-codes.md).
TEST_F(Cli, UsageErrorsNameTheCommandAndItsHelp) {
  CliRun range = S1mig("evaluate x --as-of 2021-10-13T09:00:00Z --out y --threads 65");
  EXPECT_EQ(range.exit_code, 2);
  EXPECT_EQ(range.err.rfind("s1mig evaluate: error: --threads: Value 65 not in range", 0), 0u) << range.err;
  EXPECT_NE(range.err.find("Run 's1mig evaluate --help' for more information."), std::string::npos) << range.err;
  CliRun nested = S1mig("dmct submit --db x.db --bogus");
  EXPECT_EQ(nested.exit_code, 2);
  EXPECT_EQ(nested.err.rfind("s1mig dmct submit: error: ", 0), 0u) << nested.err;
  CliRun unknown = S1mig("evalaute x");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err.rfind("s1mig: error: unknown command 'evalaute' (the commands: evaluate, explain", 0), 0u) << unknown.err;
}

TEST_F(Cli, ExplainUnknownIdIsNotFound) {
  fs::path snap = Example();
  CliRun r = S1mig("explain " + snap.string() + " --id nobody --as-of 2021-10-13T09:00:00Z");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no installation 'nobody'"), std::string::npos);
}

// Device IDs are written back in upper case (DATA.md), the CHF Whitelist's entries included:
// explain printed the whitelist as given, in lower case, beside an upper-case gsme_id.
TEST_F(Cli, ExplainWritesWhitelistDeviceIdsInUpperCase) {
  fs::path snap = Example();
  std::string inv = Slurp(snap / "inventory.csv");
  const std::string upper = "00-1A-2B-00-00-02-00-02;00-1A-2B-00-00-02-00-03";
  size_t at = inv.find(upper);
  ASSERT_NE(at, std::string::npos);
  inv.replace(at, upper.size(), " 00-1a-2b-00-00-02-00-02 ;;00-1a-2B-00-00-02-00-03");
  std::ofstream(snap / "inventory.csv", std::ios::binary | std::ios::trunc) << inv;
  CliRun r = S1mig("explain " + snap.string() + " --id G1-ioc-30h --as-of 2021-10-13T09:00:00Z --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["outcome"], "ELIGIBLE");
  EXPECT_EQ(j["checks"][0]["inputs"]["chf_whitelist"], upper);
}

// Impact attribution: one row needs two amendments together; a user tightening newly blocks one.
TEST_F(Cli, ImpactAttributionCombinationAndTightening) {
  fs::path snap = Example();
  // IOC/AA, 30h since comms (needs U1-GT01-72H) and an iGT site with the iGT's certificate
  // (needs U1-IGT): only both together unblock it.
  std::ofstream(snap / "inventory.csv", std::ios::app)
      << "C1-needs-both,IOC,AA,ACTIVE,SUP01,SUP02,1050000123453,7400005678,00-1A-2B-00-00-0D-00-01,CHF-L,1.4,"
         "00-1A-2B-00-00-0D-00-02,ESME-L,2.1,00-1A-2B-00-00-0D-00-03,GSME-L,3.0,00-1A-2B-00-00-0D-00-04,GPF-L,1.0,,,,,"
         "00-1A-2B-00-00-0D-00-02;00-1A-2B-00-00-0D-00-03,2021-10-12T03:00:00Z,CERT-IGTA-1\n";
  std::ofstream(snap / "registration.csv", std::ios::app) << "7400005678,CADENT\n";
  std::ofstream(dir_ / "tight.toml") << "[[amendments]]\nid = \"X-TIGHT\"\nclause = \"test\"\neffective = 2022-01-01\n"
                                        "  [[amendments.changes]]\n  kind = \"set_parameter\"\n  check = \"GT01_COMMS\"\n"
                                        "  parameter = \"window_hours\"\n  value = 12\n  scope = { cohorts = [\"IOC\"] }\n";
  CliRun r = S1mig("impact " + snap.string() + " --as-of 2021-10-13T09:00:00Z --baseline none --proposed all --out " +
                   (dir_ / "imp").string() + " --no-progress");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(Slurp(dir_ / "imp/impact.json"));
  ASSERT_EQ(j["weighed"].size(), 3u);
  std::map<std::string, nlohmann::json> by_id;
  for (auto& a : j["amendments"]) by_id[a["id"]] = a;
  EXPECT_EQ(by_id["U1-PPMID"]["unblocked_alone"]["total"], 1);
  EXPECT_EQ(by_id["U1-GT01-72H"]["unblocked_alone"]["total"], 1);  // G1
  EXPECT_EQ(by_id["U1-IGT"]["unblocked_alone"]["total"], 1);       // N1
  EXPECT_EQ(j["needs_combination"]["total"], 1);
  EXPECT_EQ(j["needs_combination"]["by_cohort"]["IOC"], 1);
  std::string changes = Slurp(dir_ / "imp/impact_changes.csv");
  EXPECT_NE(changes.find("C1-needs-both,BLOCKED,ELIGIBLE,GT01_COMMS;NETWORK_PARTY,\n"), std::string::npos) << changes;

  // Baseline: the three Unblocking 1 amendments; proposed: plus a user tightening (IOC window 12h
  // from 2022, after U1-GT01-72H, so it wins). G1 (30h), C1 (30h) and T1 (20h) become blocked.
  std::ofstream(snap / "inventory.csv", std::ios::app)
      << "T1-ioc-20h,IOC,BA,ACTIVE,SUP01,SUP02,1020000123454,1234567890,00-1A-2B-00-00-0E-00-01,CHF-L,1.4,"
         "00-1A-2B-00-00-0E-00-02,ESME-L,2.1,00-1A-2B-00-00-0E-00-03,GSME-L,3.0,00-1A-2B-00-00-0E-00-04,GPF-L,1.0,,,,,"
         "00-1A-2B-00-00-0E-00-02;00-1A-2B-00-00-0E-00-03,2021-10-12T13:00:00Z,CERT-CADENT-1\n";
  CliRun t = S1mig("impact " + snap.string() + " --as-of 2021-10-13T09:00:00Z --baseline U1-PPMID,U1-GT01-72H,U1-IGT --proposed all --rules-extra " +
                (dir_ / "tight.toml").string() + " --out " + (dir_ / "imp2").string() + " --no-progress");
  ASSERT_EQ(t.exit_code, 0) << t.err;
  auto k = nlohmann::json::parse(Slurp(dir_ / "imp2/impact.json"));
  ASSERT_EQ(k["amendments"].size(), 1u);
  EXPECT_EQ(k["amendments"][0]["id"], "X-TIGHT");
  EXPECT_EQ(k["amendments"][0]["newly_blocked_alone"]["total"], 3);
  EXPECT_EQ(k["amendments"][0]["newly_blocked_alone"]["by_cohort"]["IOC"], 3);
  EXPECT_EQ(k["newly_blocked_total"]["by_reason"]["GT01_COMMS"], 3);
  EXPECT_EQ(k["unblocked_total"]["total"], 0);
}

}  // namespace
}  // namespace s1mig
