// Loading bank-holiday calendars and counting Working Days.
#include "dmct/working_day_calendar.h"

#include <cstdlib>
#include <vector>

#include "base/output_file.h"
#include "dmct/default_calendar_data.h"  // generated from data/calendars at build time

namespace s1mig::dmct {
namespace {

// Splits one CSV record (no embedded line breaks) into fields, honouring RFC 4180 quotes.
bool SplitCsvLine(std::string_view line, std::vector<std::string>* fields) {
  fields->clear();
  std::string cur;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cur += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields->push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  fields->push_back(std::move(cur));
  return !quoted;
}

int YearOf(Days d) {
  int y;
  unsigned m, day;
  CivilFromDays(d, &y, &m, &day);
  return y;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

Result<WorkingDayCalendar> WorkingDayCalendar::FromCsv(std::string_view csv, std::string name) {
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  WorkingDayCalendar cal;
  cal.name_ = std::move(name);
  int date_col = -1;
  int line_no = 0;
  std::vector<std::string> fields;
  while (!csv.empty()) {
    size_t nl = csv.find('\n');
    std::string_view line = csv.substr(0, nl);
    csv.remove_prefix(nl == std::string_view::npos ? csv.size() : nl + 1);
    ++line_no;
    line = Trim(line);
    if (line.empty()) continue;
    const std::string where = cal.name_ + ":" + std::to_string(line_no);
    if (!SplitCsvLine(line, &fields)) return InvalidArgument(where + ": unclosed quote");
    if (date_col < 0) {
      for (size_t i = 0; i < fields.size(); ++i) {
        if (Trim(fields[i]) == "date") date_col = static_cast<int>(i);
      }
      if (date_col < 0) return InvalidArgument(where + ": the header has no 'date' column");
      continue;
    }
    if (static_cast<size_t>(date_col) >= fields.size()) {
      return InvalidArgument(where + ": the row has no 'date' field");
    }
    std::string_view text = Trim(fields[date_col]);
    std::optional<Days> d = ParseDate(text);
    if (!d) {
      return InvalidArgument(where + ": '" + std::string(text) + "' is not a date (YYYY-MM-DD)");
    }
    cal.holidays_.insert(*d);
  }
  if (date_col < 0) return InvalidArgument(cal.name_ + ": empty calendar (no header)");
  if (cal.holidays_.empty()) {
    return InvalidArgument(cal.name_ + ": the calendar lists no dates, so it covers no year");
  }
  cal.first_year_ = YearOf(*cal.holidays_.begin());
  cal.last_year_ = YearOf(*cal.holidays_.rbegin());
  return cal;
}

Result<WorkingDayCalendar> WorkingDayCalendar::FromFile(const std::string& path) {
  // A bank-holiday list is a few kilobytes; a larger file is a mistake (or a device).
  constexpr size_t kMaxCalendarBytes = 1 << 20;
  S1MIG_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path, kMaxCalendarBytes));
  if (text.size() > kMaxCalendarBytes)
    return InvalidArgument(path + ": the calendar file is larger than the limit of " + std::to_string(kMaxCalendarBytes) + " bytes");
  return FromCsv(text, path);
}

const WorkingDayCalendar& WorkingDayCalendar::EnglandAndWales() {
  static const WorkingDayCalendar kCalendar = [] {
    Result<WorkingDayCalendar> r =
        FromCsv(kDefaultCalendarCsv, "England and Wales bank holidays (built in)");
    // The bundled file is checked by working_day_calendar_test; a broken one is a build bug.
    if (!r.ok()) std::abort();
    return std::move(r).value();
  }();
  return kCalendar;
}

bool WorkingDayCalendar::Covers(Days d) const {
  int y = YearOf(d);
  return y >= first_year_ && y <= last_year_;
}

bool WorkingDayCalendar::IsWorkingDay(Days d) const {
  return Weekday(d) < 5 && holidays_.count(d) == 0;
}

Result<Days> WorkingDayCalendar::AddWorkingDays(Days from, int n) const {
  const std::string range = " (the calendar '" + name_ + "' covers " + std::to_string(first_year_) +
                            " to " + std::to_string(last_year_) +
                            "; load a calendar that covers it with --calendar FILE)";
  if (!Covers(from)) {
    return OutOfRange("cannot count Working Days from " + FormatDate(from) + range);
  }
  Days d = from;
  for (int counted = 0; counted < n;) {
    ++d;
    if (!Covers(d)) {
      return OutOfRange("the " + std::to_string(n) + "th Working Day after " + FormatDate(from) +
                        " falls beyond " + std::to_string(last_year_) + range);
    }
    if (IsWorkingDay(d)) ++counted;
  }
  return d;
}

const char* WeekdayName(Days d) {
  static const char* kNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                 "Friday", "Saturday", "Sunday"};
  return kNames[Weekday(d)];
}

Result<Days> WorkingDayCalendar::ReferralDeadline(Instant notified_at) const {
  return AddWorkingDays(LondonDate(notified_at), kReferralWorkingDays);
}

}  // namespace s1mig::dmct
