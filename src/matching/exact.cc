#include "adempauze/matching/exact.h"

#include <chrono>
#include <cstring>
#include <optional>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace adempauze::matching {
namespace {

using workflow::DossierStatus;

// The blind index is already a uniformly distributed keyed hash, so its first eight
// bytes are a good hash-table hash.
struct BlindIndexHash {
  std::size_t operator()(const crypto::BlindIndex& index) const {
    std::size_t hash = 0;
    std::memcpy(&hash, index.data(), sizeof(hash));
    return hash;
  }
};

using ClientIndex = std::unordered_map<crypto::BlindIndex, std::int64_t, BlindIndexHash>;

std::optional<crypto::BlindIndex> ToBlindIndex(const std::string& bytes) {
  if (bytes.size() != crypto::kBlindIndexBytes) return std::nullopt;
  crypto::BlindIndex index{};
  std::memcpy(index.data(), bytes.data(), index.size());
  return index;
}

// Loads the current client list's blind indexes into memory: 1,000,000 clients take
// about 70 MB.
Result<ClientIndex> LoadClients(store::Database& db) {
  Result<store::Statement> query =
      db.Prepare("SELECT id, blind_index FROM clients WHERE blind_index IS NOT NULL ORDER BY id");
  if (!query.ok()) return query.error();
  ClientIndex clients;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    std::optional<crypto::BlindIndex> index = ToBlindIndex(query->ColumnBlob(1));
    if (index) clients.emplace(*index, query->ColumnInt(0));  // the first client row wins
  }
  return clients;
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
    auto client = clients->find(*candidate.blind_index);
    if (client == clients->end()) {
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
        .Bind(2, client->second)
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
