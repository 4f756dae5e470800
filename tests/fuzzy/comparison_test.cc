// The comparison level of each field for typical pairs.
#include "adempauze/fuzzy/comparison.h"

#include <gtest/gtest.h>

#include <string>

#include "adempauze/nn/national_number.h"
#include "fuzzy/fuzzy_test_support.h"

namespace adempauze::fuzzy {
namespace {

using testing::kToday;
using testing::MakePerson;

ComparisonVector Compare(const Person& a, const Person& b) {
  return ComparePeople(a, b, ComparatorOptions{}, kToday);
}

Level FirstNameLevel(const char* a, const char* b) {
  return Compare(MakePerson(1, a, "Peeters", ""),
                 MakePerson(2, b, "Peeters", ""))[Field::kFirstName];
}

Level LastNameLevel(const char* a, const char* b) {
  return Compare(MakePerson(1, "Jan", a, ""), MakePerson(2, "Jan", b, ""))[Field::kLastName];
}

struct NameCase {
  const char* a;
  const char* b;
  Level level;
};

TEST(ComparePeople, FirstNameLevels) {
  const NameCase cases[] = {
      {"Jan", "Jan", Level::kExact},
      {"JAN", "jan", Level::kExact},
      {"Zoë", "Zoe", Level::kExact},
      {"Jean-Pierre", "Jean Pierre", Level::kExact},
      {"Jan", "J.", Level::kVariant},         // initial
      {"Jan Frans", "Jan", Level::kVariant},  // one of several given names
      {"Marie Louise", "Louise", Level::kVariant},
      {"Jef", "Jozef", Level::kVariant},  // nickname
      {"Mieke", "Maria", Level::kVariant},
      {"Pieter", "Pieterr", Level::kClose},  // typing error
      {"Katrien", "Katrein", Level::kClose},
      {"Jan", "Jna", Level::kClose},  // one transposition in a short name
      {"Jan", "Marc", Level::kDifferent},
      {"J.", "M.", Level::kDifferent},
      {"", "Jan", Level::kMissing},
  };
  for (const NameCase& c : cases) {
    EXPECT_EQ(FirstNameLevel(c.a, c.b), c.level) << c.a << " / " << c.b;
  }
}

TEST(ComparePeople, LastNameLevels) {
  const NameCase cases[] = {
      {"Van den Broeck", "Vandenbroeck", Level::kExact},
      {"VAN DEN BROECK", "van den Broeck", Level::kExact},
      {"D'Hondt", "Dhondt", Level::kExact},
      {"Çelik", "Celik", Level::kExact},
      {"Van den Broeck", "Broeck", Level::kVariant},  // particle dropped
      {"Van den Broeck", "Van der Broeck", Level::kVariant},
      {"Van de Velde-Peeters", "Peeters", Level::kVariant},  // one part of a double name
      {"Van de Velde-Peeters", "Van de Velde", Level::kVariant},
      {"Peeters", "Peetres", Level::kClose},
      {"Vandenbroecke", "Van den Broeck", Level::kClose},
      {"Peeters", "Janssens", Level::kDifferent},
      {"Peeters", "", Level::kMissing},
  };
  for (const NameCase& c : cases) {
    EXPECT_EQ(LastNameLevel(c.a, c.b), c.level) << c.a << " / " << c.b;
  }
}

TEST(ComparePeople, SwappedNamesCompareCrosswise) {
  const ComparisonVector vector =
      Compare(MakePerson(1, "Jan", "Peeters", ""), MakePerson(2, "Peeters", "Jan", ""));
  EXPECT_TRUE(vector.names_swapped);
  EXPECT_EQ(vector[Field::kFirstName], Level::kExact);
  EXPECT_EQ(vector[Field::kLastName], Level::kExact);

  const ComparisonVector direct =
      Compare(MakePerson(1, "Jan", "Peeters", ""), MakePerson(2, "Marc", "Janssens", ""));
  EXPECT_FALSE(direct.names_swapped);
}

Level BirthDateLevel(const std::string& a, const std::string& b) {
  return Compare(MakePerson(1, "Jan", "Peeters", a),
                 MakePerson(2, "Jan", "Peeters", b))[Field::kBirthDate];
}

TEST(ComparePeople, BirthDateLevels) {
  const std::string number = nn::Make(1985, 7, 30, 33);
  EXPECT_EQ(BirthDateLevel(number, nn::Make(1985, 7, 30, 35)), Level::kExact);
  EXPECT_EQ(BirthDateLevel(number, nn::Make(1985, 7, 0, 35)), Level::kVariant);  // day unknown
  EXPECT_EQ(BirthDateLevel(number, nn::Make(1985, 7, 31, 35)), Level::kClose);   // one digit
  EXPECT_EQ(BirthDateLevel(number, nn::Make(1985, 3, 7, 35)), Level::kDifferent);
  EXPECT_EQ(BirthDateLevel(nn::Make(1985, 3, 7, 33), nn::Make(1985, 7, 3, 35)), Level::kClose);
  EXPECT_EQ(BirthDateLevel(number, ""), Level::kMissing);
  // A mistyped number still gives its birth date.
  std::string mistyped = number;
  mistyped[10] = mistyped[10] == '9' ? '0' : static_cast<char>(mistyped[10] + 1);
  EXPECT_EQ(BirthDateLevel(number, mistyped), Level::kExact);
}

Level StreetLevel(const char* a, const char* b, const char* postcode_a = "",
                  const char* postcode_b = "") {
  return Compare(MakePerson(1, "Jan", "Peeters", "", a, "12", postcode_a),
                 MakePerson(2, "Jan", "Peeters", "", b, "12", postcode_b))[Field::kStreet];
}

TEST(ComparePeople, StreetLevels) {
  EXPECT_EQ(StreetLevel("Kerkstraat", "Kerkstr."), Level::kExact);
  EXPECT_EQ(StreetLevel("Sint-Jansstraat", "St.-Jansstr."), Level::kExact);
  EXPECT_EQ(StreetLevel("Kerkstraat", "Kerkstraaat"), Level::kClose);
  EXPECT_EQ(StreetLevel("Kerkstraat", "Molenstraat"), Level::kDifferent);
  EXPECT_EQ(StreetLevel("Kerkstraat", "Kerkstraat", "9000", "2000"), Level::kDifferent);
  EXPECT_EQ(StreetLevel("Kerkstraat", "Kerkstraat", "9000", ""), Level::kExact);
  EXPECT_EQ(StreetLevel("Kerkstraat", ""), Level::kMissing);
}

Level HouseLevel(const char* a, const char* b, const char* street_b = "Kerkstraat") {
  return Compare(MakePerson(1, "Jan", "Peeters", "", "Kerkstraat", a),
                 MakePerson(2, "Jan", "Peeters", "", street_b, b))[Field::kHouseNumber];
}

TEST(ComparePeople, HouseNumberLevels) {
  EXPECT_EQ(HouseLevel("12 bus 3", "12/3"), Level::kExact);
  EXPECT_EQ(HouseLevel("12A", "12 a"), Level::kExact);
  EXPECT_EQ(HouseLevel("12 bus 3", "12"), Level::kVariant);  // box on one side only
  EXPECT_EQ(HouseLevel("13", "12-14"), Level::kVariant);     // inside the range
  EXPECT_EQ(HouseLevel("12 bus 3", "12 bus 5"), Level::kClose);
  EXPECT_EQ(HouseLevel("12", "21"), Level::kClose);  // transposed digits
  EXPECT_EQ(HouseLevel("12", "140"), Level::kDifferent);
  EXPECT_EQ(HouseLevel("12", ""), Level::kMissing);
  // On another street the number is no evidence, so a move is not counted twice.
  EXPECT_EQ(HouseLevel("12", "140", "Molenstraat"), Level::kMissing);
}

TEST(ComparePeople, HouseNumberInStreetColumn) {
  const ComparisonVector vector =
      Compare(MakePerson(1, "Jan", "Peeters", "", "Kerkstraat 12 bus 3", ""),
              MakePerson(2, "Jan", "Peeters", "", "Kerkstraat", "12/3"));
  EXPECT_EQ(vector[Field::kStreet], Level::kExact);
  EXPECT_EQ(vector[Field::kHouseNumber], Level::kExact);
}

Level NumberLevel(const std::string& a, const std::string& b) {
  return Compare(MakePerson(1, "Jan", "Peeters", a),
                 MakePerson(2, "Jan", "Peeters", b))[Field::kNationalNumber];
}

TEST(ComparePeople, NationalNumberLevels) {
  const std::string number = nn::Make(1985, 7, 30, 33);
  EXPECT_EQ(NumberLevel(number, nn::Format(number)), Level::kExact);

  std::string substituted = number;
  substituted[7] = substituted[7] == '9' ? '0' : static_cast<char>(substituted[7] + 1);
  EXPECT_EQ(NumberLevel(number, substituted), Level::kClose);
  std::string transposed = number;
  std::swap(transposed[7], transposed[8]);  // serial "033": digits 7 and 8 are 3 and 3
  std::swap(transposed[6], transposed[7]);  // now "303"
  ASSERT_NE(transposed, number);
  EXPECT_EQ(NumberLevel(number, transposed), Level::kClose);

  // A BIS number replaced by a national number: same birth date, another kind.
  EXPECT_EQ(NumberLevel(nn::Make(1985, 7, 30, 121, 40), number), Level::kVariant);
  // Another kind but another birth date: two people.
  EXPECT_EQ(NumberLevel(nn::Make(1986, 2, 11, 121, 40), number), Level::kDifferent);
  EXPECT_EQ(NumberLevel(number, nn::Make(1990, 1, 2, 57)), Level::kDifferent);
  EXPECT_EQ(NumberLevel(number, ""), Level::kMissing);
  EXPECT_EQ(NumberLevel(number, "8,5073E+10"), Level::kMissing);
}

TEST(ValidateComparatorOptions, RejectsOutOfRangeSimilarities) {
  EXPECT_TRUE(ValidateComparatorOptions(ComparatorOptions{}).ok());
  const Status zero = ValidateComparatorOptions(ComparatorOptions{0.0, 0.9});
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().message_key, "fuzzy.config.invalid");
  EXPECT_EQ(zero.error().args.at(0), "name_similarity");
  EXPECT_FALSE(ValidateComparatorOptions(ComparatorOptions{0.9, 1.5}).ok());
}

}  // namespace
}  // namespace adempauze::fuzzy
