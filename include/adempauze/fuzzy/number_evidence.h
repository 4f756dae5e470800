// The evidence a national number column still carries when the number is valid, mistyped
// or damaged: its digits, its kind and the birth date in its first six digits.
#pragma once

#include <string>
#include <string_view>

#include "adempauze/common/civil_date.h"
#include "adempauze/nn/national_number.h"

namespace adempauze::fuzzy {

// A birth date as YYMMDD; the century is left out because an invalid number cannot give it.
struct BirthDate {
  int year = -1;  // two digits, 0..99; -1 when unknown
  int month = 0;  // 1..12; 0 when unknown
  int day = 0;    // 1..31; 0 when unknown

  bool known() const { return year >= 0; }
  bool complete() const { return year >= 0 && month > 0 && day > 0; }
  bool operator==(const BirthDate&) const = default;
};

struct NumberEvidence {
  // The 11 digits: the valid number (after nn::Check's repairs) or the 11 digits of an
  // invalid value. Empty when the value does not contain exactly 11 digits after the
  // repairs below.
  std::string digits;
  bool valid = false;
  nn::Kind kind = nn::Kind::kNationalNumber;  // meaningful only when valid
  BirthDate birth_date;
};

// Reads a national number column as written. A valid number (nn::Check with `today`) gives
// its digits, kind and the birth date parts it defines. An invalid value is read
// defensively, because a mistyped number usually keeps its birth date:
//   - separators (. - / space) are ignored and a trailing ".0" or ",0" dropped;
//   - 9 or 10 digits get their lost leading zeros back;
//   - scientific notation ("8,5073003328E+10") gives its mantissa digits when the exponent
//     makes 11 digits;
//   - the first six digits are YYMMDD. The year always counts. The month counts when it is
//     01-12, 21-32 or 41-52 (BIS offsets removed), and the day when the month counts and
//     it is 01-31. A part out of range stays unknown, with every part after it.
// Never fails: what cannot be read stays unknown. Thread-safe.
NumberEvidence ReadNumberEvidence(std::string_view raw, CivilDate today);

// Returns the birth date that six digits YYMMDD give under the rules above.
// REQUIRES: `six_digits` is 6 ASCII digits.
BirthDate BirthDateFromDigits(std::string_view six_digits);

}  // namespace adempauze::fuzzy
