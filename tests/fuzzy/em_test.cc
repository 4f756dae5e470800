// EM on a synthetic population with known m, u and match proportion.
#include "adempauze/fuzzy/em.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <vector>

namespace adempauze::fuzzy {
namespace {

// A tiny deterministic generator for the synthetic pairs.
class Lcg {
 public:
  double Unit() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state_ >> 11) * 0x1.0p-53;
  }

 private:
  std::uint64_t state_ = 42;
};

Level Draw(const std::array<double, kObservedLevelCount>& probabilities, double unit) {
  double cumulative = 0;
  for (std::size_t level = 0; level < kObservedLevelCount; ++level) {
    cumulative += probabilities[level];
    if (unit < cumulative) return static_cast<Level>(level);
  }
  return Level::kDifferent;
}

// The truth the synthetic pairs are drawn from.
ModelParameters TrueParameters() {
  ModelParameters truth;
  truth[Field::kFirstName] = {{0.85, 0.08, 0.05, 0.02}, {0.01, 0.01, 0.03, 0.95}};
  truth[Field::kLastName] = {{0.90, 0.05, 0.03, 0.02}, {0.02, 0.01, 0.02, 0.95}};
  truth[Field::kBirthDate] = {{0.92, 0.02, 0.04, 0.02}, {0.005, 0.005, 0.01, 0.98}};
  truth[Field::kStreet] = {{0.80, 0.05, 0.05, 0.10}, {0.05, 0.02, 0.03, 0.90}};
  truth[Field::kHouseNumber] = {{0.75, 0.10, 0.05, 0.10}, {0.04, 0.03, 0.10, 0.83}};
  truth[Field::kNationalNumber] = {{0.70, 0.10, 0.15, 0.05}, {0.01, 0.04, 0.01, 0.94}};
  return truth;
}

constexpr double kTrueProportion = 0.15;
constexpr double kMissingRate = 0.1;

std::vector<PatternCount> SyntheticPatterns(int pairs) {
  const ModelParameters truth = TrueParameters();
  Lcg random;
  std::map<std::size_t, double> counts;
  for (int n = 0; n < pairs; ++n) {
    const bool match = random.Unit() < kTrueProportion;
    ComparisonVector vector;
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      const auto& probabilities = match ? truth.fields[f].m : truth.fields[f].u;
      const double level_draw = random.Unit();
      vector.levels[f] =
          random.Unit() < kMissingRate ? Level::kMissing : Draw(probabilities, level_draw);
    }
    counts[PatternIndex(vector)] += 1;
  }
  std::vector<PatternCount> patterns;
  for (const auto& [index, count] : counts) patterns.push_back({PatternLevels(index), count});
  return patterns;
}

// A start far from the truth: every field equally informative.
ModelParameters VagueStart() {
  ModelParameters start;
  for (FieldProbabilities& field : start.fields) {
    field.m = {0.6, 0.15, 0.15, 0.1};
    field.u = {0.1, 0.1, 0.1, 0.7};
  }
  return start;
}

TEST(EstimateByEm, RecoversKnownParameters) {
  const std::vector<PatternCount> patterns = SyntheticPatterns(200'000);
  const Result<EmResult> result = EstimateByEm(patterns, VagueStart(), 0.5, EmOptions{});
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->converged);
  EXPECT_FALSE(result->classes_swapped);
  EXPECT_DOUBLE_EQ(result->pairs, 200'000);
  EXPECT_NEAR(result->match_proportion, kTrueProportion, 0.01);
  const ModelParameters truth = TrueParameters();
  for (Field field : kAllFields) {
    for (std::size_t level = 0; level < kObservedLevelCount; ++level) {
      EXPECT_NEAR(result->parameters[field].m[level], truth[field].m[level], 0.02)
          << FieldCode(field) << " m level " << level;
      EXPECT_NEAR(result->parameters[field].u[level], truth[field].u[level], 0.01)
          << FieldCode(field) << " u level " << level;
    }
  }
  EXPECT_TRUE(ValidateParameters(result->parameters).ok());
}

TEST(EstimateByEm, KeepsUFixedWhenAsked) {
  const std::vector<PatternCount> patterns = SyntheticPatterns(100'000);
  ModelParameters start = VagueStart();
  const ModelParameters truth = TrueParameters();
  for (Field field : kAllFields) start[field].u = truth[field].u;
  EmOptions options;
  options.estimate_u = false;
  const Result<EmResult> result = EstimateByEm(patterns, start, 0.5, options);
  ASSERT_TRUE(result.ok());
  for (Field field : kAllFields) {
    EXPECT_EQ(result->parameters[field].u, truth[field].u);
    EXPECT_NEAR(result->parameters[field].m[0], truth[field].m[0], 0.03) << FieldCode(field);
  }
  EXPECT_NEAR(result->match_proportion, kTrueProportion, 0.01);
}

TEST(EstimateByEm, LeavesIgnoredFieldsAlone) {
  const std::vector<PatternCount> patterns = SyntheticPatterns(50'000);
  EmOptions options;
  options.ignored_fields[static_cast<std::size_t>(Field::kStreet)] = true;
  const ModelParameters start = VagueStart();
  const Result<EmResult> result = EstimateByEm(patterns, start, 0.5, options);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->parameters[Field::kStreet].m, start[Field::kStreet].m);
  EXPECT_EQ(result->parameters[Field::kStreet].u, start[Field::kStreet].u);
  EXPECT_NE(result->parameters[Field::kLastName].m, start[Field::kLastName].m);
}

TEST(EstimateByEm, ClampsProbabilitiesAwayFromZero) {
  // Every pair agrees exactly on every field: the other levels were never seen.
  ComparisonVector all_exact;
  all_exact.levels.fill(Level::kExact);
  ComparisonVector all_different;
  all_different.levels.fill(Level::kDifferent);
  const std::vector<PatternCount> patterns = {{all_exact, 100}, {all_different, 10'000}};
  EmOptions options;
  options.min_probability = 1e-4;
  const Result<EmResult> result = EstimateByEm(patterns, VagueStart(), 0.1, options);
  ASSERT_TRUE(result.ok());
  for (const FieldProbabilities& field : result->parameters.fields) {
    for (double p : field.m) EXPECT_GE(p, 1e-4 - 1e-12);
    for (double p : field.u) EXPECT_GE(p, 1e-4 - 1e-12);
  }
  EXPECT_TRUE(ValidateParameters(result->parameters).ok());
}

TEST(EstimateByEm, StopsAtIterationLimit) {
  EmOptions options;
  options.max_iterations = 2;
  options.tolerance = 1e-15;
  const Result<EmResult> result =
      EstimateByEm(SyntheticPatterns(10'000), VagueStart(), 0.5, options);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->iterations, 2);
  EXPECT_FALSE(result->converged);
}

TEST(EstimateByEm, RejectsNoPairsAndBadOptions) {
  const Result<EmResult> empty = EstimateByEm({}, VagueStart(), 0.5, EmOptions{});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message_key, "fuzzy.em.no_pairs");

  const std::vector<PatternCount> patterns = SyntheticPatterns(100);
  const struct {
    EmOptions options;
    double start_proportion;
    const char* name;
  } cases[] = {
      {EmOptions{.max_iterations = 0}, 0.5, "max_iterations"},
      {EmOptions{.tolerance = 0}, 0.5, "tolerance"},
      {EmOptions{.min_probability = 0.5}, 0.5, "min_probability"},
      {EmOptions{}, 1.0, "start_proportion"},
  };
  for (const auto& c : cases) {
    const Result<EmResult> result =
        EstimateByEm(patterns, VagueStart(), c.start_proportion, c.options);
    ASSERT_FALSE(result.ok()) << c.name;
    EXPECT_EQ(result.error().message_key, "fuzzy.em.invalid_option");
    EXPECT_EQ(result.error().args.at(0), c.name);
  }
}

}  // namespace
}  // namespace adempauze::fuzzy
