// Bad and concurrent requests: malformed JSON, deep nesting, huge bodies, wrong types, garbage on
// the socket and oversized URIs get 4xx and the server keeps serving; many threads issuing
// requests (with snapshot reloads in between) all get correct answers.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "http/server_test_util.h"

namespace s1mig::http::testing {
namespace {

using nlohmann::json;

json ValidBody() {
  for (auto& r : InventoryRows())
    if (r["installation_id"] == "G3-not-whitelisted") {
      r["as_of"] = kAsOf;
      return r;
    }
  return json();
}

// Sends raw bytes on a fresh connection; returns what came back before the server closed it
// (or 2 s passed). With `half_close` the client then shuts its sending side, as a client that
// is done does; without it the connection stays open, as a keep-alive client's does.
// Sends `bytes` and reads the reply until the server closes, or `wait_seconds` pass in silence.
std::string RawExchange(int port, const std::string& bytes, bool half_close = true, bool first_read_only = false,
                        int wait_seconds = 2) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return "";
  }
  timeval tv{wait_seconds, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  (void)!::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  if (half_close) ::shutdown(fd, SHUT_WR);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) {
    out.append(buf, static_cast<size_t>(n));
    if (first_read_only) break;
  }
  ::close(fd);
  return out;
}

class ServerRobustness : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server_.ok()) << server_.error(); }
  void ExpectStillServing() {
    EXPECT_EQ(server_.Get("/healthz", nullptr).status, 200);
    Answer a = server_.PostJson("/v1/evaluate", ValidBody(), kSup2Token);
    EXPECT_EQ(a.status, 200);
    EXPECT_EQ(a.json["reasons"], json::array({"GT01_WHITELIST"}));
  }
  TestServer server_;
};

TEST_F(ServerRobustness, MalformedBodiesGet400NamingTheProblem) {
  struct Case {
    std::string body;
    std::string field;    // expected error.field ("" for none)
    std::string message;  // substring of error.message
  };
  json wrong_mpan = ValidBody();
  wrong_mpan["mpan"] = 1040000123457;
  json wrong_whitelist = ValidBody();
  wrong_whitelist["chf_whitelist"] = json::array({"00-1A-2B-00-00-04-00-02"});
  json wrong_flag = ValidBody();
  wrong_flag["ihd_upgradable"] = 1;
  json wrong_asof = ValidBody();
  wrong_asof["as_of"] = 20211013;
  json bad_asof = ValidBody();
  bad_asof["as_of"] = "2021-10-13 09:00";
  json no_asof = ValidBody();
  no_asof.erase("as_of");
  json unknown = ValidBody();
  unknown["gsme_lastcomms"] = "";
  json object_value = ValidBody();
  object_value["cohort"] = json::object();
  std::vector<Case> cases = {
      {"", "", "not valid JSON"},
      {"{", "", "not valid JSON"},
      {"{\"as_of\": }", "", "not valid JSON"},
      {"[1,2,3]", "", "must be a JSON object"},
      {"\"text\"", "", "must be a JSON object"},
      {"{\"a\":\"\xc3\x28\"}", "", "not valid JSON"},
      {"{\"x\":" + std::string(100, '[') + std::string(100, ']') + "}", "", "deeper than 64"},
      {std::string(500000, '{'), "", "deeper than 64"},
      {wrong_mpan.dump(), "mpan", "must be a string, not a number"},
      {wrong_whitelist.dump(), "chf_whitelist", "must be a string"},
      {wrong_flag.dump(), "ihd_upgradable", "must be true, false"},
      {wrong_asof.dump(), "as_of", "must be a string"},
      {bad_asof.dump(), "as_of", "not an ISO 8601 timestamp"},
      {no_asof.dump(), "as_of", "is required"},
      {unknown.dump(), "gsme_lastcomms", "not a field"},
      {object_value.dump(), "cohort", "not an object"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.body.substr(0, 60));
    Answer a = server_.Post("/v1/evaluate", c.body, kSup1Token);
    ASSERT_EQ(a.status, 400) << a.body;
    ASSERT_TRUE(a.json.is_object()) << a.body;
    EXPECT_NE(a.json["error"]["message"].get<std::string>().find(c.message), std::string::npos) << a.body;
    if (!c.field.empty()) {
      EXPECT_EQ(a.json["error"]["field"], c.field);
    }
  }
  // The same rules on the other POST endpoints.
  EXPECT_EQ(server_.Post("/v1/impact", R"({"as_of": 5})", kDccToken).json["error"]["field"], "as_of");
  EXPECT_EQ(server_.Post("/v1/impact", R"({"as_of":"2021-10-13T09:00:00Z","proposed":"NOPE"})", kDccToken).json["error"]["field"], "proposed");
  EXPECT_EQ(server_.Post("/v1/dmct/submissions", R"({"at":"2021-10-13T10:00:00Z","chf":"CHF-L","esme":"E@1","ppmid":"P@1"})", kSup1Token).json["error"]["field"], "chf");
  EXPECT_EQ(server_.Post("/v1/dmct/assessments", R"({"ppmid":"P@1","data":"maybe","source":"smso","at":"2021-10-13T10:00:00Z"})", kDccToken).json["error"]["field"], "data");
  EXPECT_EQ(server_.Post("/v1/dmct/referrals", R"({"notice_id":7,"at":"2021-10-13T10:00:00Z"})", kSup1Token).json["error"]["field"], "notice_id");
  EXPECT_EQ(server_.Get("/v1/installations/G1-ioc-30h?as_of=yesterday", kSup1Token).json["error"]["field"], "as_of");
  EXPECT_EQ(server_.Get("/v1/rules/diff?from=2021-10-11T22:59:59Z", kSup1Token).json["error"]["field"], "to");
  ExpectStillServing();
}

TEST_F(ServerRobustness, InvalidInstallationGets422WithErrorsCsvProblems) {
  json bad = ValidBody();
  bad["mpan"] = "1040000123450";   // check digit
  bad["gsme_id"] = "zz";           // malformed device id
  bad["cohort"] = "ioc";           // case-sensitive
  bad["gsme_last_comms"] = "2022-01-01T00:00:00Z";  // later than as_of
  Answer a = server_.PostJson("/v1/evaluate", bad, kSup1Token);
  ASSERT_EQ(a.status, 422) << a.body;
  EXPECT_EQ(a.json["error"]["code"], "INVALID_INSTALLATION");
  EXPECT_EQ(a.json["reasons"], json::array({"cohort", "mpan", "gsme_id", "gsme_last_comms"}));
  std::vector<std::string> columns;
  for (auto& p : a.json["problems"]) columns.push_back(p["column"]);
  EXPECT_EQ(columns.size(), 4u);
  EXPECT_NE(a.json["errors_csv"].get<std::string>().find("request,,gsme_last_comms,"), std::string::npos);
  ExpectStillServing();
}

TEST_F(ServerRobustness, HugeBodiesGet413AndTheServerKeepsServing) {
  std::string huge(2 << 20, ' ');
  huge.front() = '{';
  huge.back() = '}';
  Answer a = server_.Post("/v1/evaluate", huge, kSup1Token);
  EXPECT_EQ(a.status, 413);
  EXPECT_EQ(a.json["error"]["code"], "PAYLOAD_TOO_LARGE");
  // Chunked, with no length announced.
  std::string chunked = "POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + std::string(kSup1Token) +
                        "\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 40; ++i) chunked += "10000\r\n" + std::string(0x10000, 'a') + "\r\n";
  chunked += "0\r\n\r\n";
  // The server answers 413 and closes while the client is still sending; the client's kernel may
  // then see a reset that discards the answer, so an empty reply is accepted too.
  std::string reply = RawExchange(server_.port(), chunked);
  EXPECT_TRUE(reply.empty() || reply.find(" 413 ") != std::string::npos) << reply.substr(0, 200);
  ExpectStillServing();
}

TEST_F(ServerRobustness, GarbageOnTheSocketAndOversizedUrisAreRefused) {
  for (const std::string& junk : {std::string("\x16\x03\x01\x02\x00garbage\r\n\r\n", 16), std::string("GET\r\n\r\n"),
                                  std::string("GET / HTTP/9.9\r\n\r\n"), std::string(100000, 'A'),
                                  std::string("POST /v1/evaluate HTTP/1.1\r\nContent-Length: -5\r\n\r\n"),
                                  std::string("POST /v1/evaluate HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n")}) {
    std::string reply = RawExchange(server_.port(), junk);
    EXPECT_TRUE(reply.empty() || reply.rfind("HTTP/1.1 4", 0) == 0) << reply.substr(0, 100);
  }
  Answer a = server_.Get("/v1/installations/" + std::string(9000, 'x'), kSup1Token);
  EXPECT_TRUE(a.status == 414 || a.status == 404 || a.status == 400 || a.status == 0) << a.status;
  a = server_.Get("/v1/installations/" + std::string(7000, 'x'), kSup1Token);
  EXPECT_EQ(a.status, 404);
  // A POST with no Content-Length on a connection kept open: 411 at once, not a wait for EOF. A
  // server waiting for EOF would answer only after its 10 s read timeout; the client gives up
  // after 5 s of silence, so a wait fails the test without a timing assertion (these are flaky
  // on a loaded machine).
  std::string reply = RawExchange(server_.port(), "POST /v1/admin/reload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                                                      std::string(kDccToken) + "\r\n\r\n", /*half_close=*/false,
                                  /*first_read_only=*/true, /*wait_seconds=*/5);
  EXPECT_EQ(reply.rfind("HTTP/1.1 411", 0), 0u) << reply.substr(0, 100);
  a = server_.Get("/v1/installations/%FF%FE%00abc", kSup1Token);
  EXPECT_EQ(a.status, 404);
  EXPECT_TRUE(a.json.is_object());
  EXPECT_EQ(server_.Get("/v1/nothing-here", kSup1Token).status, 404);
  ExpectStillServing();
}

TEST_F(ServerRobustness, ConcurrentRequestsGetCorrectAnswersAcrossReloads) {
  auto expected = ExpectedDecisions();
  std::vector<json> rows = InventoryRows();
  rows.resize(12);  // without the repeated E1 row
  std::atomic<int> wrong{0}, done{0};
  std::mutex mu;
  std::vector<std::string> failures;
  auto note = [&](const std::string& what) {
    ++wrong;
    std::lock_guard<std::mutex> lock(mu);
    if (failures.size() < 10) failures.push_back(what);
  };
  std::atomic<bool> stop{false};
  // SUP01 may see exactly these (as elec or gas supplier).
  const std::set<std::string> sup1 = {"E1-elec-only", "G1-ioc-30h", "N1-igt-site", "P1-ppmid-unobtainable",
                                      "P3-ppmid-obtained", "D1-dmc-not-listed", "N3-wrong-cert"};
  auto worker = [&](int t) {
    httplib::Client cli("127.0.0.1", server_.port());
    cli.set_keep_alive(true);
    cli.set_read_timeout(60, 0);
    for (int i = 0; i < 150; ++i) {
      const json& row = rows[(t * 7 + i) % rows.size()];
      const std::string id = row["installation_id"];
      const Expected& e = expected.at(id);
      if (i % 2 == 0) {
        json body = row;
        body["as_of"] = kAsOf;
        auto r = cli.Post("/v1/evaluate", {{"Authorization", std::string("Bearer ") + kSup2Token}}, body.dump(), "application/json");
        if (!r) { note("POST " + id + ": " + httplib::to_string(r.error())); continue; }
        json j = json::parse(r->body, nullptr, false);
        bool ok = e.outcome == "INVALID" ? r->status == 422 : (r->status == 200 && j["outcome"] == e.outcome && j["display_class"] == e.display_class);
        if (!ok) note("POST " + id + ": " + std::to_string(r->status) + " " + r->body.substr(0, 200));
      } else {
        auto r = cli.Get(("/v1/installations/" + id).c_str(), {{"Authorization", std::string("Bearer ") + kSup1Token}});
        if (!r) { note("GET " + id + ": " + httplib::to_string(r.error())); continue; }
        json j = json::parse(r->body, nullptr, false);
        bool ok = sup1.count(id) ? (r->status == 200 && j["outcome"] == e.outcome) : r->status == 404;
        if (!ok) note("GET " + id + ": " + std::to_string(r->status) + " " + r->body.substr(0, 200));
      }
      ++done;
    }
  };
  std::thread reloader([&] {
    while (!stop) {
      Answer a = server_.Post("/v1/admin/reload", "", kDccToken);
      if (a.status != 200) note("reload: " + std::to_string(a.status) + " " + a.body.substr(0, 200));
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < 12; ++t) threads.emplace_back(worker, t);
  for (auto& th : threads) th.join();
  stop = true;
  reloader.join();
  EXPECT_EQ(wrong.load(), 0);
  for (const auto& f : failures) ADD_FAILURE() << f;
  EXPECT_EQ(done.load() + wrong.load(), 12 * 150);
  EXPECT_GT(server_.Get("/healthz", nullptr).json["generation"].get<int>(), 1);
  ExpectStillServing();
}

TEST(ServerStartup, RefusesAMissingStoreOrTokensFile) {
  TestServer no_store([](ServeOptions* o) { o->config.db_path += ".missing"; });
  EXPECT_FALSE(no_store.ok());
  TestServer no_tokens([](ServeOptions* o) { o->tokens_path += ".missing"; });
  EXPECT_FALSE(no_tokens.ok());
  TestServer no_snapshot([](ServeOptions* o) { o->config.snapshot_dir += "/nope"; });
  EXPECT_FALSE(no_snapshot.ok());
}

TEST(ServerStartup, RefusesAPortAlreadyInUse) {
  TestServer first;
  ASSERT_TRUE(first.ok()) << first.error();
  const int port = first.port();
  TestServer second([port](ServeOptions* o) { o->port = port; });
  EXPECT_FALSE(second.ok());
  EXPECT_NE(second.error().find("cannot listen"), std::string::npos) << second.error();
}

TEST(ServerLimits, SmallerConfiguredLimitsApply) {
  TestServer s([](ServeOptions* o) {
    o->max_body_bytes = 100;
    o->max_json_depth = 2;
  });
  ASSERT_TRUE(s.ok()) << s.error();
  EXPECT_EQ(s.Post("/v1/evaluate", std::string(200, ' '), kSup1Token).status, 413);
  Answer a = s.Post("/v1/evaluate", R"({"a":[[1]]})", kSup1Token);
  EXPECT_EQ(a.status, 400);
  EXPECT_NE(a.body.find("deeper than 2"), std::string::npos);
}

}  // namespace
}  // namespace s1mig::http::testing
