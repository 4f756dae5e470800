// Expectation-maximisation for the m and u probabilities of the Fellegi-Sunter model
// (Winkler's two-class latent model with conditionally independent fields). Specified in
// docs/formats/fuzzy-matching.md, section "EM estimation".
#pragma once

#include <array>
#include <span>

#include "adempauze/common/result.h"
#include "adempauze/fuzzy/model.h"

namespace adempauze::fuzzy {

// How many compared pairs showed one comparison vector.
struct PatternCount {
  ComparisonVector vector;
  double count = 0;
};

struct EmOptions {
  int max_iterations = 500;
  // Converged when no probability (match proportion, m, u) changes by more than this in
  // one iteration.
  double tolerance = 1e-7;
  // Every m, u and the match proportion are kept within [min_probability,
  // 1 - min_probability], so no level ever gets an infinite weight.
  double min_probability = 1e-5;
  // false keeps u at its start value (u estimated elsewhere, from random pairs) and
  // estimates only m and the match proportion.
  bool estimate_u = true;
  // Fields treated as missing in every pattern, and whose start values are returned
  // unchanged: the fields a blocking key made agree.
  std::array<bool, kFieldCount> ignored_fields{};
  // The right list's size, for the household adjustment of the u likelihood
  // (ModelParameters::household, HouseholdAdjustmentOf); 0 for none. The adjustment is left
  // out when surname, street or house number is ignored, its twin part when the birth date
  // is.
  std::size_t right_count = 0;
};

struct EmResult {
  ModelParameters parameters;
  double match_proportion = 0;  // estimated share of same-person pairs among the patterns
  int iterations = 0;
  bool converged = false;
  double log_likelihood = 0;  // of the last E-step, natural log
  double pairs = 0;           // sum of the pattern counts
  // True when the estimate came out with the two classes swapped (the "match" class
  // agreeing less than the other) and was swapped back. Only possible with estimate_u.
  bool classes_swapped = false;
};

// Estimates m, u and the match proportion from `patterns`, starting from `start` and
// `start_proportion`. Fields at kMissing contribute nothing to a pattern's likelihood.
// Returns kInvalidArgument with "fuzzy.em.no_pairs" when the counts sum to 0, or with
// "fuzzy.em.invalid_option" (arg: the option's name) when max_iterations < 1, tolerance
// <= 0, min_probability is outside (0, 0.01], or start_proportion is outside (0, 1).
// Not converging within max_iterations is not an error: `converged` is false.
// REQUIRES: ValidateParameters(start).ok(). Thread-safe.
Result<EmResult> EstimateByEm(std::span<const PatternCount> patterns, const ModelParameters& start,
                              double start_proportion, const EmOptions& options);

}  // namespace adempauze::fuzzy
