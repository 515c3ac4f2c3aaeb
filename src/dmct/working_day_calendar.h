// WorkingDayCalendar: which days are Working Days (DOMAIN.md "Working Day"), loaded from a
// bank-holiday CSV, and the 10-Working-Day referral deadline of SMETS1 SVTAD clause 20.5A.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "base/status.h"
#include "base/time.h"

namespace s1mig::dmct {

// A Working Day is any day other than a Saturday, a Sunday, or a bank holiday of the calendar.
// The calendar covers whole years, from the year of its first holiday to the year of its last;
// it answers only inside that range and refuses (OutOfRange) rather than guessing outside it.
// Immutable once built; safe to share between threads.
class WorkingDayCalendar {
 public:
  // Parses a CSV with a `date` column (YYYY-MM-DD; other columns ignored; header required; BOM,
  // CRLF and quoted fields accepted). `name` labels the calendar in messages and notices.
  // InvalidArgument names the line of a bad date, a missing column, or an empty calendar.
  static Result<WorkingDayCalendar> FromCsv(std::string_view csv, std::string name);
  // Reads and parses a CSV file; errors name the file.
  static Result<WorkingDayCalendar> FromFile(const std::string& path);
  // The bank holidays of England and Wales bundled into the binary at build time
  // (data/calendars/bank-holidays-england-and-wales.csv).
  static const WorkingDayCalendar& EnglandAndWales();

  const std::string& name() const { return name_; }
  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }
  // True when `d` lies in [first_year, last_year].
  bool Covers(Days d) const;

  // REQUIRES: Covers(d). Weekends and listed holidays are not Working Days.
  bool IsWorkingDay(Days d) const;

  // The date of the n-th Working Day after `from` (`from` itself never counts). OutOfRange when
  // `from` or the answer lies outside the covered years: the message gives the years covered.
  Result<Days> AddWorkingDays(Days from, int n) const;

  // SMETS1 SVTAD clause 20.5A: a referral is due "within 10 Working Days of the DCC's
  // notification". project decision (DOMAIN.md): the period ends at the end of the 10th Working
  // Day after the notification's London date. Returns that last day.
  Result<Days> ReferralDeadline(Instant notified_at) const;

 private:
  WorkingDayCalendar() = default;

  std::string name_;
  std::set<Days> holidays_;
  int first_year_ = 0;
  int last_year_ = 0;
};

// The English name of the weekday of `d` ("Monday"), for notices and messages.
const char* WeekdayName(Days d);

// Working Days in a referral period (SVTAD clause 20.5A).
inline constexpr int kReferralWorkingDays = 10;

}  // namespace s1mig::dmct
