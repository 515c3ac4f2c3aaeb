// Unit tests for base: timestamps, London dates, Device IDs, MPAN check digits, M@F.
#include <gtest/gtest.h>

#include "base/ids.h"
#include "base/sha256.h"
#include "base/time.h"

namespace s1mig {
namespace {

TEST(Mpan, CheckDigit) {
  EXPECT_TRUE(IsValidMpan("1800021679848"));
  for (char c = '0'; c <= '9'; ++c) {
    if (c == '8') continue;
    EXPECT_FALSE(IsValidMpan(std::string("180002167984") + c)) << c;
  }
  EXPECT_FALSE(IsValidMpan("180002167984"));
  EXPECT_FALSE(IsValidMpan("18000216798480"));
  EXPECT_FALSE(IsValidMpan("18000216798a8"));
  EXPECT_FALSE(IsValidMpan(""));
}

TEST(DeviceId, ParsesBothCasesAndFormatsUpper) {
  auto id = ParseDeviceId("00-db-12-34-56-78-90-a2");
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(*id, 0x00DB1234567890A2ull);
  EXPECT_EQ(FormatDeviceId(*id), "00-DB-12-34-56-78-90-A2");
  EXPECT_EQ(ParseDeviceId("00-DB-12-34-56-78-90-A2"), id);
}

TEST(DeviceId, RejectsMalformed) {
  for (const char* bad : {"", "00-DB-12-34-56-78-90", "00-DB-12-34-56-78-90-A2-", "00:DB:12:34:56:78:90:A2",
                          "00-DB-12-34-56-78-90-G2", "0-DB-12-34-56-78-90-A23", " 00-DB-12-34-56-78-90-A2",
                          "00DB1234567890A2"}) {
    EXPECT_FALSE(ParseDeviceId(bad).has_value()) << bad;
  }
}

TEST(Timestamp, OffsetsAndZulu) {
  auto a = ParseTimestamp("2021-10-11T23:30:00Z");
  auto b = ParseTimestamp("2021-10-12T00:30:00+01:00");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(ParseTimestamp("2021-10-12T00:30:00+0100"), a);
  EXPECT_EQ(FormatInstant(*a), "2021-10-11T23:30:00Z");
  EXPECT_EQ(*ParseTimestamp("1970-01-01T00:00:01Z"), kMicrosPerSecond);
  EXPECT_EQ(*ParseTimestamp("1970-01-01T00:00:00.5Z"), kMicrosPerSecond / 2);
  EXPECT_EQ(*ParseTimestamp("1970-01-01T00:00:00.1234567890Z"), 123456);
}

// An instant given to the nanosecond is written back to the nanosecond (summary.json's as_of).
TEST(Timestamp, PreciseInstantsAreWrittenBackAsGiven) {
  auto format = [](const char* text) { return FormatInstant(*ParseTimestampPrecise(text)); };
  EXPECT_EQ(format("2021-10-13T09:00:00.123456789+01:00"), "2021-10-13T08:00:00.123456789Z");
  EXPECT_EQ(format("2021-10-13T09:00:00.000000001Z"), "2021-10-13T09:00:00.000000001Z");
  EXPECT_EQ(format("2021-10-13T09:00:00.5Z"), "2021-10-13T09:00:00.500000Z");
  EXPECT_EQ(format("2021-10-13T09:00:00Z"), "2021-10-13T09:00:00Z");
  EXPECT_EQ(format("1969-12-31T23:59:59.999999999Z"), "1969-12-31T23:59:59.999999999Z");
}

TEST(Timestamp, RejectsMalformed) {
  for (const char* bad : {"", "2021-10-11", "2021-10-11T23:30Z", "2021-10-11T23:30:00", "2021-02-29T00:00:00Z",
                          "2021-13-01T00:00:00Z", "2021-10-11T24:00:00Z", "2021-10-11T23:60:00Z",
                          "2021-10-11T23:30:00+1", "2021-10-11T23:30:00Zjunk", "2021/10/11T23:30:00Z",
                          "2021-10-11 23:30:00Z", "2021-10-11T23:30:00.Z", "2021-10-11t23:30:00Z",
                          "2021-10-11T23:30:00z", "2021-10-11T23:30:00,5Z"}) {
    EXPECT_FALSE(ParseTimestamp(bad).has_value()) << bad;
  }
  EXPECT_TRUE(ParseTimestamp("2020-02-29T00:00:00Z").has_value());
}

TEST(London, SummerTimeMidnight) {
  // 2021-10-12 00:00 London is 2021-10-11T23:00:00Z (BST).
  Days d = *ParseDate("2021-10-12");
  EXPECT_EQ(LondonMidnight(d), *ParseTimestamp("2021-10-11T23:00:00Z"));
  EXPECT_EQ(LondonDate(*ParseTimestamp("2021-10-11T22:59:59Z")), d - 1);
  EXPECT_EQ(LondonDate(*ParseTimestamp("2021-10-11T23:00:00Z")), d);
  // Winter: London is UTC.
  Days w = *ParseDate("2021-12-22");
  EXPECT_EQ(LondonMidnight(w), *ParseTimestamp("2021-12-22T00:00:00Z"));
  EXPECT_EQ(FormatLondon(*ParseTimestamp("2021-07-01T11:00:00Z")), "2021-07-01T12:00:00+01:00");
}

TEST(Dates, WeekdayAndRoundTrip) {
  Days d = *ParseDate("2021-12-22");
  EXPECT_EQ(Weekday(d), 2);  // Wednesday
  EXPECT_EQ(FormatDate(d), "2021-12-22");
  EXPECT_FALSE(ParseDate("2021-12-32").has_value());
  EXPECT_FALSE(ParseDate("2021-1-02").has_value());
}

TEST(ModelFirmware, SplitsAtLastAt) {
  auto mf = ParseModelFirmware("DSP@X@1.2");
  ASSERT_TRUE(mf);
  EXPECT_EQ(mf->model, "DSP@X");
  EXPECT_EQ(mf->fw, "1.2");
  EXPECT_FALSE(ParseModelFirmware("DSP").has_value());
  EXPECT_FALSE(ParseModelFirmware("@1.2").has_value());
  EXPECT_FALSE(ParseModelFirmware("DSP@").has_value());
}

TEST(Sha256, KnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace s1mig
