// Measurements behind docs/formats/fuzzy-matching.md ("Thresholds", "Measured quality").
// They are disabled because they take minutes; run them on a Release build with
//   fuzzy_tests --gtest_also_run_disabled_tests --gtest_filter='Measurement.*'
// They print figures and assert nothing about time.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>

#include "adempauze/fuzzy/evaluate.h"
#include "adempauze/fuzzy/matcher.h"
#include "adempauze/fuzzy/testset.h"

namespace adempauze::fuzzy {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(Measurement, DISABLED_ThresholdSweepOverTenSets) {
  const std::vector<double> offsets = {-2, -1, 0, 1, 2, 3, 4};
  std::vector<std::size_t> review(offsets.size()), review_true(offsets.size()),
      missed(offsets.size());
  std::size_t true_pairs = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    TestSetOptions options;
    options.seed = seed;
    options.clients = 5'000;
    options.debtors = 2'000;
    const Result<TestSet> set = GenerateTestSet(options);
    ASSERT_TRUE(set.ok());
    MatcherConfig config;
    config.today = options.today;
    config.threads = 2;
    config.skip_equal_valid_numbers = true;
    config.keep_non_matches = true;
    const Result<MatchRun> run = FindProbableMatches(set->debtors, set->clients, config);
    ASSERT_TRUE(run.ok());
    const std::vector<IdPair> exact = ExactNumberMatches(set->debtors, set->clients, options.today);
    true_pairs += set->truth.size();
    const double base = std::log2(static_cast<double>(options.clients));
    for (std::size_t i = 0; i < offsets.size(); ++i) {
      const QualityReport report =
          Evaluate(run->pairs, set->truth, Thresholds{base + offsets[i], base + 20}, exact);
      review[i] += report.review_pairs;
      review_true[i] += report.review_true;
      missed[i] += report.missed.size();
    }
  }
  for (std::size_t i = 0; i < offsets.size(); ++i) {
    std::printf(
        "lower = log2(n) %+g: review precision %.4f (%zu false of %zu), recall %.4f (%zu missed)\n",
        offsets[i], static_cast<double>(review_true[i]) / static_cast<double>(review[i]),
        review[i] - review_true[i], review[i],
        1.0 - static_cast<double>(missed[i]) / static_cast<double>(true_pairs), missed[i]);
  }
}

TEST(Measurement, DISABLED_ConfigurationsOverTenSets) {
  struct Variant {
    const char* name;
    ParameterSource source;
    bool frequency_adjustments;
    bool skip_equal_valid_numbers;
  };
  const Variant variants[] = {
      {"default", ParameterSource::kEmWithSampledU, false, true},
      {"default, exact pairs not skipped", ParameterSource::kEmWithSampledU, false, false},
      {"configured default parameters", ParameterSource::kConfigured, false, true},
      {"classic EM on candidates", ParameterSource::kEmOnCandidates, false, true},
      {"default with frequency adjustments", ParameterSource::kEmWithSampledU, true, true},
  };
  for (const Variant& variant : variants) {
    std::size_t true_pairs = 0;
    std::size_t found = 0;
    std::size_t review = 0;
    std::size_t review_true = 0;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
      TestSetOptions options;
      options.seed = seed;
      options.clients = 5'000;
      options.debtors = 2'000;
      const Result<TestSet> set = GenerateTestSet(options);
      ASSERT_TRUE(set.ok());
      MatcherConfig config;
      config.today = options.today;
      config.threads = 2;
      config.estimation.source = variant.source;
      config.frequency_adjustments = variant.frequency_adjustments;
      config.skip_equal_valid_numbers = variant.skip_equal_valid_numbers;
      const Result<MatchRun> run = FindProbableMatches(set->debtors, set->clients, config);
      ASSERT_TRUE(run.ok());

      std::vector<IdPair> exact;
      if (variant.skip_equal_valid_numbers) {
        exact = ExactNumberMatches(set->debtors, set->clients, options.today);
      }
      const QualityReport report = Evaluate(run->pairs, set->truth, run->thresholds, exact);
      true_pairs += report.true_pairs;
      found += report.review_true + report.found_elsewhere;
      review += report.review_pairs;
      review_true += report.review_true;
    }
    std::printf("%s: recall %.4f (%zu of %zu missed), review precision %.4f (%zu false of %zu)\n",
                variant.name, static_cast<double>(found) / static_cast<double>(true_pairs),
                true_pairs - found, true_pairs,
                static_cast<double>(review_true) / static_cast<double>(review),
                review - review_true, review);
  }
}

TEST(Measurement, DISABLED_HundredThousandDebtorsAgainstMillionClients) {
  TestSetOptions options;
  options.clients = 1'000'000;
  options.debtors = 100'000;
  const Result<TestSet> set = GenerateTestSet(options);
  ASSERT_TRUE(set.ok());
  MatcherConfig config;
  config.today = options.today;
  config.threads = 2;
  config.skip_equal_valid_numbers = true;

  const auto started = std::chrono::steady_clock::now();
  const Result<MatchRun> run = FindProbableMatches(set->debtors, set->clients, config);
  const double seconds = SecondsSince(started);
  ASSERT_TRUE(run.ok());

  const std::vector<IdPair> exact = ExactNumberMatches(set->debtors, set->clients, options.today);
  const QualityReport report = Evaluate(run->pairs, set->truth, run->thresholds, exact);
  std::printf("%.1f s, %llu candidate pairs, reduction ratio %.6f, %zu capped blocks\n", seconds,
              static_cast<unsigned long long>(run->blocking.candidate_pairs),
              run->blocking.reduction_ratio, run->blocking.capped_blocks.size());
  std::printf("review %zu pairs, precision %.4f, recall %.4f (%zu of %zu missed)\n",
              report.review_pairs, report.precision, report.recall, report.missed.size(),
              report.true_pairs);
}

}  // namespace
}  // namespace adempauze::fuzzy
