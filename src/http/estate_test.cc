// The in-memory inventory: fields round-trip, the id index keeps the first of repeated ids, and
// counting equals the expected decisions of the worked example.
#include "http/estate.h"

#include <gtest/gtest.h>

#include "pipeline/evaluate_run.h"
#include "pipeline/single_installation.h"

namespace s1mig::http {
namespace {

const std::string kSnapshot = std::string(S1MIG_SOURCE_DIR) + "/src/http/testdata/snapshot";

TEST(Estate, LoadsRowsIndexesIdsAndSuppliers) {
  Diagnostics diags;
  auto e = Estate::Load(kSnapshot + "/inventory.csv", &diags);
  ASSERT_TRUE(e.ok()) << e.status().message();
  const Estate& estate = **e;
  EXPECT_EQ(estate.rows(), 13u);
  EXPECT_EQ(estate.sha256().size(), 64u);
  auto g1 = estate.Find("G1-ioc-30h");
  ASSERT_TRUE(g1);
  std::string_view f[engine::kNumColumns];
  estate.Fields(*g1, f);
  EXPECT_EQ(f[0], "G1-ioc-30h");
  EXPECT_EQ(f[static_cast<int>(engine::Column::kGsmeLastComms)], "2021-10-12T03:00:00Z");
  EXPECT_EQ(estate.line(*g1), 3);
  EXPECT_EQ(estate.elec_supplier(*g1), estate.PartyIndex("SUP01"));
  EXPECT_EQ(estate.gas_supplier(*g1), estate.PartyIndex("SUP02"));
  EXPECT_EQ(estate.PartyIndex("NOBODY"), -1);
  EXPECT_FALSE(estate.Find("no-such-id"));
  EXPECT_FALSE(estate.Find(""));
  // The repeated E1 row (line 14) is a duplicate; the index keeps the first (line 2).
  auto e1 = estate.Find("E1-elec-only");
  ASSERT_TRUE(e1);
  EXPECT_EQ(estate.line(*e1), 2);
  EXPECT_TRUE(estate.duplicate(12));
  EXPECT_FALSE(estate.duplicate(*e1));
}

TEST(Estate, CountsAsEvaluateDoes) {
  Diagnostics diags;
  auto snap = pipeline::LoadSnapshot(kSnapshot, "2021-10-13T09:00:00Z", {}, nullptr, &diags);
  ASSERT_TRUE(snap.ok()) << snap.status().message();
  auto rules = pipeline::CompileFor(*snap->pack, {}, snap->as_of);
  ASSERT_TRUE(rules.ok());
  auto e = Estate::Load(kSnapshot + "/inventory.csv", &diags);
  ASSERT_TRUE(e.ok());
  pipeline::OutcomeCounts all;
  (*e)->Count(0, (*e)->rows(), {snap->as_of, 0}, *snap->index, *rules, std::nullopt, &all);
  // examples/basic/expected-rules-at-2021-10-13.csv: 7 ELIGIBLE, 4 BLOCKED, 1 INVALID; plus the duplicate.
  EXPECT_EQ(all.rows, 13);
  EXPECT_EQ(all.by_outcome[0], 7);
  EXPECT_EQ(all.by_outcome[1], 4);
  EXPECT_EQ(all.by_outcome[2], 2);
  pipeline::OutcomeCounts sup3;
  (*e)->Count(0, (*e)->rows(), {snap->as_of, 0}, *snap->index, *rules, (*e)->PartyIndex("SUP03"), &sup3);
  EXPECT_EQ(sup3.rows, 1);  // N1 only, as gas supplier
  pipeline::OutcomeCounts none;
  (*e)->Count(0, (*e)->rows(), {snap->as_of, 0}, *snap->index, *rules, -1, &none);
  EXPECT_EQ(none.rows, 0);
}

}  // namespace
}  // namespace s1mig::http
