// Deterministic randomness for the synthetic estate: a counter-based SplitMix64 stream per row,
// so a row's values depend only on (seed, row index) and never on thread count or library version.
#pragma once

#include <cstdint>

namespace s1mig::gen {

// The SplitMix64 finaliser: a bijective 64-bit mix (Steele, Lea and Flood 2014).
constexpr uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// 2^64 / golden ratio: the SplitMix64 increment and the Weyl step used for cell selection.
constexpr uint64_t kGoldenGamma = 0x9E3779B97F4A7C15ULL;

// A SplitMix64 stream. Its output is fixed by the algorithm, unlike std:: distributions,
// whose results differ between standard library versions.
class Rng {
 public:
  explicit Rng(uint64_t state) : state_(state) {}
  // Independent stream for row `index` (and sub-stream `stream`) of the run seeded with `seed`.
  static Rng ForRow(uint64_t seed, uint64_t index, uint64_t stream = 0) {
    return Rng(Mix64(Mix64(seed ^ 0x5EED5EED5EED5EEDULL) + index * 0xD1B54A32D192ED03ULL +
                     stream * 0x8CB92BA72F3D8DD7ULL));
  }

  uint64_t Next() { return Mix64(state_ += kGoldenGamma); }
  // Uniform in [0, n) by multiply-shift (bias < n / 2^64, far below anything measurable here).
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }
  // Uniform in [lo, hi], inclusive.
  int64_t Between(int64_t lo, int64_t hi) {
    uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
    return lo + static_cast<int64_t>((static_cast<unsigned __int128>(Next()) * span) >> 64);
  }
  // True with probability `per_million` / 1,000,000.
  bool Chance(uint32_t per_million) { return Below(1'000'000) < per_million; }
  // Index drawn from integer weights (sum must be > 0).
  template <typename W, int kN>
  int Pick(const W (&weights)[kN]) {
    uint32_t total = 0;
    for (W w : weights) total += static_cast<uint32_t>(w);
    uint32_t r = Below(total);
    for (int k = 0; k < kN; ++k) {
      if (r < static_cast<uint32_t>(weights[k])) return k;
      r -= static_cast<uint32_t>(weights[k]);
    }
    return kN - 1;
  }

 private:
  uint64_t state_;
};

}  // namespace s1mig::gen
