// Format, Mask, MaskRaw, CheckDigits, Make and the identifiers for reasons and repairs.
#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>

#include "adempauze/common/messages.h"
#include "adempauze/nn/national_number.h"

namespace adempauze::nn {
namespace {

constexpr CivilDate kToday{2026, 12, 4};

int CountDigits(const std::string& text) {
  int count = 0;
  for (char c : text) count += std::isdigit(static_cast<unsigned char>(c)) != 0 ? 1 : 0;
  return count;
}

TEST(NationalNumberFormat, InsertsSeparators) {
  EXPECT_EQ(Format("85073003328"), "85.07.30-033.28");
  EXPECT_EQ(Format("00400100184"), "00.40.01-001.84");
}

TEST(NationalNumberFormat, FormattedValueChecksAgain) {
  const CheckResult result = Check(Format("98472899765"), kToday);
  ASSERT_TRUE(result.valid());
  EXPECT_EQ(result.number->digits, "98472899765");
}

TEST(NationalNumberMask, HidesSerialAndCheckDigits) {
  EXPECT_EQ(Mask("85073003328"), "85.07.30-***.**");
  EXPECT_EQ(Mask("17073003384"), "17.07.30-***.**");
}

TEST(NationalNumberMaskRaw, KeepsAtMostSixDigits) {
  const struct {
    const char* raw;
    const char* masked;
  } cases[] = {
      {"85073003328", "850730*****"},
      {"85.07.30-033.28", "85.07.30-***.**"},
      {"8.5073003328E+10", "8.50730*****E+**"},
      {"85073003328,0", "850730*****,*"},
      {"5031412397", "503141****"},
      {"1234", "1234"},
      {"", ""},
      {"onbekend", "onbekend"},
      {"85 07 30 033 28 85 07 30 033 28", "85 07 30 *** ** ** ** ** *** **"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.raw);
    EXPECT_EQ(MaskRaw(c.raw), c.masked);
  }
}

TEST(NationalNumberMaskRaw, MasksNonAsciiAndControlCharacters) {
  // Full-width digits "８５" are one '*' each, whatever their UTF-8 length.
  EXPECT_EQ(MaskRaw("\xEF\xBC\x98\xEF\xBC\x95"), "**");
  EXPECT_EQ(MaskRaw("85\t07"), "85*07");
  EXPECT_EQ(MaskRaw("Ren\xC3\xA9"), "Ren*");
  EXPECT_EQ(MaskRaw("\xE2\x80"), "*");   // a cut-off sequence is one character
  EXPECT_EQ(MaskRaw("\xFF\xFE"), "**");  // invalid bytes are one character each
}

TEST(NationalNumberMaskRaw, CutsLongValues) {
  const std::string raw(100, 'x');
  const std::string masked = MaskRaw(raw);
  EXPECT_EQ(masked, std::string(40, 'x') + "...");
}

TEST(NationalNumberMaskRaw, NeverShowsMoreThanSixDigitsOfAnyValue) {
  const char* raws[] = {"85073003328", "8.5073003328E+10", "85.07.30-033.28 and 12345678901",
                        "000000000000000000000", "1-2-3-4-5-6-7-8-9"};
  for (const char* raw : raws) {
    SCOPED_TRACE(raw);
    EXPECT_LE(CountDigits(MaskRaw(raw)), 6);
  }
}

TEST(NationalNumberCheckDigits, ComputesBothCenturies) {
  EXPECT_EQ(CheckDigits("850730033", 1900), 28);
  EXPECT_EQ(CheckDigits("170730033", 2000), 84);
  EXPECT_EQ(CheckDigits("000000000", 1900), 97);  // remainder 0 gives 97, never 00
}

TEST(NationalNumberMake, BuildsNumbersThatCheck) {
  EXPECT_EQ(Make(1985, 7, 30, 33), "85073003328");
  EXPECT_EQ(Make(2017, 7, 30, 33), "17073003384");
  EXPECT_EQ(Make(1998, 7, 28, 997, 40), "98472899765");
  EXPECT_EQ(Make(1975, 6, 8, 980, 20), "75260898052");
  EXPECT_EQ(Make(1900, 0, 1, 1), "00000100166");
  EXPECT_EQ(Make(2000, 0, 0, 1), "00000000128");
}

TEST(NationalNumberMake, RoundTripsThroughCheck) {
  const struct {
    int year, month, day, serial, offset;
    Kind kind;
  } cases[] = {
      {1950, 1, 1, 1, 0, Kind::kNationalNumber},  {1999, 12, 31, 998, 0, Kind::kNationalNumber},
      {2000, 2, 29, 2, 0, Kind::kNationalNumber}, {2026, 12, 4, 500, 0, Kind::kNationalNumber},
      {1970, 3, 0, 11, 0, Kind::kNationalNumber}, {1970, 0, 17, 11, 0, Kind::kNationalNumber},
      {1988, 5, 5, 999, 20, Kind::kBis},          {2010, 10, 10, 42, 40, Kind::kBis},
  };
  for (const auto& c : cases) {
    const std::string digits = Make(c.year, c.month, c.day, c.serial, c.offset);
    SCOPED_TRACE(digits);
    const CheckResult result = Check(digits, kToday);
    ASSERT_TRUE(result.valid()) << ReasonCode(*result.reason);
    EXPECT_EQ(result.number->digits, digits);
    EXPECT_EQ(KindCode(result.number->kind), KindCode(c.kind));
    EXPECT_EQ(result.number->century, c.year >= 2000 ? 2000 : 1900);
  }
}

TEST(NationalNumberCodes, AreDistinctAndHaveMessages) {
  const Invalid reasons[] = {Invalid::kEmpty,    Invalid::kBadCharacters, Invalid::kWrongLength,
                             Invalid::kChecksum, Invalid::kMonth,         Invalid::kDate,
                             Invalid::kSerial,   Invalid::kFutureDate,    Invalid::kDigitsLost};
  std::set<std::string_view> codes;
  std::set<std::string_view> keys;
  for (Invalid reason : reasons) {
    codes.insert(ReasonCode(reason));
    keys.insert(ReasonMessageKey(reason));
    EXPECT_TRUE(HasMessage(ReasonMessageKey(reason))) << ReasonMessageKey(reason);
  }
  EXPECT_EQ(codes.size(), std::size(reasons));
  EXPECT_EQ(keys.size(), std::size(reasons));

  const Repair repairs[] = {Repair::kLeadingZeroRestored, Repair::kScientificNotation,
                            Repair::kTrailingDecimal};
  for (Repair repair : repairs) {
    EXPECT_TRUE(HasMessage(RepairMessageKey(repair))) << RepairMessageKey(repair);
  }
  EXPECT_EQ(RepairCode(Repair::kLeadingZeroRestored), "leading_zero");
  EXPECT_EQ(KindCode(Kind::kNationalNumber), "rrn");
  EXPECT_EQ(KindCode(Kind::kBis), "bis");
}

TEST(NationalNumberCodes, MessagesNameTheMaskedValue) {
  const std::string text =
      Message(Language::kDutch, ReasonMessageKey(Invalid::kChecksum), MaskRaw("85073003329"));
  EXPECT_NE(text.find("850730*****"), std::string::npos) << text;
  EXPECT_EQ(text.find("85073003329"), std::string::npos) << text;
}

}  // namespace
}  // namespace adempauze::nn
