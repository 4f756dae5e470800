// Belgian national register number (rijksregisternummer, INSZ) and BIS number.
//
// Layout of the 11 digits: YYMMDD (birth date, possibly partial or shifted), SSS (serial:
// odd for men, even for women), CC (check digits). The check digits are
// 97 - (first nine digits mod 97). For births from 2000 the digit "2" is put in front of
// the nine digits before taking the remainder. BIS numbers add 20 to the month when the
// sex was unknown at registration and 40 when it was known. Month 00 or day 00 means
// "unknown"; so do the overflow ranges. The full rules, the verdicts where public validators
// disagree, the spreadsheet repairs and the masking are specified in
// docs/formats/national-number.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/civil_date.h"

namespace adempauze::nn {

enum class Kind { kNationalNumber, kBis };
enum class Sex { kUnknown, kMale, kFemale };

// Reason a value is not a valid national or BIS number.
enum class Invalid {
  kEmpty,          // nothing but whitespace
  kBadCharacters,  // characters other than digits and the separators . - / space, or a
                   // malformed scientific notation
  kWrongLength,    // not 11 digits, and no accepted repair gives 11 (this includes a
                   // scientific notation that is not a whole number)
  kChecksum,       // check digits fail for both centuries
  kMonth,          // month outside 00-12, 20-32 (BIS) and 40-52 (BIS)
  kDate,           // a calendar date that does not exist (31 April, 29 February 1981)
  kSerial,         // serial 000, or 999 on a national number (BIS numbers may use 999)
  kFutureDate,     // only the 2000 checksum fits, but that birth date lies after "today"
  kDigitsLost,     // scientific notation whose mantissa is shorter than the number: the
                   // missing digits cannot be recovered
};

// A spreadsheet damage that was undone to recover the number.
enum class Repair {
  kLeadingZeroRestored,  // 8 to 10 digits: a number stored as a number lost its leading
                         // zeros (births 2001-2009 lose one, births in 2000 two or three)
  kScientificNotation,   // "8.5073003328E+10" or "8,5073003328E+10"
  kTrailingDecimal,      // "85073003328.0" or "85073003328,0"
};

struct NationalNumber {
  std::string digits;  // always 11 ASCII digits, no separators
  Kind kind = Kind::kNationalNumber;
  int century = 1900;  // 1900 or 2000, from the checksum rule that matched
  // nullopt when the birth date is entirely unknown: the placeholder date YY=00, month 00
  // (BIS 20 or 40), day 01.
  std::optional<int> birth_year;
  std::optional<int> birth_month;  // nullopt when the month is unknown
  std::optional<int> birth_day;    // nullopt when the day is unknown
  Sex sex = Sex::kUnknown;         // unknown for BIS numbers with month offset 20
};

// The result of checking one value.
struct CheckResult {
  std::optional<NationalNumber> number;  // set when valid
  std::optional<Invalid> reason;         // set when invalid
  // Repairs applied, in the order they were undone (scientific notation or trailing decimal
  // first, leading zeros last). Also set on an invalid result when the repaired value
  // passed the check digits but failed a later rule (month, date, serial, future date).
  std::vector<Repair> repairs;
  bool valid() const { return number.has_value(); }
};

// Checks `input` as written by a person or a spreadsheet: separators (. - / space, also
// the no-break spaces U+00A0 and U+202F), surrounding whitespace, and the repairs above
// are accepted. A repair is applied only when the repaired value passes the check digits;
// it is then listed in `repairs`. `today` bounds birth dates for the 2000 checksum.
// Returns exactly one of `number` and `reason`. Thread-safe. Allocates only for the
// result's repair list (the 11 digits fit std::string's small-string buffer), so the only
// exception it can throw is std::bad_alloc.
CheckResult Check(std::string_view input, CivilDate today);

// Formats 11 digits as "85.07.30-033.28". REQUIRES: `digits` is 11 ASCII digits.
std::string Format(std::string_view digits);

// Masks 11 digits as "85.07.30-***.**": the birth date part stays, serial and check
// digits are hidden. REQUIRES: `digits` is 11 ASCII digits.
std::string Mask(std::string_view digits);

// Masks any value for a validation report, whatever its shape: keeps at most the first six
// ASCII digits and replaces every further digit with '*', so no complete number leaks.
// Every non-ASCII character (it could be a full-width or other Unicode digit) and every
// control character becomes one '*'. Values longer than 40 characters are cut to 40 and
// end in "...".
std::string MaskRaw(std::string_view raw);

// Computes the two check digits (1..97) for the first nine digits.
// REQUIRES: `first_nine` is 9 ASCII digits; `century` is 1900 or 2000.
int CheckDigits(std::string_view first_nine, int century);

// Builds a valid number from its parts; used by the demo generator. `month` and `day` may
// be 0 (unknown); with `month` 0, `day` 1..32 makes an overflow number. For BIS numbers
// pass the month without offset and `bis_offset` 20 or 40. Returns 11 digits that Check
// accepts, as long as the birth date is not after the `today` it is given.
// REQUIRES: 1900 <= year <= 2099; 0 <= month <= 12; a day that exists in that month (or 0);
// 1 <= serial <= 998 (999 is allowed for BIS); bis_offset 0, 20 or 40.
std::string Make(int year, int month, int day, int serial, int bis_offset = 0);

// Returns the English identifier of a reason ("checksum", "month", ...), used by the
// `number check` command and in logs.
std::string_view ReasonCode(Invalid reason);
std::string_view RepairCode(Repair repair);  // "leading_zero", "scientific_notation", ...
std::string_view KindCode(Kind kind);        // "rrn" or "bis"

// Returns the message catalog key that explains `reason` or `repair` to a user
// ("nn.invalid.checksum", "nn.repair.leading_zero"). Each message takes one argument: the
// value masked with MaskRaw.
std::string_view ReasonMessageKey(Invalid reason);
std::string_view RepairMessageKey(Repair repair);

}  // namespace adempauze::nn
