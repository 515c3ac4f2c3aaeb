// Regression tests for bugs that fuzzing and the sanitizers found, each at the smallest level
// that shows it (the inputs that found them are also replayed from fuzz/corpus/ by fuzz_replay.*).
#include <gtest/gtest.h>

#include <string>

#include "base/hash.h"
#include "pipeline/evaluate_run.h"
#include "tests/robustness/robustness_util.h"

namespace s1mig::testing {
namespace {

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

}  // namespace
}  // namespace s1mig::testing
