// The HTTP server: httplib configuration (threads, limits, timeouts), the access log hooks, the
// JSON error pages for what httplib refuses itself, and startup.
#include "http/server.h"

#include <httplib.h>
#include <sys/socket.h>

#include "base/text.h"
#include "http/service.h"

namespace s1mig::http {

namespace {

// httplib 0.11 listens with a backlog of 5: a burst of new connections (64 clients starting at
// once) overflows it and the kernel drops handshakes, which clients see as resets or 1 s SYN
// retries. Calling listen() again on the bound socket widens the queue (Linux updates it).
class WideBacklogServer : public httplib::Server {
 public:
  bool WidenBacklog(int backlog) { return ::listen(svr_sock_, backlog) == 0; }
};

}  // namespace

struct Server::Impl {
  std::unique_ptr<Service> service;
  WideBacklogServer http;  // NOLINT: httplib::Server with a wider listen backlog
  int port = 0;
};

namespace {

// A JSON body for responses httplib produces itself (no route, body too large, bad request).
httplib::Server::HandlerResponse ErrorPage(const ServeOptions& o, const httplib::Request& req, httplib::Response& res) {
  if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // a handler's own error body
  Status s;
  switch (res.status) {
    case 404: s = NotFound("no endpoint " + req.method + " " + std::string(Utf8Prefix(req.path, 200)) + " (see /openapi.json)"); break;
    case 413: s = OutOfRange("the body is larger than " + std::to_string(o.max_body_bytes) + " bytes"); break;
    case 414: s = InvalidArgument("the request URI is too long"); break;
    case 405: s = InvalidArgument("method not allowed"); break;
    default: s = InvalidArgument("the request could not be read (HTTP " + std::to_string(res.status) + ")"); break;
  }
  ordered_json body = ErrorBody(res.status, s);
  if (res.status == 413) body["error"]["code"] = "PAYLOAD_TOO_LARGE";
  res.set_content(Dump(body) + "\n", "application/json");
  return httplib::Server::HandlerResponse::Handled;
}

}  // namespace

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Create(const ServeOptions& options, Diagnostics* diags) {
  std::string tz_error;
  if (!LondonZoneAvailable(&tz_error)) return FailedPrecondition(tz_error);
  if (options.threads < 1 || options.threads > 1024) return InvalidArgument("--threads must be 1 to 1024");
  if (options.config.db_path.empty()) return InvalidArgument("--db is required");
  S1MIG_ASSIGN_OR_RETURN(TokenTable tokens, TokenTable::Load(options.tokens_path));
  if (tokens.size() == 0) diags->push_back({options.tokens_path, 0, "", "the tokens file lists no token: every /v1 request will get 401", Severity::kWarning});
  S1MIG_ASSIGN_OR_RETURN(auto state, ServiceState::Load(options.config, diags));
  S1MIG_ASSIGN_OR_RETURN(auto log, RequestLog::Open(options.log_path));

  auto impl = std::make_unique<Impl>();
  impl->service = std::make_unique<Service>(options, std::move(tokens), std::move(state), std::move(log));
  Service& svc = *impl->service;
  httplib::Server& http = impl->http;
  const int threads = options.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  http.set_payload_max_length(options.max_body_bytes);
  http.set_read_timeout(options.read_timeout_seconds, 0);
  http.set_write_timeout(options.write_timeout_seconds, 0);
  http.set_keep_alive_timeout(options.keep_alive_seconds);
  http.set_keep_alive_max_count(10000);
  http.set_tcp_nodelay(true);
  // httplib's default also sets SO_REUSEPORT, which lets a second server bind the same port and
  // silently share its connections. Keep only SO_REUSEADDR (a quick restart after TIME_WAIT).
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  http.set_default_headers({
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Content-Security-Policy",
       "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"},
  });
  http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    TraceBegin();
    // httplib reads a POST without Content-Length or chunked encoding until the client closes,
    // which a keep-alive client never does: refuse it at once (RFC 9110 section 15.5.12).
    if ((req.method == "POST" || req.method == "PUT" || req.method == "PATCH" || req.method == "DELETE") &&
        !req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
      res.status = 411;
      ordered_json body = ErrorBody(411, InvalidArgument("send a Content-Length header (0 for an empty body)"));
      body["error"]["code"] = "LENGTH_REQUIRED";
      res.set_content(Dump(body) + "\n", "application/json");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http.set_logger([&svc](const httplib::Request& req, const httplib::Response& res) { TraceEnd(svc, req, res); });
  const ServeOptions* opts = &svc.options();
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [opts](const httplib::Request& req, httplib::Response& res) { return ErrorPage(*opts, req, res); }));
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content(Dump(ErrorBody(500, Internal("unexpected error"))) + "\n", "application/json");
  });
  AddSiteRoutes(http, svc);
  AddDecisionRoutes(http, svc);
  AddRulesRoutes(http, svc);
  AddDmctRoutes(http, svc);

  if (options.port == 0) {
    impl->port = http.bind_to_any_port(options.host);
    if (impl->port <= 0) return FailedPrecondition("cannot listen on " + options.host + " (any port)");
  } else {
    if (!http.bind_to_port(options.host, options.port))
      return FailedPrecondition("cannot listen on " + options.host + ":" + std::to_string(options.port) + " (in use, or not a local address?)");
    impl->port = options.port;
  }
  if (!impl->http.WidenBacklog(1024)) diags->push_back({"", 0, "", "could not widen the listen backlog; bursts of new connections may be refused", Severity::kWarning});
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }
bool Server::running() const { return impl_->http.is_running(); }

Status Server::Run() {
  if (!impl_->http.listen_after_bind()) return Internal("the server stopped listening unexpectedly");
  return Status::Ok();
}

void Server::Stop() {
  if (impl_ && impl_->http.is_running()) impl_->http.stop();
}

}  // namespace s1mig::http
