// API tokens: one secret per application, shown once, stored as a keyed hash.
#include <gtest/gtest.h>

#include "auth/auth_test_support.h"

namespace adempauze::auth {
namespace {

using namespace testing_support;

TEST(ApiTokens, CreatesAndResolves) {
  AuthFixture fixture;
  ApiTokens tokens(*fixture.store);
  Result<std::string> secret = tokens.Create("Financien", Role::kDebtorTeam, AdminActor());
  ASSERT_TRUE(secret.ok()) << secret.error().Render(Language::kEnglish);
  ASSERT_EQ(secret->size(), 4u + 64u);
  EXPECT_EQ(secret->substr(0, 4), "adp_");
  EXPECT_EQ(secret->find_first_not_of("0123456789abcdef", 4), std::string::npos) << *secret;

  Result<std::optional<ApiToken>> resolved = tokens.Resolve(*secret);
  ASSERT_TRUE(resolved.ok());
  ASSERT_TRUE(resolved->has_value());
  const ApiToken& token = **resolved;
  EXPECT_EQ(token.name, "financien");
  EXPECT_EQ(token.role, Role::kDebtorTeam);
  EXPECT_EQ(token.created_at, "2021-04-01T09:00:00.000Z");
  EXPECT_EQ(token.created_by, "cli:beheerder");
  EXPECT_FALSE(token.revoked_at.has_value());
}

TEST(ApiTokens, WrongOrMalformedSecretResolvesToNothing) {
  AuthFixture fixture;
  ApiTokens tokens(*fixture.store);
  Result<std::string> secret = tokens.Create("financien", Role::kDebtorTeam, AdminActor());
  ASSERT_TRUE(secret.ok());
  std::string altered = *secret;
  altered.back() = altered.back() == '0' ? '1' : '0';
  for (const std::string& candidate : {std::string(), secret->substr(4), "xyz_" + secret->substr(4), altered,
                                       *secret + "0", secret->substr(0, 67)}) {
    Result<std::optional<ApiToken>> resolved = tokens.Resolve(candidate);
    ASSERT_TRUE(resolved.ok());
    EXPECT_FALSE(resolved->has_value()) << candidate;
  }
}

TEST(ApiTokens, RevokedTokenNoLongerResolves) {
  AuthFixture fixture;
  ApiTokens tokens(*fixture.store);
  Result<std::string> secret = tokens.Create("financien", Role::kDebtorTeam, AdminActor());
  ASSERT_TRUE(secret.ok());
  fixture.clock.Advance(std::chrono::hours(1));
  ASSERT_TRUE(tokens.Revoke("FINANCIEN", AdminActor()).ok());
  EXPECT_FALSE(tokens.Resolve(*secret)->has_value());

  Status again = tokens.Revoke("financien", AdminActor());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(again.error().message_key, "auth.token.already_revoked");
  EXPECT_EQ(again.error().args, (std::vector<std::string>{"financien", "2021-04-01T10:00:00.000Z"}));

  Result<std::vector<ApiToken>> listed = tokens.List();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].revoked_at, "2021-04-01T10:00:00.000Z");
}

TEST(ApiTokens, RejectsTakenNameEvenWhenRevoked) {
  AuthFixture fixture;
  ApiTokens tokens(*fixture.store);
  ASSERT_TRUE(tokens.Create("financien", Role::kDebtorTeam, AdminActor()).ok());
  Result<std::string> taken = tokens.Create("financien", Role::kOfficer, AdminActor());
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(taken.error().message_key, "auth.token.exists");
  ASSERT_TRUE(tokens.Revoke("financien", AdminActor()).ok());
  EXPECT_EQ(tokens.Create("financien", Role::kDebtorTeam, AdminActor()).error().code, ErrorCode::kAlreadyExists);
  EXPECT_TRUE(tokens.Create("financien-2", Role::kDebtorTeam, AdminActor()).ok());
}

TEST(ApiTokens, RejectsMalformedName) {
  AuthFixture fixture;
  ApiTokens tokens(*fixture.store);
  for (const std::string& name : {std::string(), std::string("finance app"), std::string(65, 'f')}) {
    Result<std::string> created = tokens.Create(name, Role::kDebtorTeam, AdminActor());
    ASSERT_FALSE(created.ok()) << name;
    EXPECT_EQ(created.error().message_key, "auth.token.bad_name") << name;
  }
}

TEST(ApiTokens, RevokeUnknownNameIsNotFound) {
  AuthFixture fixture;
  Status revoked = ApiTokens(*fixture.store).Revoke("onbekend", AdminActor());
  ASSERT_FALSE(revoked.ok());
  EXPECT_EQ(revoked.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(revoked.error().message_key, "auth.token.not_found");
}

TEST(ApiTokens, ListsByName) {
  AuthFixture fixture;
  ApiTokens tokens(*fixture.store);
  ASSERT_TRUE(tokens.Create("sociaal-huis", Role::kSocialWorker, AdminActor()).ok());
  ASSERT_TRUE(tokens.Create("financien", Role::kDebtorTeam, AdminActor()).ok());
  Result<std::vector<ApiToken>> listed = tokens.List();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].name, "financien");
  EXPECT_EQ((*listed)[1].name, "sociaal-huis");
  EXPECT_EQ((*listed)[1].role, Role::kSocialWorker);
}

TEST(ApiTokens, SecretIsNotInRawFile) {
  AuthFixture fixture;
  Result<std::string> secret = ApiTokens(*fixture.store).Create("financien", Role::kDebtorTeam, AdminActor());
  ASSERT_TRUE(secret.ok());
  EXPECT_FALSE(Contains(fixture.RawDatabaseBytes(), secret->substr(4)));
  fixture.store.reset();
  EXPECT_FALSE(Contains(fixture.RawDatabaseBytes(), secret->substr(4)));
  EXPECT_FALSE(Contains(fixture.RawDatabaseBytes(), secret->substr(4, 32)));
}

}  // namespace
}  // namespace adempauze::auth
