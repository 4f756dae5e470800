// Check and MaskRaw on arbitrary input: whatever a file holds, the result is well formed.
// The inputs come from a fixed-seed generator, so every run checks the same values.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "adempauze/nn/national_number.h"

namespace adempauze::nn {
namespace {

constexpr CivilDate kToday{2026, 12, 4};

// Builds values near the interesting shapes: digits, separators, decimal marks, exponents,
// whitespace and stray bytes, up to 24 characters.
std::string RandomValue(std::mt19937& engine) {
  static constexpr char kAlphabet[] = "0123456789012345678901234567890123456789 .-/,Ee+\t\xC2\xA0x";
  const std::size_t length = engine() % 25;
  std::string value;
  for (std::size_t i = 0; i < length; ++i) value += kAlphabet[engine() % (sizeof kAlphabet - 1)];
  return value;
}

int CountDigits(const std::string& text) {
  int count = 0;
  for (char c : text) count += (c >= '0' && c <= '9') ? 1 : 0;
  return count;
}

TEST(NationalNumberRobustness, ArbitraryValuesGiveWellFormedResults) {
  std::mt19937 engine(20261204);
  int valid = 0;
  for (int i = 0; i < 50000; ++i) {
    const std::string value = RandomValue(engine);
    const CheckResult result = Check(value, kToday);
    ASSERT_NE(result.valid(), result.reason.has_value()) << value;
    ASSERT_LE(CountDigits(MaskRaw(value)), 6) << value;
    if (!result.valid()) continue;

    // A valid result is 11 digits that check again, without repairs, to the same number.
    ++valid;
    const std::string& digits = result.number->digits;
    ASSERT_EQ(digits.size(), 11u) << value;
    ASSERT_EQ(CountDigits(digits), 11) << value;
    const CheckResult again = Check(digits, kToday);
    ASSERT_TRUE(again.valid()) << value;
    ASSERT_TRUE(again.repairs.empty()) << value;
    ASSERT_EQ(CheckDigits(digits.substr(0, 9), result.number->century),
              std::stoi(digits.substr(9, 2)))
        << value;
  }
  EXPECT_GT(valid, 0);  // the generator does reach valid numbers
}

TEST(NationalNumberRobustness, MakeRoundTripsEveryDateOfAYear) {
  for (int year : {1984, 2000, 2024}) {
    for (int month = 1; month <= 12; ++month) {
      for (int day = 1; day <= DaysInMonth(year, month); ++day) {
        for (int offset : {0, 20, 40}) {
          const std::string digits = Make(year, month, day, 1 + (day * 37) % 997, offset);
          const CheckResult result = Check(digits, kToday);
          ASSERT_TRUE(result.valid()) << digits;
          ASSERT_EQ(result.number->birth_year, year) << digits;
          ASSERT_EQ(result.number->birth_month, month) << digits;
          ASSERT_EQ(result.number->birth_day, day) << digits;
        }
      }
    }
  }
}

}  // namespace
}  // namespace adempauze::nn
