// Check: the rules for valid and invalid numbers, one table per rule. The spreadsheet
// repairs are in repairs_test.cc, the public test vectors in conformance_test.cc.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "adempauze/nn/national_number.h"

namespace adempauze::nn {
namespace {

constexpr CivilDate kToday{2026, 12, 4};

struct ValidCase {
  const char* input;
  Kind kind;
  int century;
  std::optional<int> year;
  std::optional<int> month;
  std::optional<int> day;
  Sex sex;
};

struct InvalidCase {
  const char* input;
  Invalid reason;
};

void ExpectValid(const ValidCase& c) {
  SCOPED_TRACE(std::string("input: \"") + c.input + "\"");
  const CheckResult result = Check(c.input, kToday);
  ASSERT_TRUE(result.valid()) << "reason: " << ReasonCode(result.reason.value_or(Invalid::kEmpty));
  EXPECT_FALSE(result.reason.has_value());
  EXPECT_TRUE(result.repairs.empty());
  const NationalNumber& number = *result.number;
  EXPECT_EQ(number.digits.size(), 11u);
  EXPECT_EQ(KindCode(number.kind), KindCode(c.kind));
  EXPECT_EQ(number.century, c.century);
  EXPECT_EQ(number.birth_year, c.year);
  EXPECT_EQ(number.birth_month, c.month);
  EXPECT_EQ(number.birth_day, c.day);
  EXPECT_EQ(static_cast<int>(number.sex), static_cast<int>(c.sex));
}

void ExpectInvalid(const InvalidCase& c) {
  SCOPED_TRACE(std::string("input: \"") + c.input + "\"");
  const CheckResult result = Check(c.input, kToday);
  ASSERT_FALSE(result.valid()) << "digits: " << result.number->digits;
  ASSERT_TRUE(result.reason.has_value());
  EXPECT_EQ(ReasonCode(*result.reason), ReasonCode(c.reason));
}

constexpr Kind kRrn = Kind::kNationalNumber;
constexpr Kind kBis = Kind::kBis;
constexpr Sex kMale = Sex::kMale;
constexpr Sex kFemale = Sex::kFemale;
constexpr Sex kUnknownSex = Sex::kUnknown;
constexpr std::nullopt_t kNone = std::nullopt;

TEST(NationalNumberCheck, AcceptsSeparatorsAndWhitespace) {
  const char* inputs[] = {
      "85073003328",
      "85.07.30-033.28",
      "85 07 30 033 28",
      "85.07.30-033 28",
      "85/07/30/033/28",
      "85.073.003.328",
      "-85073003328-",
      " \t85073003328\r\n",
      "\xC2\xA0"
      "85073003328"
      "\xC2\xA0",
      "85\xE2\x80\xAF"
      "073\xE2\x80\xAF"
      "003\xE2\x80\xAF"
      "328",
      "85\xC2\xA0"
      "07\xC2\xA0"
      "30 033 28",
  };
  for (const char* input : inputs) {
    ExpectValid({input, kRrn, 1900, 1985, 7, 30, kMale});
    EXPECT_EQ(Check(input, kToday).number->digits, "85073003328");
  }
}

TEST(NationalNumberCheck, RejectsOtherCharacters) {
  const InvalidCase cases[] = {
      {"85O73003328", Invalid::kBadCharacters},  // letter O
      {"85073003328x", Invalid::kBadCharacters},
      {"85_07_30_033_28", Invalid::kBadCharacters},
      {"85,07,30,033,28", Invalid::kBadCharacters},
      {"85073003328\t1", Invalid::kBadCharacters},  // a tab inside is not a separator
      {"+85073003328", Invalid::kBadCharacters},
      {"'85073003328", Invalid::kBadCharacters},
      {"\xEF\xBC\x98\xEF\xBC\x95", Invalid::kBadCharacters},  // full-width digits
      {"BE85073003328", Invalid::kBadCharacters},
      {"onbekend", Invalid::kBadCharacters},
  };
  for (const InvalidCase& c : cases) ExpectInvalid(c);
}

TEST(NationalNumberCheck, RejectsEmptyAndWrongLength) {
  const InvalidCase cases[] = {
      {"", Invalid::kEmpty},
      {"   ", Invalid::kEmpty},
      {"\t\r\n", Invalid::kEmpty},
      {"\xC2\xA0", Invalid::kEmpty},
      {"...", Invalid::kWrongLength},
      {"1234", Invalid::kWrongLength},
      {"1234567", Invalid::kWrongLength},
      {"850730033281", Invalid::kWrongLength},
      {"85.07.30-033.28.1", Invalid::kWrongLength},
      {"8507300332", Invalid::kWrongLength},  // 10 digits, and "0" in front fails the check
      {"850730033", Invalid::kWrongLength},
  };
  for (const InvalidCase& c : cases) ExpectInvalid(c);
}

TEST(NationalNumberCheck, ChecksumSelectsCentury) {
  const ValidCase cases[] = {
      {"85073003328", kRrn, 1900, 1985, 7, 30, kMale},
      {"17073003384", kRrn, 2000, 2017, 7, 30, kMale},
      {"01010100126", kRrn, 2000, 2001, 1, 1, kMale},
      {"99052001742", kRrn, 1900, 1999, 5, 20, kMale},
      {"00022900145", kRrn, 2000, 2000, 2, 29, kMale},  // 2000 is a leap year
      {"75060898009", kRrn, 1900, 1975, 6, 8, kFemale},
  };
  for (const ValidCase& c : cases) ExpectValid(c);
}

TEST(NationalNumberCheck, RejectsWrongCheckDigits) {
  const InvalidCase cases[] = {
      {"12345678901", Invalid::kChecksum}, {"81050103521", Invalid::kChecksum},
      {"85073003329", Invalid::kChecksum}, {"85073003327", Invalid::kChecksum},
      {"58073003328", Invalid::kChecksum},  // swapped digits
      {"81043103522", Invalid::kChecksum},  // 31 April, but the check digits fail first
  };
  for (const InvalidCase& c : cases) ExpectInvalid(c);
}

TEST(NationalNumberCheck, ReadsBisNumbers) {
  const ValidCase cases[] = {
      {"98472899765", kBis, 1900, 1998, 7, 28, kMale},         // +40: sex from the serial
      {"75460898095", kBis, 1900, 1975, 6, 8, kFemale},        // +40
      {"75260898052", kBis, 1900, 1975, 6, 8, kUnknownSex},    // +20: sex unknown
      {"85273003371", kBis, 1900, 1985, 7, 30, kUnknownSex},   // +20 with an odd serial
      {"01490700185", kBis, 2000, 2001, 9, 7, kMale},          // +40, born 2001
      {"92321506985", kBis, 1900, 1992, 12, 15, kUnknownSex},  // month 32 is December
      {"92521506931", kBis, 1900, 1992, 12, 15, kMale},        // month 52 is December
      {"80240199943", kBis, 1900, 1980, 4, 1, kUnknownSex},    // serial 999 is allowed
      {"19282416134", kBis, 2000, 2019, 8, 24, kUnknownSex},
  };
  for (const ValidCase& c : cases) ExpectValid(c);
}

TEST(NationalNumberCheck, RejectsMonthsOutsideTheRanges) {
  const InvalidCase cases[] = {
      {"85133000105", Invalid::kMonth},  // 13
      {"81130103578", Invalid::kMonth},  // 13
      {"85333000148", Invalid::kMonth},  // 33 = BIS +20, month 13
      {"85533000191", Invalid::kMonth},  // 53 = BIS +40, month 13
  };
  for (const InvalidCase& c : cases) ExpectInvalid(c);
}

TEST(NationalNumberCheck, ReadsUnknownBirthDates) {
  const ValidCase cases[] = {
      {"81050003552", kRrn, 1900, 1981, 5, kNone, kMale},       // day 00
      {"81000003517", kRrn, 1900, 1981, kNone, kNone, kMale},   // month and day 00
      {"00000000128", kRrn, 2000, 2000, kNone, kNone, kMale},   // only the year
      {"00010000135", kRrn, 2000, 2000, 1, kNone, kMale},       // year and month
      {"00000100166", kRrn, 1900, kNone, kNone, kNone, kMale},  // placeholder 1900-00-01
      {"00000100195", kRrn, 2000, kNone, kNone, kNone, kMale},  // placeholder 2000-00-01
      {"00400100184", kBis, 2000, kNone, kNone, kNone, kMale},  // BIS placeholder
      {"00200100112", kBis, 1900, kNone, kNone, kNone, kUnknownSex},
      {"00200000171", kBis, 2000, 2000, kNone, kNone, kUnknownSex},
      {"92200006963", kBis, 1900, 1992, kNone, kNone, kUnknownSex},  // month 20
      {"92400006909", kBis, 1900, 1992, kNone, kNone, kMale},        // month 40
  };
  for (const ValidCase& c : cases) ExpectValid(c);
}

TEST(NationalNumberCheck, AcceptsOverflowNumbers) {
  // Month 00 (or BIS 20/40) with day 01-32: the birth date parts other than the year are
  // not derived from them.
  const ValidCase cases[] = {
      {"10000100182", kRrn, 1900, 1910, kNone, kNone, kMale},
      {"00003241778", kRrn, 1900, 1900, kNone, kNone, kMale},  // day 32
      {"10200100128", kBis, 1900, 1910, kNone, kNone, kUnknownSex},
      {"24203200171", kBis, 1900, 1924, kNone, kNone, kUnknownSex},  // day 32
      {"10400100171", kBis, 1900, 1910, kNone, kNone, kMale},
  };
  for (const ValidCase& c : cases) ExpectValid(c);
}

TEST(NationalNumberCheck, RejectsDaysThatDoNotExist) {
  const InvalidCase cases[] = {
      {"81022903534", Invalid::kDate},  // 29 February 1981
      {"00022900116", Invalid::kDate},  // 29 February 1900: not a leap year
      {"90043100117", Invalid::kDate},  // 31 April
      {"85073500107", Invalid::kDate},  // day 35 in July: belgif rejects it
      {"85473500193", Invalid::kDate},  // the same as BIS +40
      {"85273500150", Invalid::kDate},  // the same as BIS +20
      {"60003300571", Invalid::kDate},  // month unknown, day 33 beyond the overflow range
  };
  for (const InvalidCase& c : cases) ExpectInvalid(c);
}

TEST(NationalNumberCheck, AcceptsLeapDayInLeapYears) {
  ExpectValid({"04022900528", kRrn, 2000, 2004, 2, 29, kMale});
  ExpectValid({"00022900145", kRrn, 2000, 2000, 2, 29, kMale});
}

TEST(NationalNumberCheck, RejectsSerialsNeverIssued) {
  const InvalidCase cases[] = {
      {"47060200096", Invalid::kSerial},  // national number, serial 000
      {"99020299964", Invalid::kSerial},  // national number, serial 999
      {"90000099918", Invalid::kSerial},  // serial 999 with an unknown date
      {"90450500018", Invalid::kSerial},  // BIS number, serial 000
      {"00000000097", Invalid::kSerial},  // all zeros: passes mod 97, serial 000
  };
  for (const InvalidCase& c : cases) ExpectInvalid(c);
}

TEST(NationalNumberCheck, AcceptsSerial999OnBisNumbers) {
  ExpectValid({"80240199943", kBis, 1900, 1980, 4, 1, kUnknownSex});
  ExpectValid({"90250599943", kBis, 1900, 1990, 5, 5, kUnknownSex});
}

TEST(NationalNumberCheck, RejectsBirthDatesAfterToday) {
  const InvalidCase cases[] = {
      {"30010100153", Invalid::kFutureDate},  // 2030-01-01
      {"26120500123", Invalid::kFutureDate},  // tomorrow
      {"27000000311", Invalid::kFutureDate},  // 2027, month and day unknown
  };
  for (const InvalidCase& c : cases) ExpectInvalid(c);
}

TEST(NationalNumberCheck, AcceptsBirthDatesUpToToday) {
  ExpectValid({"26120400153", kRrn, 2000, 2026, 12, 4, kMale});         // today
  ExpectValid({"26120000374", kRrn, 2000, 2026, 12, kNone, kMale});     // this month
  ExpectValid({"26000000387", kRrn, 2000, 2026, kNone, kNone, kMale});  // this year
}

TEST(NationalNumberCheck, FutureDependsOnToday) {
  EXPECT_FALSE(Check("26120500123", CivilDate{2026, 12, 4}).valid());
  EXPECT_TRUE(Check("26120500123", CivilDate{2026, 12, 5}).valid());
  EXPECT_FALSE(Check("30010100153", CivilDate{2029, 12, 31}).valid());
  EXPECT_TRUE(Check("30010100153", CivilDate{2030, 1, 1}).valid());
}

TEST(NationalNumberCheck, ResultHoldsNumberOrReason) {
  const CheckResult valid = Check("85073003328", kToday);
  EXPECT_TRUE(valid.valid());
  EXPECT_FALSE(valid.reason.has_value());
  const CheckResult invalid = Check("85073003329", kToday);
  EXPECT_FALSE(invalid.valid());
  EXPECT_TRUE(invalid.reason.has_value());
  EXPECT_TRUE(invalid.repairs.empty());
}

}  // namespace
}  // namespace adempauze::nn
