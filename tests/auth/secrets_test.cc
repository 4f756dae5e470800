// Random secrets and the keyed hashes the database stores in their place.
#include "auth/secrets.h"

#include <set>

#include <gtest/gtest.h>

namespace adempauze::auth {
namespace {

TEST(Secrets, RandomHexHasRequestedLengthAndVaries) {
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    Result<std::string> hex = RandomHex(32);
    ASSERT_TRUE(hex.ok());
    EXPECT_TRUE(IsLowerHex(*hex, 64)) << *hex;
    seen.insert(*hex);
  }
  EXPECT_EQ(seen.size(), 20u);
}

TEST(Secrets, HashIsKeyedAndSeparatedByKind) {
  Result<crypto::KeySet> keys = crypto::KeySet::Generate();
  Result<crypto::KeySet> other_keys = crypto::KeySet::Generate();
  ASSERT_TRUE(keys.ok());
  ASSERT_TRUE(other_keys.ok());
  const std::string secret = "adp_" + std::string(64, 'a');

  const std::string as_token = HashSecret(*keys, SecretKind::kApiToken, secret);
  EXPECT_TRUE(IsLowerHex(as_token, 64)) << as_token;
  EXPECT_EQ(HashSecret(*keys, SecretKind::kApiToken, secret), as_token);
  EXPECT_NE(HashSecret(*keys, SecretKind::kSessionId, secret), as_token);
  EXPECT_NE(HashSecret(*other_keys, SecretKind::kApiToken, secret), as_token);
  EXPECT_NE(HashSecret(*keys, SecretKind::kApiToken, secret + "b"), as_token);
}

TEST(Secrets, HashSurvivesCryptoShredding) {
  // Retention destroys the data and blind-index keys but keeps the log key, so sessions and
  // API tokens still resolve afterwards.
  Result<crypto::KeySet> keys = crypto::KeySet::Generate();
  ASSERT_TRUE(keys.ok());
  Result<crypto::KeySet> shredded = keys->WithoutPersonalDataKeys();
  ASSERT_TRUE(shredded.ok());
  EXPECT_EQ(HashSecret(*shredded, SecretKind::kSessionId, "abc"), HashSecret(*keys, SecretKind::kSessionId, "abc"));
  Result<crypto::KeySet> rotated = keys->WithNewDataKey();
  ASSERT_TRUE(rotated.ok());
  EXPECT_EQ(HashSecret(*rotated, SecretKind::kApiToken, "abc"), HashSecret(*keys, SecretKind::kApiToken, "abc"));
}

TEST(Secrets, ConstantTimeEqualComparesWholeStrings) {
  EXPECT_TRUE(ConstantTimeEqual("", ""));
  EXPECT_TRUE(ConstantTimeEqual("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEqual("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEqual("abc", "abcd"));
  EXPECT_FALSE(ConstantTimeEqual("abc", ""));
}

TEST(Secrets, IsLowerHexChecksLengthAndDigits) {
  EXPECT_TRUE(IsLowerHex("0123456789abcdef", 16));
  EXPECT_FALSE(IsLowerHex("0123456789ABCDEF", 16));
  EXPECT_FALSE(IsLowerHex("0123456789abcdeg", 16));
  EXPECT_FALSE(IsLowerHex("0123456789abcde", 16));
}

}  // namespace
}  // namespace adempauze::auth
