// Every documented limit (docs/exit-codes.md "Limits"), exceeded: the run stops with exit 2 and
// a message naming the file, line (or position) and the limit, or the row is INVALID naming the
// column, as documented. Through the s1mig binary where the default is small enough to reach;
// in process with a lowered limit otherwise.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "engine/estate_evaluator.h"
#include "io/csv_reader.h"
#include "pipeline/evaluate_run.h"
#include "rules/rule_pack_parser.h"
#include "tests/robustness/robustness_util.h"

namespace s1mig::testing {
namespace {

constexpr const char* kAsOf = "--as-of 2021-10-13T09:00:00Z";

class Limits : public ::testing::Test {
 protected:
  Limits() : dir_("limits") { CopyExample(dir_.path() / "snap"); }

  // Appends a row copied from the example's first data row, with column `col` set to `value`.
  void AppendRow(const std::string& col, const std::string& value, const std::string& id = "BIG-1") {
    auto rows = ParseCsv(Slurp(dir_.path() / "snap/inventory.csv"));
    std::vector<std::string> row = rows[1];
    for (size_t c = 0; c < rows[0].size(); ++c) {
      if (rows[0][c] == col) row[c] = value;
      if (rows[0][c] == "installation_id") row[c] = id;
    }
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) line += (c ? "," : "") + row[c];
    std::string text = Slurp(dir_.path() / "snap/inventory.csv") + line + "\n";
    WriteFile(dir_.path() / "snap/inventory.csv", text);
  }
  BinaryRun Evaluate() { return RunS1mig("evaluate " + (dir_ / "snap") + " " + kAsOf + " --out " + (dir_ / "out") + " --no-progress"); }
  BinaryRun RulesShow(const std::string& file) { return RunS1mig("rules show --at 2021-10-13T09:00:00Z --rules " + file); }
  void ExpectExit2(const BinaryRun& r, const std::string& message) {
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << "expected '" << message << "' in: " << r.err.substr(0, 2000);
  }

  ScratchDir dir_;
};

// --- CSV ---------------------------------------------------------------------------------------

TEST_F(Limits, RecordLongerThan1MiBStopsTheRunNamingFileAndLine) {
  AppendRow("chf_model", std::string((1 << 20) + 10, 'M'));
  BinaryRun r = Evaluate();
  ExpectExit2(r, "inventory.csv:14: a record is longer than the limit of 1048576 bytes");
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

TEST_F(Limits, OpenQuoteAtTheEndOfTheFileNamesItsLine) {
  std::string text = Slurp(dir_.path() / "snap/inventory.csv") + "\"never closed," + std::string(100000, 'x') + "\n";
  WriteFile(dir_.path() / "snap/inventory.csv", text);
  ExpectExit2(Evaluate(), "inventory.csv:14: a quoted field is not closed before the end of the file");
}

TEST_F(Limits, OpenQuoteRunningPastTheRecordLimitNamesItsLine) {
  // Longer than a read block (4 MiB), so the reader meets the limit before the end of the file.
  std::string rest;
  while (rest.size() < (5 << 20)) rest += "x,y,z\n";
  std::string text = Slurp(dir_.path() / "snap/inventory.csv") + "\"never closed," + rest;
  WriteFile(dir_.path() / "snap/inventory.csv", text);
  BinaryRun r = Evaluate();
  ExpectExit2(r, "inventory.csv:14: a record is longer than the limit of 1048576 bytes (a quote left open?)");
}

TEST_F(Limits, ReferenceFileRecordLimit) {
  std::string text = Slurp(dir_.path() / "snap/epcl.csv") + std::string((1 << 20) + 10, 'E') + "\n";
  WriteFile(dir_.path() / "snap/epcl.csv", text);
  ExpectExit2(Evaluate(), "epcl.csv:");
}

TEST_F(Limits, FieldLongerThan64KiBMakesTheRowInvalidNamingTheColumn) {
  AppendRow("esme_model", std::string(64 * 1024 + 1, 'M'));
  BinaryRun r = Evaluate();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string errors = Slurp(dir_.path() / "out/errors.csv");
  EXPECT_NE(errors.find("inventory.csv,14,esme_model,longer than the limit of 65536 bytes"), std::string::npos) << errors;
  EXPECT_NE(Slurp(dir_.path() / "out/decisions.csv").find("BIG-1,INVALID,esme_model,NONE"), std::string::npos);
}

TEST_F(Limits, FieldOfExactly64KiBIsAccepted) {
  AppendRow("esme_model", std::string(64 * 1024, 'M'));
  BinaryRun r = Evaluate();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Slurp(dir_.path() / "out/errors.csv").find("BIG-1"), std::string::npos);
}

std::string Whitelist(int entries) {
  std::string w;
  for (int i = 0; i < entries; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "00-1A-2B-00-00-00-%02X-%02X", (i >> 8) & 0xFF, i & 0xFF);
    w += (i ? ";" : "") + std::string(id);
  }
  return w;
}

TEST_F(Limits, WhitelistOfMoreThan1024EntriesMakesTheRowInvalid) {
  AppendRow("chf_whitelist", Whitelist(1025), "WL-1025");
  AppendRow("chf_whitelist", Whitelist(1024), "WL-1024");
  BinaryRun r = Evaluate();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string errors = Slurp(dir_.path() / "out/errors.csv");
  EXPECT_NE(errors.find("inventory.csv,14,chf_whitelist,more than 1024 entries (the limit)"), std::string::npos) << errors;
  EXPECT_EQ(errors.find("inventory.csv,15,"), std::string::npos) << "1024 entries are fine: " << errors;
}

TEST_F(Limits, RowLimitStopsTheRunNamingTheLine) {
  // The default (100,000,000 rows) is beyond a quick test; the same code with a lower limit.
  engine::EstateRunOptions run;
  run.inventory_path = dir_ / "snap/inventory.csv";
  run.threads = 1;
  run.csv.max_rows = 5;
  ReferenceData data;
  engine::ReferenceIndex index(data, 0);
  rules::CompiledRules none;
  Diagnostics diags;
  auto result = engine::RunEstate(run, index, &diags, [](const engine::EvaluatedBatch&) { return Status::Ok(); });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().ExitCode(), 2);
  EXPECT_EQ(result.status().message(), "inventory.csv:7: more than 5 rows (the row limit)");
}

// --- rules files -------------------------------------------------------------------------------

std::string Pack() { return Slurp(fs::path(S1MIG_SOURCE_DIR) / "rules/tmad.toml"); }

TEST_F(Limits, RulesFileLargerThan1MiB) {
  std::string big = Pack() + "\n# " + std::string(1 << 20, 'x') + "\n";
  WriteFile(dir_.path() / "big.toml", big);
  ExpectExit2(RulesShow(dir_ / "big.toml"), "big.toml:1:1: the rules file is larger than the limit of 1048576 bytes");
}

// Regression: the whole file was read before its size was checked, so a huge file (or a device
// such as /dev/zero) was read into memory first.
TEST_F(Limits, HugeRulesFileIsRefusedWithoutReadingIt) {
  std::string path = dir_ / "huge.toml";
  int fd = ::open(path.c_str(), O_CREAT | O_WRONLY, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, int64_t{8} << 30), 0);  // 8 GiB, sparse
  ::close(fd);
  auto start = std::chrono::steady_clock::now();
  BinaryRun r = RulesShow(path);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ExpectExit2(r, "huge.toml:1:1: the rules file is larger than the limit of 1048576 bytes");
  EXPECT_LT(seconds, 10.0);
  ExpectExit2(RunS1mig("rules show --rules-extra /dev/zero"), "/dev/zero:1:1: the rules file is larger than the limit");
}

TEST_F(Limits, RulesPathThatIsADirectory) {
  ExpectExit2(RulesShow(dir_ / "snap"), "is a directory");
}

std::string Checks(int n) {
  std::string t;
  for (int i = 0; i < n; ++i)
    t += "[[checks]]\nid = \"C" + std::to_string(i) + "\"\nkind = \"dmc_on_epcl\"\nclause = \"x\"\n";
  return t;
}

TEST_F(Limits, MoreThan16Checks) {
  WriteFile(dir_.path() / "p.toml", Checks(17));
  ExpectExit2(RulesShow(dir_ / "p.toml"), "p.toml:1:1: more than 16 checks");
  WriteFile(dir_.path() / "p16.toml", Checks(16));
  EXPECT_EQ(RulesShow(dir_ / "p16.toml").exit_code, 0);
}

std::string Amendments(int n, int changes_each, const std::string& prefix = "A") {
  std::string t;
  for (int i = 0; i < n; ++i) {
    t += "[[amendments]]\nid = \"" + prefix + std::to_string(i) + "\"\nclause = \"c\"\neffective = 2022-01-01\n";
    for (int c = 0; c < changes_each; ++c)
      t += "[[amendments.changes]]\nkind = \"add_exemption\"\ncheck = \"NETWORK_PARTY\"\nwhen = \"always\"\n";
  }
  return t;
}

TEST_F(Limits, MoreThan1000Amendments) {
  WriteFile(dir_.path() / "p.toml", Pack() + Amendments(1001, 1));
  ExpectExit2(RulesShow(dir_ / "p.toml"), "more than 1000 amendments");
  // Across a pack and its --rules-extra files too.
  WriteFile(dir_.path() / "extra.toml", Amendments(998, 1, "X"));
  ExpectExit2(RunS1mig("rules show --rules-extra " + (dir_ / "extra.toml")), "extra.toml:1:1: more than 1000 amendments");
}

TEST_F(Limits, MoreThan100ChangesInOneAmendment) {
  WriteFile(dir_.path() / "p.toml", Pack() + Amendments(1, 101));
  BinaryRun r = RulesShow(dir_ / "p.toml");
  ExpectExit2(r, "more than 100 changes");
  EXPECT_NE(r.err.find("p.toml:"), std::string::npos);
}

TEST_F(Limits, MoreThan1000ItemsInAScopeList) {
  std::string list;
  for (int i = 0; i < 1001; ++i) list += std::string(i ? ", " : "") + "\"AA\"";
  WriteFile(dir_.path() / "extra.toml", "[scopes]\nbig = { group_ids = [" + list + "] }\n");
  ExpectExit2(RunS1mig("rules show --rules-extra " + (dir_ / "extra.toml")), "extra.toml:2:");
  EXPECT_NE(RunS1mig("rules show --rules-extra " + (dir_ / "extra.toml")).err.find("has more than 1000 items"),
            std::string::npos);
}

TEST_F(Limits, TomlNestingDeeperThanTomlPlusPlusAllows) {
  for (int depth : {300, 200000}) {
    std::string t = "x = " + std::string(depth, '[') + std::string(depth, ']') + "\n";
    WriteFile(dir_.path() / "deep.toml", t);
    BinaryRun r = RunS1mig("rules show --rules-extra " + (dir_ / "deep.toml"));
    ExpectExit2(r, "deep.toml:1:");
    EXPECT_NE(r.err.find("nest"), std::string::npos) << depth << ": " << r.err;
  }
}


// A huge malformed snapshot must not pile its problems up in memory: they stream to errors.csv
// batch by batch, and the caller gets only warnings back.
TEST_F(Limits, ProblemsStreamToErrorsCsv) {
  Generate(dir_.path() / "gen", 20'000, 1.0);
  pipeline::EvaluateOptions o;
  o.snapshot_dir = dir_ / "gen";
  o.out_dir = dir_ / "out";
  o.as_of = "2021-10-13T09:00:00Z";
  o.threads = 2;
  Diagnostics diags;
  auto report = pipeline::RunEvaluate(o, &diags);
  ASSERT_TRUE(report.ok()) << report.status().message();
  for (const auto& d : diags) EXPECT_NE(d.severity, Severity::kError) << d.message;
  auto errors = ParseCsv(Slurp(dir_.path() / "out/errors.csv"));
  EXPECT_EQ(static_cast<int64_t>(errors.size()) - 1, report->errors);
  EXPECT_GT(report->errors, 15'000);
}

}  // namespace
}  // namespace s1mig::testing
