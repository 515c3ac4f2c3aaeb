// The rule pack: checks in order with their clauses, parameters, named scopes, and dated
// amendments. Loaded at run time from TOML (see docs/rule-pack.md); immutable once loaded.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/time.h"

namespace s1mig::rules {

enum class Cohort : uint8_t { kIoc = 0, kMocMds, kMocSecure, kFoc };
constexpr int kCohorts = 4;
const char* CohortName(Cohort c);  // "IOC", "MOC_MDS", "MOC_SECURE", "FOC"
std::optional<Cohort> ParseCohort(std::string_view s);

enum class MeterMode : uint8_t { kActive = 0, kDormant, kMixed };
constexpr int kMeterModes = 3;
const char* MeterModeName(MeterMode m);
std::optional<MeterMode> ParseMeterMode(std::string_view s);

// A TMAD GroupID: two upper-case letters, as 0..675.
constexpr int kGroupIds = 26 * 26;
std::optional<int> ParseGroupId(std::string_view s);
std::string GroupIdName(int g);

// Which installations a check, parameter value or exemption covers. Empty lists mean "all".
struct Scope {
  std::vector<Cohort> cohorts;
  std::vector<int> group_ids;
  std::vector<MeterMode> meter_modes;
  bool Contains(Cohort c, int group, MeterMode m) const;
  bool IsEverything() const { return cohorts.empty() && group_ids.empty() && meter_modes.empty(); }
  std::string Describe() const;  // "GroupIDs AA BA CA CB" or "all installations"
};

// The kinds of check the engine implements; a pack orders and configures them.
enum class CheckKind : uint8_t {
  kGsmeOnWhitelist,   // TMAD App. A GT01 Table A3 step 4: GSME on the CHF Whitelist
  kGsmeCommsWindow,   // ... and communicated in the last `window_hours`
  kNetworkParty,      // TMAD Table 5.10 step 5.10.17
  kDmcOnEpcl,         // the DMC must be on the EPCL
};
const char* CheckKindName(CheckKind k);

// Conditions under which a check passes without being run.
enum class Exemption : uint8_t {
  kAlways = 1,            // the whole scope is exempt
  kNullCertificate = 2,   // CriticalNetworkOperatorCertificateID is the Null Certificate ID
  kIgtSupplyPoint = 4,    // the MPRN is in an iGT's range (U1-IGT)
};
const char* ExemptionName(Exemption e);  // "always", "null_certificate", "igt_supply_point"
std::string ExemptionText(Exemption e);  // prose for explain/diff

// Devices an installation must have for a check to apply.
enum class Device : uint8_t { kGsme = 1, kGpf = 2, kDisplay = 4 };

struct SourcePos {
  int line = 0;
  int column = 0;
};

struct ExemptionRule {
  Exemption when = Exemption::kAlways;
  Scope scope;
  std::string clause;
};

struct Check {
  std::string id;            // also its reason code
  CheckKind kind;
  std::string clause;
  std::string title;
  Scope applies_to;
  uint8_t requires_devices = 0;  // Device bits
  int64_t window_hours = 24;     // kGsmeCommsWindow
  std::string null_certificate_id = "0000000000000000";  // kNetworkParty
  std::vector<ExemptionRule> exemptions;
  // kDmcOnEpcl: the reason used instead when the PPMID's EPCL data is unobtainable.
  std::string alternate_reason;
  SourcePos pos;
};

enum class ChangeKind : uint8_t {
  kSetParameter,          // a check's parameter takes a new value within a scope
  kAddExemption,          // a check gains an exemption within a scope
  kRemoveExemption,       // a check loses an exemption within a scope
  kDisplayClassification, // an unobtainable-data display is a SMETS1 IHD (TMAD 3.1(g))
};

struct Change {
  ChangeKind kind;
  std::string check;      // the check's id (not for kDisplayClassification)
  std::string parameter;  // kSetParameter: "window_hours" or "null_certificate_id"
  int64_t int_value = 0;
  std::string string_value;
  Exemption exemption = Exemption::kAlways;
  Scope scope;
  SourcePos pos;
};

struct Amendment {
  std::string id;
  std::string title;
  std::string clause;
  Days effective;  // in force from 00:00 Europe/London on this date
  std::vector<Change> changes;
  std::string origin;  // the file that defined it
  SourcePos pos;
};

struct DisplayRule {
  std::string clause = "SEC Section A 'SMETS1 PPMID'";
  std::string amended_clause = "TMAD clause 3.1(g)";
};

struct RulePack {
  std::string name;
  std::string version;
  std::vector<Check> checks;
  std::vector<Amendment> amendments;
  DisplayRule display;
  std::vector<std::string> files;        // files it was loaded from
  std::string sha256;                    // of the files' bytes, in load order
  std::map<std::string, Scope> named_scopes;  // [scopes], usable by --rules-extra files

  const Check* FindCheck(std::string_view id) const;
  const Amendment* FindAmendment(std::string_view id) const;
  // All reason codes in pack order: each check's id, then its alternate reason if any.
  std::vector<std::string> ReasonCodes() const;
};

}  // namespace s1mig::rules
