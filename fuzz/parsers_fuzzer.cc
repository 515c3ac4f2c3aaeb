// libFuzzer target: the small parsers of outside text (timestamps and dates, Device IDs, MPANs,
// MPRNs, `M@F`, cohort/GroupID/meter mode, the --amendments and --effective flags, and a
// Working Day calendar CSV), with their round-trip properties:
//  - FormatDeviceId(ParseDeviceId(x)) is x upper-cased;
//  - an accepted MPAN is 13 digits whose check digit DATA.md's formula gives;
//  - ParseModelFirmware splits at the last '@' and model + "@" + fw gives x back;
//  - an accepted timestamp formats (UTC and London) to text that parses to the same instant,
//    and its London date formats to a date that parses;
//  - an accepted date formats back to x, and its London midnight lies on that London date.
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/ids.h"
#include "base/time.h"
#include "dmct/working_day_calendar.h"
#include "fuzz/fuzz_support.h"
#include "pipeline/rule_options.h"
#include "rules/compiled_rules.h"
#include "rules/rule_pack.h"

namespace s1mig::fuzz {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

void DeviceIds(std::string_view s) {
  if (auto id = ParseDeviceId(s)) {
    S1MIG_FUZZ_CHECK(FormatDeviceId(*id) == Upper(s));
    S1MIG_FUZZ_CHECK(ParseDeviceId(FormatDeviceId(*id)) == id);
  }
}

void Mpans(std::string_view s) {
  bool valid = s.size() == 13;
  int sum = 0;
  static const int kWeights[12] = {3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43};
  for (size_t i = 0; valid && i < 13; ++i) {
    if (s[i] < '0' || s[i] > '9') valid = false;
    else if (i < 12) sum += (s[i] - '0') * kWeights[i];
  }
  valid = valid && (sum % 11) % 10 == s[12] - '0';
  S1MIG_FUZZ_CHECK(IsValidMpan(s) == valid);
}

void Mprns(std::string_view s) {
  if (IsValidMprn(s)) {
    auto v = ParseUnsigned(s);
    auto key = MprnKey(s);
    S1MIG_FUZZ_CHECK(v && key);
    S1MIG_FUZZ_CHECK((*key >> 5) == *v && (*key & 31) == s.size());
  }
  if (auto v = ParseUnsigned(s)) S1MIG_FUZZ_CHECK(s.size() >= 1 && s.size() <= 19);
  if (auto key = MprnKey(s)) S1MIG_FUZZ_CHECK((*key & 31) == s.size());
}

void ModelFirmwares(std::string_view s) {
  auto mf = ParseModelFirmware(s);
  if (!mf) return;
  S1MIG_FUZZ_CHECK(!mf->model.empty() && !mf->fw.empty());
  S1MIG_FUZZ_CHECK(mf->fw.find('@') == std::string::npos);
  S1MIG_FUZZ_CHECK(mf->model + "@" + mf->fw == s);
}

void Timestamps(std::string_view s) {
  auto precise = ParseTimestampPrecise(s);
  auto plain = ParseTimestamp(s);
  S1MIG_FUZZ_CHECK(precise.has_value() == plain.has_value());
  if (!precise) return;
  S1MIG_FUZZ_CHECK(precise->micros == *plain);
  S1MIG_FUZZ_CHECK(precise->nanos >= 0 && precise->nanos < 1000);
  std::string utc = FormatInstant(*plain);
  S1MIG_FUZZ_CHECK(ParseTimestamp(utc) == plain);
  std::string london = FormatLondon(*plain);
  S1MIG_FUZZ_CHECK(ParseTimestamp(london) == plain);
  Days day = LondonDate(*plain);
  S1MIG_FUZZ_CHECK(ParseDate(FormatDate(day)) == day);
  // The London day holds the instant: it starts at or before it, and the next day after it.
  S1MIG_FUZZ_CHECK(LondonMidnight(day) <= *plain);
  S1MIG_FUZZ_CHECK(LondonMidnight(day + 1) > *plain);
  (void)NanosBetween(precise->micros, precise->nanos, 0, 999);
  (void)pipeline::ParseInstantFlag("--as-of", std::string(s));
}

void Dates(std::string_view s) {
  auto d = ParseDate(s);
  if (!d) return;
  S1MIG_FUZZ_CHECK(FormatDate(*d) == s);
  int y;
  unsigned m, day;
  CivilFromDays(*d, &y, &m, &day);
  S1MIG_FUZZ_CHECK(DaysFromCivil(y, m, day) == *d);
  S1MIG_FUZZ_CHECK(Weekday(*d) >= 0 && Weekday(*d) <= 6);
  S1MIG_FUZZ_CHECK(LondonDate(LondonMidnight(*d)) == *d);
}

void RuleWords(std::string_view s) {
  if (auto g = rules::ParseGroupId(s)) S1MIG_FUZZ_CHECK(rules::GroupIdName(*g) == s);
  if (auto c = rules::ParseCohort(s)) S1MIG_FUZZ_CHECK(rules::CohortName(*c) == s);
  if (auto m = rules::ParseMeterMode(s)) S1MIG_FUZZ_CHECK(rules::MeterModeName(*m) == s);
  if (auto sel = rules::ParseAmendmentSelection(s); sel.ok() && sel->mode == rules::AmendmentSelection::Mode::kList) {
    for (const auto& id : sel->ids) S1MIG_FUZZ_CHECK(!id.empty() && id.find(',') == std::string::npos);
  }
  if (auto ov = rules::ParseEffectiveOverride(s); ov.ok()) S1MIG_FUZZ_CHECK(!ov->first.empty());
}

void Calendar(std::string_view s) {
  auto cal = dmct::WorkingDayCalendar::FromCsv(s, "fuzz.csv");
  if (!cal.ok()) {
    S1MIG_FUZZ_CHECK(!cal.status().message().empty());
    return;
  }
  S1MIG_FUZZ_CHECK(cal->first_year() <= cal->last_year());
  for (const char* at : {"2021-12-22T10:00:00Z", "2022-06-30T23:30:00Z", "0001-01-01T00:00:00Z"}) {
    Instant t = *ParseTimestamp(at);
    auto deadline = cal->ReferralDeadline(t);
    if (deadline.ok()) {
      S1MIG_FUZZ_CHECK(*deadline > LondonDate(t));
      S1MIG_FUZZ_CHECK(cal->Covers(*deadline) && cal->IsWorkingDay(*deadline));
    }
  }
}

}  // namespace
}  // namespace s1mig::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace s1mig::fuzz;
  std::string_view s(reinterpret_cast<const char*>(data), size);
  DeviceIds(s);
  Mpans(s);
  Mprns(s);
  ModelFirmwares(s);
  Timestamps(s);
  Dates(s);
  RuleWords(s);
  Calendar(s);
  // Each line alone too, so that a corpus of several values exercises every parser at once.
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) nl = s.size();
    std::string_view line = s.substr(start, nl - start);
    if (line.size() != s.size()) {
      DeviceIds(line);
      Mpans(line);
      ModelFirmwares(line);
      Timestamps(line);
      Dates(line);
      RuleWords(line);
    }
    start = nl + 1;
  }
  return 0;
}
