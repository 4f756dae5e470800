// Blocking: which pairs the matcher compares at all. A pair is a candidate when the two
// records share at least one blocking key; the keys are specified in
// docs/formats/fuzzy-matching.md, section "Blocking".
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "adempauze/common/result.h"

namespace adempauze::fuzzy {

enum class BlockingKeyKind : std::uint8_t {
  kSurnameInitial,  // phonetic key of the surname (full form and each part) + first initial
  kBirthDate,       // YYMMDD from the national number, when complete
  kAddress,         // phonetic key of the street + house number
  kFirstNameYear,   // given-name key (nickname group or phonetic key) + birth year
};
inline constexpr std::size_t kBlockingKeyKindCount = 4;

// Returns "surname_initial", "birth_date", "address", "first_name_year".
std::string_view BlockingKeyCode(BlockingKeyKind kind);

struct BlockingOptions {
  std::array<bool, kBlockingKeyKindCount> enabled{true, true, true, true};
  // A block with more right-hand records than this is not used at all (its pairs must come
  // from another key) and is reported in BlockingStats::capped_blocks. Bounds the work per
  // left record to (number of keys) x max_block_size comparisons. At 500, a million
  // generated clients lost 1 of 25,000 true pairs against 1,000 and halved the comparison
  // time (docs/formats/fuzzy-matching.md, section "Measured quality").
  std::size_t max_block_size = 500;
};

// Returns kInvalidArgument ("fuzzy.config.invalid", arg: the option's name) when no key is
// enabled or max_block_size is 0.
Status ValidateBlockingOptions(const BlockingOptions& options);

// A block that was skipped for its size. The key itself is not reported: it would reveal a
// name, an address or a birth date.
struct CappedBlock {
  BlockingKeyKind kind = BlockingKeyKind::kSurnameInitial;
  std::size_t left_records = 0;   // left records that had this key
  std::size_t right_records = 0;  // right records in the block
};

struct BlockingStats {
  std::uint64_t possible_pairs = 0;   // |left| x |right|
  std::uint64_t candidate_pairs = 0;  // distinct pairs compared
  // Pairs left out because both national numbers are valid and equal
  // (MatcherConfig::skip_equal_valid_numbers); not counted in candidate_pairs.
  std::uint64_t skipped_equal_numbers = 0;
  // Pairs each key kind proposed, before the union; a pair found by two kinds counts twice.
  std::array<std::uint64_t, kBlockingKeyKindCount> pairs_by_key{};
  double reduction_ratio = 0;  // 1 - candidate_pairs / possible_pairs; 1 when none possible
  std::vector<CappedBlock> capped_blocks;  // largest first
};

}  // namespace adempauze::fuzzy
