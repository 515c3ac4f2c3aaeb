// Names of the DMCT store's enums as written in the store, the CLI and JSON; DMC formatting.
#include "store/records.h"

namespace s1mig::store {
namespace {

template <typename E, size_t N>
std::optional<E> ParseName(std::string_view text, const char* const (&names)[N]) {
  for (size_t i = 0; i < N; ++i) {
    if (text == names[i]) return static_cast<E>(i);
  }
  return std::nullopt;
}

constexpr const char* kRoleNames[] = {"supplier", "dcc"};
constexpr const char* kModeNames[] = {"active", "dormant"};
constexpr const char* kClassNames[] = {"PPMID", "IHD"};
constexpr const char* kSourceNames[] = {"supplier", "smso"};
constexpr const char* kNoticeNames[] = {"NOTIFIED", "REFERRED", "UPHELD", "DISMISSED", "REVERSED"};
constexpr const char* kOutcomeNames[] = {"UPHELD", "DISMISSED"};
constexpr const char* kSlotNames[] = {"CHF", "ESME", "GSME", "GPF", "PPMID"};

}  // namespace

const char* PartyRoleName(PartyRole r) { return kRoleNames[static_cast<int>(r)]; }
std::optional<PartyRole> ParsePartyRole(std::string_view t) {
  return ParseName<PartyRole>(t, kRoleNames);
}

const char* MeterModeName(MeterMode m) { return kModeNames[static_cast<int>(m)]; }
std::optional<MeterMode> ParseMeterMode(std::string_view t) {
  return ParseName<MeterMode>(t, kModeNames);
}

const char* DisplayClassName(DisplayClass c) { return kClassNames[static_cast<int>(c)]; }
std::optional<DisplayClass> ParseDisplayClass(std::string_view t) {
  return ParseName<DisplayClass>(t, kClassNames);
}

const char* DataSourceName(DataSource s) { return kSourceNames[static_cast<int>(s)]; }
std::optional<DataSource> ParseDataSource(std::string_view t) {
  return ParseName<DataSource>(t, kSourceNames);
}

const char* NoticeStatusName(NoticeStatus s) { return kNoticeNames[static_cast<int>(s)]; }
std::optional<NoticeStatus> ParseNoticeStatus(std::string_view t) {
  return ParseName<NoticeStatus>(t, kNoticeNames);
}

const char* OutcomeName(Outcome o) { return kOutcomeNames[static_cast<int>(o)]; }
std::optional<Outcome> ParseOutcome(std::string_view t) {
  return ParseName<Outcome>(t, kOutcomeNames);
}

std::string FormatDmc(const Dmc& dmc) {
  std::string out;
  for (int i = 0; i < kDeviceSlots; ++i) {
    if (dmc.model[i].empty() && dmc.fw[i].empty()) continue;
    if (!out.empty()) out += ' ';
    out += kSlotNames[i];
    out += ' ';
    out += dmc.model[i];
    out += '@';
    out += dmc.fw[i];
  }
  return out;
}

Dmc DmcOf(const EpclEntry& e) {
  Dmc d;
  for (int i = 0; i < kDeviceSlots; ++i) {
    d.model[i] = e.model[i];
    d.fw[i] = e.fw[i];
  }
  return d;
}

}  // namespace s1mig::store
