// Records written the way a list writes a person, with the list's errors.
#include <utf8proc.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/fuzzy/names.h"
#include "adempauze/fuzzy/text.h"
#include "adempauze/nn/national_number.h"
#include "fuzzy/testset_people.h"
#include "fuzzy/testset_vocabulary.h"

namespace adempauze::fuzzy::internal {
namespace {

constexpr int kMaxHouseNumber = 180;
constexpr double kHouseSuffixRate = 0.05;
constexpr double kBoxRate = 0.12;

void Mark(std::uint32_t& errors, TestError error) { errors |= static_cast<std::uint32_t>(error); }

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

// One typing error at a random ASCII letter: substitution, deletion, doubling or
// transposition with the next letter. Names without ASCII letters stay as they are.
std::string Typo(const std::string& name, TestRandom& random) {
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (IsAsciiLetter(name[i])) positions.push_back(i);
  }
  if (positions.size() < 2) return name;
  const std::size_t at = positions[static_cast<std::size_t>(random.Below(positions.size()))];
  std::string out = name;
  switch (random.Below(4)) {
    case 0: {
      char letter = static_cast<char>('a' + random.Below(26));
      if (letter == static_cast<char>(out[at] | 0x20)) {
        letter = letter == 'z' ? 'a' : static_cast<char>(letter + 1);
      }
      out[at] = IsUpper(out[at]) ? static_cast<char>(letter - 'a' + 'A') : letter;
      break;
    }
    case 1:
      out.erase(at, 1);
      break;
    case 2:
      out.insert(at, 1, static_cast<char>(out[at] | 0x20));
      break;
    default:
      if (at + 1 < out.size() && IsAsciiLetter(out[at + 1]) && out[at] != out[at + 1]) {
        std::swap(out[at], out[at + 1]);
      } else {
        out.erase(at, 1);
      }
      break;
  }
  return out;
}

std::string Capitalised(std::string_view folded) {
  std::string out(folded);
  if (!out.empty() && out.front() >= 'a' && out.front() <= 'z')
    out.front() = static_cast<char>(out.front() - 'a' + 'A');
  return out;
}

// Another name of the given name's nickname group, or an empty string when it has none.
std::string Nickname(const std::string& given, TestRandom& random) {
  const GivenNameForms forms = AnalyseGivenName(given);
  if (forms.nickname_groups == 0 || forms.tokens.size() != 1) return {};
  std::vector<std::string_view> others;
  for (std::size_t group = 0; group < NicknameTable().size(); ++group) {
    if (((forms.nickname_groups >> group) & 1u) == 0) continue;
    std::string_view names = NicknameTable()[group];
    while (!names.empty()) {
      const std::size_t space = names.find(' ');
      const std::string_view name = names.substr(0, space);
      if (name != forms.tokens.front()) others.push_back(name);
      names = space == std::string_view::npos ? std::string_view() : names.substr(space + 1);
    }
  }
  if (others.empty()) return {};
  return Capitalised(others[static_cast<std::size_t>(random.Below(others.size()))]);
}

std::string UpperCase(std::string_view text) {
  std::string out;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  for (utf8proc_ssize_t at = 0; at < size;) {
    utf8proc_int32_t codepoint = 0;
    const utf8proc_ssize_t length = utf8proc_iterate(bytes + at, size - at, &codepoint);
    if (length <= 0) {
      out.push_back(text[static_cast<std::size_t>(at++)]);
      continue;
    }
    at += length;
    utf8proc_uint8_t buffer[4];
    const utf8proc_ssize_t written = utf8proc_encode_char(utf8proc_toupper(codepoint), buffer);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(written));
  }
  return out;
}

// Splits "Van den Broeck" into "Van den" and "Broeck", "D'Hondt" into "D'" and "Hondt".
// Returns false for a surname without a particle.
bool SplitParticle(const std::string& surname, std::string& particle, std::string& rest) {
  if (surname.size() > 2 && surname[1] == '\'' && surname.find(' ') == std::string::npos) {
    particle = surname.substr(0, 2);
    rest = surname.substr(2);
    return true;
  }
  std::size_t at = 0;
  std::size_t rest_start = 0;
  while (at < surname.size()) {
    std::size_t end = surname.find(' ', at);
    if (end == std::string::npos) break;  // the last word is never a particle
    const std::string word = surname.substr(at, end - at);
    if (!IsSurnameParticle(FoldForComparison(word)) && word != "'t") break;
    rest_start = end + 1;
    at = end + 1;
  }
  if (rest_start == 0) return false;
  particle = surname.substr(0, rest_start - 1);
  rest = surname.substr(rest_start);
  return true;
}

std::string ParticleVariant(const std::string& particle, const std::string& rest,
                            TestRandom& random) {
  std::string joined;
  switch (random.Below(4)) {
    case 0:  // written as one word: "Vandenbroeck"
      for (char c : particle + rest) {
        if (c != ' ' && c != '\'')
          joined.push_back(joined.empty() ? c : static_cast<char>(c | 0x20));
      }
      return Capitalised(joined);
    case 1: {  // particles in lower case: "van den Broeck"
      std::string lower = particle;
      for (char& c : lower) c = IsUpper(c) ? static_cast<char>(c | 0x20) : c;
      return lower + (particle.back() == '\'' ? "" : " ") + rest;
    }
    case 2: {  // every word capitalised: "Van Den Broeck"
      std::string upper = particle;
      for (std::size_t i = 0; i < upper.size(); ++i) {
        const bool word_start = i == 0 || upper[i - 1] == ' ';
        if (word_start && upper[i] >= 'a' && upper[i] <= 'z')
          upper[i] = static_cast<char>(upper[i] - 'a' + 'A');
      }
      return upper + (particle.back() == '\'' ? "" : " ") + rest;
    }
    default:  // particle dropped: "Broeck"
      return rest;
  }
}

struct Replacement {
  std::string_view from;
  std::string_view to;
};

// Abbreviates a street the way lists do. Returns the street unchanged when no rule applies.
std::string AbbreviateStreet(std::string street) {
  constexpr Replacement kEndings[] = {
      {"steenweg", "stwg."}, {"straat", "str."}, {"laan", "ln."},
      {"plein", "pl."},      {"dreef", "dr."},
  };
  constexpr Replacement kStarts[] = {
      {"Sint-", "St.-"},
      {"Boulevard ", "Bd. "},
      {"Dokter ", "Dr. "},
      {"Avenue ", "Av. "},
  };
  for (const Replacement& start : kStarts) {
    if (street.starts_with(start.from))
      street = std::string(start.to) + street.substr(start.from.size());
  }
  for (const Replacement& ending : kEndings) {
    if (street.ends_with(ending.from)) {
      street = street.substr(0, street.size() - ending.from.size()) + std::string(ending.to);
      break;
    }
  }
  return street;
}

std::string HouseNumberText(const TruePerson& person, bool other_format, TestRandom& random) {
  const std::string number = std::to_string(person.house_number);
  if (!person.box.empty()) {
    if (!other_format) return number + person.house_suffix + " bus " + person.box;
    constexpr std::string_view kForms[] = {"/", " b ", " bte ", " bus 0"};
    const auto form = static_cast<std::size_t>(random.Below(5));
    if (form == 4) return number + person.house_suffix;  // the box left out
    return number + person.house_suffix + std::string(kForms[form]) + person.box;
  }
  if (!person.house_suffix.empty()) {
    if (!other_format) return number + person.house_suffix;
    const std::string lower(1, static_cast<char>(person.house_suffix.front() | 0x20));
    return random.Chance(0.5) ? number + " " + lower : number + " " + person.house_suffix;
  }
  return other_format ? "nr. " + number : number;
}

std::string Mistype(std::string digits, TestRandom& random) {
  const auto at = static_cast<std::size_t>(random.Below(digits.size() - 1));
  if (random.Chance(0.5) && digits[at] != digits[at + 1]) {
    std::swap(digits[at], digits[at + 1]);
    return digits;
  }
  const char old = digits[at];
  digits[at] = static_cast<char>('0' + (old - '0' + 1 + random.Below(9)) % 10);
  return digits;
}

void WriteNames(const TruePerson& person, const ErrorRates& rates, TestRandom& random, Person& out,
                std::uint32_t& errors) {
  std::string given = person.given_name;
  std::string surname = person.surname;
  if (random.Chance(rates.nickname)) {
    const std::string nickname = Nickname(given, random);
    if (!nickname.empty()) {
      given = nickname;
      Mark(errors, TestError::kNickname);
    }
  }
  if (random.Chance(rates.initial_only)) {
    given = std::string(1, given.front()) + ".";
    Mark(errors, TestError::kInitialOnly);
  }
  if (random.Chance(rates.first_name_typo)) {
    given = Typo(given, random);
    Mark(errors, TestError::kFirstNameTypo);
  }
  const std::size_t hyphen = surname.find('-');
  if (hyphen != std::string::npos && random.Chance(rates.double_name_part)) {
    surname = random.Chance(0.5) ? surname.substr(0, hyphen) : surname.substr(hyphen + 1);
    Mark(errors, TestError::kDoubleNamePart);
  }
  std::string particle;
  std::string rest;
  if (SplitParticle(surname, particle, rest) && random.Chance(rates.particle_variant)) {
    surname = ParticleVariant(particle, rest, random);
    Mark(errors, TestError::kParticleVariant);
  }
  if (random.Chance(rates.last_name_typo)) {
    surname = Typo(surname, random);
    Mark(errors, TestError::kLastNameTypo);
  }
  if (random.Chance(rates.upper_case)) {
    given = UpperCase(given);
    surname = UpperCase(surname);
    Mark(errors, TestError::kUpperCase);
  }
  if (random.Chance(rates.names_swapped)) {
    std::swap(given, surname);
    Mark(errors, TestError::kNamesSwapped);
  }
  out.first_name = std::move(given);
  out.last_name = std::move(surname);
}

void WriteNumber(const TruePerson& person, const ErrorRates& rates, TestRandom& random, Person& out,
                 std::uint32_t& errors) {
  std::string digits = person.number;
  if (!person.later_number.empty() && random.Chance(rates.bis_replaced)) {
    digits = person.later_number;
    Mark(errors, TestError::kBisReplaced);
  }
  if (random.Chance(rates.missing_number)) {
    Mark(errors, TestError::kMissingNumber);
    return;
  }
  if (random.Chance(rates.mistyped_number)) {
    digits = Mistype(digits, random);
    Mark(errors, TestError::kMistypedNumber);
  }
  if (random.Chance(rates.number_formatted)) {
    out.national_number = nn::Format(digits);
    Mark(errors, TestError::kNumberFormatted);
  } else {
    out.national_number = digits;
  }
}

void WriteAddress(const TruePerson& person, const ErrorRates& rates, TestRandom& random,
                  Person& out, std::uint32_t& errors) {
  TruePerson address = person;
  if (random.Chance(rates.moved)) {
    while (address.street == person.street) DrawAddress(random, address);
    Mark(errors, TestError::kMoved);
  }
  std::string street = address.street;
  if (random.Chance(rates.street_abbreviated)) {
    std::string abbreviated = AbbreviateStreet(street);
    if (abbreviated != street) {
      street = std::move(abbreviated);
      Mark(errors, TestError::kStreetAbbreviated);
    }
  }
  const bool other_format = random.Chance(rates.house_number_format);
  if (other_format) Mark(errors, TestError::kHouseNumberFormat);
  std::string house = HouseNumberText(address, other_format, random);
  if (random.Chance(rates.number_in_street)) {
    street += " " + house;
    house.clear();
    Mark(errors, TestError::kNumberInStreet);
  }
  out.street = std::move(street);
  out.house_number = std::move(house);
}

}  // namespace

void DrawAddress(TestRandom& random, TruePerson& person) {
  person.street = std::string(random.Pick(Streets()));
  person.house_number = random.Between(1, kMaxHouseNumber);
  person.house_suffix.clear();
  if (random.Chance(kHouseSuffixRate))
    person.house_suffix.push_back(random.Chance(0.7) ? 'A' : 'B');
  person.box = random.Chance(kBoxRate) ? std::to_string(random.Between(1, 12)) : "";
}

Person WriteRecord(const TruePerson& person, const ErrorRates& rates, std::string postcode,
                   TestRandom& random, std::uint32_t& errors) {
  Person out;
  WriteNames(person, rates, random, out, errors);
  WriteNumber(person, rates, random, out, errors);
  WriteAddress(person, rates, random, out, errors);

  // Diacritics are lost for the whole record (an export in plain ASCII).
  const bool has_diacritics =
      HasNonAscii(out.first_name) || HasNonAscii(out.last_name) || HasNonAscii(out.street);
  if (random.Chance(rates.diacritics_lost) && has_diacritics) {
    out.first_name = StripDiacritics(out.first_name);
    out.last_name = StripDiacritics(out.last_name);
    out.street = StripDiacritics(out.street);
    Mark(errors, TestError::kDiacriticsLost);
  }
  out.postcode = std::move(postcode);
  return out;
}

}  // namespace adempauze::fuzzy::internal
