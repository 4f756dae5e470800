#include "web/app.h"

#include "web/api.h"
#include "web/cookies.h"

#include "adempauze/crypto/keys.h"

#include <algorithm>
#include <chrono>

#include <sodium.h>
#include <spdlog/spdlog.h>

namespace adempauze::web {
namespace {

// Sets the security headers of every response, pages and API alike.
void SetSecurityHeaders(httplib::Response& response, bool https) {
  response.set_header("Content-Security-Policy",
                      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                      "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                      "base-uri 'none'; object-src 'none'");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Cross-Origin-Opener-Policy", "same-origin");
  response.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (https) response.set_header("Strict-Transport-Security", "max-age=31536000");
}

std::string BearerToken(const httplib::Request& request) {
  std::string header = request.get_header_value("Authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  if (header.size() <= kPrefix.size() || header.compare(0, kPrefix.size(), kPrefix) != 0) return {};
  return header.substr(kPrefix.size());
}

Language RequestLanguage(const httplib::Request& request) {
  // API clients have no cookie: they choose with ?lang= or Accept-Language.
  if (request.path.rfind("/api/", 0) == 0) return ApiLanguage(request);
  std::string cookie = CookieValue(request, "adempauze_lang");
  return cookie == "en" ? Language::kEnglish : Language::kDutch;
}

}  // namespace

nlohmann::json LayoutView(Language language, const std::string& content, const std::string& title,
                          const std::string& path) {
  bool english = language == Language::kEnglish;
  return {{"content", content},
          {"title", title},
          {"lang", english ? "en" : "nl"},
          {"other_lang", english ? "nl" : "en"},
          {"other_lang_label", english ? "Nederlands" : "English"},
          {"signed_in", false},
          {"path", path}};
}

std::vector<Route> AllRoutes() {
  std::vector<Route> routes;
  AddAccountRoutes(routes);
  AddDebtorTeamRoutes(routes);
  AddOcmwRoutes(routes);
  AddReviewRoutes(routes);
  AddOfficerRoutes(routes);
  AddAdminRoutes(routes);
  AddApiRoutes(routes);
  return routes;
}

int StatusForError(const Error& error) {
  switch (error.code) {
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kConflict:
    case ErrorCode::kFailedPrecondition:
    case ErrorCode::kAlreadyExists: return 409;
    default: return 500;
  }
}

App::App(ServerConfig config, std::unique_ptr<store::Store> store, Templates templates)
    : config_(std::move(config)), store_(std::move(store)), templates_(std::move(templates)),
      routes_(AllRoutes()) {}

CivilDate App::Today() const {
  if (config_.today) return *config_.today;
  return TodayUtc();
}

void App::Install(httplib::Server& server) {
  for (const Route& route : routes_) {
    auto handler = [this, &route](const httplib::Request& request, httplib::Response& response) {
      Dispatch(route, request, response);
    };
    if (route.method == "GET") server.Get(route.pattern, handler);
    else server.Post(route.pattern, handler);
  }

  bool https = config_.https() || config_.behind_https_proxy;
  server.set_mount_point("/static", config_.assets_dir);
  server.set_file_request_handler([https](const httplib::Request&, httplib::Response& response) {
    SetSecurityHeaders(response, https);
    response.set_header("Cache-Control", "public, max-age=3600");
  });

  // Error pages for requests that no handler served: unknown paths (404), uploads over the
  // limit (413) and exceptions (500). The language cookie picks Dutch or English, and no
  // page shows a stack trace.
  server.set_error_handler([this, https](const httplib::Request& request, httplib::Response& response) {
    SetSecurityHeaders(response, https);
    if (!response.body.empty()) return;
    Language language = RequestLanguage(request);
    std::string key = response.status == 404   ? "web.error.not_found"
                      : response.status == 413 ? "web.error.too_large"
                      : response.status == 400 ? "web.error.bad_request"
                                               : "web.error.internal";
    std::string text = Message(language, key, config_.max_upload_bytes / (1024 * 1024));
    if (request.path.rfind("/api/", 0) == 0) {
      response.set_content(nlohmann::json{{"error", key}, {"message", text}}.dump(), "application/json");
      return;
    }
    nlohmann::json view{{"status", response.status}, {"message", text}};
    Result<std::string> body = templates_.Render("error", view, language);
    Result<std::string> page = body.ok() ? templates_.Render("layout", LayoutView(language, *body, Message(language, "web.error.title"), request.path), language) : body;
    response.set_content(page.ok() ? *page : text, "text/html; charset=utf-8");
  });
  server.set_exception_handler([](const httplib::Request& request, httplib::Response& response, std::exception_ptr) {
    // The exception's text may quote data; the operator log gets the path pattern only.
    spdlog::error("web: unhandled exception on {} {}", request.method, request.matches.empty() ? "?" : "route");
    response.status = 500;
  });
}

Status App::RunWithStoreClosed(const std::function<void()>& job) {
  store_.reset();
  job();

  Result<crypto::KeySet> keys = crypto::LoadKeyFile(config_.KeyFilePath());
  if (!keys.ok()) {
    spdlog::critical("web: the store cannot be reopened ({}); restart the server", keys.error().message_key);
    return keys.error();
  }
  Result<std::unique_ptr<store::Store>> reopened = store::Store::Open(config_.db_path, std::move(keys).value(), StoreOptionsFor(config_));
  if (!reopened.ok()) {
    spdlog::critical("web: the store cannot be reopened ({}); restart the server", reopened.error().message_key);
    return reopened.error();
  }
  store_ = std::move(reopened).value();
  return Status::Ok();
}

void App::Dispatch(const Route& route, const httplib::Request& request, httplib::Response& response) {
  auto started = std::chrono::steady_clock::now();
  RequestContext context(*this, route, request, response);
  context.request_id = RandomHex(8);
  context.language = RequestLanguage(request);
  bool https = config_.https() || config_.behind_https_proxy;
  SetSecurityHeaders(response, https);
  response.set_header("X-Request-Id", context.request_id);
  response.set_header("Cache-Control", "no-store");

  std::int64_t user_id = 0;
  {
    std::lock_guard<std::mutex> lock(store_mutex_);
    bool allowed = true;

    // Step 1: who is calling. A refusal names its reason in X-Access-Denied (signin, role,
    // token, csrf), which the route-by-role test reads. When the store could not be
    // reopened after RunWithStoreClosed, every request gets a 503 response.
    if (!store_) {
      response.status = 503;
      response.set_content(context.Text("web.error.internal"), "text/plain; charset=utf-8");
      allowed = false;
    } else if (route.access == Access::kApi) {
      std::string secret = BearerToken(request);
      auth::ApiTokens tokens(*store_);
      auto token = secret.empty() ? Result<std::optional<auth::ApiToken>>(std::nullopt) : tokens.Resolve(secret);
      if (!token.ok() || !token->has_value()) {
        context.JsonError(401, "web.api.unauthorized");
        response.set_header("X-Access-Denied", "token");
        LogRevokedTokenCall(*store_, secret, route, context.request_id);
        allowed = false;
      } else if (!route.roles.Has((*token)->role)) {
        context.JsonError(403, "web.api.forbidden");
        response.set_header("X-Access-Denied", "role");
        LogApiRefusal(*store_, **token, route, context.request_id);
        allowed = false;
      } else {
        context.api_token = **token;
      }
    } else if (route.access != Access::kPublic) {
      std::string token = CookieValue(request, kSessionCookie);
      auth::Sessions sessions(*store_, SessionPolicyOf(config_));
      auto session = token.empty() ? Result<std::optional<auth::Session>>(std::nullopt) : sessions.Resolve(token);
      std::optional<auth::User> user;
      if (session.ok() && session->has_value()) {
        auto found = auth::Accounts(*store_).GetUser((*session)->user_id);
        if (found.ok() && !found->disabled) user = *found;
      }
      if (!user) {
        if (request.method == "GET") {
          context.Redirect("/login?next=" + httplib::detail::encode_query_param(request.path));
        } else {
          context.ErrorPage(401, "web.error.signed_out");
        }
        response.set_header("X-Access-Denied", "signin");
        allowed = false;
      } else {
        context.user = user;
        context.session = **session;
        context.session_token = token;
        context.language = (*session)->language == "en" ? Language::kEnglish : Language::kDutch;
        user_id = user->id;
        if (route.access == Access::kRoles && !user->roles.Intersects(route.roles)) {
          context.ErrorPage(403, "web.error.forbidden");
          response.set_header("X-Access-Denied", "role");
          allowed = false;
        }
      }
    }

    // Step 2: a form post must carry the session's CSRF token (login has its own check).
    if (allowed && request.method == "POST" && context.session &&
        !ConstantTimeEqual(context.Field(std::string(kCsrfField)), context.session->csrf_token)) {
      context.ErrorPage(403, "web.error.csrf");
      response.set_header("X-Access-Denied", "csrf");
      allowed = false;
    }

    // Step 3: the handler.
    if (allowed) route.handler(context);
  }

  // Step 4: one structured operator line per request; the route pattern, never the path or
  // query, which may carry a searched name.
  double milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  spdlog::info(R"({{"request_id":"{}","user_id":{},"token":"{}","method":"{}","route":"{}","status":{},"duration_ms":{:.1f}}})",
               context.request_id, user_id, context.api_token ? context.api_token->name : "", request.method,
               nlohmann::json(route.pattern).dump().substr(1, nlohmann::json(route.pattern).dump().size() - 2),
               response.status, milliseconds);
}

bool RequestContext::Has(auth::Role role) const {
  if (api_token) return api_token->role == role;
  return user && user->roles.Has(role);
}

store::Actor RequestContext::Actor(std::string purpose) const {
  store::Actor actor;
  actor.purpose = std::move(purpose);
  if (api_token) {
    actor.name = "api:" + api_token->name;
    actor.role = std::string(auth::RoleId(api_token->role));
    return actor;
  }
  if (!user) return actor;
  actor.name = user->username;
  for (auth::Role role : route_.roles.roles()) {
    if (user->roles.Has(role)) {
      actor.role = std::string(auth::RoleId(role));
      break;
    }
  }
  if (actor.role.empty() && !user->roles.empty()) actor.role = std::string(auth::RoleId(user->roles.roles().front()));
  return actor;
}

std::string RequestContext::Field(const std::string& name) const {
  if (request.has_param(name)) return request.get_param_value(name);
  if (request.is_multipart_form_data() && request.has_file(name)) return request.get_file_value(name).content;
  return {};
}

std::string RequestContext::PathParam(std::size_t index) const {
  if (index >= request.matches.size()) return {};
  return request.matches[index].str();
}

std::optional<std::int64_t> RequestContext::PathId(std::size_t index) const {
  std::string text = PathParam(index);
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

void RequestContext::Render(std::string_view name, nlohmann::json view, int status) {
  // Every page template can place the CSRF token in its forms.
  if (!view.contains("csrf")) view["csrf"] = CsrfToken();
  Result<std::string> body = app_.templates().Render(name, view, language);
  if (!body.ok()) {
    spdlog::error("web: template {} failed: {}", name, body.error().message_key);
    response.status = 500;
    response.set_content(Text("web.error.internal"), "text/plain; charset=utf-8");
    return;
  }

  // The menu: every GET page with a label whose allow-list meets the user's roles.
  nlohmann::json menu = nlohmann::json::array();
  if (user) {
    std::vector<const Route*> entries;
    for (const Route& route : app_.routes()) {
      if (route.nav_key.empty() || route.method != "GET") continue;
      if (route.access == Access::kRoles && !user->roles.Intersects(route.roles)) continue;
      entries.push_back(&route);
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Route* a, const Route* b) { return a->nav_order < b->nav_order; });
    for (const Route* route : entries) {
      menu.push_back({{"href", route->pattern},
                      {"label", Text(route->nav_key)},
                      {"current", route->pattern == request.path}});
    }
  }
  nlohmann::json roles = nlohmann::json::array();
  if (user) {
    for (auth::Role role : user->roles.roles()) roles.push_back(auth::RoleLabel(role, language));
  }

  nlohmann::json layout = LayoutView(language, *body, view.value("title", std::string("adempauze")), request.path);
  layout["signed_in"] = user.has_value();
  layout["user_name"] = user ? user->display_name : "";
  layout["user_roles"] = roles;
  layout["menu"] = menu;
  layout["csrf"] = CsrfToken();
  Result<std::string> page = app_.templates().Render("layout", layout, language);
  response.status = status;
  response.set_content(page.ok() ? *page : *body, "text/html; charset=utf-8");
}

void RequestContext::ErrorPage(int status, std::string_view message_key, const std::vector<std::string>& args) {
  Error error{ErrorCode::kInternal, std::string(message_key), args, {}};
  Render("error", {{"title", Text("web.error.title")}, {"status", status}, {"message", error.Render(language)}}, status);
}

void RequestContext::ErrorPage(const Error& error) {
  ErrorPage(StatusForError(error), error.message_key, error.args);
}

void RequestContext::Redirect(const std::string& path) {
  response.status = 303;
  response.set_header("Location", path);
}

void RequestContext::Json(const nlohmann::json& body, int status) {
  response.status = status;
  response.set_content(body.dump(), "application/json");
}

void RequestContext::JsonError(int status, std::string_view message_key, const std::vector<std::string>& args) {
  Error error{ErrorCode::kInternal, std::string(message_key), args, {}};
  Json({{"error", std::string(message_key)}, {"message", error.Render(language)}}, status);
}

void RequestContext::Download(std::string body, std::string_view content_type, std::string_view file_name) {
  response.status = 200;
  response.set_header("Content-Disposition", "attachment; filename=\"" + std::string(file_name) + "\"");
  response.set_content(std::move(body), std::string(content_type));
}

}  // namespace adempauze::web
