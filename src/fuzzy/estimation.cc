// Parameter estimation: u from random pairs, m by EM on the candidate pairs. The method and
// its reasons are in docs/formats/fuzzy-matching.md, section "EM estimation".
#include "fuzzy/estimation.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "fuzzy/field_comparison.h"
#include "fuzzy/parallel.h"

namespace adempauze::fuzzy::internal {
namespace {

using FieldMask = std::array<bool, kFieldCount>;

// The fields that EM on one blocking key's pairs leaves out. These are the fields the key
// makes agree more often than chance, and the fields that agree with them among relatives
// living together (surname and address). The non-matches in such a block are not like
// random pairs on those fields. The national number goes with the birth date, whose
// digits it contains.
constexpr std::array<FieldMask, kBlockingKeyKindCount> kFieldsLeftOut = {{
    {true, true, false, true, true, false},    // surname + initial: names, address
    {false, false, true, false, false, true},  // birth date: birth date, national number
    {false, true, false, true, true, false},   // address: address, surname
    {true, false, true, false, false, false},  // first name + year: first name, birth date
}};

constexpr std::size_t kRandomPairChunk = 8192;
constexpr double kSmoothingCount = 0.5;  // added to every level's count of random pairs

// SplitMix64: a small, fast generator whose output is the same on every platform.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Returns a value in [0, bound); the modulo bias is below 2^-32 for lists of this size.
  std::size_t Below(std::size_t bound) { return static_cast<std::size_t>(Next() % bound); }

 private:
  std::uint64_t state_;
};

struct PatternTables {
  std::vector<double> all = std::vector<double>(kPatternCount, 0.0);
  std::array<std::vector<double>, kBlockingKeyKindCount> by_key;

  PatternTables() {
    for (auto& table : by_key) table.assign(kPatternCount, 0.0);
  }
  void Add(const PatternTables& other) {
    for (std::size_t i = 0; i < kPatternCount; ++i) all[i] += other.all[i];
    for (std::size_t k = 0; k < kBlockingKeyKindCount; ++k) {
      for (std::size_t i = 0; i < kPatternCount; ++i) by_key[k][i] += other.by_key[k][i];
    }
  }
};

// Counts the comparison vectors of the candidate pairs of an even sample of left records,
// over all pairs and per blocking key with that key's left-out fields set to missing.
// Pairs with equal valid numbers are counted even when the matcher skips them: they are
// most of the true matches, and without them EM mistakes relatives for matches.
PatternTables CountCandidatePatterns(const PreparedList& left, const PreparedList& right,
                                     const BlockIndex& index, const MatcherConfig& config,
                                     unsigned threads) {
  const std::size_t sample = config.estimation.sample_left_records;
  const std::size_t stride =
      sample == 0 || sample >= left.size() ? 1 : (left.size() + sample - 1) / sample;
  const std::size_t sampled = (left.size() + stride - 1) / stride;

  std::vector<PatternTables> per_worker(threads);
  std::vector<CandidateScanner> scanners;
  scanners.reserve(threads);
  for (unsigned w = 0; w < threads; ++w) scanners.emplace_back(left, index, config.blocking);
  std::vector<ComparisonCache> caches(threads);
  ParallelRanges(sampled, threads, 256, [&](std::size_t begin, std::size_t end, unsigned worker) {
    PatternTables& tables = per_worker[worker];
    for (std::size_t s = begin; s < end; ++s) {
      const std::size_t i = s * stride;
      for (const Candidate& candidate : scanners[worker].CandidatesOf(i)) {
        const PreparedPerson& other = right[candidate.right];
        const ComparisonVector vector =
            CompareRecords(left, left[i], right, other, config.comparators, &caches[worker]);
        tables.all[PatternIndex(vector)] += 1;
        for (std::size_t k = 0; k < kBlockingKeyKindCount; ++k) {
          if (((candidate.key_mask >> k) & 1u) == 0) continue;
          ComparisonVector masked = vector;
          for (std::size_t f = 0; f < kFieldCount; ++f) {
            if (kFieldsLeftOut[k][f]) masked.levels[f] = Level::kMissing;
          }
          tables.by_key[k][PatternIndex(masked)] += 1;
        }
      }
    }
  });

  PatternTables total;
  for (const PatternTables& tables : per_worker) total.Add(tables);
  return total;
}

std::vector<PatternCount> ToPatterns(const std::vector<double>& counts) {
  std::vector<PatternCount> patterns;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] > 0) patterns.push_back({PatternLevels(i), counts[i]});
  }
  return patterns;
}

// Estimates u from random pairs: among them almost every pair is two different people.
// Chunks draw from their own seeds, so the estimate does not depend on the thread count.
ModelParameters SampleU(const PreparedList& left, const PreparedList& right,
                        const MatcherConfig& config, unsigned threads, ModelParameters start) {
  const std::size_t pairs = config.estimation.random_pairs;
  if (left.size() == 0 || right.size() == 0 || pairs == 0) return start;

  using Counts = std::array<std::array<double, kLevelCount>, kFieldCount>;
  std::vector<Counts> per_worker(threads, Counts{});
  std::vector<ComparisonCache> caches(threads);
  ParallelRanges(
      pairs, threads, kRandomPairChunk, [&](std::size_t begin, std::size_t end, unsigned worker) {
        SplitMix64 random(config.estimation.seed * 0x2545f4914f6cdd1dULL +
                          begin / kRandomPairChunk);
        for (std::size_t n = begin; n < end; ++n) {
          const std::size_t i = random.Below(left.size());
          const std::size_t j = random.Below(right.size());
          ComparisonVector vector =
              CompareRecords(left, left[i], right, right[j], config.comparators, &caches[worker]);
          // u of the replaced-number level is P(one BIS, one national number),
          // whatever the dates: the birth date field counts their agreement.
          if (HaveReplacedNumber(left[i], right[j])) {
            vector[Field::kNationalNumber] = Level::kVariant;
          }
          for (std::size_t f = 0; f < kFieldCount; ++f) {
            per_worker[worker][f][static_cast<std::size_t>(vector.levels[f])] += 1;
          }
        }
      });

  for (std::size_t f = 0; f < kFieldCount; ++f) {
    std::array<double, kObservedLevelCount> counts{};
    double total = 0;
    for (const Counts& worker : per_worker) {
      for (std::size_t l = 0; l < kObservedLevelCount; ++l) counts[l] += worker[f][l];
    }
    for (double c : counts) total += c;
    if (total <= 0) continue;  // the field is missing in every pair: keep the start value
    const double floor = config.estimation.em.min_probability;
    auto& u = start.fields[f].u;
    double sum = 0;
    for (std::size_t l = 0; l < kObservedLevelCount; ++l) {
      u[l] = std::max(
          floor, (counts[l] + kSmoothingCount) / (total + kSmoothingCount * kObservedLevelCount));
      sum += u[l];
    }
    for (double& value : u) value /= sum;
  }
  return start;
}

// Measures the household model on the right list: pairs of records that share surname,
// street and house number, and how many of those share a birth date.
HouseholdModel MeasureHouseholds(const PreparedList& right) {
  HouseholdModel household;
  if (right.size() == 0) return household;
  struct Member {
    std::uint64_t key;
    int birth_date;  // YYMMDD when complete, else -1 (never equal to another's)
    std::size_t index;
  };
  std::vector<Member> members;
  for (std::size_t i = 0; i < right.size(); ++i) {
    const std::uint64_t key = HouseholdKey(right, right[i]);
    if (key == 0) continue;
    const BirthDate& date = right[i].birth_date;
    members.push_back(
        {key, date.complete() ? date.year * 10000 + date.month * 100 + date.day : -1, i});
  }
  std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) {
    if (a.key != b.key) return a.key < b.key;
    if (a.birth_date != b.birth_date) return a.birth_date < b.birth_date;
    return a.index < b.index;
  });

  // Ordered pairs within each household, and within each (household, birth date) group.
  auto ordered_pairs = [](std::size_t size) {
    return static_cast<double>(size) * static_cast<double>(size - 1);
  };
  double relatives = 0;
  double twins = 0;
  for (std::size_t start = 0; start < members.size();) {
    std::size_t end = start;
    while (end < members.size() && members[end].key == members[start].key) ++end;
    relatives += ordered_pairs(end - start);
    for (std::size_t day = start; day < end;) {
      std::size_t day_end = day;
      while (day_end < end && members[day_end].birth_date == members[day].birth_date) ++day_end;
      if (members[day].birth_date >= 0) twins += ordered_pairs(day_end - day);
      day = day_end;
    }
    start = end;
  }
  household.relatives = relatives / static_cast<double>(right.size());
  household.same_birth_date = relatives > 0 ? twins / relatives : 0.0;
  return household;
}

EstimationRun RunOf(const EmResult& result, std::optional<BlockingKeyKind> key) {
  return EstimationRun{key, result.pairs, result.iterations, result.converged,
                       result.match_proportion};
}

// EM per blocking key with u fixed, then m averaged per field over the keys that did not
// make the field agree, weighted by each run's estimated number of matches.
Result<Estimate> EstimateWithSampledU(const PatternTables& tables, const ModelParameters& start,
                                      const MatcherConfig& config, std::size_t random_pairs,
                                      std::size_t right_count) {
  Estimate estimate;
  estimate.report.source = ParameterSource::kEmWithSampledU;
  estimate.report.random_pairs = random_pairs;

  std::array<std::array<double, kObservedLevelCount>, kFieldCount> m_sums{};
  std::array<double, kFieldCount> weight_sums{};
  for (std::size_t k = 0; k < kBlockingKeyKindCount; ++k) {
    if (!config.blocking.enabled[k]) continue;
    const std::vector<PatternCount> patterns = ToPatterns(tables.by_key[k]);
    if (patterns.empty()) continue;
    EmOptions options = config.estimation.em;
    options.estimate_u = false;
    options.ignored_fields = kFieldsLeftOut[k];
    options.right_count = right_count;
    Result<EmResult> result =
        EstimateByEm(patterns, start, config.estimation.start_proportion, options);
    if (!result) return result.error();
    estimate.report.runs.push_back(RunOf(*result, static_cast<BlockingKeyKind>(k)));

    const double matches = result->match_proportion * result->pairs;
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      if (kFieldsLeftOut[k][f]) continue;
      for (std::size_t l = 0; l < kObservedLevelCount; ++l) {
        m_sums[f][l] += matches * result->parameters.fields[f].m[l];
      }
      weight_sums[f] += matches;
    }
  }
  if (estimate.report.runs.empty())
    return MakeError(ErrorCode::kInvalidArgument, "fuzzy.em.no_pairs");

  estimate.parameters = start;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (weight_sums[f] <= 0) continue;  // no key's pairs showed this field: keep the start m
    for (std::size_t l = 0; l < kObservedLevelCount; ++l) {
      estimate.parameters.fields[f].m[l] = m_sums[f][l] / weight_sums[f];
    }
  }
  return estimate;
}

}  // namespace

Result<Estimate> EstimateParameters(const PreparedList& left, const PreparedList& right,
                                    const BlockIndex& index, const MatcherConfig& config,
                                    unsigned threads) {
  const ParameterSource source = config.estimation.source;
  if (source == ParameterSource::kConfigured) {
    return Estimate{config.parameters, EstimationReport{source, 0, {}}};
  }

  // Step 1: the comparison vectors of the sampled candidate pairs.
  const PatternTables tables = CountCandidatePatterns(left, right, index, config, threads);

  // Step 2a: classic EM, m and u together, on all candidate pairs.
  if (source == ParameterSource::kEmOnCandidates) {
    EmOptions options = config.estimation.em;
    options.estimate_u = true;
    options.ignored_fields = {};
    ModelParameters start = config.parameters;
    start.household = MeasureHouseholds(right);
    options.right_count = right.size();
    Result<EmResult> result =
        EstimateByEm(ToPatterns(tables.all), start, config.estimation.start_proportion, options);
    if (!result) return result.error();
    Estimate estimate{result->parameters,
                      EstimationReport{source, 0, {RunOf(*result, std::nullopt)}}};
    return estimate;
  }

  // Step 2b: u from random pairs, then m by EM per blocking key.
  ModelParameters start = SampleU(left, right, config, threads, config.parameters);
  start.household = MeasureHouseholds(right);
  return EstimateWithSampledU(tables, start, config, config.estimation.random_pairs, right.size());
}

}  // namespace adempauze::fuzzy::internal
