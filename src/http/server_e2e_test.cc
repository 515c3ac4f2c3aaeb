// End to end through HTTP: every operation of /openapi.json is answered as documented (status
// and required response fields), decisions equal the worked example and `explain --json`, and
// the access rules hold for two suppliers and the DCC, including the DMCT workflow.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>
#include <set>

#include "http/server_test_util.h"
#include "pipeline/explain.h"

namespace s1mig::http::testing {
namespace {

using nlohmann::json;

// A minimal OpenAPI 3 schema check: $ref, allOf, oneOf, nullable, type, required, properties,
// items, enum. Appends "path: problem" lines to *errors.
class SchemaCheck {
 public:
  explicit SchemaCheck(const json& doc) : doc_(doc) {}
  void Check(const json& schema, const json& v, const std::string& path, std::vector<std::string>* errors) const {
    if (schema.contains("$ref")) {
      std::string ref = schema["$ref"];
      return Check(doc_.at(json::json_pointer(ref.substr(1))), v, path, errors);
    }
    if (v.is_null() && schema.value("nullable", false)) return;
    if (schema.contains("allOf")) {
      for (const auto& s : schema["allOf"]) Check(s, v, path, errors);
      return;
    }
    if (schema.contains("oneOf")) {
      for (const auto& s : schema["oneOf"]) {
        std::vector<std::string> e;
        Check(s, v, path, &e);
        if (e.empty()) return;
      }
      errors->push_back(path + ": matches none of oneOf");
      return;
    }
    std::string type = schema.value("type", "");
    if (type == "object" && !v.is_object()) return errors->push_back(path + ": not an object");
    if (type == "array" && !v.is_array()) return errors->push_back(path + ": not an array");
    if (type == "string" && !v.is_string()) return errors->push_back(path + ": not a string");
    if (type == "integer" && !v.is_number_integer()) return errors->push_back(path + ": not an integer");
    if (type == "boolean" && !v.is_boolean()) return errors->push_back(path + ": not a boolean");
    if (schema.contains("enum") && std::find(schema["enum"].begin(), schema["enum"].end(), v) == schema["enum"].end())
      errors->push_back(path + ": " + v.dump() + " not in enum");
    if (v.is_object()) {
      for (const auto& r : schema.value("required", json::array()))
        if (!v.contains(r.get<std::string>())) errors->push_back(path + ": missing required field " + r.get<std::string>());
      if (schema.contains("properties"))
        for (const auto& [k, s] : schema["properties"].items())
          if (v.contains(k)) Check(s, v[k], path + "." + k, errors);
      if (schema.contains("additionalProperties") && schema["additionalProperties"].is_object())
        for (const auto& [k, item] : v.items())
          if (!schema.contains("properties") || !schema["properties"].contains(k))
            Check(schema["additionalProperties"], item, path + "." + k, errors);
    }
    if (v.is_array() && schema.contains("items"))
      for (size_t i = 0; i < v.size(); ++i) Check(schema["items"], v[i], path + "[" + std::to_string(i) + "]", errors);
  }

 private:
  const json& doc_;
};

json Row(const std::string& id) {
  for (auto& r : InventoryRows())
    if (r["installation_id"] == id) return r;
  return json();
}

class ServerE2E : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server_.ok()) << server_.error(); }
  TestServer server_;
};

TEST_F(ServerE2E, EveryOpenApiOperationIsAnsweredAsDocumented) {
  Answer doc_answer = server_.Get("/openapi.json", nullptr);
  ASSERT_EQ(doc_answer.status, 200);
  const json& doc = doc_answer.json;
  ASSERT_TRUE(doc.is_object());
  ASSERT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  SchemaCheck checker(doc);

  // One realistic call per operation, in an order where each can succeed (the DMCT steps build on
  // each other). Keyed by operationId; every documented operation must have one.
  json eval_body = Row("G1-ioc-30h");
  eval_body["as_of"] = kAsOf;
  struct Call {
    std::string method, path, token, body;
    int expect;
  };
  std::map<std::string, Call> calls = {
      {"health", {"GET", "/healthz", "", "", 200}},
      {"openapi", {"GET", "/openapi.json", "", "", 200}},
      {"dashboard", {"GET", "/", "", "", 200}},
      {"whoami", {"GET", "/v1/whoami", kSup1Token, "", 200}},
      {"evaluate", {"POST", "/v1/evaluate", kSup1Token, eval_body.dump(), 200}},
      {"installation", {"GET", "/v1/installations/G1-ioc-30h?as_of=2021-10-13T09:00:00Z", kSup1Token, "", 200}},
      {"summary", {"GET", "/v1/summary", kDccToken, "", 200}},
      {"impact", {"POST", "/v1/impact", kDccToken, R"({"as_of":"2021-10-13T09:00:00Z","baseline":"none","proposed":"all"})", 200}},
      {"rules", {"GET", "/v1/rules?at=2021-10-13T09:00:00Z", kSup1Token, "", 200}},
      {"rulesDiff", {"GET", "/v1/rules/diff?from=2021-10-11T22:59:59Z&to=2021-10-11T23:00:00Z", kSup1Token, "", 200}},
      {"submit", {"POST", "/v1/dmct/submissions", kSup1Token,
                  R"({"at":"2021-10-13T10:00:00Z","chf":"CHF-L@1.4","esme":"ESME-L@2.1","ppmid":"DSP-OLD@0.9"})", 201}},
      {"listSubmissions", {"GET", "/v1/dmct/submissions", kSup1Token, "", 200}},
      {"assess", {"POST", "/v1/dmct/assessments", kDccToken,
                  R"({"ppmid":"DSP-OLD@0.9","data":"unobtainable","source":"supplier","at":"2021-10-14T10:00:00Z"})", 201}},
      {"notices", {"GET", "/v1/dmct/notices", kSup1Token, "", 200}},
      {"notice", {"GET", "/v1/dmct/notices/N-000001", kSup1Token, "", 200}},
      {"refer", {"POST", "/v1/dmct/referrals", kSup1Token, R"({"notice_id":"N-000001","at":"2021-10-15T10:00:00Z"})", 201}},
      {"decide", {"POST", "/v1/dmct/decisions", kDccToken, R"({"referral_id":"R-000001","outcome":"dismissed","at":"2021-10-20T10:00:00Z"})", 201}},
      {"epcl", {"GET", "/v1/epcl", kSup1Token, "", 200}},
      {"reload", {"POST", "/v1/admin/reload", kDccToken, "", 200}},
  };
  std::vector<std::string> order = {"health", "openapi", "dashboard", "whoami", "evaluate", "installation", "summary",
                                    "impact", "rules", "rulesDiff", "submit", "listSubmissions", "assess", "notices",
                                    "notice", "refer", "decide", "epcl", "reload"};
  std::set<std::string> documented;
  std::map<std::string, std::pair<std::string, json>> op_of;  // operationId -> (method, operation)
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items()) {
      std::string id = op["operationId"];
      documented.insert(id);
      op_of[id] = {method, op};
      EXPECT_TRUE(calls.count(id)) << "no test call for documented operation " << id << " (" << method << " " << path << ")";
      // Every /v1 operation requires the bearer token; the others are public.
      EXPECT_EQ(path.rfind("/v1/", 0) == 0, !op["security"].empty()) << id;
    }
  EXPECT_EQ(documented.size(), calls.size()) << "a test call names an operation the document lacks";

  for (const std::string& id : order) {
    const Call& c = calls.at(id);
    SCOPED_TRACE(id);
    Answer a = c.method == "GET" ? server_.Get(c.path, c.token.empty() ? nullptr : c.token.c_str())
                                 : server_.Post(c.path, c.body, c.token.empty() ? nullptr : c.token.c_str());
    ASSERT_EQ(a.status, c.expect) << a.body;
    ASSERT_TRUE(op_of.count(id));
    const json& op = op_of[id].second;
    ASSERT_TRUE(op["responses"].contains(std::to_string(a.status))) << "status " << a.status << " is not documented";
    const json& response = op["responses"][std::to_string(a.status)];
    if (a.content_type.rfind("application/json", 0) == 0 && response.contains("content")) {
      ASSERT_TRUE(response["content"].contains("application/json"));
      std::vector<std::string> errors;
      checker.Check(response["content"]["application/json"]["schema"], a.json, "$", &errors);
      for (const auto& e : errors) ADD_FAILURE() << e;
    }
    // Without a token every /v1 operation is refused with 401 and a documented Error body.
    if (!op["security"].empty()) {
      Answer anon = c.method == "GET" ? server_.Get(c.path, nullptr) : server_.Post(c.path, c.body, nullptr);
      EXPECT_EQ(anon.status, 401);
      EXPECT_TRUE(op["responses"].contains("401"));
      std::vector<std::string> errors;
      checker.Check(doc["components"]["schemas"]["Error"], anon.json, "$", &errors);
      EXPECT_TRUE(errors.empty());
      EXPECT_EQ(server_.Get(c.path, "not-a-token").status == 401 || c.method != "GET", true);
    }
  }
}

TEST_F(ServerE2E, EvaluateGivesTheWorkedExampleDecisionsAndExplainsLikeExplainJson) {
  auto expected = ExpectedDecisions();
  int checked = 0;
  for (json row : InventoryRows()) {
    const std::string id = row["installation_id"];
    if (checked >= 12) break;  // the 13th row repeats E1
    row["as_of"] = kAsOf;
    Answer a = server_.PostJson("/v1/evaluate", row, kSup2Token);
    const Expected& e = expected.at(id);
    SCOPED_TRACE(id);
    if (e.outcome == "INVALID") {
      ASSERT_EQ(a.status, 422) << a.body;
      EXPECT_EQ(a.json["outcome"], "INVALID");
      ASSERT_FALSE(a.json["problems"].empty());
      EXPECT_EQ(a.json["problems"][0]["file"], "request");
      EXPECT_EQ(a.json["problems"][0]["column"], e.reasons);
      EXPECT_EQ(a.json["errors_csv"].get<std::string>().rfind("file,line,column,message\nrequest,,mpan,", 0), 0u);
    } else {
      ASSERT_EQ(a.status, 200) << a.body;
      EXPECT_EQ(a.json["outcome"], e.outcome);
      std::string reasons;
      for (auto& r : a.json["reasons"]) reasons += (reasons.empty() ? "" : ";") + r.get<std::string>();
      EXPECT_EQ(reasons, e.reasons);
      EXPECT_EQ(a.json["display_class"], e.display_class);
      // checks: the same content as `s1mig explain --json`.
      pipeline::ExplainOptions xo;
      xo.snapshot_dir = SnapshotDir();
      xo.installation_id = id;
      xo.as_of = kAsOf;
      Diagnostics diags;
      auto x = pipeline::RunExplain(xo, &diags);
      ASSERT_TRUE(x.ok());
      EXPECT_EQ(a.json["checks"], json::parse(x->dump())["checks"]);
      EXPECT_EQ(a.json["display"], json::parse(x->dump())["display"]);
      // And the same decision for the stored row.
      Answer g = server_.Get("/v1/installations/" + Url(id), kDccToken);
      ASSERT_EQ(g.status, 200);
      EXPECT_EQ(g.json["checks"], a.json["checks"]);
    }
    ++checked;
  }
  EXPECT_EQ(checked, 12);
}

TEST_F(ServerE2E, EvaluateHonoursRulesAtAmendmentsAndBooleanDisplayFlag) {
  auto before = ExpectedDecisions("expected-rules-at-2021-07-01.csv");
  json g1 = Row("G1-ioc-30h");
  g1["as_of"] = kAsOf;
  g1["rules_at"] = "2021-07-01T12:00:00+01:00";
  Answer a = server_.PostJson("/v1/evaluate", g1, kSup1Token);
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.json["outcome"], before["G1-ioc-30h"].outcome);
  EXPECT_TRUE(a.json["amendments_applied"].empty());
  g1.erase("rules_at");
  g1["amendments"] = json::array({"U1-GT01-72H"});
  a = server_.PostJson("/v1/evaluate", g1, kSup1Token);
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.json["outcome"], "ELIGIBLE");
  EXPECT_EQ(a.json["amendments_applied"], json::array({"U1-GT01-72H"}));
  g1["amendments"] = "NO-SUCH";
  a = server_.PostJson("/v1/evaluate", g1, kSup1Token);
  EXPECT_EQ(a.status, 400);
  EXPECT_EQ(a.json["error"]["field"], "amendments");

  json p3 = Row("P3-ppmid-obtained");
  p3["as_of"] = kAsOf;
  p3["ihd_upgradable"] = true;
  a = server_.PostJson("/v1/evaluate", p3, kSup1Token);
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.json["display_class"], "PPMID");
  p3["ihd_upgradable"] = false;
  EXPECT_EQ(server_.PostJson("/v1/evaluate", p3, kSup1Token).json["display_class"], "IHD");
  // An absent device may be omitted entirely.
  json e1 = Row("E1-elec-only");
  for (const char* k : {"gsme_id", "gsme_model", "gsme_fw", "gpf_id", "gpf_model", "gpf_fw", "ihd_id", "ihd_model",
                        "ihd_fw", "ihd_upgradable", "mprn", "gsme_last_comms", "network_cert_id", "gas_supplier"})
    e1.erase(k);
  e1["as_of"] = kAsOf;
  a = server_.PostJson("/v1/evaluate", e1, kSup1Token);
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.json["outcome"], "ELIGIBLE");
}

TEST_F(ServerE2E, SuppliersSeeOnlyTheirOwnInstallations) {
  // SUP01: elec of E1 G1 N1 P1 P3 D1, gas of N3. SUP02: elec of G2 G3 N2 N3 P2 X1, gas of G1.
  struct Case {
    const char* token;
    const char* id;
    int status;
  };
  for (const Case& c : std::vector<Case>{{kSup1Token, "G1-ioc-30h", 200}, {kSup2Token, "G1-ioc-30h", 200},
                                         {kSup1Token, "G2-secure-30h", 404}, {kSup2Token, "G2-secure-30h", 200},
                                         {kSup1Token, "N3-wrong-cert", 200}, {kSup3Token, "N1-igt-site", 200},
                                         {kSup3Token, "E1-elec-only", 404}, {kSup2Token, "E1-elec-only", 404},
                                         {kSup2Token, "X1-bad-mpan-check-digit", 200}, {kDccToken, "D1-dmc-not-listed", 200},
                                         {kDccToken, "no-such-installation", 404}}) {
    Answer a = server_.Get(std::string("/v1/installations/") + c.id, c.token);
    EXPECT_EQ(a.status, c.status) << c.id << " " << a.body;
  }
  // Another party's installation and a missing one are answered alike (apart from the id).
  Answer other = server_.Get("/v1/installations/G2-secure-30h", kSup1Token);
  Answer missing = server_.Get("/v1/installations/G2-secure-30X", kSup1Token);
  EXPECT_EQ(other.json["error"]["code"], missing.json["error"]["code"]);
  EXPECT_EQ(other.json["error"]["message"], "no installation 'G2-secure-30h'");
  EXPECT_EQ(missing.json["error"]["message"], "no installation 'G2-secure-30X'");
  // An INVALID row of the snapshot is a 200 answer listing its problems.
  Answer x1 = server_.Get("/v1/installations/X1-bad-mpan-check-digit", kSup2Token);
  EXPECT_EQ(x1.json["outcome"], "INVALID");
  EXPECT_EQ(x1.json["problems"][0]["column"], "mpan");

  // Summaries count only what the caller sees.
  EXPECT_EQ(server_.Get("/v1/summary", kDccToken).json["counts"]["total"], 13);
  EXPECT_EQ(server_.Get("/v1/summary", kSup1Token).json["counts"]["total"], 7);
  json s2 = server_.Get("/v1/summary", kSup2Token).json;
  EXPECT_EQ(s2["counts"]["total"], 8);
  EXPECT_EQ(s2["counts"]["by_outcome"]["INVALID"], 2);  // X1 and the repeated E1 row
  EXPECT_EQ(s2["scope"]["party"], "SUP02");
  EXPECT_EQ(server_.Get("/v1/summary", kSup3Token).json["counts"]["total"], 1);
  EXPECT_EQ(server_.Get("/v1/summary?party=SUP02", kSup1Token).status, 403);
  EXPECT_EQ(server_.Get("/v1/summary?party=SUP02", kDccToken).json["counts"]["total"], 8);
  // Roles.
  EXPECT_EQ(server_.Post("/v1/impact", R"({"as_of":"2021-10-13T09:00:00Z"})", kSup1Token).status, 403);
  EXPECT_EQ(server_.Post("/v1/admin/reload", "", kSup2Token).status, 403);
  EXPECT_EQ(server_.Get("/v1/whoami", kSup2Token).json["party"], "SUP02");
}

TEST_F(ServerE2E, DmctNoticesAndSubmissionsStayWithTheirParty) {
  const std::string dmc = R"("chf":"CHF-L@1.4","esme":"ESME-L@2.1","ppmid":"DSP-OLD@0.9")";
  EXPECT_EQ(server_.Post("/v1/dmct/submissions", "{\"at\":\"2021-10-13T10:00:00Z\"," + dmc + "}", kSup1Token).status, 201);
  EXPECT_EQ(server_.Post("/v1/dmct/submissions", "{\"at\":\"2021-10-13T10:00:00Z\"," + dmc + "}", kSup2Token).status, 201);
  // Acting for another party, or a duplicate, is refused.
  EXPECT_EQ(server_.Post("/v1/dmct/submissions", "{\"party\":\"SUP02\",\"at\":\"2021-10-13T10:00:00Z\"," + dmc + "}", kSup1Token).status, 403);
  EXPECT_EQ(server_.Post("/v1/dmct/submissions", "{\"at\":\"2021-10-13T10:00:00Z\"," + dmc + "}", kSup1Token).status, 409);
  EXPECT_EQ(server_.Post("/v1/dmct/submissions", "{\"mode\":\"dormant\",\"at\":\"2021-10-13T10:00:00Z\"," + dmc + "}", kSup1Token).status, 403);
  EXPECT_EQ(server_.Get("/v1/dmct/submissions", kSup1Token).json["submissions"].size(), 1u);
  EXPECT_EQ(server_.Get("/v1/dmct/submissions", kDccToken).json["submissions"].size(), 2u);

  const std::string assess = R"({"ppmid":"DSP-OLD@0.9","data":"unobtainable","source":"supplier","at":"2021-10-14T10:00:00Z"})";
  EXPECT_EQ(server_.Post("/v1/dmct/assessments", assess, kSup1Token).status, 403);
  Answer as = server_.Post("/v1/dmct/assessments", assess, kDccToken);
  ASSERT_EQ(as.status, 201) << as.body;
  ASSERT_EQ(as.json["notices"].size(), 2u);
  EXPECT_EQ(as.json["reference_refreshed"], true);
  std::string n1, n2;
  for (auto& n : as.json["notices"]) (n["party"] == "SUP01" ? n1 : n2) = n["notice_id"];

  json mine = server_.Get("/v1/dmct/notices", kSup1Token).json["notices"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["notice_id"], n1);
  EXPECT_EQ(mine[0]["referral_deadline"], "2021-10-28");
  EXPECT_EQ(server_.Get("/v1/dmct/notices", kDccToken).json["notices"].size(), 2u);
  EXPECT_EQ(server_.Get("/v1/dmct/notices", kSup3Token).json["notices"].size(), 0u);
  EXPECT_EQ(server_.Get("/v1/dmct/notices?party=SUP02", kSup1Token).status, 403);
  EXPECT_EQ(server_.Get("/v1/dmct/notices/" + n2, kSup1Token).status, 404);
  EXPECT_EQ(server_.Get("/v1/dmct/notices/" + n1, kSup1Token).status, 200);
  EXPECT_EQ(server_.Get("/v1/dmct/notices/" + n2, kDccToken).status, 200);
  // Referring another party's notice looks like referring a missing one.
  EXPECT_EQ(server_.Post("/v1/dmct/referrals", "{\"notice_id\":\"" + n2 + "\",\"at\":\"2021-10-15T10:00:00Z\"}", kSup1Token).status, 404);
  EXPECT_EQ(server_.Post("/v1/dmct/referrals", "{\"notice_id\":\"N-999999\",\"at\":\"2021-10-15T10:00:00Z\"}", kSup1Token).status, 404);
  EXPECT_EQ(server_.Post("/v1/dmct/referrals", "{\"notice_id\":\"" + n1 + "\",\"at\":\"2021-10-15T10:00:00Z\"}", kDccToken).status, 403);
  Answer ref = server_.Post("/v1/dmct/referrals", "{\"notice_id\":\"" + n1 + "\",\"at\":\"2021-10-15T10:00:00Z\"}", kSup1Token);
  ASSERT_EQ(ref.status, 201) << ref.body;
  // Late: SUP02's deadline is 2021-10-28.
  EXPECT_EQ(server_.Post("/v1/dmct/referrals", "{\"notice_id\":\"" + n2 + "\",\"at\":\"2021-11-01T10:00:00Z\"}", kSup2Token).status, 409);
  const std::string decide = "{\"referral_id\":\"" + ref.json["referral_id"].get<std::string>() + "\",\"outcome\":\"upheld\",\"at\":\"2021-11-02T10:00:00Z\"}";
  EXPECT_EQ(server_.Post("/v1/dmct/decisions", decide, kSup1Token).status, 403);
  Answer d = server_.Post("/v1/dmct/decisions", decide, kDccToken);
  ASSERT_EQ(d.status, 201) << d.body;
  EXPECT_EQ(d.json["outcome"], "UPHELD");
  EXPECT_EQ(server_.Post("/v1/dmct/decisions", decide, kDccToken).status, 409);
  // The store's change reaches decisions: P1's display model is a PPMID again from 2021-11-02.
  Answer p1 = server_.Get("/v1/installations/P1-ppmid-unobtainable?as_of=2021-11-03T09:00:00Z", kSup1Token);
  ASSERT_EQ(p1.status, 200);
  EXPECT_EQ(p1.json["display_class"], "PPMID");
  EXPECT_EQ(p1.json["outcome"], "BLOCKED");
  EXPECT_EQ(server_.Get("/v1/epcl?format=csv", kSup1Token).body.rfind("entry_id,", 0), 0u);
}

TEST_F(ServerE2E, EveryRequestIsLoggedAsJsonWithoutTheToken) {
  server_.Get("/v1/installations/G1-ioc-30h", kSup1Token);
  server_.Get("/v1/installations/G1-ioc-30h", "wrong-token");
  server_.Post("/v1/evaluate", std::string("{"), kSup2Token);
  server_.Get("/no-such-page", nullptr);
  // A request's line is written just after its answer is sent: wait for the last one.
  std::string line, all;
  std::vector<json> lines;
  for (int attempt = 0; attempt < 200 && lines.size() < 4; ++attempt) {
    if (attempt) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::ifstream in(server_.dir() + "/access.log");
    all.clear();
    lines.clear();
    while (std::getline(in, line)) {
      all += line + "\n";
      lines.push_back(json::parse(line));
    }
  }
  ASSERT_GE(lines.size(), 4u);
  for (const json& l : lines)
    for (const char* k : {"time", "party", "method", "path", "status", "latency_ms"}) EXPECT_TRUE(l.contains(k)) << l.dump();
  // Lines are written as answers finish, so their order across connections is not fixed.
  auto has = [&](const std::string& path, int status, const std::string& party) {
    for (const json& l : lines)
      if (l["path"] == path && l["status"] == status && l["party"] == party) return true;
    return false;
  };
  EXPECT_TRUE(has("/v1/installations/G1-ioc-30h", 200, "SUP01")) << all;
  EXPECT_TRUE(has("/v1/installations/G1-ioc-30h", 401, "-")) << all;
  EXPECT_TRUE(has("/v1/evaluate", 400, "SUP02")) << all;
  EXPECT_TRUE(has("/no-such-page", 404, "-")) << all;
  for (const char* t : {kSup1Token, kSup2Token, "wrong-token"}) EXPECT_EQ(all.find(t), std::string::npos);
}

}  // namespace
}  // namespace s1mig::http::testing
