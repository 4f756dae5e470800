// Probabilistic record linkage of two lists of people: blocking, comparison, parameter
// estimation and Fellegi-Sunter scoring in one call. The method is specified in
// docs/formats/fuzzy-matching.md and chosen in docs/adr/0006-fellegi-sunter-with-em.md.
//
// The matcher proposes, a reviewer decides: every pair at or above the lower threshold is
// meant for the review queue, with its per-field evidence. It never reads or writes a
// database and never logs names, numbers or addresses.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"
#include "adempauze/fuzzy/blocking.h"
#include "adempauze/fuzzy/comparison.h"
#include "adempauze/fuzzy/em.h"
#include "adempauze/fuzzy/model.h"
#include "adempauze/fuzzy/person.h"

namespace adempauze::fuzzy {

enum class ParameterSource : std::uint8_t {
  kConfigured,      // MatcherConfig::parameters as given
  kEmOnCandidates,  // m, u and the match proportion by EM on the candidate pairs
  // The default: u from random pairs, m by EM on the candidate pairs of each blocking key.
  // Each key's EM leaves out the fields that key made agree and those that agree with them
  // among relatives, and the estimates are averaged per field. The reasons are in
  // docs/adr/0006-fellegi-sunter-with-em.md.
  kEmWithSampledU,
};

std::string_view ParameterSourceCode(ParameterSource source);

struct EstimationOptions {
  ParameterSource source = ParameterSource::kEmWithSampledU;
  // Left records whose candidate pairs feed EM, spread evenly over the list; 0 uses all.
  std::size_t sample_left_records = 10'000;
  // Random left/right pairs compared to estimate u (kEmWithSampledU).
  std::size_t random_pairs = 500'000;
  std::uint64_t seed = 1;          // of the random pairs; the same seed gives the same estimate
  double start_proportion = 0.01;  // EM's starting share of matches
  // Iterations, tolerance and clamping. The matcher sets estimate_u, ignored_fields and
  // right_count itself, per source and blocking key.
  EmOptions em;
};

struct MatcherConfig {
  CivilDate today;  // passed to nn::Check; an invalid date is rejected
  ComparatorOptions comparators;
  BlockingOptions blocking;
  EstimationOptions estimation;
  // Used as they are with kConfigured; the starting point of EM otherwise.
  ModelParameters parameters = ModelParameters::Defaults();
  // nullopt: SuggestThresholds(right.size()).
  std::optional<Thresholds> thresholds;
  // Leaves out pairs whose national numbers are both valid and equal: the exact matcher
  // found those already. They are not scored, but EM still learns from them.
  bool skip_equal_valid_numbers = false;
  // Adjusts the weight of an exact first or last name by how common that name is on both
  // lists (FieldContribution::frequency_adjustment), because agreeing on "Peeters" is
  // weaker evidence than agreeing on "Ysebaert". Off by default: on the generated test sets
  // it lowered precision, because rare given names and rare surnames come together
  // (docs/formats/fuzzy-matching.md, section "Measured quality").
  bool frequency_adjustments = false;
  // Also returns the compared pairs below the lower threshold (for evaluation); memory
  // grows with the candidate pairs then.
  bool keep_non_matches = false;
  unsigned threads = 0;  // 0: std::thread::hardware_concurrency()
};

// Returns kInvalidArgument ("fuzzy.config.invalid", arg: the option's name) for an invalid
// date, comparator or blocking option, or thresholds with lower > upper, and the error of
// ValidateParameters for invalid parameters. EM options are checked when EM runs
// (EstimateByEm's "fuzzy.em.invalid_option").
Status ValidateConfig(const MatcherConfig& config);

// Returns thresholds for a right-hand list of `right_count` records. With u estimated on
// random pairs, a score is the log2 likelihood ratio against a random pair, and the prior
// odds that a given left record matches a given right record are about 1 : right_count.
// The lower threshold is log2(right_count) + 1, so a pair goes to review when its
// posterior odds are about 2 : 1 or better. The upper threshold is log2(right_count) + 10.
// The offsets were chosen on the generated test sets (docs/formats/fuzzy-matching.md,
// section "Thresholds").
Thresholds SuggestThresholds(std::size_t right_count);

// One EM run of the estimation.
struct EstimationRun {
  std::optional<BlockingKeyKind> key;  // the key whose pairs were used; nullopt: all pairs
  double pairs = 0;
  int iterations = 0;
  bool converged = false;
  double match_proportion = 0;
};

struct EstimationReport {
  ParameterSource source = ParameterSource::kConfigured;
  std::size_t random_pairs = 0;  // compared for u
  std::vector<EstimationRun> runs;
};

struct MatchRun {
  // Pairs at or above the lower threshold (all compared pairs with keep_non_matches),
  // sorted by left id, then score from high to low, then right id.
  std::vector<ScoredPair> pairs;
  ModelParameters parameters;  // as estimated or configured
  Weights weights;
  Thresholds thresholds;  // as used
  BlockingStats blocking;
  EstimationReport estimation;
};

// Finds the probable matches between `left` (debtors) and `right` (OCMW clients). Ids are
// the caller's and need not be distinct or dense. An empty list gives no pairs and the
// configured parameters. Returns the errors of ValidateConfig,
// kInvalidArgument "fuzzy.input.too_large" (arg: the limit) when a list has more than
// 2^32 - 1 records, or an EM error (e.g. "fuzzy.em.no_pairs" when EM is asked for and
// blocking proposes no pair at all). Deterministic: the same input and config give the
// same result on any number of threads. Thread-safe for distinct calls.
Result<MatchRun> FindProbableMatches(std::span<const Person> left, std::span<const Person> right,
                                     const MatcherConfig& config);

// Scores one pair with given weights, for explaining a stored proposal to a reviewer.
// Without the lists there are no name frequencies, so no term-frequency adjustment.
// REQUIRES: ValidateComparatorOptions(options).ok(), thresholds.lower <= thresholds.upper.
ScoredPair ScorePair(const Person& left, const Person& right, const Weights& weights,
                     const Thresholds& thresholds, const ComparatorOptions& options,
                     CivilDate today);

}  // namespace adempauze::fuzzy
