#include "nn/input_reader.h"

#include <cstddef>

namespace adempauze::nn::internal {
namespace {

constexpr int kLength = 11;
// Minimum number of digits that the leading-zero repair pads to 11. Births in January to September
// 2000 lose three zeros ("00061504264" becomes 61504264).
// NOTE: national numbers with year 00 and month 00 lose four or more zeros and are not
// repaired, because so short a value is more likely something else.
constexpr int kMinPaddedLength = 8;

// Returns the byte length of the whitespace or separator character at `text[at]`, or 0.
// Besides ASCII, U+00A0 (no-break space) and U+202F (narrow no-break space) count, because
// number formats of French locales use them as thousands separators.
std::size_t NoBreakSpaceLength(std::string_view text, std::size_t at) {
  if (text.substr(at, 2) == "\xC2\xA0") return 2;
  if (text.substr(at, 3) == "\xE2\x80\xAF") return 3;
  return 0;
}

bool IsAsciiWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::size_t SeparatorLength(std::string_view text, std::size_t at) {
  const char c = text[at];
  if (c == '.' || c == '-' || c == '/' || c == ' ') return 1;
  return NoBreakSpaceLength(text, at);
}

std::string_view Trim(std::string_view text) {
  while (!text.empty()) {
    if (IsAsciiWhitespace(text.front())) {
      text.remove_prefix(1);
    } else if (std::size_t length = NoBreakSpaceLength(text, 0); length > 0) {
      text.remove_prefix(length);
    } else {
      break;
    }
  }
  while (!text.empty()) {
    if (IsAsciiWhitespace(text.back())) {
      text.remove_suffix(1);
    } else if (text.size() >= 2 && NoBreakSpaceLength(text, text.size() - 2) == 2) {
      text.remove_suffix(2);
    } else if (text.size() >= 3 && NoBreakSpaceLength(text, text.size() - 3) == 3) {
      text.remove_suffix(3);
    } else {
      break;
    }
  }
  return text;
}

// Digits collected from a value. The first 11 are stored, and `count` keeps counting, so an
// overlong value is still recognised as such.
struct DigitRun {
  std::array<char, kLength> digits{};
  int count = 0;

  void Append(char digit) {
    if (count < kLength) digits[static_cast<std::size_t>(count)] = digit;
    ++count;
  }
};

// Turns a run of digits into a candidate: 11 digits as they are, 8 to 10 digits padded
// with leading zeros. Returns false for any other length.
bool MakeCandidate(const DigitRun& run, std::uint8_t repairs, Candidate& candidate) {
  if (run.count > kLength || run.count < kMinPaddedLength) return false;

  const int padding = kLength - run.count;
  candidate = Candidate{};
  for (int i = 0; i < padding; ++i) candidate.digits[static_cast<std::size_t>(i)] = '0';
  for (int i = 0; i < run.count; ++i) {
    candidate.digits[static_cast<std::size_t>(padding + i)] =
        run.digits[static_cast<std::size_t>(i)];
  }
  candidate.repairs = repairs;
  if (padding > 0) candidate.repairs |= RepairBit(Repair::kLeadingZeroRestored);
  return true;
}

// Collects the digits of `text`, which may contain separators. Returns false when another
// character occurs.
bool CollectDigits(std::string_view text, DigitRun& run) {
  std::size_t at = 0;
  while (at < text.size()) {
    if (IsDigit(text[at])) {
      run.Append(text[at]);
      ++at;
      continue;
    }
    const std::size_t separator = SeparatorLength(text, at);
    if (separator == 0) return false;
    at += separator;
  }
  return true;
}

// Reads "8.5073003328E+10", "8,5073003328e10" and the like: one or more digits, an optional
// decimal mark with digits, 'E' or 'e', an optional sign and up to three exponent digits.
Candidates ReadScientific(std::string_view text) {
  Candidates result;

  // Step 1: check the shape and find the mantissa and the exponent.
  std::size_t at = 0;
  while (at < text.size() && IsDigit(text[at])) ++at;
  const std::size_t integer_digits = at;
  std::size_t mantissa_end = at;
  if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
    ++at;
    while (at < text.size() && IsDigit(text[at])) ++at;
    mantissa_end = at;
  }
  if (integer_digits == 0 || at >= text.size() || (text[at] != 'E' && text[at] != 'e')) {
    result.failure = Invalid::kBadCharacters;
    return result;
  }
  ++at;
  bool negative = false;
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    negative = text[at] == '-';
    ++at;
  }
  const std::size_t exponent_start = at;
  int exponent = 0;
  while (at < text.size() && IsDigit(text[at]) && at - exponent_start < 3) {
    exponent = exponent * 10 + (text[at] - '0');
    ++at;
  }
  if (at == exponent_start || at != text.size()) {
    result.failure = Invalid::kBadCharacters;
    return result;
  }

  // Step 2: shift the decimal point. Digits left of it form the number; digits right of it
  // must be zeros, or the value is not a whole number.
  const long point = static_cast<long>(integer_digits) + (negative ? -exponent : exponent);
  DigitRun run;
  long position = 0;
  for (std::size_t i = 0; i < mantissa_end; ++i) {
    const char c = text[i];
    if (!IsDigit(c)) continue;  // the decimal mark
    if (position < point) {
      if (run.count > 0 || c != '0') run.Append(c);  // a number has no leading zeros
    } else if (c != '0') {
      result.failure = Invalid::kWrongLength;
      return result;
    }
    ++position;
  }

  // Step 3: a mantissa shorter than the number gets trailing zeros. They are right only if
  // the spreadsheet dropped zeros, not other digits; the check digits decide that later.
  bool zeros_appended = false;
  for (; position < point && run.count <= kLength; ++position) {
    if (run.count > 0) run.Append('0');
    zeros_appended = true;
  }

  Candidate& candidate = result.items[0];
  if (!MakeCandidate(run, RepairBit(Repair::kScientificNotation), candidate)) {
    result.failure = Invalid::kWrongLength;
    return result;
  }
  candidate.zeros_appended = zeros_appended;
  result.count = 1;
  return result;
}

// Returns the length of a trailing decimal part made of zeros (".0", ",00"), including the
// decimal mark, or 0 when `text` has none. The decimal mark must follow a digit.
std::size_t TrailingDecimalLength(std::string_view text) {
  std::size_t zeros_start = text.size();
  while (zeros_start > 0 && text[zeros_start - 1] == '0') --zeros_start;
  if (zeros_start == text.size() || zeros_start < 2) return 0;

  const char mark = text[zeros_start - 1];
  if (mark != '.' && mark != ',') return 0;
  if (!IsDigit(text[zeros_start - 2])) return 0;
  return text.size() - zeros_start + 1;
}

// Reads "85073003328.0" and "8507300332,00". The decimal reading comes first. When the mark
// is '.', which is also a separator, the value is read a second time with it as separator.
Candidates ReadWithTrailingDecimal(std::string_view text, std::size_t decimal_length) {
  Candidates result;
  const std::string_view head = text.substr(0, text.size() - decimal_length);

  DigitRun head_digits;
  bool head_ok = CollectDigits(head, head_digits);
  if (head_ok && MakeCandidate(head_digits, RepairBit(Repair::kTrailingDecimal),
                               result.items[static_cast<std::size_t>(result.count)])) {
    ++result.count;
  }

  DigitRun all_digits;
  if (text[head.size()] == '.' && CollectDigits(text, all_digits) &&
      MakeCandidate(all_digits, 0, result.items[static_cast<std::size_t>(result.count)])) {
    ++result.count;
  }

  if (result.count == 0) result.failure = head_ok ? Invalid::kWrongLength : Invalid::kBadCharacters;
  return result;
}

}  // namespace

Candidates ReadCandidates(std::string_view input) {
  Candidates result;
  const std::string_view text = Trim(input);
  if (text.empty()) {
    result.failure = Invalid::kEmpty;
    return result;
  }

  if (text.find_first_of("Ee") != std::string_view::npos) return ReadScientific(text);

  if (std::size_t decimal_length = TrailingDecimalLength(text); decimal_length > 0) {
    return ReadWithTrailingDecimal(text, decimal_length);
  }

  DigitRun run;
  if (!CollectDigits(text, run)) {
    result.failure = Invalid::kBadCharacters;
    return result;
  }
  if (!MakeCandidate(run, 0, result.items[0])) {
    result.failure = Invalid::kWrongLength;
    return result;
  }
  result.count = 1;
  return result;
}

}  // namespace adempauze::nn::internal
