// Parsers for the identifiers of DATA.md: Device IDs (EUI-64), MPAN cores, MPRNs, M@F.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace s1mig {

// Parses "XX-XX-XX-XX-XX-XX-XX-XX" (hex, either case) into its 64-bit value.
// Allocation-free; returns nullopt for anything else.
std::optional<uint64_t> ParseDeviceId(std::string_view text);
// Writes a Device ID back in the canonical upper-case form.
std::string FormatDeviceId(uint64_t id);

// True when `text` is 13 digits whose last is the MPAN check digit (DATA.md): the first 12
// digits times 3,5,7,13,17,19,23,29,31,37,41,43, summed, mod 11, mod 10.
bool IsValidMpan(std::string_view text);

// True when `text` is 6 to 10 ASCII digits.
bool IsValidMprn(std::string_view text);

// Parses 1 to 19 ASCII digits as a number (MPRNs and range bounds compare as numbers).
std::optional<uint64_t> ParseUnsigned(std::string_view text);

// A key for an MPRN's exact text (digits only, 1 to 15 of them): the number and the digit count,
// so that "0012345678" and "12345678" stay different keys. Registration Data is looked up by
// this key; iGT ranges compare MPRNs as numbers instead (DATA.md).
std::optional<uint64_t> MprnKey(std::string_view digits);

// A Device Model and firmware written "MODEL@FW", split at the last '@'.
struct ModelFirmware {
  std::string model;
  std::string fw;
};
// Returns nullopt unless both halves are non-empty.
std::optional<ModelFirmware> ParseModelFirmware(std::string_view text);

}  // namespace s1mig
