// Comparing two people field by field into agreement levels. What each level means per field
// is specified in docs/formats/fuzzy-matching.md, section "Comparison levels".
#pragma once

#include "adempauze/common/civil_date.h"
#include "adempauze/fuzzy/model.h"
#include "adempauze/fuzzy/person.h"

namespace adempauze::fuzzy {

struct ComparatorOptions {
  // Names at or above this Jaro-Winkler similarity (or one edit apart) are kClose.
  double name_similarity = 0.90;
  // Streets at or above this Jaro-Winkler similarity (or one edit apart) are kClose.
  double street_similarity = 0.92;
};

// Returns kInvalidArgument ("fuzzy.config.invalid", arg: the option's name) when a
// similarity lies outside (0, 1].
Status ValidateComparatorOptions(const ComparatorOptions& options);

// Compares two people. `today` is passed to nn::Check to read the national numbers.
// Prepares both records on every call: fine for explaining one pair, too slow for a list
// (FindProbableMatches prepares each record once). Thread-safe.
// REQUIRES: ValidateComparatorOptions(options).ok().
ComparisonVector ComparePeople(const Person& left, const Person& right,
                               const ComparatorOptions& options, CivilDate today);

}  // namespace adempauze::fuzzy
