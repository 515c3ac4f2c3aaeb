// Instants, calendar dates and the Europe/London calendar (via the OS tz database, date/tz.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace s1mig {

// An instant: microseconds since 1970-01-01T00:00:00Z.
using Instant = int64_t;
constexpr Instant kMicrosPerSecond = 1'000'000;
constexpr Instant kMicrosPerHour = 3600 * kMicrosPerSecond;

// A calendar date: days since 1970-01-01 (proleptic Gregorian).
using Days = int32_t;

// Parses an ISO 8601 timestamp with seconds and an offset:
// YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM|+HHMM|-HHMM). Returns nullopt when the text is
// not exactly that, names an impossible date or time, or an instant outside the years 0001 to
// 9999 in UTC (so that every accepted instant formats back to text that parses). Allocation-free;
// safe on any input.
std::optional<Instant> ParseTimestamp(std::string_view text);

// The same, keeping the nanoseconds below the microsecond (0..999) that Instant drops, for the
// comparisons that must be exact to the digit given (GT01 windows, "later than as_of").
struct PreciseInstant {
  Instant micros = 0;
  int32_t nanos = 0;
};
std::optional<PreciseInstant> ParseTimestampPrecise(std::string_view text);
// a - b in nanoseconds, saturating at +-INT64_MAX.
int64_t NanosBetween(Instant a_micros, int32_t a_nanos, Instant b_micros, int32_t b_nanos);

// Parses YYYY-MM-DD (a real date). Allocation-free; safe on any input.
std::optional<Days> ParseDate(std::string_view text);

// Days for a civil date; REQUIRES: a valid date.
Days DaysFromCivil(int y, unsigned m, unsigned d);
void CivilFromDays(Days days, int* y, unsigned* m, unsigned* d);
// 0 = Monday ... 6 = Sunday.
int Weekday(Days days);

// "2021-10-11T23:30:00Z" (fraction printed only when non-zero).
std::string FormatInstant(Instant t);
// The same with the nanoseconds below the microsecond: nine fraction digits when those are not 0,
// so that an instant given to the nanosecond is written back as given.
std::string FormatInstant(PreciseInstant t);
// "2021-10-12".
std::string FormatDate(Days d);

// The Europe/London calendar date at instant t, from the OS time-zone database.
Days LondonDate(Instant t);
// The instant of 00:00 Europe/London on date d (the start of that London day).
Instant LondonMidnight(Days d);
// "2021-10-12T00:30:00+01:00": instant t as London local time with its offset.
std::string FormatLondon(Instant t);

// Checks that the tz database has Europe/London; call once at start to fail cleanly.
bool LondonZoneAvailable(std::string* error);

}  // namespace s1mig
