#include "adempauze/matching/probable.h"

#include <chrono>
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "adempauze/fuzzy/matcher.h"
#include "matching/sealed_people.h"

namespace adempauze::matching {
namespace {

// Below this many dossiers to decide, EM has too few candidate pairs to learn from, and
// the default parameters (docs/formats/fuzzy-matching.md) score the pairs instead.
constexpr std::size_t kMinimumLeftForEm = 500;

struct Candidates {
  std::vector<fuzzy::Person> debtors;
  std::size_t received = 0;
  std::size_t not_client = 0;
};

// The dossiers exact matching could not place on the list: received without a blind index
// (no usable number), and not_client (a valid number that differs from the client's).
Result<Candidates> LoadDebtors(store::Store& store) {
  Result<store::Statement> query = store.database().Prepare(fmt::format(
      "SELECT {}, status FROM debtors WHERE (status = 'received' AND blind_index IS NULL) "
      "OR status = 'not_client' ORDER BY id",
      internal::PersonColumns("debtors")));
  if (!query.ok()) return query.error();
  Candidates candidates;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    Result<fuzzy::Person> person = internal::OpenPersonRow(store, "debtors", *query);
    if (!person.ok()) return person.error();
    ++(query->ColumnText(6) == "received" ? candidates.received : candidates.not_client);
    candidates.debtors.push_back(std::move(person).value());
  }
  return candidates;
}

Result<std::vector<fuzzy::Person>> LoadClients(store::Store& store) {
  Result<store::Statement> query = store.database().Prepare(
      fmt::format("SELECT {} FROM clients ORDER BY id", internal::PersonColumns("clients")));
  if (!query.ok()) return query.error();
  std::vector<fuzzy::Person> clients;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    Result<fuzzy::Person> person = internal::OpenPersonRow(store, "clients", *query);
    if (!person.ok()) return person.error();
    clients.push_back(std::move(person).value());
  }
  return clients;
}

Result<std::set<std::pair<std::int64_t, std::int64_t>>> LoadQueuedPairs(store::Database& db) {
  Result<store::Statement> query =
      db.Prepare("SELECT debtor_id, client_id FROM review_queue WHERE client_id IS NOT NULL");
  if (!query.ok()) return query.error();
  std::set<std::pair<std::int64_t, std::int64_t>> pairs;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    pairs.emplace(query->ColumnInt(0), query->ColumnInt(1));
  }
  return pairs;
}

fuzzy::MatcherConfig MakeConfig(CivilDate today, std::size_t left, std::size_t right,
                                const ProbableOptions& options) {
  fuzzy::MatcherConfig config;
  config.today = today;
  config.threads = options.threads;
  config.skip_equal_valid_numbers = true;
  if (left < kMinimumLeftForEm) config.estimation.source = fuzzy::ParameterSource::kConfigured;
  fuzzy::Thresholds thresholds = fuzzy::SuggestThresholds(right);
  if (options.review_threshold) {
    thresholds.lower = *options.review_threshold;
    thresholds.upper = std::max(thresholds.upper, thresholds.lower);
  }
  config.thresholds = thresholds;
  return config;
}

}  // namespace

std::string ContributionsJson(const fuzzy::ScoredPair& pair) {
  nlohmann::json fields = nlohmann::json::array();
  for (const fuzzy::FieldContribution& contribution : pair.contributions) {
    fields.push_back({{"field", fuzzy::FieldCode(contribution.field)},
                      {"level", fuzzy::LevelCode(contribution.level)},
                      {"weight", contribution.weight}});
  }
  nlohmann::json document = {{"fields", fields},
                             {"household_adjustment", pair.household_adjustment},
                             {"names_swapped", pair.names_swapped}};
  return document.dump();
}

Result<ProbableSummary> QueueProbableMatches(store::Store& store, const store::Actor& actor,
                                             CivilDate today, const ProbableOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  store::Database& db = store.database();
  ProbableSummary summary;
  Result<store::Transaction> transaction = store::Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();

  // Step 1: both lists decrypted in memory, and the pairs queued before.
  Result<Candidates> candidates = LoadDebtors(store);
  if (!candidates.ok()) return candidates.error();
  summary.received_considered = candidates->received;
  summary.not_client_considered = candidates->not_client;
  Result<std::vector<fuzzy::Person>> clients = LoadClients(store);
  if (!clients.ok()) return clients.error();
  summary.clients = clients->size();
  Result<std::set<std::pair<std::int64_t, std::int64_t>>> queued = LoadQueuedPairs(db);
  if (!queued.ok()) return queued.error();

  // Step 2: the matcher proposes pairs.
  const fuzzy::MatcherConfig config = MakeConfig(today, candidates->debtors.size(), clients->size(), options);
  summary.threshold = config.thresholds->lower;
  std::vector<fuzzy::ScoredPair> pairs;
  if (!candidates->debtors.empty() && !clients->empty()) {
    Result<fuzzy::MatchRun> run = fuzzy::FindProbableMatches(candidates->debtors, *clients, config);
    if (!run.ok()) return run.error();
    pairs = std::move(run->pairs);
  }
  candidates->debtors.clear();
  clients->clear();

  // Step 3: new pairs above the threshold go to the queue as pending.
  Result<store::Statement> insert = db.Prepare(
      "INSERT INTO review_queue (debtor_id, client_id, method, score, contributions, proposed_at, "
      "proposed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!insert.ok()) return insert.error();
  const std::string now = store.Now();
  for (const fuzzy::ScoredPair& pair : pairs) {
    if (pair.score < summary.threshold) continue;
    ++summary.proposed;
    const auto key = std::make_pair(static_cast<std::int64_t>(pair.left_id), static_cast<std::int64_t>(pair.right_id));
    if (queued->count(key) > 0) continue;
    insert->Bind(1, key.first)
        .Bind(2, key.second)
        .BindText(3, kFellegiSunterMethod)
        .Bind(4, pair.score)
        .BindText(5, ContributionsJson(pair))
        .BindText(6, now)
        .BindText(7, actor.name);
    if (Status status = insert->Run(); !status.ok()) return status.error();
    ++summary.queued;
  }
  Result<std::int64_t> pending = store::QueryInt(db, "SELECT count(*) FROM review_queue WHERE state = 'pending'");
  if (!pending.ok()) return pending.error();
  summary.pending = static_cast<std::size_t>(*pending);

  // Step 4: one log entry for the run, committed with the queue.
  store::AccessEntry entry;
  entry.actor = actor.name;
  entry.role = actor.role;
  entry.action = "match";
  entry.object_type = "match_run";
  entry.object_id = kFellegiSunterMethod;
  entry.purpose = actor.purpose;
  entry.outcome = "ok";
  entry.detail = fmt::format("received={} not_client={} clients={} proposed={} queued={} pending={}",
                                       summary.received_considered, summary.not_client_considered,
                                       summary.clients, summary.proposed, summary.queued, summary.pending);
  if (Result<std::int64_t> logged = store.access_log().Append(entry); !logged.ok()) return logged.error();
  if (Status committed = transaction->Commit(); !committed.ok()) return committed.error();

  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  spdlog::info("matching: fellegi_sunter run over {} dossiers and {} clients in {} ms: {} proposed, {} queued",
               summary.received_considered + summary.not_client_considered, summary.clients, elapsed.count(),
               summary.proposed, summary.queued);
  return summary;
}

}  // namespace adempauze::matching
