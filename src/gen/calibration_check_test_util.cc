// Test-only calibration check (see the header): counts decisions under no amendment, each
// amendment alone and all three, and compares them with the source's figures.
#include "gen/calibration_check_test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "gen/estate_classifier_test_util.h"
#include "gen/generator.h"

namespace s1mig::gen::testing {
namespace {

uint64_t Cell(const GenerateReport& r, Scenario s) {
  uint64_t total = 0;
  for (int c = 0; c < kCohorts; ++c) total += r.cells[c][static_cast<int>(s)];
  return total;
}

void ExpectNear(const char* what, double actual, double per_13m, uint64_t n, double rel) {
  const double expected = per_13m * static_cast<double>(n) / kCalibrationEstate;
  const double tolerance = std::max(4.0, expected * rel);
  EXPECT_NEAR(actual, expected, tolerance) << what << " (source figure " << per_13m << " per 13M)";
  std::printf("  %-44s %10.0f  expected %10.1f  (+-%.1f)\n", what, actual, expected, tolerance);
}

}  // namespace

void ExpectCalibrated(const std::string& dir, uint64_t n, uint64_t seed, double rel) {
  GenerateOptions options;
  options.installations = n;
  options.seed = seed;
  options.out_dir = dir;
  auto report = GenerateSnapshot(options);
  ASSERT_TRUE(report.ok()) << report.status().message();
  auto classifier = EstateClassifier::Load(dir, options.as_of);
  ASSERT_TRUE(classifier.ok()) << classifier.status().message();

  const Amendments none, all{true, true, true, false};
  const Amendments ppmid{true, false, false, false}, gt01{false, true, false, false},
      igt{false, false, true, false}, gt01_everywhere{false, false, false, true};
  std::array<uint64_t, kReasonBits> baseline_reasons{};
  uint64_t cohort[4] = {}, eligible_none = 0, eligible_all = 0, needs_combination = 0;
  uint64_t unblocked_alone_ppmid = 0, unblocked_alone_gt01 = 0, unblocked_alone_igt = 0;
  uint64_t igt_blocked = 0, null_certificates = 0, gas = 0;
  uint64_t gt01_fail_a3 = 0, gt01_recovered_a3 = 0, gt01_fail_secure = 0, gt01_recovered_secure = 0;
  uint64_t invalid = 0;
  std::unordered_set<std::string> seen;
  const char* cohorts[4] = {"IOC", "MOC_MDS", "MOC_SECURE", "FOC"};
  ASSERT_TRUE(classifier->ForEachRow([&](const Row& r) {
    if (!classifier->InvalidColumn(r, &seen).empty()) ++invalid;
    for (int c = 0; c < 4; ++c) cohort[c] += r[kCohort] == cohorts[c];
    gas += !r[kGsmeId].empty();
    null_certificates += r[kNetworkCertId] == "0000000000000000";
    const uint32_t before = classifier->Reasons(r, none);
    for (int b = 0; b < kReasonBits; ++b) baseline_reasons[b] += (before >> b) & 1;
    eligible_none += before == 0;
    const bool after = classifier->Reasons(r, all) == 0;
    eligible_all += after;
    const bool by_ppmid = classifier->Reasons(r, ppmid) == 0, by_gt01 = classifier->Reasons(r, gt01) == 0,
               by_igt = classifier->Reasons(r, igt) == 0;
    if (before != 0) {
      unblocked_alone_ppmid += by_ppmid;
      unblocked_alone_gt01 += by_gt01;
      unblocked_alone_igt += by_igt;
      needs_combination += after && !by_ppmid && !by_gt01 && !by_igt;
    }
    if ((before & kNetworkParty) && classifier->InIgtRange(std::stoull(std::string(r[kMprn])))) ++igt_blocked;
    if (before & kGt01Comms) {
      const bool a3 = r[kCohort] == "IOC" || r[kCohort] == "MOC_MDS";
      // Would a 72-hour window pass it? (For MOC (Secure) that is hypothetical: it keeps 24h.)
      const bool recovered = !(classifier->Reasons(r, gt01_everywhere) & kGt01Comms);
      (a3 ? gt01_fail_a3 : gt01_fail_secure) += 1;
      (a3 ? gt01_recovered_a3 : gt01_recovered_secure) += recovered;
    }
  }).ok());

  std::printf("calibration at %llu installations (seed %llu):\n", static_cast<unsigned long long>(n),
              static_cast<unsigned long long>(seed));
  EXPECT_EQ(invalid, 0u);
  // Source figures (consultation) and DOMAIN.md "Scale", scaled to n.
  ExpectNear("IOC installations", cohort[0], 0.22 * kCalibrationEstate, n, rel);
  ExpectNear("MOC_MDS installations", cohort[1], 0.04 * kCalibrationEstate, n, rel);
  ExpectNear("MOC_SECURE installations", cohort[2], 0.32 * kCalibrationEstate, n, rel);
  ExpectNear("FOC installations", cohort[3], 0.42 * kCalibrationEstate, n, rel);
  ExpectNear("unblocked by U1-PPMID alone (~81,000)", unblocked_alone_ppmid, 81'000, n, rel);
  ExpectNear("unblocked by U1-IGT alone (~380,000)", unblocked_alone_igt, 380'000, n, rel);
  ExpectNear("unblocked by U1-GT01-72H alone (~5,000)", unblocked_alone_gt01, 5'000, n, rel);
  ExpectNear("iGT sites blocked by NETWORK_PARTY", igt_blocked, 380'400, n, rel);
  ExpectNear("blocked by PPMID_EPCL_DATA", baseline_reasons[4], 81'250, n, rel);
  ExpectNear("needs two amendments together", needs_combination, 400, n, std::max(rel, 0.25));
  ExpectNear("ELIGIBLE with no amendment", eligible_none, 12'425'200, n, rel);
  ExpectNear("ELIGIBLE with all three", eligible_all, 12'891'600, n, rel);
  const double share_a3 = static_cast<double>(gt01_recovered_a3) / static_cast<double>(gt01_fail_a3);
  const double share_secure =
      static_cast<double>(gt01_recovered_secure) / static_cast<double>(gt01_fail_secure);
  std::printf("  GT01_COMMS recovered by 72h: IOC+MOC_MDS %.2f%% of %llu, MOC_SECURE %.2f%% of %llu\n",
              100 * share_a3, static_cast<unsigned long long>(gt01_fail_a3), 100 * share_secure,
              static_cast<unsigned long long>(gt01_fail_secure));
  EXPECT_NEAR(share_a3, 0.20, 0.02) << "about 20% of IOC and MOC (MDS) GT01 failures";
  EXPECT_GT(share_secure, 0.004);
  EXPECT_LT(share_secure, 0.01) << "under 1% in MOC (Secure)";
  EXPECT_NEAR(static_cast<double>(gas) / static_cast<double>(n), 0.64, 0.02);
  EXPECT_GT(null_certificates, 0u);

  // The independent classifier agrees exactly with the generator's intent, cell by cell.
  const auto& r = *report;
  EXPECT_EQ(baseline_reasons[0], Cell(r, Scenario::kGt01Whitelist));
  EXPECT_EQ(baseline_reasons[1], Cell(r, Scenario::kGt01CommsWindow) + Cell(r, Scenario::kGt01CommsLong) +
                                     Cell(r, Scenario::kIgtAndGt01Window));
  EXPECT_EQ(baseline_reasons[2], Cell(r, Scenario::kIgtCertificate) + Cell(r, Scenario::kWrongCertificate) +
                                     Cell(r, Scenario::kUnregisteredMprn) + Cell(r, Scenario::kUnknownCertificate) +
                                     Cell(r, Scenario::kIgtAndGt01Window) + Cell(r, Scenario::kIgtAndPpmid) +
                                     Cell(r, Scenario::kPpmidAndWrongCertificate));
  EXPECT_EQ(baseline_reasons[3], Cell(r, Scenario::kEpclDmc));
  EXPECT_EQ(baseline_reasons[4], Cell(r, Scenario::kPpmidUnobtainable) + Cell(r, Scenario::kIgtAndPpmid) +
                                     Cell(r, Scenario::kPpmidAndWrongCertificate));
  EXPECT_EQ(eligible_none, Cell(r, Scenario::kEligible) + Cell(r, Scenario::kEligibleIgtNullCertificate));
  EXPECT_EQ(unblocked_alone_ppmid, Cell(r, Scenario::kPpmidUnobtainable));
  EXPECT_EQ(unblocked_alone_igt, Cell(r, Scenario::kIgtCertificate));
  EXPECT_EQ(unblocked_alone_gt01, r.cells[static_cast<int>(Cohort::kIoc)][static_cast<int>(Scenario::kGt01CommsWindow)] +
                                      r.cells[static_cast<int>(Cohort::kMocMds)][static_cast<int>(Scenario::kGt01CommsWindow)]);
  EXPECT_EQ(needs_combination, Cell(r, Scenario::kIgtAndGt01Window) + Cell(r, Scenario::kIgtAndPpmid));
  std::filesystem::remove_all(dir);
}

}  // namespace s1mig::gen::testing
