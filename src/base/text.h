// Text helpers for messages that quote input.
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

}  // namespace s1mig
