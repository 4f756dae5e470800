// Fictitious people: valid unique numbers, plausible ages, names that match the serial.
#include <algorithm>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "adempauze/nn/national_number.h"
#include "demo/person.h"
#include "demo/sheet_writer.h"
#include "demo/vocabulary.h"

namespace adempauze::demo {
namespace {

constexpr CivilDate kToday{2026, 3, 1};

bool Contains(std::span<const std::string_view> list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

class PersonFactoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PersonFactory factory(kToday, 0.03);
    Random random(DeriveSeed(3, 1));
    for (int i = 0; i < 20000; ++i) people_.push_back(factory.Make(random));
  }
  std::vector<Person> people_;
};

TEST_F(PersonFactoryTest, NumbersAreValidAndUnique) {
  std::set<std::string> seen;
  for (const Person& person : people_) {
    nn::CheckResult checked = nn::Check(person.national_number, kToday);
    ASSERT_TRUE(checked.valid()) << nn::Mask(person.national_number);
    EXPECT_TRUE(checked.repairs.empty());
    EXPECT_EQ(checked.number->kind == nn::Kind::kBis, person.bis);
    EXPECT_TRUE(seen.insert(person.national_number).second);
  }
}

TEST_F(PersonFactoryTest, AgesAreBetween18And90) {
  int born_after_2000 = 0;
  for (const Person& person : people_) {
    if (person.birth_day == 0) {
      // Unknown day (some BIS numbers): only the year can be checked.
      EXPECT_LE(person.birth_year, kToday.year - 18);
      EXPECT_GE(person.birth_year, kToday.year - 91);
      continue;
    }
    const CivilDate birth{person.birth_year, person.birth_month, person.birth_day};
    EXPECT_LE(birth, (CivilDate{kToday.year - 18, kToday.month, kToday.day}));
    EXPECT_GT(birth, (CivilDate{kToday.year - 91, kToday.month, kToday.day}));
    if (person.birth_year >= 2000) ++born_after_2000;
  }
  // Ages are uniform over 73 years, 9 of which lie after 2000: about 12%.
  EXPECT_GT(born_after_2000, 1800);
  EXPECT_LT(born_after_2000, 3200);
}

TEST_F(PersonFactoryTest, AboutThreePercentBis) {
  const auto bis = std::count_if(people_.begin(), people_.end(), [](const Person& p) { return p.bis; });
  EXPECT_GT(bis, 20000 * 0.02);
  EXPECT_LT(bis, 20000 * 0.04);
}

TEST_F(PersonFactoryTest, SerialParityMatchesFirstName) {
  for (const Person& person : people_) {
    const int month_field = std::stoi(person.national_number.substr(2, 2));
    const int serial = std::stoi(person.national_number.substr(6, 3));
    const bool sex_unknown = month_field >= 20 && month_field < 40;
    if (!sex_unknown) {
      EXPECT_EQ(serial % 2 == 0, person.female) << person.first_name;
    }
    const bool female_name = Contains(FemaleFirstNames(), person.first_name) ||
                             Contains(FemaleFirstNamesAbroad(), person.first_name);
    const bool male_name = Contains(MaleFirstNames(), person.first_name) ||
                           Contains(MaleFirstNamesAbroad(), person.first_name);
    EXPECT_EQ(female_name, person.female) << person.first_name;
    EXPECT_EQ(male_name, !person.female) << person.first_name;
  }
}

TEST_F(PersonFactoryTest, SurnamesVaryWithParticlesAndDoubleNames) {
  std::set<std::string> surnames;
  int with_particle = 0;
  int double_names = 0;
  for (const Person& person : people_) {
    surnames.insert(person.last_name);
    if (person.last_name.starts_with("Van") || person.last_name.starts_with("De ") ||
        person.last_name.starts_with("D'")) {
      ++with_particle;
    }
    if (person.last_name.find('-') != std::string::npos) ++double_names;
  }
  EXPECT_GE(surnames.size(), 400u);
  EXPECT_GT(with_particle, 1000);
  EXPECT_GT(double_names, 500);
}

TEST_F(PersonFactoryTest, AddressesLieInAdembeek) {
  int with_box = 0;
  int with_letter = 0;
  for (const Person& person : people_) {
    EXPECT_TRUE(Contains(Streets(), person.street));
    EXPECT_GE(person.house_number, 1);
    if (person.box != 0) ++with_box;
    if (person.house_letter != '\0') ++with_letter;
  }
  EXPECT_GT(with_box, 1000);
  EXPECT_GT(with_letter, 500);
}

TEST(Vocabulary, EveryWordFitsWindows1252) {
  for (auto list : {MaleFirstNames(), FemaleFirstNames(), MaleFirstNamesAbroad(), FemaleFirstNamesAbroad(),
                    Surnames(), SurnamesWithParticle(), SurnamesAbroad(), Streets(), Remarks()}) {
    for (std::string_view word : list) {
      EXPECT_EQ(ToWindows1252(word).find('?'), std::string::npos) << word;
    }
  }
}

TEST(Vocabulary, HasAccentedNames) {
  EXPECT_TRUE(Contains(FemaleFirstNames(), "Hélène"));
  EXPECT_TRUE(Contains(MaleFirstNames(), "Noël"));
  EXPECT_TRUE(Contains(MaleFirstNames(), "François"));
  EXPECT_TRUE(Contains(SurnamesAbroad(), "Çelik"));
  EXPECT_EQ(ToWindows1252("Hélène Çelik €"), "H\xE9l\xE8ne \xC7" "elik \x80");
}

}  // namespace
}  // namespace adempauze::demo
