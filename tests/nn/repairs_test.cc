// Check: spreadsheet damage that is undone when, and only when, the repaired value passes
// the check digits.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "adempauze/nn/national_number.h"

namespace adempauze::nn {
namespace {

constexpr CivilDate kToday{2026, 12, 4};

constexpr Repair kZero = Repair::kLeadingZeroRestored;
constexpr Repair kScientific = Repair::kScientificNotation;
constexpr Repair kDecimal = Repair::kTrailingDecimal;

struct RepairedCase {
  const char* input;
  const char* digits;
  std::vector<Repair> repairs;
};

struct RejectedCase {
  const char* input;
  Invalid reason;
  std::vector<Repair> repairs;  // listed when the repaired value passed the check digits
};

std::string Codes(const std::vector<Repair>& repairs) {
  std::string out;
  for (Repair repair : repairs) {
    if (!out.empty()) out += ',';
    out += RepairCode(repair);
  }
  return out;
}

void ExpectRepaired(const RepairedCase& c) {
  SCOPED_TRACE(std::string("input: \"") + c.input + "\"");
  const CheckResult result = Check(c.input, kToday);
  ASSERT_TRUE(result.valid()) << "reason: " << ReasonCode(*result.reason);
  EXPECT_EQ(result.number->digits, c.digits);
  EXPECT_EQ(Codes(result.repairs), Codes(c.repairs));
}

void ExpectRejected(const RejectedCase& c) {
  SCOPED_TRACE(std::string("input: \"") + c.input + "\"");
  const CheckResult result = Check(c.input, kToday);
  ASSERT_FALSE(result.valid()) << "digits: " << result.number->digits;
  EXPECT_EQ(ReasonCode(*result.reason), ReasonCode(c.reason));
  EXPECT_EQ(Codes(result.repairs), Codes(c.repairs));
}

TEST(NationalNumberRepair, RestoresLeadingZeros) {
  const RepairedCase cases[] = {
      {"5031412397", "05031412397", {kZero}},  // born 2005: one zero lost
      {"9123100249", "09123100249", {kZero}},  // born 2009
      {"111504202", "00111504202", {kZero}},   // born November 2000: two zeros lost
      {"461504352", "00461504352", {kZero}},   // BIS number, born 2000
      {"61504264", "00061504264", {kZero}},    // born June 2000: three zeros lost
      {" 5031412397 ", "05031412397", {kZero}},
      {"5.031.412.397", "05031412397", {kZero}},  // thousands separators of a number format
      {"5 031 412 397", "05031412397", {kZero}},
  };
  for (const RepairedCase& c : cases) ExpectRepaired(c);
}

TEST(NationalNumberRepair, RejectsLeadingZeroThatFailsChecksum) {
  const RejectedCase cases[] = {
      {"5031412398", Invalid::kWrongLength, {}},
      {"8507300332", Invalid::kWrongLength, {}},  // a dropped last digit, not a lost zero
      {"111504203", Invalid::kWrongLength, {}},
      {"6150426", Invalid::kWrongLength, {}},  // 7 digits are not repaired
  };
  for (const RejectedCase& c : cases) ExpectRejected(c);
}

TEST(NationalNumberRepair, ReadsScientificNotation) {
  const RepairedCase cases[] = {
      {"8.5073003328E+10", "85073003328", {kScientific}},
      {"8,5073003328E+10", "85073003328", {kScientific}},
      {"8.5073003328e+10", "85073003328", {kScientific}},
      {"8.5073003328E10", "85073003328", {kScientific}},
      {"8.5073003328E+010", "85073003328", {kScientific}},
      {"8.50730033280E+10", "85073003328", {kScientific}},  // extra zero in the fraction
      {"85.073003328E+9", "85073003328", {kScientific}},
      {" 8.5073003328E+10 ", "85073003328", {kScientific}},
      // A trailing zero of the number is dropped from the mantissa; filling it in passes
      // the check digits, so nothing was lost.
      {"8.507300016E+10", "85073000160", {kScientific}},
  };
  for (const RepairedCase& c : cases) ExpectRepaired(c);
}

TEST(NationalNumberRepair, CombinesScientificNotationAndLeadingZero) {
  const RepairedCase cases[] = {
      {"5.031412397E+09", "05031412397", {kScientific, kZero}},
      {"5,031412397E+09", "05031412397", {kScientific, kZero}},
      {"6.1504264E+07", "00061504264", {kScientific, kZero}},
      {"1.11504202E+08", "00111504202", {kScientific, kZero}},
  };
  for (const RepairedCase& c : cases) ExpectRepaired(c);
}

TEST(NationalNumberRepair, RejectsScientificNotationThatLostDigits) {
  const RejectedCase cases[] = {
      {"8.5073E+10", Invalid::kDigitsLost, {}},
      {"8.50730033E+10", Invalid::kDigitsLost, {}},   // check digits would be 00
      {"8.507300333E+10", Invalid::kDigitsLost, {}},  // rounded: last two digits 30
      {"5.0314E+09", Invalid::kDigitsLost, {}},
      {"8,5073E+10", Invalid::kDigitsLost, {}},
  };
  for (const RejectedCase& c : cases) ExpectRejected(c);
}

TEST(NationalNumberRepair, RejectsMalformedScientificNotation) {
  const RejectedCase cases[] = {
      {"8.5073003329E+10", Invalid::kChecksum, {}},    // all digits present, one wrong
      {"8.5073003328E+5", Invalid::kWrongLength, {}},  // not a whole number
      {"8.5073003328E-10", Invalid::kWrongLength, {}},
      {"8.5073003328E+11", Invalid::kWrongLength, {}},  // 12 digits
      {"8.5073003328E+", Invalid::kBadCharacters, {}},
      {"E+10", Invalid::kBadCharacters, {}},
      {".5E+10", Invalid::kBadCharacters, {}},
      {"8.5073003328E+10E", Invalid::kBadCharacters, {}},
      {"8.5073003328E+1000", Invalid::kBadCharacters, {}},
      {"8.5073 003328E+10", Invalid::kBadCharacters, {}},
  };
  for (const RejectedCase& c : cases) ExpectRejected(c);
}

TEST(NationalNumberRepair, DropsTrailingDecimal) {
  const RepairedCase cases[] = {
      {"85073003328.0", "85073003328", {kDecimal}},
      {"85073003328,0", "85073003328", {kDecimal}},
      {"85073003328,00", "85073003328", {kDecimal}},
      {"85.073.003.328,00", "85073003328", {kDecimal}},  // Dutch number format
      {"5031412397.0", "05031412397", {kDecimal, kZero}},
      {"5031412397,0", "05031412397", {kDecimal, kZero}},
  };
  for (const RepairedCase& c : cases) ExpectRepaired(c);
}

TEST(NationalNumberRepair, ReadsDotZeroAsSeparatorWhenDecimalFails) {
  // "8507300016.0" read as a decimal gives 08507300016, which fails the check digits; read
  // with "." as separator it is the valid 85073000160, and no repair was needed.
  const CheckResult result = Check("8507300016.0", kToday);
  ASSERT_TRUE(result.valid());
  EXPECT_EQ(result.number->digits, "85073000160");
  EXPECT_TRUE(result.repairs.empty());
}

TEST(NationalNumberRepair, PrefersValidReadingOverDecimalReading) {
  // Read as a decimal, "5005121905.0" gives 05005121905: the check digits pass but day 51
  // does not exist. The reading with "." as separator is valid and wins.
  const CheckResult result = Check("5005121905.0", kToday);
  ASSERT_TRUE(result.valid());
  EXPECT_EQ(result.number->digits, "50051219050");
  EXPECT_TRUE(result.repairs.empty());
}

TEST(NationalNumberRepair, RejectsTrailingDecimalThatFailsChecksum) {
  const RejectedCase cases[] = {
      {"85073003329.0", Invalid::kChecksum, {}},
      {"5031412398.0", Invalid::kWrongLength, {}},
      {"85073003328.5", Invalid::kWrongLength, {}},  // not a trailing zero: 12 digits
      {"85073003328,5", Invalid::kBadCharacters, {}},
      {"8507300332x.0", Invalid::kBadCharacters, {}},
  };
  for (const RejectedCase& c : cases) ExpectRejected(c);
}

TEST(NationalNumberRepair, ListsRepairsWhenLaterRuleFails) {
  // "0" + 5031400026 passes the 2000 check digits, but serial 000 is never issued.
  const RejectedCase cases[] = {
      {"5031400026", Invalid::kSerial, {kZero}},
      {"5.031400026E+09", Invalid::kSerial, {kScientific, kZero}},
      {"81022903534.0", Invalid::kDate, {kDecimal}},
  };
  for (const RejectedCase& c : cases) ExpectRejected(c);
}

TEST(NationalNumberRepair, PlainNumbersNeedNoRepair) {
  const CheckResult result = Check("05031412397", kToday);
  ASSERT_TRUE(result.valid());
  EXPECT_TRUE(result.repairs.empty());
}

}  // namespace
}  // namespace adempauze::nn
