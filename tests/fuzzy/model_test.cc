// Weights, patterns, classification and the explanation of a score.
#include "adempauze/fuzzy/model.h"

#include <gtest/gtest.h>

#include <cmath>

namespace adempauze::fuzzy {
namespace {

constexpr std::size_t kExact = static_cast<std::size_t>(Level::kExact);

TEST(ModelParameters, DefaultsAreValid) {
  EXPECT_TRUE(ValidateParameters(ModelParameters::Defaults()).ok());
}

TEST(ValidateParameters, RejectsBadProbabilities) {
  ModelParameters zero = ModelParameters::Defaults();
  zero[Field::kStreet].m = {1.0, 0.0, 0.0, 0.0};
  const Status status = ValidateParameters(zero);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message_key, "fuzzy.parameters.invalid");
  EXPECT_EQ(status.error().args, (std::vector<std::string>{"street", "m"}));

  ModelParameters unnormalised = ModelParameters::Defaults();
  unnormalised[Field::kLastName].u[0] += 0.1;
  EXPECT_FALSE(ValidateParameters(unnormalised).ok());

  ModelParameters household = ModelParameters::Defaults();
  household.household.same_birth_date = 1.5;
  EXPECT_FALSE(ValidateParameters(household).ok());
}

TEST(Weights, AreLog2OfMOverU) {
  const ModelParameters parameters = ModelParameters::Defaults();
  const Weights weights = Weights::From(parameters);
  for (Field field : kAllFields) {
    for (std::size_t level = 0; level < kObservedLevelCount; ++level) {
      const double expected = std::log2(parameters[field].m[level] / parameters[field].u[level]);
      EXPECT_DOUBLE_EQ(weights.Of(field, static_cast<Level>(level)), expected);
    }
    EXPECT_EQ(weights.Of(field, Level::kMissing), 0.0);
  }
  EXPECT_GT(weights.Of(Field::kLastName, Level::kExact), 0);
  EXPECT_LT(weights.Of(Field::kLastName, Level::kDifferent), 0);
  EXPECT_EQ(weights.household, 0.0);  // no right list size given
}

TEST(Weights, HouseholdAdjustmentGrowsWithSmallLists) {
  const ModelParameters parameters = ModelParameters::Defaults();
  const Weights small = Weights::From(parameters, 1'000);
  const Weights large = Weights::From(parameters, 10'000'000);
  EXPECT_LT(small.household, large.household);
  EXPECT_LE(large.household, 0.0);
  EXPECT_LT(small.household_twins, 0.0);
  // u product / (relatives / right count), in bits.
  const double u_product = parameters[Field::kLastName].u[kExact] *
                           parameters[Field::kStreet].u[kExact] *
                           parameters[Field::kHouseNumber].u[kExact];
  EXPECT_NEAR(small.household, std::log2(u_product / (0.3 / 1'000)), 1e-9);
}

TEST(PatternIndex, RoundTrips) {
  for (std::size_t index = 0; index < kPatternCount; index += 7) {
    EXPECT_EQ(PatternIndex(PatternLevels(index)), index);
  }
  ComparisonVector vector;
  vector[Field::kNationalNumber] = Level::kClose;
  EXPECT_EQ(PatternLevels(PatternIndex(vector)).levels, vector.levels);
}

TEST(Classify, UsesBothThresholds) {
  const Thresholds thresholds{10.0, 20.0};
  EXPECT_EQ(Classify(9.99, thresholds), Classification::kNonMatch);
  EXPECT_EQ(Classify(10.0, thresholds), Classification::kPossibleMatch);
  EXPECT_EQ(Classify(19.99, thresholds), Classification::kPossibleMatch);
  EXPECT_EQ(Classify(20.0, thresholds), Classification::kProbableMatch);
  EXPECT_FALSE(NeedsReview(Classification::kNonMatch));
  EXPECT_TRUE(NeedsReview(Classification::kPossibleMatch));
  EXPECT_TRUE(NeedsReview(Classification::kProbableMatch));
}

TEST(ScoreComparison, ExplanationSumsToScore) {
  const Weights weights = Weights::From(ModelParameters::Defaults(), 5'000);
  for (std::size_t index = 0; index < kPatternCount; index += 11) {
    const ComparisonVector vector = PatternLevels(index);
    const ScoredPair pair = ScoreComparison(vector, weights, Thresholds{5, 15}, 3, 4);
    double sum = pair.household_adjustment;
    for (std::size_t i = 0; i < kFieldCount; ++i) {
      EXPECT_EQ(pair.contributions[i].field, kAllFields[i]);
      EXPECT_EQ(pair.contributions[i].level, vector.levels[i]);
      EXPECT_DOUBLE_EQ(pair.contributions[i].weight, weights.Of(kAllFields[i], vector.levels[i]));
      sum += pair.contributions[i].weight;
    }
    EXPECT_NEAR(pair.score, sum, 1e-9);
    EXPECT_EQ(pair.classification, Classify(pair.score, Thresholds{5, 15}));
    EXPECT_EQ(pair.left_id, 3u);
    EXPECT_EQ(pair.right_id, 4u);
  }
}

TEST(ScoreComparison, HouseholdPatternGetsAdjusted) {
  const Weights weights = Weights::From(ModelParameters::Defaults(), 5'000);
  ComparisonVector relatives;
  relatives[Field::kLastName] = Level::kExact;
  relatives[Field::kStreet] = Level::kExact;
  relatives[Field::kHouseNumber] = Level::kExact;
  relatives[Field::kFirstName] = Level::kDifferent;
  EXPECT_DOUBLE_EQ(ScoreComparison(relatives, weights, {}, 0, 0).household_adjustment,
                   weights.household);
  relatives[Field::kBirthDate] = Level::kExact;  // twins
  EXPECT_DOUBLE_EQ(ScoreComparison(relatives, weights, {}, 0, 0).household_adjustment,
                   weights.household + weights.household_twins);
  relatives[Field::kHouseNumber] = Level::kVariant;
  EXPECT_EQ(ScoreComparison(relatives, weights, {}, 0, 0).household_adjustment, 0.0);
}

TEST(Codes, NameEveryFieldAndLevel) {
  EXPECT_EQ(FieldCode(Field::kNationalNumber), "national_number");
  EXPECT_EQ(LevelCode(Level::kVariant), "variant");
  EXPECT_EQ(FieldMessageKey(Field::kBirthDate), "fuzzy.field.birth_date");
  EXPECT_EQ(LevelMessageKey(Level::kMissing), "fuzzy.level.missing");
  EXPECT_EQ(ClassificationCode(Classification::kProbableMatch), "probable_match");
}

}  // namespace
}  // namespace adempauze::fuzzy
