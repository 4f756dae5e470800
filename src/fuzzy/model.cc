// Weights, patterns, scoring and classification of the Fellegi-Sunter model.
#include "adempauze/fuzzy/model.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <string>

namespace adempauze::fuzzy {
namespace {

constexpr double kSumTolerance = 1e-6;

FieldProbabilities Probabilities(std::array<double, kObservedLevelCount> m,
                                 std::array<double, kObservedLevelCount> u) {
  return FieldProbabilities{m, u};
}

}  // namespace

std::string_view FieldCode(Field field) {
  switch (field) {
    case Field::kFirstName:
      return "first_name";
    case Field::kLastName:
      return "last_name";
    case Field::kBirthDate:
      return "birth_date";
    case Field::kStreet:
      return "street";
    case Field::kHouseNumber:
      return "house_number";
    case Field::kNationalNumber:
      return "national_number";
  }
  return "unknown";
}

std::string_view LevelCode(Level level) {
  switch (level) {
    case Level::kExact:
      return "exact";
    case Level::kVariant:
      return "variant";
    case Level::kClose:
      return "close";
    case Level::kDifferent:
      return "different";
    case Level::kMissing:
      return "missing";
  }
  return "unknown";
}

std::string_view FieldMessageKey(Field field) {
  switch (field) {
    case Field::kFirstName:
      return "fuzzy.field.first_name";
    case Field::kLastName:
      return "fuzzy.field.last_name";
    case Field::kBirthDate:
      return "fuzzy.field.birth_date";
    case Field::kStreet:
      return "fuzzy.field.street";
    case Field::kHouseNumber:
      return "fuzzy.field.house_number";
    case Field::kNationalNumber:
      return "fuzzy.field.national_number";
  }
  return "fuzzy.field.first_name";
}

std::string_view LevelMessageKey(Level level) {
  switch (level) {
    case Level::kExact:
      return "fuzzy.level.exact";
    case Level::kVariant:
      return "fuzzy.level.variant";
    case Level::kClose:
      return "fuzzy.level.close";
    case Level::kDifferent:
      return "fuzzy.level.different";
    case Level::kMissing:
      return "fuzzy.level.missing";
  }
  return "fuzzy.level.missing";
}

std::string_view ClassificationCode(Classification classification) {
  switch (classification) {
    case Classification::kNonMatch:
      return "non_match";
    case Classification::kPossibleMatch:
      return "possible_match";
    case Classification::kProbableMatch:
      return "probable_match";
  }
  return "unknown";
}

ModelParameters ModelParameters::Defaults() {
  // Order of each array: exact, variant, close, different. Rounded from an estimate on a
  // generated test set with the standard error profile (docs/formats/fuzzy-matching.md,
  // section "Default parameters"). Levels a field does not use get equal small m and u, so
  // they weigh 0.
  ModelParameters parameters;
  parameters[Field::kFirstName] =
      Probabilities({0.93, 0.02, 0.04, 0.01}, {0.005, 0.004, 0.002, 0.989});
  parameters[Field::kLastName] =
      Probabilities({0.93, 0.04, 0.02, 0.01}, {0.0035, 0.0019, 0.0037, 0.9909});
  parameters[Field::kBirthDate] =
      Probabilities({0.985, 0.002, 0.01, 0.003}, {0.0001, 0.00002, 0.0012, 0.99868});
  parameters[Field::kStreet] =
      Probabilities({0.92, 0.0001, 0.0001, 0.0798}, {0.016, 0.0001, 0.0001, 0.9838});
  parameters[Field::kHouseNumber] =
      Probabilities({0.90, 0.05, 0.02, 0.03}, {0.009, 0.002, 0.115, 0.874});
  parameters[Field::kNationalNumber] =
      Probabilities({0.96, 0.007, 0.027, 0.006}, {0.00005, 0.061, 0.00001, 0.93894});
  parameters.household = HouseholdModel{0.3, 0.015};
  return parameters;
}

Status ValidateParameters(const ModelParameters& parameters) {
  for (Field field : kAllFields) {
    const FieldProbabilities& probabilities = parameters[field];
    for (const auto* which : {&probabilities.m, &probabilities.u}) {
      double sum = 0;
      bool in_range = true;
      for (double p : *which) {
        sum += p;
        in_range = in_range && p > 0.0 && p < 1.0;
      }
      if (!in_range || std::abs(sum - 1.0) > kSumTolerance) {
        return MakeError(ErrorCode::kInvalidArgument, "fuzzy.parameters.invalid", FieldCode(field),
                         which == &probabilities.m ? "m" : "u");
      }
    }
  }
  const HouseholdModel& household = parameters.household;
  if (!std::isfinite(household.relatives) || household.relatives < 0) {
    return MakeError(ErrorCode::kInvalidArgument, "fuzzy.parameters.invalid", "household",
                     "relatives");
  }
  if (!(household.same_birth_date >= 0 && household.same_birth_date <= 1)) {
    return MakeError(ErrorCode::kInvalidArgument, "fuzzy.parameters.invalid", "household",
                     "same_birth_date");
  }
  return Status::Ok();
}

bool IsHouseholdPattern(const ComparisonVector& vector) {
  return vector[Field::kLastName] == Level::kExact && vector[Field::kStreet] == Level::kExact &&
         vector[Field::kHouseNumber] == Level::kExact;
}

double HouseholdAdjustmentOf(const ComparisonVector& vector, const Weights& weights) {
  if (!IsHouseholdPattern(vector)) return 0.0;
  if (vector[Field::kBirthDate] == Level::kExact)
    return weights.household + weights.household_twins;
  return weights.household;
}

// Returns log2(u / max(u, joint)): the correction when fields that independence would
// multiply to `u` agree together with probability `joint`. Never positive.
double DependenceCorrection(double u, double joint) {
  if (joint <= 0 || u <= 0) return 0.0;
  return std::log2(u / std::max(u, joint));
}

Weights Weights::From(const ModelParameters& parameters, std::size_t right_count) {
  Weights weights;
  const HouseholdModel& household = parameters.household;
  if (right_count > 0 && household.relatives > 0) {
    const auto exact = static_cast<std::size_t>(Level::kExact);
    const double u_product = parameters[Field::kLastName].u[exact] *
                             parameters[Field::kStreet].u[exact] *
                             parameters[Field::kHouseNumber].u[exact];
    weights.household =
        DependenceCorrection(u_product, household.relatives / static_cast<double>(right_count));
    weights.household_twins =
        DependenceCorrection(parameters[Field::kBirthDate].u[exact], household.same_birth_date);
  }
  for (Field field : kAllFields) {
    const FieldProbabilities& probabilities = parameters[field];
    auto& row = weights.values[static_cast<std::size_t>(field)];
    for (std::size_t level = 0; level < kObservedLevelCount; ++level) {
      assert(probabilities.m[level] > 0);
      assert(probabilities.u[level] > 0);
      row[level] = std::log2(probabilities.m[level] / probabilities.u[level]);
    }
    row[static_cast<std::size_t>(Level::kMissing)] = 0.0;
  }
  return weights;
}

std::size_t PatternIndex(const ComparisonVector& vector) {
  std::size_t index = 0;
  for (std::size_t field = kFieldCount; field-- > 0;) {
    index = index * kLevelCount + static_cast<std::size_t>(vector.levels[field]);
  }
  return index;
}

ComparisonVector PatternLevels(std::size_t index) {
  assert(index < kPatternCount);
  ComparisonVector vector;
  for (std::size_t field = 0; field < kFieldCount; ++field) {
    vector.levels[field] = static_cast<Level>(index % kLevelCount);
    index /= kLevelCount;
  }
  return vector;
}

Classification Classify(double score, const Thresholds& thresholds) {
  assert(thresholds.lower <= thresholds.upper);
  if (score < thresholds.lower) return Classification::kNonMatch;
  if (score >= thresholds.upper) return Classification::kProbableMatch;
  return Classification::kPossibleMatch;
}

ScoredPair ScoreComparison(const ComparisonVector& vector, const Weights& weights,
                           const Thresholds& thresholds, std::size_t left_id,
                           std::size_t right_id) {
  ScoredPair pair;
  pair.left_id = left_id;
  pair.right_id = right_id;
  pair.names_swapped = vector.names_swapped;
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    const Field field = kAllFields[i];
    const double weight = weights.Of(field, vector[field]);
    pair.contributions[i] = FieldContribution{field, vector[field], weight};
    pair.score += weight;
  }
  pair.household_adjustment = HouseholdAdjustmentOf(vector, weights);
  pair.score += pair.household_adjustment;
  pair.classification = Classify(pair.score, thresholds);
  return pair;
}

}  // namespace adempauze::fuzzy
