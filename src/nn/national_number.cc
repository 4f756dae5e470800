// Checking national and BIS numbers. The rules are specified in
// docs/formats/national-number.md; the reading of spreadsheet values is in input_reader.cc.
#include "adempauze/nn/national_number.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <string>
#include <utility>

#include "nn/input_reader.h"

namespace adempauze::nn {
namespace {

// Added in front of the nine digits for births from 2000: the digit "2" followed by nine.
constexpr std::int64_t kYear2000Prefix = 2'000'000'000;
// The highest day an overflow number (month unknown) may carry.
constexpr int kMaxOverflowDay = 32;

int TwoDigits(const std::array<char, 11>& digits, std::size_t at) {
  return (digits[at] - '0') * 10 + (digits[at + 1] - '0');
}

std::int64_t FirstNine(std::string_view digits) {
  std::int64_t value = 0;
  for (std::size_t i = 0; i < 9; ++i) value = value * 10 + (digits[i] - '0');
  return value;
}

int CheckDigitsOf(std::int64_t first_nine, int century) {
  const std::int64_t base = century == 2000 ? kYear2000Prefix + first_nine : first_nine;
  return static_cast<int>(97 - base % 97);
}

bool IsAsciiDigits(std::string_view text, std::size_t length) {
  if (text.size() != length) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The verdict on one candidate of 11 digits.
struct Verdict {
  bool checksum_passed = false;
  std::optional<Invalid> reason;  // unset when valid
  NationalNumber number;          // filled except `digits` when valid
};

// Step 1 of the check: which century's check digits fit. Returns 0 when neither does. The
// two rules never both fit, because 2,000,000,000 is not a multiple of 97.
int MatchCentury(const std::array<char, 11>& digits) {
  const std::string_view view(digits.data(), digits.size());
  const std::int64_t first_nine = FirstNine(view);
  const int check = TwoDigits(digits, 9);
  if (CheckDigitsOf(first_nine, 1900) == check) return 1900;
  if (CheckDigitsOf(first_nine, 2000) == check) return 2000;
  return 0;
}

// Returns true when the birth date parts that are known lie after `today`. Unknown parts
// take their earliest value, so a year or month that is still running is not in the future.
bool IsAfter(const NationalNumber& number, CivilDate today) {
  if (!number.birth_year) return false;
  const CivilDate earliest{*number.birth_year, number.birth_month.value_or(0),
                           number.birth_day.value_or(0)};
  return earliest > today;
}

Verdict Evaluate(const std::array<char, 11>& digits, CivilDate today) {
  Verdict verdict;

  // The check digits come first: when they fail, the other parts are noise.
  const int century = MatchCentury(digits);
  if (century == 0) {
    verdict.reason = Invalid::kChecksum;
    return verdict;
  }
  verdict.checksum_passed = true;

  // The month digits determine the kind: 0-12 national number, +20 or +40 BIS number.
  const int encoded_month = TwoDigits(digits, 2);
  int offset = 0;
  if (encoded_month >= 40) {
    offset = 40;
  } else if (encoded_month >= 20) {
    offset = 20;
  }
  const int month = encoded_month - offset;
  if (month > 12) {
    verdict.reason = Invalid::kMonth;
    return verdict;
  }

  // The day must exist in a known month. With the month unknown, day 00 means unknown and
  // days 01-32 are overflow numbers. Neither gives a birth month or day.
  const int year = century + TwoDigits(digits, 0);
  const int day = TwoDigits(digits, 4);
  const bool day_valid =
      month == 0 ? day <= kMaxOverflowDay : day == 0 || day <= DaysInMonth(year, month);
  if (!day_valid) {
    verdict.reason = Invalid::kDate;
    return verdict;
  }

  // Serial 000 is never issued, and 999 only on BIS numbers.
  // NOTE: the belgif validator checks the serial of national numbers only. Rejecting 000 on
  // BIS numbers as well is this product's choice, explained in the format document.
  const int serial = (digits[6] - '0') * 100 + TwoDigits(digits, 7);
  if (serial == 0 || (serial == 999 && offset == 0)) {
    verdict.reason = Invalid::kSerial;
    return verdict;
  }

  NationalNumber& number = verdict.number;
  number.kind = offset == 0 ? Kind::kNationalNumber : Kind::kBis;
  number.century = century;
  const bool placeholder_date = TwoDigits(digits, 0) == 0 && month == 0 && day == 1;
  if (!placeholder_date) number.birth_year = year;
  if (month != 0) number.birth_month = month;
  if (month != 0 && day != 0) number.birth_day = day;
  if (offset != 20) number.sex = serial % 2 == 1 ? Sex::kMale : Sex::kFemale;

  // A number that fits only the 2000 rule but gives a birth date after today is rejected.
  if (century == 2000 && IsAfter(number, today)) {
    verdict.reason = Invalid::kFutureDate;
    return verdict;
  }
  return verdict;
}

void AppendRepairs(std::uint8_t bits, std::vector<Repair>& repairs) {
  static constexpr Repair kOrder[] = {Repair::kScientificNotation, Repair::kTrailingDecimal,
                                      Repair::kLeadingZeroRestored};
  repairs.reserve(static_cast<std::size_t>(std::popcount(bits)));
  for (Repair repair : kOrder) {
    if ((bits & internal::RepairBit(repair)) != 0) repairs.push_back(repair);
  }
}

// The reason reported for a candidate whose check digits failed: a repair that does not
// pass the check digits is not accepted, so the failure is the damage it tried to undo.
Invalid ChecksumFailure(const internal::Candidate& candidate) {
  if (candidate.zeros_appended) return Invalid::kDigitsLost;
  if ((candidate.repairs & internal::RepairBit(Repair::kLeadingZeroRestored)) != 0) {
    return Invalid::kWrongLength;
  }
  return Invalid::kChecksum;
}

}  // namespace

CheckResult Check(std::string_view input, CivilDate today) {
  CheckResult result;

  // Step 1: read the value as one or two candidate digit strings.
  const internal::Candidates candidates = internal::ReadCandidates(input);
  if (candidates.count == 0) {
    result.reason = candidates.failure;
    return result;
  }

  // Step 2: the first candidate that passes every rule wins. Otherwise the report names
  // the first failure found after the check digits passed, because it is the most
  // specific; failing that, the first candidate's failure.
  const internal::Candidate* reported = nullptr;
  Invalid reported_reason = Invalid::kChecksum;
  bool reported_checksum_passed = false;
  for (int i = 0; i < candidates.count; ++i) {
    const internal::Candidate& candidate = candidates.items[static_cast<std::size_t>(i)];
    Verdict verdict = Evaluate(candidate.digits, today);
    if (!verdict.reason) {
      verdict.number.digits.assign(candidate.digits.data(), candidate.digits.size());
      result.number = std::move(verdict.number);
      AppendRepairs(candidate.repairs, result.repairs);
      return result;
    }
    if (reported == nullptr || (verdict.checksum_passed && !reported_checksum_passed)) {
      reported = &candidate;
      reported_checksum_passed = verdict.checksum_passed;
      reported_reason = verdict.checksum_passed ? *verdict.reason : ChecksumFailure(candidate);
    }
  }

  // Step 3: report the failure. Repairs stay listed only when their result passed the
  // check digits, since only then were they accepted.
  result.reason = reported_reason;
  if (reported_checksum_passed) AppendRepairs(reported->repairs, result.repairs);
  return result;
}

int CheckDigits(std::string_view first_nine, int century) {
  assert(IsAsciiDigits(first_nine, 9));
  assert(century == 1900 || century == 2000);
  return CheckDigitsOf(FirstNine(first_nine), century);
}

std::string Format(std::string_view digits) {
  assert(IsAsciiDigits(digits, 11));
  if (!IsAsciiDigits(digits, 11)) return std::string(digits);

  std::string out;
  out.reserve(15);
  out.append(digits.substr(0, 2)).append(".");
  out.append(digits.substr(2, 2)).append(".");
  out.append(digits.substr(4, 2)).append("-");
  out.append(digits.substr(6, 3)).append(".");
  out.append(digits.substr(9, 2));
  return out;
}

std::string Mask(std::string_view digits) {
  assert(IsAsciiDigits(digits, 11));
  if (!IsAsciiDigits(digits, 11)) return MaskRaw(digits);

  std::string out = Format(digits);
  for (std::size_t i = 9; i < out.size(); ++i) {
    if (out[i] != '.') out[i] = '*';
  }
  return out;
}

std::string MaskRaw(std::string_view raw) {
  constexpr std::size_t kMaxShown = 40;
  constexpr int kDigitsShown = 6;

  std::string out;
  out.reserve(std::min(raw.size(), kMaxShown) + 3);
  int digits_seen = 0;
  std::size_t at = 0;
  while (at < raw.size() && out.size() < kMaxShown) {
    const auto byte = static_cast<unsigned char>(raw[at]);
    if (byte >= 0x80) {
      // One '*' for the whole UTF-8 sequence: skip the continuation bytes.
      out.push_back('*');
      ++at;
      while (at < raw.size() && (static_cast<unsigned char>(raw[at]) & 0xC0) == 0x80) ++at;
      continue;
    }
    if (byte >= '0' && byte <= '9') {
      out.push_back(digits_seen < kDigitsShown ? raw[at] : '*');
      ++digits_seen;
    } else if (byte < 0x20 || byte == 0x7F) {
      out.push_back('*');
    } else {
      out.push_back(raw[at]);
    }
    ++at;
  }
  if (at < raw.size()) out.append("...");
  return out;
}

std::string Make(int year, int month, int day, int serial, int bis_offset) {
  assert(year >= 1900);
  assert(year <= 2099);
  assert(month >= 0);
  assert(month <= 12);
  assert(day == 0 || (month == 0 ? day <= kMaxOverflowDay : IsValidDate(year, month, day)));
  assert(bis_offset == 0 || bis_offset == 20 || bis_offset == 40);
  assert(serial >= 1 && (serial <= 998 || (serial == 999 && bis_offset != 0)));

  const int century = year >= 2000 ? 2000 : 1900;
  const std::int64_t first_nine = static_cast<std::int64_t>(year - century) * 10'000'000 +
                                  static_cast<std::int64_t>(month + bis_offset) * 100'000 +
                                  static_cast<std::int64_t>(day) * 1'000 + serial;
  const std::int64_t whole = first_nine * 100 + CheckDigitsOf(first_nine, century);

  std::string out(11, '0');
  std::int64_t rest = whole;
  for (std::size_t i = 11; i-- > 0;) {
    out[i] = static_cast<char>('0' + rest % 10);
    rest /= 10;
  }
  return out;
}

std::string_view ReasonCode(Invalid reason) {
  switch (reason) {
    case Invalid::kEmpty:
      return "empty";
    case Invalid::kBadCharacters:
      return "bad_characters";
    case Invalid::kWrongLength:
      return "wrong_length";
    case Invalid::kChecksum:
      return "checksum";
    case Invalid::kMonth:
      return "month";
    case Invalid::kDate:
      return "date";
    case Invalid::kSerial:
      return "serial";
    case Invalid::kFutureDate:
      return "future_date";
    case Invalid::kDigitsLost:
      return "digits_lost";
  }
  return "unknown";
}

std::string_view RepairCode(Repair repair) {
  switch (repair) {
    case Repair::kLeadingZeroRestored:
      return "leading_zero";
    case Repair::kScientificNotation:
      return "scientific_notation";
    case Repair::kTrailingDecimal:
      return "trailing_decimal";
  }
  return "unknown";
}

std::string_view KindCode(Kind kind) { return kind == Kind::kBis ? "bis" : "rrn"; }

std::string_view ReasonMessageKey(Invalid reason) {
  switch (reason) {
    case Invalid::kEmpty:
      return "nn.invalid.empty";
    case Invalid::kBadCharacters:
      return "nn.invalid.bad_characters";
    case Invalid::kWrongLength:
      return "nn.invalid.wrong_length";
    case Invalid::kChecksum:
      return "nn.invalid.checksum";
    case Invalid::kMonth:
      return "nn.invalid.month";
    case Invalid::kDate:
      return "nn.invalid.date";
    case Invalid::kSerial:
      return "nn.invalid.serial";
    case Invalid::kFutureDate:
      return "nn.invalid.future_date";
    case Invalid::kDigitsLost:
      return "nn.invalid.digits_lost";
  }
  return "nn.invalid.checksum";
}

std::string_view RepairMessageKey(Repair repair) {
  switch (repair) {
    case Repair::kLeadingZeroRestored:
      return "nn.repair.leading_zero";
    case Repair::kScientificNotation:
      return "nn.repair.scientific_notation";
    case Repair::kTrailingDecimal:
      return "nn.repair.trailing_decimal";
  }
  return "nn.repair.leading_zero";
}

}  // namespace adempauze::nn
