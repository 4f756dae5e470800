#include "demo/number_damage.h"

#include <cassert>
#include <cstdint>

#include <fmt/format.h>

#include "adempauze/nn/national_number.h"

namespace adempauze::demo {
namespace {

std::uint64_t ValueOf(std::string_view digits) {
  std::uint64_t value = 0;
  for (char c : digits) value = value * 10 + static_cast<std::uint64_t>(c - '0');
  return value;
}

// Formats `mantissa_digits` (d1 d2 ... dn) as "d1<mark>d2...dn" without trailing zeros,
// followed by the exponent as Excel writes it ("E+10", "E+09").
std::string Scientific(std::string mantissa_digits, int exponent, char decimal_mark) {
  while (mantissa_digits.size() > 1 && mantissa_digits.back() == '0') mantissa_digits.pop_back();
  std::string out(1, mantissa_digits[0]);
  if (mantissa_digits.size() > 1) {
    out += decimal_mark;
    out.append(mantissa_digits, 1);
  }
  return out + fmt::format("E+{:02}", exponent);
}

}  // namespace

std::string WithoutLeadingZeros(std::string_view digits) {
  assert(digits.size() == 11);
  const std::size_t first = digits.find_first_not_of('0');
  return first == std::string_view::npos ? std::string("0") : std::string(digits.substr(first));
}

std::string ScientificRounded(std::string_view digits, char decimal_mark) {
  const std::string significant = WithoutLeadingZeros(digits);
  int exponent = static_cast<int>(significant.size()) - 1;
  if (significant.size() <= 5) return Scientific(significant, exponent, decimal_mark);

  // Round half up to five significant digits; 99999.5 carries into one more digit.
  std::uint64_t divisor = 1;
  for (std::size_t i = 5; i < significant.size(); ++i) divisor *= 10;
  std::uint64_t rounded = (ValueOf(significant) + divisor / 2) / divisor;
  if (rounded == 100000) {
    rounded = 10000;
    ++exponent;
  }
  return Scientific(std::to_string(rounded), exponent, decimal_mark);
}

std::string ScientificExact(std::string_view digits, char decimal_mark) {
  const std::string significant = WithoutLeadingZeros(digits);
  return Scientific(significant, static_cast<int>(significant.size()) - 1, decimal_mark);
}

std::string WithTrailingDecimal(std::string_view digits, char decimal_mark) {
  std::string out = WithoutLeadingZeros(digits);
  out += decimal_mark;
  out += '0';
  return out;
}

std::string WithSeparators(std::string_view digits) { return nn::Format(digits); }

std::string WithWrongCheckDigits(std::string_view digits) {
  assert(digits.size() == 11);
  const std::string_view first_nine = digits.substr(0, 9);
  const int check_1900 = nn::CheckDigits(first_nine, 1900);
  const int check_2000 = nn::CheckDigits(first_nine, 2000);
  // Valid check digits lie in 1..97; step through them until neither century matches.
  int wrong = check_1900 % 97 + 1;
  while (wrong == check_1900 || wrong == check_2000) wrong = wrong % 97 + 1;
  return fmt::format("{}{:02}", first_nine, wrong);
}

}  // namespace adempauze::demo
