// The comparison levels of each field; docs/formats/fuzzy-matching.md, section
// "Comparison levels", states the same rules in prose.
#include "fuzzy/field_comparison.h"

#include <algorithm>
#include <charconv>
#include <string_view>

#include "adempauze/fuzzy/comparators.h"

namespace adempauze::fuzzy::internal {
namespace {

// A prepared record with the list whose arena contains its text.
struct Record {
  const PreparedList& list;
  const PreparedPerson& person;

  std::string_view Text(TextRef ref) const { return list.Text(ref); }
  std::string_view GivenFull() const { return Text(person.given_full); }
  std::string_view GivenToken(std::size_t i) const { return Text(person.given_tokens[i]); }
  std::string_view Surname(std::size_t i) const { return Text(person.surname_variants[i]); }
  std::string_view Core(std::size_t i) const { return Text(person.surname_cores[i]); }
};

// Similar enough to be a typing error: Jaro-Winkler at or above `threshold`, or one edit
// apart when both have at least two characters.
bool Similar(std::string_view a, std::string_view b, double threshold) {
  if (a.empty() || b.empty()) return false;
  const std::size_t shorter = std::min(a.size(), b.size());
  const std::size_t longer = std::max(a.size(), b.size());
  if (longer - shorter > 1) {
    // Jaro cannot exceed (2 + shorter / longer) / 3, and the Winkler boost adds at most
    // 0.4 of the rest: skip strings whose lengths alone rule the threshold out.
    const double jaro_bound =
        (2.0 + static_cast<double>(shorter) / static_cast<double>(longer)) / 3.0;
    if (jaro_bound + 0.4 * (1.0 - jaro_bound) < threshold) return false;
    return JaroWinkler(a, b) >= threshold;
  }
  if (JaroWinkler(a, b) >= threshold) return true;
  return shorter >= 2 && IsWithinOneEdit(a, b);
}

// Returns `compute()`, through `cache` when there is one.
template <typename Compute>
bool Cached(SimilarityCache* cache, std::uint32_t a, std::uint32_t b, Compute&& compute) {
  return cache == nullptr ? compute() : cache->Get(a, b, compute);
}

Level CompareGivenNames(const Record& a, const Record& b, double threshold,
                        SimilarityCache* cache) {
  if (a.person.given_token_count == 0 || b.person.given_token_count == 0) return Level::kMissing;
  if (a.person.given_id == b.person.given_id || a.GivenFull() == b.GivenFull()) {
    return Level::kExact;
  }

  // Another spelling of the same name: a shared given name, a nickname, an initial. Two
  // single names were compared whole above already.
  const bool several_names = a.person.given_token_count > 1 || b.person.given_token_count > 1;
  for (std::size_t i = 0; several_names && i < a.person.given_token_count; ++i) {
    for (std::size_t j = 0; j < b.person.given_token_count; ++j) {
      if (a.GivenToken(i).size() > 1 && a.GivenToken(i) == b.GivenToken(j)) return Level::kVariant;
    }
  }
  if ((a.person.nickname_groups & b.person.nickname_groups) != 0) return Level::kVariant;
  const std::string_view first_a = a.GivenToken(0);
  const std::string_view first_b = b.GivenToken(0);
  if ((first_a.size() == 1 || first_b.size() == 1) && first_a.front() == first_b.front()) {
    return Level::kVariant;
  }

  const bool similar = Cached(cache, a.person.given_id, b.person.given_id, [&] {
    if (Similar(a.GivenFull(), b.GivenFull(), threshold)) return true;
    return several_names && Similar(first_a, first_b, threshold);
  });
  return similar ? Level::kClose : Level::kDifferent;
}

Level CompareSurnames(const Record& a, const Record& b, double threshold, SimilarityCache* cache) {
  if (a.person.surname_variant_count == 0 || b.person.surname_variant_count == 0) {
    return Level::kMissing;
  }
  if (a.person.surname_id == b.person.surname_id || a.Surname(0) == b.Surname(0)) {
    return Level::kExact;
  }
  for (std::size_t i = 0; i < a.person.surname_variant_count; ++i) {
    for (std::size_t j = i == 0 ? 1 : 0; j < b.person.surname_variant_count; ++j) {
      if (a.Surname(i) == b.Surname(j)) return Level::kVariant;
    }
  }
  const bool similar = Cached(cache, a.person.surname_id, b.person.surname_id, [&] {
    if (Similar(a.Surname(0), b.Surname(0), threshold)) return true;
    for (std::size_t i = 0; i < a.person.surname_core_count; ++i) {
      for (std::size_t j = 0; j < b.person.surname_core_count; ++j) {
        const bool full_forms = a.Core(i) == a.Surname(0) && b.Core(j) == b.Surname(0);
        if (!full_forms && Similar(a.Core(i), b.Core(j), threshold)) return true;
      }
    }
    return false;
  });
  return similar ? Level::kClose : Level::kDifferent;
}

// Compares one record's given name with the other's surname, for swapped columns.
Level CompareCrosswise(const Record& given, const Record& surname, double threshold) {
  if (given.person.given_token_count == 0 || surname.person.surname_variant_count == 0) {
    return Level::kMissing;
  }
  const std::string_view name = given.GivenFull();
  for (std::size_t i = 0; i < surname.person.surname_variant_count; ++i) {
    if (surname.Surname(i) == name) return Level::kExact;
  }
  return Similar(name, surname.Surname(0), threshold) ? Level::kClose : Level::kDifferent;
}

int Rank(Level level) {
  return level == Level::kMissing ? static_cast<int>(Level::kDifferent) : static_cast<int>(level);
}

void CompareNames(const Record& a, const Record& b, double threshold, ComparisonCache* cache,
                  ComparisonVector& out) {
  out[Field::kFirstName] =
      CompareGivenNames(a, b, threshold, cache == nullptr ? nullptr : &cache->given_names);
  out[Field::kLastName] =
      CompareSurnames(a, b, threshold, cache == nullptr ? nullptr : &cache->surnames);

  // First and last name in the wrong columns: use the crosswise levels when both agree at
  // least closely and agree better than the direct ones. That needs both direct levels to
  // fail, unless one person's given name and surname are alike ("Peter Peters").
  auto failed = [](Level level) { return level == Level::kDifferent || level == Level::kMissing; };
  if (!failed(out[Field::kFirstName]) || !failed(out[Field::kLastName])) return;
  if (out[Field::kFirstName] == Level::kMissing && out[Field::kLastName] == Level::kMissing) return;
  const Level first = CompareCrosswise(a, b, threshold);
  const Level last = CompareCrosswise(b, a, threshold);
  const bool both_agree = Rank(first) <= Rank(Level::kClose) && Rank(last) <= Rank(Level::kClose);
  if (both_agree &&
      Rank(first) + Rank(last) < Rank(out[Field::kFirstName]) + Rank(out[Field::kLastName])) {
    out[Field::kFirstName] = first;
    out[Field::kLastName] = last;
    out.names_swapped = true;
  }
}

int DigitDifferences(const BirthDate& a, const BirthDate& b) {
  const int pairs[3][2] = {{a.year, b.year}, {a.month, b.month}, {a.day, b.day}};
  int differences = 0;
  for (const auto& pair : pairs) {
    differences += (pair[0] / 10 != pair[1] / 10) + (pair[0] % 10 != pair[1] % 10);
  }
  return differences;
}

Level CompareBirthDates(const BirthDate& a, const BirthDate& b) {
  if (!a.known() || !b.known()) return Level::kMissing;
  if (a.complete() && b.complete()) {
    if (a == b) return Level::kExact;
    if (DigitDifferences(a, b) == 1) return Level::kClose;
    if (a.year == b.year && a.month == b.day && a.day == b.month) return Level::kClose;
    return Level::kDifferent;
  }
  // At least one date is partial: the parts both know must agree.
  if (a.year != b.year) return Level::kDifferent;
  if (a.month > 0 && b.month > 0 && a.month != b.month) return Level::kDifferent;
  if (a.day > 0 && b.day > 0 && a.day != b.day) return Level::kDifferent;
  return Level::kVariant;
}

Level CompareStreets(const Record& a, const Record& b, double threshold, SimilarityCache* cache) {
  if (a.person.street_id == 0 || b.person.street_id == 0) return Level::kMissing;
  if (a.person.postcode != 0 && b.person.postcode != 0 && a.person.postcode != b.person.postcode) {
    return Level::kDifferent;
  }
  if (a.person.street_id == b.person.street_id) return Level::kExact;
  const bool similar = Cached(cache, a.person.street_id, b.person.street_id, [&] {
    return Similar(a.Text(a.person.street), b.Text(b.person.street), threshold);
  });
  return similar ? Level::kClose : Level::kDifferent;
}

bool InRange(int number, const PreparedPerson& range) {
  return range.house_range_end > 0 && number >= range.house_number &&
         number <= range.house_range_end;
}

// One side's part is empty or both are equal.
bool Compatible(std::string_view a, std::string_view b) { return a.empty() || b.empty() || a == b; }

bool NumbersOneEditApart(int a, int b) {
  char text_a[8];
  char text_b[8];
  const auto end_a = std::to_chars(text_a, text_a + sizeof(text_a), a).ptr;
  const auto end_b = std::to_chars(text_b, text_b + sizeof(text_b), b).ptr;
  return IsWithinOneEdit(std::string_view(text_a, static_cast<std::size_t>(end_a - text_a)),
                         std::string_view(text_b, static_cast<std::size_t>(end_b - text_b)));
}

Level CompareHouseNumbers(const Record& a, const Record& b) {
  const PreparedPerson& x = a.person;
  const PreparedPerson& y = b.person;
  if (!x.house_known || !y.house_known) return Level::kMissing;
  const std::string_view suffix_x = a.Text(x.house_suffix);
  const std::string_view suffix_y = b.Text(y.house_suffix);
  const std::string_view box_x = a.Text(x.house_box);
  const std::string_view box_y = b.Text(y.house_box);

  const bool same_number = x.house_number == y.house_number;
  if (same_number && x.house_range_end == y.house_range_end && suffix_x == suffix_y &&
      box_x == box_y) {
    return Level::kExact;
  }
  const bool overlapping = same_number || InRange(x.house_number, y) || InRange(y.house_number, x);
  if (overlapping && Compatible(suffix_x, suffix_y) && Compatible(box_x, box_y)) {
    return Level::kVariant;
  }
  // Another letter or box in the same building, or one digit of the number mistyped.
  if (overlapping || NumbersOneEditApart(x.house_number, y.house_number)) return Level::kClose;
  return Level::kDifferent;
}

Level CompareNumbers(const PreparedPerson& a, const PreparedPerson& b) {
  if (!a.number_has_digits || !b.number_has_digits) return Level::kMissing;
  if (a.number_digits == b.number_digits) return Level::kExact;
  if (HaveReplacedNumber(a, b)) {
    // A BIS number replaced by a national number keeps the birth date; with other dates
    // the two numbers belong to two people.
    const Level dates = CompareBirthDates(a.birth_date, b.birth_date);
    return dates == Level::kExact || dates == Level::kVariant ? Level::kVariant : Level::kDifferent;
  }

  // One digit mistyped, or two adjacent digits swapped.
  std::size_t first = a.number_digits.size();
  int differences = 0;
  for (std::size_t i = 0; i < a.number_digits.size(); ++i) {
    if (a.number_digits[i] == b.number_digits[i]) continue;
    if (differences == 0) first = i;
    ++differences;
  }
  if (differences == 1) return Level::kClose;
  if (differences == 2 && first + 1 < a.number_digits.size() &&
      a.number_digits[first] == b.number_digits[first + 1] &&
      a.number_digits[first + 1] == b.number_digits[first]) {
    return Level::kClose;
  }
  return Level::kDifferent;
}

}  // namespace

ComparisonVector CompareRecords(const PreparedList& left_list, const PreparedPerson& left,
                                const PreparedList& right_list, const PreparedPerson& right,
                                const ComparatorOptions& options, ComparisonCache* cache) {
  const Record a{left_list, left};
  const Record b{right_list, right};
  ComparisonVector vector;
  CompareNames(a, b, options.name_similarity, cache, vector);
  vector[Field::kBirthDate] = CompareBirthDates(left.birth_date, right.birth_date);
  vector[Field::kStreet] =
      CompareStreets(a, b, options.street_similarity, cache == nullptr ? nullptr : &cache->streets);
  // A house number only means something on the same street: after a move both differ, and
  // counting that twice would punish a moved person double.
  const bool same_street =
      vector[Field::kStreet] == Level::kExact || vector[Field::kStreet] == Level::kClose;
  vector[Field::kHouseNumber] = same_street ? CompareHouseNumbers(a, b) : Level::kMissing;
  vector[Field::kNationalNumber] = CompareNumbers(left, right);
  return vector;
}

}  // namespace adempauze::fuzzy::internal
