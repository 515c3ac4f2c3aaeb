// JSON request bodies: depth pre-scan, parsing without exceptions escaping, typed fields.
#include "http/json_request.h"

#include <algorithm>

namespace s1mig::http {
namespace {

const char* TypeName(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

const nlohmann::json* Find(const nlohmann::json& obj, std::string_view field) {
  auto it = obj.find(std::string(field));
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

bool JsonDepthWithin(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      if (depth > 0) --depth;
    }
  }
  return true;
}

Result<nlohmann::json> ParseJsonObject(std::string_view body, const JsonLimits& limits) {
  if (!JsonDepthWithin(body, limits.max_depth))
    return InvalidArgument("the body nests arrays or objects deeper than " + std::to_string(limits.max_depth) + " levels");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(body.begin(), body.end());
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..." -> from "parse error".
    size_t p = what.find("] ");
    return InvalidArgument("the body is not valid JSON: " + (p == std::string::npos ? what : what.substr(p + 2)));
  } catch (const std::exception& e) {
    return InvalidArgument(std::string("the body is not valid JSON: ") + e.what());
  }
  if (!j.is_object()) return InvalidArgument(std::string("the body must be a JSON object, not ") + TypeName(j));
  return j;
}

Status FieldError(std::string_view field, std::string_view message) {
  return InvalidArgument("field '" + std::string(field) + "': " + std::string(message));
}

std::string FieldOf(const Status& s) {
  constexpr std::string_view kPrefix = "field '";
  const std::string& m = s.message();
  if (s.code() != StatusCode::kInvalidArgument || m.compare(0, kPrefix.size(), kPrefix) != 0) return "";
  size_t end = m.find("': ", kPrefix.size());
  return end == std::string::npos ? "" : m.substr(kPrefix.size(), end - kPrefix.size());
}

Result<std::optional<std::string>> OptionalString(const nlohmann::json& obj, std::string_view field) {
  const nlohmann::json* v = Find(obj, field);
  if (!v) return std::optional<std::string>();
  if (!v->is_string()) return FieldError(field, std::string("must be a string, not ") + TypeName(*v));
  return std::optional<std::string>(v->get<std::string>());
}

Result<std::string> RequiredString(const nlohmann::json& obj, std::string_view field) {
  S1MIG_ASSIGN_OR_RETURN(std::optional<std::string> v, OptionalString(obj, field));
  if (!v || v->empty()) return FieldError(field, "is required");
  return *v;
}

Result<std::optional<std::string>> OptionalStringOrList(const nlohmann::json& obj, std::string_view field, char joiner) {
  const nlohmann::json* v = Find(obj, field);
  if (!v) return std::optional<std::string>();
  if (v->is_string()) return std::optional<std::string>(v->get<std::string>());
  if (!v->is_array()) return FieldError(field, std::string("must be a string or an array of strings, not ") + TypeName(*v));
  std::string out;
  for (size_t i = 0; i < v->size(); ++i) {
    const auto& item = (*v)[i];
    if (!item.is_string()) return FieldError(field, "item " + std::to_string(i) + " must be a string, not " + TypeName(item));
    if (i) out += joiner;
    out += item.get<std::string>();
  }
  return std::optional<std::string>(out);
}

Result<std::string> OptionalBoolText(const nlohmann::json& obj, std::string_view field) {
  const nlohmann::json* v = Find(obj, field);
  if (!v) return std::string();
  if (v->is_boolean()) return std::string(v->get<bool>() ? "true" : "false");
  if (v->is_string()) return v->get<std::string>();  // validated like the CSV field ("true"/"false"/"")
  return FieldError(field, std::string("must be true, false, \"true\" or \"false\", not ") + TypeName(*v));
}

Status OnlyFields(const nlohmann::json& obj, const std::vector<std::string>& allowed) {
  for (const auto& [key, value] : obj.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      return FieldError(key, "is not a field of this request");
  }
  return Status::Ok();
}

}  // namespace s1mig::http
