// The HTTP test fixture: store, tokens, in-process server, client.
#include "http/server_test_util.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>

#include "dmct/reference_exchange.h"
#include "dmct/workflow.h"
#include "http/tokens.h"
#include "io/csv_reader.h"
#include "io/reference_reader.h"
#include "store/sqlite_store.h"

namespace s1mig::http::testing {

std::string SnapshotDir() { return std::string(S1MIG_SOURCE_DIR) + "/src/http/testdata/snapshot"; }

namespace {

std::string MakeTempDir() {
  std::string tmpl = ::testing::TempDir();
  if (tmpl.empty() || tmpl.back() != '/') tmpl += '/';
  tmpl += "s1mig_http_XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  char* d = ::mkdtemp(buf.data());
  return d ? std::string(d) : std::string();
}

Status MakeStore(const std::string& db) {
  S1MIG_ASSIGN_OR_RETURN(auto st, store::OpenSqliteStore(db));
  for (const char* p : {"SUP01", "SUP02", "SUP03"}) {
    dmct::AddPartyRequest req;
    req.id = p;
    req.role = store::PartyRole::kSupplier;
    S1MIG_RETURN_IF_ERROR(dmct::AddParty(*st, req));
  }
  Diagnostics diags;
  std::vector<EpclEntry> epcl;
  std::vector<PpmidAssessment> assessments;
  S1MIG_RETURN_IF_ERROR(io::ReadEpcl(SnapshotDir() + "/epcl.csv", &epcl, &diags));
  S1MIG_RETURN_IF_ERROR(io::ReadAssessments(SnapshotDir() + "/ppmid_assessments.csv", &assessments, &diags));
  return dmct::ImportReference(*st, epcl, assessments, SnapshotDir(), std::nullopt).status();
}

Answer ToAnswer(const httplib::Result& r) {
  Answer a;
  if (!r) return a;
  a.status = r->status;
  a.body = r->body;
  a.content_type = r->get_header_value("Content-Type");
  a.json = nlohmann::json::parse(r->body, nullptr, false);
  if (a.json.is_discarded()) a.json = nullptr;
  return a;
}

}  // namespace

TestServer::TestServer(const std::function<void(ServeOptions*)>& tweak) {
  dir_ = MakeTempDir();
  if (dir_.empty()) { error_ = "mkdtemp failed"; return; }
  Status s = MakeStore(dir_ + "/s1mig.db");
  if (!s.ok()) { error_ = s.message(); return; }
  {
    std::ofstream t(dir_ + "/tokens.csv");
    t << "token_sha256,party_id,role\n";
    t << HashToken(kDccToken) << ",DCC,DCC\n";
    t << HashToken(kSup1Token) << ",SUP01,SUPPLIER\n";
    t << HashToken(kSup2Token) << ",SUP02,SUPPLIER\n";
    t << HashToken(kSup3Token) << ",SUP03,SUPPLIER\n";
  }
  options_.config.snapshot_dir = SnapshotDir();
  options_.config.db_path = dir_ + "/s1mig.db";
  options_.config.default_as_of = kAsOf;
  options_.tokens_path = dir_ + "/tokens.csv";
  options_.port = 0;
  options_.threads = 16;
  options_.log_path = dir_ + "/access.log";
  if (tweak) tweak(&options_);
  Diagnostics diags;
  auto server = Server::Create(options_, &diags);
  if (!server.ok()) { error_ = server.status().message(); return; }
  server_ = std::move(server).value();
  Server* srv = server_.get();
  thread_ = std::thread([srv] { (void)srv->Run(); });
  for (int i = 0; i < 500 && !srv->running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

TestServer::~TestServer() {
  if (server_) {
    server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

int TestServer::port() const { return server_ ? server_->port() : 0; }

Answer TestServer::Get(const std::string& path, const char* token) const {
  httplib::Client cli("127.0.0.1", port());
  cli.set_read_timeout(60, 0);
  httplib::Headers h;
  if (token) h.emplace("Authorization", std::string("Bearer ") + token);
  return ToAnswer(cli.Get(path, h));
}

Answer TestServer::Post(const std::string& path, const std::string& body, const char* token) const {
  httplib::Client cli("127.0.0.1", port());
  cli.set_read_timeout(60, 0);
  httplib::Headers h;
  if (token) h.emplace("Authorization", std::string("Bearer ") + token);
  return ToAnswer(cli.Post(path, h, body, "application/json"));
}

std::vector<nlohmann::json> InventoryRows() {
  std::vector<nlohmann::json> rows;
  auto reader = io::CsvReader::Open(SnapshotDir() + "/inventory.csv", "inventory.csv");
  if (!reader.ok()) return rows;
  const auto header = (*reader)->header();
  (*reader)->Select(header);
  io::RowBatch b;
  while ((*reader)->NextBatch(&b)) {
    for (size_t r = 0; r < b.rows(); ++r) {
      nlohmann::json j = nlohmann::json::object();
      for (size_t c = 0; c < header.size(); ++c) j[header[c]] = std::string(b.field(r, c));
      rows.push_back(std::move(j));
    }
  }
  return rows;
}

std::map<std::string, Expected> ExpectedDecisions(const std::string& csv_name) {
  std::map<std::string, Expected> out;
  auto reader = io::CsvReader::Open(std::string(S1MIG_SOURCE_DIR) + "/examples/basic/" + csv_name, csv_name);
  if (!reader.ok()) return out;
  (*reader)->Select({"installation_id", "outcome", "reasons", "display_class"});
  io::RowBatch b;
  while ((*reader)->NextBatch(&b))
    for (size_t r = 0; r < b.rows(); ++r)
      out[std::string(b.field(r, 0))] = {std::string(b.field(r, 1)), std::string(b.field(r, 2)), std::string(b.field(r, 3))};
  return out;
}

std::string Url(const std::string& path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace s1mig::http::testing
