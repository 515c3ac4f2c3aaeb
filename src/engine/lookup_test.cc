// Tests for the engine's lookup tables: Registration Data by MPRN key (SortedKeyIndex), the
// duplicate-id set (DuplicateIds), and the registration reader's sort that feeds the former.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>

#include "base/ids.h"
#include "base/temp_path.h"
#include "engine/flat_maps.h"
#include "engine/validate.h"
#include "io/reference_reader.h"

namespace s1mig::engine {
namespace {

SortedKeyIndex::RegistrationTable Table(std::vector<std::pair<uint64_t, uint32_t>> rows) {
  SortedKeyIndex::RegistrationTable t;
  for (auto [k, p] : rows) t.push_back(Registration{k, p});
  return t;
}

TEST(SortedKeyIndex, FindsEveryKeyAndNothingElse) {
  std::mt19937_64 rng(7);
  std::map<uint64_t, uint32_t> want;
  while (want.size() < 50000) want.emplace(*MprnKey(std::to_string(100000000 + rng() % 9000000000ull)), static_cast<uint32_t>(rng() % 9));
  SortedKeyIndex::RegistrationTable t;
  for (auto [k, p] : want) t.push_back(Registration{k, p});
  SortedKeyIndex index;
  index.Build(&t);
  for (auto [k, p] : want) ASSERT_EQ(index.Find(k), static_cast<int32_t>(p)) << k;
  for (int i = 0; i < 50000; ++i) {
    uint64_t k = *MprnKey(std::to_string(rng() % 99999999999ull));
    EXPECT_EQ(index.Find(k), want.count(k) ? static_cast<int32_t>(want[k]) : -1) << k;
  }
  EXPECT_EQ(index.Find(0), -1);
  EXPECT_EQ(index.Find(~uint64_t{0}), -1);
}

TEST(SortedKeyIndex, SkewedKeysAndEdgeSizes) {
  // Nearly all keys in one slice of the range, one far away: still found, by binary search.
  std::vector<std::pair<uint64_t, uint32_t>> rows;
  for (uint64_t i = 0; i < 1000; ++i) rows.emplace_back(1000 + i * 3, static_cast<uint32_t>(i % 5));
  rows.emplace_back(uint64_t{1} << 54, 7);
  auto t = Table(rows);
  SortedKeyIndex index;
  index.Build(&t);
  for (auto [k, p] : rows) EXPECT_EQ(index.Find(k), static_cast<int32_t>(p)) << k;
  EXPECT_EQ(index.Find(1001), -1);
  EXPECT_EQ(index.Find(999), -1);

  auto empty = Table({});
  index.Build(&empty);
  EXPECT_EQ(index.Find(5), -1);
  auto one = Table({{42, 3}});
  index.Build(&one);
  EXPECT_EQ(index.Find(42), 3);
  EXPECT_EQ(index.Find(43), -1);
}

TEST(SortedKeyIndex, UnsortedInputIsSortedAndTheFirstOfARepeatCounts) {
  auto t = Table({{50, 1}, {10, 2}, {50, 3}, {30, 4}});
  SortedKeyIndex index;
  index.Build(&t);
  EXPECT_EQ(index.Find(50), 1);
  EXPECT_EQ(index.Find(10), 2);
  EXPECT_EQ(index.Find(30), 4);
}

TEST(DuplicateIds, RepeatsFoundAcrossGrowthAndReserve) {
  for (bool reserve : {false, true}) {
    DuplicateIds seen;
    if (reserve) seen.Reserve(300000, 12);
    for (int i = 0; i < 300000; ++i) ASSERT_FALSE(seen.SeenBefore("S1-" + std::to_string(i))) << i;
    for (int i = 0; i < 300000; i += 7) ASSERT_TRUE(seen.SeenBefore("S1-" + std::to_string(i))) << i;
    EXPECT_FALSE(seen.SeenBefore("S1-300000"));
    EXPECT_EQ(seen.size(), 300001u);
  }
}

TEST(DuplicateIds, SameHashDifferentIdIsNotARepeat) {
  // Forced hash collisions: the ids themselves decide.
  DuplicateIds seen;
  EXPECT_FALSE(seen.SeenBefore("a", 12345));
  EXPECT_FALSE(seen.SeenBefore("b", 12345));
  EXPECT_TRUE(seen.SeenBefore("a", 12345));
  EXPECT_TRUE(seen.SeenBefore("b", 12345));
  EXPECT_FALSE(seen.SeenBefore("", DuplicateIds::Hash("")));
  EXPECT_TRUE(seen.SeenBefore("", DuplicateIds::Hash("")));
}

// registration.csv in random order with repeats: sorted, one entry per MPRN, the first row's
// Gas Transporter kept, and a conflicting repeat reported on its own line.
TEST(RegistrationReader, SortsKeepsTheFirstOfARepeatAndReportsConflicts) {
  const std::string dir = MakeTempDir("s1mig_reg_");
  ASSERT_FALSE(dir.empty());
  const std::string path = dir + "/registration.csv";
  std::mt19937_64 rng(11);
  std::map<std::string, std::string> first;
  std::vector<std::pair<std::string, std::string>> rows;
  const char* gts[] = {"NGN", "SGN", "WWU", "IGT1"};
  for (int i = 0; i < 20000; ++i) {
    std::string mprn = std::to_string(100000 + rng() % 900000);  // 6 digits: many repeats
    rows.emplace_back(mprn, gts[rng() % 4]);
    first.emplace(rows.back().first, rows.back().second);
  }
  {
    std::ofstream out(path);
    out << "mprn,gas_transporter\n";
    for (auto& [m, g] : rows) out << m << ',' << g << '\n';
  }
  ReferenceData data;
  Diagnostics diags;
  ASSERT_TRUE(io::ReadRegistration(path, &data, &diags).ok());
  ASSERT_EQ(data.registration.size(), first.size());
  for (size_t i = 1; i < data.registration.size(); ++i) ASSERT_LT(data.registration[i - 1].mprn, data.registration[i].mprn);
  size_t conflicts = 0;
  std::map<std::string, std::string> seen;
  for (size_t i = 0; i < rows.size(); ++i) {
    auto [it, fresh] = seen.emplace(rows[i].first, rows[i].second);
    if (!fresh && it->second != rows[i].second) ++conflicts;
  }
  EXPECT_EQ(diags.size(), conflicts);
  for (const Diagnostic& d : diags) EXPECT_NE(d.message.find("registered again with another Gas Transporter"), std::string::npos);
  for (auto& [m, g] : first) ASSERT_EQ(*data.FindGasTransporter(*MprnKey(m)), g) << m;
  std::remove(path.c_str());
  ::rmdir(dir.c_str());
}

}  // namespace
}  // namespace s1mig::engine
