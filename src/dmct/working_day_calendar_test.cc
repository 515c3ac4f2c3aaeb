// Tests of WorkingDayCalendar: the bundled calendars and the 10-Working-Day referral deadline
// across Christmas/New Year 2021-22, Easter 2022, the June 2022 Jubilee, 19 September 2022 and a
// summer notification late in the UTC evening.
#include "dmct/working_day_calendar.h"

#include <gtest/gtest.h>

namespace s1mig::dmct {
namespace {

Days D(const char* text) { return *ParseDate(text); }
Instant T(const char* text) { return *ParseTimestamp(text); }

std::string Deadline(const WorkingDayCalendar& cal, const char* notified_at) {
  Result<Days> d = cal.ReferralDeadline(T(notified_at));
  if (!d.ok()) return "error: " + d.status().message();
  return FormatDate(*d);
}

const WorkingDayCalendar& Ew() { return WorkingDayCalendar::EnglandAndWales(); }

TEST(WorkingDayCalendar, BundledEnglandAndWalesCovers2021To2027) {
  EXPECT_EQ(Ew().first_year(), 2021);
  EXPECT_EQ(Ew().last_year(), 2027);
  EXPECT_FALSE(Ew().IsWorkingDay(D("2022-06-03")));  // Platinum Jubilee
  EXPECT_FALSE(Ew().IsWorkingDay(D("2022-09-19")));  // State Funeral
  EXPECT_FALSE(Ew().IsWorkingDay(D("2022-01-08")));  // Saturday
  EXPECT_TRUE(Ew().IsWorkingDay(D("2022-01-04")));
}

TEST(WorkingDayCalendar, EmbeddedCopyMatchesTheDataFile) {
  auto file = WorkingDayCalendar::FromFile(std::string(S1MIG_SOURCE_DIR) +
                                           "/data/calendars/bank-holidays-england-and-wales.csv");
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_EQ(file->first_year(), Ew().first_year());
  EXPECT_EQ(file->last_year(), Ew().last_year());
  for (Days d = D("2021-01-01"); d <= D("2027-12-31"); ++d) {
    ASSERT_EQ(file->IsWorkingDay(d), Ew().IsWorkingDay(d)) << FormatDate(d);
  }
}

TEST(WorkingDayCalendar, DomainExampleDeadline) {
  // DOMAIN.md: a notification on Wednesday 22 December 2021 has its last day on 10 January.
  EXPECT_EQ(Deadline(Ew(), "2021-12-22T10:00:00Z"), "2022-01-10");
}

TEST(WorkingDayCalendar, ChristmasAndNewYear2021To2022) {
  // 27, 28 Dec and 3 Jan are substitute bank holidays.
  EXPECT_EQ(Deadline(Ew(), "2021-12-24T09:00:00Z"), "2022-01-12");
  EXPECT_EQ(Deadline(Ew(), "2021-12-31T16:00:00Z"), "2022-01-17");
  // A Saturday notification counts from the next Working Day onwards.
  EXPECT_EQ(Deadline(Ew(), "2021-12-25T12:00:00Z"), "2022-01-12");
}

TEST(WorkingDayCalendar, Easter2022) {
  // Good Friday 15 April and Easter Monday 18 April.
  EXPECT_EQ(Deadline(Ew(), "2022-04-08T11:00:00+01:00"), "2022-04-26");
  EXPECT_EQ(Deadline(Ew(), "2022-04-14T17:00:00+01:00"), "2022-05-03");
}

TEST(WorkingDayCalendar, PlatinumJubileeJune2022) {
  // Thursday 2 June (moved spring holiday) and Friday 3 June.
  EXPECT_EQ(Deadline(Ew(), "2022-05-27T10:00:00+01:00"), "2022-06-14");
  EXPECT_EQ(Deadline(Ew(), "2022-06-01T10:00:00+01:00"), "2022-06-17");
}

TEST(WorkingDayCalendar, StateFuneral19September2022) {
  EXPECT_EQ(Deadline(Ew(), "2022-09-09T10:00:00+01:00"), "2022-09-26");
  EXPECT_EQ(Deadline(Ew(), "2022-09-16T10:00:00+01:00"), "2022-10-03");
}

TEST(WorkingDayCalendar, LateSummerEveningUtcIsTheNextDayInLondon) {
  // 23:30 UTC on Thursday 30 June 2022 is 00:30 on Friday 1 July in London (BST).
  EXPECT_EQ(Deadline(Ew(), "2022-06-30T23:30:00Z"), "2022-07-15");
  // Half an hour earlier it is still Thursday in London.
  EXPECT_EQ(Deadline(Ew(), "2022-06-30T22:59:59Z"), "2022-07-14");
  // In winter London is on UTC, so 23:30Z stays the same day.
  EXPECT_EQ(Deadline(Ew(), "2022-01-13T23:30:00Z"), "2022-01-27");
}

TEST(WorkingDayCalendar, ScotlandCalendarHasItsOwnHolidays) {
  auto scot = WorkingDayCalendar::FromFile(std::string(S1MIG_SOURCE_DIR) +
                                           "/data/calendars/bank-holidays-scotland.csv");
  ASSERT_TRUE(scot.ok()) << scot.status().message();
  // 4 January 2022 is a bank holiday in Scotland only.
  EXPECT_EQ(Deadline(*scot, "2021-12-22T10:00:00Z"), "2022-01-11");
  EXPECT_FALSE(scot->IsWorkingDay(D("2022-08-01")));
  EXPECT_TRUE(Ew().IsWorkingDay(D("2022-08-01")));
}

TEST(WorkingDayCalendar, RefusesDeadlinesOutsideItsYears) {
  Result<Days> late = Ew().ReferralDeadline(T("2027-12-20T10:00:00Z"));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().code(), StatusCode::kOutOfRange);
  EXPECT_NE(late.status().message().find("2027"), std::string::npos) << late.status().message();
  EXPECT_EQ(Ew().ReferralDeadline(T("2020-12-30T10:00:00Z")).status().code(),
            StatusCode::kOutOfRange);
  // The last deadline that still fits.
  EXPECT_EQ(Deadline(Ew(), "2027-12-10T10:00:00Z"), "2027-12-24");
}

TEST(WorkingDayCalendar, ParsesBomCrlfQuotesAndExtraColumns) {
  auto cal = WorkingDayCalendar::FromCsv(
      "\xEF\xBB\xBFtitle,date,notes\r\n\"Boxing Day, substitute\",2030-12-26,x\r\n"
      "New Year,\"2031-01-01\",\r\n",
      "test");
  ASSERT_TRUE(cal.ok()) << cal.status().message();
  EXPECT_EQ(cal->first_year(), 2030);
  EXPECT_EQ(cal->last_year(), 2031);
  EXPECT_FALSE(cal->IsWorkingDay(D("2030-12-26")));
  EXPECT_FALSE(cal->IsWorkingDay(D("2031-01-01")));
}

TEST(WorkingDayCalendar, RejectsMalformedFiles) {
  auto no_col = WorkingDayCalendar::FromCsv("day\n2022-01-01\n", "a.csv");
  EXPECT_EQ(no_col.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(no_col.status().message().find("'date'"), std::string::npos);
  auto bad = WorkingDayCalendar::FromCsv("date\n2022-01-01\n2022-02-30\n", "b.csv");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("b.csv:3"), std::string::npos) << bad.status().message();
  EXPECT_FALSE(WorkingDayCalendar::FromCsv("date\n", "c.csv").ok());
  EXPECT_FALSE(WorkingDayCalendar::FromCsv("", "d.csv").ok());
  EXPECT_EQ(WorkingDayCalendar::FromFile("/nonexistent/cal.csv").status().code(),
            StatusCode::kIoError);
}

}  // namespace
}  // namespace s1mig::dmct
