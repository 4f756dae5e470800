// demo::Random: reproducible on every platform, and uniform where it promises to be.
#include <set>
#include <vector>

#include <gtest/gtest.h>

#include "adempauze/demo/random.h"

namespace adempauze::demo {
namespace {

TEST(Random, EngineMatchesTheStandardSequence) {
  // The C++ standard fixes the 10,000th value of a default-seeded mt19937_64.
  Random random(5489u);
  std::uint64_t value = 0;
  for (int i = 0; i < 10000; ++i) value = random.Next();
  EXPECT_EQ(value, 9981545732273789042ULL);
}

TEST(Random, DrawsArePinnedForASeed) {
  // Golden values: a change here changes every demo file for every seed.
  Random random(DeriveSeed(42, 1));
  std::vector<std::uint64_t> below;
  for (int i = 0; i < 5; ++i) below.push_back(random.Below(1000));
  EXPECT_EQ(below, (std::vector<std::uint64_t>{627, 832, 584, 169, 932}));
}

TEST(Random, SameSeedSameSequence) {
  Random a(123);
  Random b(123);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.Below(97), b.Below(97));
}

TEST(Random, StreamsDiffer) {
  std::set<std::uint64_t> seeds;
  for (std::uint64_t stream = 0; stream < 100; ++stream) seeds.insert(DeriveSeed(1, stream));
  EXPECT_EQ(seeds.size(), 100u);
  EXPECT_NE(DeriveSeed(1, 1), DeriveSeed(2, 1));
}

TEST(Random, BetweenReachesBothEndsOnly) {
  Random random(9);
  std::vector<int> seen(8, 0);
  for (int i = 0; i < 4000; ++i) {
    int value = random.Between(2, 5);
    ASSERT_GE(value, 2);
    ASSERT_LE(value, 5);
    ++seen[static_cast<std::size_t>(value)];
  }
  for (int value = 2; value <= 5; ++value) {
    // 1,000 expected per value; the bounds are about 7 standard deviations wide.
    EXPECT_GT(seen[static_cast<std::size_t>(value)], 800) << value;
    EXPECT_LT(seen[static_cast<std::size_t>(value)], 1200) << value;
  }
}

TEST(Random, BelowHandlesHugeBounds) {
  Random random(10);
  const std::uint64_t bound = (std::uint64_t{1} << 63) + 12345;
  for (int i = 0; i < 1000; ++i) ASSERT_LT(random.Below(bound), bound);
  EXPECT_EQ(random.Below(1), 0u);
}

TEST(Random, UnitStaysInHalfOpenRange) {
  Random random(11);
  double sum = 0;
  for (int i = 0; i < 10000; ++i) {
    double value = random.Unit();
    ASSERT_GE(value, 0.0);
    ASSERT_LT(value, 1.0);
    sum += value;
  }
  EXPECT_NEAR(sum / 10000, 0.5, 0.02);
}

TEST(Random, ChanceHonoursCertainties) {
  Random random(12);
  for (int i = 0; i < 1000; ++i) {
    EXPECT_TRUE(random.Chance(1.0));
    EXPECT_FALSE(random.Chance(0.0));
  }
}

}  // namespace
}  // namespace adempauze::demo
