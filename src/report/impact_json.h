// Tolerant read access to impact.json for the report: a missing or mistyped field reads as
// absent, never throws, so a report can always be drawn from whatever the run wrote.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace s1mig::report {

using Json = nlohmann::ordered_json;

// j[key] when j is an object holding key; otherwise a shared null value.
const Json& Field(const Json& j, std::string_view key);

// Field(Field(j, a), b) ...
const Json& Path(const Json& j, std::initializer_list<std::string_view> keys);

// The integer in j (an integral float counts), or nullopt.
std::optional<int64_t> CountOf(const Json& j);

// The string in j, a number printed as JSON, or "" for anything else.
std::string TextOf(const Json& j);

// The strings of an array (other elements printed as JSON); empty when j is not an array.
std::vector<std::string> TextsOf(const Json& j);

// The keys of every object in `objects`, in order of first appearance. Reason codes, cohorts
// and outcomes come from the data this way, never from a built-in list.
std::vector<std::string> KeyUnion(std::initializer_list<const Json*> objects);
std::vector<std::string> KeyUnion(const std::vector<const Json*>& objects);

// A table cell for a count: <td class="num" data-value="N">N with separators</td>, or a dash
// cell when absent. `extra_class` is added to the class list.
std::string CountCell(std::optional<int64_t> n, std::string_view extra_class = "");

// A signed difference cell (b - a); a dash when either is absent.
std::string ChangeCell(std::optional<int64_t> a, std::optional<int64_t> b,
                       std::string_view extra_class = "");

}  // namespace s1mig::report
