// Reading JSON request bodies safely: a nesting-depth check before parsing, parse errors as
// values, and typed field access whose errors name the field (HTTP 400).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace s1mig::http {

struct JsonLimits {
  int max_depth = 64;  // nested arrays/objects; the top-level object is depth 1
};

// True when no array or object in `text` is nested deeper than `max_depth` (brackets inside
// strings are not counted). Linear, allocation-free, safe on any bytes; meant to run before
// the parser so that a deeply nested body costs nothing.
bool JsonDepthWithin(std::string_view text, int max_depth);

// Parses a request body that must be one JSON object. Errors are InvalidArgument: "the body is
// not valid JSON: ... at byte N", "the body nests deeper than N levels", "the body must be a
// JSON object". Never throws.
Result<nlohmann::json> ParseJsonObject(std::string_view body, const JsonLimits& limits);

// Status for a field with a bad value; its message starts "field 'NAME': " so that clients
// (and ErrorBody) can tell which field.
Status FieldError(std::string_view field, std::string_view message);
// The field a FieldError names ("" for other statuses).
std::string FieldOf(const Status& s);

// Typed access to the fields of a request object. A field that is absent or null is "not
// given". Every error is a FieldError.
Result<std::optional<std::string>> OptionalString(const nlohmann::json& obj, std::string_view field);
Result<std::string> RequiredString(const nlohmann::json& obj, std::string_view field);
// A string, or an array of strings joined by `joiner` (e.g. amendments "A,B" or ["A","B"]).
Result<std::optional<std::string>> OptionalStringOrList(const nlohmann::json& obj, std::string_view field, char joiner);
// "true"/"false" or a JSON boolean, as its text; "" when absent, null or "".
Result<std::string> OptionalBoolText(const nlohmann::json& obj, std::string_view field);

// Refuses fields not in `allowed` (a misspelt field would otherwise be silently ignored).
Status OnlyFields(const nlohmann::json& obj, const std::vector<std::string>& allowed);

}  // namespace s1mig::http
