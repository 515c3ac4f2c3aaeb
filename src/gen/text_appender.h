// Allocation-free text formatting into a caller-sized buffer: the hot path of `generate`
// writes ~400 bytes per installation for 13M installations, so no iostreams and no std::string.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "base/time.h"

namespace s1mig::gen {

// Appends at a raw cursor. REQUIRES: the caller reserved enough room (see kMaxInventoryRowBytes).
class TextAppender {
 public:
  explicit TextAppender(char* p) : p_(p) {}
  char* cursor() const { return p_; }

  void Char(char c) { *p_++ = c; }
  void Str(std::string_view s) {
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  // Exactly `width` digits, zero-padded (v must fit).
  void Fixed(uint64_t v, int width) {
    for (int k = width - 1; k >= 0; --k) {
      p_[k] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
    p_ += width;
  }
  void Uint(uint64_t v) {
    char tmp[20];
    int n = 0;
    do {
      tmp[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    while (n > 0) *p_++ = tmp[--n];
  }
  // EUI-64 as XX-XX-XX-XX-XX-XX-XX-XX, upper case (DATA.md "Device ID").
  void DeviceId(uint64_t id) {
    static const char kHex[] = "0123456789ABCDEF";
    for (int octet = 0; octet < 8; ++octet) {
      unsigned b = static_cast<unsigned>(id >> (56 - 8 * octet)) & 0xFF;
      if (octet > 0) *p_++ = '-';
      *p_++ = kHex[b >> 4];
      *p_++ = kHex[b & 0xF];
    }
  }
  // Seconds since the epoch as YYYY-MM-DDTHH:MM:SSZ.
  void TimestampUtc(int64_t seconds) {
    int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    int64_t rem = seconds - days * 86400;
    Date(static_cast<Days>(days));
    Char('T');
    Fixed(static_cast<uint64_t>(rem / 3600), 2);
    Char(':');
    Fixed(static_cast<uint64_t>(rem / 60 % 60), 2);
    Char(':');
    Fixed(static_cast<uint64_t>(rem % 60), 2);
    Char('Z');
  }
  // YYYY-MM-DD.
  void Date(Days d) {
    int y;
    unsigned m, day;
    CivilFromDays(d, &y, &m, &day);
    Fixed(static_cast<uint64_t>(y), 4);
    Char('-');
    Fixed(m, 2);
    Char('-');
    Fixed(day, 2);
  }

 private:
  char* p_;
};

}  // namespace s1mig::gen
