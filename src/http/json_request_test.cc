// Request bodies: depth limit before parsing, parse errors as values, field-type errors naming
// the field.
#include "http/json_request.h"

#include <gtest/gtest.h>

namespace s1mig::http {
namespace {

TEST(JsonDepth, CountsNestingOutsideStrings) {
  EXPECT_TRUE(JsonDepthWithin("{}", 1));
  EXPECT_FALSE(JsonDepthWithin("{\"a\":[]}", 1));
  EXPECT_TRUE(JsonDepthWithin("{\"a\":[]}", 2));
  EXPECT_TRUE(JsonDepthWithin("{\"a\":\"[[[[[[\"}", 1));
  EXPECT_TRUE(JsonDepthWithin("{\"a\\\"[[[\":1}", 1));  // escaped quote stays in the string
  EXPECT_TRUE(JsonDepthWithin("[][][][]", 1));
  std::string deep(100000, '[');
  EXPECT_FALSE(JsonDepthWithin(deep, 64));
  EXPECT_TRUE(JsonDepthWithin("", 1));
}

TEST(ParseJsonObject, RefusesDeepNestingBeforeParsing) {
  std::string deep = "{\"a\":" + std::string(65, '[') + std::string(65, ']') + "}";
  auto r = ParseJsonObject(deep, JsonLimits{64});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("deeper than 64"), std::string::npos);
  // A million open brackets: refused, no stack or heap blow-up.
  EXPECT_FALSE(ParseJsonObject(std::string(1 << 20, '['), JsonLimits{64}).ok());
}

TEST(ParseJsonObject, MalformedAndNonObjectBodies) {
  for (std::string bad : {"", "{", "{\"a\":}", "nul", "{\"a\":1,}", "{'a':1}", "{\"a\":\"\xff\"}"}) {
    auto r = ParseJsonObject(bad, {});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("not valid JSON"), std::string::npos) << r.status().message();
  }
  for (std::string not_object : {"[]", "1", "\"x\"", "null", "true"}) {
    auto r = ParseJsonObject(not_object, {});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("must be a JSON object"), std::string::npos);
  }
  EXPECT_TRUE(ParseJsonObject("{\"a\": {\"b\": [1, 2]}}", {}).ok());
}

TEST(Fields, WrongTypesNameTheField) {
  auto j = *ParseJsonObject(R"({"mpan": 1010000123458, "as_of": "2021-10-13T09:00:00Z", "n": null,
                                "up": true, "list": ["A", 2], "ok": ["A", "B"], "o": {}})", {});
  auto mpan = OptionalString(j, "mpan");
  ASSERT_FALSE(mpan.ok());
  EXPECT_EQ(FieldOf(mpan.status()), "mpan");
  EXPECT_NE(mpan.status().message().find("must be a string, not a number"), std::string::npos);
  EXPECT_EQ(*OptionalString(j, "as_of"), "2021-10-13T09:00:00Z");
  EXPECT_FALSE(OptionalString(j, "n")->has_value());
  EXPECT_FALSE(OptionalString(j, "absent")->has_value());
  auto req = RequiredString(j, "absent");
  ASSERT_FALSE(req.ok());
  EXPECT_EQ(FieldOf(req.status()), "absent");
  EXPECT_EQ(*OptionalBoolText(j, "up"), "true");
  EXPECT_EQ(*OptionalBoolText(j, "absent"), "");
  EXPECT_EQ(FieldOf(OptionalBoolText(j, "o").status()), "o");
  EXPECT_EQ(**OptionalStringOrList(j, "ok", ','), "A,B");
  auto list = OptionalStringOrList(j, "list", ',');
  ASSERT_FALSE(list.ok());
  EXPECT_NE(list.status().message().find("item 1"), std::string::npos);
  EXPECT_EQ(FieldOf(list.status()), "list");
}

TEST(Fields, UnknownFieldsAreRefused) {
  auto j = *ParseJsonObject(R"({"as_of": "x", "gsme_lastcomms": ""})", {});
  Status s = OnlyFields(j, {"as_of", "gsme_last_comms"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(FieldOf(s), "gsme_lastcomms");
  EXPECT_TRUE(OnlyFields(j, {"as_of", "gsme_lastcomms"}).ok());
  EXPECT_EQ(FieldOf(InvalidArgument("plain")), "");
}

}  // namespace
}  // namespace s1mig::http
