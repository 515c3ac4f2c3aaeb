// End-to-end test of the DMCT workflow through the s1mig binary: a store built from the worked
// example's EPCL, a reclassification late on a summer evening, notices, a referral on the last
// day and a late one, an upheld decision, and `evaluate --db` seeing each step.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/cli_support.h"
#include <sstream>

namespace fs = std::filesystem;

namespace s1mig {
namespace {

using DmctRun = testing_support::CliRun;
using testing_support::Slurp;

class DmctCli : public testing_support::CliTest {
 protected:
  DmctCli() : CliTest("dmct_cli") {}
  void SetUp() override {
    CliTest::SetUp();
    db_ = (dir_ / "s1mig.db").string();
    // The worked example, but without any assessment of DSP-OLD: the workflow supplies it.
    snap_ = dir_ / "snap";
    fs::copy(fs::path(S1MIG_SOURCE_DIR) / "examples/basic/snapshot", snap_);
    std::ofstream(snap_ / "ppmid_assessments.csv")
        << "ppmid_model,ppmid_fw,epcl_data,assessed_on\nDSP-NEW,2.2,OBTAINED,2020-01-20\n";
  }

  DmctRun Db(const std::string& args) { return S1mig(args + " --db " + db_); }

  // P1's row of decisions.csv after `evaluate --db` at `as_of`.
  std::string EvaluateP1(const std::string& as_of) {
    const fs::path out = dir_ / ("ev-" + as_of.substr(0, 10));
    DmctRun r = Db("evaluate " + snap_.string() + " --as-of " + as_of + " --out " + out.string() +
                   " --no-progress");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::istringstream lines(Slurp(out / "decisions.csv"));
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("P1-ppmid-unobtainable,", 0) == 0) return line;
    }
    return "P1 missing";
  }

  fs::path snap_;
  std::string db_;
};

TEST_F(DmctCli, ScenarioEndToEnd) {
  ASSERT_EQ(Db("import-reference " + snap_.string()).exit_code, 0);
  ASSERT_EQ(Db("party add --id SUP01 --role supplier --name 'Supplier One'").exit_code, 0);
  ASSERT_EQ(Db("party add --id SUP02 --role supplier").exit_code, 0);
  // A gas combination tested with another display, so that substantive equivalence lists one.
  DmctRun add =
      Db("epcl add --chf CHF-L@1.4 --esme ESME-L@2.1 --gsme GSME-X@1 --gpf GPF-X@1 "
         "--ppmid DSP-NEW@2.2 --listed-on 2020-05-01");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::string p1_dmc = "--chf CHF-L@1.4 --esme ESME-L@2.1 --ppmid DSP-OLD@0.9";
  DmctRun s1 = Db("dmct submit --party SUP01 --at 2022-08-01T09:00:00+01:00 " + p1_dmc);
  ASSERT_EQ(s1.exit_code, 0) << s1.err;
  EXPECT_EQ(s1.out, "S-000001\n");
  DmctRun s2 = Db("dmct submit --party SUP02 --at 2022-08-01T10:00:00+01:00 " + p1_dmc);
  EXPECT_EQ(s2.out, "S-000002\n");
  DmctRun s3 =
      Db("dmct submit --party DCC --mode dormant --at 2022-08-01T11:00:00+01:00 "
         "--chf CHF-L@1.4 --esme ESME-L@2.1 --gsme GSME-X@1 --gpf GPF-X@1 "
         "--ppmid DSP-OLD@0.9");
  EXPECT_EQ(s3.out, "S-000003\n") << s3.err;

  // Bad input: exit 2, a message naming the problem.
  EXPECT_EQ(Db("dmct submit --party SUP01 --at 2022-08-02T09:00:00Z " + p1_dmc).exit_code, 2);
  DmctRun bad_mf =
      Db("dmct submit --party SUP01 --at 2022-08-02T09:00:00Z --chf CHF-L "
         "--esme ESME-L@2.1 --ppmid DSP-OLD@0.9");
  EXPECT_EQ(bad_mf.exit_code, 2);
  EXPECT_NE(bad_mf.err.find("--chf 'CHF-L'"), std::string::npos) << bad_mf.err;
  DmctRun ooo =
      Db("dmct submit --party SUP01 --at 2022-07-01T09:00:00Z --chf A@1 --esme B@1 "
         "--ppmid C@1");
  EXPECT_EQ(ooo.exit_code, 2);
  EXPECT_NE(ooo.err.find("out of order"), std::string::npos) << ooo.err;

  // Before the assessment: P1's display is a PPMID and its DMC is not listed.
  EXPECT_EQ(EvaluateP1("2022-08-10T12:00:00Z"), "P1-ppmid-unobtainable,BLOCKED,EPCL_DMC,PPMID");

  // 23:30 UTC on Thursday 18 August 2022 is already Friday 19 August in London; with the
  // August bank holiday (29th) the 10th Working Day is Monday 5 September.
  DmctRun as =
      Db("dmct assess --ppmid DSP-OLD@0.9 --data unobtainable --source supplier "
         "--at 2022-08-18T23:30:00Z");
  ASSERT_EQ(as.exit_code, 0) << as.err;
  EXPECT_NE(as.out.find("S-000001, S-000002, S-000003"), std::string::npos) << as.out;
  EXPECT_NE(as.out.find("basis SUBSTANTIVE_EQUIVALENCE"), std::string::npos) << as.out;
  DmctRun notices = Db("dmct notices --json");
  ASSERT_EQ(notices.exit_code, 0);
  auto j = nlohmann::json::parse(notices.out);
  ASSERT_EQ(j.size(), 2u);  // SUP01 and SUP02; the DCC is not a Supplier Party
  for (const auto& n : j) {
    EXPECT_EQ(n["referral_deadline"], "2022-09-05");
    EXPECT_EQ(n["status"], "NOTIFIED");
    EXPECT_EQ(n["model"], "DSP-OLD");
    EXPECT_EQ(n["fw"], "0.9");
    EXPECT_NE(n["text"].get<std::string>().find("20.5A"), std::string::npos);
  }
  const std::string n1 = j[0]["notice_id"], n2 = j[1]["notice_id"];
  DmctRun epcl = Db("epcl list");
  EXPECT_NE(epcl.out.find("SE-000001,CHF-L,1.4,ESME-L,2.1,GSME-X,1,GPF-X,1,,,"
                          "SUBSTANTIVE_EQUIVALENCE,2022-08-19"),
            std::string::npos)
      << epcl.out;

  // The next evaluation sees the reclassification: P1 is now ELIGIBLE with an IHD.
  EXPECT_EQ(EvaluateP1("2022-08-20T12:00:00Z"), "P1-ppmid-unobtainable,ELIGIBLE,,IHD");

  // Referrals: the last minute of the deadline day in London is on time; a minute later is not;
  // a party that was not notified is refused.
  DmctRun wrong = Db("dmct refer --party SUP02 --notice " + n1 + " --at 2022-09-01T10:00:00+01:00");
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.err.find("2022-09-05"), std::string::npos) << wrong.err;
  DmctRun r2 = Db("dmct refer --party SUP02 --notice " + n2 + " --at 2022-09-05T23:59:00+01:00");
  ASSERT_EQ(r2.exit_code, 0) << r2.err;
  EXPECT_EQ(r2.out, "R-000001\n");
  DmctRun late = Db("dmct refer --party SUP01 --notice " + n1 + " --at 2022-09-05T23:00:00Z");
  EXPECT_EQ(late.exit_code, 2);
  EXPECT_NE(late.err.find("2022-09-05"), std::string::npos) << late.err;

  // Upheld: a PPMID again from the decision's London date; the decision is final.
  DmctRun d = Db("dmct decide --referral R-000001 --outcome upheld --at 2022-09-20T10:00:00+01:00");
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_EQ(Db("dmct decide --referral R-000001 --outcome dismissed --at "
               "2022-09-21T10:00:00+01:00")
                .exit_code,
            2);
  EXPECT_EQ(EvaluateP1("2022-09-19T12:00:00Z"), "P1-ppmid-unobtainable,ELIGIBLE,,IHD");
  EXPECT_EQ(EvaluateP1("2022-09-21T12:00:00Z"),
            "P1-ppmid-unobtainable,BLOCKED,PPMID_EPCL_DATA,PPMID");

  DmctRun v = Db("audit verify");
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  EXPECT_NE(v.out.find("intact"), std::string::npos);

  // export-reference writes the DATA.md files (and the reinstatement).
  DmctRun ex = Db("export-reference --out " + (dir_ / "exported").string());
  ASSERT_EQ(ex.exit_code, 0) << ex.err;
  EXPECT_NE(
      Slurp(dir_ / "exported/ppmid_assessments.csv").find("DSP-OLD,0.9,UNOBTAINABLE,2022-08-19"),
      std::string::npos);
  EXPECT_EQ(Slurp(dir_ / "exported/ppmid_reinstatements.csv"),
            "ppmid_model,ppmid_fw,from\nDSP-OLD,0.9,2022-09-20\n");
}

TEST_F(DmctCli, ReadersNeedAnExistingStoreAndHelpIsThere) {
  for (const char* cmd : {"dmct notices", "epcl list", "audit verify", "party list"}) {
    DmctRun r = Db(cmd);
    EXPECT_EQ(r.exit_code, 2) << cmd;
    EXPECT_NE(r.err.find("no DMCT store"), std::string::npos) << cmd << ": " << r.err;
  }
  DmctRun ev = Db("evaluate " + snap_.string() + " --as-of 2022-01-01T00:00:00Z --out " +
                  (dir_ / "ev").string());
  EXPECT_EQ(ev.exit_code, 2);
  EXPECT_FALSE(fs::exists(db_));
  for (const char* cmd :
       {"party add", "dmct submit", "dmct assess", "dmct notices", "dmct refer", "dmct decide",
        "epcl list", "epcl add", "import-reference", "export-reference", "audit verify"}) {
    DmctRun r = S1mig(std::string(cmd) + " --help");
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.out.find("--db"), std::string::npos) << cmd;
  }
}

TEST_F(DmctCli, CalendarFileOverridesTheDefault) {
  ASSERT_EQ(Db("party add --id SUP01 --role supplier").exit_code, 0);
  ASSERT_EQ(Db("dmct submit --party SUP01 --at 2021-12-01T09:00:00Z --chf C@1 --esme E@1 "
               "--ppmid D@1")
                .exit_code,
            0);
  const std::string scot =
      std::string(S1MIG_SOURCE_DIR) + "/data/calendars/bank-holidays-scotland.csv";
  DmctRun a =
      Db("dmct assess --ppmid D@1 --data unobtainable --source smso --at "
         "2021-12-22T10:00:00Z --calendar " +
         scot);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_NE(a.out.find("2022-01-11"), std::string::npos) << a.out;  // 4 January is a holiday
  DmctRun missing =
      Db("dmct assess --ppmid D@1 --data obtained --source smso --at "
         "2021-12-23T10:00:00Z --calendar /nonexistent.csv");
  EXPECT_EQ(missing.exit_code, 2);
  // A notice whose deadline would fall after the calendar's last year (2027) is refused.
  ASSERT_EQ(Db("dmct submit --party SUP01 --at 2027-12-20T09:00:00Z --chf C@1 --esme E@1 "
               "--ppmid D2@1")
                .exit_code,
            0);
  DmctRun beyond =
      Db("dmct assess --ppmid D2@1 --data unobtainable --source smso --at "
         "2027-12-24T10:00:00Z");
  EXPECT_EQ(beyond.exit_code, 2);
  EXPECT_NE(beyond.err.find("2027"), std::string::npos) << beyond.err;
}

}  // namespace
}  // namespace s1mig
