// Micro-benchmarks of nn::Check, the national number check that ingest runs on every row.
//
// The inputs are made with nn::Make from a fixed seed, so every run checks the same values.
// "Mix" approximates a damaged export: mostly plain numbers, some with separators, BIS
// numbers, births from 2000, spreadsheet damage that can be repaired, and invalid values.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/nn/national_number.h"

namespace {

using adempauze::CivilDate;
namespace nn = adempauze::nn;

constexpr std::size_t kInputs = 100'000;
const CivilDate kToday{2026, 12, 4};

enum class Shape { kPlain, kSeparators, kBis, kBorn2000s, kLostZero, kScientific, kTrailingDecimal,
                   kBadChecksum, kGarbage };

// A valid number of someone born 1930-2008; births from 2000 use the "2" checksum rule.
std::string RandomNumber(std::mt19937_64& random, bool bis, bool born_2000s) {
  std::uniform_int_distribution<int> year(born_2000s ? 2000 : 1930, born_2000s ? 2008 : 1999);
  std::uniform_int_distribution<int> month(1, 12);
  std::uniform_int_distribution<int> day(1, 28);
  std::uniform_int_distribution<int> serial(1, 998);
  return nn::Make(year(random), month(random), day(random), serial(random), bis ? 40 : 0);
}

std::string MakeInput(std::mt19937_64& random, Shape shape) {
  switch (shape) {
    case Shape::kPlain: return RandomNumber(random, false, false);
    case Shape::kSeparators: return nn::Format(RandomNumber(random, false, false));
    case Shape::kBis: return RandomNumber(random, true, false);
    case Shape::kBorn2000s: return RandomNumber(random, false, true);
    case Shape::kLostZero: {
      std::string digits = RandomNumber(random, false, true);
      return digits.substr(digits.find_first_not_of('0'));
    }
    case Shape::kScientific: {
      std::string digits = RandomNumber(random, false, false);
      return digits.substr(0, 1) + "." + digits.substr(1) + "E+10";
    }
    case Shape::kTrailingDecimal: return RandomNumber(random, false, false) + ".0";
    case Shape::kBadChecksum: {
      std::string digits = RandomNumber(random, false, false);
      digits[10] = digits[10] == '9' ? '0' : static_cast<char>(digits[10] + 1);
      return digits;
    }
    case Shape::kGarbage: return "onbekend";
  }
  return {};
}

// Returns kInputs values of the given shapes, drawn with the given weights (out of 100).
std::vector<std::string> MakeInputs(const std::vector<std::pair<Shape, int>>& weights) {
  std::mt19937_64 random(20261204);
  std::uniform_int_distribution<int> percent(0, 99);
  std::vector<std::string> inputs;
  inputs.reserve(kInputs);
  while (inputs.size() < kInputs) {
    int draw = percent(random);
    for (const auto& [shape, weight] : weights) {
      if (draw < weight) {
        inputs.push_back(MakeInput(random, shape));
        break;
      }
      draw -= weight;
    }
  }
  return inputs;
}

void RunChecks(benchmark::State& state, const std::vector<std::string>& inputs) {
  std::size_t valid = 0;
  for (auto _ : state) {
    for (const std::string& input : inputs) {
      nn::CheckResult result = nn::Check(input, kToday);
      valid += result.valid();
      benchmark::DoNotOptimize(result);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * inputs.size()));
  state.counters["valid_share"] = static_cast<double>(valid) / static_cast<double>(state.iterations() * inputs.size());
}

void BM_CheckPlain(benchmark::State& state) {
  static const std::vector<std::string> inputs = MakeInputs({{Shape::kPlain, 100}});
  RunChecks(state, inputs);
}
BENCHMARK(BM_CheckPlain);

void BM_CheckSeparators(benchmark::State& state) {
  static const std::vector<std::string> inputs = MakeInputs({{Shape::kSeparators, 100}});
  RunChecks(state, inputs);
}
BENCHMARK(BM_CheckSeparators);

void BM_CheckRepairs(benchmark::State& state) {
  static const std::vector<std::string> inputs =
      MakeInputs({{Shape::kLostZero, 34}, {Shape::kScientific, 33}, {Shape::kTrailingDecimal, 33}});
  RunChecks(state, inputs);
}
BENCHMARK(BM_CheckRepairs);

void BM_CheckInvalid(benchmark::State& state) {
  static const std::vector<std::string> inputs = MakeInputs({{Shape::kBadChecksum, 80}, {Shape::kGarbage, 20}});
  RunChecks(state, inputs);
}
BENCHMARK(BM_CheckInvalid);

void BM_CheckMix(benchmark::State& state) {
  static const std::vector<std::string> inputs = MakeInputs({{Shape::kPlain, 70},
                                                             {Shape::kSeparators, 8},
                                                             {Shape::kBis, 3},
                                                             {Shape::kBorn2000s, 8},
                                                             {Shape::kLostZero, 3},
                                                             {Shape::kScientific, 2},
                                                             {Shape::kTrailingDecimal, 2},
                                                             {Shape::kBadChecksum, 3},
                                                             {Shape::kGarbage, 1}});
  RunChecks(state, inputs);
}
BENCHMARK(BM_CheckMix);

}  // namespace

BENCHMARK_MAIN();
