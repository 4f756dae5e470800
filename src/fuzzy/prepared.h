// Records prepared once for comparison: folded names, surname variants, normalised street,
// parsed house number and the national number's evidence. All strings of a list live in one
// character arena, so a record is a small fixed-size struct and comparing two records
// allocates nothing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adempauze/common/civil_date.h"
#include "adempauze/fuzzy/names.h"
#include "adempauze/fuzzy/number_evidence.h"
#include "adempauze/fuzzy/person.h"

namespace adempauze::fuzzy::internal {

// A string in a PreparedList's arena. NOTE: offsets are 32 bits, so one list's folded text
// must stay under 4 GiB (about 50 million records).
struct TextRef {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

inline constexpr std::size_t kMaxGivenTokens = 3;
inline constexpr std::size_t kMaxSurnameCores = 3;

struct PreparedPerson {
  std::size_t id = 0;

  // Given name.
  TextRef given_full;  // tokens joined
  std::array<TextRef, kMaxGivenTokens> given_tokens{};
  std::uint8_t given_token_count = 0;
  bool given_initials_only = false;
  std::uint64_t nickname_groups = 0;

  // Surname: variants[0] is the full form.
  std::array<TextRef, kMaxSurnameVariants> surname_variants{};
  std::uint8_t surname_variant_count = 0;
  std::array<TextRef, kMaxSurnameCores> surname_cores{};
  std::uint8_t surname_core_count = 0;
  // Ids of the given name (its tokens), the surname (its variants and cores) and the
  // street, equal exactly when those texts are equal, across the two lists InternValues was
  // given; 0 for an empty value. Equal ids mean equal comparisons with any other record.
  std::uint32_t given_id = 0;
  std::uint32_t surname_id = 0;
  std::uint32_t street_id = 0;
  // Share of the records of both lists with the same given name and surname, for
  // term-frequency adjustments.
  float given_frequency = 0;
  float surname_frequency = 0;

  // Address.
  TextRef street;    // NormaliseStreet; empty when absent
  int postcode = 0;  // 0 when absent
  bool house_known = false;
  int house_number = 0;
  int house_range_end = 0;
  TextRef house_suffix;
  TextRef house_box;

  // National number.
  std::array<char, 11> number_digits{};
  bool number_has_digits = false;
  bool number_valid = false;
  bool number_is_bis = false;
  BirthDate birth_date;
};

// The prepared records of one list, in input order.
class PreparedList {
 public:
  // Prepares every person, on up to `threads` threads (at least one). Never fails.
  static PreparedList Build(std::span<const Person> people, CivilDate today, unsigned threads);

  std::size_t size() const { return people_.size(); }
  const PreparedPerson& operator[](std::size_t index) const { return people_[index]; }
  std::string_view Text(TextRef ref) const {
    return std::string_view(arena_).substr(ref.offset, ref.length);
  }

  friend void InternValues(PreparedList& left, PreparedList& right);

 private:
  std::vector<PreparedPerson> people_;
  std::string arena_;
};

// Sets the value ids and name frequencies of every record of both lists. Comparing records
// needs the ids, so this runs once after both lists are built and before any comparison.
void InternValues(PreparedList& left, PreparedList& right);

}  // namespace adempauze::fuzzy::internal
