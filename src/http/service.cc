// The shared service: state swapping, authentication, the handler wrappers and HTTP mapping.
#include "http/service.h"

#include <chrono>
#include <exception>

namespace s1mig::http {
namespace {

// The request being handled by this worker thread (httplib runs a request start to finish on
// one thread): when it started and for whom, for its access-log line.
struct Trace {
  bool active = false;
  std::chrono::steady_clock::time_point start;
  std::string party = "-";
};
thread_local Trace t_trace;

Reply ErrorReply(const Status& s) {
  int code = HttpStatusFor(s);
  return Reply::Json(ErrorBody(code, s), code);
}

Reply Unauthorized() {
  Reply r = Reply::Json(ErrorBody(401, Status(StatusCode::kPermissionDenied, "a valid 'Authorization: Bearer TOKEN' header is required")), 401);
  r.json["error"]["code"] = "UNAUTHENTICATED";
  return r;
}

void RunGuarded(httplib::Response& res, const std::function<Result<Reply>()>& fn) {
  Reply reply;
  try {
    Result<Reply> r = fn();
    reply = r.ok() ? std::move(r).value() : ErrorReply(r.status());
  } catch (const std::exception& e) {
    reply = ErrorReply(Internal(std::string("unexpected error: ") + e.what()));
  } catch (...) {
    reply = ErrorReply(Internal("unexpected error"));
  }
  SendReply(res, reply);
}

}  // namespace

Service::Service(ServeOptions options, TokenTable tokens, std::shared_ptr<const ServiceState> state,
                 std::unique_ptr<RequestLog> log)
    : options_(std::move(options)), tokens_(std::move(tokens)), state_(std::move(state)),
      store_(options_.config.db_path), log_(std::move(log)) {}

std::shared_ptr<const ServiceState> Service::state() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  return state_;
}

Result<std::shared_ptr<const ServiceState>> Service::Reload() {
  std::lock_guard<std::mutex> reload(reload_mu_);
  Diagnostics diags;
  // Generations keep increasing across reloads, so answers cached by generation never collide.
  S1MIG_ASSIGN_OR_RETURN(auto fresh, ServiceState::Load(options_.config, &diags, state()->generation() + 1));
  std::lock_guard<std::mutex> lock(state_mu_);
  state_ = fresh;
  return fresh;
}

Status Service::RefreshReference() {
  std::lock_guard<std::mutex> reload(reload_mu_);
  S1MIG_ASSIGN_OR_RETURN(auto fresh, state()->WithFreshReference());
  std::lock_guard<std::mutex> lock(state_mu_);
  state_ = std::move(fresh);
  return Status::Ok();
}

std::optional<Caller> Service::Authenticate(const httplib::Request& req) const {
  if (!req.has_header("Authorization")) return std::nullopt;
  std::string value = req.get_header_value("Authorization");
  return tokens_.Authenticate(BearerToken(value));
}

httplib::Server::Handler Authed(Service& svc, Need need, AuthedHandler handler) {
  return [&svc, need, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    RunGuarded(res, [&]() -> Result<Reply> {
      std::optional<Caller> caller = svc.Authenticate(req);
      if (!caller) return Unauthorized();
      TraceParty(caller->party);
      if (need == Need::kDcc && !caller->is_dcc())
        return PermissionDenied(req.method + " " + req.path + " is for the DCC role only");
      if (need == Need::kSupplier && caller->is_dcc())
        return PermissionDenied(req.method + " " + req.path + " is for Supplier Parties only");
      return handler(req, *caller);
    });
  };
}

httplib::Server::Handler Public(PublicHandler handler) {
  return [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    RunGuarded(res, [&]() -> Result<Reply> { return handler(req); });
  };
}

int HttpStatusFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kFailedPrecondition:
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kOutOfRange: return 422;
    case StatusCode::kIoError:
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

ordered_json ErrorBody(int http_status, const Status& s) {
  ordered_json e;
  e["status"] = http_status;
  e["code"] = s.CodeName();
  e["message"] = s.message();
  std::string field = FieldOf(s);
  if (!field.empty()) e["field"] = field;
  return ordered_json{{"error", e}};
}

std::string Dump(const ordered_json& j) {
  return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

void SendReply(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  res.set_header("Cache-Control", "no-store");
  if (reply.content_type.empty()) {
    res.set_content(Dump(reply.json) + "\n", "application/json");
  } else {
    res.set_content(reply.text, reply.content_type.c_str());
  }
}

std::optional<std::string> Query(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return std::nullopt;
  return req.get_param_value(name);
}

Result<nlohmann::json> Body(Service& svc, const httplib::Request& req) {
  // The size limit is httplib's (413 before the body is read); the depth limit is checked here.
  return ParseJsonObject(req.body, svc.json_limits());
}

void TraceBegin() {
  t_trace.active = true;
  t_trace.start = std::chrono::steady_clock::now();
  t_trace.party = "-";
}

void TraceParty(const std::string& party) { t_trace.party = party; }

void TraceEnd(Service& svc, const httplib::Request& req, const httplib::Response& res) {
  RequestLogLine line;
  line.time = UtcNowMillis();
  line.party = t_trace.active ? t_trace.party : "-";
  line.method = req.method;
  line.path = req.path;
  line.status = res.status;
  if (t_trace.active)
    line.latency_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_trace.start).count();
  line.bytes = res.body.size();
  svc.log().Write(line);
  t_trace = Trace{};
}

}  // namespace s1mig::http
