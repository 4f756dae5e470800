#include "adempauze/matching/exact.h"

#include <chrono>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace adempauze::matching {
namespace {

using workflow::DossierStatus;

// The current client list's blind indexes, for lookups by a dossier's blind index.
//
// An open-addressing table with linear probing. std::unordered_map allocates a node per
// client and follows two or three pointers per lookup. With 1,000,000 clients its cache
// misses took about a sixth of the CPU time of a 1,000,000-dossier run (perf, on the input
// of bench/run.sh). Here a lookup that finds nothing, the common case, reads one 8-byte
// slot, and a hit reads one entry more. The blind index is a uniformly distributed keyed
// hash, so its first eight bytes serve as the table's hash.
class ClientIndex {
 public:
  using Entry = std::pair<crypto::BlindIndex, std::int64_t>;  // (blind index, client row id)

  // The largest number of entries, because a slot refers to its entry with 32 bits.
  static constexpr std::size_t kMaxEntries = std::numeric_limits<std::uint32_t>::max() - 1;

  // Builds the table from `entries` in client row order. When an index occurs more than
  // once, the first row wins. REQUIRES: entries.size() <= kMaxEntries.
  explicit ClientIndex(std::vector<Entry> entries) : entries_(std::move(entries)) {
    std::size_t capacity = 16;
    while (capacity < entries_.size() * 2) capacity *= 2;  // load factor at most 1/2
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;

    std::size_t kept = 0;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      const std::uint64_t hash = HashOf(entries_[i].first);
      std::size_t position = hash & mask_;
      bool duplicate = false;
      while (slots_[position].entry != 0) {
        const Slot& slot = slots_[position];
        if (slot.tag == Tag(hash) && entries_[slot.entry - 1].first == entries_[i].first) {
          duplicate = true;
          break;
        }
        position = (position + 1) & mask_;
      }
      if (duplicate) continue;
      entries_[kept] = entries_[i];
      slots_[position] = Slot{Tag(hash), static_cast<std::uint32_t>(++kept)};
    }
    entries_.resize(kept);
  }

  // Returns the client row id stored for `index`, or nullopt.
  std::optional<std::int64_t> Find(const crypto::BlindIndex& index) const {
    const std::uint64_t hash = HashOf(index);
    for (std::size_t position = hash & mask_; slots_[position].entry != 0; position = (position + 1) & mask_) {
      const Slot& slot = slots_[position];
      if (slot.tag == Tag(hash) && entries_[slot.entry - 1].first == index) return entries_[slot.entry - 1].second;
    }
    return std::nullopt;
  }

  // Returns the number of distinct blind indexes.
  std::size_t size() const { return entries_.size(); }

 private:
  struct Slot {
    std::uint32_t tag = 0;    // high half of the hash, to skip most entries without reading them
    std::uint32_t entry = 0;  // 1-based position in entries_, or 0 for an empty slot
  };

  static std::uint64_t HashOf(const crypto::BlindIndex& index) {
    std::uint64_t hash = 0;
    std::memcpy(&hash, index.data(), sizeof(hash));
    return hash;
  }
  static std::uint32_t Tag(std::uint64_t hash) { return static_cast<std::uint32_t>(hash >> 32); }

  std::vector<Entry> entries_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

std::optional<crypto::BlindIndex> ToBlindIndex(const std::string& bytes) {
  if (bytes.size() != crypto::kBlindIndexBytes) return std::nullopt;
  crypto::BlindIndex index{};
  std::memcpy(index.data(), bytes.data(), index.size());
  return index;
}

// Loads the current client list's blind indexes into memory: 1,000,000 clients take
// about 56 MB (40 bytes per entry and 16 bytes of slots).
Result<ClientIndex> LoadClients(store::Database& db) {
  Result<store::Statement> query =
      db.Prepare("SELECT id, blind_index FROM clients WHERE blind_index IS NOT NULL ORDER BY id");
  if (!query.ok()) return query.error();
  std::vector<ClientIndex::Entry> entries;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    std::optional<crypto::BlindIndex> index = ToBlindIndex(query->ColumnBlob(1));
    if (index) entries.emplace_back(*index, query->ColumnInt(0));
  }
  if (entries.size() > ClientIndex::kMaxEntries) {
    return MakeError(ErrorCode::kInternal, "common.error.internal", "client list too large for the match index");
  }
  return ClientIndex(std::move(entries));
}

struct Candidate {
  workflow::DossierState state;
  std::optional<crypto::BlindIndex> blind_index;
};

// Reads every dossier that matching may move, before any is changed, so the updates do
// not disturb the scan.
Result<std::vector<Candidate>> LoadCandidates(store::Database& db) {
  Result<store::Statement> query = db.Prepare(
      "SELECT id, dossier_number, status, version, follow_up_deadline, blind_index FROM debtors "
      "WHERE status IN ('received', 'not_client') ORDER BY id");
  if (!query.ok()) return query.error();
  std::vector<Candidate> candidates;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    Candidate candidate;
    candidate.state.debtor_id = query->ColumnInt(0);
    candidate.state.dossier_number = query->ColumnText(1);
    candidate.state.status = workflow::ParseStatus(query->ColumnText(2)).value_or(DossierStatus::kReceived);
    candidate.state.version = query->ColumnInt(3);
    if (!query->ColumnIsNull(4)) candidate.state.follow_up_deadline = CivilDate::FromIso(query->ColumnText(4));
    if (!query->ColumnIsNull(5)) candidate.blind_index = ToBlindIndex(query->ColumnBlob(5));
    candidates.push_back(std::move(candidate));
  }
  return candidates;
}

}  // namespace

Result<MatchSummary> MatchExact(store::Store& store, const store::Actor& actor, CivilDate today,
                                const MatchOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  store::Database& db = store.database();
  MatchSummary summary;

  // One transaction: every dossier moves, or none does.
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();

  // Step 1: the client list in memory, the dossiers to decide in a vector.
  Result<ClientIndex> clients = LoadClients(db);
  if (!clients.ok()) return clients.error();
  summary.clients = clients->size();
  Result<std::vector<Candidate>> candidates = LoadCandidates(db);
  if (!candidates.ok()) return candidates.error();
  summary.considered = candidates->size();

  // Step 2: decide each dossier and write the change, its history and the match.
  Result<workflow::StatusWriter> writer = workflow::StatusWriter::Create(store, options.workflow);
  if (!writer.ok()) return writer.error();
  Result<store::Statement> insert_match = db.Prepare(
      "INSERT INTO matches (debtor_id, client_id, method, score, decision, decided_by, decided_at) "
      "VALUES (?1, ?2, ?3, ?4, 'accepted', ?5, ?6)");
  if (!insert_match.ok()) return insert_match.error();
  const std::string now = store.Now();
  for (const Candidate& candidate : *candidates) {
    const bool received = candidate.state.status == DossierStatus::kReceived;
    if (!candidate.blind_index) {
      if (received) ++summary.without_number;
      else ++summary.still_not_client;
      continue;
    }
    std::optional<std::int64_t> client = clients->Find(*candidate.blind_index);
    if (!client) {
      if (!received) {
        ++summary.still_not_client;
        continue;
      }
      Result<workflow::StatusChange> change = writer->Apply(
          candidate.state, DossierStatus::kNotClient, "match.none", "", actor, today);
      if (!change.ok()) return change.error();
      ++summary.not_client;
      continue;
    }
    Result<workflow::StatusChange> change = writer->Apply(
        candidate.state, DossierStatus::kClientPaused, "match.exact", "", actor, today);
    if (!change.ok()) return change.error();
    ++(received ? summary.paused : summary.became_client);
    insert_match->Bind(1, candidate.state.debtor_id)
        .Bind(2, *client)
        .BindText(3, kExactMethod)
        .Bind(4, kExactScore)
        .BindText(5, actor.name)
        .BindText(6, now);
    if (Status status = insert_match->Run(); !status.ok()) return status.error();
  }

  // Step 3: one log entry for the run, committed with the changes.
  store::AccessEntry entry{0, "", actor.name, actor.role, "match", "match_run", "exact",
                           actor.purpose, "ok",
                           fmt::format("considered={} paused={} became_client={} not_client={} "
                                       "without_number={} clients={}",
                                       summary.considered, summary.paused, summary.became_client,
                                       summary.not_client, summary.without_number, summary.clients)};
  if (Result<std::int64_t> logged = store.access_log().Append(entry); !logged.ok()) {
    return logged.error();
  }
  if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();

  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  spdlog::info("matching: exact run over {} dossiers and {} clients in {} ms: {} paused, {} became "
               "client, {} not client, {} without number",
               summary.considered, summary.clients, elapsed.count(), summary.paused,
               summary.became_client, summary.not_client, summary.without_number);
  return summary;
}

}  // namespace adempauze::matching
