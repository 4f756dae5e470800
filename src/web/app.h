// The web application's core: the route table with its role allow-lists, the request
// context handed to every handler, and the dispatch that enforces sessions, roles and CSRF
// before a handler runs (docs/adr/0009-web-application.md).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "adempauze/auth/auth.h"
#include "adempauze/common/civil_date.h"
#include "adempauze/common/messages.h"
#include "adempauze/store/store.h"
#include "adempauze/web/server.h"
#include "web/templates.h"

namespace adempauze::web {

class RequestContext;

// Who may call a route.
enum class Access {
  kPublic,    // anyone, signed in or not (login page, health, assets)
  kSignedIn,  // any signed-in user, whatever their roles (home, password change, logout)
  kRoles,     // signed-in users holding one of `roles`
  kApi,       // an API token whose role is one of `roles` (Authorization: Bearer ...)
};

struct Route {
  std::string method;   // "GET" or "POST"
  std::string pattern;  // httplib regex, e.g. R"(/dossiers/(\d+))"
  Access access = Access::kRoles;
  auth::RoleSet roles;  // for kRoles and kApi
  std::function<void(RequestContext&)> handler;
  // A menu entry for GET pages: the catalog key of its label; empty for none. The menu
  // shows it to users holding one of `roles`.
  std::string nav_key;
  int nav_order = 0;
};

// Builds a route; the menu fields are optional.
inline Route MakeRoute(std::string method, std::string pattern, Access access, auth::RoleSet roles,
                       std::function<void(RequestContext&)> handler, std::string nav_key = {}, int nav_order = 0) {
  return Route{std::move(method), std::move(pattern), access, roles, std::move(handler), std::move(nav_key), nav_order};
}

// Each screen group adds its routes (src/web/*_routes.cc). AllRoutes() collects them all;
// the route-by-role test walks the same list.
void AddAccountRoutes(std::vector<Route>& routes);
void AddDebtorTeamRoutes(std::vector<Route>& routes);
void AddOcmwRoutes(std::vector<Route>& routes);
void AddReviewRoutes(std::vector<Route>& routes);
void AddOfficerRoutes(std::vector<Route>& routes);
void AddAdminRoutes(std::vector<Route>& routes);
void AddApiRoutes(std::vector<Route>& routes);
std::vector<Route> AllRoutes();

// State shared by all requests: the store (one connection, used under `mutex`), the
// templates and the configuration.
class App {
 public:
  App(ServerConfig config, std::unique_ptr<store::Store> store, Templates templates);

  const ServerConfig& config() const { return config_; }
  const Templates& templates() const { return templates_; }
  const std::vector<Route>& routes() const { return routes_; }

  // Installs the routes, error pages, security headers and request log on `server`.
  void Install(httplib::Server& server);

  // The date the protocol checks and deadlines use: config.today or the system date.
  CivilDate Today() const;

  // Serialises access to the store: SQLite connections are not shared between threads.
  std::mutex& store_mutex() { return store_mutex_; }
  store::Store& store() { return *store_; }

  // Closes the store connection, runs `job` while this process has no connection open on
  // the database, and opens the store again from the configured database and key file. For
  // work that replaces the key file and rewrites the database file (retention), so the
  // server neither keeps a destroyed key in memory nor holds a reader that blocks the
  // WAL truncation. Returns the reopen's error. The store then stays closed, and every
  // request gets a 503 response until the server is restarted.
  // REQUIRES: the caller holds store_mutex(), and no reference to store() outlives it.
  Status RunWithStoreClosed(const std::function<void()>& job);

 private:
  void Dispatch(const Route& route, const httplib::Request& request, httplib::Response& response);

  ServerConfig config_;
  std::unique_ptr<store::Store> store_;
  Templates templates_;
  std::vector<Route> routes_;
  std::mutex store_mutex_;
};

// What a handler sees. Handlers run with the store lock held.
class RequestContext {
 public:
  RequestContext(App& app, const Route& route, const httplib::Request& request, httplib::Response& response)
      : request(request), response(response), app_(app), route_(route) {}

  App& app() { return app_; }
  store::Store& store() { return app_.store(); }
  CivilDate Today() const { return app_.Today(); }
  const Route& route() const { return route_; }

  const httplib::Request& request;
  httplib::Response& response;
  Language language = Language::kDutch;
  std::string request_id;
  std::optional<auth::User> user;        // set for kSignedIn and kRoles
  std::optional<auth::Session> session;  // set for kSignedIn and kRoles
  std::string session_token;
  std::optional<auth::ApiToken> api_token;  // set for kApi

  // True when the user (or the API token) holds `role`.
  bool Has(auth::Role role) const;

  // The actor for the history and the access log: the user name (or "api:<token name>")
  // and the first role of the route's allow-list that the caller holds.
  store::Actor Actor(std::string purpose = "collection_pause") const;

  template <typename... Args>
  std::string Text(std::string_view key, const Args&... args) const {
    return Message(language, key, args...);
  }

  // A form field (URL-encoded or multipart), or the query parameter of a GET; empty when absent.
  std::string Field(const std::string& name) const;
  // The n-th capture of the route pattern (1-based), or empty.
  std::string PathParam(std::size_t index) const;
  std::optional<std::int64_t> PathId(std::size_t index) const;

  // Renders `name` inside the layout with `view` plus the common fields (user, menu, CSRF
  // token, language) and sends it with `status`.
  void Render(std::string_view name, nlohmann::json view, int status = 200);
  // Sends a Dutch (or English) error page with the catalog text of `key`.
  void ErrorPage(int status, std::string_view message_key, const std::vector<std::string>& args = {});
  // Sends the error page for a failed store or module call, with a status chosen by its code.
  void ErrorPage(const Error& error);
  void Redirect(const std::string& path);
  void Json(const nlohmann::json& body, int status = 200);
  void JsonError(int status, std::string_view message_key, const std::vector<std::string>& args = {});
  // A file download with a Content-Disposition attachment name.
  void Download(std::string body, std::string_view content_type, std::string_view file_name);

  // The CSRF token of the session, for forms rendered outside Render().
  std::string CsrfToken() const { return session ? session->csrf_token : std::string(); }

 private:
  App& app_;
  const Route& route_;
};

// Returns the HTTP status that fits an error code (kNotFound → 404, kPermissionDenied → 403,
// kInvalidArgument → 400, kConflict → 409, kFailedPrecondition → 409, others → 500).
int StatusForError(const Error& error);

// The view of the layout for a page body, without the signed-in user's parts.
nlohmann::json LayoutView(Language language, const std::string& content, const std::string& title,
                          const std::string& path);

// The name of the session cookie and of the CSRF form field.
inline constexpr std::string_view kSessionCookie = "adempauze_session";
inline constexpr std::string_view kCsrfField = "_csrf";

}  // namespace adempauze::web
