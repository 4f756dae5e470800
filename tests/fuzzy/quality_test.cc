// Quality on generated sets with the standard error profile: the targets the matcher must
// meet (docs/formats/fuzzy-matching.md, section "Measured quality"). These tests can fail:
// a change to normalisation, blocking, estimation or thresholds that loses true clients or
// sends more strangers to review shows up here.
#include <gtest/gtest.h>

#include <cstdio>
#include <vector>

#include "adempauze/fuzzy/evaluate.h"
#include "adempauze/fuzzy/matcher.h"
#include "adempauze/fuzzy/testset.h"
#include "fuzzy/fuzzy_test_support.h"

namespace adempauze::fuzzy {
namespace {

constexpr std::uint64_t kSeeds[] = {1, 2, 3};

TestSetOptions StandardOptions(std::uint64_t seed) {
  TestSetOptions options;  // the standard error profile is the default
  options.seed = seed;
  options.clients = 5'000;
  options.debtors = 2'000;
  return options;
}

MatcherConfig StandardConfig(const TestSetOptions& options) {
  MatcherConfig config;
  config.today = options.today;
  config.threads = 2;
  config.skip_equal_valid_numbers = true;  // the exact matcher runs first
  return config;
}

TEST(Quality, StandardProfileMeetsTargets) {
  // Summed over three sets, so one unlucky pair does not decide.
  std::size_t true_pairs = 0;
  std::size_t found = 0;
  std::size_t review_pairs = 0;
  std::size_t review_true = 0;
  for (std::uint64_t seed : kSeeds) {
    const TestSetOptions options = StandardOptions(seed);
    const Result<TestSet> set = GenerateTestSet(options);
    ASSERT_TRUE(set.ok());

    const Result<MatchRun> run =
        FindProbableMatches(set->debtors, set->clients, StandardConfig(options));
    ASSERT_TRUE(run.ok());

    const std::vector<IdPair> exact = ExactNumberMatches(set->debtors, set->clients, options.today);
    const QualityReport report = Evaluate(run->pairs, set->truth, run->thresholds, exact);
    std::printf(
        "seed %llu: %zu true pairs, %zu by number, %zu to review of which %zu true, %zu missed\n",
        static_cast<unsigned long long>(seed), report.true_pairs, report.found_elsewhere,
        report.review_pairs, report.review_true, report.missed.size());

    true_pairs += report.true_pairs;
    found += report.review_true + report.found_elsewhere;
    review_pairs += report.review_pairs;
    review_true += report.review_true;
  }

  const double recall = static_cast<double>(found) / static_cast<double>(true_pairs);
  const double precision = static_cast<double>(review_true) / static_cast<double>(review_pairs);
  RecordProperty("recall", std::to_string(recall));
  RecordProperty("review_precision", std::to_string(precision));
  EXPECT_GE(recall, 0.99) << "true clients found by number or sent to review";
  EXPECT_GE(precision, 0.98) << "true clients among the pairs sent to review";
  EXPECT_GT(review_pairs, 100u) << "the review queue must carry the hard cases";
}

TEST(Quality, BlockingKeepsTheHardPairs) {
  const TestSetOptions options = StandardOptions(1);
  const Result<TestSet> set = GenerateTestSet(options);
  ASSERT_TRUE(set.ok());
  const Result<BlockingEvaluation> blocking =
      EvaluateBlocking(set->debtors, set->clients, StandardConfig(options), set->truth);
  ASSERT_TRUE(blocking.ok());
  EXPECT_GE(blocking->pair_completeness, 0.995);
  EXPECT_GT(blocking->stats.reduction_ratio, 0.999);
  EXPECT_TRUE(blocking->stats.capped_blocks.empty());
}

TEST(Quality, MatcherAloneFindsNearlyAllClients) {
  // Without the exact matcher in front, the fuzzy matcher still finds the clients whose
  // numbers agree, and the review queue is then mostly those easy pairs.
  const TestSetOptions options = StandardOptions(2);
  const Result<TestSet> set = GenerateTestSet(options);
  ASSERT_TRUE(set.ok());
  MatcherConfig config = StandardConfig(options);
  config.skip_equal_valid_numbers = false;
  const Result<MatchRun> run = FindProbableMatches(set->debtors, set->clients, config);
  ASSERT_TRUE(run.ok());
  const QualityReport report = Evaluate(run->pairs, set->truth, run->thresholds);
  EXPECT_GE(report.recall, 0.99);
  EXPECT_GE(report.precision, 0.99);
}

}  // namespace
}  // namespace adempauze::fuzzy
