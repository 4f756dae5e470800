// Sessions in the database: create, resolve, expiry, destroy, and no raw id at rest.
#include <gtest/gtest.h>

#include "auth/auth_test_support.h"

namespace adempauze::auth {
namespace {

using namespace testing_support;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

bool IsHex(const std::string& text, std::size_t digits) {
  return text.size() == digits && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

struct SessionFixture : AuthFixture {
  std::int64_t user_id = AddUser("an");
  Sessions sessions{*store};

  std::optional<Session> Resolve(const std::string& token) {
    Result<std::optional<Session>> resolved = sessions.Resolve(token);
    EXPECT_TRUE(resolved.ok()) << resolved.error().Render(Language::kEnglish);
    return resolved.ok() ? *resolved : std::nullopt;
  }

  std::int64_t SessionRows() { return *store::QueryInt(store->database(), "SELECT count(*) FROM sessions"); }
};

TEST(Sessions, CreatesAndResolves) {
  SessionFixture fixture;
  Result<Session> created = fixture.sessions.Create(fixture.user_id, "en");
  ASSERT_TRUE(created.ok()) << created.error().Render(Language::kEnglish);
  EXPECT_TRUE(IsHex(created->token, 64)) << created->token;
  EXPECT_TRUE(IsHex(created->csrf_token, 64)) << created->csrf_token;
  EXPECT_NE(created->token, created->csrf_token);
  EXPECT_EQ(created->language, "en");
  EXPECT_EQ(created->created_at, "2021-04-01T09:00:00.000Z");

  fixture.clock.Advance(minutes(5));
  std::optional<Session> resolved = fixture.Resolve(created->token);
  ASSERT_TRUE(resolved.has_value());
  EXPECT_EQ(resolved->user_id, fixture.user_id);
  EXPECT_EQ(resolved->token, "");
  EXPECT_EQ(resolved->csrf_token, created->csrf_token);
  EXPECT_EQ(resolved->language, "en");
  EXPECT_EQ(resolved->created_at, "2021-04-01T09:00:00.000Z");
  EXPECT_EQ(resolved->last_seen_at, "2021-04-01T09:05:00.000Z");
}

TEST(Sessions, EachSessionGetsFreshId) {
  SessionFixture fixture;
  Result<Session> first = fixture.sessions.Create(fixture.user_id, "nl");
  Result<Session> second = fixture.sessions.Create(fixture.user_id, "nl");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_NE(first->token, second->token);
  EXPECT_NE(first->csrf_token, second->csrf_token);
}

TEST(Sessions, LanguageDefaultsToDutch) {
  SessionFixture fixture;
  EXPECT_EQ(fixture.sessions.Create(fixture.user_id, "fr")->language, "nl");
  EXPECT_EQ(fixture.sessions.Create(fixture.user_id, "EN-gb")->language, "en");
  EXPECT_EQ(fixture.sessions.Create(fixture.user_id, "")->language, "nl");
}

TEST(Sessions, CreateRejectsUnknownUser) {
  SessionFixture fixture;
  Result<Session> created = fixture.sessions.Create(999, "nl");
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::kNotFound);
}

TEST(Sessions, UnknownOrMalformedTokenResolvesToNothing) {
  SessionFixture fixture;
  Result<Session> created = fixture.sessions.Create(fixture.user_id, "nl");
  ASSERT_TRUE(created.ok());
  std::string altered = created->token;
  altered[10] = altered[10] == 'a' ? 'b' : 'a';
  std::string upper = created->token;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const std::string& token : {std::string(), std::string("abc"), altered, upper, created->token + "0",
                                   created->token.substr(0, 63) + "g"}) {
    EXPECT_FALSE(fixture.Resolve(token).has_value()) << token;
  }
  EXPECT_TRUE(fixture.Resolve(created->token).has_value());
}

TEST(Sessions, EndsAfterIdleTime) {
  SessionFixture fixture;
  Result<Session> created = fixture.sessions.Create(fixture.user_id, "nl");
  ASSERT_TRUE(created.ok());
  fixture.clock.Advance(minutes(29));
  ASSERT_TRUE(fixture.Resolve(created->token).has_value());
  // Use restarts the idle time.
  fixture.clock.Advance(minutes(29));
  ASSERT_TRUE(fixture.Resolve(created->token).has_value());
  fixture.clock.Advance(minutes(30));
  EXPECT_FALSE(fixture.Resolve(created->token).has_value());
  EXPECT_EQ(fixture.SessionRows(), 0);
}

TEST(Sessions, EndsAfterAbsoluteLifetimeDespiteUse) {
  SessionFixture fixture;
  Result<Session> created = fixture.sessions.Create(fixture.user_id, "nl");
  ASSERT_TRUE(created.ok());
  for (int step = 0; step < 39; ++step) {
    fixture.clock.Advance(minutes(15));
    ASSERT_TRUE(fixture.Resolve(created->token).has_value()) << "after " << (step + 1) * 15 << " minutes";
  }
  fixture.clock.Advance(minutes(15));  // 10 hours after the login
  EXPECT_FALSE(fixture.Resolve(created->token).has_value());
  EXPECT_EQ(fixture.SessionRows(), 0);
}

TEST(Sessions, PolicySetsLifetimes) {
  SessionFixture fixture;
  Sessions strict(*fixture.store, SessionPolicy{seconds(60), minutes(3)});
  Result<Session> created = strict.Create(fixture.user_id, "nl");
  ASSERT_TRUE(created.ok());
  fixture.clock.Advance(seconds(59));
  ASSERT_TRUE(strict.Resolve(created->token)->has_value());
  fixture.clock.Advance(seconds(60));
  EXPECT_FALSE(strict.Resolve(created->token)->has_value());
}

TEST(Sessions, DestroyEndsOneSession) {
  SessionFixture fixture;
  Result<Session> first = fixture.sessions.Create(fixture.user_id, "nl");
  Result<Session> second = fixture.sessions.Create(fixture.user_id, "nl");
  ASSERT_TRUE(fixture.sessions.Destroy(first->token).ok());
  EXPECT_FALSE(fixture.Resolve(first->token).has_value());
  EXPECT_TRUE(fixture.Resolve(second->token).has_value());
  EXPECT_TRUE(fixture.sessions.Destroy(first->token).ok());
  EXPECT_TRUE(fixture.sessions.Destroy("not a token").ok());
}

TEST(Sessions, DestroyAllEndsEveryUserSession) {
  SessionFixture fixture;
  const std::int64_t other = fixture.AddUser("wim");
  Result<Session> first = fixture.sessions.Create(fixture.user_id, "nl");
  Result<Session> second = fixture.sessions.Create(fixture.user_id, "nl");
  Result<Session> others = fixture.sessions.Create(other, "nl");
  ASSERT_TRUE(fixture.sessions.DestroyAllForUser(fixture.user_id).ok());
  EXPECT_FALSE(fixture.Resolve(first->token).has_value());
  EXPECT_FALSE(fixture.Resolve(second->token).has_value());
  EXPECT_TRUE(fixture.Resolve(others->token).has_value());
}

TEST(Sessions, PasswordChangeEndsAllSessions) {
  SessionFixture fixture;
  Result<Session> first = fixture.sessions.Create(fixture.user_id, "nl");
  Result<Session> second = fixture.sessions.Create(fixture.user_id, "nl");
  ASSERT_TRUE(fixture.Accounts().ChangePassword(fixture.user_id, kPassword, kOtherPassword).ok());
  EXPECT_FALSE(fixture.Resolve(first->token).has_value());
  EXPECT_FALSE(fixture.Resolve(second->token).has_value());
}

TEST(Sessions, PasswordResetEndsAllSessions) {
  SessionFixture fixture;
  Result<Session> session = fixture.sessions.Create(fixture.user_id, "nl");
  ASSERT_TRUE(fixture.Accounts().ResetPassword(fixture.user_id, kOtherPassword, AdminActor()).ok());
  EXPECT_FALSE(fixture.Resolve(session->token).has_value());
}

TEST(Sessions, SetsLanguage) {
  SessionFixture fixture;
  Result<Session> session = fixture.sessions.Create(fixture.user_id, "nl");
  ASSERT_TRUE(fixture.sessions.SetLanguage(session->token, "en").ok());
  EXPECT_EQ(fixture.Resolve(session->token)->language, "en");
  Status missing = fixture.sessions.SetLanguage(std::string(64, 'a'), "en");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message_key, "auth.session.not_found");
}

TEST(Sessions, DeleteExpiredCountsRemovedSessions) {
  SessionFixture fixture;
  Result<Session> old_session = fixture.sessions.Create(fixture.user_id, "nl");
  fixture.clock.Advance(minutes(20));
  Result<Session> recent = fixture.sessions.Create(fixture.user_id, "nl");
  fixture.clock.Advance(minutes(15));
  Result<std::int64_t> deleted = fixture.sessions.DeleteExpired();
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(*deleted, 1);
  EXPECT_EQ(fixture.SessionRows(), 1);
  EXPECT_TRUE(fixture.Resolve(recent->token).has_value());
  EXPECT_EQ(*fixture.sessions.DeleteExpired(), 0);
}

TEST(Sessions, TableHoldsNoRawSessionId) {
  SessionFixture fixture;
  Result<Session> session = fixture.sessions.Create(fixture.user_id, "nl");
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE(fixture.Resolve(session->token).has_value());
  EXPECT_FALSE(Contains(fixture.RawDatabaseBytes(), session->token));

  // After closing (a checkpoint moves the write-ahead log into the file) as well.
  fixture.store.reset();
  EXPECT_FALSE(Contains(fixture.RawDatabaseBytes(), session->token));
  EXPECT_FALSE(Contains(fixture.RawDatabaseBytes(), session->token.substr(0, 32)));
}

TEST(Sessions, StoredHashDependsOnStoreKeys) {
  // Two installations store the same session id under different hashes, so a hash from
  // one database is useless in another.
  SessionFixture first;
  SessionFixture second;
  Result<Session> session = first.sessions.Create(first.user_id, "nl");
  ASSERT_TRUE(session.ok());
  const std::string stored_hash = [&] {
    auto query = first.store->database().Prepare("SELECT id_hash FROM sessions");
    EXPECT_TRUE(query.ok());
    EXPECT_TRUE(*query->Step());
    return query->ColumnText(0);
  }();
  EXPECT_TRUE(IsHex(stored_hash, 64));
  Result<store::Statement> insert = second.store->database().Prepare(
      "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?1, ?2, 'x', ?3, ?3)");
  ASSERT_TRUE(insert.ok());
  insert->BindText(1, stored_hash).Bind(2, second.user_id).BindText(3, second.clock.Now());
  ASSERT_TRUE(insert->Run().ok());
  EXPECT_FALSE(second.Resolve(session->token).has_value());
}

}  // namespace
}  // namespace adempauze::auth
