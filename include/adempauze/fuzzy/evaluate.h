// Measuring the matcher against ground truth: blocking quality (pair completeness,
// reduction ratio) and classification quality (precision, recall, F1).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"
#include "adempauze/fuzzy/blocking.h"
#include "adempauze/fuzzy/matcher.h"
#include "adempauze/fuzzy/model.h"
#include "adempauze/fuzzy/person.h"

namespace adempauze::fuzzy {

struct QualityReport {
  std::size_t true_pairs = 0;       // pairs in the truth
  std::size_t review_pairs = 0;     // pairs that need review (score >= lower threshold)
  std::size_t review_true = 0;      // of those, in the truth
  std::size_t found_elsewhere = 0;  // true pairs not in review but in `found_elsewhere`
  double precision = 0;             // review_true / review_pairs; 1 when nothing goes to review
  // (review_true + found_elsewhere) / true_pairs; 1 when the truth is empty
  double recall = 0;
  double f1 = 0;
  std::vector<IdPair> missed;           // true pairs found by neither, sorted
  std::vector<IdPair> false_positives;  // review pairs not in the truth, sorted
};

// Compares the pairs that need review (Classify with `thresholds`, not the pairs' stored
// classification) with `truth`. `found_elsewhere` are the pairs another method proposed
// (the exact national-number matcher): a true pair among them counts as found, and review
// pairs that repeat one of them are not counted at all, neither as review pairs nor as
// false positives. Duplicates in any input count once.
QualityReport Evaluate(std::span<const ScoredPair> pairs, std::span<const IdPair> truth,
                       const Thresholds& thresholds, std::span<const IdPair> found_elsewhere = {});

// Returns the pairs whose national numbers are both valid (nn::Check with `today`, repairs
// included) and equal: what the exact matcher finds. Sorted, without duplicates.
std::vector<IdPair> ExactNumberMatches(std::span<const Person> left, std::span<const Person> right,
                                       CivilDate today);

struct BlockingEvaluation {
  BlockingStats stats;
  std::size_t true_pairs = 0;
  std::size_t true_pairs_kept = 0;  // true pairs among the candidates
  double pair_completeness = 0;     // true_pairs_kept / true_pairs; 1 when the truth is empty
  std::vector<IdPair> lost;         // true pairs blocking dropped, sorted
};

// Runs only the blocking of FindProbableMatches with `config` (blocking options,
// skip_equal_valid_numbers, threads, today) and measures it against `truth`. A true pair
// left out because its numbers are equal and valid (skip_equal_valid_numbers) counts as
// kept, since the exact matcher finds it. Returns the errors of ValidateConfig and
// "fuzzy.input.too_large".
Result<BlockingEvaluation> EvaluateBlocking(std::span<const Person> left,
                                            std::span<const Person> right,
                                            const MatcherConfig& config,
                                            std::span<const IdPair> truth);

}  // namespace adempauze::fuzzy
