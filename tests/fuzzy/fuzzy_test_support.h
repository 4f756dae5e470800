// Shared helpers of the fuzzy module's tests: a fixed "today" and people built from fields.
#pragma once

#include <cstddef>
#include <string>

#include "adempauze/common/civil_date.h"
#include "adempauze/fuzzy/person.h"

namespace adempauze::fuzzy::testing {

inline constexpr CivilDate kToday{2026, 12, 4};

inline Person MakePerson(std::size_t id, std::string first_name, std::string last_name,
                         std::string national_number, std::string street = {},
                         std::string house_number = {}, std::string postcode = {}) {
  Person person;
  person.id = id;
  person.first_name = std::move(first_name);
  person.last_name = std::move(last_name);
  person.national_number = std::move(national_number);
  person.street = std::move(street);
  person.house_number = std::move(house_number);
  person.postcode = std::move(postcode);
  return person;
}

}  // namespace adempauze::fuzzy::testing
