// Routes every user shares: login, logout, the start page, the own password, the language
// switch and the health check.
#include <string>

#include "adempauze/store/protocol_state.h"
#include "web/app.h"
#include "web/cookies.h"

namespace adempauze::web {
namespace {

constexpr std::string_view kLoginCsrfCookie = "adempauze_login";

// Only a local path is a valid place to return to after login or a language switch, so the
// parameter cannot send a user to another site.
std::string SafeNext(const std::string& next) {
  if (next.empty() || next.front() != '/' || next.rfind("//", 0) == 0 || next.find('\\') != std::string::npos) {
    return "/";
  }
  return next;
}

void ShowLogin(RequestContext& context, std::string_view error_key, int status) {
  std::string token = CookieValue(context.request, kLoginCsrfCookie);
  if (token.size() != 64) {
    token = RandomHex(32);
    SetCookie(context, kLoginCsrfCookie, token, {});
  }
  nlohmann::json view{{"title", context.Text("web.login.title")},
                      {"login_csrf", token},
                      {"next", SafeNext(context.Field("next"))},
                      {"username", context.Field("username")}};
  if (!error_key.empty()) view["error"] = context.Text(error_key);
  context.Render("login", view, status);
}

void LoginPage(RequestContext& context) { ShowLogin(context, {}, 200); }

void LoginSubmit(RequestContext& context) {
  // The login form has no session yet: its CSRF token is a cookie repeated in the form.
  std::string cookie = CookieValue(context.request, kLoginCsrfCookie);
  if (!ConstantTimeEqual(cookie, context.Field(std::string(kCsrfField)))) {
    return ShowLogin(context, "web.error.csrf", 403);
  }
  auth::Accounts accounts(context.store());
  Result<auth::User> user = accounts.Authenticate(context.Field("username"), context.Field("password"));
  if (!user.ok()) {
    // Every failure (unknown name, wrong password, disabled or locked account) gets the
    // same message, so the page does not reveal which names exist.
    return ShowLogin(context, "web.login.failed", 401);
  }

  auth::Sessions sessions(context.store(), SessionPolicyOf(context.app().config()));
  Result<auth::Session> session =
      sessions.Create(user->id, context.language == Language::kEnglish ? "en" : "nl");
  if (!session.ok()) return context.ErrorPage(session.error());
  SetCookie(context, kSessionCookie, session->token, {});
  SetCookie(context, kLoginCsrfCookie, "", {.expire = true});
  context.Redirect(SafeNext(context.Field("next")));
}

void Logout(RequestContext& context) {
  auth::Sessions sessions(context.store(), SessionPolicyOf(context.app().config()));
  (void)sessions.Destroy(context.session_token);
  SetCookie(context, kSessionCookie, "", {.expire = true});
  context.Redirect("/login");
}

// The start page links the full protocol text, which every signed-in user may read because
// all staff work under it. When the protocol state cannot be read (for example after
// retention destroyed its key), the links stay and the document page explains the error.
void Home(RequestContext& context) {
  nlohmann::json view{{"title", context.Text("web.home.title")}};
  Result<store::ExchangeState> state = store::ReadExchangeState(context.store());
  if (state.ok() && !state->installed) {
    view["protocol_none"] = true;
  } else if (state.ok()) {
    view["protocol_text"] = context.Text("web.home.protocol.in_force", state->installed->protocol.definition().title);
  }
  context.Render("home", view);
}

void PasswordPage(RequestContext& context) {
  context.Render("password", {{"title", context.Text("web.password.title")}});
}

void PasswordSubmit(RequestContext& context) {
  nlohmann::json view{{"title", context.Text("web.password.title")}};
  std::string fresh = context.Field("new_password");
  if (fresh != context.Field("repeat_password")) {
    view["error"] = context.Text("web.password.mismatch");
    return context.Render("password", view, 400);
  }
  auth::Accounts accounts(context.store());
  Status changed = accounts.ChangePassword(context.user->id, context.Field("current_password"), fresh);
  if (!changed.ok()) {
    view["error"] = changed.error().Render(context.language);
    return context.Render("password", view, 400);
  }

  // A password change ends the other sessions; this one starts afresh.
  auth::Sessions sessions(context.store(), SessionPolicyOf(context.app().config()));
  (void)sessions.Destroy(context.session_token);
  Result<auth::Session> session = sessions.Create(context.user->id, context.session->language);
  if (!session.ok()) return context.ErrorPage(session.error());
  SetCookie(context, kSessionCookie, session->token, {});
  context.session = *session;
  view["done"] = context.Text("web.password.changed");
  context.Render("password", view);
}

void SwitchLanguage(RequestContext& context) {
  std::string language = context.Field("lang") == "en" ? "en" : "nl";
  SetCookie(context, "adempauze_lang", language, {.http_only = false, .max_age_days = 365});
  std::string token = CookieValue(context.request, kSessionCookie);
  if (!token.empty()) {
    auth::Sessions sessions(context.store(), SessionPolicyOf(context.app().config()));
    (void)sessions.SetLanguage(token, language);
  }
  context.Redirect(SafeNext(context.Field("next")));
}

void Health(RequestContext& context) {
  Result<std::int64_t> version =
      store::QueryInt(context.store().database(), "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!version.ok()) return context.Json({{"status", "error"}}, 503);
  context.Json({{"status", "ok"}, {"schema_version", *version}});
}

}  // namespace

void AddAccountRoutes(std::vector<Route>& routes) {
  routes.push_back(MakeRoute("GET", "/login", Access::kPublic, {}, LoginPage));
  routes.push_back(MakeRoute("POST", "/login", Access::kPublic, {}, LoginSubmit));
  routes.push_back(MakeRoute("POST", "/logout", Access::kSignedIn, {}, Logout));
  routes.push_back(MakeRoute("GET", "/", Access::kSignedIn, {}, Home, "web.nav.home", 0));
  routes.push_back(MakeRoute("GET", "/account/password", Access::kSignedIn, {}, PasswordPage, "web.nav.password", 90));
  routes.push_back(MakeRoute("POST", "/account/password", Access::kSignedIn, {}, PasswordSubmit));
  routes.push_back(MakeRoute("GET", "/language", Access::kPublic, {}, SwitchLanguage));
  routes.push_back(MakeRoute("GET", "/health", Access::kPublic, {}, Health));
}

}  // namespace adempauze::web
