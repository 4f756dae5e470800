// The labelled test-set generator: determinism, ground truth and error rates.
#include "adempauze/fuzzy/testset.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "adempauze/nn/national_number.h"
#include "fuzzy/fuzzy_test_support.h"

namespace adempauze::fuzzy {
namespace {

using testing::kToday;

TestSetOptions Options(std::uint64_t seed = 1) {
  TestSetOptions options;
  options.seed = seed;
  options.today = kToday;
  options.clients = 2'000;
  options.debtors = 1'000;
  return options;
}

bool Has(std::uint32_t errors, TestError error) {
  return (errors & static_cast<std::uint32_t>(error)) != 0;
}

bool SamePerson(const Person& a, const Person& b) {
  return a.first_name == b.first_name && a.last_name == b.last_name &&
         a.national_number == b.national_number && a.street == b.street &&
         a.house_number == b.house_number;
}

TEST(GenerateTestSet, SameSeedSameSet) {
  const Result<TestSet> first = GenerateTestSet(Options(4));
  const Result<TestSet> second = GenerateTestSet(Options(4));
  const Result<TestSet> other = GenerateTestSet(Options(5));
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(other.ok());
  ASSERT_EQ(first->debtors.size(), second->debtors.size());
  for (std::size_t i = 0; i < first->debtors.size(); ++i) {
    EXPECT_TRUE(SamePerson(first->debtors[i], second->debtors[i])) << i;
  }
  EXPECT_EQ(first->truth, second->truth);
  EXPECT_NE(first->truth, other->truth);
}

TEST(GenerateTestSet, TruthFollowsOverlap) {
  const Result<TestSet> set = GenerateTestSet(Options());
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->clients.size(), 2'000u);
  EXPECT_EQ(set->debtors.size(), 1'000u);
  EXPECT_EQ(set->truth.size(), 250u);  // 25% of the debtors
  std::set<std::size_t> debtors;
  std::set<std::size_t> clients;
  for (const IdPair& pair : set->truth) {
    EXPECT_LT(pair.left, set->debtors.size());
    EXPECT_LT(pair.right, set->clients.size());
    debtors.insert(pair.left);
    clients.insert(pair.right);
  }
  EXPECT_EQ(debtors.size(), 250u);  // each debtor at most once
  EXPECT_EQ(clients.size(), 250u);
  for (std::size_t i = 0; i < set->clients.size(); ++i) EXPECT_EQ(set->clients[i].id, i);
  for (std::size_t i = 0; i < set->debtors.size(); ++i) EXPECT_EQ(set->debtors[i].id, i);
}

TEST(GenerateTestSet, WithoutErrorsTruePairsAreEqual) {
  TestSetOptions options = Options();
  options.debtor_errors = ErrorRates::None();
  options.client_errors = ErrorRates::None();
  const Result<TestSet> set = GenerateTestSet(options);
  ASSERT_TRUE(set.ok());
  for (const IdPair& pair : set->truth) {
    EXPECT_TRUE(SamePerson(set->debtors[pair.left], set->clients[pair.right]))
        << "debtor " << pair.left;
  }
  for (std::uint32_t errors : set->debtor_errors) EXPECT_EQ(errors, 0u);
  // Every number is valid, and no two people share one.
  std::set<std::string> numbers;
  for (const Person& client : set->clients) {
    EXPECT_TRUE(nn::Check(client.national_number, kToday).valid()) << client.id;
    EXPECT_TRUE(numbers.insert(client.national_number).second) << client.id;
    EXPECT_EQ(client.postcode, "9999");
  }
  for (const Person& debtor : set->debtors) EXPECT_TRUE(debtor.postcode.empty());
}

TEST(GenerateTestSet, ErrorRatesHold) {
  TestSetOptions options = Options();
  options.clients = 20'000;
  options.debtors = 20'000;
  const Result<TestSet> set = GenerateTestSet(options);
  ASSERT_TRUE(set.ok());
  const ErrorRates rates = ErrorRates::StandardDebtors();
  const struct {
    TestError error;
    double rate;
  } unconditional[] = {
      {TestError::kMissingNumber, rates.missing_number},
      {TestError::kFirstNameTypo, rates.first_name_typo},
      {TestError::kLastNameTypo, rates.last_name_typo},
      {TestError::kNamesSwapped, rates.names_swapped},
      {TestError::kMoved, rates.moved},
      {TestError::kUpperCase, rates.upper_case},
  };
  for (const auto& c : unconditional) {
    std::size_t count = 0;
    for (std::uint32_t errors : set->debtor_errors) count += Has(errors, c.error) ? 1 : 0;
    const double share = static_cast<double>(count) / static_cast<double>(set->debtors.size());
    EXPECT_NEAR(share, c.rate, 0.006) << TestErrorCode(c.error);
  }
}

TEST(GenerateTestSet, ErrorsShowInTheRecords) {
  const Result<TestSet> set = GenerateTestSet(Options(2));
  ASSERT_TRUE(set.ok());
  std::size_t checked = 0;
  for (const IdPair& pair : set->truth) {
    const std::uint32_t errors = set->debtor_errors[pair.left];
    const Person& debtor = set->debtors[pair.left];
    const Person& client = set->clients[pair.right];
    if (Has(errors, TestError::kMissingNumber)) {
      EXPECT_TRUE(debtor.national_number.empty());
      ++checked;
    }
    if (Has(errors, TestError::kNumberInStreet)) {
      EXPECT_TRUE(debtor.house_number.empty());
      ++checked;
    }
    if (Has(errors, TestError::kBisReplaced) && !Has(errors, TestError::kMissingNumber) &&
        !Has(errors, TestError::kMistypedNumber)) {
      const nn::CheckResult check = nn::Check(debtor.national_number, kToday);
      ASSERT_TRUE(check.valid());
      EXPECT_EQ(check.number->kind, nn::Kind::kNationalNumber);
      ++checked;
    }
    if (Has(errors, TestError::kMistypedNumber) && !Has(errors, TestError::kMissingNumber)) {
      EXPECT_FALSE(nn::Check(debtor.national_number, kToday).valid());
      EXPECT_NE(debtor.national_number, client.national_number);
      ++checked;
    }
  }
  EXPECT_GT(checked, 10u);
}

TEST(GenerateTestSet, RejectsBadOptions) {
  TestSetOptions overlap = Options();
  overlap.clients = 100;
  overlap.debtors = 1'000;
  overlap.overlap = 0.5;  // 500 debtors cannot be among 100 clients
  TestSetOptions rate = Options();
  rate.debtor_errors.moved = 1.5;
  TestSetOptions today = Options();
  today.today = CivilDate{2026, 13, 1};
  const struct {
    const TestSetOptions* options;
    const char* name;
  } cases[] = {{&overlap, "overlap"}, {&rate, "moved"}, {&today, "today"}};
  for (const auto& c : cases) {
    const Result<TestSet> set = GenerateTestSet(*c.options);
    ASSERT_FALSE(set.ok()) << c.name;
    EXPECT_EQ(set.error().message_key, "fuzzy.testset.invalid_option");
    EXPECT_EQ(set.error().args.at(0), c.name);
  }
}

TEST(TestErrorCode, NamesEveryError) {
  std::set<std::string_view> codes;
  for (std::size_t bit = 0; bit < kTestErrorCount; ++bit) {
    const std::string_view code = TestErrorCode(static_cast<TestError>(1u << bit));
    EXPECT_NE(code, "unknown");
    codes.insert(code);
  }
  EXPECT_EQ(codes.size(), kTestErrorCount);
}

}  // namespace
}  // namespace adempauze::fuzzy
