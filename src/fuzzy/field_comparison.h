// Field comparisons on prepared records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "adempauze/fuzzy/comparison.h"
#include "fuzzy/prepared.h"

namespace adempauze::fuzzy::internal {

// Remembers, for pairs of value ids, whether the two values are similar (a typing error
// apart), so a pair of names or streets seen before skips Jaro-Winkler. Direct-mapped: a
// new pair overwrites whatever shared its slot. Not thread-safe: one per thread.
class SimilarityCache {
 public:
  // Returns the remembered answer for (a, b), or calls `compute` and remembers its answer.
  // REQUIRES: a and b are not 0.
  template <typename Compute>
  bool Get(std::uint32_t a, std::uint32_t b, Compute&& compute) {
    const std::uint64_t key = (std::uint64_t{a} << 32) | b;
    std::uint64_t slot = key * 0x9e3779b97f4a7c15ULL;
    Entry& entry = entries_[static_cast<std::size_t>(slot >> (64 - kSlotBits))];
    if (entry.key != key) {
      entry.key = key;
      entry.similar = compute();
    }
    return entry.similar;
  }

 private:
  static constexpr int kSlotBits = 16;
  struct Entry {
    std::uint64_t key = 0;  // 0 never occurs: ids start at 1
    bool similar = false;
  };
  std::vector<Entry> entries_ = std::vector<Entry>(std::size_t{1} << kSlotBits);
};

// The caches of one thread's comparisons, one per compared text field.
struct ComparisonCache {
  SimilarityCache given_names;
  SimilarityCache surnames;
  SimilarityCache streets;
};

// Compares two prepared records. `cache` may be null. Allocates nothing for names up to 64
// bytes. REQUIRES: InternValues ran on the two lists.
ComparisonVector CompareRecords(const PreparedList& left_list, const PreparedPerson& left,
                                const PreparedList& right_list, const PreparedPerson& right,
                                const ComparatorOptions& options, ComparisonCache* cache);

// Returns true when both national numbers are valid and equal: the exact matcher's pairs.
inline bool HaveEqualValidNumbers(const PreparedPerson& left, const PreparedPerson& right) {
  return left.number_valid && right.number_valid && left.number_digits == right.number_digits;
}

// Returns true when both numbers are valid and one is a BIS number, the other a national
// number: the pattern of a BIS number replaced later.
inline bool HaveReplacedNumber(const PreparedPerson& left, const PreparedPerson& right) {
  return left.number_valid && right.number_valid && left.number_is_bis != right.number_is_bis;
}

}  // namespace adempauze::fuzzy::internal
