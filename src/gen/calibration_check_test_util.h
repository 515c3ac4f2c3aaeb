// Test-only: generates an estate of n installations and checks, with the independent
// classifier, that every reason's count matches both the generator's intent (exactly) and the
// source's figures scaled to n (within a relative tolerance). Shared by the quick and slow tests.
#pragma once

#include <cstdint>
#include <string>

namespace s1mig::gen::testing {

// Writes the snapshot under `dir` (removed afterwards) and runs the gtest expectations.
// `relative_tolerance` applies to every scaled count (with an absolute floor of 4 installations).
void ExpectCalibrated(const std::string& dir, uint64_t n, uint64_t seed, double relative_tolerance);

}  // namespace s1mig::gen::testing
