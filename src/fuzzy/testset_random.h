// The test-set generator's random numbers, identical on every platform.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace adempauze::fuzzy::internal {

// SplitMix64 with the few draws the generator needs. The standard distributions of <random>
// differ between standard libraries, so they are not used. Not thread-safe.
class TestRandom {
 public:
  explicit TestRandom(std::uint64_t seed) : state_(seed) {}

  // Returns a generator for stream `stream` of a run seeded with `seed`.
  static TestRandom Stream(std::uint64_t seed, std::uint64_t stream) {
    TestRandom mixer(seed ^ (stream * 0xd1b54a32d192ed03ULL));
    return TestRandom(mixer.Next());
  }

  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Returns a value in [0, bound) without modulo bias: draws below 2^64 mod bound are
  // rejected. REQUIRES: bound > 0.
  std::uint64_t Below(std::uint64_t bound) {
    const std::uint64_t rejected_below = (0 - bound) % bound;
    for (;;) {
      const std::uint64_t value = Next();
      if (value >= rejected_below) return value % bound;
    }
  }

  // Returns a value in [low, high]. REQUIRES: low <= high.
  int Between(int low, int high) {
    return low + static_cast<int>(Below(static_cast<std::uint64_t>(high - low) + 1));
  }

  // Returns a double in [0, 1) with 53 random bits.
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  // Draws exactly one value, whatever the probability, so later draws do not shift.
  bool Chance(double probability) { return Unit() < probability; }

  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[static_cast<std::size_t>(Below(items.size()))];
  }

 private:
  std::uint64_t state_;
};

}  // namespace adempauze::fuzzy::internal
