// Tolerant read access to impact.json for the report (see impact_json.h).
#include "report/impact_json.h"

#include <algorithm>
#include <cmath>

#include "report/html_text.h"

namespace s1mig::report {

const Json& Field(const Json& j, std::string_view key) {
  static const Json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

const Json& Path(const Json& j, std::initializer_list<std::string_view> keys) {
  const Json* cur = &j;
  for (std::string_view k : keys) cur = &Field(*cur, k);
  return *cur;
}

std::optional<int64_t> CountOf(const Json& j) {
  if (j.is_number_integer()) {
    if (j.is_number_unsigned()) {
      uint64_t u = j.get<uint64_t>();
      if (u > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
      return static_cast<int64_t>(u);
    }
    return j.get<int64_t>();
  }
  if (j.is_number_float()) {
    double d = j.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15)
      return static_cast<int64_t>(d);
  }
  return std::nullopt;
}

std::string TextOf(const Json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number() || j.is_boolean()) return j.dump();
  return "";
}

std::vector<std::string> TextsOf(const Json& j) {
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& e : j)
    out.push_back(e.is_string() ? e.get<std::string>()
                                : e.dump(-1, ' ', false, Json::error_handler_t::replace));
  return out;
}

std::vector<std::string> KeyUnion(const std::vector<const Json*>& objects) {
  std::vector<std::string> keys;
  for (const Json* o : objects) {
    if (o == nullptr || !o->is_object()) continue;
    for (auto it = o->begin(); it != o->end(); ++it)
      if (std::find(keys.begin(), keys.end(), it.key()) == keys.end()) keys.push_back(it.key());
  }
  return keys;
}

std::vector<std::string> KeyUnion(std::initializer_list<const Json*> objects) {
  return KeyUnion(std::vector<const Json*>(objects));
}

std::string CountCell(std::optional<int64_t> n, std::string_view extra_class) {
  std::string cls = "num";
  if (!extra_class.empty()) cls += " " + std::string(extra_class);
  if (!n) return "<td class=\"" + cls + " na\" title=\"not in impact.json\">\xE2\x80\x93</td>";
  if (*n == 0) cls += " zero";
  return "<td class=\"" + cls + "\" data-value=\"" + std::to_string(*n) + "\">" + FormatCount(*n) +
         "</td>";
}

std::string ChangeCell(std::optional<int64_t> a, std::optional<int64_t> b,
                       std::string_view extra_class) {
  std::string cls = "num";
  if (!extra_class.empty()) cls += " " + std::string(extra_class);
  if (!a || !b) return "<td class=\"" + cls + " na\">\xE2\x80\x93</td>";
  int64_t d = *b - *a;
  if (d == 0) cls += " zero";
  return "<td class=\"" + cls + "\" data-value=\"" + std::to_string(d) + "\">" +
         FormatSignedCount(d) + "</td>";
}

}  // namespace s1mig::report
