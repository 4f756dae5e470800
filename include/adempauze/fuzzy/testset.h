// Labelled test sets for the fuzzy matcher: fictitious OCMW clients and city debtors with
// ground truth and the errors real lists carry, at stated rates. The standard error profile
// is defined in docs/formats/fuzzy-matching.md, section "Standard error profile".
//
// Every name, street and number is fictitious. Names are drawn from word lists of common
// Flemish, Walloon and immigrant names and combined at random. Streets lie in no real
// municipality (postcode 9999). National numbers are random valid numbers from nn::Make.
// The same options give the same set on every platform, because all draws go through a
// SplitMix64 generator. The people and each list's errors have separate streams, so
// changing an error rate leaves the people unchanged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/common/result.h"
#include "adempauze/fuzzy/person.h"

namespace adempauze::fuzzy {

// The errors a record can get, as bits of TestSet::debtor_errors / client_errors.
enum class TestError : std::uint32_t {
  kFirstNameTypo = 1u << 0,  // one letter substituted, dropped, doubled or transposed
  kLastNameTypo = 1u << 1,
  kNamesSwapped = 1u << 2,        // first name in the last-name column and the other way round
  kNickname = 1u << 3,            // "Jef" for Jozef (only names in the nickname table)
  kInitialOnly = 1u << 4,         // "J." for Jan
  kParticleVariant = 1u << 5,     // "Vandenbroeck", "van den Broeck", "Van Den Broeck" or "Broeck"
  kDoubleNamePart = 1u << 6,      // one part of "Van de Velde-Peeters" only
  kDiacriticsLost = 1u << 7,      // "Celik" for Çelik, "Zoe" for Zoë (names and street)
  kUpperCase = 1u << 8,           // names in capitals
  kMissingNumber = 1u << 9,       // empty national number
  kMistypedNumber = 1u << 10,     // one digit changed or two adjacent digits swapped
  kBisReplaced = 1u << 11,        // a BIS number here, the later national number there
  kNumberFormatted = 1u << 12,    // "85.07.30-033.28" instead of 11 digits (harmless)
  kMoved = 1u << 13,              // another street and house number
  kStreetAbbreviated = 1u << 14,  // "Kerkstr.", "Gentse Stwg.", "St.-Jansplein"
  // "12/3", "12 b 3", "12 bte 3" or "12" (box left out) for "12 bus 3"; "12 a" for "12A"
  kHouseNumberFormat = 1u << 15,
  kNumberInStreet = 1u << 16,  // "Kerkstraat 12" in the street column, house number empty
};
inline constexpr std::size_t kTestErrorCount = 17;

// Returns the English identifier ("first_name_typo", ...). REQUIRES: one bit.
std::string_view TestErrorCode(TestError error);

// Probabilities, each in [0, 1], that one record gets each error. Errors are drawn
// independently. Some errors only apply to some records, and their rate is conditional on
// those: nickname (given names in the nickname table), particle_variant (surnames with a
// particle), double_name_part (double surnames), diacritics_lost (records with
// diacritics), bis_replaced (people with a BIS number) and mistyped_number (records that
// still have a number).
struct ErrorRates {
  double first_name_typo = 0;
  double last_name_typo = 0;
  double names_swapped = 0;
  double nickname = 0;
  double initial_only = 0;
  double particle_variant = 0;
  double double_name_part = 0;
  double diacritics_lost = 0;
  double upper_case = 0;
  double missing_number = 0;
  double mistyped_number = 0;
  double bis_replaced = 0;
  double number_formatted = 0;
  double moved = 0;
  double street_abbreviated = 0;
  double house_number_format = 0;
  double number_in_street = 0;

  static ErrorRates None() { return {}; }
  // The standard error profile of a city's debtor list (docs/formats/fuzzy-matching.md).
  static ErrorRates StandardDebtors();
  // The OCMW's client list: the same kinds of errors, fewer of them, and no moves (the
  // client list has the current address; the debtor list's may be old).
  static ErrorRates StandardClients();
};

struct TestSetOptions {
  std::uint64_t seed = 1;
  CivilDate today{2026, 1, 1};  // ages 18 to 90 count back from it; must be valid
  std::size_t clients = 5000;
  std::size_t debtors = 2000;
  double overlap = 0.25;   // share of the debtors who are clients
  double bis_rate = 0.04;  // share of people with a BIS number
  // Share of people who live with a relative drawn earlier: same surname (nine in ten) and
  // address, another given name and birth date. These are the hardest non-matches.
  double household_rate = 0.15;
  double twin_rate = 0.02;  // share of those relatives born on the same day
  ErrorRates debtor_errors = ErrorRates::StandardDebtors();
  ErrorRates client_errors = ErrorRates::StandardClients();
};

struct TestSet {
  std::vector<Person> clients;  // id = position in this vector
  std::vector<Person> debtors;  // id = position in this vector
  std::vector<IdPair> truth;    // (debtor id, client id) of every debtor who is a client, sorted
  std::vector<std::uint32_t> debtor_errors;  // bits of TestError, by debtor id
  std::vector<std::uint32_t> client_errors;  // bits of TestError, by client id
};

// Returns kInvalidArgument "fuzzy.testset.invalid_option" (arg: the option's name) when a
// rate lies outside [0, 1], the overlap needs more clients than there are, more than
// 20,000,000 people are asked for, or `today` is invalid.
Result<TestSet> GenerateTestSet(const TestSetOptions& options);

}  // namespace adempauze::fuzzy
