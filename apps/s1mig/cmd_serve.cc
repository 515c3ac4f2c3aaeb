// serve / token subcommands: flag wiring for the HTTP server (src/http) and the operator's
// helper that makes tokens-file lines.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "apps/s1mig/commands.h"
#include "apps/s1mig/rule_flags.h"
#include "http/server.h"
#include "http/tokens.h"

namespace s1mig::cli {
namespace {

Result<std::pair<std::string, int>> ParseListen(const std::string& text) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    return InvalidArgument("--listen '" + text + "' is not HOST:PORT (e.g. 127.0.0.1:8080)");
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = 0;
  for (char c : text.substr(colon + 1)) {
    if (c < '0' || c > '9' || port > 65535) return InvalidArgument("--listen '" + text + "': the port is not a number 0-65535");
    port = port * 10 + (c - '0');
  }
  if (port > 65535) return InvalidArgument("--listen '" + text + "': the port is not a number 0-65535");
  return std::make_pair(host, port);
}

void RegisterServe(CLI::App& app, int* exit_code) {
  auto* cmd = app.add_subcommand("serve", "Serve the HTTP JSON API and the dashboard (docs/http.md); each party sees only its own data");
  auto o = std::make_shared<http::ServeOptions>();
  auto listen = std::make_shared<std::string>("127.0.0.1:8080");
  cmd->add_option("--db", o->config.db_path, "The DMCT store (must exist; its EPCL and assessments replace the snapshot's, as evaluate --db)")->required();
  cmd->add_option("--snapshot", o->config.snapshot_dir, "Snapshot directory (DATA.md), loaded once and held in memory")->required();
  cmd->add_option("--tokens", o->tokens_path, "Tokens CSV: token_sha256,party_id,role (DCC or SUPPLIER); see 's1mig token new'")->required();
  cmd->add_option("--listen", *listen, "HOST:PORT to listen on (port 0: any free port, printed at start)")->capture_default_str();
  cmd->add_option("--threads", o->threads, "Worker threads; each serves one connection at a time")->capture_default_str()->check(CLI::Range(1, 1024));
  cmd->add_option("--as-of", o->config.default_as_of, "Default as_of for requests that give none (default: the time of each request)");
  cmd->add_option("--log", o->log_path, "Append the access log (one JSON line per request) to this file instead of stderr");
  cmd->add_option("--max-body", o->max_body_bytes, "Largest request body in bytes (larger: 413)")->capture_default_str()->check(CLI::Range(size_t{1}, size_t{1} << 30));
  cmd->add_option("--max-depth", o->max_json_depth, "Deepest JSON nesting accepted (deeper: 400)")->capture_default_str()->check(CLI::Range(1, 10000));
  cmd->add_option("--timeout", o->read_timeout_seconds, "Seconds a client may stay silent while sending a request or reading the answer")->capture_default_str()->check(CLI::Range(1, 3600));
  cmd->add_option("--effective", o->config.rules.effective, "Move an amendment's date: ID=YYYY-MM-DD (repeatable)");
  cmd->add_option("--rules", o->config.rules.rules_path, "Rule pack to use instead of the shipped rules/tmad.toml");
  cmd->add_option("--rules-extra", o->config.rules.rules_extra, "Extra rules file whose amendments are added (repeatable)");
  cmd->footer("Requests choose as_of, rules_at and amendments themselves. SIGINT or SIGTERM stops the server.\n"
              "Exit codes: 0 stopped cleanly, 2 bad flags or input (unreadable snapshot, tokens or store; port in use), 1 internal error.");
  cmd->callback([o, listen, exit_code] {
    auto hp = ParseListen(*listen);
    if (!hp.ok()) { *exit_code = Fail("serve", hp.status()); return; }
    o->host = hp->first;
    o->port = hp->second;
    o->write_timeout_seconds = o->read_timeout_seconds;
    if (o->host != "127.0.0.1" && o->host != "localhost" && o->host != "::1")
      std::fprintf(stderr, "s1mig serve: warning: listening on %s: the server speaks plain HTTP; put TLS in front of it\n", o->host.c_str());
    // Block SIGINT/SIGTERM in every thread; one thread waits for them and stops the server.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    Diagnostics diags;
    auto server = http::Server::Create(*o, &diags);
    for (const auto& d : diags)
      std::fprintf(stderr, "%s: %s:%lld: %s\n", d.severity == Severity::kWarning ? "warning" : "error", d.file.c_str(),
                   static_cast<long long>(d.line), d.message.c_str());
    if (!server.ok()) { *exit_code = Fail("serve", server.status()); return; }
    http::Server* srv = server->get();
    std::thread waiter([srv, signals] {
      int sig = 0;
      sigwait(&signals, &sig);
      std::fprintf(stderr, "s1mig serve: signal %d: stopping\n", sig);
      srv->Stop();
    });
    waiter.detach();
    std::fprintf(stderr, "s1mig serve: listening on http://%s:%d/ (%d threads)\n", o->host.c_str(), srv->port(), o->threads);
    Status s = srv->Run();
    *exit_code = s.ok() ? 0 : Fail("serve", s);
  });
}

void RegisterToken(CLI::App& app, int* exit_code) {
  auto* token = app.add_subcommand("token", "Make bearer tokens for 's1mig serve' (the server keeps only their SHA-256)");
  token->require_subcommand(1);
  auto* mint = token->add_subcommand("new", "Mint a random token: prints its tokens-file line on stdout and the token itself on stderr, once");
  auto party = std::make_shared<std::string>();
  auto role = std::make_shared<std::string>();
  mint->add_option("--party", *party, "The party the token acts for (as registered with 's1mig party add')")->required();
  mint->add_option("--role", *role, "DCC or SUPPLIER")->required()->check(CLI::IsMember({"DCC", "SUPPLIER"}));
  mint->footer("Example: s1mig token new --party SUP01 --role SUPPLIER >> tokens.csv\n"
               "(start a new tokens file with the header line token_sha256,party_id,role)");
  mint->callback([party, role, exit_code] {
    if (!http::IsValidPartyId(*party)) {
      *exit_code = Fail("token new", InvalidArgument("--party '" + *party + "' is not 1 to 64 letters, digits, '_', '-', '.'"));
      return;
    }
    auto t = http::NewToken();
    if (!t.ok()) { *exit_code = Fail("token new", t.status()); return; }
    http::Caller c{*party, *http::ParseRole(*role)};
    std::printf("%s\n", http::TokenCsvLine(*t, c).c_str());
    std::fprintf(stderr, "token for %s (%s), shown once: %s\n", party->c_str(), role->c_str(), t->c_str());
    *exit_code = 0;
  });
  auto* hash = token->add_subcommand("hash", "Print the SHA-256 of a token, as the tokens file lists it");
  auto text = std::make_shared<std::string>();
  hash->add_option("TOKEN", *text, "The token; '-' reads one line from stdin (keeps it out of the shell history)")->required();
  hash->callback([text, exit_code] {
    std::string t = *text;
    if (t == "-" && !std::getline(std::cin, t)) { *exit_code = Fail("token hash", InvalidArgument("no token on stdin")); return; }
    std::printf("%s\n", http::HashToken(t).c_str());
    *exit_code = 0;
  });
}

}  // namespace

void RegisterServeCommands(CLI::App& app, int* exit_code) {
  RegisterServe(app, exit_code);
  RegisterToken(app, exit_code);
}

}  // namespace s1mig::cli
