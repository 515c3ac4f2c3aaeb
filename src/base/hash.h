// A fast 64-bit hash for short keys (ids, model names), 8 bytes at a time. Hand-written because
// std::hash<string_view> showed up at ~5% of evaluate's profile (docs/design.md); not for
// security or persistence.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace s1mig {

inline uint64_t Mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

inline uint64_t HashBytes(std::string_view s, uint64_t seed = 0x9E3779B97F4A7C15ull) {
  uint64_t h = seed ^ (s.size() * 0x9E3779B97F4A7C15ull);
  const char* p = s.data();
  size_t n = s.size();
  while (n >= 8) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    h = (h ^ Mix64(v)) * 0x9E3779B97F4A7C15ull;
    p += 8;
    n -= 8;
  }
  uint64_t tail = 0;
  if (n > 0) std::memcpy(&tail, p, n);  // an empty view may have a null data(): memcpy's UB
  h = (h ^ Mix64(tail ^ (static_cast<uint64_t>(n) << 56))) * 0x9E3779B97F4A7C15ull;
  return Mix64(h);
}

}  // namespace s1mig
