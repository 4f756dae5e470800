// The public entry to field comparison, for explaining one pair.
#include "adempauze/fuzzy/comparison.h"

#include <array>

#include "fuzzy/field_comparison.h"
#include "fuzzy/prepared.h"

namespace adempauze::fuzzy {

Status ValidateComparatorOptions(const ComparatorOptions& options) {
  if (!(options.name_similarity > 0 && options.name_similarity <= 1)) {
    return MakeError(ErrorCode::kInvalidArgument, "fuzzy.config.invalid", "name_similarity");
  }
  if (!(options.street_similarity > 0 && options.street_similarity <= 1)) {
    return MakeError(ErrorCode::kInvalidArgument, "fuzzy.config.invalid", "street_similarity");
  }
  return Status::Ok();
}

ComparisonVector ComparePeople(const Person& left, const Person& right,
                               const ComparatorOptions& options, CivilDate today) {
  const std::array<Person, 1> left_people{left};
  const std::array<Person, 1> right_people{right};
  auto left_list = internal::PreparedList::Build(left_people, today, 1);
  auto right_list = internal::PreparedList::Build(right_people, today, 1);
  internal::InternValues(left_list, right_list);
  return internal::CompareRecords(left_list, left_list[0], right_list, right_list[0], options,
                                  nullptr);
}

}  // namespace adempauze::fuzzy
