// FindProbableMatches: prepare, index, estimate, scan and score.
#include "adempauze/fuzzy/matcher.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>

#include "fuzzy/block_index.h"
#include "fuzzy/estimation.h"
#include "fuzzy/field_comparison.h"
#include "fuzzy/parallel.h"
#include "fuzzy/prepared.h"

namespace adempauze::fuzzy {
namespace {

constexpr std::size_t kMaxRecords = std::numeric_limits<std::uint32_t>::max();
constexpr std::size_t kScanChunk = 256;  // left records per work item
// The suggested thresholds lie this many bits above log2(right list size).
constexpr double kLowerAbovePriorBits = 1.0;
constexpr double kUpperAbovePriorBits = 10.0;

// One worker's share of the scoring scan.
struct ScanOutput {
  std::vector<ScoredPair> pairs;
  std::uint64_t candidate_pairs = 0;
  std::uint64_t skipped_equal_numbers = 0;
};

// The floor under a name's share, so a value seen once cannot weigh without limit.
constexpr double kMinNameFrequency = 1e-7;

// Adds the term-frequency adjustment of an exact first and last name to `pair`.
void AdjustForNameFrequencies(const ComparisonVector& vector, const internal::PreparedPerson& right,
                              const ModelParameters& parameters, const Thresholds& thresholds,
                              ScoredPair& pair) {
  if (vector.names_swapped) return;  // the frequencies belong to the other columns
  const auto exact = static_cast<std::size_t>(Level::kExact);
  const std::pair<Field, float> names[] = {{Field::kFirstName, right.given_frequency},
                                           {Field::kLastName, right.surname_frequency}};
  for (const auto& [field, frequency] : names) {
    if (vector[field] != Level::kExact || frequency <= 0) continue;  // 0: empty value
    const double adjustment = std::log2(parameters[field].u[exact]) -
                              std::log2(std::max<double>(frequency, kMinNameFrequency));
    FieldContribution& contribution = pair.contributions[static_cast<std::size_t>(field)];
    contribution.frequency_adjustment = adjustment;
    contribution.weight += adjustment;
    pair.score += adjustment;
  }
  pair.classification = Classify(pair.score, thresholds);
}

// Returns the score of every comparison pattern, frequency adjustments aside, so the scan
// can drop a pair below the lower threshold without building its explanation.
std::vector<double> ScoreEveryPattern(const Weights& weights, const Thresholds& thresholds) {
  std::vector<double> scores(kPatternCount);
  for (std::size_t index = 0; index < kPatternCount; ++index) {
    scores[index] = ScoreComparison(PatternLevels(index), weights, thresholds, 0, 0).score;
  }
  return scores;
}

void SortPairs(std::vector<ScoredPair>& pairs) {
  std::sort(pairs.begin(), pairs.end(), [](const ScoredPair& a, const ScoredPair& b) {
    if (a.left_id != b.left_id) return a.left_id < b.left_id;
    if (a.score != b.score) return a.score > b.score;
    return a.right_id < b.right_id;
  });
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

std::string_view ParameterSourceCode(ParameterSource source) {
  switch (source) {
    case ParameterSource::kConfigured:
      return "configured";
    case ParameterSource::kEmOnCandidates:
      return "em_on_candidates";
    case ParameterSource::kEmWithSampledU:
      return "em_with_sampled_u";
  }
  return "unknown";
}

Status ValidateConfig(const MatcherConfig& config) {
  if (!IsValidDate(config.today.year, config.today.month, config.today.day)) {
    return MakeError(ErrorCode::kInvalidArgument, "fuzzy.config.invalid", "today");
  }
  if (Status status = ValidateComparatorOptions(config.comparators); !status) return status;
  if (Status status = ValidateBlockingOptions(config.blocking); !status) return status;
  if (config.thresholds && !(config.thresholds->lower <= config.thresholds->upper)) {
    return MakeError(ErrorCode::kInvalidArgument, "fuzzy.config.invalid", "thresholds");
  }
  return ValidateParameters(config.parameters);
}

Thresholds SuggestThresholds(std::size_t right_count) {
  const double prior_bits = std::log2(static_cast<double>(std::max<std::size_t>(right_count, 2)));
  return Thresholds{prior_bits + kLowerAbovePriorBits, prior_bits + kUpperAbovePriorBits};
}

Result<MatchRun> FindProbableMatches(std::span<const Person> left, std::span<const Person> right,
                                     const MatcherConfig& config) {
  if (Status valid = ValidateConfig(config); !valid) return valid.error();
  if (left.size() > kMaxRecords || right.size() > kMaxRecords) {
    return MakeError(ErrorCode::kInvalidArgument, "fuzzy.input.too_large", kMaxRecords);
  }
  const unsigned threads = internal::ResolveThreads(config.threads);
  const auto started = std::chrono::steady_clock::now();
  if (left.empty() || right.empty()) {
    // Nothing to compare: no pairs, and nothing to estimate from.
    MatchRun run;
    run.parameters = config.parameters;
    run.weights = Weights::From(run.parameters, right.size());
    run.thresholds = config.thresholds.value_or(SuggestThresholds(right.size()));
    run.blocking.possible_pairs = 0;
    run.blocking.reduction_ratio = 1.0;
    return run;
  }

  // Step 1: normalise every record once.
  auto left_list = internal::PreparedList::Build(left, config.today, threads);
  auto right_list = internal::PreparedList::Build(right, config.today, threads);
  internal::InternValues(left_list, right_list);

  // Step 2: index the right list by blocking key.
  const auto index = internal::BlockIndex::Build(right_list, config.blocking, threads);
  const double prepared_seconds = SecondsSince(started);

  // Step 3: the model's parameters, configured or estimated from these lists.
  Result<internal::Estimate> estimate =
      internal::EstimateParameters(left_list, right_list, index, config, threads);
  if (!estimate) return estimate.error();
  const double estimated_seconds = SecondsSince(started);

  MatchRun run;
  run.parameters = estimate->parameters;
  run.estimation = std::move(estimate->report);
  if (Status valid = ValidateParameters(run.parameters); !valid) return valid.error();
  run.weights = Weights::From(run.parameters, right.size());
  run.thresholds = config.thresholds.value_or(SuggestThresholds(right.size()));

  // Step 4: compare and score every candidate pair; keep those a reviewer must see.
  std::vector<internal::CandidateScanner> scanners;
  scanners.reserve(threads);
  for (unsigned w = 0; w < threads; ++w) scanners.emplace_back(left_list, index, config.blocking);
  std::vector<ScanOutput> outputs(threads);
  std::vector<internal::ComparisonCache> caches(threads);
  const std::vector<double> pattern_scores = ScoreEveryPattern(run.weights, run.thresholds);
  const bool keep_all = config.keep_non_matches || config.frequency_adjustments;
  internal::ParallelRanges(
      left_list.size(), threads, kScanChunk,
      [&](std::size_t begin, std::size_t end, unsigned worker) {
        ScanOutput& output = outputs[worker];
        for (std::size_t i = begin; i < end; ++i) {
          const internal::PreparedPerson& person = left_list[i];
          for (const internal::Candidate& candidate : scanners[worker].CandidatesOf(i)) {
            const internal::PreparedPerson& other = right_list[candidate.right];
            if (config.skip_equal_valid_numbers && internal::HaveEqualValidNumbers(person, other)) {
              ++output.skipped_equal_numbers;
              continue;
            }
            ++output.candidate_pairs;
            const ComparisonVector vector = internal::CompareRecords(
                left_list, person, right_list, other, config.comparators, &caches[worker]);
            if (!keep_all && pattern_scores[PatternIndex(vector)] < run.thresholds.lower) continue;
            ScoredPair pair =
                ScoreComparison(vector, run.weights, run.thresholds, person.id, other.id);
            if (config.frequency_adjustments) {
              AdjustForNameFrequencies(vector, other, run.parameters, run.thresholds, pair);
            }
            if (config.keep_non_matches || NeedsReview(pair.classification)) {
              output.pairs.push_back(pair);
            }
          }
        }
      });

  // Step 5: merge the workers' pairs in a fixed order and report.
  std::size_t total = 0;
  for (const ScanOutput& output : outputs) total += output.pairs.size();
  run.pairs.reserve(total);
  for (ScanOutput& output : outputs) {
    run.pairs.insert(run.pairs.end(), output.pairs.begin(), output.pairs.end());
    std::vector<ScoredPair>().swap(output.pairs);
  }
  SortPairs(run.pairs);
  std::uint64_t candidate_pairs = 0;
  std::uint64_t skipped_equal_numbers = 0;
  for (const ScanOutput& output : outputs) {
    candidate_pairs += output.candidate_pairs;
    skipped_equal_numbers += output.skipped_equal_numbers;
  }
  run.blocking = internal::SummariseBlocking(left.size(), right.size(), index, scanners,
                                             candidate_pairs, skipped_equal_numbers);

  spdlog::info(
      "fuzzy: left={} right={} candidates={} capped_blocks={} review_pairs={} source={} "
      "prepare={:.2f}s estimate={:.2f}s total={:.2f}s threads={}",
      left.size(), right.size(), run.blocking.candidate_pairs, run.blocking.capped_blocks.size(),
      run.pairs.size(), ParameterSourceCode(run.estimation.source), prepared_seconds,
      estimated_seconds - prepared_seconds, SecondsSince(started), threads);
  return run;
}

ScoredPair ScorePair(const Person& left, const Person& right, const Weights& weights,
                     const Thresholds& thresholds, const ComparatorOptions& options,
                     CivilDate today) {
  const ComparisonVector vector = ComparePeople(left, right, options, today);
  return ScoreComparison(vector, weights, thresholds, left.id, right.id);
}

}  // namespace adempauze::fuzzy
