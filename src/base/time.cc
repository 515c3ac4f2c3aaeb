// Timestamp/date parsing and Europe/London conversions. London offsets come from date/tz.h
// reading the OS tz database (USE_OS_TZDB), never from a hand-written DST rule.
#include "base/time.h"

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <cstdio>

namespace s1mig {
namespace {

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

unsigned DaysInMonth(int y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

bool ParseYmd(std::string_view s, int* y, int* m, int* d) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  if (!Digits(s, 0, 4, y) || !Digits(s, 5, 2, m) || !Digits(s, 8, 2, d)) return false;
  if (*m < 1 || *m > 12 || *d < 1 || static_cast<unsigned>(*d) > DaysInMonth(*y, *m)) return false;
  return true;
}

const date::time_zone* London() {
  static const date::time_zone* zone = [] () -> const date::time_zone* {
    try {
      return date::locate_zone("Europe/London");
    } catch (...) {
      return nullptr;
    }
  }();
  return zone;
}

}  // namespace

// Howard Hinnant's days_from_civil.
Days DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void CivilFromDays(Days z, int* y, unsigned* m, unsigned* d) {
  int zz = z + 719468;
  const int era = (zz >= 0 ? zz : zz - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(zz - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int>(yoe) + era * 400 + (*m <= 2);
}

int Weekday(Days days) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  int w = (days + 3) % 7;
  return w < 0 ? w + 7 : w;
}

std::optional<Days> ParseDate(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || !ParseYmd(s, &y, &m, &d)) return std::nullopt;
  return DaysFromCivil(y, m, d);
}

std::optional<Instant> ParseTimestamp(std::string_view s) {
  auto p = ParseTimestampPrecise(s);
  if (!p) return std::nullopt;
  return p->micros;
}

int64_t NanosBetween(Instant a, int32_t an, Instant b, int32_t bn) {
  __int128 d = static_cast<__int128>(a - b) * 1000 + (an - bn);
  if (d > INT64_MAX) return INT64_MAX;
  if (d < -INT64_MAX) return -INT64_MAX;
  return static_cast<int64_t>(d);
}

std::optional<PreciseInstant> ParseTimestampPrecise(std::string_view s) {
  int y, mo, d, h, mi, se;
  if (s.size() < 20 || !ParseYmd(s, &y, &mo, &d)) return std::nullopt;
  if (s[10] != 'T') return std::nullopt;
  if (!Digits(s, 11, 2, &h) || s[13] != ':' || !Digits(s, 14, 2, &mi) || s[16] != ':' ||
      !Digits(s, 17, 2, &se))
    return std::nullopt;
  if (h > 23 || mi > 59 || se > 59) return std::nullopt;
  size_t pos = 19;
  int64_t micros = 0;
  int64_t nanos = 0;
  if (pos < s.size() && s[pos] == '.') {
    // Any number of digits; the instant keeps microseconds (finer digits are truncated).
    ++pos;
    size_t start = pos;
    int64_t scale = 100000000;  // nanoseconds; finer digits are dropped
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      nanos += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    micros = nanos / 1000;
    nanos %= 1000;
    if (pos == start) return std::nullopt;
  }
  if (pos >= s.size()) return std::nullopt;  // an offset is required
  int64_t offset_seconds = 0;
  char c = s[pos];
  if (c == 'Z') {
    ++pos;
  } else if (c == '+' || c == '-') {
    int oh, om;
    ++pos;
    if (!Digits(s, pos, 2, &oh)) return std::nullopt;
    pos += 2;
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (!Digits(s, pos, 2, &om)) return std::nullopt;
    pos += 2;
    if (oh > 23 || om > 59) return std::nullopt;
    offset_seconds = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  int64_t days = DaysFromCivil(y, mo, d);
  int64_t secs = days * 86400 + h * 3600 + mi * 60 + se - offset_seconds;
  // The instant itself must lie in years 0001..9999 (UTC): an offset may not carry it into year
  // 10000 or 0000, which FormatInstant and FormatDate (London) could not write back readably.
  static const int64_t kFirst = int64_t{DaysFromCivil(1, 1, 1)} * 86400;
  static const int64_t kEnd = int64_t{DaysFromCivil(10000, 1, 1)} * 86400;
  if (secs < kFirst || secs >= kEnd) return std::nullopt;
  return PreciseInstant{secs * kMicrosPerSecond + micros, static_cast<int32_t>(nanos)};
}

std::string FormatDate(Days days) {
  int y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

std::string FormatInstant(Instant t) { return FormatInstant(PreciseInstant{t, 0}); }

std::string FormatInstant(PreciseInstant p) {
  const Instant t = p.micros;
  int64_t secs = t >= 0 ? t / kMicrosPerSecond : -((-t + kMicrosPerSecond - 1) / kMicrosPerSecond);
  int64_t micros = t - secs * kMicrosPerSecond;
  int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  int64_t rem = secs - days * 86400;
  std::string out = FormatDate(static_cast<Days>(days));
  char buf[48];
  int n = std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", static_cast<int>(rem / 3600),
                        static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60));
  // The fraction only when non-zero: six digits, or nine when nanoseconds were given.
  if (p.nanos != 0) {
    std::snprintf(buf + n, sizeof buf - n, ".%09lldZ", static_cast<long long>(micros * 1000 + p.nanos));
  } else if (micros != 0) {
    std::snprintf(buf + n, sizeof buf - n, ".%06dZ", static_cast<int>(micros));
  } else {
    std::snprintf(buf + n, sizeof buf - n, "Z");
  }
  return out + buf;
}

bool LondonZoneAvailable(std::string* error) {
  if (London() != nullptr) return true;
  if (error) *error = "the OS time-zone database has no Europe/London (install tzdata)";
  return false;
}

Days LondonDate(Instant t) {
  using namespace std::chrono;
  sys_time<microseconds> tp{microseconds{t}};
  const date::time_zone* zone = London();
  auto info = zone->get_info(date::floor<seconds>(tp));
  auto local = tp + duration_cast<microseconds>(info.offset);
  return static_cast<Days>(date::floor<date::days>(local).time_since_epoch().count());
}

Instant LondonMidnight(Days d) {
  using namespace std::chrono;
  date::local_days ld{date::days{d}};
  // Midnight always exists in London (its shifts are at 01:00 and 02:00); `earliest` keeps this
  // total should that ever change.
  auto zt = date::make_zoned(London(), ld, date::choose::earliest);
  return duration_cast<microseconds>(zt.get_sys_time().time_since_epoch()).count();
}

std::string FormatLondon(Instant t) {
  using namespace std::chrono;
  sys_seconds tp{seconds{t / kMicrosPerSecond}};
  auto info = London()->get_info(tp);
  auto off = duration_cast<minutes>(info.offset).count();
  std::string local = FormatInstant((t + off * 60 * kMicrosPerSecond));
  local.pop_back();  // drop the Z
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", off < 0 ? '-' : '+', static_cast<int>(std::abs(off) / 60),
                static_cast<int>(std::abs(off) % 60));
  return local + buf;
}

}  // namespace s1mig
