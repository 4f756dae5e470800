// Blocking keys and the block index; docs/formats/fuzzy-matching.md, section "Blocking".
#include "fuzzy/block_index.h"

#include <algorithm>
#include <bit>
#include <string>
#include <string_view>

#include "adempauze/fuzzy/comparators.h"
#include "adempauze/fuzzy/names.h"
#include "fuzzy/parallel.h"

namespace adempauze::fuzzy {

std::string_view BlockingKeyCode(BlockingKeyKind kind) {
  switch (kind) {
    case BlockingKeyKind::kSurnameInitial:
      return "surname_initial";
    case BlockingKeyKind::kBirthDate:
      return "birth_date";
    case BlockingKeyKind::kAddress:
      return "address";
    case BlockingKeyKind::kFirstNameYear:
      return "first_name_year";
  }
  return "unknown";
}

Status ValidateBlockingOptions(const BlockingOptions& options) {
  if (std::none_of(options.enabled.begin(), options.enabled.end(), [](bool on) { return on; })) {
    return MakeError(ErrorCode::kInvalidArgument, "fuzzy.config.invalid", "blocking.enabled");
  }
  if (options.max_block_size == 0) {
    return MakeError(ErrorCode::kInvalidArgument, "fuzzy.config.invalid",
                     "blocking.max_block_size");
  }
  return Status::Ok();
}

namespace internal {
namespace {

// FNV-1a over the key's parts, finished with SplitMix64's mixer so nearby keys spread.
class KeyHasher {
 public:
  explicit KeyHasher(BlockingKeyKind kind) { Add(static_cast<std::uint64_t>(kind) + 1); }

  KeyHasher& Add(std::string_view text) {
    for (char c : text) Byte(static_cast<unsigned char>(c));
    Byte(0xff);  // ends the text, so "ab"+"c" and "a"+"bc" differ
    return *this;
  }
  KeyHasher& Add(std::uint64_t number) {
    for (int i = 0; i < 8; ++i) Byte(static_cast<unsigned char>(number >> (8 * i)));
    return *this;
  }
  std::uint64_t Finish() const {
    std::uint64_t z = state_ + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

 private:
  void Byte(unsigned char byte) {
    state_ ^= byte;
    state_ *= 0x100000001b3ULL;
  }
  std::uint64_t state_ = 0xcbf29ce484222325ULL;
};

bool Enabled(const BlockingOptions& options, BlockingKeyKind kind) {
  return options.enabled[static_cast<std::size_t>(kind)];
}

// The first letters a given name stands for: its own, and the formal name's of each
// nickname group ("Lies" also stands for Elisabeth), so nicknames meet their formal names.
std::string GivenInitials(const PreparedList& list, const PreparedPerson& person) {
  std::string initials;
  const std::string_view given = list.Text(person.given_full);
  initials.push_back(given.empty() ? '\0' : given.front());
  std::uint64_t groups = person.nickname_groups;
  while (groups != 0) {
    const int group = std::countr_zero(groups);
    groups &= groups - 1;
    const char formal_initial = NicknameTable()[static_cast<std::size_t>(group)].front();
    if (initials.find(formal_initial) == std::string::npos) initials.push_back(formal_initial);
  }
  return initials;
}

void AppendSurnameKeys(const PreparedList& list, const PreparedPerson& person, bool crosswise,
                       std::vector<BlockKey>& out) {
  constexpr BlockingKeyKind kind = BlockingKeyKind::kSurnameInitial;
  if (person.surname_variant_count == 0) return;

  // Phonetic keys of the full surname and of each part without particles.
  std::string phonetic[1 + kMaxSurnameCores];
  std::size_t phonetic_count = 0;
  auto add_phonetic = [&](std::string_view text) {
    std::string key = DutchPhoneticKey(text);
    if (key.empty()) return;
    for (std::size_t i = 0; i < phonetic_count; ++i) {
      if (phonetic[i] == key) return;
    }
    phonetic[phonetic_count++] = std::move(key);
  };
  add_phonetic(list.Text(person.surname_variants[0]));
  for (std::size_t i = 0; i < person.surname_core_count; ++i) {
    add_phonetic(list.Text(person.surname_cores[i]));
  }

  for (char initial : GivenInitials(list, person)) {
    for (std::size_t i = 0; i < phonetic_count; ++i) {
      out.push_back({KeyHasher(kind).Add(phonetic[i]).Add(std::uint64_t(initial)).Finish(), kind});
    }
  }

  // The key this record would have with its names swapped: the given name read as the
  // surname and the surname's first letter as the initial.
  const std::string_view given = list.Text(person.given_full);
  if (crosswise && !given.empty()) {
    const std::string key = DutchPhoneticKey(given);
    const char initial = list.Text(person.surname_variants[0]).front();
    if (!key.empty()) {
      out.push_back({KeyHasher(kind).Add(key).Add(std::uint64_t(initial)).Finish(), kind});
    }
  }
}

void AppendBirthDateKey(const PreparedPerson& person, std::vector<BlockKey>& out) {
  constexpr BlockingKeyKind kind = BlockingKeyKind::kBirthDate;
  const BirthDate& date = person.birth_date;
  if (!date.complete()) return;
  const std::uint64_t yymmdd = static_cast<std::uint64_t>(date.year) * 10000 +
                               static_cast<std::uint64_t>(date.month) * 100 +
                               static_cast<std::uint64_t>(date.day);
  out.push_back({KeyHasher(kind).Add(yymmdd).Finish(), kind});
}

void AppendAddressKey(const PreparedList& list, const PreparedPerson& person,
                      std::vector<BlockKey>& out) {
  constexpr BlockingKeyKind kind = BlockingKeyKind::kAddress;
  const std::string_view street = list.Text(person.street);
  if (street.empty() || !person.house_known) return;
  const std::string key = DutchPhoneticKey(street);
  if (key.empty()) return;
  out.push_back(
      {KeyHasher(kind).Add(key).Add(static_cast<std::uint64_t>(person.house_number)).Finish(),
       kind});
}

void AppendFirstNameYearKeys(const PreparedList& list, const PreparedPerson& person,
                             std::vector<BlockKey>& out) {
  constexpr BlockingKeyKind kind = BlockingKeyKind::kFirstNameYear;
  if (!person.birth_date.known() || person.given_token_count == 0) return;
  const auto year = static_cast<std::uint64_t>(person.birth_date.year);

  // A name in nickname groups is keyed by each group, so "Jef" meets "Jozef". Any other
  // name is keyed by the phonetic key of its first given name.
  std::uint64_t groups = person.nickname_groups;
  if (groups == 0) {
    const std::string key = DutchPhoneticKey(list.Text(person.given_tokens[0]));
    if (!key.empty()) out.push_back({KeyHasher(kind).Add(key).Add(year).Finish(), kind});
    return;
  }
  while (groups != 0) {
    const auto group = static_cast<std::uint64_t>(std::countr_zero(groups));
    groups &= groups - 1;
    out.push_back(
        {KeyHasher(kind).Add(std::string_view("#group")).Add(group).Add(year).Finish(), kind});
  }
}

}  // namespace

std::uint64_t HouseholdKey(const PreparedList& list, const PreparedPerson& person) {
  if (person.surname_variant_count == 0 || person.street.length == 0 || !person.house_known) {
    return 0;
  }
  const std::uint64_t key = KeyHasher(BlockingKeyKind::kAddress)
                                .Add(std::string_view("#household"))
                                .Add(list.Text(person.surname_variants[0]))
                                .Add(list.Text(person.street))
                                .Add(static_cast<std::uint64_t>(person.house_number))
                                .Add(static_cast<std::uint64_t>(person.house_range_end))
                                .Add(list.Text(person.house_suffix))
                                .Add(list.Text(person.house_box))
                                .Finish();
  return key == 0 ? 1 : key;
}

void AppendKeys(const PreparedList& list, const PreparedPerson& person,
                const BlockingOptions& options, bool crosswise, std::vector<BlockKey>& out) {
  if (Enabled(options, BlockingKeyKind::kSurnameInitial)) {
    AppendSurnameKeys(list, person, crosswise, out);
  }
  if (Enabled(options, BlockingKeyKind::kBirthDate)) AppendBirthDateKey(person, out);
  if (Enabled(options, BlockingKeyKind::kAddress)) AppendAddressKey(list, person, out);
  if (Enabled(options, BlockingKeyKind::kFirstNameYear)) {
    AppendFirstNameYearKeys(list, person, out);
  }
}

BlockIndex BlockIndex::Build(const PreparedList& right, const BlockingOptions& options,
                             unsigned threads) {
  // Step 1: every (key, record) entry, computed in parallel per range of records.
  struct Entry {
    std::uint64_t hash;
    std::uint32_t record;
    BlockingKeyKind kind;
  };
  constexpr std::size_t kChunk = 4096;
  const std::size_t chunk_count = (right.size() + kChunk - 1) / kChunk;
  std::vector<std::vector<Entry>> per_chunk(chunk_count);
  ParallelRanges(right.size(), threads, kChunk, [&](std::size_t begin, std::size_t end, unsigned) {
    std::vector<BlockKey> keys;
    std::vector<Entry>& entries = per_chunk[begin / kChunk];
    for (std::size_t i = begin; i < end; ++i) {
      keys.clear();
      AppendKeys(right, right[i], options, /*crosswise=*/false, keys);
      for (const BlockKey& key : keys) {
        entries.push_back({key.hash, static_cast<std::uint32_t>(i), key.kind});
      }
    }
  });
  std::vector<Entry> entries;
  for (std::vector<Entry>& chunk : per_chunk) {
    entries.insert(entries.end(), chunk.begin(), chunk.end());
    std::vector<Entry>().swap(chunk);
  }

  // Step 2: sort by key, then record, and drop a record's repeated key.
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.record < b.record;
  });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const Entry& a, const Entry& b) {
                              return a.hash == b.hash && a.record == b.record;
                            }),
                entries.end());

  // Step 3: flatten into distinct keys with offsets into one member array.
  BlockIndex index;
  index.max_block_size_ = options.max_block_size;
  index.members_.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i == 0 || entries[i].hash != entries[i - 1].hash) {
      index.hashes_.push_back(entries[i].hash);
      index.kinds_.push_back(entries[i].kind);
      index.offsets_.push_back(static_cast<std::uint32_t>(index.members_.size()));
    }
    index.members_.push_back(entries[i].record);
  }
  index.offsets_.push_back(static_cast<std::uint32_t>(index.members_.size()));
  return index;
}

BlockIndex::Block BlockIndex::Find(std::uint64_t hash) const {
  const auto found = std::lower_bound(hashes_.begin(), hashes_.end(), hash);
  if (found == hashes_.end() || *found != hash) return {};
  Block block;
  block.number = static_cast<std::size_t>(found - hashes_.begin());
  const std::size_t size = SizeOf(block.number);
  if (size > max_block_size_) {
    block.capped = true;
    return block;
  }
  block.members = std::span<const std::uint32_t>(members_).subspan(offsets_[block.number], size);
  return block;
}

std::span<const Candidate> CandidateScanner::CandidatesOf(std::size_t left_index) {
  keys_.clear();
  AppendKeys(left_, left_[left_index], options_, /*crosswise=*/true, keys_);
  std::sort(keys_.begin(), keys_.end(),
            [](const BlockKey& a, const BlockKey& b) { return a.hash < b.hash; });
  keys_.erase(std::unique(keys_.begin(), keys_.end(),
                          [](const BlockKey& a, const BlockKey& b) { return a.hash == b.hash; }),
              keys_.end());

  // Collect the members of every block, then merge repeats and their key kinds.
  raw_.clear();
  for (const BlockKey& key : keys_) {
    const BlockIndex::Block block = index_.Find(key.hash);
    if (block.capped) {
      ++capped_hits_[block.number];
      continue;
    }
    const auto bit = static_cast<std::uint8_t>(1u << static_cast<unsigned>(key.kind));
    for (std::uint32_t right : block.members) raw_.push_back({right, bit});
  }
  std::sort(raw_.begin(), raw_.end(),
            [](const Candidate& a, const Candidate& b) { return a.right < b.right; });
  merged_.clear();
  for (const Candidate& candidate : raw_) {
    if (!merged_.empty() && merged_.back().right == candidate.right) {
      merged_.back().key_mask |= candidate.key_mask;
    } else {
      merged_.push_back(candidate);
    }
  }
  for (const Candidate& candidate : merged_) {
    for (std::size_t kind = 0; kind < kBlockingKeyKindCount; ++kind) {
      if ((candidate.key_mask >> kind) & 1u) ++pairs_by_key_[kind];
    }
  }
  return merged_;
}

BlockingStats SummariseBlocking(std::size_t left_size, std::size_t right_size,
                                const BlockIndex& index, std::span<const CandidateScanner> scanners,
                                std::uint64_t candidate_pairs,
                                std::uint64_t skipped_equal_numbers) {
  BlockingStats stats;
  stats.possible_pairs = static_cast<std::uint64_t>(left_size) * right_size;
  stats.candidate_pairs = candidate_pairs;
  stats.skipped_equal_numbers = skipped_equal_numbers;
  stats.reduction_ratio =
      stats.possible_pairs == 0
          ? 1.0
          : 1.0 - static_cast<double>(candidate_pairs) / static_cast<double>(stats.possible_pairs);

  std::unordered_map<std::size_t, std::size_t> hits;
  for (const CandidateScanner& scanner : scanners) {
    for (std::size_t k = 0; k < kBlockingKeyKindCount; ++k) {
      stats.pairs_by_key[k] += scanner.pairs_by_key()[k];
    }
    for (const auto& [block, count] : scanner.capped_hits()) hits[block] += count;
  }
  for (const auto& [block, count] : hits) {
    stats.capped_blocks.push_back({index.KindOf(block), count, index.SizeOf(block)});
  }
  std::sort(stats.capped_blocks.begin(), stats.capped_blocks.end(),
            [](const CappedBlock& a, const CappedBlock& b) {
              if (a.right_records != b.right_records) return a.right_records > b.right_records;
              if (a.left_records != b.left_records) return a.left_records > b.left_records;
              return a.kind < b.kind;
            });
  return stats;
}

}  // namespace internal
}  // namespace adempauze::fuzzy
