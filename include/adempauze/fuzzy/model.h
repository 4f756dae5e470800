// The Fellegi-Sunter model: compared fields, agreement levels, m and u probabilities,
// weights, scored pairs with their explanation, and the classification into review and
// non-match. Specified in docs/formats/fuzzy-matching.md, section "Fellegi-Sunter model";
// the choice is recorded in docs/adr/0006-fellegi-sunter-with-em.md.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "adempauze/common/result.h"

namespace adempauze::fuzzy {

enum class Field : std::uint8_t {
  kFirstName,
  kLastName,
  kBirthDate,  // from the first six digits of the national number
  kStreet,
  kHouseNumber,
  kNationalNumber,
};
inline constexpr std::size_t kFieldCount = 6;
inline constexpr std::array<Field, kFieldCount> kAllFields = {
    Field::kFirstName, Field::kLastName,    Field::kBirthDate,
    Field::kStreet,    Field::kHouseNumber, Field::kNationalNumber,
};

// The agreement of one field of a pair, strongest first. What each level means per field
// is in docs/formats/fuzzy-matching.md, section "Comparison levels".
enum class Level : std::uint8_t {
  kExact,      // the normalised values are equal
  kVariant,    // another spelling of the same value: particle, nickname, initial, box,
               // partial birth date, BIS number beside a national number
  kClose,      // a typing error: Jaro-Winkler above the threshold, one edit, one digit
  kDifferent,  // both present and neither of the above
  kMissing,    // absent on either side; weighs 0
};
inline constexpr std::size_t kLevelCount = 5;
// The levels with m and u probabilities: every level but kMissing.
inline constexpr std::size_t kObservedLevelCount = 4;

// Returns "first_name", "last_name", "birth_date", "street", "house_number",
// "national_number".
std::string_view FieldCode(Field field);
// Returns "exact", "variant", "close", "different", "missing".
std::string_view LevelCode(Level level);
// Returns the message catalog key of a field's or level's name for a reviewer
// ("fuzzy.field.first_name", "fuzzy.level.exact"); the entries take no arguments.
std::string_view FieldMessageKey(Field field);
std::string_view LevelMessageKey(Level level);

// m[l] = P(level l | the pair is the same person), u[l] = P(level l | different people),
// for l in kExact..kDifferent, both given that the field is present on both sides.
struct FieldProbabilities {
  std::array<double, kObservedLevelCount> m{};
  std::array<double, kObservedLevelCount> u{};
};

// Relatives living together. Among different people they share surname, street and house
// number far more often than the u product of those fields predicts, and twins share
// their birth date too. A pair showing this pattern gets a household adjustment (Weights).
struct HouseholdModel {
  // The mean number of other records on the right list with the same surname, street and
  // house number exactly; 0 disables the adjustment.
  double relatives = 0;
  // The share of those relatives born on the same day (twins).
  double same_birth_date = 0;
};

struct ModelParameters {
  std::array<FieldProbabilities, kFieldCount> fields{};
  HouseholdModel household;

  FieldProbabilities& operator[](Field field) { return fields[static_cast<std::size_t>(field)]; }
  const FieldProbabilities& operator[](Field field) const {
    return fields[static_cast<std::size_t>(field)];
  }

  // Parameters for lists without a trained model: m from the standard error profile, u from
  // random pairs of a list of a few thousand Flemish names (docs/formats/fuzzy-matching.md,
  // section "Default parameters"). They also start the EM estimation.
  static ModelParameters Defaults();
};

// Returns kInvalidArgument ("fuzzy.parameters.invalid", args: field code, "m" or "u") when a
// probability lies outside (0, 1) or a field's m or u do not sum to 1 within 1e-6. Returns
// the same key with args "household" and "relatives" or "same_birth_date" when
// household.relatives is negative or household.same_birth_date lies outside [0, 1].
Status ValidateParameters(const ModelParameters& parameters);

// log2(m / u) per field and level; kMissing weighs 0.
struct Weights {
  std::array<std::array<double, kLevelCount>, kFieldCount> values{};
  // Added to a household pattern's score (IsHouseholdPattern): log2 of the u product of the
  // three exact levels over the probability that two different people are relatives living
  // together, household.relatives / right_count. Never positive.
  double household = 0;
  // Added as well when the birth date is exact too: log2 of u(birth date exact) over the
  // share of twins among relatives. Never positive.
  double household_twins = 0;

  double Of(Field field, Level level) const {
    return values[static_cast<std::size_t>(field)][static_cast<std::size_t>(level)];
  }

  // `right_count` is the size of the right list the weights score against; 0 leaves the
  // household adjustments at 0. REQUIRES: ValidateParameters(parameters).ok().
  static Weights From(const ModelParameters& parameters, std::size_t right_count = 0);
};

// The levels of one compared pair.
struct ComparisonVector {
  std::array<Level, kFieldCount> levels{Level::kMissing, Level::kMissing, Level::kMissing,
                                        Level::kMissing, Level::kMissing, Level::kMissing};
  // First and last name agree better crosswise: the first name was compared with the other
  // record's last name and the other way round.
  bool names_swapped = false;

  Level operator[](Field field) const { return levels[static_cast<std::size_t>(field)]; }
  Level& operator[](Field field) { return levels[static_cast<std::size_t>(field)]; }
};

// Returns true when last name, street and house number are all kExact: the pattern that
// relatives living together share.
bool IsHouseholdPattern(const ComparisonVector& vector);

// Returns the household adjustment of `vector`: weights.household for a household pattern,
// plus weights.household_twins when its birth date is exact as well; 0 otherwise.
double HouseholdAdjustmentOf(const ComparisonVector& vector, const Weights& weights);

// The number of distinct comparison vectors (names_swapped aside): kLevelCount^kFieldCount.
inline constexpr std::size_t kPatternCount = 15625;
// Returns a number in [0, kPatternCount) that identifies the levels of `vector`.
std::size_t PatternIndex(const ComparisonVector& vector);
// Returns the levels that PatternIndex mapped to `index`. REQUIRES: index < kPatternCount.
ComparisonVector PatternLevels(std::size_t index);

enum class Classification : std::uint8_t {
  kNonMatch,       // below the lower threshold: not shown to anyone
  kPossibleMatch,  // between the thresholds: to review
  kProbableMatch,  // at or above the upper threshold: to review, shown first
};

// Score limits of the classification. Both classes above `lower` go to a reviewer: the
// matcher never decides a match on its own.
struct Thresholds {
  double lower = 0;
  double upper = 0;
};

// Returns kNonMatch below `lower`, kProbableMatch at or above `upper`, else kPossibleMatch.
// REQUIRES: thresholds.lower <= thresholds.upper.
Classification Classify(double score, const Thresholds& thresholds);

// Returns true for the classes that go to the review queue.
inline bool NeedsReview(Classification classification) {
  return classification != Classification::kNonMatch;
}

std::string_view ClassificationCode(Classification classification);

// One field's share in a pair's score.
struct FieldContribution {
  Field field = Field::kFirstName;
  Level level = Level::kMissing;
  double weight = 0;  // Weights::Of(field, level) plus frequency_adjustment
  // Term-frequency adjustment of an exact name: log2(u(exact) / the share of records with
  // this name), positive for a rare name and negative for a common one. 0 for other levels
  // and fields, and when the matcher was not asked for it.
  double frequency_adjustment = 0;
};

// A compared pair with the evidence a reviewer needs: the score is the sum of the
// contributions' weights, in kAllFields order, and the household adjustment.
struct ScoredPair {
  std::size_t left_id = 0;
  std::size_t right_id = 0;
  double score = 0;
  Classification classification = Classification::kNonMatch;
  bool names_swapped = false;
  std::array<FieldContribution, kFieldCount> contributions{};
  double household_adjustment = 0;  // HouseholdAdjustmentOf the pair's levels
};

// Scores one comparison vector.
ScoredPair ScoreComparison(const ComparisonVector& vector, const Weights& weights,
                           const Thresholds& thresholds, std::size_t left_id, std::size_t right_id);

}  // namespace adempauze::fuzzy
