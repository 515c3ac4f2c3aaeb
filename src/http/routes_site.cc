// The public, unauthenticated part of the server: the dashboard page and its script and style
// (embedded at build time from src/http/web/), the OpenAPI document, /healthz, and /v1/whoami.
#include "http/service.h"
#include "http/web_assets.h"

namespace s1mig::http {

void AddSiteRoutes(httplib::Server& server, Service& svc) {
  auto asset = [](std::string_view body, const char* type) {
    return Public([body, type](const httplib::Request&) -> Result<Reply> { return Reply::Text(std::string(body), type); });
  };
  server.Get("/", asset(kIndexHtml, "text/html; charset=utf-8"));
  server.Get("/index.html", asset(kIndexHtml, "text/html; charset=utf-8"));
  server.Get("/app.js", asset(kAppJs, "text/javascript; charset=utf-8"));
  server.Get("/style.css", asset(kStyleCss, "text/css; charset=utf-8"));
  server.Get("/openapi.json", asset(kOpenApiJson, "application/json"));
  server.Get("/v1/whoami", Authed(svc, Need::kAnyRole, [](const httplib::Request&, const Caller& c) -> Result<Reply> {
    return Reply::Json(ordered_json{{"party", c.party}, {"role", RoleName(c.role)}});
  }));
  server.Get("/healthz", Public([&svc](const httplib::Request&) -> Result<Reply> {
    auto state = svc.state();
    return Reply::Json(ordered_json{{"status", "ok"}, {"version", S1MIG_VERSION},
                                    {"generation", state->generation()}, {"loaded_at", state->loaded_at()}});
  }));
}

}  // namespace s1mig::http
