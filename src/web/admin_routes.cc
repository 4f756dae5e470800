// Routes of the administrator: user accounts (add, roles, disable and enable, password
// reset) and the API tokens of other applications. None of these pages shows data of
// debtors or clients. Every change is logged by the auth module.
#include <algorithm>
#include <string>
#include <vector>

#include "adempauze/auth/auth.h"
#include "adempauze/web/api_roles.h"
#include "web/officer_common.h"
#include "web/view.h"

namespace adempauze::web {
namespace {

using officer::kRowsPerPage;
using officer::RequestedPage;

const auth::RoleSet kAdmin{auth::Role::kAdministrator};
constexpr const char* kAdministration = "administration";

// The role checkboxes: one per role, named "role_<id>".
nlohmann::json RoleChoices(const RequestContext& context, auth::RoleSet checked, bool lock_admin) {
  nlohmann::json choices = nlohmann::json::array();
  for (auth::Role role : auth::AllRoles()) {
    const bool locked = lock_admin && role == auth::Role::kAdministrator;
    choices.push_back({{"id", std::string(auth::RoleId(role))},
                       {"label", auth::RoleLabel(role, context.language)},
                       {"checked", checked.Has(role) || locked},
                       {"locked", locked}});
  }
  return choices;
}

auth::RoleSet RolesFromForm(const RequestContext& context) {
  auth::RoleSet roles;
  for (auth::Role role : auth::AllRoles()) {
    if (context.Field("role_" + std::string(auth::RoleId(role))) == "1") roles.Add(role);
  }
  return roles;
}

std::string RoleLabels(const RequestContext& context, auth::RoleSet roles) {
  std::string labels;
  for (auth::Role role : roles.roles()) labels += (labels.empty() ? "" : ", ") + auth::RoleLabel(role, context.language);
  return labels;
}

// ---- Users ----------------------------------------------------------------------------

// Renders the user list with the form to add one. `extra` carries a form error and the
// values typed.
void ShowUsers(RequestContext& context, nlohmann::json extra, int status) {
  Result<std::vector<auth::User>> users = auth::Accounts(context.store()).ListUsers();
  if (!users.ok()) return officer::FailedCallPage(context, users.error());

  const std::int64_t total = static_cast<std::int64_t>(users->size());
  const std::int64_t page = RequestedPage(context);
  const std::string now = context.store().Now();
  nlohmann::json rows = nlohmann::json::array();
  for (std::int64_t i = (page - 1) * kRowsPerPage; i < std::min(total, page * kRowsPerPage); ++i) {
    const auth::User& user = (*users)[static_cast<std::size_t>(i)];
    rows.push_back({{"id", user.id},
                    {"username", user.username},
                    {"display_name", user.display_name},
                    {"roles", RoleLabels(context, user.roles)},
                    {"disabled", user.disabled},
                    {"locked", auth::IsLocked(user, now)}});
  }

  nlohmann::json view{{"title", context.Text("web.admin.users.title")},
                      {"users", rows},
                      {"total", context.Text("web.admin.users.total", total)},
                      {"roles", RoleChoices(context, RolesFromForm(context), false)},
                      {"pager", officer::PagerView(context, "/admin/users", "", page, total)}};
  const std::string done = context.Field("done");
  if (done == "added") view["done"] = context.Text("web.admin.users.added");
  view.update(extra);
  context.Render("admin_users", view, status);
}

void UsersPage(RequestContext& context) { ShowUsers(context, nlohmann::json::object(), 200); }

void AddUserSubmit(RequestContext& context) {
  const std::string username = context.Field("username");
  const std::string display_name = context.Field("display_name");
  auth::Accounts accounts(context.store());
  Result<std::int64_t> added = accounts.AddUser(username, display_name, context.Field("password"),
                                                RolesFromForm(context), context.Actor(kAdministration));
  if (!added.ok()) {
    return ShowUsers(context,
                     {{"error", added.error().Render(context.language)},
                      {"username_input", username},
                      {"display_name_input", display_name}},
                     StatusForError(added.error()));
  }
  context.Redirect("/admin/users?done=added");
}

// Renders one user's page. `extra` carries a form error.
void ShowUser(RequestContext& context, std::int64_t id, nlohmann::json extra, int status) {
  Result<auth::User> user = auth::Accounts(context.store()).GetUser(id);
  if (!user.ok()) return context.ErrorPage(user.error());
  const bool is_self = context.user && context.user->id == user->id;

  nlohmann::json view{{"title", context.Text("web.admin.user.title", user->username)},
                      {"id", user->id},
                      {"username", user->username},
                      {"display_name", user->display_name},
                      {"created_at", FormatTimestamp(user->created_at, context.language)},
                      {"disabled", user->disabled},
                      {"locked", auth::IsLocked(*user, context.store().Now())},
                      {"is_self", is_self},
                      {"roles", RoleChoices(context, user->roles, is_self)}};
  const std::string done = context.Field("done");
  for (const char* known : {"roles", "disabled", "enabled", "password"}) {
    if (done == known) view["done"] = context.Text(std::string("web.admin.user.done.") + known);
  }
  view.update(extra);
  context.Render("admin_user", view, status);
}

void UserPage(RequestContext& context) {
  std::optional<std::int64_t> id = context.PathId(1);
  if (!id) return context.ErrorPage(404, "web.admin.user.not_found");
  ShowUser(context, *id, nlohmann::json::object(), 200);
}

// Runs `change` on the user of the path and redirects to their page with `done`, or shows
// the page again with the error.
void ChangeUser(RequestContext& context, const std::string& done,
                const std::function<Status(auth::Accounts&, std::int64_t)>& change) {
  std::optional<std::int64_t> id = context.PathId(1);
  if (!id) return context.ErrorPage(404, "web.admin.user.not_found");
  auth::Accounts accounts(context.store());
  if (Result<auth::User> user = accounts.GetUser(*id); !user.ok()) return context.ErrorPage(user.error());
  Status changed = change(accounts, *id);
  if (!changed.ok()) {
    return ShowUser(context, *id, {{"error", changed.error().Render(context.language)}}, StatusForError(changed.error()));
  }
  context.Redirect("/admin/users/" + std::to_string(*id) + "?done=" + done);
}

bool IsSelf(const RequestContext& context, std::int64_t id) { return context.user && context.user->id == id; }

// An administrator who removed their own admin role or disabled themselves could lock every
// administrator out, so another administrator must do it.
void RolesSubmit(RequestContext& context) {
  ChangeUser(context, "roles", [&](auth::Accounts& accounts, std::int64_t id) -> Status {
    auth::RoleSet roles = RolesFromForm(context);
    if (IsSelf(context, id) && !roles.Has(auth::Role::kAdministrator)) {
      return MakeError(ErrorCode::kFailedPrecondition, "web.admin.user.own_admin_role");
    }
    return accounts.SetRoles(id, roles, context.Actor(kAdministration));
  });
}

void DisableSubmit(RequestContext& context) {
  ChangeUser(context, "disabled", [&](auth::Accounts& accounts, std::int64_t id) -> Status {
    if (IsSelf(context, id)) return MakeError(ErrorCode::kFailedPrecondition, "web.admin.user.own_disable");
    return accounts.SetDisabled(id, true, context.Actor(kAdministration));
  });
}

void EnableSubmit(RequestContext& context) {
  ChangeUser(context, "enabled", [&](auth::Accounts& accounts, std::int64_t id) -> Status {
    return accounts.SetDisabled(id, false, context.Actor(kAdministration));
  });
}

void PasswordSubmit(RequestContext& context) {
  ChangeUser(context, "password", [&](auth::Accounts& accounts, std::int64_t id) -> Status {
    return accounts.ResetPassword(id, context.Field("new_password"), context.Actor(kAdministration));
  });
}

// ---- API tokens -----------------------------------------------------------------------

// Renders the token list with the form to create one. `extra` carries a new secret (shown
// this once), a form error or the values typed.
void ShowTokens(RequestContext& context, nlohmann::json extra, int status) {
  Result<std::vector<auth::ApiToken>> tokens = auth::ApiTokens(context.store()).List();
  if (!tokens.ok()) return officer::FailedCallPage(context, tokens.error());
  nlohmann::json rows = nlohmann::json::array();
  for (const auth::ApiToken& token : *tokens) {
    nlohmann::json row{{"name", token.name},
                       {"role", auth::RoleLabel(token.role, context.language)},
                       {"created_at", FormatTimestamp(token.created_at, context.language)},
                       {"created_by", token.created_by},
                       {"revoke_href", "/admin/tokens/" + token.name + "/revoke"}};
    if (token.revoked_at) row["revoked_at"] = FormatTimestamp(*token.revoked_at, context.language);
    rows.push_back(row);
  }
  // Only roles that an API route accepts: a token of another role could make no call.
  const std::string selected = context.Field("role");
  nlohmann::json roles = nlohmann::json::array();
  for (auth::Role role : ApiTokenRoles().roles()) {
    const std::string id(auth::RoleId(role));
    roles.push_back({{"id", id}, {"label", auth::RoleLabel(role, context.language)}, {"selected", id == selected}});
  }
  nlohmann::json view{{"title", context.Text("web.admin.tokens.title")},
                      {"tokens", rows},
                      {"has_tokens", !rows.empty()},
                      {"roles", roles}};
  const std::string done = context.Field("done");
  if (done == "revoked") view["done"] = context.Text("web.admin.tokens.revoked");
  view.update(extra);
  context.Render("admin_tokens", view, status);
}

void TokensPage(RequestContext& context) { ShowTokens(context, nlohmann::json::object(), 200); }

// Creates a token and shows its secret in this response only, because the store keeps
// only its hash.
void CreateTokenSubmit(RequestContext& context) {
  const std::string name = context.Field("name");
  std::optional<auth::Role> role = auth::ParseRole(context.Field("role"));
  if (!role) {
    return ShowTokens(context, {{"error", context.Text("web.admin.tokens.role_missing")}, {"name_input", name}}, 400);
  }
  if (Status usable = CheckApiTokenRole(*role); !usable.ok()) {
    return ShowTokens(context, {{"error", usable.error().Render(context.language)}, {"name_input", name}}, 400);
  }
  Result<std::string> secret =
      auth::ApiTokens(context.store()).Create(name, *role, context.Actor(kAdministration));
  if (!secret.ok()) {
    return ShowTokens(context, {{"error", secret.error().Render(context.language)}, {"name_input", name}},
                      StatusForError(secret.error()));
  }
  ShowTokens(context, {{"secret", {{"name", name}, {"value", *secret}}}}, 200);
}

void RevokeTokenSubmit(RequestContext& context) {
  Status revoked = auth::ApiTokens(context.store()).Revoke(context.PathParam(1), context.Actor(kAdministration));
  if (!revoked.ok()) {
    return ShowTokens(context, {{"error", revoked.error().Render(context.language)}}, StatusForError(revoked.error()));
  }
  context.Redirect("/admin/tokens?done=revoked");
}

}  // namespace

void AddAdminRoutes(std::vector<Route>& routes) {
  routes.push_back(MakeRoute("GET", "/admin/users", Access::kRoles, kAdmin, UsersPage, "web.nav.admin.users", 70));
  routes.push_back(MakeRoute("POST", "/admin/users", Access::kRoles, kAdmin, AddUserSubmit));
  routes.push_back(MakeRoute("GET", R"(/admin/users/(\d+))", Access::kRoles, kAdmin, UserPage));
  routes.push_back(MakeRoute("POST", R"(/admin/users/(\d+)/roles)", Access::kRoles, kAdmin, RolesSubmit));
  routes.push_back(MakeRoute("POST", R"(/admin/users/(\d+)/disable)", Access::kRoles, kAdmin, DisableSubmit));
  routes.push_back(MakeRoute("POST", R"(/admin/users/(\d+)/enable)", Access::kRoles, kAdmin, EnableSubmit));
  routes.push_back(MakeRoute("POST", R"(/admin/users/(\d+)/password)", Access::kRoles, kAdmin, PasswordSubmit));
  routes.push_back(MakeRoute("GET", "/admin/tokens", Access::kRoles, kAdmin, TokensPage, "web.nav.admin.tokens", 71));
  routes.push_back(MakeRoute("POST", "/admin/tokens", Access::kRoles, kAdmin, CreateTokenSubmit));
  routes.push_back(
      MakeRoute("POST", R"(/admin/tokens/([A-Za-z0-9._-]+)/revoke)", Access::kRoles, kAdmin, RevokeTokenSubmit));
}

}  // namespace adempauze::web
