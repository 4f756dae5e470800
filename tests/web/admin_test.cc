// The administrator's screens: users (add, roles, disable, password reset, and the guard
// against locking oneself out) and API tokens (secret shown once, revocation, and only roles
// that an API route accepts, on the screen and on the command line).
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "adempauze/auth/auth.h"
#include "adempauze/crypto/keys.h"
#include "adempauze/store/store.h"
#include "web/app.h"
#include "web_test_support.h"

namespace adempauze::web {
namespace {

using testing::Browser;
using testing::WebServerFixture;

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

httplib::Result PostForm(const Browser& browser, const std::string& path, httplib::Params form) {
  form.emplace("_csrf", browser.csrf);
  return WebServerFixture::Get().Client().Post(path, browser.headers(), form);
}

httplib::Result Get(const Browser& browser, const std::string& path) {
  return WebServerFixture::Get().Client().Get(path, browser.headers());
}

// Returns the status of a login attempt, without failing the test as Login() does.
int LoginStatus(const std::string& username, const std::string& password) {
  httplib::Client client = WebServerFixture::Get().Client();
  auto page = client.Get("/login");
  if (!page) return -1;
  httplib::Params form{{"_csrf", testing::CsrfIn(page->body)}, {"username", username}, {"password", password}};
  auto answer = client.Post("/login", {{"Cookie", "adempauze_login=" + testing::SetCookieValue(page, "adempauze_login")}},
                            form);
  return answer ? answer->status : -1;
}

// Returns the id in the link to `username` on the user list, or empty.
std::string UserId(const Browser& admin, const std::string& username) {
  auto list = Get(admin, "/admin/users");
  if (!list) return {};
  std::smatch match;
  const std::regex link(R"re(/admin/users/(\d+)">)re" + username + "<");
  std::string body = std::regex_replace(list->body, std::regex("&#x2F;"), "/");
  return std::regex_search(body, match, link) ? match[1].str() : std::string();
}

std::unique_ptr<store::Store> OpenDemoStore() {
  const std::filesystem::path db = WebServerFixture::Get().db_path();
  auto keys = crypto::LoadKeyFile(db.string() + ".keys");
  if (!keys.ok()) return nullptr;
  auto opened = store::Store::Open(db, std::move(keys).value());
  return opened.ok() ? std::move(opened).value() : nullptr;
}

TEST(AdminUsers, AddedUserLogsInUntilDisabled) {
  WebServerFixture& fixture = WebServerFixture::Get();
  Browser admin = fixture.Login("beheerder");
  const std::string password = "een-lang-begin-wachtwoord";

  auto added = PostForm(admin, "/admin/users",
                        {{"username", "nieuwe.medewerker"}, {"display_name", "Nele Nieuw"}, {"password", password},
                         {"role_debtor_team", "1"}});
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 303) << added->body;
  Browser newcomer = fixture.Login("nieuwe.medewerker", password);
  ASSERT_FALSE(newcomer.cookie.empty());
  const std::string id = UserId(admin, "nieuwe.medewerker");
  ASSERT_FALSE(id.empty());

  auto disabled = PostForm(admin, "/admin/users/" + id + "/disable", {});
  ASSERT_TRUE(disabled);
  EXPECT_EQ(disabled->status, 303);
  EXPECT_EQ(LoginStatus("nieuwe.medewerker", password), 401);
  auto old_session = Get(newcomer, "/");
  ASSERT_TRUE(old_session);
  EXPECT_EQ(old_session->status, 303) << "the session of a disabled user must end";
  auto page = Get(admin, "/admin/users/" + id);
  ASSERT_TRUE(page);
  EXPECT_TRUE(Contains(page->body, "uitgeschakeld"));

  auto enabled = PostForm(admin, "/admin/users/" + id + "/enable", {});
  ASSERT_TRUE(enabled);
  EXPECT_EQ(enabled->status, 303);
  EXPECT_EQ(LoginStatus("nieuwe.medewerker", password), 303);
}

TEST(AdminUsers, RejectsShortPassword) {
  Browser admin = WebServerFixture::Get().Login("beheerder");
  auto added = PostForm(admin, "/admin/users", {{"username", "te.kort"}, {"password", "kort"}, {"role_reviewer", "1"}});
  ASSERT_TRUE(added);
  EXPECT_EQ(added->status, 400);
  EXPECT_TRUE(Contains(added->body, "notice-error"));
  EXPECT_TRUE(Contains(added->body, "value=\"te.kort\"")) << "the typed name stays in the form";
  EXPECT_EQ(LoginStatus("te.kort", "kort"), 401);
}

TEST(AdminUsers, RolesAndPasswordResetTakeEffect) {
  WebServerFixture& fixture = WebServerFixture::Get();
  Browser admin = fixture.Login("beheerder");
  ASSERT_EQ(PostForm(admin, "/admin/users",
                     {{"username", "rollen.test"}, {"password", "eerste-wachtwoord-12"}, {"role_reviewer", "1"}})
                ->status,
            303);
  const std::string id = UserId(admin, "rollen.test");
  ASSERT_FALSE(id.empty());

  auto roles = PostForm(admin, "/admin/users/" + id + "/roles", {{"role_officer", "1"}});
  ASSERT_TRUE(roles);
  EXPECT_EQ(roles->status, 303);
  auto reset = PostForm(admin, "/admin/users/" + id + "/password", {{"new_password", "tweede-wachtwoord-12"}});
  ASSERT_TRUE(reset);
  EXPECT_EQ(reset->status, 303);

  EXPECT_EQ(LoginStatus("rollen.test", "eerste-wachtwoord-12"), 401);
  Browser user = fixture.Login("rollen.test", "tweede-wachtwoord-12");
  auto officer_page = Get(user, "/officer/log");
  ASSERT_TRUE(officer_page);
  EXPECT_EQ(officer_page->status, 200);
  auto review_page = Get(user, "/admin/users");
  ASSERT_TRUE(review_page);
  EXPECT_EQ(review_page->status, 403);
}

TEST(AdminUsers, CannotLockOutSelf) {
  Browser admin = WebServerFixture::Get().Login("beheerder");
  const std::string id = UserId(admin, "beheerder");
  ASSERT_FALSE(id.empty());

  auto roles = PostForm(admin, "/admin/users/" + id + "/roles", {{"role_officer", "1"}});
  ASSERT_TRUE(roles);
  EXPECT_EQ(roles->status, 409);
  EXPECT_TRUE(Contains(roles->body, "eigen rol beheerder niet afnemen"));
  auto disable = PostForm(admin, "/admin/users/" + id + "/disable", {});
  ASSERT_TRUE(disable);
  EXPECT_EQ(disable->status, 409);
  EXPECT_TRUE(Contains(disable->body, "eigen account niet uitschakelen"));

  // The page explains it before anyone tries: the admin box is fixed and no disable button.
  auto page = Get(admin, "/admin/users/" + id);
  ASSERT_TRUE(page);
  EXPECT_TRUE(Contains(page->body, "checked disabled"));
  EXPECT_FALSE(Contains(page->body, "/disable\""));
  auto still = Get(admin, "/admin/users");
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, 200);
}

TEST(AdminTokens, SecretShownOnceRevokeEndsIt) {
  Browser admin = WebServerFixture::Get().Login("beheerder");
  auto created = PostForm(admin, "/admin/tokens", {{"name", "financien-test"}, {"role", "debtor_team"}});
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 200);
  std::smatch match;
  ASSERT_TRUE(std::regex_search(created->body, match, std::regex("adp_[0-9a-f]{64}"))) << created->body;
  const std::string secret = match[0].str();

  auto list = Get(admin, "/admin/tokens");
  ASSERT_TRUE(list);
  EXPECT_TRUE(Contains(list->body, "financien-test"));
  EXPECT_FALSE(Contains(list->body, secret)) << "the secret is shown only once";
  std::unique_ptr<store::Store> store = OpenDemoStore();
  ASSERT_NE(store, nullptr);
  auto resolved = auth::ApiTokens(*store).Resolve(secret);
  ASSERT_TRUE(resolved.ok());
  ASSERT_TRUE(resolved->has_value());
  EXPECT_EQ((*resolved)->role, auth::Role::kDebtorTeam);

  auto revoked = PostForm(admin, "/admin/tokens/financien-test/revoke", {});
  ASSERT_TRUE(revoked);
  EXPECT_EQ(revoked->status, 303);
  auto after = auth::ApiTokens(*store).Resolve(secret);
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->has_value());
  auto again = PostForm(admin, "/admin/tokens/financien-test/revoke", {});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409);
  auto page = Get(admin, "/admin/tokens");
  ASSERT_TRUE(page);
  EXPECT_TRUE(Contains(page->body, "ingetrokken op"));
}

TEST(AdminTokens, RequiresRole) {
  Browser admin = WebServerFixture::Get().Login("beheerder");
  auto created = PostForm(admin, "/admin/tokens", {{"name", "zonder-rol"}});
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 400);
  EXPECT_TRUE(Contains(created->body, "Kies de rol van het token"));
}

// The roles of the API routes' allow-lists, read from the route table itself.
auth::RoleSet RolesOfApiRoutes() {
  auth::RoleSet roles;
  for (const Route& route : AllRoutes()) {
    if (route.access != Access::kApi) continue;
    for (auth::Role role : route.roles.roles()) roles.Add(role);
  }
  return roles;
}

// Returns a role that no API route accepts; the test fails when every role has one.
auth::Role RoleWithoutApiRoutes() {
  const auth::RoleSet accepted = RolesOfApiRoutes();
  for (auth::Role role : auth::AllRoles()) {
    if (!accepted.Has(role)) return role;
  }
  ADD_FAILURE() << "every role has API routes; the test needs a role without";
  return auth::Role::kOfficer;
}

bool TokenExists(const std::string& name) {
  std::unique_ptr<store::Store> store = OpenDemoStore();
  if (store == nullptr) return false;
  auto tokens = auth::ApiTokens(*store).List();
  if (!tokens.ok()) return false;
  for (const auth::ApiToken& token : *tokens) {
    if (token.name == name) return true;
  }
  return false;
}

TEST(AdminTokens, OffersOnlyRolesWithApiRoutes) {
  Browser admin = WebServerFixture::Get().Login("beheerder");
  auto page = Get(admin, "/admin/tokens");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  const auth::RoleSet accepted = RolesOfApiRoutes();
  ASSERT_FALSE(accepted.empty());
  for (auth::Role role : auth::AllRoles()) {
    const std::string option = "<option value=\"" + std::string(auth::RoleId(role)) + "\"";
    EXPECT_EQ(Contains(page->body, option), accepted.Has(role)) << auth::RoleId(role);
  }
}

TEST(AdminTokens, RejectsRoleWithoutApiRoutes) {
  Browser admin = WebServerFixture::Get().Login("beheerder");
  const std::string role(auth::RoleId(RoleWithoutApiRoutes()));
  auto created = PostForm(admin, "/admin/tokens", {{"name", "zonder-api-routes"}, {"role", role}});
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 400);
  EXPECT_TRUE(Contains(created->body, "zou bij elke oproep geweigerd worden")) << created->body;
  EXPECT_FALSE(std::regex_search(created->body, std::regex("adp_[0-9a-f]{64}"))) << "no secret for a refused token";
  EXPECT_FALSE(TokenExists("zonder-api-routes"));
}

TEST(AdminTokens, CliRejectsRoleWithoutApiRoutes) {
  const WebServerFixture& fixture = WebServerFixture::Get();
  const std::filesystem::path output = fixture.dir() / "token-add-refused.txt";
  const std::string role(auth::RoleId(RoleWithoutApiRoutes()));
  const std::string command = std::string(ADEMPAUZE_BINARY) + " --db " + fixture.db_path().string() +
                              " token add cli-zonder-api --role " + role + " > " + output.string() + " 2>&1";
  EXPECT_NE(std::system(command.c_str()), 0);
  std::ifstream printed(output);
  const std::string text((std::istreambuf_iterator<char>(printed)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(Contains(text, "zou bij elke oproep geweigerd worden")) << text;
  EXPECT_TRUE(Contains(text, "debtor_team")) << "the message names the roles that work: " << text;
  EXPECT_FALSE(TokenExists("cli-zonder-api"));
}

TEST(AdminPages, OtherRolesGetForbidden) {
  WebServerFixture& fixture = WebServerFixture::Get();
  for (const char* username : {"fgb", "debiteuren", "maatschappelijk"}) {
    Browser browser = fixture.Login(username);
    for (const char* path : {"/admin/users", "/admin/tokens", "/admin/users/1"}) {
      auto page = Get(browser, path);
      ASSERT_TRUE(page) << path;
      EXPECT_EQ(page->status, 403) << username << " " << path;
    }
    auto post = PostForm(browser, "/admin/users", {{"username", "indringer"}, {"password", "een-lang-wachtwoord"},
                                                   {"role_admin", "1"}});
    ASSERT_TRUE(post);
    EXPECT_EQ(post->status, 403) << username;
  }
  EXPECT_EQ(LoginStatus("indringer", "een-lang-wachtwoord"), 401);
}

}  // namespace
}  // namespace adempauze::web
