// Quality measures against ground truth.
#include "adempauze/fuzzy/evaluate.h"

#include <algorithm>
#include <limits>
#include <string>
#include <unordered_map>

#include "adempauze/fuzzy/number_evidence.h"
#include "fuzzy/block_index.h"
#include "fuzzy/field_comparison.h"
#include "fuzzy/parallel.h"
#include "fuzzy/prepared.h"

namespace adempauze::fuzzy {
namespace {

std::vector<IdPair> SortedDistinct(std::span<const IdPair> pairs) {
  std::vector<IdPair> sorted(pairs.begin(), pairs.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  return sorted;
}

bool Contains(const std::vector<IdPair>& sorted, const IdPair& pair) {
  return std::binary_search(sorted.begin(), sorted.end(), pair);
}

double Ratio(std::size_t numerator, std::size_t denominator) {
  return denominator == 0 ? 1.0 : static_cast<double>(numerator) / static_cast<double>(denominator);
}

// Maps each id to the position of its first record.
std::unordered_map<std::size_t, std::size_t> FirstPositions(std::span<const Person> people) {
  std::unordered_map<std::size_t, std::size_t> positions;
  positions.reserve(people.size());
  for (std::size_t i = 0; i < people.size(); ++i) positions.emplace(people[i].id, i);
  return positions;
}

}  // namespace

QualityReport Evaluate(std::span<const ScoredPair> pairs, std::span<const IdPair> truth,
                       const Thresholds& thresholds, std::span<const IdPair> found_elsewhere) {
  const std::vector<IdPair> true_pairs = SortedDistinct(truth);
  const std::vector<IdPair> elsewhere = SortedDistinct(found_elsewhere);

  // Step 1: the distinct review pairs that no other method proposed already.
  std::vector<IdPair> review;
  for (const ScoredPair& pair : pairs) {
    if (!NeedsReview(Classify(pair.score, thresholds))) continue;
    const IdPair ids{pair.left_id, pair.right_id};
    if (!Contains(elsewhere, ids)) review.push_back(ids);
  }
  review = SortedDistinct(review);

  // Step 2: sort every pair into found, missed and false.
  QualityReport report;
  report.true_pairs = true_pairs.size();
  report.review_pairs = review.size();
  for (const IdPair& pair : review) {
    if (Contains(true_pairs, pair)) {
      ++report.review_true;
    } else {
      report.false_positives.push_back(pair);
    }
  }
  for (const IdPair& pair : true_pairs) {
    if (Contains(review, pair)) continue;
    if (Contains(elsewhere, pair)) {
      ++report.found_elsewhere;
    } else {
      report.missed.push_back(pair);
    }
  }

  // Step 3: the ratios.
  report.precision = Ratio(report.review_true, report.review_pairs);
  report.recall = Ratio(report.review_true + report.found_elsewhere, report.true_pairs);
  const double sum = report.precision + report.recall;
  report.f1 = sum == 0 ? 0 : 2 * report.precision * report.recall / sum;
  return report;
}

std::vector<IdPair> ExactNumberMatches(std::span<const Person> left, std::span<const Person> right,
                                       CivilDate today) {
  std::unordered_map<std::string, std::vector<std::size_t>> right_by_number;
  for (const Person& person : right) {
    NumberEvidence evidence = ReadNumberEvidence(person.national_number, today);
    if (evidence.valid) right_by_number[std::move(evidence.digits)].push_back(person.id);
  }
  std::vector<IdPair> matches;
  for (const Person& person : left) {
    const NumberEvidence evidence = ReadNumberEvidence(person.national_number, today);
    if (!evidence.valid) continue;
    const auto found = right_by_number.find(evidence.digits);
    if (found == right_by_number.end()) continue;
    for (std::size_t right_id : found->second) matches.push_back(IdPair{person.id, right_id});
  }
  return SortedDistinct(matches);
}

Result<BlockingEvaluation> EvaluateBlocking(std::span<const Person> left,
                                            std::span<const Person> right,
                                            const MatcherConfig& config,
                                            std::span<const IdPair> truth) {
  if (Status valid = ValidateConfig(config); !valid) return valid.error();
  constexpr std::size_t kMaxRecords = std::numeric_limits<std::uint32_t>::max();
  if (left.size() > kMaxRecords || right.size() > kMaxRecords) {
    return MakeError(ErrorCode::kInvalidArgument, "fuzzy.input.too_large", kMaxRecords);
  }
  const unsigned threads = internal::ResolveThreads(config.threads);
  const auto left_list = internal::PreparedList::Build(left, config.today, threads);
  const auto right_list = internal::PreparedList::Build(right, config.today, threads);
  const auto index = internal::BlockIndex::Build(right_list, config.blocking, threads);

  // Step 1: the true pairs as record positions, grouped by left record. Pairs the exact
  // matcher finds count as kept without looking at blocking.
  BlockingEvaluation evaluation;
  const std::vector<IdPair> true_pairs = SortedDistinct(truth);
  evaluation.true_pairs = true_pairs.size();
  const auto left_positions = FirstPositions(left);
  const auto right_positions = FirstPositions(right);
  std::vector<char> kept(true_pairs.size(), 0);
  std::unordered_map<std::size_t, std::vector<std::pair<std::uint32_t, std::size_t>>> wanted;
  for (std::size_t t = 0; t < true_pairs.size(); ++t) {
    const auto l = left_positions.find(true_pairs[t].left);
    const auto r = right_positions.find(true_pairs[t].right);
    if (l == left_positions.end() || r == right_positions.end()) continue;
    if (config.skip_equal_valid_numbers &&
        internal::HaveEqualValidNumbers(left_list[l->second], right_list[r->second])) {
      kept[t] = 1;
      continue;
    }
    wanted[l->second].push_back({static_cast<std::uint32_t>(r->second), t});
  }

  // Step 2: the blocking scan, counting candidates and marking the true pairs it proposes.
  std::vector<internal::CandidateScanner> scanners;
  scanners.reserve(threads);
  for (unsigned w = 0; w < threads; ++w) scanners.emplace_back(left_list, index, config.blocking);
  std::vector<std::uint64_t> candidates(threads, 0);
  std::vector<std::uint64_t> skipped(threads, 0);
  internal::ParallelRanges(
      left_list.size(), threads, 256, [&](std::size_t begin, std::size_t end, unsigned worker) {
        for (std::size_t i = begin; i < end; ++i) {
          const std::span<const internal::Candidate> found = scanners[worker].CandidatesOf(i);
          for (const internal::Candidate& candidate : found) {
            if (config.skip_equal_valid_numbers &&
                internal::HaveEqualValidNumbers(left_list[i], right_list[candidate.right])) {
              ++skipped[worker];
            } else {
              ++candidates[worker];
            }
          }
          const auto want = wanted.find(i);
          if (want == wanted.end()) continue;
          for (const auto& [right_position, truth_index] : want->second) {
            const bool proposed = std::binary_search(
                found.begin(), found.end(), internal::Candidate{right_position, 0},
                [](const internal::Candidate& a, const internal::Candidate& b) {
                  return a.right < b.right;
                });
            if (proposed) kept[truth_index] = 1;
          }
        }
      });

  // Step 3: the figures.
  std::uint64_t candidate_total = 0;
  std::uint64_t skipped_total = 0;
  for (unsigned w = 0; w < threads; ++w) {
    candidate_total += candidates[w];
    skipped_total += skipped[w];
  }
  evaluation.stats = internal::SummariseBlocking(left.size(), right.size(), index, scanners,
                                                 candidate_total, skipped_total);
  for (std::size_t t = 0; t < true_pairs.size(); ++t) {
    if (kept[t]) {
      ++evaluation.true_pairs_kept;
    } else {
      evaluation.lost.push_back(true_pairs[t]);
    }
  }
  evaluation.pair_completeness = Ratio(evaluation.true_pairs_kept, evaluation.true_pairs);
  return evaluation;
}

}  // namespace adempauze::fuzzy
