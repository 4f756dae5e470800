// Street abbreviations, house number forms, street columns holding the number, postcodes.
#include "adempauze/fuzzy/address.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace adempauze::fuzzy {
namespace {

struct StreetCase {
  const char* written;
  const char* normalised;
};

TEST(NormaliseStreet, ExpandsAbbreviations) {
  const StreetCase cases[] = {
      {"Kerkstraat", "kerkstraat"},
      {"Kerkstr.", "kerkstraat"},
      {"Kerk str.", "kerkstraat"},
      {"KERKSTRAAT", "kerkstraat"},
      {"Gentsesteenweg", "gentsesteenweg"},
      {"Gentse Stwg.", "gentsesteenweg"},
      {"Gentse stw.", "gentsesteenweg"},
      {"Stationsln.", "stationslaan"},
      {"Grote Pl.", "groteplein"},
      {"Marktpl.", "marktplein"},
      {"Bd. Anspach", "boulevardanspach"},
      {"Bld. Anspach", "boulevardanspach"},
      {"Boulevard Anspach", "boulevardanspach"},
      {"Frankrijklei", "frankrijklei"},
      {"Kasteeldr.", "kasteeldreef"},
      {"Heirwg.", "heirweg"},
      {"St.-Jansstr.", "sintjansstraat"},
      {"St Jansstraat", "sintjansstraat"},
      {"Sint-Jansstraat", "sintjansstraat"},
      {"Ste.-Gudulaplein", "sintegudulaplein"},
      {"Dr. Vandeveldestr.", "doktervandeveldestraat"},
      {"Dokter Vandeveldestraat", "doktervandeveldestraat"},
      {"Av. des Érables", "avenuedeserables"},
      {"Oost", "oost"},  // a word ending in "st" is not an abbreviation
      {"", ""},
  };
  for (const StreetCase& c : cases) {
    EXPECT_EQ(NormaliseStreet(c.written), c.normalised) << "street: " << c.written;
  }
}

struct HouseCase {
  const char* written;
  int number;
  int range_end;
  const char* suffix;
  const char* box;
};

TEST(ParseHouseNumber, ReadsEachForm) {
  const HouseCase cases[] = {
      {"12", 12, 0, "", ""},        {"12A", 12, 0, "a", ""},        {"12 A", 12, 0, "a", ""},
      {"12bis", 12, 0, "bis", ""},  {"12b", 12, 0, "b", ""},        {"12 bus 3", 12, 0, "", "3"},
      {"12 b 3", 12, 0, "", "3"},   {"12b3", 12, 0, "", "3"},       {"12/3", 12, 0, "", "3"},
      {"12 bte 3", 12, 0, "", "3"}, {"12 box 3", 12, 0, "", "3"},   {"12 bus 003", 12, 0, "", "3"},
      {"12 bus A", 12, 0, "", "a"}, {"12A bus 2", 12, 0, "a", "2"}, {"12-14", 12, 14, "", ""},
      {"12-3", 12, 0, "", "3"},  // a smaller number after the hyphen is a box
      {"nr. 12", 12, 0, "", ""},    {"n° 12", 12, 0, "", ""},
  };
  for (const HouseCase& c : cases) {
    SCOPED_TRACE(c.written);
    const std::optional<HouseNumber> parsed = ParseHouseNumber(c.written);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->number, c.number);
    EXPECT_EQ(parsed->range_end, c.range_end);
    EXPECT_EQ(parsed->suffix, c.suffix);
    EXPECT_EQ(parsed->box, c.box);
  }
}

TEST(ParseHouseNumber, RejectsTextWithoutNumber) {
  for (const char* written : {"", "abc", "bus 3", "0", "123456"}) {
    EXPECT_FALSE(ParseHouseNumber(written).has_value()) << "input: " << written;
  }
}

TEST(SplitStreetAndNumber, FindsTheNumberAtTheEnd) {
  const struct {
    const char* written;
    const char* street;
    const char* number;
  } cases[] = {
      {"Kerkstraat 12", "Kerkstraat", "12"},
      {"Kerkstraat 12 bus 3", "Kerkstraat", "12 bus 3"},
      {"Kerkstraat 12A", "Kerkstraat", "12A"},
      {"Kerkstraat nr. 12", "Kerkstraat", "12"},
      {"Kerkstraat, 12", "Kerkstraat", "12"},
      {"Rue du 11 Novembre 5", "Rue du 11 Novembre", "5"},
      {"Rue du 11 Novembre", "Rue du 11 Novembre", ""},
      {"Kerkstraat", "Kerkstraat", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.written);
    const StreetAndNumber split = SplitStreetAndNumber(c.written);
    EXPECT_EQ(split.street, c.street);
    EXPECT_EQ(split.house_number, c.number);
  }
}

TEST(ParsePostcode, FindsFourDigits) {
  EXPECT_EQ(ParsePostcode("9000"), 9000);
  EXPECT_EQ(ParsePostcode("B-9000"), 9000);
  EXPECT_EQ(ParsePostcode("9000 Gent"), 9000);
  EXPECT_EQ(ParsePostcode("0999"), 0);   // below 1000
  EXPECT_EQ(ParsePostcode("90000"), 0);  // five digits
  EXPECT_EQ(ParsePostcode("Gent"), 0);
  EXPECT_EQ(ParsePostcode(""), 0);
}

}  // namespace
}  // namespace adempauze::fuzzy
