// Internal to src/http: what the route handlers share (the current ServiceState, tokens, store
// connections, limits), the handler wrappers that authenticate, enforce roles, catch every
// exception and map Status codes to HTTP, and the per-file route registration functions.
#pragma once

#include <httplib.h>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "http/access.h"
#include "http/json_request.h"
#include "http/request_log.h"
#include "http/server.h"
#include "http/service_state.h"
#include "http/store_pool.h"
#include "http/tokens.h"

namespace s1mig::http {

using nlohmann::ordered_json;

// A handler's answer: JSON by default, or text with its content type.
struct Reply {
  int status = 200;
  ordered_json json;
  std::string text;
  std::string content_type;  // set for non-JSON replies
  static Reply Json(ordered_json j, int status = 200) { return Reply{status, std::move(j), {}, {}}; }
  static Reply Text(std::string text, std::string content_type, int status = 200) {
    return Reply{status, {}, std::move(text), std::move(content_type)};
  }
};

class Service {
 public:
  Service(ServeOptions options, TokenTable tokens, std::shared_ptr<const ServiceState> state,
          std::unique_ptr<RequestLog> log);

  // The state to answer one request from; hold the pointer for the whole request.
  std::shared_ptr<const ServiceState> state() const;
  // Reloads the snapshot (and the store overlay) from disk and swaps it in. Requests in flight
  // keep the old state. Serialized with RefreshReference.
  Result<std::shared_ptr<const ServiceState>> Reload();
  // Re-reads only the store's EPCL/assessments/reinstatements (after a DMCT change).
  Status RefreshReference();

  std::optional<Caller> Authenticate(const httplib::Request& req) const;
  StorePool& store() { return store_; }
  const ServeOptions& options() const { return options_; }
  JsonLimits json_limits() const { return JsonLimits{options_.max_json_depth}; }
  std::mutex& impact_mutex() { return impact_mu_; }
  RequestLog& log() { return *log_; }

 private:
  const ServeOptions options_;
  const TokenTable tokens_;
  mutable std::mutex state_mu_;
  std::shared_ptr<const ServiceState> state_;
  std::mutex reload_mu_;
  std::mutex impact_mu_;
  StorePool store_;
  std::unique_ptr<RequestLog> log_;
};

enum class Need { kAnyRole, kDcc, kSupplier };
using AuthedHandler = std::function<Result<Reply>(const httplib::Request&, const Caller&)>;
using PublicHandler = std::function<Result<Reply>(const httplib::Request&)>;

// Wraps a handler: 401 without a valid bearer token, 403 outside `need`, Status errors mapped to
// HTTP (HttpStatusFor), any exception 500. The party is recorded for the access log.
httplib::Server::Handler Authed(Service& svc, Need need, AuthedHandler handler);
httplib::Server::Handler Public(PublicHandler handler);

int HttpStatusFor(const Status& s);
// {"error": {"status", "code", "message", "field"?}}
ordered_json ErrorBody(int http_status, const Status& s);
void SendReply(httplib::Response& res, const Reply& reply);
std::string Dump(const ordered_json& j);

// A query parameter, or nullopt when absent.
std::optional<std::string> Query(const httplib::Request& req, const char* name);
// Parses the request body as a JSON object within the limits (400 naming the problem).
Result<nlohmann::json> Body(Service& svc, const httplib::Request& req);

// The access log's view of the request being handled on this thread.
void TraceBegin();
void TraceParty(const std::string& party);
void TraceEnd(Service& svc, const httplib::Request& req, const httplib::Response& res);

void AddDecisionRoutes(httplib::Server& server, Service& svc);  // evaluate, installations, summary
void AddRulesRoutes(httplib::Server& server, Service& svc);     // rules, rules/diff, impact, reload
void AddDmctRoutes(httplib::Server& server, Service& svc);      // dmct/*, epcl
void AddSiteRoutes(httplib::Server& server, Service& svc);      // /, assets, openapi.json, healthz

}  // namespace s1mig::http
