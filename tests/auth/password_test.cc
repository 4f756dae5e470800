// The password rule and Argon2id hashing.
#include <string>

#include <gtest/gtest.h>

#include "adempauze/auth/auth.h"

namespace adempauze::auth {
namespace {

struct RuleCase {
  std::string password;
  std::string expected_key;  // empty: accepted
};

TEST(PasswordRule, CountsCodePointsAndLimitsBytes) {
  std::string twelve_accents;
  for (int i = 0; i < 12; ++i) twelve_accents += "é";
  const RuleCase cases[] = {
      {"", "auth.password.too_short"},
      {"elf tekens!", "auth.password.too_short"},
      {"twaalf teken", ""},
      {twelve_accents, ""},
      {twelve_accents.substr(2), "auth.password.too_short"},  // 11 code points in 22 bytes
      {std::string(256, 'a'), ""},
      {std::string(257, 'a'), "auth.password.too_long"},
  };
  for (const RuleCase& rule_case : cases) {
    Status status = CheckPasswordRule(rule_case.password);
    if (rule_case.expected_key.empty()) {
      EXPECT_TRUE(status.ok()) << rule_case.password;
    } else {
      ASSERT_FALSE(status.ok()) << rule_case.password;
      EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
      EXPECT_EQ(status.error().message_key, rule_case.expected_key) << rule_case.password;
    }
  }
}

TEST(PasswordRule, TooShortNamesCountAndMinimum) {
  Status status = CheckPasswordRule("kort");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().args, (std::vector<std::string>{"4", "12"}));
}

TEST(HashPassword, InteractiveHashIsArgon2idAndVerifies) {
  Result<std::string> hash = HashPassword("een lange zin als wachtwoord");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_NE(hash->find("m=65536,t=2"), std::string::npos) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "een lange zin als wachtwoord"));
  EXPECT_FALSE(VerifyPassword(*hash, "een lange zin als wachtwoorD"));
}

TEST(HashPassword, SamePasswordGetsDifferentSalts) {
  Result<std::string> first = HashPassword("een lange zin als wachtwoord", MinimumHashCost());
  Result<std::string> second = HashPassword("een lange zin als wachtwoord", MinimumHashCost());
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_NE(*first, *second);
  EXPECT_TRUE(VerifyPassword(*first, "een lange zin als wachtwoord"));
  EXPECT_TRUE(VerifyPassword(*second, "een lange zin als wachtwoord"));
}

TEST(VerifyPassword, RejectsHashesThatAreNotArgon2id) {
  Result<std::string> hash = HashPassword("een lange zin als wachtwoord", MinimumHashCost());
  ASSERT_TRUE(hash.ok());
  std::string argon2i = *hash;
  argon2i.replace(0, 10, "$argon2i$");
  const std::string cases[] = {"", "een lange zin als wachtwoord", argon2i, hash->substr(0, hash->size() - 4),
                               *hash + std::string(200, 'x')};
  for (const std::string& stored : cases) {
    EXPECT_FALSE(VerifyPassword(stored, "een lange zin als wachtwoord")) << stored;
  }
}

}  // namespace
}  // namespace adempauze::auth
