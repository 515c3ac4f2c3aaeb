// `s1mig serve`: the HTTP JSON API and dashboard (docs/http.md). HTTP/1.1 on cpp-httplib with a
// pool of worker threads; the snapshot is loaded once and swapped atomically on reload; every
// request is authenticated by a bearer token, logged as one JSON line, and bounded in body
// size, JSON nesting and time.
#pragma once

#include <memory>
#include <string>

#include "base/diagnostic.h"
#include "base/status.h"
#include "http/service_state.h"

namespace s1mig::http {

struct ServeOptions {
  ServeConfig config;
  std::string tokens_path;           // CSV: token_sha256,party_id,role
  std::string host = "127.0.0.1";
  int port = 0;                      // 0: any free port (see Server::port)
  int threads = 64;                  // worker threads (one per open connection at a time)
  size_t max_body_bytes = 1 << 20;   // larger bodies get 413
  int max_json_depth = 64;           // deeper bodies get 400
  int read_timeout_seconds = 10;     // a client silent this long while sending is dropped
  int write_timeout_seconds = 10;
  int keep_alive_seconds = 5;        // an idle keep-alive connection is closed after this
  std::string log_path;              // access log; empty: stderr
};

class Server {
 public:
  // Loads the tokens and the snapshot and binds the socket (port 0 picks a free one). Errors:
  // unreadable tokens file or snapshot (InvalidArgument/IoError/NotFound), a missing store
  // (NotFound), a port in use (FailedPrecondition). Warnings go to *diags.
  static Result<std::unique_ptr<Server>> Create(const ServeOptions& options, Diagnostics* diags);
  ~Server();

  int port() const;
  // True once Run() is accepting connections (until Stop).
  bool running() const;
  // Serves until Stop() is called (from any thread or a signal handler's thread).
  Status Run();
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace s1mig::http
