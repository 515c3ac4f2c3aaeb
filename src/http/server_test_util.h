// Test fixture for the HTTP server: a temporary DMCT store with parties SUP01..SUP03 and the
// test snapshot's reference data, a tokens file (DCC and three suppliers), the server started
// in-process on 127.0.0.1 with an ephemeral port, and a small JSON client.
#pragma once

#include <httplib.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/server.h"

namespace s1mig::http::testing {

inline constexpr char kAsOf[] = "2021-10-13T09:00:00Z";
// Tokens of the fixture's parties (test values only).
inline constexpr char kDccToken[] = "test-dcc-token";
inline constexpr char kSup1Token[] = "test-sup01-token";
inline constexpr char kSup2Token[] = "test-sup02-token";
inline constexpr char kSup3Token[] = "test-sup03-token";

std::string SnapshotDir();  // src/http/testdata/snapshot

struct Answer {
  int status = 0;  // 0: no answer (connection failed)
  nlohmann::json json;  // null when the body is not JSON
  std::string body;
  std::string content_type;
};

class TestServer {
 public:
  // Creates the store and tokens in a fresh temporary directory and starts the server.
  // `tweak` may change the options before start.
  explicit TestServer(const std::function<void(ServeOptions*)>& tweak = nullptr);
  ~TestServer();
  bool ok() const { return server_ != nullptr; }
  const std::string& error() const { return error_; }
  int port() const;
  const std::string& dir() const { return dir_; }
  const ServeOptions& options() const { return options_; }

  Answer Get(const std::string& path, const char* token) const;
  Answer Post(const std::string& path, const std::string& body, const char* token) const;
  Answer PostJson(const std::string& path, const nlohmann::json& body, const char* token) const {
    return Post(path, body.dump(), token);
  }

 private:
  std::string dir_;
  std::string error_;
  ServeOptions options_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

// The test snapshot's inventory rows as JSON objects (inventory.csv field names and text).
std::vector<nlohmann::json> InventoryRows();

// "ELIGIBLE,,NONE"-style expectations by id from examples/basic (rules in force at kAsOf).
struct Expected {
  std::string outcome, reasons, display_class;
};
std::map<std::string, Expected> ExpectedDecisions(const std::string& csv_name = "expected-rules-at-2021-10-13.csv");

std::string Url(const std::string& path);  // percent-encodes what a path segment needs

}  // namespace s1mig::http::testing
