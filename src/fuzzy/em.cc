// Expectation-maximisation over comparison-vector counts.
#include "adempauze/fuzzy/em.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace adempauze::fuzzy {
namespace {

using LevelArray = std::array<double, kObservedLevelCount>;

constexpr double kMaxMinProbability = 0.01;

// Moves every value into [floor, 1 - floor] and keeps the sum at 1: values under the floor
// are raised to it and the others scaled down to make room. Repeats because scaling can push
// another value under the floor.
void ClampDistribution(LevelArray& values, double floor) {
  for (std::size_t round = 0; round < kObservedLevelCount; ++round) {
    double fixed_mass = 0;
    double free_mass = 0;
    for (double v : values) {
      if (v <= floor) {
        fixed_mass += floor;
      } else {
        free_mass += v;
      }
    }
    if (free_mass <= 0) {
      values.fill(1.0 / static_cast<double>(values.size()));
      return;
    }
    const double scale = (1.0 - fixed_mass) / free_mass;
    bool pushed_under = false;
    for (double& v : values) {
      if (v <= floor) {
        v = floor;
      } else {
        v *= scale;
        pushed_under = pushed_under || v < floor;
      }
    }
    if (!pushed_under) return;
  }
}

double Clamp(double value, double floor) { return std::clamp(value, floor, 1.0 - floor); }

double MaxChange(const LevelArray& a, const LevelArray& b) {
  double change = 0;
  for (std::size_t i = 0; i < a.size(); ++i) change = std::max(change, std::abs(a[i] - b[i]));
  return change;
}

Status ValidateOptions(const EmOptions& options, double start_proportion) {
  if (options.max_iterations < 1) {
    return MakeError(ErrorCode::kInvalidArgument, "fuzzy.em.invalid_option", "max_iterations");
  }
  if (!(options.tolerance > 0)) {
    return MakeError(ErrorCode::kInvalidArgument, "fuzzy.em.invalid_option", "tolerance");
  }
  if (!(options.min_probability > 0 && options.min_probability <= kMaxMinProbability)) {
    return MakeError(ErrorCode::kInvalidArgument, "fuzzy.em.invalid_option", "min_probability");
  }
  if (!(start_proportion > 0 && start_proportion < 1)) {
    return MakeError(ErrorCode::kInvalidArgument, "fuzzy.em.invalid_option", "start_proportion");
  }
  return Status::Ok();
}

// Returns the household adjustment of `vector` in natural-log units, or 0 when a field it
// needs is ignored.
double LogHouseholdAdjustment(const ComparisonVector& vector, const Weights& weights,
                              const EmOptions& options) {
  auto ignored = [&](Field field) {
    return options.ignored_fields[static_cast<std::size_t>(field)];
  };
  if (options.right_count == 0 || ignored(Field::kLastName) || ignored(Field::kStreet) ||
      ignored(Field::kHouseNumber)) {
    return 0.0;
  }
  Weights usable = weights;
  if (ignored(Field::kBirthDate)) usable.household_twins = 0;
  return HouseholdAdjustmentOf(vector, usable) * std::log(2.0);
}

// Sums of the posterior weights per field and level, for the M-step.
struct Expectations {
  std::array<LevelArray, kFieldCount> match{};
  std::array<LevelArray, kFieldCount> non_match{};
  double match_total = 0;
  double all_total = 0;
  double log_likelihood = 0;
};

Expectations ExpectationStep(std::span<const PatternCount> patterns,
                             const ModelParameters& parameters, double proportion,
                             const EmOptions& options) {
  Expectations sums;
  const Weights weights = Weights::From(parameters, options.right_count);
  const double log_p = std::log(proportion);
  const double log_not_p = std::log(1.0 - proportion);
  for (const PatternCount& pattern : patterns) {
    if (pattern.count <= 0) continue;
    double log_match = log_p;
    double log_non_match = log_not_p;
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      const auto level = static_cast<std::size_t>(pattern.vector.levels[f]);
      if (options.ignored_fields[f] || level >= kObservedLevelCount) continue;
      log_match += std::log(parameters.fields[f].m[level]);
      log_non_match += std::log(parameters.fields[f].u[level]);
    }
    // The adjustment lowers the match weight, so it raises the non-match likelihood.
    log_non_match -= LogHouseholdAdjustment(pattern.vector, weights, options);
    // P(match | pattern) from the two log-likelihoods, without overflow.
    const double high = std::max(log_match, log_non_match);
    const double log_total =
        high + std::log(std::exp(log_match - high) + std::exp(log_non_match - high));
    const double posterior = std::exp(log_match - log_total);
    sums.log_likelihood += pattern.count * log_total;

    const double match_weight = pattern.count * posterior;
    const double non_match_weight = pattern.count * (1.0 - posterior);
    sums.match_total += match_weight;
    sums.all_total += pattern.count;
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      const auto level = static_cast<std::size_t>(pattern.vector.levels[f]);
      if (options.ignored_fields[f] || level >= kObservedLevelCount) continue;
      sums.match[f][level] += match_weight;
      sums.non_match[f][level] += non_match_weight;
    }
  }
  return sums;
}

// Normalises `sums` into `target` when the field was observed in this class at all.
void MaximiseLevels(const LevelArray& sums, double floor, LevelArray& target) {
  double total = 0;
  for (double s : sums) total += s;
  if (total <= 0) return;
  for (std::size_t i = 0; i < sums.size(); ++i) target[i] = sums[i] / total;
  ClampDistribution(target, floor);
}

// Returns true when the "match" class agrees exactly less often than the other in most
// observed fields: EM found the same split with the labels the wrong way round.
bool ClassesLookSwapped(const ModelParameters& parameters, const EmOptions& options) {
  int agreeing = 0;
  int disagreeing = 0;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if (options.ignored_fields[f]) continue;
    const FieldProbabilities& field = parameters.fields[f];
    if (field.m[0] > field.u[0]) {
      ++agreeing;
    } else {
      ++disagreeing;
    }
  }
  return disagreeing > agreeing;
}

}  // namespace

Result<EmResult> EstimateByEm(std::span<const PatternCount> patterns, const ModelParameters& start,
                              double start_proportion, const EmOptions& options) {
  if (Status valid = ValidateOptions(options, start_proportion); !valid) return valid.error();
  double total = 0;
  for (const PatternCount& pattern : patterns) total += std::max(0.0, pattern.count);
  if (total <= 0) return MakeError(ErrorCode::kInvalidArgument, "fuzzy.em.no_pairs");

  EmResult result;
  result.parameters = start;
  result.pairs = total;
  double proportion = Clamp(start_proportion, options.min_probability);

  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    result.iterations = iteration;

    // E-step: the posterior probability of a match for every pattern.
    const Expectations sums = ExpectationStep(patterns, result.parameters, proportion, options);
    result.log_likelihood = sums.log_likelihood;

    // M-step: new proportion, m and u from the expected counts.
    ModelParameters next = result.parameters;
    const double next_proportion =
        Clamp(sums.match_total / sums.all_total, options.min_probability);
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      if (options.ignored_fields[f]) continue;
      MaximiseLevels(sums.match[f], options.min_probability, next.fields[f].m);
      if (options.estimate_u) {
        MaximiseLevels(sums.non_match[f], options.min_probability, next.fields[f].u);
      }
    }

    // Convergence: the largest change of any probability.
    double change = std::abs(next_proportion - proportion);
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      change = std::max(change, MaxChange(next.fields[f].m, result.parameters.fields[f].m));
      change = std::max(change, MaxChange(next.fields[f].u, result.parameters.fields[f].u));
    }
    result.parameters = next;
    proportion = next_proportion;
    if (change < options.tolerance) {
      result.converged = true;
      break;
    }
  }

  if (options.estimate_u && ClassesLookSwapped(result.parameters, options)) {
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      if (options.ignored_fields[f]) continue;
      std::swap(result.parameters.fields[f].m, result.parameters.fields[f].u);
    }
    proportion = 1.0 - proportion;
    result.classes_swapped = true;
  }
  result.match_proportion = proportion;
  return result;
}

}  // namespace adempauze::fuzzy
