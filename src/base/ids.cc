// Identifier parsers: Device ID, MPAN check digit, MPRN, M@F.
#include "base/ids.h"

namespace s1mig {
namespace {
// Hex digit values, 0xFF for anything else: one lookup per character on the hot path.
struct HexTable {
  uint8_t v[256];
  constexpr HexTable() : v() {
    for (int i = 0; i < 256; ++i) v[i] = 0xFF;
    for (int i = 0; i < 10; ++i) v['0' + i] = static_cast<uint8_t>(i);
    for (int i = 0; i < 6; ++i) {
      v['a' + i] = static_cast<uint8_t>(10 + i);
      v['A' + i] = static_cast<uint8_t>(10 + i);
    }
  }
};
constexpr HexTable kHex;
}  // namespace

std::optional<uint64_t> ParseDeviceId(std::string_view s) {
  if (s.size() != 23) return std::nullopt;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  uint64_t v = 0;
  unsigned bad = 0;
  for (int octet = 0; octet < 8; ++octet, p += 3) {
    unsigned hi = kHex.v[p[0]], lo = kHex.v[p[1]];
    bad |= hi | lo;
    if (octet < 7) bad |= (p[2] != '-') ? 0x100u : 0u;
    v = (v << 8) | ((hi << 4 | lo) & 0xFF);
  }
  if (bad & 0x1F0u) return std::nullopt;  // 0xFF marks a non-hex digit; 0x100 a missing '-'
  return v;
}

std::string FormatDeviceId(uint64_t id) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out(23, '-');
  for (int octet = 0; octet < 8; ++octet) {
    unsigned b = static_cast<unsigned>(id >> (56 - 8 * octet)) & 0xFF;
    out[octet * 3] = kHex[b >> 4];
    out[octet * 3 + 1] = kHex[b & 0xF];
  }
  return out;
}

bool IsValidMpan(std::string_view s) {
  static const int kWeights[12] = {3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43};
  if (s.size() != 13) return false;
  int sum = 0;
  for (int i = 0; i < 13; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    if (i < 12) sum += (s[i] - '0') * kWeights[i];
  }
  return (sum % 11) % 10 == s[12] - '0';
}

bool IsValidMprn(std::string_view s) {
  if (s.size() < 6 || s.size() > 10) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::optional<uint64_t> ParseUnsigned(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}

std::optional<uint64_t> MprnKey(std::string_view s) {
  if (s.empty() || s.size() > 15) return std::nullopt;
  auto v = ParseUnsigned(s);
  if (!v) return std::nullopt;
  return (*v << 5) | s.size();
}

std::optional<ModelFirmware> ParseModelFirmware(std::string_view s) {
  size_t at = s.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == s.size()) return std::nullopt;
  return ModelFirmware{std::string(s.substr(0, at)), std::string(s.substr(at + 1))};
}

}  // namespace s1mig
