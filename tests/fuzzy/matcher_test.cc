// FindProbableMatches end to end on small lists and on generated sets.
#include "adempauze/fuzzy/matcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "adempauze/fuzzy/testset.h"
#include "adempauze/nn/national_number.h"
#include "fuzzy/fuzzy_test_support.h"

namespace adempauze::fuzzy {
namespace {

using testing::kToday;
using testing::MakePerson;

MatcherConfig Config() {
  MatcherConfig config;
  config.today = kToday;
  config.threads = 2;
  return config;
}

TestSet SmallSet(std::uint64_t seed) {
  TestSetOptions options;
  options.seed = seed;
  options.today = kToday;
  options.clients = 1'500;
  options.debtors = 600;
  Result<TestSet> set = GenerateTestSet(options);
  EXPECT_TRUE(set.ok());
  return std::move(set).value();
}

const ScoredPair* FindPair(const MatchRun& run, std::size_t left, std::size_t right) {
  for (const ScoredPair& pair : run.pairs) {
    if (pair.left_id == left && pair.right_id == right) return &pair;
  }
  return nullptr;
}

// Background clients so that the lists look like lists: different people.
std::vector<Person> Background() {
  const char* first_names[] = {"Ann", "Bart", "Els", "Dirk", "Greet", "Koen", "Lies", "Marc"};
  const char* surnames[] = {"Maes", "Claes", "Wuyts", "Goossens", "Mertens", "Jacobs", "Aerts"};
  std::vector<Person> people;
  for (std::size_t i = 0; i < 56; ++i) {
    people.push_back(
        MakePerson(100 + i, first_names[i % 8], surnames[i % 7],
                   nn::Make(1940 + static_cast<int>(i), 1 + static_cast<int>(i % 12), 5, 21),
                   "Molenstraat", std::to_string(i + 1)));
  }
  return people;
}

TEST(FindProbableMatches, BisReplacedByNationalNumberGoesToReview) {
  // The OCMW registered her with a BIS number; the city has her later national number.
  std::vector<Person> clients = Background();
  clients.push_back(
      MakePerson(7, "Ayşe", "Yılmaz", nn::Make(1979, 5, 17, 122, 40), "Kerkstraat", "4 bus 2"));
  const std::vector<Person> debtors{
      MakePerson(3, "Ayse", "Yilmaz", nn::Make(1979, 5, 17, 64), "Kerkstr.", "4/2")};
  MatcherConfig config = Config();
  config.estimation.source = ParameterSource::kConfigured;
  const Result<MatchRun> run = FindProbableMatches(debtors, clients, config);
  ASSERT_TRUE(run.ok());
  const ScoredPair* pair = FindPair(*run, 3, 7);
  ASSERT_NE(pair, nullptr);
  EXPECT_TRUE(NeedsReview(pair->classification));
  EXPECT_GE(pair->score, run->thresholds.lower);
  const FieldContribution& number =
      pair->contributions[static_cast<std::size_t>(Field::kNationalNumber)];
  EXPECT_EQ(number.level, Level::kVariant);
  EXPECT_EQ(pair->contributions[static_cast<std::size_t>(Field::kBirthDate)].level, Level::kExact);
}

TEST(FindProbableMatches, GeneratedBisReplacementsGoToReview) {
  TestSetOptions options;
  options.today = kToday;
  options.clients = 3'000;
  options.debtors = 1'200;
  options.bis_rate = 0.2;  // enough replaced numbers to test
  options.debtor_errors = ErrorRates::None();
  options.debtor_errors.bis_replaced = 0.5;
  options.client_errors = ErrorRates::None();
  const Result<TestSet> set = GenerateTestSet(options);
  ASSERT_TRUE(set.ok());
  MatcherConfig config = Config();
  config.skip_equal_valid_numbers = true;
  const Result<MatchRun> run = FindProbableMatches(set->debtors, set->clients, config);
  ASSERT_TRUE(run.ok());
  std::size_t replaced = 0;
  for (const IdPair& truth : set->truth) {
    if ((set->debtor_errors[truth.left] & static_cast<std::uint32_t>(TestError::kBisReplaced)) ==
        0) {
      continue;
    }
    ++replaced;
    const ScoredPair* pair = FindPair(*run, truth.left, truth.right);
    ASSERT_NE(pair, nullptr) << "debtor " << truth.left;
    EXPECT_TRUE(NeedsReview(pair->classification)) << "score " << pair->score;
  }
  EXPECT_GT(replaced, 5u);
}

TEST(FindProbableMatches, ExplanationSumsToScore) {
  const TestSet set = SmallSet(3);
  const Result<MatchRun> run = FindProbableMatches(set.debtors, set.clients, Config());
  ASSERT_TRUE(run.ok());
  ASSERT_FALSE(run->pairs.empty());
  for (const ScoredPair& pair : run->pairs) {
    double sum = pair.household_adjustment;
    for (const FieldContribution& contribution : pair.contributions) {
      sum += contribution.weight;
      if (contribution.level == Level::kMissing) {
        EXPECT_EQ(contribution.weight, 0.0);
      }
    }
    EXPECT_NEAR(pair.score, sum, 1e-9);
    EXPECT_TRUE(NeedsReview(pair.classification));
  }
}

TEST(FindProbableMatches, SkipsEqualValidNumbersOnRequest) {
  const std::string number = nn::Make(1985, 7, 30, 33);
  const std::vector<Person> debtors{MakePerson(1, "Jan", "Peeters", number, "Kerkstraat", "12")};
  std::vector<Person> clients = Background();
  clients.push_back(MakePerson(2, "Jan", "Peeters", number, "Kerkstraat", "12"));
  MatcherConfig config = Config();
  config.estimation.source = ParameterSource::kConfigured;
  const Result<MatchRun> all = FindProbableMatches(debtors, clients, config);
  ASSERT_TRUE(all.ok());
  EXPECT_NE(FindPair(*all, 1, 2), nullptr);

  config.skip_equal_valid_numbers = true;
  const Result<MatchRun> skipped = FindProbableMatches(debtors, clients, config);
  ASSERT_TRUE(skipped.ok());
  EXPECT_EQ(FindPair(*skipped, 1, 2), nullptr);
  EXPECT_EQ(skipped->blocking.skipped_equal_numbers, 1u);
}

TEST(FindProbableMatches, SameResultOnAnyThreadCount) {
  const TestSet set = SmallSet(5);
  MatcherConfig config = Config();
  config.threads = 1;
  const Result<MatchRun> one = FindProbableMatches(set.debtors, set.clients, config);
  config.threads = 3;
  const Result<MatchRun> three = FindProbableMatches(set.debtors, set.clients, config);
  ASSERT_TRUE(one.ok());
  ASSERT_TRUE(three.ok());
  ASSERT_EQ(one->pairs.size(), three->pairs.size());
  for (std::size_t i = 0; i < one->pairs.size(); ++i) {
    EXPECT_EQ(one->pairs[i].left_id, three->pairs[i].left_id);
    EXPECT_EQ(one->pairs[i].right_id, three->pairs[i].right_id);
    EXPECT_DOUBLE_EQ(one->pairs[i].score, three->pairs[i].score);
  }
  EXPECT_EQ(one->blocking.candidate_pairs, three->blocking.candidate_pairs);
}

TEST(FindProbableMatches, SortsByLeftThenScore) {
  const TestSet set = SmallSet(6);
  MatcherConfig config = Config();
  config.keep_non_matches = true;
  const Result<MatchRun> run = FindProbableMatches(set.debtors, set.clients, config);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->pairs.size(), run->blocking.candidate_pairs);
  EXPECT_TRUE(std::is_sorted(run->pairs.begin(), run->pairs.end(),
                             [](const ScoredPair& a, const ScoredPair& b) {
                               if (a.left_id != b.left_id) return a.left_id < b.left_id;
                               return a.score > b.score;
                             }));
}

TEST(FindProbableMatches, ReportsEstimation) {
  const TestSet set = SmallSet(7);
  const Result<MatchRun> run = FindProbableMatches(set.debtors, set.clients, Config());
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->estimation.source, ParameterSource::kEmWithSampledU);
  EXPECT_EQ(run->estimation.runs.size(), kBlockingKeyKindCount);
  EXPECT_GT(run->estimation.random_pairs, 0u);
  EXPECT_GT(run->parameters.household.relatives, 0.0);
  EXPECT_TRUE(ValidateParameters(run->parameters).ok());
  // Agreeing on a name is evidence for a match, disagreeing against.
  EXPECT_GT(run->weights.Of(Field::kLastName, Level::kExact), 3.0);
  EXPECT_LT(run->weights.Of(Field::kFirstName, Level::kDifferent), -3.0);

  MatcherConfig classic = Config();
  classic.estimation.source = ParameterSource::kEmOnCandidates;
  const Result<MatchRun> classic_run = FindProbableMatches(set.debtors, set.clients, classic);
  ASSERT_TRUE(classic_run.ok());
  ASSERT_EQ(classic_run->estimation.runs.size(), 1u);
  EXPECT_FALSE(classic_run->estimation.runs.front().key.has_value());
}

TEST(FindProbableMatches, FrequencyAdjustmentsAreExplained) {
  const TestSet set = SmallSet(8);
  MatcherConfig config = Config();
  config.frequency_adjustments = true;
  const Result<MatchRun> run = FindProbableMatches(set.debtors, set.clients, config);
  ASSERT_TRUE(run.ok());
  bool adjusted = false;
  for (const ScoredPair& pair : run->pairs) {
    double sum = pair.household_adjustment;
    for (const FieldContribution& contribution : pair.contributions) {
      sum += contribution.weight;
      if (contribution.frequency_adjustment != 0.0) {
        adjusted = true;
        EXPECT_EQ(contribution.level, Level::kExact);
      }
    }
    EXPECT_NEAR(pair.score, sum, 1e-9);
  }
  EXPECT_TRUE(adjusted);
}

TEST(FindProbableMatches, EmptyListGivesNoPairs) {
  const std::vector<Person> none;
  const Result<MatchRun> run = FindProbableMatches(none, Background(), Config());
  ASSERT_TRUE(run.ok());
  EXPECT_TRUE(run->pairs.empty());
  EXPECT_EQ(run->estimation.source, ParameterSource::kConfigured);
}

TEST(FindProbableMatches, RejectsInvalidConfig) {
  const std::vector<Person> people = Background();
  MatcherConfig bad_date = Config();
  bad_date.today = CivilDate{2026, 2, 30};
  MatcherConfig bad_thresholds = Config();
  bad_thresholds.thresholds = Thresholds{20, 10};
  MatcherConfig bad_cap = Config();
  bad_cap.blocking.max_block_size = 0;
  MatcherConfig bad_parameters = Config();
  bad_parameters.parameters[Field::kFirstName].u = {0.5, 0.5, 0.5, 0.5};
  const struct {
    const MatcherConfig* config;
    const char* key;
  } cases[] = {{&bad_date, "fuzzy.config.invalid"},
               {&bad_thresholds, "fuzzy.config.invalid"},
               {&bad_cap, "fuzzy.config.invalid"},
               {&bad_parameters, "fuzzy.parameters.invalid"}};
  for (const auto& c : cases) {
    const Result<MatchRun> run = FindProbableMatches(people, people, *c.config);
    ASSERT_FALSE(run.ok());
    EXPECT_EQ(run.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(run.error().message_key, c.key);
  }
}

TEST(ScorePair, AgreesWithTheRun) {
  const TestSet set = SmallSet(9);
  const Result<MatchRun> run = FindProbableMatches(set.debtors, set.clients, Config());
  ASSERT_TRUE(run.ok());
  ASSERT_FALSE(run->pairs.empty());
  for (std::size_t i = 0; i < run->pairs.size(); i += 17) {
    const ScoredPair& stored = run->pairs[i];
    const ScoredPair again = ScorePair(set.debtors[stored.left_id], set.clients[stored.right_id],
                                       run->weights, run->thresholds, ComparatorOptions{}, kToday);
    EXPECT_DOUBLE_EQ(again.score, stored.score);
    EXPECT_EQ(again.classification, stored.classification);
  }
}

TEST(SuggestThresholds, FollowsListSize) {
  const Thresholds small = SuggestThresholds(1'024);
  EXPECT_DOUBLE_EQ(small.lower, 11.0);
  EXPECT_DOUBLE_EQ(small.upper, 20.0);
  EXPECT_LT(small.lower, SuggestThresholds(1'000'000).lower);
  EXPECT_TRUE(std::isfinite(SuggestThresholds(0).lower));
}

}  // namespace
}  // namespace adempauze::fuzzy
