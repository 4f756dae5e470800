// Check runs on every row of a large import, so it must not allocate beyond its result.
// This file replaces the global operator new of the nn_tests binary to count allocations.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "adempauze/nn/national_number.h"

namespace {
std::atomic<long> allocation_count{0};
}  // namespace

void* operator new(std::size_t size) {
  allocation_count.fetch_add(1, std::memory_order_relaxed);
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}
void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }

namespace adempauze::nn {
namespace {

constexpr CivilDate kToday{2026, 12, 4};

long AllocationsOfCheck(const char* input) {
  const long before = allocation_count.load();
  const CheckResult result = Check(input, kToday);
  const long after = allocation_count.load();
  EXPECT_EQ(result.valid() || result.reason.has_value(), true);
  return after - before;
}

TEST(NationalNumberCheck, AllocatesNothingWithoutRepairs) {
  // NOTE: a valid result stores 11 digits in a std::string, which fits the small-string
  // buffer of libstdc++ (15 characters); another standard library may allocate here.
  const char* inputs[] = {
      "85.07.30-033.28", "98472899765", "12345678901", "85073500107", "8.5073E+10", "abc", "",
      "8507300016.0"};
  for (const char* input : inputs) {
    SCOPED_TRACE(input);
    EXPECT_EQ(AllocationsOfCheck(input), 0);
  }
}

TEST(NationalNumberCheck, AllocatesOnlyRepairList) {
  EXPECT_EQ(AllocationsOfCheck("5031412397"), 1);
  EXPECT_EQ(AllocationsOfCheck("5.031412397E+09"), 1);
}

}  // namespace
}  // namespace adempauze::nn
