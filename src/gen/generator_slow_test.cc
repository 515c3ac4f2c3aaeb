// Slow calibration test (label "slow"): 1,000,000 installations within 0.5% (floor 4
// installations) of the source figures. S1MIG_GEN_CALIBRATION_N overrides the size, e.g.
// 13000000 for the full GB estate (needs ~4 GB of disk and a few GB of memory).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "gen/calibration_check_test_util.h"

namespace s1mig::gen {
namespace {

TEST(GeneratorCalibrationSlowTest, At1MInstallationsCountsFollowTheSource) {
  uint64_t n = 1'000'000;
  if (const char* env = std::getenv("S1MIG_GEN_CALIBRATION_N")) n = std::stoull(env);
  testing::ExpectCalibrated(::testing::TempDir() + "s1mig_gen_cal_" + std::to_string(::getpid()), n, 1,
                            0.005);
}

}  // namespace
}  // namespace s1mig::gen
