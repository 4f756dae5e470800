// Turns a value as written in a file into candidate 11-digit strings: strips separators and
// whitespace and undoes the spreadsheet damage described in national_number.h. It does not
// look at the check digits; Check decides which candidate, if any, is accepted.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "adempauze/nn/national_number.h"

namespace adempauze::nn::internal {

// One way to read the input as 11 digits.
struct Candidate {
  std::array<char, 11> digits{};
  std::uint8_t repairs = 0;     // bit (1 << Repair) for each repair this reading applies
  bool zeros_appended = false;  // scientific notation: trailing zeros were filled in because
                                // the mantissa had fewer digits than the number
};

// All readings of one input, in order of preference. An input has at most two: a value
// ending in ".0" is read first as a number with a decimal part, then with "." as separator.
struct Candidates {
  std::array<Candidate, 2> items{};
  int count = 0;
  Invalid failure = Invalid::kWrongLength;  // why there is no candidate, when count is 0
};

// Returns the readings of `input`. Allocates nothing.
Candidates ReadCandidates(std::string_view input);

constexpr std::uint8_t RepairBit(Repair repair) {
  return static_cast<std::uint8_t>(1u << static_cast<unsigned>(repair));
}

}  // namespace adempauze::nn::internal
