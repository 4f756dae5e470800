#include "demo/person.h"

#include <algorithm>

#include "adempauze/nn/national_number.h"
#include "demo/vocabulary.h"

namespace adempauze::demo {
namespace {

constexpr int kMinAge = 18;
constexpr int kMaxAge = 90;
constexpr int kSerials = 1000;
// Slots per birth year in the used-number bitmap: months 0-12 by days 0-31.
constexpr int kDateSlotsPerYear = 13 * 32;

// Shares of names, chosen so a list looks like a Flemish city's debtor list.
constexpr double kAbroadNameShare = 0.08;     // national numbers with a name from abroad
constexpr double kAbroadNameShareBis = 0.75;  // BIS numbers with a name from abroad
constexpr double kParticleShare = 0.30;
constexpr double kDoubleNameShare = 0.06;
constexpr double kBisUnknownSexShare = 0.2;   // month offset 20 instead of 40
constexpr double kBisUnknownDayShare = 0.1;

CivilDate YearsBefore(CivilDate date, int years) {
  const int year = date.year - years;
  return CivilDate{year, date.month, std::min(date.day, DaysInMonth(year, date.month))};
}

std::string PlainOrParticleSurname(Random& random) {
  if (random.Chance(kParticleShare)) return std::string(random.Pick(SurnamesWithParticle()));
  return std::string(random.Pick(Surnames()));
}

}  // namespace

PersonFactory::PersonFactory(CivilDate today, double bis_rate) : bis_rate_(bis_rate) {
  const CivilDate oldest = YearsBefore(today, kMaxAge + 1);
  const CivilDate youngest = YearsBefore(today, kMinAge);
  first_day_ = oldest.DaysSinceEpoch() + 1;
  day_count_ = youngest.DaysSinceEpoch() - first_day_ + 1;
  first_year_ = oldest.year;
  const std::size_t years = static_cast<std::size_t>(youngest.year - oldest.year + 1);
  const std::size_t bits = years * kDateSlotsPerYear * kSerials * 2;
  used_.assign((bits + 63) / 64, 0);
}

Person PersonFactory::Make(Random& random) {
  Person person;
  person.bis = random.Chance(bis_rate_);
  person.female = random.Chance(0.5);
  DrawNumber(random, person);
  DrawName(random, person);

  person.street = random.Pick(Streets());
  // Most houses have low numbers; a long steenweg reaches the hundreds.
  person.house_number = random.Chance(0.85) ? random.Between(1, 80) : random.Between(81, 260);
  if (random.Chance(0.07)) person.house_letter = static_cast<char>('A' + random.Below(3));
  if (random.Chance(0.12)) person.box = random.Between(1, 12);
  return person;
}

void PersonFactory::DrawName(Random& random, Person& person) const {
  const bool abroad = random.Chance(person.bis ? kAbroadNameShareBis : kAbroadNameShare);
  if (abroad) {
    person.first_name = person.female ? random.Pick(FemaleFirstNamesAbroad())
                                      : random.Pick(MaleFirstNamesAbroad());
    person.last_name = random.Pick(SurnamesAbroad());
    return;
  }
  person.first_name = person.female ? random.Pick(FemaleFirstNames()) : random.Pick(MaleFirstNames());
  person.last_name = PlainOrParticleSurname(random);
  if (random.Chance(kDoubleNameShare)) {
    person.last_name += '-';
    person.last_name += PlainOrParticleSurname(random);
  }
}

void PersonFactory::DrawNumber(Random& random, Person& person) {
  int bis_offset = 0;
  if (person.bis) bis_offset = random.Chance(kBisUnknownSexShare) ? 20 : 40;
  const bool unknown_day = person.bis && random.Chance(kBisUnknownDayShare);

  // Serials are odd for men and even for women, except when the sex is unknown (BIS 20).
  for (;;) {
    const CivilDate birth =
        CivilDate::FromDaysSinceEpoch(first_day_ + static_cast<long>(random.Below(day_count_)));
    const int day = unknown_day ? 0 : birth.day;
    for (int attempt = 0; attempt < 20; ++attempt) {
      int serial = 0;
      if (bis_offset == 20) {
        serial = random.Between(1, 998);
      } else if (person.female) {
        serial = 2 * random.Between(1, 499);
      } else {
        serial = 2 * random.Between(0, 498) + 1;
      }
      if (!Claim(birth.year, birth.month, day, serial, person.bis)) continue;

      person.birth_year = birth.year;
      person.birth_month = birth.month;
      person.birth_day = day;
      person.national_number = nn::Make(birth.year, birth.month, day, serial, bis_offset);
      return;
    }
  }
}

bool PersonFactory::Claim(int year, int month, int day, int serial, bool bis) {
  const std::size_t slot =
      ((static_cast<std::size_t>(year - first_year_) * kDateSlotsPerYear +
        static_cast<std::size_t>(month * 32 + day)) * kSerials + static_cast<std::size_t>(serial)) * 2 +
      (bis ? 1 : 0);
  const std::uint64_t bit = std::uint64_t{1} << (slot % 64);
  std::uint64_t& word = used_[slot / 64];
  if ((word & bit) != 0) return false;
  word |= bit;
  return true;
}

}  // namespace adempauze::demo
