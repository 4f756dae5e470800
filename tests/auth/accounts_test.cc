// Adding, finding, listing and changing accounts, each change with its access-log entry.
#include <gtest/gtest.h>

#include "auth/auth_test_support.h"

namespace adempauze::auth {
namespace {

using namespace testing_support;

TEST(Accounts, AddsAndFindsUser) {
  AuthFixture fixture;
  Accounts accounts = fixture.Accounts();
  Result<std::int64_t> id = accounts.AddUser("An.Peeters", "An Peeters", kPassword,
                                             {Role::kSocialWorker, Role::kReviewer}, AdminActor());
  ASSERT_TRUE(id.ok()) << id.error().Render(Language::kEnglish);

  Result<User> found = accounts.FindUser("an.peeters");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, *id);
  EXPECT_EQ(found->username, "an.peeters");
  EXPECT_EQ(found->display_name, "An Peeters");
  EXPECT_EQ(found->roles, (RoleSet{Role::kSocialWorker, Role::kReviewer}));
  EXPECT_FALSE(found->disabled);
  EXPECT_EQ(found->failed_logins, 0);
  EXPECT_FALSE(found->locked_until.has_value());
  EXPECT_EQ(found->created_at, "2021-04-01T09:00:00.000Z");

  Result<User> by_id = accounts.GetUser(*id);
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(by_id->username, "an.peeters");
  Result<User> upper = accounts.FindUser("AN.PEETERS");
  ASSERT_TRUE(upper.ok());
  EXPECT_EQ(upper->id, *id);
}

TEST(Accounts, EmptyDisplayNameBecomesUsername) {
  AuthFixture fixture;
  const std::int64_t id = fixture.AddUser("koen");
  Result<User> user = fixture.Accounts().GetUser(id);
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->display_name, "koen");
}

TEST(Accounts, RejectsTakenNameInAnyCase) {
  AuthFixture fixture;
  fixture.AddUser("els");
  Result<std::int64_t> again = fixture.Accounts().AddUser("ELS", "", kPassword, {Role::kOfficer}, AdminActor());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(again.error().message_key, "auth.user.exists");
  Result<std::vector<User>> users = fixture.Accounts().ListUsers();
  ASSERT_TRUE(users.ok());
  EXPECT_EQ(users->size(), 1u);
}

TEST(Accounts, RejectsMalformedInput) {
  struct Case {
    std::string username;
    std::string display_name;
    std::string password;
    RoleSet roles;
    std::string expected_key;
  };
  const Case cases[] = {
      {"", "", std::string(kPassword), {Role::kOfficer}, "auth.user.bad_name"},
      {"jan peeters", "", std::string(kPassword), {Role::kOfficer}, "auth.user.bad_name"},
      {"jan@stad", "", std::string(kPassword), {Role::kOfficer}, "auth.user.bad_name"},
      {"jösé", "", std::string(kPassword), {Role::kOfficer}, "auth.user.bad_name"},
      {std::string(65, 'a'), "", std::string(kPassword), {Role::kOfficer}, "auth.user.bad_name"},
      {"jan", "Jan\nPeeters", std::string(kPassword), {Role::kOfficer}, "auth.user.bad_display_name"},
      {"jan", std::string(201, 'x'), std::string(kPassword), {Role::kOfficer}, "auth.user.bad_display_name"},
      {"jan", "", "te kort", {Role::kOfficer}, "auth.password.too_short"},
      {"jan", "", std::string(kPassword), {}, "auth.user.no_roles"},
  };
  AuthFixture fixture;
  for (const Case& c : cases) {
    Result<std::int64_t> added = fixture.Accounts().AddUser(c.username, c.display_name, c.password, c.roles,
                                                            AdminActor());
    ASSERT_FALSE(added.ok()) << c.username;
    EXPECT_EQ(added.error().code, ErrorCode::kInvalidArgument) << c.username;
    EXPECT_EQ(added.error().message_key, c.expected_key) << c.username;
  }
  EXPECT_TRUE(fixture.Accounts().AddUser(std::string(64, 'a'), "", kPassword, {Role::kOfficer}, AdminActor()).ok());
  EXPECT_TRUE(fixture.Accounts().AddUser("jan_de-smet.2", "", kPassword, {Role::kOfficer}, AdminActor()).ok());
}

TEST(Accounts, UnknownUserIsNotFound) {
  AuthFixture fixture;
  Result<User> by_name = fixture.Accounts().FindUser("niemand");
  ASSERT_FALSE(by_name.ok());
  EXPECT_EQ(by_name.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(by_name.error().message_key, "auth.user.not_found");
  EXPECT_EQ(by_name.error().args, (std::vector<std::string>{"niemand"}));

  Accounts accounts = fixture.Accounts();
  EXPECT_EQ(accounts.GetUser(42).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(accounts.SetRoles(42, {Role::kOfficer}, AdminActor()).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(accounts.SetDisabled(42, true, AdminActor()).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(accounts.ResetPassword(42, kOtherPassword, AdminActor()).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(accounts.ChangePassword(42, kPassword, kOtherPassword).error().code, ErrorCode::kNotFound);
}

TEST(Accounts, ListsUsersByName) {
  AuthFixture fixture;
  fixture.AddUser("wim");
  fixture.AddUser("an");
  fixture.AddUser("lies");
  Result<std::vector<User>> users = fixture.Accounts().ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 3u);
  EXPECT_EQ((*users)[0].username, "an");
  EXPECT_EQ((*users)[1].username, "lies");
  EXPECT_EQ((*users)[2].username, "wim");
}

TEST(Accounts, SetsRoles) {
  AuthFixture fixture;
  const std::int64_t id = fixture.AddUser("sofie");
  Accounts accounts = fixture.Accounts();
  ASSERT_TRUE(accounts.SetRoles(id, {Role::kOfficer, Role::kAdministrator}, AdminActor()).ok());
  EXPECT_EQ(accounts.GetUser(id)->roles, (RoleSet{Role::kOfficer, Role::kAdministrator}));

  Status empty = accounts.SetRoles(id, {}, AdminActor());
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message_key, "auth.user.no_roles");
  EXPECT_EQ(accounts.GetUser(id)->roles, (RoleSet{Role::kOfficer, Role::kAdministrator}));
}

TEST(Accounts, DisablesAndEnables) {
  AuthFixture fixture;
  const std::int64_t id = fixture.AddUser("pieter");
  Accounts accounts = fixture.Accounts();
  ASSERT_TRUE(accounts.SetDisabled(id, true, AdminActor()).ok());
  EXPECT_TRUE(accounts.GetUser(id)->disabled);
  ASSERT_TRUE(accounts.SetDisabled(id, false, AdminActor()).ok());
  EXPECT_FALSE(accounts.GetUser(id)->disabled);
}

TEST(Accounts, ResetReplacesPassword) {
  AuthFixture fixture;
  const std::int64_t id = fixture.AddUser("lies");
  Accounts accounts = fixture.Accounts();
  ASSERT_TRUE(accounts.ResetPassword(id, kOtherPassword, AdminActor()).ok());
  EXPECT_FALSE(accounts.Authenticate("lies", kPassword).ok());
  EXPECT_TRUE(accounts.Authenticate("lies", kOtherPassword).ok());

  Status weak = accounts.ResetPassword(id, "kort", AdminActor());
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.error().message_key, "auth.password.too_short");
  EXPECT_TRUE(accounts.Authenticate("lies", kOtherPassword).ok());
}

TEST(Accounts, ChangeNeedsCurrentPassword) {
  AuthFixture fixture;
  const std::int64_t id = fixture.AddUser("jan");
  Accounts accounts = fixture.Accounts();

  Status wrong = accounts.ChangePassword(id, "niet het wachtwoord", kOtherPassword);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(wrong.error().message_key, "auth.password.wrong_current");
  EXPECT_EQ(accounts.GetUser(id)->failed_logins, 1);

  Status same = accounts.ChangePassword(id, kPassword, kPassword);
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.error().message_key, "auth.password.unchanged");

  Status weak = accounts.ChangePassword(id, kPassword, "kort");
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.error().message_key, "auth.password.too_short");

  ASSERT_TRUE(accounts.ChangePassword(id, kPassword, kOtherPassword).ok());
  EXPECT_FALSE(accounts.Authenticate("jan", kPassword).ok());
  Result<User> user = accounts.Authenticate("jan", kOtherPassword);
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->failed_logins, 0);
}

TEST(Accounts, DisabledUserCannotChangePassword) {
  AuthFixture fixture;
  const std::int64_t id = fixture.AddUser("wim");
  Accounts accounts = fixture.Accounts();
  ASSERT_TRUE(accounts.SetDisabled(id, true, AdminActor()).ok());
  Status changed = accounts.ChangePassword(id, kPassword, kOtherPassword);
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.error().message_key, "auth.user.disabled");
}

TEST(Accounts, EveryWriteIsLoggedAndChainVerifies) {
  AuthFixture fixture;
  Accounts accounts = fixture.Accounts();
  const std::int64_t id = fixture.AddUser("koen");
  ASSERT_TRUE(accounts.SetRoles(id, {Role::kReviewer}, AdminActor()).ok());
  ASSERT_TRUE(accounts.SetDisabled(id, true, AdminActor()).ok());
  ASSERT_TRUE(accounts.SetDisabled(id, false, AdminActor()).ok());
  ASSERT_TRUE(accounts.ResetPassword(id, kOtherPassword, AdminActor()).ok());
  ASSERT_TRUE(accounts.ChangePassword(id, kOtherPassword, kPassword).ok());
  ASSERT_FALSE(accounts.ChangePassword(id, kOtherPassword, "nog een ander wachtwoord").ok());
  ApiTokens tokens(*fixture.store);
  ASSERT_TRUE(tokens.Create("financien", Role::kDebtorTeam, AdminActor()).ok());
  ASSERT_TRUE(tokens.Revoke("financien", AdminActor()).ok());

  struct Expected {
    std::string action;
    std::string object_type;
    std::string outcome;
    std::string actor;
  };
  const std::string user_id = std::to_string(id);
  const Expected expected[] = {
      {"user_add", "user", "ok", "cli:beheerder"},          {"user_roles", "user", "ok", "cli:beheerder"},
      {"user_disable", "user", "ok", "cli:beheerder"},      {"user_enable", "user", "ok", "cli:beheerder"},
      {"password_reset", "user", "ok", "cli:beheerder"},    {"password_change", "user", "ok", "koen"},
      {"password_change", "user", "denied", "koen"},        {"token_create", "api_token", "ok", "cli:beheerder"},
      {"token_revoke", "api_token", "ok", "cli:beheerder"},
  };
  std::vector<store::AccessEntry> entries = fixture.LogEntries();
  ASSERT_EQ(entries.size(), std::size(expected));
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].action, expected[i].action) << i;
    EXPECT_EQ(entries[i].object_type, expected[i].object_type) << i;
    EXPECT_EQ(entries[i].outcome, expected[i].outcome) << i;
    EXPECT_EQ(entries[i].actor, expected[i].actor) << i;
    EXPECT_EQ(entries[i].purpose, "administration") << i;
    if (expected[i].object_type == "user") {
      EXPECT_EQ(entries[i].object_id, user_id) << i;
    }
    EXPECT_FALSE(Contains(entries[i].detail, kPassword)) << i;
    EXPECT_FALSE(Contains(entries[i].detail, kOtherPassword)) << i;
  }
  EXPECT_EQ(entries[0].detail, "roles=debtor_team");
  EXPECT_EQ(entries[1].detail, "roles=reviewer");

  Result<store::AccessLogVerification> verified = fixture.store->access_log().Verify();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok());
  EXPECT_EQ(verified->entries_checked, static_cast<std::int64_t>(std::size(expected)));
}

TEST(Accounts, DatabaseHoldsNoPasswordInClear) {
  AuthFixture fixture;
  const std::int64_t id = fixture.AddUser("els");
  ASSERT_TRUE(fixture.Accounts().ResetPassword(id, kOtherPassword, AdminActor()).ok());
  const std::string raw = fixture.RawDatabaseBytes();
  EXPECT_FALSE(Contains(raw, kPassword));
  EXPECT_FALSE(Contains(raw, kOtherPassword));
  EXPECT_TRUE(Contains(raw, "$argon2id$"));
}

}  // namespace
}  // namespace adempauze::auth
