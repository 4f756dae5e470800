// The people behind a test set, before any list's errors, and how a list writes them.
#pragma once

#include <cstdint>
#include <string>

#include "adempauze/fuzzy/person.h"
#include "adempauze/fuzzy/testset.h"
#include "fuzzy/testset_random.h"

namespace adempauze::fuzzy::internal {

// One fictitious person as the national register knows them.
struct TruePerson {
  std::string given_name;
  std::string surname;
  bool male = false;
  std::string number;        // 11 digits: the national number, or the BIS number
  std::string later_number;  // BIS holders: the national number they got later; else empty
  std::string street;
  int house_number = 1;
  std::string house_suffix;  // "A" or empty
  std::string box;           // "3" or empty
};

// Draws a street and house number (with a letter or box now and then) into `person`.
void DrawAddress(TestRandom& random, TruePerson& person);

// Writes `person` as one list would, with errors drawn at `rates`. Adds the errors applied to
// `errors` (bits of TestError). `postcode` is written as is (empty for debtor lists).
Person WriteRecord(const TruePerson& person, const ErrorRates& rates, std::string postcode,
                   TestRandom& random, std::uint32_t& errors);

}  // namespace adempauze::fuzzy::internal
