// Human-readable renderings of a pack: `rules show` (the pack as in force at an instant) and
// `rules diff` (a red-line of what changes between two instants).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "rules/compiled_rules.h"

namespace s1mig::rules {

// The pack with each check, its clause and settings, and each amendment with its clause, date and
// whether it is in force under `sel`.
std::string RenderPack(const RulePack& pack, const AmendmentSelection& sel);

// One line per change between the amendments applied under `from` and under `to`, e.g.
// "GT01 window, GroupIDs AA BA CA CB: 24h -> 72h (U1-GT01-72H, TMAD App. A Table A3 step 4)".
std::vector<std::string> DiffLines(const RulePack& pack, const std::vector<const Amendment*>& from,
                                   const std::vector<const Amendment*>& to);

// A change described in prose, e.g. "GT01_COMMS window_hours = 72 for GroupIDs AA BA CA CB".
std::string DescribeChange(const RulePack& pack, const Change& ch);

}  // namespace s1mig::rules
