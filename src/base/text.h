// Text helpers: trimming input fields, and cutting values that messages quote.
#pragma once

#include <string_view>

namespace s1mig {

// At most `max_bytes` of `s`, cut before a UTF-8 character rather than through it, so that a
// message quoting valid UTF-8 input stays valid UTF-8 (a cut through a character came out of
// JSON outputs as U+FFFD; found by the http_body fuzzer).
inline std::string_view Utf8Prefix(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

// `s` without leading and trailing spaces and tabs (CHF Whitelist entries, DATA.md).
inline std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace s1mig
