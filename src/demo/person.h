// Fictitious people: names, a unique valid national or BIS number, an address in Adembeek.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/demo/random.h"

namespace adempauze::demo {

struct Person {
  std::string first_name;
  std::string last_name;
  std::string national_number;  // 11 digits with valid check digits
  bool bis = false;
  bool female = false;
  int birth_year = 0;
  int birth_month = 0;
  int birth_day = 0;  // 0 when the number encodes an unknown day (some BIS numbers)
  std::string_view street;
  int house_number = 1;
  char house_letter = '\0';  // '\0' when none: "7A"
  int box = 0;               // 0 when none: "12 bus 3"
};

// Makes people whose national numbers are unique among everyone this factory made.
// Ages are 18 to 90 years on `today`. Memory: a bitmap of about 10 MB.
class PersonFactory {
 public:
  PersonFactory(CivilDate today, double bis_rate);

  // Draws the next person. REQUIRES: fewer than about 5 million people made so far, so a
  // free number is found quickly (there are about 16 million for the age range).
  Person Make(Random& random);

 private:
  void DrawName(Random& random, Person& person) const;
  void DrawNumber(Random& random, Person& person);
  // Marks the number's date, serial and kind as used; returns false when it already was.
  bool Claim(int year, int month, int day, int serial, bool bis);

  double bis_rate_;
  long first_day_;  // days since 1970-01-01 of the oldest birth date
  long day_count_;
  int first_year_;
  std::vector<std::uint64_t> used_;
};

}  // namespace adempauze::demo
