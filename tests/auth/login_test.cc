// Logins: the same error for every failure, lockout after repeated failures and its end.
#include <gtest/gtest.h>

#include "auth/auth_test_support.h"

namespace adempauze::auth {
namespace {

using namespace testing_support;
using std::chrono::minutes;
using std::chrono::seconds;

void ExpectLoginFailed(const Result<User>& login) {
  ASSERT_FALSE(login.ok());
  EXPECT_EQ(login.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(login.error().message_key, "auth.login.failed");
  EXPECT_EQ(login.error().args, (std::vector<std::string>{"15"}));
}

TEST(Login, AcceptsRightPassword) {
  AuthFixture fixture;
  const std::int64_t id = fixture.AddUser("an");
  Result<User> user = fixture.Accounts().Authenticate("An", kPassword);
  ASSERT_TRUE(user.ok()) << user.error().Render(Language::kEnglish);
  EXPECT_EQ(user->id, id);
  EXPECT_EQ(user->roles, RoleSet{Role::kDebtorTeam});

  const store::AccessEntry last = fixture.LogEntries().back();
  EXPECT_EQ(last.action, "login");
  EXPECT_EQ(last.outcome, "ok");
  EXPECT_EQ(last.actor, "an");
  EXPECT_EQ(last.role, "debtor_team");
  EXPECT_EQ(last.object_id, std::to_string(id));
}

TEST(Login, SameErrorForUnknownUserAndWrongPassword) {
  AuthFixture fixture;
  fixture.AddUser("an");
  Accounts accounts = fixture.Accounts();
  const Result<User> wrong_password = accounts.Authenticate("an", "niet het wachtwoord");
  const Result<User> unknown_user = accounts.Authenticate("bart", kPassword);
  const Result<User> malformed_name = accounts.Authenticate("an peeters", kPassword);
  ExpectLoginFailed(wrong_password);
  ExpectLoginFailed(unknown_user);
  ExpectLoginFailed(malformed_name);
  EXPECT_EQ(wrong_password.error().Render(Language::kDutch), unknown_user.error().Render(Language::kDutch));
  EXPECT_EQ(wrong_password.error().Render(Language::kEnglish), unknown_user.error().Render(Language::kEnglish));
}

TEST(Login, LogsAttemptsWithoutTypedNameOrPassword) {
  AuthFixture fixture;
  fixture.AddUser("an");
  Accounts accounts = fixture.Accounts();
  ExpectLoginFailed(accounts.Authenticate("an", "niet het wachtwoord"));
  // Someone who types the password in the name field.
  ExpectLoginFailed(accounts.Authenticate("wachtwoord-in-naamveld", kPassword));

  std::vector<store::AccessEntry> entries = fixture.LogEntries();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[1].action, "login");
  EXPECT_EQ(entries[1].outcome, "denied");
  EXPECT_EQ(entries[1].detail, "reason=wrong_password failures=1");
  EXPECT_EQ(entries[2].outcome, "denied");
  EXPECT_EQ(entries[2].actor, "-");
  EXPECT_EQ(entries[2].object_id, "-");
  EXPECT_EQ(entries[2].detail, "reason=unknown_user");
  for (const store::AccessEntry& entry : entries) {
    for (const std::string& field : {entry.actor, entry.object_id, entry.detail}) {
      EXPECT_FALSE(Contains(field, "wachtwoord")) << field;
      EXPECT_FALSE(Contains(field, kPassword)) << field;
    }
  }
  EXPECT_FALSE(Contains(fixture.RawDatabaseBytes(), "wachtwoord-in-naamveld"));
}

TEST(Login, LocksAfterFiveFailuresAndReleasesAfterLockout) {
  AuthFixture fixture;
  const std::int64_t id = fixture.AddUser("els");
  Accounts accounts = fixture.Accounts();
  for (int attempt = 1; attempt <= 4; ++attempt) {
    ExpectLoginFailed(accounts.Authenticate("els", "niet het wachtwoord"));
    EXPECT_FALSE(IsLocked(*accounts.GetUser(id), fixture.clock.Now())) << attempt;
  }
  ExpectLoginFailed(accounts.Authenticate("els", "niet het wachtwoord"));
  Result<User> locked = accounts.GetUser(id);
  ASSERT_TRUE(locked.ok());
  EXPECT_EQ(locked->failed_logins, 5);
  EXPECT_EQ(locked->locked_until, "2021-04-01T09:15:00.000Z");
  EXPECT_TRUE(IsLocked(*locked, fixture.clock.Now()));
  EXPECT_TRUE(Contains(fixture.LogEntries().back().detail, "locked_until=2021-04-01T09:15:00.000Z"));

  // While locked, the right password fails with the same error, and the lockout stays.
  fixture.clock.Advance(minutes(14));
  ExpectLoginFailed(accounts.Authenticate("els", kPassword));
  EXPECT_EQ(fixture.LogEntries().back().detail, "reason=locked");
  EXPECT_EQ(accounts.GetUser(id)->locked_until, "2021-04-01T09:15:00.000Z");

  fixture.clock.Advance(minutes(1));
  EXPECT_FALSE(IsLocked(*accounts.GetUser(id), fixture.clock.Now()));
  Result<User> released = accounts.Authenticate("els", kPassword);
  ASSERT_TRUE(released.ok());
  EXPECT_EQ(accounts.GetUser(id)->failed_logins, 0);
  EXPECT_FALSE(accounts.GetUser(id)->locked_until.has_value());
}

TEST(Login, FailureAfterLockoutStartsNewCount) {
  AuthFixture fixture;
  const std::int64_t id = fixture.AddUser("wim");
  Accounts accounts = fixture.Accounts();
  for (int attempt = 0; attempt < 5; ++attempt) ExpectLoginFailed(accounts.Authenticate("wim", "fout fout fout"));
  fixture.clock.Advance(minutes(16));
  ExpectLoginFailed(accounts.Authenticate("wim", "fout fout fout"));
  Result<User> user = accounts.GetUser(id);
  EXPECT_EQ(user->failed_logins, 1);
  EXPECT_FALSE(user->locked_until.has_value());
}

TEST(Login, SuccessResetsFailureCount) {
  AuthFixture fixture;
  const std::int64_t id = fixture.AddUser("lies");
  Accounts accounts = fixture.Accounts();
  for (int attempt = 0; attempt < 4; ++attempt) ExpectLoginFailed(accounts.Authenticate("lies", "fout fout fout"));
  ASSERT_TRUE(accounts.Authenticate("lies", kPassword).ok());
  for (int attempt = 0; attempt < 4; ++attempt) ExpectLoginFailed(accounts.Authenticate("lies", "fout fout fout"));
  EXPECT_FALSE(IsLocked(*accounts.GetUser(id), fixture.clock.Now()));
}

TEST(Login, PolicySetsThresholdAndDuration) {
  AuthFixture fixture;
  const std::int64_t id = fixture.AddUser("koen");
  LoginPolicy policy = CheapPolicy();
  policy.max_failures = 2;
  policy.lockout = seconds(90);
  Accounts accounts(*fixture.store, policy);
  (void)accounts.Authenticate("koen", "fout fout fout");
  Result<User> second = accounts.Authenticate("koen", "fout fout fout");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().args, (std::vector<std::string>{"1"}));
  EXPECT_EQ(accounts.GetUser(id)->locked_until, "2021-04-01T09:01:30.000Z");
}

TEST(Login, ResetAndEnableClearLockout) {
  AuthFixture fixture;
  const std::int64_t id = fixture.AddUser("sofie");
  Accounts accounts = fixture.Accounts();
  for (int attempt = 0; attempt < 5; ++attempt) (void)accounts.Authenticate("sofie", "fout fout fout");
  ASSERT_TRUE(IsLocked(*accounts.GetUser(id), fixture.clock.Now()));
  ASSERT_TRUE(accounts.ResetPassword(id, kOtherPassword, AdminActor()).ok());
  EXPECT_TRUE(accounts.Authenticate("sofie", kOtherPassword).ok());

  for (int attempt = 0; attempt < 5; ++attempt) (void)accounts.Authenticate("sofie", "fout fout fout");
  ASSERT_TRUE(IsLocked(*accounts.GetUser(id), fixture.clock.Now()));
  ASSERT_TRUE(accounts.SetDisabled(id, false, AdminActor()).ok());
  EXPECT_TRUE(accounts.Authenticate("sofie", kOtherPassword).ok());
}

TEST(Login, WrongCurrentPasswordCountsTowardsLockout) {
  AuthFixture fixture;
  const std::int64_t id = fixture.AddUser("pieter");
  Accounts accounts = fixture.Accounts();
  for (int attempt = 0; attempt < 5; ++attempt) {
    EXPECT_EQ(accounts.ChangePassword(id, "fout fout fout", kOtherPassword).error().message_key,
              "auth.password.wrong_current");
  }
  ExpectLoginFailed(accounts.Authenticate("pieter", kPassword));
  Status locked = accounts.ChangePassword(id, kPassword, kOtherPassword);
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().message_key, "auth.password.locked");
  EXPECT_EQ(locked.error().args, (std::vector<std::string>{"2021-04-01T09:15:00.000Z"}));
}

TEST(Login, DisabledUserCannotLogInAndLosesSessions) {
  AuthFixture fixture;
  const std::int64_t id = fixture.AddUser("jan");
  Accounts accounts = fixture.Accounts();
  Sessions sessions(*fixture.store);
  Result<Session> session = sessions.Create(id, "nl");
  ASSERT_TRUE(session.ok());

  ASSERT_TRUE(accounts.SetDisabled(id, true, AdminActor()).ok());
  ExpectLoginFailed(accounts.Authenticate("jan", kPassword));
  EXPECT_EQ(fixture.LogEntries().back().detail, "reason=disabled");
  Result<std::optional<Session>> resolved = sessions.Resolve(session->token);
  ASSERT_TRUE(resolved.ok());
  EXPECT_FALSE(resolved->has_value());
  EXPECT_EQ(*store::QueryInt(fixture.store->database(), "SELECT count(*) FROM sessions"), 0);

  Result<Session> refused = sessions.Create(id, "nl");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message_key, "auth.user.disabled");
}

TEST(Login, EveryAttemptKeepsChainIntact) {
  AuthFixture fixture;
  fixture.AddUser("an");
  Accounts accounts = fixture.Accounts();
  (void)accounts.Authenticate("an", kPassword);
  (void)accounts.Authenticate("an", "fout fout fout");
  (void)accounts.Authenticate("onbekend", "fout fout fout");
  Result<store::AccessLogVerification> verified = fixture.store->access_log().Verify();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok());
  EXPECT_EQ(verified->entries_checked, 4);
}

}  // namespace
}  // namespace adempauze::auth
