// Blocking keys, the block index over the right-hand list, and the per-record candidate scan.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "adempauze/fuzzy/blocking.h"
#include "fuzzy/prepared.h"

namespace adempauze::fuzzy::internal {

struct BlockKey {
  std::uint64_t hash = 0;  // of the kind and the key's text or numbers
  BlockingKeyKind kind = BlockingKeyKind::kSurnameInitial;
};

// Appends the blocking keys of `person` to `out`. With `crosswise`, it also appends the
// surname keys the record would have with first and last name swapped. Only the left list
// adds those, so swapped pairs meet without doubling the right list's index.
void AppendKeys(const PreparedList& list, const PreparedPerson& person,
                const BlockingOptions& options, bool crosswise, std::vector<BlockKey>& out);

// Returns a hash of the fields that relatives living together share (full surname,
// street, house number with letter and box), or 0 when one of them is missing. Two records
// with the same hash agree exactly on all three (a collision aside).
std::uint64_t HouseholdKey(const PreparedList& list, const PreparedPerson& person);

// The right list's records grouped by key, in sorted flat arrays.
class BlockIndex {
 public:
  static BlockIndex Build(const PreparedList& right, const BlockingOptions& options,
                          unsigned threads);

  struct Block {
    std::size_t number = 0;                  // position of the key in the index
    std::span<const std::uint32_t> members;  // right record indices; empty when capped
    bool capped = false;
  };
  // Returns the block of `hash`; a key without right records gives an empty, uncapped block.
  Block Find(std::uint64_t hash) const;

  BlockingKeyKind KindOf(std::size_t block_number) const { return kinds_[block_number]; }
  std::size_t SizeOf(std::size_t block_number) const {
    return offsets_[block_number + 1] - offsets_[block_number];
  }

 private:
  std::vector<std::uint64_t> hashes_;  // sorted, distinct
  std::vector<BlockingKeyKind> kinds_;
  std::vector<std::uint32_t> offsets_;  // hashes_.size() + 1 entries into members_
  std::vector<std::uint32_t> members_;
  std::size_t max_block_size_ = 0;
};

// A right record proposed for one left record, with the key kinds that proposed it.
struct Candidate {
  std::uint32_t right = 0;
  std::uint8_t key_mask = 0;  // bit i: BlockingKeyKind i
};

// Finds the candidates of one left record at a time. One scanner per thread: it reuses its
// buffers, so the scan allocates only while the buffers grow.
class CandidateScanner {
 public:
  CandidateScanner(const PreparedList& left, const BlockIndex& index,
                   const BlockingOptions& options)
      : left_(left), index_(index), options_(options) {}

  // Returns the distinct candidates of left record `left_index`, sorted by right index. The
  // span stays valid until the next call.
  std::span<const Candidate> CandidatesOf(std::size_t left_index);

  // Per-kind pair counts and the left records that hit each capped block, since construction.
  const std::array<std::uint64_t, kBlockingKeyKindCount>& pairs_by_key() const {
    return pairs_by_key_;
  }
  const std::unordered_map<std::size_t, std::size_t>& capped_hits() const { return capped_hits_; }

 private:
  const PreparedList& left_;
  const BlockIndex& index_;
  const BlockingOptions& options_;
  std::vector<BlockKey> keys_;
  std::vector<Candidate> raw_;
  std::vector<Candidate> merged_;
  std::array<std::uint64_t, kBlockingKeyKindCount> pairs_by_key_{};
  std::unordered_map<std::size_t, std::size_t> capped_hits_;  // block number → left records
};

// Sums the scanners' counts into BlockingStats, with the capped blocks largest first.
// `candidate_pairs` and `skipped_equal_numbers` are the scan's own counts.
BlockingStats SummariseBlocking(std::size_t left_size, std::size_t right_size,
                                const BlockIndex& index, std::span<const CandidateScanner> scanners,
                                std::uint64_t candidate_pairs, std::uint64_t skipped_equal_numbers);

}  // namespace adempauze::fuzzy::internal
