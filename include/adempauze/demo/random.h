// Deterministic random numbers for the demo generator.
//
// The standard fixes std::mt19937_64's output sequence exactly, but not the algorithms of
// std::uniform_int_distribution and friends, which differ between libstdc++, libc++ and
// MSVC. Everything the generator draws therefore goes through this class, so a seed gives
// the same files on every platform.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <span>

namespace adempauze::demo {

// Returns an independent seed for the random stream `stream` of a run seeded with `seed`
// (SplitMix64's finaliser over both), so changing one stream's use leaves the others alone.
std::uint64_t DeriveSeed(std::uint64_t seed, std::uint64_t stream);

// Not thread-safe: each thread or stream holds its own Random.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t Next() { return engine_(); }

  // Returns a uniform value in [0, bound), without modulo bias (Lemire's multiply-and-
  // reject method). REQUIRES: bound > 0.
  std::uint64_t Below(std::uint64_t bound);

  // Returns a uniform integer in [low, high]. REQUIRES: low <= high.
  int Between(int low, int high);

  // Returns a uniform double in [0, 1) with 53 random bits.
  double Unit();

  // Returns true with probability `probability` (clamped to [0, 1]). Always draws exactly
  // one value, so the rest of the stream does not depend on the probability.
  bool Chance(double probability) { return Unit() < probability; }

  // Returns a uniformly chosen element. REQUIRES: !items.empty().
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[static_cast<std::size_t>(Below(items.size()))];
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace adempauze::demo
