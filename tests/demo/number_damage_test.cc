// The renderings of damaged national numbers, and what nn::Check makes of them.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adempauze/nn/national_number.h"
#include "demo/number_damage.h"

namespace adempauze::demo {
namespace {

constexpr CivilDate kToday{2026, 3, 1};

// Valid numbers: born 1985 (man), born 2005 (leading zero), born January 2000 (three
// leading zeros), a BIS number.
const std::vector<std::string>& Samples() {
  static const std::vector<std::string> samples = {
      nn::Make(1985, 7, 30, 33), nn::Make(2005, 3, 14, 102), nn::Make(2000, 1, 15, 7),
      nn::Make(1990, 6, 1, 455, 40)};
  return samples;
}

TEST(NumberDamage, RendersTheKnownForms) {
  const std::string number = "85073003328";
  EXPECT_EQ(WithoutLeadingZeros("05073003328"), "5073003328");
  EXPECT_EQ(WithoutLeadingZeros("00011512345"), "11512345");
  EXPECT_EQ(ScientificRounded(number, ','), "8,5073E+10");
  EXPECT_EQ(ScientificRounded(number, '.'), "8.5073E+10");
  EXPECT_EQ(ScientificRounded("05073003328", ','), "5,073E+09");
  EXPECT_EQ(ScientificRounded("99999612345", ','), "1E+11");
  EXPECT_EQ(ScientificExact(number, '.'), "8.5073003328E+10");
  EXPECT_EQ(ScientificExact("85073003300", ','), "8,50730033E+10");
  EXPECT_EQ(ScientificExact("05073003328", '.'), "5.073003328E+09");
  EXPECT_EQ(WithTrailingDecimal(number, '.'), "85073003328.0");
  EXPECT_EQ(WithTrailingDecimal("05073003328", ','), "5073003328,0");
  EXPECT_EQ(WithSeparators(number), "85.07.30-033.28");
}

TEST(NumberDamage, RepairableFormsRepairToTheOriginal) {
  for (const std::string& digits : Samples()) {
    std::vector<std::string> forms = {ScientificExact(digits, '.'), ScientificExact(digits, ','),
                                      WithTrailingDecimal(digits, '.'), WithTrailingDecimal(digits, ','),
                                      WithSeparators(digits)};
    if (digits[0] == '0') forms.push_back(WithoutLeadingZeros(digits));
    for (const std::string& form : forms) {
      nn::CheckResult checked = nn::Check(form, kToday);
      ASSERT_TRUE(checked.valid()) << form;
      EXPECT_EQ(checked.number->digits, digits) << form;
    }
  }
}

TEST(NumberDamage, RoundedScientificIsInvalid) {
  for (const std::string& digits : Samples()) {
    for (char mark : {',', '.'}) {
      const std::string form = ScientificRounded(digits, mark);
      EXPECT_FALSE(nn::Check(form, kToday).valid()) << form;
    }
  }
}

TEST(NumberDamage, WrongCheckDigitsFailBothCenturies) {
  for (int serial = 1; serial <= 998; serial += 7) {
    for (int year : {1950, 1999, 2003}) {
      const std::string digits = nn::Make(year, 5, 17, serial);
      const std::string wrong = WithWrongCheckDigits(digits);
      ASSERT_EQ(wrong.size(), 11u);
      EXPECT_EQ(wrong.substr(0, 9), digits.substr(0, 9));
      EXPECT_NE(wrong, digits);
      nn::CheckResult checked = nn::Check(wrong, kToday);
      EXPECT_FALSE(checked.valid()) << wrong;
    }
  }
}

}  // namespace
}  // namespace adempauze::demo
