// Retention and crypto-shredding (include/adempauze/store/retention.h,
// docs/formats/retention.md).
#include "adempauze/store/retention.h"

#include <algorithm>
#include <fstream>
#include <numeric>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <spdlog/spdlog.h>

namespace adempauze::store {
namespace {

// Tables with personal data, children first (foreign keys). Dossier numbers are personal
// enough to go with their rows; batches go too (file names, staff names).
constexpr std::string_view kPersonalTables[] = {"upload_reports", "review_queue", "dossier_corrections",
                                                "matches", "dossier_events", "clients", "debtors", "batches"};
// Tables that must take no new rows once retention ran.
constexpr std::string_view kClosedTables[] = {"debtors", "clients", "dossier_events", "matches",
                                              "upload_reports"};

constexpr std::string_view kCreateFigures = R"sql(
CREATE TABLE IF NOT EXISTS evaluation_figures (
  figure TEXT NOT NULL,
  dimension TEXT NOT NULL,
  value REAL NOT NULL,
  frozen_at TEXT NOT NULL,
  PRIMARY KEY (figure, dimension)
) WITHOUT ROWID
)sql";

Result<bool> TableExists(Database& db, std::string_view table) {
  Result<Statement> query = db.Prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1");
  if (!query.ok()) return query.error();
  query->BindText(1, table);
  Result<bool> row = query->Step();
  if (!row.ok()) return row.error();
  return query->ColumnInt(0) > 0;
}

Result<std::string> GetMeta(Database& db, std::string_view key) {
  Result<Statement> get = db.Prepare("SELECT value FROM meta WHERE key = ?1");
  if (!get.ok()) return get.error();
  get->BindText(1, key);
  Result<bool> row = get->Step();
  if (!row.ok()) return row.error();
  return *row ? get->ColumnText(0) : std::string();
}

Status PutMeta(Database& db, std::string_view key, std::string_view value) {
  Result<Statement> put = db.Prepare(
      "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  if (!put.ok()) return put.error();
  put->BindText(1, key).BindText(2, value);
  return put->Run();
}

// Runs a query of (dimension, value) rows and adds them as figures named `figure`.
Status AddGrouped(Database& db, std::string_view figure, std::string_view sql,
                  std::vector<EvaluationFigure>& figures) {
  Result<Statement> query = db.Prepare(sql);
  if (!query.ok()) return query.error();
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    figures.push_back({std::string(figure), query->ColumnText(0), query->ColumnDouble(1)});
  }
  return Status::Ok();
}

// Adds count, mean and median of the day counts that `sql` returns (one per dossier).
Status AddDurations(Database& db, std::string_view figure, std::string_view sql,
                    std::vector<EvaluationFigure>& figures) {
  Result<Statement> query = db.Prepare(sql);
  if (!query.ok()) return query.error();
  std::vector<double> days;
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    if (!query->ColumnIsNull(0)) days.push_back(query->ColumnDouble(0));
  }
  figures.push_back({std::string(figure), "count", static_cast<double>(days.size())});
  if (days.empty()) return Status::Ok();
  std::sort(days.begin(), days.end());
  const std::size_t n = days.size();
  const double median = n % 2 == 1 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2;
  figures.push_back({std::string(figure), "mean_days", std::accumulate(days.begin(), days.end(), 0.0) / n});
  figures.push_back({std::string(figure), "median_days", median});
  return Status::Ok();
}

Status Log(Store& store, const Actor& actor, std::string_view action, std::string detail) {
  AccessEntry entry;
  entry.actor = actor.name;
  entry.role = actor.role;
  entry.action = std::string(action);
  entry.object_type = "database";
  entry.object_id = "retention";
  entry.purpose = "retention";
  entry.outcome = "ok";
  entry.detail = std::move(detail);
  Result<std::int64_t> appended = store.access_log().Append(std::move(entry));
  return appended.ok() ? Status::Ok() : Status(appended.error());
}

Status CountRows(Database& db, RetentionReport& report) {
  for (std::string_view table : kPersonalTables) {
    Result<bool> exists = TableExists(db, table);
    if (!exists.ok()) return exists.error();
    if (!*exists) continue;
    Result<std::int64_t> rows = QueryInt(db, fmt::format("SELECT count(*) FROM {}", table));
    if (!rows.ok()) return rows.error();
    report.rows_deleted.emplace_back(std::string(table), *rows);
  }
  return Status::Ok();
}

Status CountLog(Database& db, const RetentionOptions& options, RetentionReport& report) {
  Result<std::int64_t> entries = QueryInt(db, "SELECT count(*) FROM access_log");
  if (!entries.ok()) return entries.error();
  report.log_entries = *entries;
  const CivilDate cutoff{options.today.year - options.log_retention_years, options.today.month,
                         std::min(options.today.day, 28)};
  Result<Statement> older = db.Prepare("SELECT count(*) FROM access_log WHERE at < ?1");
  if (!older.ok()) return older.error();
  older->BindText(1, cutoff.ToIso());
  Result<bool> row = older->Step();
  if (!row.ok()) return row.error();
  report.log_entries_past_retention = older->ColumnInt(0);
  return Status::Ok();
}

// Step (a) and (b) in one transaction: freeze the figures (once), delete the personal
// rows, close the tables for new personal data and log both.
Status FreezeAndDelete(Store& store, const RetentionOptions& options, RetentionReport& report) {
  Database& db = store.database();
  Result<Transaction> transaction = Transaction::Begin(db);
  if (!transaction.ok()) return transaction.error();

  Result<std::string> frozen_at = GetMeta(db, "retention.frozen_at");
  if (!frozen_at.ok()) return frozen_at.error();
  if (frozen_at->empty()) {
    if (Status status = db.Execute(kCreateFigures); !status.ok()) return status;
    Result<Statement> insert = db.Prepare(
        "INSERT INTO evaluation_figures (figure, dimension, value, frozen_at) VALUES (?1, ?2, ?3, ?4)");
    if (!insert.ok()) return insert.error();
    const std::string now = store.Now();
    for (const EvaluationFigure& figure : report.figures) {
      insert->BindText(1, figure.figure).BindText(2, figure.dimension).Bind(3, figure.value).BindText(4, now);
      if (Status status = insert->Run(); !status.ok()) return status;
    }
    if (Status status = PutMeta(db, "retention.frozen_at", now); !status.ok()) return status;
    if (Status status = Log(store, options.actor, "retention_freeze", fmt::format("figures={}", report.figures.size()));
        !status.ok()) {
      return status;
    }
  }

  std::string counts;
  for (const auto& [table, rows] : report.rows_deleted) {
    if (Status status = db.Execute(fmt::format("DELETE FROM {}", table)); !status.ok()) return status;
    counts += fmt::format("{}{}={}", counts.empty() ? "" : " ", table, rows);
  }
  for (std::string_view table : kClosedTables) {
    if (Status status = db.Execute(fmt::format(
            "CREATE TRIGGER IF NOT EXISTS retention_closed_{0} BEFORE INSERT ON {0} BEGIN "
            "SELECT RAISE(ABORT, 'retention ran: this database takes no personal data any more'); END",
            table));
        !status.ok()) {
      return status;
    }
  }
  for (auto [key, value] : {std::pair<std::string_view, std::string>{"retention.order", options.order},
                            {"retention.ordered_by", options.actor.name},
                            {"retention.deleted_at", store.Now()}}) {
    if (Status status = PutMeta(db, key, value); !status.ok()) return status;
  }
  if (Status status = Log(store, options.actor, "retention_delete", counts); !status.ok()) return status;
  return transaction->Commit();
}

// Step (c): the key file loses the data and blind-index keys. The database records the
// key check value of the shredded set first, so a crash between the two steps is repaired
// by the next run (RepairKeyCheck).
Status DestroyKeys(Store& store, const std::filesystem::path& key_file, const RetentionOptions& options,
                   RetentionReport& report) {
  const crypto::KeySet& keys = store.keys();
  if (!keys.has_data_key() && !keys.has_blind_index_key()) return Status::Ok();
  if (keys.has_data_key()) report.keys_destroyed.push_back("data:" + keys.DataKeyIdHex());
  if (keys.has_previous_data_key()) report.keys_destroyed.push_back("data:" + keys.PreviousDataKeyIdHex());
  if (keys.has_blind_index_key()) report.keys_destroyed.push_back("blind_index:" + keys.KeyIdHex());
  Result<crypto::KeySet> shredded = keys.WithoutPersonalDataKeys();
  if (!shredded.ok()) return shredded.error();

  std::string destroyed;
  for (const std::string& id : report.keys_destroyed) destroyed += (destroyed.empty() ? "" : " ") + id;
  {
    Result<Transaction> transaction = Transaction::Begin(store.database());
    if (!transaction.ok()) return transaction.error();
    if (Status status = PutMeta(store.database(), "retention.key_check_after", crypto::KeyCheckValue(*shredded));
        !status.ok()) {
      return status;
    }
    if (Status status = PutMeta(store.database(), "retention.keys_destroyed", destroyed); !status.ok()) return status;
    if (Status status = transaction->Commit(); !status.ok()) return status;
  }
  if (Status status = crypto::ReplaceKeyFile(key_file, *shredded, /*overwrite_old=*/true); !status.ok()) {
    return status;
  }
  Result<Transaction> transaction = Transaction::Begin(store.database());
  if (!transaction.ok()) return transaction.error();
  if (Status status = PutMeta(store.database(), "key_check", crypto::KeyCheckValue(*shredded)); !status.ok()) {
    return status;
  }
  if (Status status = Log(store, options.actor, "retention_keys_destroyed", destroyed); !status.ok()) return status;
  return transaction->Commit();
}

// After a crash between writing the shredded key file and recording its check value, the
// database still expects the old check value. Records the new one when the key file is
// the shredded one the database announced.
// NOTE: the log then lacks the retention_keys_destroyed entry of the interrupted run; the
// key ids stay in meta (retention.keys_destroyed) and reach the attestation from there.
Status RepairKeyCheck(const std::filesystem::path& database, const crypto::KeySet& keys) {
  Result<Database> db = Database::Open(database, Database::Mode::kExisting);
  if (!db.ok()) return db.error();
  Result<bool> has_meta = TableExists(*db, "meta");
  if (!has_meta.ok() || !*has_meta) return Status::Ok();
  Result<std::string> announced = GetMeta(*db, "retention.key_check_after");
  if (!announced.ok()) return announced.error();
  if (announced->empty() || *announced != crypto::KeyCheckValue(keys)) return Status::Ok();
  return PutMeta(*db, "key_check", *announced);
}

// Step (d): VACUUM rewrites the file without the freed pages, then the WAL is copied back
// and truncated to zero bytes.
Status VacuumAndTruncateWal(Database& db) {
  if (Status status = db.Execute("VACUUM"); !status.ok()) return status;
  return db.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
}

std::string HexOf(const unsigned char* bytes, std::size_t size) {
  return crypto::ToHex(std::string_view(reinterpret_cast<const char*>(bytes), size));
}

// Step (f): the attestation, signed over the compact serialisation of its "attestation"
// member (keys sorted, as nlohmann::json writes them).
nlohmann::json Attestation(Store& store, const RetentionOptions& options, const RetentionReport& report,
                           const std::filesystem::path& database) {
  nlohmann::json deleted = nlohmann::json::object();
  for (const auto& [table, rows] : report.rows_deleted) deleted[table] = rows;
  nlohmann::json attestation = {
      {"format", "adempauze.destruction-attestation.v1"},
      {"database", database.filename().string()},
      {"key_set_id", store.keys().KeyIdHex()},
      {"order", options.order},
      {"ordered_by", options.actor.name},
      {"date", options.today.ToIso()},
      {"deleted_rows", deleted},
      {"evaluation_figures", report.figures.size()},
      {"keys_destroyed", report.keys_destroyed},
      {"log_retention_years", options.log_retention_years},
      {"log_entries", report.log_entries},
      {"log_entries_past_retention_kept", report.log_entries_past_retention},
      {"vacuumed", true},
  };
  Result<std::string> frozen_at = GetMeta(store.database(), "retention.frozen_at");
  Result<std::string> deleted_at = GetMeta(store.database(), "retention.deleted_at");
  if (frozen_at.ok()) attestation["figures_frozen_at"] = *frozen_at;
  if (deleted_at.ok()) attestation["deleted_at"] = *deleted_at;
  return attestation;
}

Status WriteSignedAttestation(const crypto::KeySet& keys, const nlohmann::json& attestation,
                              const std::filesystem::path& path) {
  const std::string message = attestation.dump();
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), keys.signing_secret_key());
  nlohmann::json file = {
      {"attestation", attestation},
      {"signature",
       {{"algorithm", "Ed25519"},
        {"public_key", keys.SigningPublicKeyHex()},
        {"signed_bytes", "attestation, compact JSON with sorted keys"},
        {"value", HexOf(signature, sizeof(signature))}}},
  };
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  // Owner-only before any byte is written, like the exports and reports.
  std::error_code mode_error;
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::replace, mode_error);
  out << file.dump(2) << '\n';
  out.close();
  if (!out || mode_error) return MakeError(ErrorCode::kIo, "retention.attestation.write_failed", path.string());
  return Status::Ok();
}

// Adds a signing key to the key file when it has none (first use).
Result<crypto::KeySet> LoadKeysWithSigningKey(const std::filesystem::path& key_file, bool dry_run) {
  Result<crypto::KeySet> keys = crypto::LoadKeyFile(key_file);
  if (!keys.ok() || keys->has_signing_key() || dry_run) return keys;
  Result<crypto::KeySet> signing = keys->WithSigningKey();
  if (!signing.ok()) return signing.error();
  if (Status status = crypto::ReplaceKeyFile(key_file, *signing, false); !status.ok()) return status.error();
  return signing;
}

}  // namespace

Result<RetentionReport> RunRetention(const std::filesystem::path& database,
                                     const std::filesystem::path& key_file,
                                     const RetentionOptions& options, StoreOptions store_options) {
  if (options.order.empty()) return MakeError(ErrorCode::kInvalidArgument, "retention.order_missing");

  // Open: keys (with a signing key from now on), the repair of an interrupted step (c).
  Result<crypto::KeySet> keys = LoadKeysWithSigningKey(key_file, options.dry_run);
  if (!keys.ok()) return keys.error();
  if (!options.dry_run) {
    if (Status status = RepairKeyCheck(database, *keys); !status.ok()) return status.error();
  }
  Result<std::unique_ptr<Store>> opened = Store::Open(database, std::move(keys).value(), store_options);
  if (!opened.ok()) return opened.error();
  Store& store = **opened;

  // Plan: what goes, what stays.
  RetentionReport report;
  report.dry_run = options.dry_run;
  if (Status status = CountRows(store.database(), report); !status.ok()) return status.error();
  if (Status status = CountLog(store.database(), options, report); !status.ok()) return status.error();
  Result<std::string> frozen_at = GetMeta(store.database(), "retention.frozen_at");
  if (!frozen_at.ok()) return frozen_at.error();
  Result<std::vector<EvaluationFigure>> figures = frozen_at->empty()
                                                      ? ComputeEvaluationFigures(store.database(), options.today)
                                                      : ReadFrozenFigures(store.database());
  if (!figures.ok()) return figures.error();
  report.figures = std::move(figures).value();
  if (store.keys().has_data_key()) report.keys_destroyed.push_back("data:" + store.keys().DataKeyIdHex());
  if (store.keys().has_blind_index_key()) report.keys_destroyed.push_back("blind_index:" + store.keys().KeyIdHex());
  if (options.dry_run) return report;
  report.keys_destroyed.clear();

  // (a) + (b), then (c), (e) along the way, (d), (f).
  if (Status status = FreezeAndDelete(store, options, report); !status.ok()) return status.error();
  if (Status status = DestroyKeys(store, key_file, options, report); !status.ok()) return status.error();
  if (report.keys_destroyed.empty()) {
    Result<std::string> recorded = GetMeta(store.database(), "retention.keys_destroyed");
    if (recorded.ok() && !recorded->empty()) report.keys_destroyed.push_back(*recorded);
  }
  const nlohmann::json attestation = Attestation(store, options, report, database);
  {
    Result<Transaction> transaction = Transaction::Begin(store.database());
    if (!transaction.ok()) return transaction.error();
    unsigned char digest[32];
    const std::string text = attestation.dump();
    crypto_generichash(digest, sizeof(digest), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       nullptr, 0);
    if (Status status = Log(store, options.actor, "retention_attested", "blake2b=" + HexOf(digest, sizeof(digest)));
        !status.ok()) {
      return status.error();
    }
    if (Status status = transaction->Commit(); !status.ok()) return status.error();
  }
  if (Status status = VacuumAndTruncateWal(store.database()); !status.ok()) return status.error();
  if (Status status = WriteSignedAttestation(store.keys(), attestation, options.attestation_path); !status.ok()) {
    return status.error();
  }
  report.attestation_path = options.attestation_path.string();
  spdlog::info("retention: done, {} figures kept, keys destroyed, attestation written", report.figures.size());
  return report;
}

Result<std::vector<EvaluationFigure>> ComputeEvaluationFigures(Database& db, const CivilDate& today) {
  std::vector<EvaluationFigure> figures;
  const std::string end = today.ToIso() + "T23:59:59.999Z";
  Status status = AddGrouped(db, "final_status", "SELECT status, count(*) FROM debtors GROUP BY status", figures);
  if (status.ok()) {
    status = AddGrouped(db, "reached_status",
                        "SELECT to_status, count(DISTINCT debtor_id) FROM dossier_events GROUP BY to_status",
                        figures);
  }
  if (status.ok()) {
    status = AddGrouped(db, "debtors_per_import_month",
                        "SELECT substr(b.imported_at, 1, 7), count(*) FROM debtors d "
                        "JOIN batches b ON b.id = d.batch_id GROUP BY 1",
                        figures);
  }
  if (status.ok()) {
    status = AddGrouped(db, "matches", "SELECT method || '/' || decision, count(*) FROM matches GROUP BY 1", figures);
  }
  if (status.ok()) {
    // From the first pause to the first resume or closing, or to the retention date.
    status = AddDurations(
        db, "days_paused",
        fmt::format("SELECT COALESCE((SELECT min(julianday(e.at)) FROM dossier_events e "
                    "WHERE e.debtor_id = p.debtor_id AND e.to_status IN ('resume_collection', 'closed') "
                    "AND e.at >= p.start), julianday('{}')) - julianday(p.start) "
                    "FROM (SELECT debtor_id, min(at) AS start FROM dossier_events "
                    "WHERE to_status = 'client_paused' GROUP BY debtor_id) p",
                    end),
        figures);
  }
  if (status.ok()) {
    status = AddDurations(db, "days_to_resume",
                          "SELECT min(julianday(e.at)) - julianday(b.imported_at) FROM dossier_events e "
                          "JOIN debtors d ON d.id = e.debtor_id JOIN batches b ON b.id = d.batch_id "
                          "WHERE e.to_status = 'resume_collection' GROUP BY e.debtor_id",
                          figures);
  }
  if (!status.ok()) return status.error();
  return figures;
}

Result<std::vector<EvaluationFigure>> ReadFrozenFigures(Database& db) {
  std::vector<EvaluationFigure> figures;
  Result<bool> exists = TableExists(db, "evaluation_figures");
  if (!exists.ok()) return exists.error();
  if (!*exists) return figures;
  Result<Statement> query = db.Prepare("SELECT figure, dimension, value FROM evaluation_figures ORDER BY figure, dimension");
  if (!query.ok()) return query.error();
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    figures.push_back({query->ColumnText(0), query->ColumnText(1), query->ColumnDouble(2)});
  }
  return figures;
}

Status VerifyAttestation(const std::filesystem::path& path, std::string_view public_key_hex) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, "retention.attestation.not_found", path.string());
  nlohmann::json file = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  auto malformed = [&] { return MakeError(ErrorCode::kInvalidArgument, "retention.attestation.malformed", path.string()); };
  if (file.is_discarded() || !file.is_object() || !file.contains("attestation") || !file.contains("signature") ||
      !file["signature"].is_object() || !file["signature"].contains("value") ||
      !file["signature"]["value"].is_string()) {
    return malformed();
  }
  const std::string message = file["attestation"].dump();
  const std::string signature_hex = file["signature"]["value"].get<std::string>();
  unsigned char signature[crypto_sign_BYTES];
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  std::size_t signature_size = 0;
  std::size_t key_size = 0;
  if (sodium_hex2bin(signature, sizeof(signature), signature_hex.data(), signature_hex.size(), nullptr,
                     &signature_size, nullptr) != 0 ||
      signature_size != sizeof(signature) ||
      sodium_hex2bin(public_key, sizeof(public_key), public_key_hex.data(), public_key_hex.size(), nullptr,
                     &key_size, nullptr) != 0 ||
      key_size != sizeof(public_key)) {
    return malformed();
  }
  if (crypto_sign_verify_detached(signature, reinterpret_cast<const unsigned char*>(message.data()),
                                  message.size(), public_key) != 0) {
    return MakeError(ErrorCode::kCrypto, "retention.attestation.bad_signature", path.string());
  }
  return Status::Ok();
}

}  // namespace adempauze::store
