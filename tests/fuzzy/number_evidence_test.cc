// Reading digits, kind and birth date from valid, mistyped and damaged national numbers.
#include "adempauze/fuzzy/number_evidence.h"

#include <gtest/gtest.h>

#include <string>

#include "adempauze/nn/national_number.h"
#include "fuzzy/fuzzy_test_support.h"

namespace adempauze::fuzzy {
namespace {

using testing::kToday;

TEST(ReadNumberEvidence, ValidNumberGivesItsBirthDate) {
  const std::string digits = nn::Make(1985, 7, 30, 33);
  const NumberEvidence evidence = ReadNumberEvidence(nn::Format(digits), kToday);
  EXPECT_TRUE(evidence.valid);
  EXPECT_EQ(evidence.digits, digits);
  EXPECT_EQ(evidence.kind, nn::Kind::kNationalNumber);
  EXPECT_EQ(evidence.birth_date, (BirthDate{85, 7, 30}));
}

TEST(ReadNumberEvidence, BisNumberLosesItsMonthOffset) {
  for (int offset : {20, 40}) {
    const NumberEvidence evidence = ReadNumberEvidence(nn::Make(1990, 3, 14, 120, offset), kToday);
    EXPECT_TRUE(evidence.valid);
    EXPECT_EQ(evidence.kind, nn::Kind::kBis);
    EXPECT_EQ(evidence.birth_date, (BirthDate{90, 3, 14})) << "offset " << offset;
  }
}

TEST(ReadNumberEvidence, BirthFrom2000KeepsTwoDigitYear) {
  const NumberEvidence evidence = ReadNumberEvidence(nn::Make(2004, 2, 29, 12), kToday);
  EXPECT_TRUE(evidence.valid);
  EXPECT_EQ(evidence.birth_date, (BirthDate{4, 2, 29}));
}

TEST(ReadNumberEvidence, MistypedNumberKeepsDigitsAndDate) {
  std::string digits = nn::Make(1985, 7, 30, 33);
  digits[8] = digits[8] == '9' ? '0' : static_cast<char>(digits[8] + 1);  // serial typo
  const NumberEvidence evidence = ReadNumberEvidence(digits, kToday);
  EXPECT_FALSE(evidence.valid);
  EXPECT_EQ(evidence.digits, digits);
  EXPECT_EQ(evidence.birth_date, (BirthDate{85, 7, 30}));
}

struct DamagedCase {
  const char* raw;
  const char* digits;  // empty when not 11
  BirthDate birth_date;
};

TEST(ReadNumberEvidence, ReadsDamagedValuesDefensively) {
  const DamagedCase cases[] = {
      {"85.07.30-033.29", "85073003329", {85, 7, 30}},   // separators, wrong check digits
      {"85073003329.0", "85073003329", {85, 7, 30}},     // trailing decimal
      {"5073003329", "05073003329", {5, 7, 30}},         // lost leading zero, invalid anyway
      {"8,5073003329E+10", "85073003329", {85, 7, 30}},  // scientific notation, all digits
      {"8,5073E+10", "", {}},                            // digits lost: nothing to read
      {"850730", "", {85, 7, 30}},                       // too short for digits, date still there
      {"85073203329", "85073203329", {85, 7, 0}},        // day 32: year and month stay
      {"85133003329", "85133003329", {85, 0, 0}},        // month 13: only the year stays
      {"85003003329", "85003003329", {85, 0, 0}},        // month 00: day is a sequence number
      {"85473003329", "85473003329", {85, 7, 30}},       // BIS month 47 is July
      {"", "", {}},
      {"onbekend", "", {}},
  };
  for (const DamagedCase& c : cases) {
    SCOPED_TRACE(c.raw);
    const NumberEvidence evidence = ReadNumberEvidence(c.raw, kToday);
    EXPECT_FALSE(evidence.valid);
    EXPECT_EQ(evidence.digits, c.digits);
    EXPECT_EQ(evidence.birth_date, c.birth_date);
  }
}

TEST(BirthDateFromDigits, MarksUnknownParts) {
  EXPECT_TRUE(BirthDateFromDigits("850730").complete());
  EXPECT_FALSE(BirthDateFromDigits("850700").complete());
  EXPECT_TRUE(BirthDateFromDigits("850700").known());
  EXPECT_EQ(BirthDateFromDigits("852730"), (BirthDate{85, 7, 30}));  // BIS, sex unknown
}

}  // namespace
}  // namespace adempauze::fuzzy
