// Hostile or odd input through the s1mig binary: bytes that are not UTF-8 (in installation ids
// and in file names that end up in JSON outputs), input files that are directories. Each is a
// clean result or a clean exit 2, never an internal error (exit 1).
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "tests/robustness/robustness_util.h"

namespace s1mig::testing {
namespace {

constexpr const char* kAsOf = "2021-10-13T09:00:00Z";
const std::string kAsOfFlag = std::string(" --as-of ") + kAsOf + " ";

class CliInput : public ::testing::Test {
 protected:
  CliInput() : dir_("cli") { CopyExample(dir_.path() / "snap"); }
  ScratchDir dir_;
};

// Regression: explain --json threw nlohmann's type_error 316 (exit 1, "internal error") for an
// installation whose id or fields are not valid UTF-8.
TEST_F(CliInput, ExplainJsonOfANonUtf8Installation) {
  std::string inventory = Slurp(dir_.path() / "snap/inventory.csv");
  auto rows = ParseCsv(inventory);
  std::string id = "BAD\xff\xfe-id";
  std::string line = id;
  for (size_t c = 1; c < rows[1].size(); ++c) line += "," + rows[1][c];
  WriteFile(dir_.path() / "snap/inventory.csv", inventory + line + "\n" + "LONG-\xc3\xa9," + std::string(59, 'x') + "\xc3\xa9\n");
  BinaryRun r = RunS1migArgv({"explain", dir_ / "snap", "--id", id, "--as-of", kAsOf, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["installation_id"], "BAD\xef\xbf\xbd\xef\xbf\xbd-id") << "invalid bytes become U+FFFD";
  // An INVALID row whose problem quotes a value cut inside a UTF-8 sequence.
  BinaryRun invalid = RunS1migArgv({"explain", dir_ / "snap", "--id", "LONG-\xc3\xa9", "--as-of", kAsOf, "--json"});
  ASSERT_EQ(invalid.exit_code, 0) << invalid.err;
  EXPECT_FALSE(nlohmann::json::parse(invalid.out, nullptr, false).is_discarded());
  EXPECT_EQ(RunS1migArgv({"explain", dir_ / "snap", "--id", id, "--as-of", kAsOf}).exit_code, 0);
}

// Regression: summary.json and impact.json name the rules files; a file name that is not UTF-8
// made evaluate and impact fail with an internal error after all their work.
TEST_F(CliInput, RulesFileNameThatIsNotUtf8) {
  std::string extra = dir_ / "x\xff.toml";
  WriteFile(extra, Slurp(fs::path(S1MIG_SOURCE_DIR) / "examples/rules/user-amendments.toml"));
  BinaryRun ev = RunS1migArgv({"evaluate", dir_ / "snap", "--as-of", kAsOf, "--no-progress", "--rules-extra", extra, "--out", dir_ / "ev"});
  ASSERT_EQ(ev.exit_code, 0) << ev.err;
  EXPECT_FALSE(nlohmann::json::parse(Slurp(dir_.path() / "ev/summary.json"), nullptr, false).is_discarded());
  BinaryRun im = RunS1migArgv({"impact", dir_ / "snap", "--as-of", kAsOf, "--no-progress", "--rules-extra", extra, "--out", dir_ / "im"});
  ASSERT_EQ(im.exit_code, 0) << im.err;
  EXPECT_FALSE(nlohmann::json::parse(Slurp(dir_.path() / "im/impact.json"), nullptr, false).is_discarded());
  EXPECT_TRUE(fs::exists(dir_.path() / "im/report.html"));
}

TEST_F(CliInput, InventoryThatIsADirectory) {
  fs::remove(dir_.path() / "snap/inventory.csv");
  fs::create_directory(dir_.path() / "snap/inventory.csv");
  BinaryRun r = RunS1mig("evaluate " + (dir_ / "snap") + kAsOfFlag + "--no-progress --out " + (dir_ / "out"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("s1mig evaluate: error: inventory.csv: read error: Is a directory"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_.path() / "out"));
}

TEST_F(CliInput, MissingInventoryKeepsThePreviousOutput) {
  std::string out = dir_ / "out";
  ASSERT_EQ(RunS1mig("evaluate " + (dir_ / "snap") + kAsOfFlag + "--no-progress --out " + out).exit_code, 0);
  auto before = DirContents(out);
  fs::remove(dir_.path() / "snap/inventory.csv");
  BinaryRun r = RunS1mig("evaluate " + (dir_ / "snap") + kAsOfFlag + "--no-progress --amendments none --out " + out);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("inventory.csv: cannot open: No such file or directory"), std::string::npos) << r.err;
  EXPECT_EQ(DirContents(out), before);
}

TEST_F(CliInput, CalendarThatIsHugeOrADirectory) {
  std::string db = dir_ / "s1mig.db";
  BinaryRun r = RunS1mig("dmct assess --db " + db + " --ppmid D@1 --data unobtainable --source supplier --at 2022-03-02T09:00:00Z --calendar /dev/zero");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("/dev/zero: the calendar file is larger than the limit of 1048576 bytes"), std::string::npos) << r.err;
  r = RunS1mig("dmct assess --db " + db + " --ppmid D@1 --data unobtainable --source supplier --at 2022-03-02T09:00:00Z --calendar " + (dir_ / "snap"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
}


// Regression: explain listed a reference file's problem as the installation's when both were on
// the same line number (it matched problems by line only).
TEST_F(CliInput, ExplainListsOnlyTheInstallationsOwnProblems) {
  std::string epcl = Slurp(dir_.path() / "snap/epcl.csv");
  // Blank lines count: the malformed entry lands on line 12, the line of X1-bad-mpan-check-digit.
  WriteFile(dir_.path() / "snap/epcl.csv", epcl + std::string(7, '\n') + "E999,CHF-L,1.4,ESME-L,2.1,,,,,,,TESTED,not-a-date\n");
  BinaryRun r = RunS1migArgv({"explain", dir_ / "snap", "--id", "X1-bad-mpan-check-digit", "--as-of", kAsOf, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["outcome"], "INVALID");
  ASSERT_EQ(j["problems"].size(), 1u) << j["problems"].dump();
  EXPECT_EQ(j["problems"][0]["column"], "mpan");
}

}  // namespace
}  // namespace s1mig::testing
