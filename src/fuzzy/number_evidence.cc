// Reading digits and a birth date from valid and invalid national numbers.
#include "adempauze/fuzzy/number_evidence.h"

#include <cassert>
#include <string>
#include <string_view>

namespace adempauze::fuzzy {
namespace {

constexpr std::size_t kNumberLength = 11;
constexpr int kBisUnknownSexOffset = 20;
constexpr int kBisKnownSexOffset = 40;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int TwoDigits(std::string_view text, std::size_t at) {
  return (text[at] - '0') * 10 + (text[at + 1] - '0');
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Returns the mantissa digits of "8,5073003328E+10" when the exponent makes 11 digits,
// otherwise an empty string.
std::string ScientificDigits(std::string_view text, std::size_t exponent_at) {
  std::string mantissa;
  for (std::size_t i = 0; i < exponent_at; ++i) {
    if (IsDigit(text[i])) mantissa.push_back(text[i]);
  }
  std::string_view exponent = text.substr(exponent_at + 1);
  if (!exponent.empty() && exponent.front() == '+') exponent.remove_prefix(1);
  if (exponent != "10" && exponent != "010") return {};
  return mantissa;
}

// Returns the digits of an invalid value after the defensive repairs: possibly fewer than
// 11 (a lost tail) or more (noise).
std::string RecoverDigits(std::string_view raw) {
  std::string_view text = Trim(raw);
  const std::size_t exponent_at = text.find_first_of("eE");
  if (exponent_at != std::string_view::npos) return ScientificDigits(text, exponent_at);

  if (text.ends_with(".0") || text.ends_with(",0")) text.remove_suffix(2);
  std::string digits;
  for (char c : text) {
    if (IsDigit(c)) digits.push_back(c);
  }
  if (digits.size() == kNumberLength - 1 || digits.size() == kNumberLength - 2) {
    digits.insert(0, kNumberLength - digits.size(), '0');
  }
  return digits;
}

}  // namespace

BirthDate BirthDateFromDigits(std::string_view six_digits) {
  assert(six_digits.size() == 6);
  // The year is always two digits. A month or day out of range makes that part and the
  // parts after it unknown, so a mistyped day still leaves year and month.
  BirthDate date;
  date.year = TwoDigits(six_digits, 0);
  int month = TwoDigits(six_digits, 2);
  if (month >= kBisKnownSexOffset) {
    month -= kBisKnownSexOffset;
  } else if (month >= kBisUnknownSexOffset) {
    month -= kBisUnknownSexOffset;
  }
  if (month < 1 || month > 12) return date;  // month 00 is unknown; its day is a sequence number
  date.month = month;
  const int day = TwoDigits(six_digits, 4);
  if (day >= 1 && day <= 31) date.day = day;
  return date;
}

NumberEvidence ReadNumberEvidence(std::string_view raw, CivilDate today) {
  NumberEvidence evidence;
  const nn::CheckResult check = nn::Check(raw, today);
  if (check.valid()) {
    const nn::NationalNumber& number = *check.number;
    evidence.digits = number.digits;
    evidence.valid = true;
    evidence.kind = number.kind;
    if (number.birth_year) {
      evidence.birth_date.year = *number.birth_year % 100;
      evidence.birth_date.month = number.birth_month.value_or(0);
      evidence.birth_date.day = number.birth_month ? number.birth_day.value_or(0) : 0;
    }
    return evidence;
  }

  const std::string digits = RecoverDigits(raw);
  if (digits.size() == kNumberLength) evidence.digits = digits;
  if (digits.size() >= 6)
    evidence.birth_date = BirthDateFromDigits(std::string_view(digits).substr(0, 6));
  return evidence;
}

}  // namespace adempauze::fuzzy
