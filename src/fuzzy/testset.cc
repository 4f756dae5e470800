// The test-set generator: people, households, the two lists and the ground truth. The errors
// each list writes are in testset_errors.cc.
#include "adempauze/fuzzy/testset.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <unordered_set>
#include <utility>

#include "adempauze/nn/national_number.h"
#include "fuzzy/testset_people.h"
#include "fuzzy/testset_vocabulary.h"

namespace adempauze::fuzzy {

ErrorRates ErrorRates::StandardDebtors() {
  ErrorRates rates;
  rates.first_name_typo = 0.03;
  rates.last_name_typo = 0.03;
  rates.names_swapped = 0.01;
  rates.nickname = 0.05;
  rates.initial_only = 0.01;
  rates.particle_variant = 0.30;
  rates.double_name_part = 0.30;
  rates.diacritics_lost = 0.50;
  rates.upper_case = 0.10;
  rates.missing_number = 0.05;
  rates.mistyped_number = 0.03;
  rates.bis_replaced = 0.25;
  rates.number_formatted = 0.20;
  rates.moved = 0.08;
  rates.street_abbreviated = 0.10;
  rates.house_number_format = 0.20;
  rates.number_in_street = 0.02;
  return rates;
}

ErrorRates ErrorRates::StandardClients() {
  ErrorRates rates;
  rates.first_name_typo = 0.01;
  rates.last_name_typo = 0.01;
  rates.names_swapped = 0.002;
  rates.nickname = 0.01;
  rates.particle_variant = 0.10;
  rates.double_name_part = 0.10;
  rates.diacritics_lost = 0.10;
  rates.upper_case = 0.05;
  rates.missing_number = 0.01;
  rates.mistyped_number = 0.005;
  rates.number_formatted = 0.10;
  rates.street_abbreviated = 0.05;
  rates.house_number_format = 0.10;
  return rates;
}

std::string_view TestErrorCode(TestError error) {
  switch (error) {
    case TestError::kFirstNameTypo:
      return "first_name_typo";
    case TestError::kLastNameTypo:
      return "last_name_typo";
    case TestError::kNamesSwapped:
      return "names_swapped";
    case TestError::kNickname:
      return "nickname";
    case TestError::kInitialOnly:
      return "initial_only";
    case TestError::kParticleVariant:
      return "particle_variant";
    case TestError::kDoubleNamePart:
      return "double_name_part";
    case TestError::kDiacriticsLost:
      return "diacritics_lost";
    case TestError::kUpperCase:
      return "upper_case";
    case TestError::kMissingNumber:
      return "missing_number";
    case TestError::kMistypedNumber:
      return "mistyped_number";
    case TestError::kBisReplaced:
      return "bis_replaced";
    case TestError::kNumberFormatted:
      return "number_formatted";
    case TestError::kMoved:
      return "moved";
    case TestError::kStreetAbbreviated:
      return "street_abbreviated";
    case TestError::kHouseNumberFormat:
      return "house_number_format";
    case TestError::kNumberInStreet:
      return "number_in_street";
  }
  return "unknown";
}

namespace {

using internal::TestRandom;
using internal::TruePerson;

constexpr std::size_t kMaxPeople = 20'000'000;
constexpr std::string_view kPostcode = "9999";  // assigned to no Belgian municipality
constexpr int kYoungestAge = 18;
constexpr int kOldestAge = 90;
constexpr double kAbroadRate = 0.06;  // people from abroad without a BIS number
constexpr double kSameSurnameRelative = 0.9;
constexpr double kRelativeBisRate = 0.7;  // relatives of BIS holders who hold one too

// The random streams of one run; see the header for why they are separate.
enum Stream : std::uint64_t {
  kPeopleStream = 1,
  kListStream = 2,
  kClientStream = 3,
  kDebtorStream = 4
};

Status ValidateRate(double rate, std::string_view name) {
  if (rate >= 0.0 && rate <= 1.0) return Status::Ok();
  return MakeError(ErrorCode::kInvalidArgument, "fuzzy.testset.invalid_option", name);
}

Status ValidateRates(const ErrorRates& r) {
  const std::pair<double, std::string_view> rates[] = {
      {r.first_name_typo, "first_name_typo"},
      {r.last_name_typo, "last_name_typo"},
      {r.names_swapped, "names_swapped"},
      {r.nickname, "nickname"},
      {r.initial_only, "initial_only"},
      {r.particle_variant, "particle_variant"},
      {r.double_name_part, "double_name_part"},
      {r.diacritics_lost, "diacritics_lost"},
      {r.upper_case, "upper_case"},
      {r.missing_number, "missing_number"},
      {r.mistyped_number, "mistyped_number"},
      {r.bis_replaced, "bis_replaced"},
      {r.number_formatted, "number_formatted"},
      {r.moved, "moved"},
      {r.street_abbreviated, "street_abbreviated"},
      {r.house_number_format, "house_number_format"},
      {r.number_in_street, "number_in_street"},
  };
  for (const auto& [rate, name] : rates) {
    if (Status status = ValidateRate(rate, name); !status) return status;
  }
  return Status::Ok();
}

Status ValidateOptions(const TestSetOptions& options) {
  const CivilDate& today = options.today;
  if (!IsValidDate(today.year, today.month, today.day) || today.year - kOldestAge < 1900 ||
      today.year > 2099) {
    return MakeError(ErrorCode::kInvalidArgument, "fuzzy.testset.invalid_option", "today");
  }
  for (const auto& [rate, name] :
       {std::pair{options.overlap, "overlap"}, std::pair{options.bis_rate, "bis_rate"},
        std::pair{options.household_rate, "household_rate"},
        std::pair{options.twin_rate, "twin_rate"}}) {
    if (Status status = ValidateRate(rate, name); !status) return status;
  }
  if (Status status = ValidateRates(options.debtor_errors); !status) return status;
  if (Status status = ValidateRates(options.client_errors); !status) return status;
  const auto overlap = static_cast<std::size_t>(
      std::llround(options.overlap * static_cast<double>(options.debtors)));
  if (overlap > options.clients) {
    return MakeError(ErrorCode::kInvalidArgument, "fuzzy.testset.invalid_option", "overlap");
  }
  if (options.clients + options.debtors > kMaxPeople) {
    return MakeError(ErrorCode::kInvalidArgument, "fuzzy.testset.invalid_option", "clients");
  }
  return Status::Ok();
}

// Draws the people of a test set. Numbers are unique across the population.
class PopulationBuilder {
 public:
  PopulationBuilder(const TestSetOptions& options)
      : random_(TestRandom::Stream(options.seed, kPeopleStream)), options_(options) {}

  TruePerson Fresh() {
    TruePerson person;
    person.male = random_.Chance(0.5);
    const bool bis = random_.Chance(options_.bis_rate);
    const bool abroad = bis || random_.Chance(kAbroadRate);
    person.given_name = GivenName(person.male, abroad);
    person.surname = abroad ? std::string(random_.Pick(internal::SurnamesAbroad())) : Surname();
    DrawBirthAndNumbers(person, bis, std::nullopt);
    internal::DrawAddress(random_, person);
    return person;
  }

  // A relative living with `other`: same address, usually the same surname.
  TruePerson RelativeOf(const TruePerson& other) {
    TruePerson person;
    person.male = random_.Chance(0.5);
    const bool bis = !other.later_number.empty() && random_.Chance(kRelativeBisRate);
    person.given_name = GivenName(person.male, bis);
    for (int attempt = 0; attempt < 8 && person.given_name == other.given_name; ++attempt) {
      person.given_name = GivenName(person.male, bis);
    }
    person.surname = random_.Chance(kSameSurnameRelative) ? other.surname : Surname();
    const bool twin = random_.Chance(options_.twin_rate);
    DrawBirthAndNumbers(person, bis,
                        twin ? std::optional<CivilDate>(BirthOf(other)) : std::nullopt);
    person.street = other.street;
    person.house_number = other.house_number;
    person.house_suffix = other.house_suffix;
    person.box = other.box;
    return person;
  }

  TestRandom& Generator() { return random_; }

 private:
  std::string GivenName(bool male, bool abroad) {
    if (abroad) {
      return std::string(random_.Pick(male ? internal::MaleGivenNamesAbroad()
                                           : internal::FemaleGivenNamesAbroad()));
    }
    return std::string(
        random_.Pick(male ? internal::MaleGivenNames() : internal::FemaleGivenNames()));
  }

  // A surname from the frequent list, built from a stem and an ending, built from a
  // particle and a place word, or two of those joined by a hyphen.
  std::string Surname() {
    const double draw = random_.Unit();
    if (draw < 0.05) return SingleSurname() + "-" + SingleSurname();
    return SingleSurname();
  }

  std::string SingleSurname() {
    const double draw = random_.Unit();
    if (draw < 0.45) return std::string(random_.Pick(internal::CommonSurnames()));
    if (draw < 0.75) {
      return std::string(random_.Pick(internal::SurnameStems())) +
             std::string(random_.Pick(internal::SurnameEndings()));
    }
    const std::string_view particle = random_.Pick(internal::SurnameParticles());
    std::string place(random_.Pick(internal::SurnamePlaceWords()));
    if (particle == "Ver") {
      place.front() = static_cast<char>(place.front() - 'A' + 'a');
      return "Ver" + place;
    }
    return std::string(particle) + " " + place;
  }

  static CivilDate BirthOf(const TruePerson& person) {
    const std::string_view digits =
        person.later_number.empty() ? person.number : person.later_number;
    const nn::CheckResult check = nn::Check(digits, CivilDate{2099, 12, 31});
    return CivilDate{*check.number->birth_year, *check.number->birth_month,
                     *check.number->birth_day};
  }

  void DrawBirthAndNumbers(TruePerson& person, bool bis, std::optional<CivilDate> birth) {
    for (;;) {
      CivilDate date;
      if (birth) {
        date = *birth;
      } else {
        date.year = random_.Between(options_.today.year - kOldestAge,
                                    options_.today.year - kYoungestAge - 1);
        date.month = random_.Between(1, 12);
        date.day = random_.Between(1, DaysInMonth(date.year, date.month));
      }
      const std::optional<std::string> national = UniqueNumber(date, person.male, 0);
      const std::optional<std::string> bis_number =
          bis ? UniqueNumber(date, person.male, 40) : std::optional<std::string>("");
      if (national && bis_number) {
        person.number = bis ? *bis_number : *national;
        person.later_number = bis ? *national : std::string();
        return;
      }
      birth.reset();  // every serial of that day is taken: draw another day
    }
  }

  std::optional<std::string> UniqueNumber(CivilDate date, bool male, int bis_offset) {
    for (int attempt = 0; attempt < 64; ++attempt) {
      const int serial = 2 * random_.Between(0, 498) + (male ? 1 : 2);
      std::string number = nn::Make(date.year, date.month, date.day, serial, bis_offset);
      if (used_numbers_.insert(number).second) return number;
    }
    return std::nullopt;
  }

  TestRandom random_;
  const TestSetOptions& options_;
  std::unordered_set<std::string> used_numbers_;
};

// Returns `count` distinct values of [0, range), in random order (partial Fisher-Yates).
std::vector<std::size_t> DistinctSample(std::size_t range, std::size_t count, TestRandom& random) {
  std::vector<std::size_t> values(range);
  std::iota(values.begin(), values.end(), std::size_t{0});
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t j = i + static_cast<std::size_t>(random.Below(range - i));
    std::swap(values[i], values[j]);
  }
  values.resize(count);
  return values;
}

}  // namespace

Result<TestSet> GenerateTestSet(const TestSetOptions& options) {
  if (Status valid = ValidateOptions(options); !valid) return valid.error();
  const auto overlap = static_cast<std::size_t>(
      std::llround(options.overlap * static_cast<double>(options.debtors)));
  const std::size_t people_count = options.clients + options.debtors - overlap;

  // Step 1: the people. The first `clients` are the OCMW's clients; relatives are drawn
  // from everyone before them, so a debtor may live with a client.
  PopulationBuilder builder(options);
  std::vector<TruePerson> people;
  people.reserve(people_count);
  for (std::size_t k = 0; k < people_count; ++k) {
    const bool relative = k > 0 && builder.Generator().Chance(options.household_rate);
    if (relative) {
      const std::size_t of = static_cast<std::size_t>(builder.Generator().Below(k));
      people.push_back(builder.RelativeOf(people[of]));
    } else {
      people.push_back(builder.Fresh());
    }
  }

  // Step 2: which people are debtors: `overlap` clients and everyone after the clients,
  // in random order.
  TestRandom list_random = TestRandom::Stream(options.seed, kListStream);
  std::vector<std::size_t> debtor_people = DistinctSample(options.clients, overlap, list_random);
  for (std::size_t k = options.clients; k < people_count; ++k) debtor_people.push_back(k);
  for (std::size_t i = debtor_people.size(); i > 1; --i) {
    std::swap(debtor_people[i - 1], debtor_people[static_cast<std::size_t>(list_random.Below(i))]);
  }

  // Step 3: write both lists with their errors and record the truth.
  TestSet set;
  TestRandom client_random = TestRandom::Stream(options.seed, kClientStream);
  set.clients.reserve(options.clients);
  set.client_errors.assign(options.clients, 0);
  for (std::size_t i = 0; i < options.clients; ++i) {
    set.clients.push_back(internal::WriteRecord(people[i], options.client_errors,
                                                std::string(kPostcode), client_random,
                                                set.client_errors[i]));
    set.clients.back().id = i;
  }
  TestRandom debtor_random = TestRandom::Stream(options.seed, kDebtorStream);
  set.debtors.reserve(debtor_people.size());
  set.debtor_errors.assign(debtor_people.size(), 0);
  for (std::size_t d = 0; d < debtor_people.size(); ++d) {
    const std::size_t person = debtor_people[d];
    set.debtors.push_back(internal::WriteRecord(people[person], options.debtor_errors, {},
                                                debtor_random, set.debtor_errors[d]));
    set.debtors.back().id = d;
    if (person < options.clients) set.truth.push_back(IdPair{d, person});
  }
  std::sort(set.truth.begin(), set.truth.end());
  return set;
}

}  // namespace adempauze::fuzzy
