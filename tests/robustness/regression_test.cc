// Regression tests for bugs that fuzzing and the sanitizers found, each at the smallest level
// that shows it (the inputs that found them are also replayed from fuzz/corpus/ by fuzz_replay.*).
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "base/hash.h"
#include "base/text.h"
#include "engine/validate.h"
#include "base/time.h"
#include "pipeline/evaluate_run.h"
#include "tests/robustness/robustness_util.h"

namespace s1mig::testing {
namespace {

// http_body fuzzer: a message quoting the first 60 bytes of a value cut a two-byte UTF-8
// character in half, so POST /v1/evaluate's explanation (and errors.csv) held invalid UTF-8.
TEST(Regression, QuotedValuesAreCutBetweenUtf8Characters) {
  EXPECT_EQ(Utf8Prefix("ab\xC7\xBC", 3), "ab");
  EXPECT_EQ(Utf8Prefix("ab\xC7\xBC", 4), "ab\xC7\xBC");
  EXPECT_EQ(Utf8Prefix("\xE2\x82\xAC\xE2\x82\xAC", 5), "\xE2\x82\xAC");
  EXPECT_EQ(Utf8Prefix("plain", 3), "pla");
  // Through the engine: a meter_mode of 59 ASCII bytes and then "\u01FC" (2 bytes) straddles 60.
  io::RowBatch batch;
  batch.num_columns = engine::kNumColumns;
  batch.fields.assign(engine::kNumColumns, std::string_view());
  const std::string mode = std::string(59, 'A') + "\xC7\xBC" + "tail";
  batch.fields[static_cast<size_t>(engine::Column::kMeterMode)] = mode;
  batch.lines.push_back(2);
  batch.field_counts.push_back(engine::kNumColumns);
  engine::Installation inst;
  Diagnostics diags;
  engine::ValidateRow(batch, 0, PreciseInstant{0, 0}, engine::ValidationLimits(), &inst, "inventory.csv", &diags);
  bool found = false;
  for (const Diagnostic& d : diags) {
    if (d.column != "meter_mode") continue;
    found = true;
    EXPECT_NE(d.message.find("'" + std::string(59, 'A') + "...'"), std::string::npos) << d.message;
    EXPECT_NO_THROW((void)nlohmann::json(d.message).dump());
  }
  EXPECT_TRUE(found);
}

// UBSan: HashBytes passed the null data() of an empty view to memcpy (found by snapshot_csv).
TEST(Regression, HashOfAnEmptyViewWithNullData) {
  std::string_view absent;
  ASSERT_EQ(absent.data(), nullptr);
  EXPECT_EQ(HashBytes(absent), HashBytes(std::string_view("", 0)));
}

// The same through evaluate: installation_id as the last column and a row too short to reach
// it, so the id is an absent field (a view with null data) when duplicates are looked up.
TEST(Regression, ShortRowWithoutItsInstallationIdColumn) {
  ScratchDir dir("short_row");
  CopyExample(dir.path() / "snap");
  auto rows = ParseCsv(Slurp(dir.path() / "snap/inventory.csv"));
  std::string text;
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 1; c <= rows[r].size(); ++c) text += rows[r][c % rows[r].size()] + (c < rows[r].size() ? "," : "\n");
  }
  text += "IOC,AA\n";  // two fields: no installation_id
  WriteFile(dir.path() / "snap/inventory.csv", text);
  pipeline::EvaluateOptions o;
  o.snapshot_dir = dir / "snap";
  o.out_dir = dir / "out";
  o.as_of = "2021-10-13T09:00:00Z";
  o.threads = 1;
  Diagnostics diags;
  auto report = pipeline::RunEvaluate(o, &diags);
  ASSERT_TRUE(report.ok()) << report.status().message();
  auto decisions = ParseCsv(Slurp(dir.path() / "out/decisions.csv"));
  ASSERT_EQ(decisions.size(), rows.size() + 1);
  EXPECT_EQ(decisions.back()[0], "");
  EXPECT_EQ(decisions.back()[1], "INVALID");
}

// A timestamp whose offset carried it into year 10000 (or 0000) was accepted, and then written
// back as "10000-01-01T..." (summary.json's as_of), which s1mig itself could not read (found by
// reading the parsers fuzz target's round-trip property).
TEST(Regression, TimestampsOutsideYears1To9999AreRefused) {
  EXPECT_FALSE(ParseTimestamp("9999-12-31T23:59:59-23:59"));
  EXPECT_FALSE(ParseTimestamp("0001-01-01T00:00:00+00:01"));
  EXPECT_FALSE(ParseTimestamp("0000-06-01T00:00:00Z"));
  auto last = ParseTimestamp("9999-12-31T23:59:59.999999Z");
  ASSERT_TRUE(last);
  EXPECT_EQ(FormatInstant(*last), "9999-12-31T23:59:59.999999Z");
  auto first = ParseTimestamp("0001-01-01T00:00:00Z");
  ASSERT_TRUE(first);
  EXPECT_EQ(ParseTimestamp(FormatLondon(*first)), first);
  EXPECT_EQ(ParseDate(FormatDate(LondonDate(*first))), LondonDate(*first));
  BinaryRun r = RunS1mig("evaluate " + std::string(S1MIG_SOURCE_DIR) + "/examples/basic/snapshot --as-of 9999-12-31T23:59:59-01:00 --out /nonexistent/x");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--as-of"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace s1mig::testing
